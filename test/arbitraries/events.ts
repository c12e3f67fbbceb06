/**
 * fast-check arbitraries for the events xsell-kpi reads: orders, offers, visits and streams of
 * them, with the awkward cases built in (CONTRIBUTING.md, "Tests"): empty streams and single events, ids
 * such as `"__proto__"` and numeric ids, prices with 0, 2 and 4 decimals, huge and tiny amounts,
 * fractional quantities, timestamps in every accepted form around DST changes and the year end,
 * re-deliveries, conflicting duplicates, and invalid events for the error paths.
 *
 * Every generated stream is valid: an `orderId` (or `offerId`) appears once per stream, so two
 * events never share an id with different content. {@link withRedeliveries} adds identical
 * copies; {@link conflictingDuplicate} builds the conflicting ones.
 */
import DecimalJs from 'decimal.js';
import fc from 'fast-check';
import { toEpochMilliseconds, type CommerceEvent, type MoneyInput, type Offer, type Order, type OrderLine, type Return, type Visit } from 'xsell-kpi';
import * as big from '../reference/bigDecimal.js';

// ---------------------------------------------------------------------------------------------
// Pools: small, so that customers repeat and cross-sells happen
// ---------------------------------------------------------------------------------------------

/** Names that break code which uses plain objects as maps. */
export const HOSTILE_IDS = ['__proto__', 'constructor', 'toString', 'hasOwnProperty'] as const;

/** Customer (and visitor) ids; `7` and `'7'` are the same customer (numeric ids are read as strings). */
export const CUSTOMER_IDS: readonly (string | number)[] = ['ann', 'bob', 'cy', 'dee', 'eve', '7', 7, ...HOSTILE_IDS];
export const SKUS: readonly (string | number)[] = ['A', 'B', 'C', 'D', '42', 42, ...HOSTILE_IDS];
export const CATEGORIES: readonly string[] = ['shoes', 'socks', 'laces', '__proto__', 'constructor'];
export const CHANNELS: readonly string[] = ['web', 'store', 'app', '__proto__'];
export const SEGMENTS: readonly string[] = ['b2b', 'b2c', 'constructor'];
export const DIMENSION_KEYS: readonly string[] = ['region', 'campaign', '__proto__', 'toString'];
export const DIMENSION_VALUES: readonly string[] = ['north', 'south', 'spring-sale', ''];
const ORDER_IDS: readonly (string | number)[] = [...HOSTILE_IDS, 1001, '1001', ...Array.from({ length: 40 }, (_, index) => `o${index + 1}`)];
const OFFER_IDS: readonly (string | number)[] = [...HOSTILE_IDS, 2001, ...Array.from({ length: 20 }, (_, index) => `f${index + 1}`)];
const RETURN_IDS: readonly (string | number)[] = [...HOSTILE_IDS, 3001, ...Array.from({ length: 20 }, (_, index) => `r${index + 1}`)];

/** Ids are typed `string`; numbers are accepted at runtime and read as strings. */
const idFrom = (pool: readonly (string | number)[]): fc.Arbitrary<string> => fc.constantFrom(...pool) as fc.Arbitrary<string>;

export const customerIdArb = idFrom(CUSTOMER_IDS);
/** An order's or a return's customer: mostly one of the pool, sometimes a guest (`null`, or no `customerId` at all). */
export const buyerArb: fc.Arbitrary<string | null | undefined> = fc.oneof(
  { weight: 8, arbitrary: customerIdArb },
  { weight: 1, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: fc.constant(undefined) },
);
export const skuArb = idFrom(SKUS);
export const categoryArb = fc.constantFrom(...CATEGORIES);

// ---------------------------------------------------------------------------------------------
// Objects with hostile keys
// ---------------------------------------------------------------------------------------------

/** Sets an own, enumerable property; `"__proto__"` becomes an ordinary key (never the prototype). */
export function defineKey(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}

/** A plain object from entries, `"__proto__"` included as an own key. */
export function objectFrom(entries: Iterable<readonly [string, unknown]>): Record<string, unknown> {
  const object: Record<string, unknown> = {};
  for (const [key, value] of entries) defineKey(object, key, value);
  return object;
}

/**
 * A deep copy of an event: plain objects (own keys, `"__proto__"` included), arrays, `Date`s and
 * decimal.js values are copied; other values are shared.
 */
export function deepCopy<T>(value: T): T {
  return copy(value) as T;
}

