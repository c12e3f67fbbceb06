import { CustomerLifetimeValue, customerLifetimeValue, type CustomerLifetimeValueResult, type Order } from 'xsell-kpi';
import { exactRevenueText, invalidEventArb, streamArb } from '../arbitraries/events.js';
import { checkLaws } from '../laws/checkLaws.js';
import { checkFromJSONFuzz } from '../laws/fromJSONFuzz.js';

const common = {
  name: 'CustomerLifetimeValue',
  Class: CustomerLifetimeValue,
  invalid: invalidEventArb(['order']),
  formula: customerLifetimeValue,
  countFields: ['customers'],
  moneyFields: ['value', 'revenue'],
  denominator: (result: CustomerLifetimeValueResult) => result.customers,
  exactMoney: (orders: Order[]) => ({ revenue: exactRevenueText(orders) }),
  observe: (acc: unknown) => ({ result: (acc as CustomerLifetimeValue).result(), values: (acc as CustomerLifetimeValue).valuesByCustomer() }),
};

checkLaws({ ...common, events: streamArb(), dedupe: true, incompatibleOptions: [{ currency: 'USD' }] });
checkLaws({ ...common, options: { currency: 'USD', dedupe: false }, events: streamArb({ currency: 'USD' }), dedupe: false, incompatibleOptions: [{ dedupe: false }] });

checkFromJSONFuzz({ ...common, events: streamArb() });
