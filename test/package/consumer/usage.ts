// A consumer of the published package: test/package/consumers.test.ts copies this file into
// throwaway projects (ESM and CommonJS × node16, nodenext, bundler; strict, skipLibCheck: false)
// that have the packed tarball as node_modules/xsell-kpi, and type-checks them: it must compile
// with zero diagnostics in every mode. The root `npm run typecheck` checks it against src/ too.
//
// Every `@ts-expect-error` below is an assertion: if the line stops being an error (for example
// because a type silently became `any`), TypeScript reports the unused directive (TS2578).
import { Decimal as HostDecimal } from 'decimal.js';
import {
  AverageOrderValue,
  CrossSellRate,
  KpiError,
  RetentionRate,
  RevenueShare,
  Scorecard,
  averageOrderValue,
  crossSellRate,
  customerLifetimeValue,
  formatMoney,
  formatPercent,
  isKpiError,
  predictedLifetimeValue,
  retentionRate,
  revenueShare,
  roi,
  roundMoney,
  toMoney,
  type AverageOrderValueResult,
  type CommerceEvent,
  type CrossSellRateResult,
  type Decimal,
  type KpiErrorCode,
  type MoneyInput,
  type Order,
  type ScorecardRow,
} from 'xsell-kpi';

/** `true` exactly when `A` and `B` are the same type (not merely assignable either way, and `any` is only `any`). */
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
/** `true` when `T` is `any`. */
type IsAny<T> = 0 extends 1 & T ? true : false;
/** Compiles only when given `true`. */
function assertTrue<T extends true>(_proof?: T): void {}

// --- Formula functions --------------------------------------------------------------------------

const rate = crossSellRate({ crossSoldCustomers: 100, customers: 500 });
assertTrue<Equal<typeof rate, number | null>>();
assertTrue<Equal<ReturnType<typeof retentionRate>, number | null>>();
assertTrue<Equal<ReturnType<typeof revenueShare>, number | null>>();
// @ts-expect-error -- a ratio is `number | null`, not `number`.
assertTrue<Equal<typeof rate, number>>();
// @ts-expect-error -- a ratio may be null, so it is not a `number`.
const rateAsNumber: number = rate;
// @ts-expect-error -- a missing named argument is an error.
crossSellRate({ customers: 5 });
// @ts-expect-error -- a misspelt named argument is an error.
crossSellRate({ crossSoldCustomers: 1, customer: 5 });

const orderValue = averageOrderValue({ revenue: '1234.50', orders: 15 });
assertTrue<Equal<typeof orderValue, Decimal | null>>();
assertTrue<Equal<IsAny<Decimal>, false>>();
// @ts-expect-error -- a money result is a Decimal, not a string.
const orderValueText: string = averageOrderValue({ revenue: '1234.50', orders: 15 });
// @ts-expect-error -- nor a number.
const orderValueNumber: number = averageOrderValue({ revenue: '1234.50', orders: 15 });
const lifetimeValue: Decimal | null = customerLifetimeValue({ revenue: 1000, customers: 4 });
const predicted: Decimal = predictedLifetimeValue({ averageOrderValue: '80', purchaseFrequency: 2, lifespan: 3, margin: 0.3 });
const returnOnInvestment: Decimal | null = roi({ revenue: '150', cost: '100' });
assertTrue<Equal<typeof predicted, Decimal>>();

// Decimal values are usable as decimal.js instances and as money input again.
const fixed: string = predicted.toFixed(2);
const sum: Decimal = predicted.plus(1);
const asInput: MoneyInput = predicted;
const rounded: Decimal = roundMoney(orderValue ?? 0, 'USD', 'half-even');
const shown: string = formatMoney(returnOnInvestment, 'EUR') + formatPercent(rate) + formatMoney(lifetimeValue, null);
// A Decimal from the host's own decimal.js is money input as well.
const fromHost: Decimal = toMoney(new HostDecimal('19.99'));

// --- Errors -------------------------------------------------------------------------------------

function errorCode(error: unknown): KpiErrorCode | null {
  if (isKpiError(error)) {
    const path: string = error.path;
    return path === '' ? error.code : error.code;
  }
  if (error instanceof KpiError) return error.code;
  return null;
}
let code: KpiErrorCode | null = null;
try {
  crossSellRate({ crossSoldCustomers: 6, customers: 5 });
} catch (error) {
  code = errorCode(error);
}
// @ts-expect-error -- the code is a union of known codes, not any string.
const unknownCode: KpiErrorCode = 'NOT_A_CODE';