function copy(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(copy);
  if (value instanceof Date) return new Date(value.getTime());
  if (DecimalJs.isDecimal(value)) return new DecimalJs((value as DecimalJs).toString());
  if (typeof value === 'object' && value !== null) return objectFrom(Object.keys(value).map((key) => [key, copy((value as Record<string, unknown>)[key])]));
  return value;
}

// ---------------------------------------------------------------------------------------------
// Money and quantities
// ---------------------------------------------------------------------------------------------

/** The exact decimal text of a money input or a quantity (numbers through their shortest string). */
export function decimalText(value: MoneyInput | number): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  return (value as DecimalJs).toFixed();
}

/** `unscaled × 10^-scale` as a plain decimal string, keeping trailing zeros (`'10.50'`). */
function scaled(unscaled: bigint, scale: number): string {
  const digits = unscaled.toString().padStart(scale + 1, '0');
  return scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
}

const scaledArb = (max: bigint, scale: number, min = 0n): fc.Arbitrary<string> => fc.bigInt({ min, max }).map((unscaled) => scaled(unscaled, scale));

/** Unit prices: strings with 0, 2 and 4 decimals, huge (~1e12) and tiny amounts, zero, a few numbers and host decimal.js values. */
export const unitPriceArb: fc.Arbitrary<MoneyInput> = fc.oneof(
  { weight: 5, arbitrary: scaledArb(100_00n, 2) },
  { weight: 2, arbitrary: scaledArb(1000n, 0) },
  { weight: 2, arbitrary: scaledArb(100_0000n, 4) },
  { weight: 1, arbitrary: scaledArb(10n ** 15n, 2, 10n ** 13n) },
  { weight: 1, arbitrary: fc.constantFrom('0', '0.00', '0.0001', '1000000000000', '999999999999.9999') },
  { weight: 1, arbitrary: fc.constantFrom(19.99, 0.1, 5, 0, 1e12, 0.0001) },
  { weight: 1, arbitrary: fc.constantFrom('12.5', '0.01', '1234567.8901').map((text): MoneyInput => new DecimalJs(text)) },
);

/** Quantities: mostly 1 to 3, sometimes fractional (1.5, 0.25) or large; `undefined` means absent (1). */
export const quantityArb: fc.Arbitrary<number | undefined> = fc.oneof(
  { weight: 2, arbitrary: fc.constant(undefined) },
  { weight: 6, arbitrary: fc.constantFrom(1, 2, 3) },
  { weight: 2, arbitrary: fc.constantFrom(1.5, 0.25) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 1000 }) },
);

/** quantity × unitPrice of a line, exactly. */
export function exactGross(line: { quantity?: number | undefined; unitPrice: MoneyInput }): big.BigDecimal {
  return big.multiply(big.parse(decimalText(line.quantity ?? 1)), big.parse(decimalText(line.unitPrice)));
}

/** quantity × unitPrice − discount of a line, exactly. */
export function exactLineRevenue(line: OrderLine): big.BigDecimal {
  return big.subtract(exactGross(line), big.parse(decimalText(line.discount ?? '0')));
}

/** The sum of an order's line revenues (of the lines that pass `filter`), exactly. */
export function exactOrderRevenue(order: Order, filter: (line: OrderLine) => boolean = () => true): big.BigDecimal {
  return order.lines.filter(filter).reduce((sum, line) => big.add(sum, exactLineRevenue(line)), big.parse('0'));
}

/** The revenue of many orders (of the lines that pass `filter`) as the canonical string `Decimal#toFixed()` prints. */
export function exactRevenueText(orders: readonly Order[], filter?: (line: OrderLine) => boolean): string {
  return big.toPlainString(orders.reduce((sum, order) => big.add(sum, exactOrderRevenue(order, filter)), big.parse('0')));
}

/** Whether an order or a return is a guest's (no customer). */
export function isGuest(event: { customerId?: string | null }): boolean {
  return event.customerId === undefined || event.customerId === null;
}

/** The orders of a stream (orders and returns), and its returns. */
export function ordersOf(events: readonly unknown[]): Order[] {
  return events.filter((event) => (event as { type?: unknown }).type !== 'return') as Order[];
}
export function returnsOf(events: readonly unknown[]): Return[] {
  return events.filter((event) => (event as { type?: unknown }).type === 'return') as Return[];
}

/** The exact sum of returns' amounts, by the BigInt reference, as a plain decimal string. */
export function exactReturnsText(returns: readonly Return[]): string {
  return big.toPlainString(returns.reduce((sum, event) => big.add(sum, big.parse(decimalText(event.amount))), big.parse('0')));
}

