import * as big from '../reference/bigDecimal.js';
import { CustomerLifetimeValue, customerLifetimeValue, type CustomerLifetimeValueResult, type Order, type Return } from 'xsell-kpi';
import { exactReturnsText, exactRevenueText, invalidEventArb, isGuest, ordersOf, returnsOf, streamArb } from '../arbitraries/events.js';
import { checkLaws } from '../laws/checkLaws.js';
import { checkFromJSONFuzz } from '../laws/fromJSONFuzz.js';

/** The customers' revenue (guest orders are no customer's), less, net of returns, what the customers with an order got back. */
function exactRevenue(events: (Order | Return)[], netOfReturns: boolean): string {
  const orders = ordersOf(events).filter((order) => !isGuest(order));
  const gross = exactRevenueText(orders);
  if (!netOfReturns) return gross;
  const customers = new Set(orders.map((order) => String(order.customerId)));
  const returned = returnsOf(events).filter((event) => !isGuest(event) && customers.has(String(event.customerId)));
  return big.toPlainString(big.subtract(big.parse(gross), big.parse(exactReturnsText(returned))));
}

const common = {
  name: 'CustomerLifetimeValue',
  Class: CustomerLifetimeValue,
  formula: customerLifetimeValue,
  countFields: ['customers'],
  moneyFields: ['value', 'revenue'],
  denominator: (result: CustomerLifetimeValueResult) => result.customers,
  observe: (acc: unknown) => ({ result: (acc as CustomerLifetimeValue).result(), values: (acc as CustomerLifetimeValue).valuesByCustomer() }),
};
const gross = { ...common, invalid: invalidEventArb(['order']), exactMoney: (orders: Order[]) => ({ revenue: exactRevenue(orders, false) }) };
const net = { ...common, invalid: invalidEventArb(['order', 'return']), exactMoney: (events: (Order | Return)[]) => ({ revenue: exactRevenue(events, true) }) };

checkLaws({ ...gross, events: streamArb(), dedupe: true, incompatibleOptions: [{ currency: 'USD' }, { netOfReturns: true }] });
checkLaws({ ...gross, options: { currency: 'USD', dedupe: false }, events: streamArb({ currency: 'USD' }), dedupe: false, incompatibleOptions: [{ dedupe: false }] });
checkLaws({ ...net, options: { netOfReturns: true }, events: streamArb({ kinds: ['order', 'return'] }), dedupe: true, incompatibleOptions: [{}] });
checkLaws({ ...net, options: { netOfReturns: true, currency: 'USD', dedupe: false }, events: streamArb({ kinds: ['order', 'return'], currency: 'USD' }), dedupe: false });

checkFromJSONFuzz({ ...gross, events: streamArb() });
checkFromJSONFuzz({ ...net, options: { netOfReturns: true }, events: streamArb({ kinds: ['order', 'return'] }) });
