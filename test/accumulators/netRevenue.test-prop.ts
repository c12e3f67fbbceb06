import { NetRevenue, netRevenue, type NetRevenueResult, type Order, type Return } from 'xsell-kpi';
import { exactReturnsText, exactRevenueText, invalidEventArb, ordersOf, returnsOf, streamArb } from '../arbitraries/events.js';
import * as big from '../reference/bigDecimal.js';
import { checkLaws } from '../laws/checkLaws.js';
import { checkFromJSONFuzz } from '../laws/fromJSONFuzz.js';

/** Gross revenue of every order (guests' included), the returns, and the difference, by the BigInt reference. */
function exactMoney(events: (Order | Return)[]): Record<string, string> {
  const grossRevenue = exactRevenueText(ordersOf(events));
  const returns = exactReturnsText(returnsOf(events));
  return { grossRevenue, returns, value: big.toPlainString(big.subtract(big.parse(grossRevenue), big.parse(returns))) };
}

const common = {
  name: 'NetRevenue',
  Class: NetRevenue,
  invalid: invalidEventArb(['order', 'return']),
  formula: netRevenue,
  moneyFields: ['value', 'grossRevenue', 'returns'],
  denominator: (_result: NetRevenueResult) => 1,
  exactMoney,
};

checkLaws({ ...common, events: streamArb({ kinds: ['order', 'return'] }), dedupe: true, incompatibleOptions: [{ currency: 'USD' }] });
checkLaws({ ...common, options: { currency: 'USD', dedupe: false }, events: streamArb({ kinds: ['order', 'return'], currency: 'USD' }), dedupe: false, incompatibleOptions: [{ dedupe: false }] });

checkFromJSONFuzz({ ...common, events: streamArb({ kinds: ['order', 'return'] }) });