// ---------------------------------------------------------------------------------------------
// Timestamps
// ---------------------------------------------------------------------------------------------

const MINUTE = 60_000;
const YEAR_START = Date.UTC(2026, 0, 1);
const YEAR_END = Date.UTC(2027, 0, 1) - 1;

/** An instant (epoch ms) somewhere in 2026, or within an hour of an EU DST change or of the year end. */
export const instantArb: fc.Arbitrary<number> = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: YEAR_START, max: YEAR_END }) },
  // whole seconds/minutes in November, where most of a few-months stream falls
  { weight: 2, arbitrary: fc.integer({ min: 0, max: 60 * 24 * 90 }).map((minutes) => Date.UTC(2026, 9, 1) + minutes * MINUTE) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 60 }).map((minutes) => Date.UTC(2026, 2, 29, 0, 30) + minutes * MINUTE) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 60 }).map((minutes) => Date.UTC(2026, 9, 25, 0, 30) + minutes * MINUTE) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 60 }).map((minutes) => Date.UTC(2026, 11, 31, 23, 30) + minutes * MINUTE) },
  { weight: 1, arbitrary: fc.constantFrom(Date.UTC(2026, 11, 31, 23, 59, 59, 999), Date.UTC(2027, 0, 1), Date.UTC(2026, 2, 29, 1), Date.UTC(2026, 9, 25, 1)) },
);

const OFFSETS: readonly string[] = ['+01:00', '+02:00', '-05:00', '+05:30', '+0100', '-0800', '+00:00', '+14:00', '-12:00'];

function offsetMinutes(offset: string): number {
  const [, sign = '+', hours = '0', minutes = '0'] = /^([+-])(\d{2}):?(\d{2})$/.exec(offset) ?? [];
  return (sign === '-' ? -1 : 1) * (Number(hours) * 60 + Number(minutes));
}

/** ISO 8601 text of an instant, in UTC (`Z`) or at a fixed offset, with or without seconds and milliseconds. */
export function isoText(instant: number, offset: string, style: 'full' | 'short' | 'micro'): string {
  const local = new Date(instant + offsetMinutes(offset) * MINUTE).toISOString().slice(0, -1); // 'YYYY-MM-DDTHH:mm:ss.sss'
  let text = local;
  if (style === 'micro') text = `${local}000`;
  else if (style === 'short' && instant % 1000 === 0) text = instant % MINUTE === 0 ? local.slice(0, 16) : local.slice(0, 19);
  return `${text}${offset === 'Z' ? 'Z' : offset}`;
}

/** A timestamp in any accepted form: ISO with `Z` or an offset, epoch milliseconds, or a `Date`. */
export const timestampArb: fc.Arbitrary<Date | string | number> = fc
  .tuple(instantArb, fc.constantFrom('z', 'offset', 'epoch', 'date'), fc.constantFrom(...OFFSETS), fc.constantFrom('full', 'short', 'micro') as fc.Arbitrary<'full' | 'short' | 'micro'>)
  .map(([instant, form, offset, style]) => {
    if (form === 'epoch') return instant;
    if (form === 'date') return new Date(instant);
    return isoText(instant, form === 'z' ? 'Z' : offset, style);
  });

// ---------------------------------------------------------------------------------------------
// Orders, offers and visits
// ---------------------------------------------------------------------------------------------

/** `'USD'`: every order carries USD; `null`: no currency anywhere; `'mixed'`: USD, EUR or none per order (for error paths). */
export type CurrencyMode = 'USD' | null | 'mixed';

export interface OrderArbOptions {
  /** Currency of the orders; `null` (none) by default. */
  currency?: CurrencyMode;
  /** Whether lines carry a category: `'sometimes'` (default), `'always'` (for `{ by: 'category' }`) or `'never'`. */
  categories?: 'always' | 'sometimes' | 'never';
  /** At most this many lines per order (default 4). */
  maxLines?: number;
}

const optional = <T>(arbitrary: fc.Arbitrary<T>, weight = 1): fc.Arbitrary<T | undefined> =>
  fc.oneof({ weight, arbitrary: fc.constant(undefined) }, { weight: 2, arbitrary });

