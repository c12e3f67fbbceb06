import { RevenuePerConversion, revenuePerConversion, type Order, type RevenuePerConversionResult } from 'xsell-kpi';
import { exactRevenueText, invalidEventArb, streamArb } from '../arbitraries/events.js';
import { checkLaws, type AccumulatorClass } from '../laws/checkLaws.js';
import { checkFromJSONFuzz } from '../laws/fromJSONFuzz.js';

const common = {
  name: 'RevenuePerConversion',
  // `source` is a required option, which the suite's class type (`new (options?)`) does not model.
  Class: RevenuePerConversion as unknown as AccumulatorClass<Order, RevenuePerConversionResult>,
  invalid: invalidEventArb(['order']),
  formula: revenuePerConversion,
  countFields: ['conversions'],
  moneyFields: ['value', 'revenue'],
  denominator: (result: RevenuePerConversionResult) => result.conversions,
};
const crossSold = (orders: Order[]) => ({ revenue: exactRevenueText(orders, (line) => line.source === 'cross-sell') });
const upsold = (orders: Order[]) => ({ revenue: exactRevenueText(orders, (line) => line.source === 'upsell') });

checkLaws({ ...common, options: { source: 'cross-sell' }, events: streamArb(), exactMoney: crossSold, dedupe: true, incompatibleOptions: [{ source: 'upsell' }, { source: 'cross-sell', currency: 'USD' }] });
checkLaws({ ...common, options: { source: 'upsell', currency: 'USD' }, events: streamArb({ currency: 'USD' }), exactMoney: upsold, dedupe: true, incompatibleOptions: [{ source: 'upsell' }] });
checkLaws({ ...common, options: { source: 'cross-sell', dedupe: false }, events: streamArb({ currency: 'USD' }), exactMoney: crossSold, dedupe: false, incompatibleOptions: [{ source: 'cross-sell' }] });

checkFromJSONFuzz({ ...common, options: { source: 'cross-sell' }, events: streamArb() });
checkFromJSONFuzz({ ...common, options: { source: 'upsell', dedupe: false }, events: streamArb({ currency: 'USD' }) });
