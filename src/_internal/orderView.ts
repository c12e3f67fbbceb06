import { KpiError } from '../core/KpiError.js';
import type { LineSource } from '../core/events.js';
import { isCurrencyCode } from '../core/currency.js';
import { toEpochMilliseconds } from '../core/time.js';
import { amountFromNumber, amountText, compare, fromDecimal, minus, parseMicro, plus, times, type Amount } from './amount.js';
import { hashAmount, hashDigest, hashNumber, hashOptional, hashStart, hashString, hashWord } from './hash.js';
import { nonNegativeMoney } from './money.js';
import { show } from './show.js';

/**
 * Reading an order: validation and normalization in one walk over the caller's object, into a
 * view that is reused from one order to the next, so that counting an order allocates nothing of
 * its own. Every accumulator (and the Scorecard, once for all its KPIs) reads orders this way; the
 * KPIs' folds then read the view. A view is valid until the next order is read into it: whatever
 * a fold keeps, it copies (strings are kept as they are: they cannot change).
 * @internal
 * @module
 */

/** @internal A line's source as a small integer: 0 organic, 1 cross-sell, 2 upsell. */
export type SourceCode = 0 | 1 | 2;
/** @internal */
export const ORGANIC = 0;
/** @internal */
export const CROSS_SELL = 1;
/** @internal */
export const UPSELL = 2;
const SOURCES: readonly LineSource[] = ['organic', 'cross-sell', 'upsell'];

/** @internal The source's name. */
export function sourceName(code: SourceCode): LineSource {
  return SOURCES[code]!;
}

/** @internal A validated order, its lines as columns. Fields past `lineCount` are left over from earlier orders. */
export interface OrderView {
  orderId: string;
  /** `null` for a guest order. */
  customerId: string | null;
  /** Epoch milliseconds. */
  time: number;
  /** The order's own currency; `null` when it carries none (the accumulator's default applies). */
  currency: string | null;
  channel: string | undefined;
  segment: string | undefined;
  /** A copy with a null prototype, so `"__proto__"` is an ordinary key. */
  dimensions: Readonly<Record<string, string>> | undefined;
  lineCount: number;
  readonly skus: string[];
  readonly categories: (string | undefined)[];
  /** Positive finite numbers. */
  readonly quantities: number[];
  readonly unitPrices: Amount[];
  /** 0 when the line has none. */
  readonly discounts: Amount[];
  /** quantity × unitPrice − discount, exact. */
  readonly revenues: Amount[];
  readonly sources: SourceCode[];
  /** The sum of the lines' revenue. */
  revenue: Amount;
  /**
   * Facts derived from the lines, computed on first use and kept until the next order is read (a
   * Scorecard asks for each in two cells, and several KPIs ask for the same): which are known
   * ({@link Fact} bits), and their values.
   */
  known: number;
  items: Amount;
  /** Bit `1 << source` set when a line has that source. */
  sourceLines: number;
  crossSellRevenue: Amount;
  upsellRevenue: Amount;
  /** Whether the order has two distinct SKUs, and two distinct categories. */
  twoSkus: boolean;
  twoCategories: boolean;
}

/** @internal The bits of {@link OrderView.known}. */
export const Fact = /* @__PURE__ */ Object.freeze({ items: 1, sources: 2, twoSkus: 4, twoCategories: 8 });

/** @internal A view to read orders into. */
export function createOrderView(): OrderView {
  // Stryker disable StringLiteral, ArrayDeclaration, BooleanLiteral: initial values no reader sees: readOrder sets every field of the order it reads (a column up to lineCount), and the facts are read only when their bit of `known` (reset per order) says they are computed
  return {
    orderId: '',
    customerId: '',
    time: 0,
    currency: null,
    channel: undefined,
    segment: undefined,
    dimensions: undefined,
    lineCount: 0,
    skus: [],
    categories: [],
    quantities: [],
    unitPrices: [],
    discounts: [],
    revenues: [],
    sources: [],
    revenue: 0,
    known: 0,
    items: 0,
    sourceLines: 0,
    crossSellRevenue: 0,
    upsellRevenue: 0,
    twoSkus: false,
    twoCategories: false,
  };
}
// Stryker restore StringLiteral, ArrayDeclaration, BooleanLiteral

function at(prefix: string, field: string): string {
  return prefix === '' ? field : `${prefix}.${field}`;
}

/** The path of a line's field; built only for an error, so valid lines cost no strings. */
function linePath(prefix: string, index: number, field: string): string {
  return `${at(prefix, 'lines')}[${index}]${field === '' ? '' : `.${field}`}`;
}

/** @internal A plain object, or INVALID_EVENT naming what was expected. */
export function record(value: unknown, path: string, what: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new KpiError('INVALID_EVENT', path, `expected ${what} object, got ${value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value}`);
  }
  return value as Record<string, unknown>;
}

/** @internal An id: a non-empty string, or a finite number read as a string. */
export function readId(value: unknown, path: string): string {
  if (typeof value === 'string' && value !== '') return value;
  if (Number.isFinite(value)) return String(value);
  throw new KpiError('INVALID_EVENT', path, `expected a non-empty string id, got ${value === '' ? 'an empty string' : show(value)}`);
}