/** Free-form dimensions from small pools (`"__proto__"` is an ordinary key). */
export const dimensionsArb: fc.Arbitrary<Record<string, string>> = fc
  .uniqueArray(fc.tuple(fc.constantFrom(...DIMENSION_KEYS), fc.constantFrom(...DIMENSION_VALUES)), { selector: ([key]) => key, maxLength: 3 })
  .map((entries) => objectFrom(entries) as Record<string, string>);

/** channel, segment and dimensions, each sometimes absent. */
const groupFieldsArb = fc.record({ channel: optional(fc.constantFrom(...CHANNELS)), segment: optional(fc.constantFrom(...SEGMENTS)), dimensions: optional(dimensionsArb, 2) });

/** Copies the defined fields onto `target` (absent stays absent: never an `undefined` property). */
function assignDefined(target: Record<string, unknown>, fields: Record<string, unknown>): void {
  for (const key of Object.keys(fields)) if (fields[key] !== undefined) defineKey(target, key, fields[key]);
}

/** An order line; its discount, when present, is at most quantity × unitPrice (computed exactly). */
export function lineArb(options: Pick<OrderArbOptions, 'categories'> = {}): fc.Arbitrary<OrderLine> {
  const categories = options.categories ?? 'sometimes';
  const category = categories === 'always' ? categoryArb : categories === 'never' ? fc.constant(undefined) : optional(categoryArb);
  return fc
    .record({
      sku: skuArb,
      category,
      quantity: quantityArb,
      unitPrice: unitPriceArb,
      discountShare: fc.oneof({ weight: 3, arbitrary: fc.constant(undefined) }, { weight: 2, arbitrary: fc.integer({ min: 0, max: 1000 }) }, { weight: 1, arbitrary: fc.constantFrom(0, 1000) }),
      source: optional(fc.constantFrom('organic', 'cross-sell', 'upsell') as fc.Arbitrary<'organic' | 'cross-sell' | 'upsell'>),
    })
    .map(({ discountShare, ...fields }) => {
      const line: Record<string, unknown> = {};
      assignDefined(line, fields);
      if (discountShare !== undefined) {
        const gross = exactGross(fields);
        // discountShare/1000 of the gross, rounded down at the gross's scale: never above the gross
        line['discount'] = scaled((gross.unscaled * BigInt(discountShare)) / 1000n, gross.scale);
      }
      return line as unknown as OrderLine;
    });
}

/** An order body without its `orderId` (streams assign unique ids). */
function orderBodyArb(options: OrderArbOptions): fc.Arbitrary<Omit<Order, 'orderId'>> {
  const currency = options.currency ?? null;
  const currencyArb: fc.Arbitrary<string | undefined> =
    currency === 'mixed' ? fc.constantFrom('USD', 'EUR', undefined) : fc.constant(currency === null ? undefined : currency);
  return fc
    .record({
      type: fc.constantFrom(undefined, 'order' as const),
      customerId: buyerArb,
      timestamp: timestampArb,
      currency: currencyArb,
      group: groupFieldsArb,
      lines: fc.array(lineArb(options), { minLength: 1, maxLength: options.maxLines ?? 4 }),
    })
    .map(({ type, customerId, timestamp, currency: code, group, lines }) => {
      const order: Record<string, unknown> = {};
      assignDefined(order, { type, customerId, timestamp, currency: code, ...group, lines });
      return order as unknown as Omit<Order, 'orderId'>;
    });
}

/** One valid order; its `orderId` comes from a small pool (streams make ids unique). */
export function orderArb(options: OrderArbOptions = {}): fc.Arbitrary<Order> {
  return fc.tuple(idFrom(ORDER_IDS), orderBodyArb(options)).map(([orderId, body]) => withFirstKey('orderId', orderId, body) as unknown as Order);
}

/** A valid offer, sometimes with an `offerId`. */
export function offerArb(): fc.Arbitrary<Offer> {
  return fc
    .record({
      customerId: customerIdArb,
      timestamp: timestampArb,
      kind: fc.constantFrom('cross-sell', 'upsell') as fc.Arbitrary<'cross-sell' | 'upsell'>,
      accepted: fc.boolean(),
      offerId: optional(idFrom(OFFER_IDS)),
      group: groupFieldsArb,
    })
    .map(({ group, ...fields }) => {
      const offer: Record<string, unknown> = { type: 'offer' };
      assignDefined(offer, { ...fields, ...group });
      return offer as unknown as Offer;
    });
}

