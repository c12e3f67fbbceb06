// Version 2 fingerprints are saved in every de-duplicating state (`state.seen`): a re-delivery
// after a restore is compared with them, so the function may not change without a new state
// version. Pinned here for orders that take each path of the hash (small integers, 2³⁰ and
// above, safe integers past 2³², fractions, strings of odd and even length, every order field).
// Found by mutation testing (docs/mutation.md): a changed hash that is still deterministic passes
// every other test.
import { expect, test } from 'vitest';
import { CrossSellRate, type Order } from 'xsell-kpi';

const at = '2026-01-05T10:00:00Z';
const orders: Order[] = [
  { orderId: 'o1', customerId: 'ann', timestamp: at, lines: [{ sku: 'A', unitPrice: '10' }] },
  { orderId: 'o2', customerId: 'bo', timestamp: at, lines: [{ sku: 'AB', unitPrice: '1073.741823', quantity: 3 }] },
  { orderId: 'o3', customerId: 'cyd', timestamp: at, lines: [{ sku: 'ABC', unitPrice: '1073.741824' }] },
  { orderId: 'o4', customerId: 'dana', timestamp: at, lines: [{ sku: 'ABCD', unitPrice: '123456789012.5', quantity: 1.5 }] },
  { orderId: 'o5', customerId: 'eve', timestamp: at, channel: 'web', segment: 'b2b', currency: 'EUR', lines: [{ sku: 'é', category: 'shoes', unitPrice: '0.000001', discount: '0', source: 'upsell' }] },
  { orderId: 'o6', customerId: null, timestamp: at, dimensions: { region: 'north' }, lines: [{ sku: 'Z', unitPrice: '99999999999999.99', quantity: 1000 }] },
];

test('version 2 fingerprints of known orders are what earlier states saved', () => {
  const seen = (new CrossSellRate().addAll(orders).toJSON().state as { seen: [string, number][] }).seen;
  expect(seen).toStrictEqual([
    ['o1', 2375130812349358],
    ['o2', 57008153833758],
    ['o3', 8363809326894420],
    ['o4', 4706528409972687],
    ['o5', 5828738820958169],
    ['o6', 7972419567552074],
  ]);
});