/** @internal An optional string field. */
export function optionalString(value: unknown, path: string): string | undefined {
  if (value === undefined || typeof value === 'string') return value;
  throw new KpiError('INVALID_EVENT', path, `expected a string, got ${show(value)}`);
}

/** @internal `dimensions`: absent, or a copy (null prototype) of an object of strings. */
export function readDimensionsField(raw: unknown, prefix: string): Readonly<Record<string, string>> | undefined {
  if (raw === undefined) return undefined;
  const source = record(raw, at(prefix, 'dimensions'), 'a dimensions');
  const dimensions: Record<string, string> = Object.create(null);
  for (const key of Object.keys(source)) {
    const value = source[key];
    if (typeof value !== 'string') {
      throw new KpiError('INVALID_EVENT', `${at(prefix, 'dimensions')}[${JSON.stringify(key)}]`, `expected a string, got ${show(value)}`);
    }
    dimensions[key] = value;
  }
  return dimensions;
}

function positiveQuantity(value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    const hint = typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)) ? ` (a string: pass the number ${Number(value)})` : '';
    throw new KpiError('INVALID_NUMBER', path, `expected a positive finite quantity, got ${show(value)}${hint}`);
  }
  if (value < 0) throw new KpiError('NEGATIVE_COUNT', path, `expected a positive quantity, got ${value}`);
  throw new KpiError('INVALID_NUMBER', path, 'expected a positive quantity, got 0');
}

/** A line's amount ≥ 0: a plain string of up to six decimals takes the fast path. */
function readAmount(value: unknown, prefix: string, index: number, field: string): Amount {
  if (typeof value === 'string') {
    const micro = parseMicro(value);
    if (micro !== undefined) return micro;
  } else if (typeof value === 'number' && value >= 0 && value < Infinity) {
    return amountFromNumber(value);
  }
  return fromDecimal(nonNegativeMoney(value, linePath(prefix, index, field)));
}

function readSource(value: unknown, prefix: string, index: number): SourceCode {
  if (value === undefined || value === 'organic') return ORGANIC;
  if (value === 'cross-sell') return CROSS_SELL;
  if (value === 'upsell') return UPSELL;
  throw new KpiError('INVALID_EVENT', linePath(prefix, index, 'source'), `expected 'organic', 'cross-sell' or 'upsell', got ${show(value)}`);
}

/** @internal Throws unless `type` is the expected one (`undefined` counts as `'order'`). */
export function readType(event: Record<string, unknown>, prefix: string, expected: string): void {
  const type = event['type'];
  if (type !== expected && !(expected === 'order' && type === undefined)) {
    throw new KpiError('INVALID_EVENT', at(prefix, 'type'), `expected ${JSON.stringify(expected)}, got ${show(type)}`);
  }
}

/**
 * @internal Validates an order and reads it into `view`; `prefix` is prepended to error paths.
 * On an invalid order it throws a `KpiError` and the view holds no valid order.
 */
export function readOrder(value: unknown, view: OrderView, prefix = ''): void {
  const order = typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : record(value, prefix, 'an order');
  readType(order, prefix, 'order');
  view.known = 0;
  view.orderId = readId(order['orderId'], at(prefix, 'orderId'));
  const customerId = order['customerId'];
  view.customerId = customerId === undefined || customerId === null ? null : readId(customerId, at(prefix, 'customerId'));
  view.time = toEpochMilliseconds(order['timestamp'], at(prefix, 'timestamp'));
  const currency = order['currency'];
  if (currency !== undefined && !isCurrencyCode(currency)) {
    throw new KpiError('INVALID_CURRENCY', at(prefix, 'currency'), `expected an ISO 4217 code, got ${show(currency)}`);
  }
  view.currency = (currency as string | undefined) ?? null;
  view.channel = optionalString(order['channel'], at(prefix, 'channel'));
  view.segment = optionalString(order['segment'], at(prefix, 'segment'));
  view.dimensions = readDimensionsField(order['dimensions'], prefix);
  const lines = order['lines'];
  if (!Array.isArray(lines) || lines.length === 0) {
    throw new KpiError('INVALID_EVENT', at(prefix, 'lines'), 'expected an array of at least one line');
  }
  const { skus, categories, quantities, unitPrices, discounts, revenues, sources } = view;
  let revenue: Amount = 0;
  for (let index = 0; index < lines.length; index++) {
    const raw: unknown = lines[index];
    const line = typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? (raw as Record<string, unknown>) : record(raw, linePath(prefix, index, ''), 'an order line');
    const sku = line['sku'];
    skus[index] = typeof sku === 'string' && sku !== '' ? sku : readId(sku, linePath(prefix, index, 'sku'));
    const category = line['category'];
    categories[index] = category === undefined || typeof category === 'string' ? category : optionalString(category, linePath(prefix, index, 'category'));
    const rawQuantity = line['quantity'];
    const quantity =
      rawQuantity === undefined ? 1 : typeof rawQuantity === 'number' && rawQuantity > 0 && rawQuantity < Infinity ? rawQuantity : positiveQuantity(rawQuantity, linePath(prefix, index, 'quantity'));
    quantities[index] = quantity;
    const unitPrice = readAmount(line['unitPrice'], prefix, index, 'unitPrice');
    unitPrices[index] = unitPrice;
    const rawDiscount = line['discount'];
    const discount = rawDiscount === undefined ? 0 : readAmount(rawDiscount, prefix, index, 'discount');
    discounts[index] = discount;
    sources[index] = readSource(line['source'], prefix, index);
    const gross = quantity === 1 ? unitPrice : times(unitPrice, quantity);
    if (discount !== 0 && compare(discount, gross) > 0) {
      throw new KpiError('INVALID_MONEY', linePath(prefix, index, 'discount'), `discount ${amountText(discount)} exceeds the line's gross ${amountText(gross)}`);
    }
    const lineRevenue = discount === 0 ? gross : minus(gross, discount);
    revenues[index] = lineRevenue;
    revenue = typeof revenue === 'number' && typeof lineRevenue === 'number' && revenue + lineRevenue <= 4503599627370496 ? revenue + lineRevenue : plus(revenue, lineRevenue);
  }
  view.lineCount = lines.length;
  view.revenue = revenue;
}