/** Money given back: like unit prices, but always more than 0. */
export const returnAmountArb: fc.Arbitrary<MoneyInput> = fc.oneof(
  { weight: 5, arbitrary: scaledArb(100_00n, 2, 1n) },
  { weight: 2, arbitrary: scaledArb(100_0000n, 4, 1n) },
  { weight: 1, arbitrary: fc.constantFrom('0.0001', '1000000000000', '999999999999.9999', '25') },
  { weight: 1, arbitrary: fc.constantFrom(19.99, 0.1, 5, 1e12, 0.0001) },
  { weight: 1, arbitrary: fc.constantFrom('12.5', '0.01').map((text): MoneyInput => new DecimalJs(text)) },
);

/** A valid return, of the stream's currency (`options.currency`), sometimes a guest's, sometimes naming its order. */
export function returnArb(options: Pick<OrderArbOptions, 'currency'> = {}): fc.Arbitrary<Return> {
  const currency = options.currency ?? null;
  const currencyArb: fc.Arbitrary<string | undefined> =
    currency === 'mixed' ? fc.constantFrom('USD', 'EUR', undefined) : fc.constant(currency === null ? undefined : currency);
  return fc
    .record({
      returnId: idFrom(RETURN_IDS),
      orderId: optional(idFrom(ORDER_IDS)),
      customerId: buyerArb,
      timestamp: timestampArb,
      currency: currencyArb,
      amount: returnAmountArb,
      group: groupFieldsArb,
    })
    .map(({ returnId, group, ...fields }) => {
      const event = withFirstKey('type', 'return', {});
      defineKey(event, 'returnId', returnId);
      assignDefined(event, { ...fields, ...group });
      return event as unknown as Return;
    });
}

/** A valid visit. */
export function visitArb(): fc.Arbitrary<Visit> {
  return fc.record({ visitorId: customerIdArb, timestamp: timestampArb, converted: fc.boolean(), group: groupFieldsArb }).map(({ group, ...fields }) => {
    const visit: Record<string, unknown> = { type: 'visit' };
    assignDefined(visit, { ...fields, ...group });
    return visit as unknown as Visit;
  });
}

function withFirstKey(key: string, value: unknown, rest: object): Record<string, unknown> {
  const object: Record<string, unknown> = {};
  defineKey(object, key, value);
  for (const name of Object.keys(rest)) defineKey(object, name, (rest as Record<string, unknown>)[name]);
  return object;
}

// ---------------------------------------------------------------------------------------------
// Streams
// ---------------------------------------------------------------------------------------------

export type EventKind = 'order' | 'offer' | 'visit' | 'return';
export type EventOf<K extends EventKind> = { order: Order; offer: Offer; visit: Visit; return: Return }[K];

export interface StreamOptions<K extends EventKind = EventKind> extends OrderArbOptions {
  /** Which events the stream holds: `['order']` by default. */
  kinds?: readonly K[];
  /** At most this many events (default 30). */
  maxLength?: number;
}

/** The id that makes an event "the same event" when re-delivered: an order's `orderId`, an offer's `offerId`, a return's `returnId`. */
export function deliveryId(event: unknown): string | undefined {
  if (typeof event !== 'object' || event === null) return undefined;
  const { type, orderId, offerId, returnId } = event as { type?: unknown; orderId?: unknown; offerId?: unknown; returnId?: unknown };
  if ((type === undefined || type === 'order') && orderId !== undefined) return `order:${String(orderId)}`;
  if (type === 'offer' && offerId !== undefined) return `offer:${String(offerId)}`;
  if (type === 'return' && returnId !== undefined) return `return:${String(returnId)}`;
  return undefined;
}

const ID_FIELDS: Readonly<Record<string, string>> = { order: 'orderId', offer: 'offerId', return: 'returnId' };

/** Renames ids that already appeared (as strings: `7` and `'7'` collide) so every id is used once. */
function uniqueIds<E>(events: E[]): E[] {
  const seen = new Set<string>();
  return events.map((event, index) => {
    const id = deliveryId(event);
    if (id === undefined) return event;
    if (!seen.has(id)) {
      seen.add(id);
      return event;
    }
    const field = ID_FIELDS[id.slice(0, id.indexOf(':'))]!;
    const renamed = `${id.slice(id.indexOf(':') + 1)}~${index}`;
    seen.add(`${id.slice(0, id.indexOf(':'))}:${renamed}`);
    const copy = { ...event } as Record<string, unknown>;
    defineKey(copy, field, renamed);
    return copy as E;
  });
}

