import { RevenueShare, revenueShare, type Order, type RevenueShareResult } from 'xsell-kpi';
import { exactRevenueText, invalidEventArb, streamArb } from '../arbitraries/events.js';
import { checkLaws, type AccumulatorClass } from '../laws/checkLaws.js';
import { checkFromJSONFuzz } from '../laws/fromJSONFuzz.js';

const common = {
  name: 'RevenueShare',
  // `source` is a required option, which the suite's class type (`new (options?)`) does not model.
  Class: RevenueShare as unknown as AccumulatorClass<Order, RevenueShareResult>,
  invalid: invalidEventArb(['order']),
  formula: revenueShare,
  ratioFields: ['value'],
  moneyFields: ['part', 'total'],
};
const exact = (source: 'cross-sell' | 'upsell') => (orders: Order[]) => ({ part: exactRevenueText(orders, (line) => line.source === source), total: exactRevenueText(orders) });
/** The total is 0 (value null) exactly when every order is free. */
const denominator = (result: RevenueShareResult) => (result.total.isZero() ? 0 : 1);

checkLaws({ ...common, options: { source: 'cross-sell' }, events: streamArb(), exactMoney: exact('cross-sell'), denominator, dedupe: true, incompatibleOptions: [{ source: 'upsell' }] });
checkLaws({ ...common, options: { source: 'upsell', currency: 'USD', dedupe: false }, events: streamArb({ currency: 'USD' }), exactMoney: exact('upsell'), denominator, dedupe: false, incompatibleOptions: [{ source: 'cross-sell', currency: 'USD', dedupe: false }] });

checkFromJSONFuzz({ ...common, options: { source: 'cross-sell' }, events: streamArb() });
