// Is the change real? An A/B test of a cross-sell widget on a seeded, simulated shop:
// plan the sample size, stream each arm's orders into accumulators, compare the cross-sell rate
// (compareRates) and the average order value (compareMeans on AverageOrderValue#moments()), and
// check the test itself with simulated A/A tests. Guide: docs/guides/is-the-change-real.md.
// Exits non-zero if any figure is inconsistent.
import { mulberry32 } from './support/random.js';
import {
  AverageOrderValue,
  CrossSellRate,
  compareMeans,
  compareRates,
  formatMoney,
  formatPercent,
  sampleSize,
  wilsonInterval,
  type CompareMeansResult,
  type CompareRatesResult,
  type Order,
} from 'xsell-kpi';

const PRODUCTS = [
  { sku: 'laptop-13', unitPrice: '999.00' },
  { sku: 'laptop-15', unitPrice: '1299.00' },
  { sku: 'monitor', unitPrice: '249.00' },
  { sku: 'headphones', unitPrice: '89.00' },
];
const ADD_ONS = [
  { sku: 'sleeve', unitPrice: '29.90' },
  { sku: 'mouse', unitPrice: '24.99' },
  { sku: 'usb-c-hub', unitPrice: '49.50' },
  { sku: 'care-plan', unitPrice: '149.00' },
];

/**
 * One arm's orders: each customer places one or two orders of the same product; with probability
 * `addOnChance` an order also carries an add-on (the widget raises that chance), which makes the
 * customer cross-sold (two distinct products).
 */
function armOrders(arm: string, customers: number, addOnChance: number, next: () => number): Order[] {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const orders: Order[] = [];
  for (let customer = 0; customer < customers; customer++) {
    const count = next() < 0.3 ? 2 : 1;
    const product = pick(PRODUCTS);
    for (let index = 0; index < count; index++) {
      const lines: Order['lines'] = [{ ...product }];
      if (next() < addOnChance) lines.push({ ...pick(ADD_ONS), source: 'cross-sell' });
      orders.push({ orderId: `${arm}-${customer}-${index}`, customerId: `${arm}-${customer}`, timestamp: Date.UTC(2026, 2, 1 + index), currency: 'EUR', lines });
    }
  }
  return orders;
}

const problems: string[] = [];
const check = (ok: boolean, what: string) => {
  if (!ok) problems.push(what);
};

// 1. Plan: today about 20 % of customers are cross-sold; the smallest rise worth acting on is
// 4 points. Decide the sample size before starting, and do not stop early.
const perArm = sampleSize({ baseline: 0.2, minimumDetectableEffect: 0.04, alpha: 0.05, power: 0.8 });
const customersPerArm = 2000;
console.log(`Plan: detecting 20% → 24% cross-sold customers (α 0.05, power 0.8) needs ${perArm.toLocaleString('en-US')} customers per arm; we run ${customersPerArm.toLocaleString('en-US')}.\n`);
check(customersPerArm >= perArm, 'the test is smaller than planned');

// 2. Run: stream each arm's orders into its own accumulators (in a service these would be
// persisted and merged across workers, as in examples/service.ts).
const next = mulberry32(20261201);
const arms = {
  control: { crossSell: new CrossSellRate(), orderValue: new AverageOrderValue({ currency: 'EUR' }) },
  treatment: { crossSell: new CrossSellRate(), orderValue: new AverageOrderValue({ currency: 'EUR' }) },
};
for (const order of armOrders('a', customersPerArm, 0.16, next)) {
  arms.control.crossSell.add(order);
  arms.control.orderValue.add(order);
}
for (const order of armOrders('b', customersPerArm, 0.2, next)) {
  arms.treatment.crossSell.add(order);
  arms.treatment.orderValue.add(order);
}

// 3. Compare.
const crossSold = { control: arms.control.crossSell.result(), treatment: arms.treatment.crossSell.result() };
const orderValue = { control: arms.control.orderValue.result(), treatment: arms.treatment.orderValue.result() };
const moments = { control: arms.control.orderValue.moments(), treatment: arms.treatment.orderValue.moments() };
const toRateArm = ({ crossSoldCustomers, customers }: { crossSoldCustomers: number; customers: number }) => ({ successes: crossSoldCustomers, trials: customers });
const rates = compareRates({ control: toRateArm(crossSold.control), treatment: toRateArm(crossSold.treatment) });
const means = compareMeans({ control: moments.control, treatment: moments.treatment });
if (rates === null || means === null) throw new Error('an arm is empty');

const wilson = {
  control: wilsonInterval(toRateArm(crossSold.control))!,
  treatment: wilsonInterval(toRateArm(crossSold.treatment))!,
};