/**
 * A valid stream of events: empty, one event, or many (up to `maxLength`, default 30), with
 * customers, products and periods that repeat. Ids are unique within the stream.
 *
 * @example streamArb({ currency: 'USD' }) // orders only, all in USD
 * @example streamArb({ kinds: ['order', 'offer', 'visit'] }) // everything, for the Scorecard
 */
export function streamArb<K extends EventKind = 'order'>(options: StreamOptions<K> = {}): fc.Arbitrary<EventOf<K>[]> {
  const kinds = options.kinds ?? (['order'] as unknown as readonly K[]);
  const byKind: Record<EventKind, fc.Arbitrary<CommerceEvent>> = { order: orderArb(options), offer: offerArb(), visit: visitArb(), return: returnArb(options) };
  const event = fc.oneof(...kinds.map((kind) => byKind[kind])) as fc.Arbitrary<EventOf<K>>;
  const maxLength = options.maxLength ?? 30;
  return fc
    .oneof(
      { weight: 1, arbitrary: fc.constant([] as EventOf<K>[]) },
      { weight: 1, arbitrary: event.map((one) => [one]) },
      { weight: 5, arbitrary: fc.array(event, { minLength: 2, maxLength: Math.max(2, maxLength) }) },
      // fast-check's default size keeps arrays short (about 10): these reach maxLength
      { weight: 1, arbitrary: fc.array(event, { minLength: 2, maxLength: Math.max(2, maxLength), size: 'max' }) },
    )
    .map(uniqueIds);
}

/**
 * The stream with some events re-delivered: identical deep copies (same id, same content) of
 * orders and of offers with an `offerId`, each inserted somewhere after its original.
 * The result must count exactly like the stream (law 5).
 */
export function withRedeliveries<E>(stream: readonly E[]): fc.Arbitrary<E[]> {
  const candidates = stream.filter((event) => deliveryId(event) !== undefined);
  if (candidates.length === 0) return fc.constant([...stream]);
  return fc.array(fc.tuple(fc.nat({ max: candidates.length - 1 }), fc.nat()), { minLength: 1, maxLength: Math.min(10, 2 * candidates.length) }).map((picks) => {
    const events = [...stream];
    for (const [which, where] of picks) {
      const original = candidates[which]!;
      const after = events.indexOf(original) + 1;
      events.splice(after + (where % (events.length - after + 1)), 0, deepCopy(original));
    }
    return events;
  });
}

/**
 * An event with the same id (an order's `orderId`, an offer's `offerId`) but different content:
 * adding it after the original must be `CONFLICTING_DUPLICATE`. Keeps the currency, the type and
 * the presence of categories, so that no other error comes first.
 */
export function conflictingDuplicate<E>(event: E): fc.Arbitrary<E> {
  const original = event as Record<string, unknown>;
  if (original['type'] === 'return') {
    return fc.constantFrom('amount', 'customer', 'time', 'order').map((change) => {
      const copy = deepCopy(original);
      if (change === 'amount') copy['amount'] = big.toPlainString(big.add(big.parse(decimalText(original['amount'] as MoneyInput)), big.parse('1')));
      if (change === 'customer') defineKey(copy, 'customerId', `${String(original['customerId'])}-other`);
      if (change === 'time') copy['timestamp'] = shiftedTimestamp(original['timestamp']);
      if (change === 'order') defineKey(copy, 'orderId', `${String(original['orderId'])}-other`);
      return copy as E;
    });
  }
  if (original['type'] === 'offer') {
    return fc.constantFrom('accepted', 'customer', 'time').map((change) => {
      const offer = deepCopy(original);
      if (change === 'accepted') offer['accepted'] = original['accepted'] !== true;
      if (change === 'customer') defineKey(offer, 'customerId', `${String(original['customerId'])}-other`);
      if (change === 'time') offer['timestamp'] = shiftedTimestamp(original['timestamp']);
      return offer as E;
    });
  }
  const lines = original['lines'] as OrderLine[];
  const changes = ['customer', 'quantity', 'price', 'time', 'extra-line', ...(lines.length > 1 ? ['fewer-lines'] : [])];
  return fc.tuple(fc.constantFrom(...changes), fc.nat({ max: lines.length - 1 })).map(([change, index]) => {
    const order = deepCopy(original);
    const copiedLines = order['lines'] as Record<string, unknown>[];
    const line = copiedLines[index]!;
    if (change === 'customer') defineKey(order, 'customerId', `${String(original['customerId'])}-other`);
    if (change === 'quantity') line['quantity'] = ((line['quantity'] as number | undefined) ?? 1) + 1;
    if (change === 'price') line['unitPrice'] = big.toPlainString(big.add(big.parse(decimalText(line['unitPrice'] as MoneyInput)), big.parse('1')));
    if (change === 'time') order['timestamp'] = shiftedTimestamp(original['timestamp']);
    if (change === 'extra-line') copiedLines.push({ ...deepCopy(line), sku: `${String(line['sku'])}-extra` });
    if (change === 'fewer-lines') copiedLines.splice(index, 1);
    return order as E;
  });
}