// --- Accumulators -------------------------------------------------------------------------------

const orders: Order[] = [
  {
    orderId: 'o1',
    customerId: 'ann',
    timestamp: '2026-11-02T10:00:00Z',
    currency: 'EUR',
    channel: 'web',
    lines: [
      { sku: 'laptop', unitPrice: '999.00' },
      { sku: 'case', unitPrice: 29, quantity: 1, source: 'cross-sell' },
    ],
  },
  { orderId: 'o2', customerId: 'bob', timestamp: 1_790_000_000_000, currency: 'EUR', lines: [{ sku: 'laptop', unitPrice: '999.00' }] },
];

const crossSell = new CrossSellRate({ by: 'sku', minDistinct: 2 }).addAll(orders);
const crossSellResult: CrossSellRateResult = crossSell.result();
assertTrue<Equal<typeof crossSellResult.value, number | null>>();
const recomputed: number | null = crossSellRate(crossSell.result());
const restored: CrossSellRate = CrossSellRate.fromJSON(JSON.parse(JSON.stringify(crossSell.toJSON())));
restored.merge(new CrossSellRate({ by: 'sku', minDistinct: 2 }));
const batch: CrossSellRateResult = CrossSellRate.of(orders, { by: 'category' });
// @ts-expect-error -- an unknown option is an error.
new CrossSellRate({ byy: 'sku' });
// @ts-expect-error -- an option of the wrong type is an error.
new CrossSellRate({ by: 'brand' });
// @ts-expect-error -- merge takes an accumulator of the same class.
crossSell.merge(new AverageOrderValue());
// @ts-expect-error -- merge takes an accumulator, not saved JSON (restore that with fromJSON).
crossSell.merge(crossSell.toJSON());

const orderValues = new AverageOrderValue({ currency: 'EUR' });
for (const order of orders) orderValues.add(order);
const orderValueResult: AverageOrderValueResult = orderValues.result();
const revenue: Decimal = orderValueResult.revenue;
const currency: string | null = orderValueResult.currency;
// @ts-expect-error -- money in an accumulator result is a Decimal, not a string.
const revenueText: string = orderValues.result().revenue;
const sameValue: Decimal | null = averageOrderValue(orderValues.result());

const share = new RevenueShare({ source: 'cross-sell' }).addAll(orders).result();
assertTrue<Equal<typeof share.value, number | null>>();
const shareAgain: number | null = revenueShare(share);
// @ts-expect-error -- RevenueShare needs its `source`.
new RevenueShare({});

const retention = new RetentionRate({ grain: 'month', timeZone: 'Europe/Berlin' }).addAll(orders).result();
const retentionAgain: number | null = retentionRate(retention);

// --- Scorecard ----------------------------------------------------------------------------------

const events: CommerceEvent[] = [
  ...orders,
  { type: 'offer', customerId: 'ann', timestamp: '2026-11-02T09:59:00Z', kind: 'cross-sell', accepted: true },
  { type: 'visit', visitorId: 'v1', timestamp: '2026-11-02T09:58:00Z', converted: true },
];
const scorecard = new Scorecard({ grain: 'month', timeZone: 'Europe/Berlin', groupBy: ['channel'], by: 'sku' }).addAll(events);
const rows: ScorecardRow[] = Scorecard.fromJSON(scorecard.toJSON()).merge(new Scorecard({ grain: 'month', timeZone: 'Europe/Berlin', groupBy: ['channel'], by: 'sku' })).result();
const lines: string[] = [];
for (const row of rows) {
  const period: string = row.period;
  const group: Record<string, string> = row.group;
  const aov: Decimal | null = row.averageOrderValue.value;
  lines.push(`${period} ${JSON.stringify(group)} ${formatPercent(row.crossSellRate.value)} ${formatMoney(aov, row.averageOrderValue.currency)}`);
  // @ts-expect-error -- a Scorecard money result is a Decimal, not a string.
  const _aovText: string = row.averageOrderValue.revenue;
  assertTrue<Equal<typeof row.retentionRate.value, number | null>>();
}
// @ts-expect-error -- an unknown Scorecard option is an error.
new Scorecard({ grain: 'month', groupby: ['channel'] });
// @ts-expect-error -- a grain is one of the known grains.
new Scorecard({ grain: 'fortnight' });

export const used = [
  rateAsNumber, orderValueText, orderValueNumber, fixed, sum, asInput, rounded, shown, fromHost, code, unknownCode,
  crossSellResult, recomputed, restored, batch, revenue, currency, revenueText, sameValue, shareAgain, retentionAgain, lines,
];
