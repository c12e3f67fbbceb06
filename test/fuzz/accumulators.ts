/**
 * The accumulators the fuzz suite (test/fuzz) drives: every accumulator class of the package and
 * the Scorecard, each with options that reach its branches, the events it reads, and, where it
 * has money fields, their exact values by the BigInt reference (test/reference/bigDecimal.ts).
 *
 * @example
 * for (const spec of FUZZ_ACCUMULATORS) new spec.Class(spec.options as never).addAll([]);
 */
import type fc from 'fast-check';
import {
  AttachRate,
  AverageOrderValue,
  ChurnRate,
  CoPurchase,
  ConversionRate,
  CrossSellCohorts,
  CrossSellRate,
  CustomerLifetimeValue,
  CustomerSummary,
  ItemsPerOrder,
  NetRevenue,
  OfferAcceptanceRate,
  RepeatPurchaseRate,
  RetentionRate,
  RevenuePerConversion,
  RevenueShare,
  Scorecard,
  TransactionCrossSellRate,
  UpsellRate,
  type OrderLine,
  type Return,
} from 'xsell-kpi';
import { exactReturnsText, exactRevenueText, isGuest, ordersOf, returnsOf, streamArb, type EventKind } from '../arbitraries/events.js';
import type { AccumulatorClass } from '../laws/checkLaws.js';
import * as big from '../reference/bigDecimal.js';

export interface FuzzAccumulator {
  /** The class name (the `kind` of its state). */
  name: string;
  Class: AccumulatorClass<unknown, unknown>;
  options: object | undefined;
  /** The event kinds it reads; every other kind is refused. */
  kinds: readonly EventKind[];
  /** Valid streams (ids unique per stream). */
  events: fc.Arbitrary<unknown[]>;
  /** Whether re-delivered orders (and offers with an id) count once. */
  dedupe: boolean;
  /** The money fields of `result()` over these events by the BigInt reference, as plain decimal strings. */
  exactMoney?: (events: unknown[]) => Record<string, string>;
  /** False when merged workers only approximate one worker (CoPurchase's bounded mode). */
  exactMerge?: boolean;
  /** Names the case in reports. */
  label: string;
}

const cls = <T>(Class: T): AccumulatorClass<unknown, unknown> => Class as unknown as AccumulatorClass<unknown, unknown>;
const minus = (a: string, b: string): string => big.toPlainString(big.subtract(big.parse(a), big.parse(b)));
const sourced = (source: string) => (line: OrderLine) => line.source === source;

/** Revenue of the customers' orders (not guests'), less, net of returns, what those customers got back. */
function customerRevenue(events: unknown[], netOfReturns: boolean): string {
  const orders = ordersOf(events).filter((order) => !isGuest(order));
  const gross = exactRevenueText(orders);
  if (!netOfReturns) return gross;
  const customers = new Set(orders.map((order) => String(order.customerId)));
  return minus(gross, exactReturnsText(returnsOf(events).filter((event: Return) => !isGuest(event) && customers.has(String(event.customerId)))));
}

const orders = streamArb();
const withCategories = streamArb({ categories: 'always' });
const ordersAndReturns = streamArb({ kinds: ['order', 'return'] });
const everything = streamArb({ kinds: ['order', 'offer', 'visit', 'return'] });
const everythingWithCategories = streamArb({ kinds: ['order', 'offer', 'visit', 'return'], categories: 'always' });

type Entry = Omit<FuzzAccumulator, 'label' | 'kinds' | 'events'> & { kinds?: readonly EventKind[]; events?: fc.Arbitrary<unknown[]> };