function shiftedTimestamp(timestamp: unknown): number {
  return toEpochMilliseconds(timestamp) + 1000;
}

// ---------------------------------------------------------------------------------------------
// Invalid events
// ---------------------------------------------------------------------------------------------

type Mutation = (event: Record<string, unknown>, line: Record<string, unknown>, gross: big.BigDecimal) => unknown;

const set =
  (key: string, value: () => unknown): Mutation =>
  (event) => {
    defineKey(event, key, value());
    return event;
  };
const remove =
  (key: string): Mutation =>
  (event) => {
    delete event[key];
    return event;
  };
const setLine =
  (key: string, value: (gross: big.BigDecimal) => unknown): Mutation =>
  (event, line, gross) => {
    defineKey(line, key, value(gross));
    return event;
  };

const SHARED_MUTATIONS: Record<string, Mutation> = {
  'timestamp without offset': set('timestamp', () => '2026-11-30T10:00:00'),
  'date-only timestamp': set('timestamp', () => '2026-11-30'),
  'impossible date': set('timestamp', () => '2026-02-30T00:00:00Z'),
  'Invalid Date': set('timestamp', () => new Date(Number.NaN)),
  'NaN timestamp': set('timestamp', () => Number.NaN),
  'fractional epoch': set('timestamp', () => 1.5),
  'missing timestamp': remove('timestamp'),
  'dimensions with a non-string value': set('dimensions', () => ({ region: 1 })),
  'dimensions not an object': set('dimensions', () => 'north'),
  'channel not a string': set('channel', () => 5),
  'segment null': set('segment', () => null),
};

const ORDER_MUTATIONS: Record<string, Mutation> = {
  ...SHARED_MUTATIONS,
  'negative quantity': setLine('quantity', () => -1),
  'zero quantity': setLine('quantity', () => 0),
  'NaN quantity': setLine('quantity', () => Number.NaN),
  'Infinity quantity': setLine('quantity', () => Number.POSITIVE_INFINITY),
  'string quantity': setLine('quantity', () => '2'),
  'negative unitPrice': setLine('unitPrice', () => '-0.01'),
  'negative number unitPrice': setLine('unitPrice', () => -5),
  "unitPrice 'abc'": setLine('unitPrice', () => 'abc'),
  "unitPrice '1e3'": setLine('unitPrice', () => '1e3'),
  'empty unitPrice': setLine('unitPrice', () => ''),
  'NaN unitPrice': setLine('unitPrice', () => Number.NaN),
  'Infinity unitPrice': setLine('unitPrice', () => Number.POSITIVE_INFINITY),
  'missing unitPrice': (event, line) => (delete line['unitPrice'], event),
  'discount above gross': setLine('discount', (gross) => big.toPlainString(big.add(gross, big.parse('0.0001')))),
  'negative discount': setLine('discount', () => '-1'),
  "source 'bogus'": setLine('source', () => 'bogus'),
  'missing sku': (event, line) => (delete line['sku'], event),
  'empty sku': setLine('sku', () => ''),
  'category not a string': setLine('category', () => 3),
  'line null': (event) => ((event['lines'] as unknown[]).splice(0, 1, null), event),
  'empty lines': set('lines', () => []),
  'lines not an array': (event) => (defineKey(event, 'lines', { 0: (event['lines'] as unknown[])[0] }), event),
  'missing lines': remove('lines'),
  'missing orderId': remove('orderId'),
  'empty orderId': set('orderId', () => ''),
  'null orderId': set('orderId', () => null),
  'empty customerId': set('customerId', () => ''),
  'NaN customerId': set('customerId', () => Number.NaN),
  "currency 'usd'": set('currency', () => 'usd'),
  "currency 'XAU'": set('currency', () => 'XAU'),
  "type 'refund'": set('type', () => 'refund'),
  "type 'visit'": set('type', () => 'visit'),
  'null event': () => null,
  'a string event': () => 'order',
  'an array event': (event) => [event],
};

