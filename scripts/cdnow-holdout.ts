// The numbers of docs/guides/who-comes-back.md, computed: the BG/NBD and Gamma-Gamma fits on the
// CDNOW sample calibrated to 1997-09-30 (weeks 0-39), a few customers' predictions, and the
// holdout check (predicted against actual repeat purchases in weeks 40-78, in total and by
// frequency in the calibration period), and the same total for the whole cohort (CDNOW_master.txt,
// fitted the same way) when that file is there. Prints Markdown; test/analysis/lifetimeValue/cdnow.test.ts
// checks that the guide holds the same table.
//
//   npx tsx scripts/cdnow-holdout.ts [path/to/CDNOW_sample.txt [path/to/CDNOW_master.txt]]
//
// The data sit beside the repository (../shared/data/), never in it.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CustomerSummary, fitBgNbd, fitGammaGamma, predictCustomerValue, type SummarizedCustomer } from 'xsell-kpi';
import { readCdnowOrders } from '../test/support/cdnow.js';

const file = process.argv[2] ?? fileURLToPath(new URL('../../shared/data/CDNOW_sample.txt', import.meta.url));
if (!existsSync(file)) {
  console.error(`cdnow-holdout: ${file} not found (the CDNOW sample sits in ../shared/data beside the repository)`);
  process.exit(1);
}

const orders = readCdnowOrders(file);
const calibration = CustomerSummary.of(orders, { observationEnd: '1997-09-30', timeUnit: 'week', currency: 'USD' }).customers;
const whole = new Map(CustomerSummary.of(orders, { observationEnd: '1998-06-30', timeUnit: 'week', currency: 'USD' }).customers.map((customer) => [customer.customerId, customer]));
const purchases = fitBgNbd(calibration);
const spend = fitGammaGamma(calibration);
/** 1997-10-01 to 1998-06-30: 273 days, 39 weeks. */
const holdoutWeeks = 39;

const six = (value: number) => Number(value.toPrecision(6)).toString();
const out: string[] = [];
out.push(`BG/NBD: r ${six(purchases.params.r)}, alpha ${six(purchases.params.alpha)}, a ${six(purchases.params.a)}, b ${six(purchases.params.b)}; log-likelihood ${purchases.logLikelihood!.toFixed(4)}`);
out.push(`Gamma-Gamma: p ${six(spend.params.p)}, q ${six(spend.params.q)}, v ${six(spend.params.v)}; log-likelihood ${spend.logLikelihood!.toFixed(4)}`);
out.push(`customers ${calibration.length}, repeat buyers ${calibration.filter((customer) => customer.frequency > 0).length}`);
out.push('');

// Three customers of the calibration period, as the guide shows them.
out.push('| customer | frequency | recency | T | P(alive) | expected purchases, 39 weeks | expected value | CLV, 52 weeks at 1 % a week |');
out.push('|---|---|---|---|---|---|---|---|');
const byId = new Map(calibration.map((customer) => [customer.customerId, customer]));
for (const id of ['1', '3', '6', '142']) {
  // The sample ids are written with four digits.
  const customer: SummarizedCustomer = byId.get(id.padStart(4, '0'))!;
  const clv = predictCustomerValue({ purchases, spend, customer, horizon: 52, discountRate: 0.01 });
  out.push(
    `| ${id} | ${customer.frequency} | ${customer.recency.toFixed(2)} | ${customer.T.toFixed(2)} | ${purchases.probabilityAlive(customer).toFixed(3)} | ${purchases.conditionalExpectedPurchases(39, customer).toFixed(2)} | $${spend.conditionalExpectedAverageValue(customer).toFixed(2)} | $${clv.toFixed(2)} |`,
  );
}
out.push('');

// The holdout check.
const groups = new Map<string, { customers: number; actual: number; predicted: number }>();
for (const customer of calibration) {
  const key = customer.frequency >= 7 ? '7+' : String(customer.frequency);
  const group = groups.get(key) ?? { customers: 0, actual: 0, predicted: 0 };
  group.customers++;
  group.actual += whole.get(customer.customerId)!.frequency - customer.frequency;
  group.predicted += purchases.conditionalExpectedPurchases(holdoutWeeks, customer);
  groups.set(key, group);
}
const rows = [...groups].sort(([a], [b]) => (a < b ? -1 : 1));
const total = rows.reduce((sum, [, group]) => ({ customers: sum.customers + group.customers, actual: sum.actual + group.actual, predicted: sum.predicted + group.predicted }), { customers: 0, actual: 0, predicted: 0 });
const line = (label: string, { customers, actual, predicted }: { customers: number; actual: number; predicted: number }) =>
  `| ${label} | ${customers.toLocaleString('en-US')} | ${actual.toLocaleString('en-US')} | ${predicted.toLocaleString('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 })} | ${(actual / customers).toFixed(2)} | ${(predicted / customers).toFixed(2)} |`;
out.push('| repeat purchases in weeks 0–39 | customers | actual in weeks 40–78 | predicted | actual per customer | predicted per customer |');
out.push('|---|---|---|---|---|---|');
for (const [key, group] of rows) out.push(line(key, group));
out.push(line('**all**', total));

// The whole cohort, fitted the same way, when its file is there too.
const master = process.argv[3] ?? fileURLToPath(new URL('../../shared/data/CDNOW_master.txt', import.meta.url));
if (existsSync(master)) {
  const all = readCdnowOrders(master);
  const calibrated = CustomerSummary.of(all, { observationEnd: '1997-09-30', timeUnit: 'week', currency: 'USD' }).customers;
  const later = new Map(CustomerSummary.of(all, { observationEnd: '1998-06-30', timeUnit: 'week', currency: 'USD' }).customers.map((customer) => [customer.customerId, customer]));
  const model = fitBgNbd(calibrated);
  const cohort = { customers: 0, actual: 0, predicted: 0 };
  for (const customer of calibrated) {
    cohort.customers++;
    cohort.actual += later.get(customer.customerId)!.frequency - customer.frequency;
    cohort.predicted += model.conditionalExpectedPurchases(holdoutWeeks, customer);
  }
  out.push('');
  out.push(line('**whole cohort** (CDNOW_master.txt)', cohort));
}
console.log(out.join('\n'));
