// Who will come back, and what are they worth, cross-sold or not? The example shop's orders of
// 2025 (examples/data/orders.csv) summarized per customer, the BG/NBD and Gamma-Gamma models
// fitted to them, and each customer's predicted lifetime value over the next 52 weeks, compared
// between the customers who were cross-sold (bought two or more different products) and the
// others. Run with `npx tsx examples/predicted-value.ts`.
import { readFileSync } from 'node:fs';
import { CrossSellCohorts, CustomerSummary, customerLifetimeValue, fitBgNbd, fitGammaGamma, formatMoney, formatPercent, predictCustomerValue, toMoney, type Decimal, type Order } from 'xsell-kpi';

/** The example CSV as orders: an order's rows are consecutive; timestamps are UTC; no cell is quoted. */
function readOrders(path: URL): Order[] {
  const [header, ...rows] = readFileSync(path, 'utf8').trim().split('\n');
  const names = header!.split(',');
  const orders: Order[] = [];
  for (const row of rows) {
    const cell = Object.fromEntries(row.split(',').map((value, index) => [names[index]!, value]));
    let order = orders.at(-1);
    if (order === undefined || order.orderId !== cell['order_id']) {
      order = { orderId: cell['order_id']!, customerId: cell['customer_id']!, timestamp: `${cell['timestamp']!.replace(' ', 'T')}Z`, currency: cell['currency']!, lines: [] };
      orders.push(order);
    }
    order.lines.push({ sku: cell['sku']!, category: cell['category']!, quantity: Number(cell['quantity']), unitPrice: cell['unit_price']!, ...(cell['discount'] ? { discount: cell['discount'] } : {}) });
  }
  return orders;
}

const orders = readOrders(new URL('./data/orders.csv', import.meta.url));

// 1. Frequency, recency, T (weeks) and the mean repeat purchase per customer, to the end of 2025.
const { customers, currency } = CustomerSummary.of(orders, { observationEnd: '2025-12-31', timeUnit: 'week' });

// 2. The models: how often customers buy and when they drop out (BG/NBD), how much per purchase
// (Gamma-Gamma). The example shop's made-up customers never leave, and the fit sees it: a, the
// dropout parameter, is near 0, so every P(alive) is near 1. Real customers do leave: the guide
// "Who will come back, and what are they worth?" fits the CDNOW data, where P(alive) tells them apart.
const purchases = fitBgNbd(customers);
const spend = fitGammaGamma(customers);
const { r, alpha, a, b } = purchases.params;
console.log(`${customers.length} customers; BG/NBD r ${r.toFixed(3)}, alpha ${alpha.toFixed(2)}, a ${a.toPrecision(3)}, b ${b.toPrecision(3)}`);
console.log(`Gamma-Gamma p ${spend.params.p.toFixed(3)}, q ${spend.params.q.toFixed(3)}, v ${spend.params.v.toFixed(2)}\n`);

// 3. The next 52 weeks of each customer, discounted at 1 % a week.
const predicted = new Map(customers.map((customer) => [customer.customerId, { customer, clv: predictCustomerValue({ purchases, spend, customer, horizon: 52, discountRate: 0.01 }) }]));

// 4. The cross-sold cohort against the others: what they spent so far, and what they are expected to spend.
const cohorts = new CrossSellCohorts();
cohorts.addAll(orders);
const byCohort = { crossSold: [] as string[], other: [] as string[] };
for (const [customerId, cohort] of cohorts.cohortsByCustomer()) byCohort[cohort].push(customerId);
const history = cohorts.result();

const money = (value: Decimal | null) => formatMoney(value, currency);
console.log('cohort       customers  spent so far (mean)  repeat rate  P(alive)  expected purchases  predicted CLV (mean)');
for (const name of ['crossSold', 'other'] as const) {
  const members = byCohort[name].map((customerId) => predicted.get(customerId)!);
  const total = members.reduce((sum, { clv }) => sum.plus(clv), toMoney(0));
  const alive = members.reduce((sum, { customer }) => sum + purchases.probabilityAlive(customer), 0) / members.length;
  const expected = members.reduce((sum, { customer }) => sum + purchases.conditionalExpectedPurchases(52, customer), 0) / members.length;
  console.log(
    [
      (name === 'crossSold' ? 'cross-sold' : 'other').padEnd(11),
      String(members.length).padStart(10),
      money(history[name].averageLifetimeValue).padStart(20),
      formatPercent(history[name].repeatPurchaseRate).padStart(12),
      alive.toFixed(3).padStart(9),
      expected.toFixed(2).padStart(19),
      // revenue ÷ customers, rounded once (the library's Decimal divides exactly: 1/3 would never end).
      money(customerLifetimeValue({ revenue: total, customers: members.length })).padStart(21),
    ].join(' '),
  );
}

// The five customers worth the most.
console.log('\nTop five by predicted CLV:');
const top = [...predicted.values()].sort((x, y) => y.clv.comparedTo(x.clv)).slice(0, 5);
for (const { customer, clv } of top) {
  const cohort = cohorts.cohortsByCustomer().get(customer.customerId) === 'crossSold' ? 'cross-sold' : 'other';
  const repeats = `${customer.frequency} repeat purchase${customer.frequency === 1 ? '' : 's'}`;
  console.log(`  ${customer.customerId}  ${cohort.padEnd(10)}  ${repeats}, last in week ${customer.recency.toFixed(1)} of ${customer.T.toFixed(1)}: ${money(clv)}`);
}