const OFFER_MUTATIONS: Record<string, Mutation> = {
  ...SHARED_MUTATIONS,
  'bad kind': set('kind', () => 'discount'),
  'missing kind': remove('kind'),
  'accepted not boolean': set('accepted', () => 'yes'),
  'accepted 1': set('accepted', () => 1),
  'missing accepted': remove('accepted'),
  'missing customerId': remove('customerId'),
  'empty offerId': set('offerId', () => ''),
  'missing type': remove('type'),
  "type 'visit'": set('type', () => 'visit'),
  'null event': () => null,
};

const RETURN_MUTATIONS: Record<string, Mutation> = {
  ...SHARED_MUTATIONS,
  'missing returnId': remove('returnId'),
  'empty returnId': set('returnId', () => ''),
  'empty customerId': set('customerId', () => ''),
  'empty orderId': set('orderId', () => ''),
  'amount 0': set('amount', () => '0'),
  'amount -1': set('amount', () => '-1'),
  'amount 0 as a number': set('amount', () => 0),
  'missing amount': remove('amount'),
  'amount not money': set('amount', () => '1,5'),
  'epoch seconds': set('timestamp', () => 1_796_081_400),
  "currency 'usd'": set('currency', () => 'usd'),
  'missing type': remove('type'),
  "type 'refund'": set('type', () => 'refund'),
  'null event': () => null,
};

const VISIT_MUTATIONS: Record<string, Mutation> = {
  ...SHARED_MUTATIONS,
  'missing visitorId': remove('visitorId'),
  'empty visitorId': set('visitorId', () => ''),
  'converted not boolean': set('converted', () => 'true'),
  'missing converted': remove('converted'),
  'missing type': remove('type'),
  "type 'offer'": set('type', () => 'offer'),
  'null event': () => null,
};

function mutated<E>(valid: fc.Arbitrary<E>, mutations: Record<string, Mutation>): fc.Arbitrary<unknown> {
  const names = Object.keys(mutations);
  return fc.tuple(valid, fc.constantFrom(...names), fc.nat()).map(([event, name, which]) => {
    const copy = deepCopy(event) as Record<string, unknown>;
    const lines = Array.isArray(copy['lines']) ? (copy['lines'] as Record<string, unknown>[]) : [];
    const line = lines[which % Math.max(1, lines.length)] ?? {};
    const gross = 'unitPrice' in line ? exactGross(line as unknown as OrderLine) : big.parse('0');
    return mutations[name]!(copy, line, gross);
  });
}

/** Mutations of a valid order that every order-reading accumulator must reject (`KpiError`, state unchanged). */
export function invalidOrderArb(valid: fc.Arbitrary<Order> = orderArb()): fc.Arbitrary<unknown> {
  return mutated(valid, ORDER_MUTATIONS);
}

/** Mutations of a valid offer that must be rejected. */
export function invalidOfferArb(valid: fc.Arbitrary<Offer> = offerArb()): fc.Arbitrary<unknown> {
  return mutated(valid, OFFER_MUTATIONS);
}

/** Mutations of a valid return that must be rejected. */
export function invalidReturnArb(valid: fc.Arbitrary<Return> = returnArb()): fc.Arbitrary<unknown> {
  return mutated(valid, RETURN_MUTATIONS);
}

/** Mutations of a valid visit that must be rejected. */
export function invalidVisitArb(valid: fc.Arbitrary<Visit> = visitArb()): fc.Arbitrary<unknown> {
  return mutated(valid, VISIT_MUTATIONS);
}

/**
 * Events that an accumulator reading `kinds` must reject: invalid events of those kinds, and
 * (valid or not) events of every other kind, which it does not read.
 */
export function invalidEventArb(kinds: readonly EventKind[], options: OrderArbOptions = {}): fc.Arbitrary<unknown> {
  const arbitraries: fc.Arbitrary<unknown>[] = [];
  if (kinds.includes('order')) arbitraries.push(invalidOrderArb(orderArb(options)));
  else arbitraries.push(orderArb(options));
  if (kinds.includes('offer')) arbitraries.push(invalidOfferArb());
  else arbitraries.push(offerArb());
  if (kinds.includes('visit')) arbitraries.push(invalidVisitArb());
  else arbitraries.push(visitArb());
  if (kinds.includes('return')) arbitraries.push(invalidReturnArb(returnArb(options)));
  else arbitraries.push(returnArb(options));
  return fc.oneof(...arbitraries);
}