/** @internal The order's items: the exact sum of its lines' quantities. */
export function orderItems(order: OrderView): Amount {
  if ((order.known & Fact.items) === 0) {
    const { quantities, lineCount } = order;
    let items: Amount = 0;
    for (let index = 0; index < lineCount; index++) items = plus(items, amountFromNumber(quantities[index]!));
    order.items = items;
    order.known |= Fact.items;
  }
  return order.items;
}

function readSources(order: OrderView): void {
  const { sources, revenues, lineCount } = order;
  let lines = 0;
  let crossSell: Amount = 0;
  let upsell: Amount = 0;
  for (let index = 0; index < lineCount; index++) {
    const source = sources[index]!;
    lines |= 1 << source;
    if (source === CROSS_SELL) crossSell = plus(crossSell, revenues[index]!);
    else if (source === UPSELL) upsell = plus(upsell, revenues[index]!);
  }
  order.sourceLines = lines;
  order.crossSellRevenue = crossSell;
  order.upsellRevenue = upsell;
  order.known |= Fact.sources;
}

/** @internal Whether a line of the order has this source. */
export function hasSource(order: OrderView, source: SourceCode): boolean {
  if ((order.known & Fact.sources) === 0) readSources(order);
  return (order.sourceLines & (1 << source)) !== 0;
}

/** @internal The exact revenue of the order's cross-sell or upsell lines (0 when it has none). */
export function sourceRevenue(order: OrderView, source: typeof CROSS_SELL | typeof UPSELL): Amount {
  if ((order.known & Fact.sources) === 0) readSources(order);
  return source === CROSS_SELL ? order.crossSellRevenue : order.upsellRevenue;
}

/** @internal Copies an order read into a view (for events kept whole, such as a re-delivery check across versions). */
export function copyOrderView(view: OrderView): OrderView {
  const count = view.lineCount;
  return {
    ...view,
    skus: view.skus.slice(0, count),
    categories: view.categories.slice(0, count),
    quantities: view.quantities.slice(0, count),
    unitPrices: view.unitPrices.slice(0, count),
    discounts: view.discounts.slice(0, count),
    revenues: view.revenues.slice(0, count),
    sources: view.sources.slice(0, count),
  };
}

/** Seeds of the hashes: each kind of event hashes into its own space. */
const ORDER_SEED = 0x6f726472;

/**
 * @internal The order's content fingerprint (state versions 2 and 3): customer (or none), time, currency, channel,
 * segment, dimensions (sorted by key), then each line's SKU, category, quantity, unit price,
 * discount and source. Injective encoding (see `hash.ts`), 53 bits.
 */
export function orderFingerprint(view: OrderView): number {
  hashStart(ORDER_SEED);
  // A guest is hashed as an absent field: the fingerprints of orders with a customer are unchanged.
  hashOptional(view.customerId ?? undefined);
  hashNumber(view.time);
  hashOptional(view.currency ?? undefined);
  hashOptional(view.channel);
  hashOptional(view.segment);
  hashDimensions(view.dimensions);
  const count = view.lineCount;
  hashWord(count);
  for (let index = 0; index < count; index++) {
    hashString(view.skus[index]!);
    hashOptional(view.categories[index]);
    hashNumber(view.quantities[index]!);
    hashAmount(view.unitPrices[index]!);
    hashAmount(view.discounts[index]!);
    hashWord(view.sources[index]!);
  }
  return hashDigest();
}

/** @internal Feeds dimensions: absent, or their count and each key and value, sorted by key. */
export function hashDimensions(dimensions: Readonly<Record<string, string>> | undefined): void {
  if (dimensions === undefined) {
    hashWord(-1);
    return;
  }
  const keys = Object.keys(dimensions);
  hashWord(keys.length);
  keys.sort();
  for (const key of keys) {
    hashString(key);
    hashString(dimensions[key]!);
  }
}