const ENTRIES: Entry[] = [
  { name: 'CrossSellRate', Class: cls(CrossSellRate), options: undefined, dedupe: true },
  { name: 'CrossSellRate', Class: cls(CrossSellRate), options: { by: 'category', minDistinct: 3, dedupe: false }, events: withCategories, dedupe: false },
  { name: 'TransactionCrossSellRate', Class: cls(TransactionCrossSellRate), options: undefined, dedupe: true },
  { name: 'TransactionCrossSellRate', Class: cls(TransactionCrossSellRate), options: { by: 'category', dedupe: false }, events: withCategories, dedupe: false },
  { name: 'UpsellRate', Class: cls(UpsellRate), options: undefined, dedupe: true },
  { name: 'AttachRate', Class: cls(AttachRate), options: { anchor: { skus: ['A', '__proto__'] } }, dedupe: true },
  { name: 'AttachRate', Class: cls(AttachRate), options: { anchor: { skus: ['B'] }, attach: { categories: ['socks', '__proto__'] }, per: 'order' }, dedupe: true },
  {
    name: 'AverageOrderValue',
    Class: cls(AverageOrderValue),
    options: undefined,
    dedupe: true,
    exactMoney: (events) => ({ revenue: exactRevenueText(ordersOf(events)) }),
  },
  { name: 'AverageOrderValue', Class: cls(AverageOrderValue), options: { currency: 'USD', dedupe: false }, events: streamArb({ currency: 'USD' }), dedupe: false },
  { name: 'ItemsPerOrder', Class: cls(ItemsPerOrder), options: undefined, dedupe: true },
  { name: 'RepeatPurchaseRate', Class: cls(RepeatPurchaseRate), options: undefined, dedupe: true },
  { name: 'RetentionRate', Class: cls(RetentionRate), options: { grain: 'week', timeZone: 'Europe/Berlin' }, dedupe: true },
  { name: 'ChurnRate', Class: cls(ChurnRate), options: { grain: 'month', timeZone: 'America/New_York' }, dedupe: true },
  { name: 'ConversionRate', Class: cls(ConversionRate), options: undefined, kinds: ['visit'], dedupe: true },
  { name: 'OfferAcceptanceRate', Class: cls(OfferAcceptanceRate), options: undefined, kinds: ['offer'], dedupe: true },
  { name: 'OfferAcceptanceRate', Class: cls(OfferAcceptanceRate), options: { kind: 'cross-sell' }, kinds: ['offer'], dedupe: true },
  {
    name: 'RevenueShare',
    Class: cls(RevenueShare),
    options: { source: 'cross-sell' },
    dedupe: true,
    exactMoney: (events) => ({ part: exactRevenueText(ordersOf(events), sourced('cross-sell')), total: exactRevenueText(ordersOf(events)) }),
  },
  {
    name: 'RevenuePerConversion',
    Class: cls(RevenuePerConversion),
    options: { source: 'upsell' },
    dedupe: true,
    exactMoney: (events) => ({ revenue: exactRevenueText(ordersOf(events), sourced('upsell')) }),
  },
  {
    name: 'NetRevenue',
    Class: cls(NetRevenue),
    options: undefined,
    kinds: ['order', 'return'],
    dedupe: true,
    exactMoney: (events) => {
      const grossRevenue = exactRevenueText(ordersOf(events));
      const returns = exactReturnsText(returnsOf(events));
      return { grossRevenue, returns, value: minus(grossRevenue, returns) };
    },
  },
  { name: 'CustomerLifetimeValue', Class: cls(CustomerLifetimeValue), options: undefined, dedupe: true, exactMoney: (events) => ({ revenue: customerRevenue(events, false) }) },
  {
    name: 'CustomerLifetimeValue',
    Class: cls(CustomerLifetimeValue),
    options: { netOfReturns: true },
    kinds: ['order', 'return'],
    dedupe: true,
    exactMoney: (events) => ({ revenue: customerRevenue(events, true) }),
  },
  { name: 'CrossSellCohorts', Class: cls(CrossSellCohorts), options: undefined, dedupe: true },
  // observation ends inside the streams' months, so that some orders come after them
  { name: 'CustomerSummary', Class: cls(CustomerSummary), options: { observationEnd: '2026-11-15' }, dedupe: true },
  { name: 'CustomerSummary', Class: cls(CustomerSummary), options: { observationEnd: '2026-12-31', timeUnit: 'week', timeZone: 'Europe/Berlin', dedupe: false }, dedupe: false },
  { name: 'CoPurchase', Class: cls(CoPurchase), options: undefined, events: streamArb({ maxLines: 5 }), dedupe: true },
  { name: 'CoPurchase', Class: cls(CoPurchase), options: { mode: 'bounded', capacity: 3 }, events: streamArb({ maxLines: 5 }), dedupe: true, exactMerge: false },
  { name: 'Scorecard', Class: cls(Scorecard), options: { grain: 'month', groupBy: ['channel'] }, kinds: ['order', 'offer', 'visit', 'return'], events: everything, dedupe: true },
  {
    name: 'Scorecard',
    Class: cls(Scorecard),
    options: { grain: 'week', timeZone: 'Europe/Berlin', groupBy: ['channel', 'region'], by: 'category', dedupe: false },
    kinds: ['order', 'offer', 'visit', 'return'],
    events: everythingWithCategories,
    dedupe: false,
  },
];

/** Every accumulator of the package (and the Scorecard), with one or two option sets each. */
export const FUZZ_ACCUMULATORS: readonly FuzzAccumulator[] = ENTRIES.map((entry) => {
  const kinds = entry.kinds ?? ['order'];
  return {
    ...entry,
    kinds,
    events: entry.events ?? (kinds.length === 1 && kinds[0] === 'order' ? orders : kinds.includes('return') && kinds.length === 2 ? ordersAndReturns : streamArb({ kinds })),
    label: entry.options === undefined ? entry.name : `${entry.name} ${JSON.stringify(entry.options)}`,
  };
});
