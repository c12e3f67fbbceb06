import {
  CustomerSummary,
  fitBgNbd,
  fitGammaGamma,
  predictCustomerValue,
  validateEvent,
  type BgNbdModel,
  type CommerceEvent,
  type Decimal,
  type GammaGammaModel,
  type Order,
  type SummarizedCustomer,
} from '../../index.js';
import type { EventSink } from '../readers/sink.js';
import { readEvents, type Streams } from '../report.js';
import type { Tally } from '../tally.js';
import type { ClvOptions } from './args.js';

/**
 * `xsell-kpi clv`: streams the input into a {@link CustomerSummary} (through the report's readers),
 * fits the BG/NBD and Gamma-Gamma models, and predicts every customer. Memory holds the summary
 * (each customer's purchase days) and the readers' own state, never the whole file.
 * @internal
 * @module
 */

/** One customer's prediction. */
export interface CustomerValue {
  readonly customerId: string;
  readonly frequency: number;
  readonly recency: number;
  readonly T: number;
  /** P(alive) at the observation end. */
  readonly probabilityAlive: number;
  /** Expected purchases in the horizon. */
  readonly expectedPurchases: number;
  /** Expected value of a purchase (Gamma-Gamma). */
  readonly expectedValue: Decimal;
  /** Discounted value of the expected purchases in the horizon. */
  readonly clv: Decimal;
}

/** Events read and checked that the models do not use. */
export interface Unused {
  returns: number;
  offers: number;
  visits: number;
}

/** What a `clv` run found. */
export interface ClvReport {
  readonly options: ClvOptions;
  readonly bgNbd: BgNbdModel;
  readonly gammaGamma: GammaGammaModel;
  /** The orders' ISO 4217 code, or `null` when they carry none. */
  readonly currency: string | null;
  /** By `clv` descending, then `customerId` (code-unit order). */
  readonly customers: readonly CustomerValue[];
  readonly unused: Unused;
  readonly tally: Tally;
  readonly rejectedRows: number | undefined;
}

/** Orders into the summary; every other event is checked (a bad one is a bad row) and counted as unused. */
class SummarySink implements EventSink {
  readonly unused: Unused = { returns: 0, offers: 0, visits: 0 };

  constructor(private readonly summary: CustomerSummary) {}

  add(event: CommerceEvent): void {
    const type = (event as { type?: unknown }).type;
    if (type === undefined || type === 'order') {
      this.summary.add(event as Order);
      return;
    }
    const checked = validateEvent(event);
    if (checked.type === 'return') this.unused.returns += 1;
    else if (checked.type === 'offer') this.unused.offers += 1;
    else if (checked.type === 'visit') this.unused.visits += 1;
  }
}

/** Descending by value, then by customer id. */
function byValue(a: CustomerValue, b: CustomerValue): number {
  const order = b.clv.comparedTo(a.clv);
  if (order !== 0) return order;
  return a.customerId < b.customerId ? -1 : a.customerId > b.customerId ? 1 : 0;
}

/**
 * Reads the input, fits both models and predicts every customer.
 *
 * @throws {@link UsageError} / {@link DataError} from the readers; `KpiError` `DEGENERATE_DATA` when a model cannot be fitted.
 * @internal
 */
export async function runClv(options: ClvOptions, streams: Streams): Promise<ClvReport> {
  const { input } = options;
  const summary = new CustomerSummary({ observationEnd: options.observationEnd, timeUnit: options.timeUnit, timeZone: input.timeZone, currency: input.currency ?? null, dedupe: false });
  const sink = new SummarySink(summary);
  // Order ids are checked by the readers (each order is read once, or is an error): no dedupe here.
  const { tally, rejectedRows } = await readEvents(input, streams, sink);
  const result = summary.result();
  const bgNbd = fitBgNbd(result.customers, { penalizer: options.penalizer });
  // Not penalized: v is in money units, so any one penalizer would mean something else in each currency.
  const gammaGamma = fitGammaGamma(result.customers);
  // Customers with the same history get the same prediction: most share few histories (every
  // one-time buyer of a day, say), and each prediction costs up to `horizon` expectations.
  const cache = new Map<string, Omit<CustomerValue, 'customerId'>>();
  const customers = result.customers.map((customer: SummarizedCustomer): CustomerValue => {
    const key = `${customer.frequency}|${customer.recency}|${customer.T}|${customer.monetary?.toString() ?? ''}`;
    let value = cache.get(key);
    if (value === undefined) {
      value = {
        frequency: customer.frequency,
        recency: customer.recency,
        T: customer.T,
        probabilityAlive: bgNbd.probabilityAlive(customer),
        expectedPurchases: bgNbd.conditionalExpectedPurchases(options.horizon, customer),
        expectedValue: gammaGamma.conditionalExpectedAverageValue(customer),
        clv: predictCustomerValue({ purchases: bgNbd, spend: gammaGamma, customer, horizon: options.horizon, discountRate: options.discountRate }),
      };
      cache.set(key, value);
    }
    return { customerId: customer.customerId, ...value };
  });
  customers.sort(byValue);
  return { options, bgNbd, gammaGamma, currency: result.currency, customers, unused: sink.unused, tally, rejectedRows };
}
