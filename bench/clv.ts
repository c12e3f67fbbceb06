// The lifetime-value case of `npm run bench` (issue #14): fitting BG/NBD and Gamma-Gamma on the
// CDNOW data, calibration period to 1997-09-30 in weeks, on the 2,357-customer sample and on the
// whole cohort of 23,570 customers (CDNOW_master.txt). Per file: reading the orders into a
// CustomerSummary (the orders already in memory), fitBgNbd, fitGammaGamma, and
// predictCustomerValue (52 weeks at 1 % a week) for every customer, each timed apart; the
// medians of the rounds after a warm-up round. Targets (issue #14): the BG/NBD fit under 1 s on
// the sample and under 10 s on the master file.
//
// The data sit beside the repository (../shared/data/); without them this case says so and is
// skipped. --smoke: the sample only, one round. Nothing here asserts a timing.
import { performance } from 'node:perf_hooks';
import { CustomerSummary, fitBgNbd, fitGammaGamma, predictCustomerValue, type Order, type SummarizedCustomer } from '../src/index.js';
import { cdnowPath, readCdnowOrders } from '../test/support/cdnow.js';

export interface ClvBenchOptions {
  smoke: boolean;
  rounds: number;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function format(value: number, digits = 0): string {
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

function timed<T>(work: () => T): { value: T; ms: number } {
  const start = performance.now();
  const value = work();
  return { value, ms: performance.now() - start };
}

const STEPS = ['CustomerSummary (orders → summary)', 'fitBgNbd', 'fitGammaGamma', 'predictCustomerValue, every customer'] as const;

function benchFile(label: string, orders: readonly Order[], rounds: number): void {
  const times = new Map<string, number[]>(STEPS.map((step) => [step, []]));
  let customers: SummarizedCustomer[] = [];
  let iterations = '';
  for (let round = 0; round <= rounds; round++) {
    const summary = timed(() => CustomerSummary.of(orders, { observationEnd: '1997-09-30', timeUnit: 'week', currency: 'USD', dedupe: false }).customers);
    customers = summary.value;
    const purchases = timed(() => fitBgNbd(customers));
    const spend = timed(() => fitGammaGamma(customers));
    const values = timed(() => {
      let count = 0;
      for (const customer of customers) {
        predictCustomerValue({ purchases: purchases.value, spend: spend.value, customer, horizon: 52, discountRate: 0.01 });
        count++;
      }
      return count;
    });
    if (round === 0) {
      const { r, alpha, a, b } = purchases.value.params;
      iterations = `r ${r.toFixed(6)}, alpha ${alpha.toFixed(6)}, a ${a.toFixed(6)}, b ${b.toFixed(6)}, log-likelihood ${purchases.value.logLikelihood!.toFixed(4)}`;
      continue; // the warm-up round
    }
    [summary.ms, purchases.ms, spend.ms, values.ms].forEach((ms, index) => times.get(STEPS[index]!)!.push(ms));
  }
  const repeat = customers.filter((customer) => customer.frequency > 0).length;
  console.log(`\n#### ${label}: ${format(orders.length)} orders, ${format(customers.length)} customers (${format(repeat)} repeat buyers) to 1997-09-30; median of ${rounds} round${rounds === 1 ? '' : 's'} after a warm-up\n`);
  console.log(`BG/NBD: ${iterations}\n`);
  console.log('| step | median ms |');
  console.log('|---|---:|');
  for (const step of STEPS) console.log(`| ${step} | ${format(median(times.get(step)!), 1)} |`);
}

/** Runs the case, or says why it is skipped. */
export function benchClv({ smoke, rounds }: ClvBenchOptions): void {
  console.log('\n### Lifetime value: BG/NBD and Gamma-Gamma on CDNOW (weeks, calibration to 1997-09-30)');
  const sample = cdnowPath('CDNOW_sample.txt', 'bench/clv');
  const master = smoke ? undefined : cdnowPath('CDNOW_master.txt', 'bench/clv');
  if (sample === undefined) {
    console.log('\nskipped: ../shared/data/CDNOW_sample.txt not found (the CDNOW data sit beside the repository)');
    return;
  }
  benchFile('CDNOW_sample.txt', readCdnowOrders(sample), smoke ? 1 : rounds);
  if (master !== undefined) benchFile('CDNOW_master.txt', readCdnowOrders(master), rounds);
  else if (!smoke) console.log('\nskipped: ../shared/data/CDNOW_master.txt not found');
}