const pad = (text: string, width: number) => text.padEnd(width);
const percent = (value: number | null) => formatPercent(value, { maximumFractionDigits: 1 });
const count = (value: number) => value.toLocaleString('en-US');
const relative = (value: number | null) => (value === null ? 'no relative lift: the control is 0' : `${value >= 0 ? '+' : '−'}${percent(Math.abs(value))} relative`);
const points = (value: number) => `${value >= 0 ? '+' : '−'}${(Math.abs(value) * 100).toFixed(1)} points`;
const euros = (value: number) => `${value >= 0 ? '+' : '−'}${formatMoney(Math.abs(value).toFixed(2), 'EUR')}`;
const pValue = (value: number) => (value < 0.0001 ? value.toExponential(1) : value.toFixed(4));
const verdict = (result: CompareRatesResult | CompareMeansResult) => (result.significant ? 'significant at 95%' : 'not significant at 95%: could be noise');

console.log('A/B test of the cross-sell widget (seeded simulation)');
console.log(`${pad('', 24)}${pad('control', 22)}treatment`);
console.log(`${pad('customers', 24)}${pad(count(crossSold.control.customers), 22)}${count(crossSold.treatment.customers)}`);
console.log(`${pad('cross-sold', 24)}${pad(`${count(crossSold.control.crossSoldCustomers)} (${percent(crossSold.control.value)})`, 22)}${count(crossSold.treatment.crossSoldCustomers)} (${percent(crossSold.treatment.value)})`);
console.log(`${pad('  95% Wilson interval', 24)}${pad(`${percent(wilson.control.lower)} – ${percent(wilson.control.upper)}`, 22)}${percent(wilson.treatment.lower)} – ${percent(wilson.treatment.upper)}`);
console.log(`${pad('orders', 24)}${pad(count(orderValue.control.orders), 22)}${count(orderValue.treatment.orders)}`);
console.log(`${pad('average order value', 24)}${pad(formatMoney(orderValue.control.value, 'EUR'), 22)}${formatMoney(orderValue.treatment.value, 'EUR')}`);
console.log(`${pad('  standard deviation', 24)}${pad(formatMoney(Math.sqrt(moments.control.variance).toFixed(2), 'EUR'), 22)}${formatMoney(Math.sqrt(moments.treatment.variance).toFixed(2), 'EUR')}`);
console.log('');
console.log(`Cross-sell rate      ${points(rates.difference)} (${relative(rates.relativeLift)}), ` +
  `95% CI ${points(rates.confidenceInterval.lower)} to ${points(rates.confidenceInterval.upper)}, p = ${pValue(rates.pValue)}: ${verdict(rates)}`);
console.log(`Average order value  ${euros(means.difference)} (${relative(means.relativeLift)}), ` +
  `95% CI ${euros(means.confidenceInterval.lower)} to ${euros(means.confidenceInterval.upper)}, p = ${pValue(means.pValue)} (Welch, ν = ${means.degreesOfFreedom === null ? '—' : count(Math.round(means.degreesOfFreedom))}): ${verdict(means)}`);

// The figures agree with each other and with the accumulators.
const rateOf = (result: { value: number | null }) => result.value!;
check(Math.abs(rates.difference - (rateOf(crossSold.treatment) - rateOf(crossSold.control))) < 1e-12, 'compareRates difference ≠ difference of the rates');
check(rates.confidenceInterval.lower <= rates.difference && rates.difference <= rates.confidenceInterval.upper, 'the rate interval misses the difference');
for (const arm of ['control', 'treatment'] as const) {
  check(wilson[arm].lower <= rateOf(crossSold[arm]) && rateOf(crossSold[arm]) <= wilson[arm].upper, `the ${arm} Wilson interval misses its rate`);
  check(moments[arm].count === orderValue[arm].orders, `${arm} moments count ≠ orders`);
  check(Math.abs(moments[arm].mean - orderValue[arm].value!.toNumber()) < 1e-9, `${arm} moments mean ≠ average order value`);
}
check(Math.abs(means.difference - (orderValue.treatment.value!.toNumber() - orderValue.control.value!.toNumber())) < 1e-9, 'compareMeans difference ≠ difference of the averages');
check(means.significant === (means.confidenceInterval.lower > 0 || means.confidenceInterval.upper < 0), 'Welch: the interval and the test disagree');

// 4. Check the test itself: A/A tests (both arms from the same process) should be "significant"
// about 5 % of the time at 95 % confidence. Binomial counts, simulated directly.
const simulations = 1000;
let falsePositives = 0;
for (let run = 0; run < simulations; run++) {
  const draw = () => {
    let successes = 0;
    for (let customer = 0; customer < customersPerArm; customer++) if (next() < 0.2) successes++;
    return { successes, trials: customersPerArm };
  };
  if (compareRates({ control: draw(), treatment: draw() })!.significant) falsePositives++;
}
const falsePositiveRate = falsePositives / simulations;
console.log(`\nA/A check: of ${count(simulations)} simulated tests with no real difference, ${percent(falsePositiveRate)} came out significant at 95% (expected about 5%).`);
// 1000 runs: the rate is within 5 % ± 2.2 points 99.9 % of the time.
check(falsePositiveRate > 0.028 && falsePositiveRate < 0.072, `A/A false-positive rate ${falsePositiveRate} is far from 5 %`);

if (problems.length > 0) {
  console.error(`\nInconsistent:\n- ${problems.join('\n- ')}`);
  process.exit(1);
}
