import { AverageOrderValue, averageOrderValue, type AverageOrderValueResult, type Order } from 'xsell-kpi';
import { exactRevenueText, invalidEventArb, streamArb } from '../arbitraries/events.js';
import { checkLaws, type Accumulator } from '../laws/checkLaws.js';
import { checkFromJSONFuzz } from '../laws/fromJSONFuzz.js';

const common = {
  name: 'AverageOrderValue',
  Class: AverageOrderValue,
  invalid: invalidEventArb(['order']),
  formula: averageOrderValue,
  countFields: ['orders'],
  moneyFields: ['value', 'revenue'],
  denominator: (result: AverageOrderValueResult) => result.orders,
  exactMoney: (orders: Order[]) => ({ revenue: exactRevenueText(orders) }),
  // moments() (count, mean, sample variance) must obey the laws too: merged, restored or reordered, the same numbers.
  observe: (acc: Accumulator<Order, AverageOrderValueResult>) => ({ result: acc.result(), moments: (acc as AverageOrderValue).moments() }),
};

checkLaws({ ...common, events: streamArb(), dedupe: true, incompatibleOptions: [{ currency: 'USD' }] });
checkLaws({ ...common, options: { currency: 'EUR' }, events: streamArb(), dedupe: true, incompatibleOptions: [{}, { currency: 'USD' }] });
checkLaws({ ...common, options: { currency: 'USD', dedupe: false }, events: streamArb({ currency: 'USD' }), dedupe: false, incompatibleOptions: [{ currency: 'USD' }] });

checkFromJSONFuzz({ ...common, events: streamArb() });
checkFromJSONFuzz({ ...common, options: { currency: 'USD', dedupe: false }, events: streamArb({ currency: 'USD' }), numRuns: 4000 });
