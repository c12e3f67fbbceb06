import { mulberry32 } from '../../examples/support/random.js';
export { mulberry32 };
import type { CommerceEvent, Offer, Order, OrderLine, Return, Visit } from 'xsell-kpi';
import { add, multiply, parse, subtract, toPlainString, type BigDecimal } from '../reference/bigDecimal.js';

/**
 * A seeded, deterministic event stream for the DuckDB oracle (test/oracle/oracle.test.ts).
 *
 * Everything comes from one mulberry32 PRNG, so the same seed always gives the same stream.
 * The data is shaped to exercise the edges the KPIs care about:
 * - orders over 2026-01 .. 2026-12 except August (a month with offers and visits but no orders,
 *   so retention/churn see a gap), many of them within minutes of a month boundary, a few with a
 *   non-Z offset (`+01:00`, `-05:00`, ...) that moves them into the neighbouring UTC month;
 * - prices with 2 and 4 decimals as strings (a few as plain numbers, and a few free items),
 *   integer and fractional quantities (multiples of 0.25, so their float sum is exact), absent
 *   quantities (default 1), discounts computed exactly in integer units (some equal to the gross),
 *   sources organic (often absent) / cross-sell / upsell, the same sku twice in one order;
 * - customers with skewed activity; a few customers whose id is a number in some orders and the
 *   same digits as a string in others (ids are read as strings);
 * - about 10% guest orders (SPEC section 9): half without a `customerId`, half with `customerId:
 *   null`, some without a segment; they count in order-level figures only;
 * - free-form dimensions on most orders and returns: `region` (north, south, east, west), at times
 *   beside or instead of another key (`campaign`), or none (Scorecard group value '');
 * - about 2% of orders re-delivered as identical copies (same orderId, same content), guest orders
 *   among them;
 * - returns (SPEC section 9), all in EUR like the orders: of an order (`orderId`, its customer or
 *   guest form, its channel or another one, up to 40 days later, so December's returns make a
 *   period 2027-01 of returns only), some the whole order's revenue; guest returns (no
 *   `customerId`, or `null`) without an order; returns of customers who never ordered (`c1501` ..,
 *   beyond the customers of the orders); returns of ordinary customers without an `orderId` (some
 *   customers' returns exceed what they bought); each with its own channel, segment and region
 *   (for returns of an order usually the order's); a returns-only channel `phone`; a few without a
 *   channel; amounts with 2, 4 or 6 decimals, a few as plain numbers; timestamps as ISO strings
 *   (some with an offset), epoch milliseconds or Dates; about 4% re-delivered (same returnId);
 * - offers with and without offerId, some re-delivered with the same offerId, a few identical
 *   copies without an offerId (which count twice), timestamps as strings or epoch milliseconds;
 * - visits with repeating visitorIds, timestamps as strings, Dates or epoch milliseconds;
 * - about 1% of events without a channel (Scorecard group value ''), and an offers-only channel
 *   'email' (Scorecard rows with no orders).
 */

export const CURRENCY = 'EUR';
export const CATEGORY_COUNT = 20;
export const SKU_COUNT = 300;
export const CUSTOMER_COUNT = 1500;
export const ORDER_COUNT = 8500;
export const OFFER_COUNT = 2900;
export const VISIT_COUNT = 5000;
export const VISITOR_COUNT = 2000;
export const RETURN_COUNT = 1200;
/** Share of orders placed by a guest (no customer). */
const GUEST_SHARE = 0.1;
/** Customers `c1501` .. `c1560` only ever return (they have no order). */
const CUSTOMERS_WITHOUT_ORDERS = 60;
/** Customers 1..NUMERIC_ID_CUSTOMERS have numeric ids (90001, ...), sent as a number or a string. */
const NUMERIC_ID_CUSTOMERS = 40;
/** The month with no orders (offers and visits only). */
export const MONTH_WITHOUT_ORDERS = 8;

const pad = (value: number, width: number): string => String(value).padStart(width, '0');

/** `sku-001` .. `sku-300`. */
export const skuId = (index: number): string => `sku-${pad(index, 3)}`;
/** `cat-01` .. `cat-20`: sku i belongs to category ((i − 1) mod 20) + 1, so cat-03 holds sku-003, sku-023, ... */
export const categoryOf = (skuIndex: number): string => `cat-${pad(((skuIndex - 1) % CATEGORY_COUNT) + 1, 2)}`;

/** Formats `units × 10^-scale` (units ≥ 0) as a plain decimal string with exactly `scale` decimals. */
function formatUnits(units: bigint, scale: number): string {
  const digits = units.toString().padStart(scale + 1, '0');
  return scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
}

export interface Dataset {
  /** The whole stream, shuffled: orders (with re-deliveries), offers (with re-deliveries) and visits. */
  events: CommerceEvent[];
  /** The order events of the stream, in stream order (re-deliveries included). */
  orders: Order[];
  /** The offer events of the stream, in stream order (re-deliveries included). */
  offers: Offer[];
  /** The visit events of the stream, in stream order. */
  visits: Visit[];
  /** The return events of the stream, in stream order (re-deliveries included). */
  returns: Return[];
  /** What the generator made, before any de-duplication. */
  generated: {
    uniqueOrders: number;
    redeliveredOrders: number;
    uniqueLines: number;
    uniqueOffers: number;
    redeliveredOffers: number;
    duplicatedOffersWithoutId: number;
    visits: number;
    /** Unique guest orders without a `customerId` property, and with `customerId: null`. */
    guestOrdersWithoutId: number;
    guestOrdersWithNull: number;
    uniqueReturns: number;
    redeliveredReturns: number;
  };
}

export function buildDataset(seed = 20260101): Dataset {
  const random = mulberry32(seed);
  const int = (min: number, max: number): number => min + Math.floor(random() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const weighted = <T>(entries: readonly (readonly [T, number])[]): T => {
    let r = random() * entries.reduce((sum, [, weight]) => sum + weight, 0);
    for (const [value, weight] of entries) {
      r -= weight;
      if (r < 0) return value;
    }
    return entries[entries.length - 1]![0];
  };

  // --- time ------------------------------------------------------------------------------------
  const daysIn = (month: number): number => new Date(Date.UTC(2026, month, 0)).getUTCDate();
  /** Epoch ms in 2026-`month`, often within 90 minutes of the month's start or end. */
  const instantIn = (month: number): number => {
    const r = random();
    if (r < 0.07) return Date.UTC(2026, month - 1, 1) + int(0, 90 * 60_000);
    if (r < 0.14) return Date.UTC(2026, month, 1) - 1 - int(0, 90 * 60_000);
    if (r < 0.16) return Date.UTC(2026, month - 1, 1); // exactly the first instant of the month
    return Date.UTC(2026, month - 1, int(1, daysIn(month)), int(0, 23), int(0, 59), int(0, 59), int(0, 999));
  };
  /** An ISO string of `ms`: usually `Z`, sometimes with a non-zero offset (same instant). */
  const isoString = (ms: number, allowOffset: boolean): string => {
    if (!allowOffset || random() >= 0.04) {
      const text = new Date(ms).toISOString();
      return text.endsWith('.000Z') && random() < 0.5 ? `${text.slice(0, -5)}Z` : text;
    }
    const offsetMinutes = pick([60, 120, -300, 330, -600, 840]);
    const local = new Date(ms + offsetMinutes * 60_000).toISOString().slice(0, -1); // wall-clock time at that offset
    const sign = offsetMinutes < 0 ? '-' : '+';
    const abs = Math.abs(offsetMinutes);
    return `${local}${sign}${pad(Math.floor(abs / 60), 2)}:${pad(abs % 60, 2)}`;
  };
  const orderMonths = Array.from({ length: 12 }, (_, i) => i + 1).filter((m) => m !== MONTH_WITHOUT_ORDERS);

  // --- catalogue -------------------------------------------------------------------------------
  /** Price of each sku in 1e-4 units, and whether it is written with 4 decimals. */
  const catalogue = Array.from({ length: SKU_COUNT + 1 }, (_, index) => {
    if (index % 37 === 0) return { units: 0n, scale: 2 }; // free items (index 0 unused)
    if (index % 10 === 0) return { units: BigInt(int(1_0000, 999_9999)), scale: 4 };
    return { units: BigInt(int(50, 49_999)) * 100n, scale: 2 };
  });
  const skuIndex = (): number => 1 + Math.floor(SKU_COUNT * random() ** 1.3);

  // --- customers -------------------------------------------------------------------------------
  const segments = ['consumer', 'smb', 'enterprise'] as const;
  const regions = ['north', 'south', 'east', 'west'] as const;
  /** Free-form dimensions: usually a region, now and then another key beside it or instead of it. */
  const dimensionsOf = (region: string): Record<string, string> | undefined => {
    const r = random();
    return r < 0.75 ? { region } : r < 0.8 ? { region, campaign: 'spring' } : r < 0.85 ? { campaign: 'spring' } : undefined;
  };
  const customerIdOf = (index: number): string | number => {
    if (index > NUMERIC_ID_CUSTOMERS) return `c${pad(index, 4)}`;
    return random() < 0.5 ? 90_000 + index : String(90_000 + index);
  };
  const customerIndex = (): number => 1 + Math.floor(CUSTOMER_COUNT * random() ** 1.7);
  const channel = (): string | undefined => (random() < 0.01 ? undefined : weighted([['web', 5], ['app', 3], ['store', 2]] as const));

  // --- orders ----------------------------------------------------------------------------------
  const line = (first: boolean, earlier: readonly OrderLine[]): OrderLine => {
    const repeat = !first && random() < 0.05;
    const index = repeat ? Number(pick(earlier).sku.slice(4)) : skuIndex();
    const { units: listUnits, scale: listScale } = catalogue[index]!;
    // 10% of lines carry a promotional price instead of the list price.
    const promo = listUnits > 0n && random() < 0.1;
    const priceUnits = !promo ? listUnits : listScale === 4 ? BigInt(int(1_0000, 499_9999)) : BigInt(int(50, 49_999)) * 100n;
    const priceText = listScale === 4 ? formatUnits(priceUnits, 4) : formatUnits(priceUnits / 100n, 2);
    // Quantity in hundredths; 10% absent (1), 75% integers, 15% fractional multiples of 0.25.
    const q = random();
    const quantity = q < 0.1 ? undefined : q < 0.85 ? weighted([[1, 6], [2, 3], [3, 1], [4, 1], [12, 0.2]] as const) : pick([0.25, 0.5, 0.75, 1.25, 1.5, 2.5]);
    const quantityHundredths = BigInt(Math.round((quantity ?? 1) * 100));
    const result: OrderLine = {
      sku: skuId(index),
      category: categoryOf(index),
      // A few 2-decimal prices are sent as numbers, read through their shortest decimal string.
      unitPrice: listScale === 2 && random() < 0.05 ? Number(priceText) : priceText,
    };
    if (quantity !== undefined) result.quantity = quantity;
    // Discounts on 25% of lines, in whole cents, never above the gross; some equal the gross exactly.
    const grossMicros = priceUnits * quantityHundredths; // 1e-4 × 1e-2 = 1e-6 units
    const d = random();
    if (d < 0.02) result.discount = '0.00';
    else if (d < 0.27 && grossMicros > 0n) {
      if (random() < 0.08) result.discount = formatUnits(grossMicros, 6);
      else {
        const cents = (grossMicros * BigInt(pick([5, 10, 15, 20, 25, 50]))) / 100n / 10_000n;
        if (cents > 0n) result.discount = formatUnits(cents, 2);
      }
    }
    const source = first ? weighted([['organic', 85], ['upsell', 15]] as const) : weighted([['organic', 45], ['cross-sell', 40], ['upsell', 15]] as const);
    if (source !== 'organic' || random() < 0.5) result.source = source;
    return result;
  };

  const uniqueOrders: Order[] = [];
  let uniqueLines = 0;
  let guestOrdersWithoutId = 0;
  let guestOrdersWithNull = 0;
  for (let n = 1; n <= ORDER_COUNT; n++) {
    const customer = customerIndex();
    const count = weighted([[1, 20], [2, 30], [3, 28], [4, 15], [5, 7]] as const);
    const lines: OrderLine[] = [];
    for (let i = 0; i < count; i++) lines.push(line(i === 0, lines));
    uniqueLines += lines.length;
    const order: Order = {
      orderId: `o${pad(n, 5)}`,
      customerId: customerIdOf(customer) as string,
      timestamp: isoString(instantIn(pick(orderMonths)), true),
      currency: CURRENCY,
      segment: segments[customer % segments.length]!,
      lines,
    };
    const guest = random() < GUEST_SHARE;
    if (guest) {
      // A guest checkout: no customerId at all, or customerId null; a guest has no known segment at times.
      if (random() < 0.5) {
        delete order.customerId;
        guestOrdersWithoutId++;
      } else {
        order.customerId = null;
        guestOrdersWithNull++;
      }
      if (random() < 0.3) delete order.segment;
    }
    const orderDimensions = dimensionsOf(guest ? pick(regions) : regions[customer % regions.length]!);
    if (orderDimensions !== undefined) order.dimensions = orderDimensions;
    const orderChannel = channel();
    if (orderChannel !== undefined) order.channel = orderChannel;
    if (random() < 0.5) order.type = 'order';
    uniqueOrders.push(order);
  }
  const redelivered = uniqueOrders.filter(() => random() < 0.02).map((order) => structuredClone(order));

  // --- offers ----------------------------------------------------------------------------------
  const uniqueOffers: Offer[] = [];
  for (let n = 1; n <= OFFER_COUNT; n++) {
    const kind = random() < 0.6 ? 'cross-sell' : 'upsell';
    const ms = instantIn(int(1, 12));
    const offer: Offer = {
      type: 'offer',
      customerId: `c${pad(customerIndex(), 4)}`,
      timestamp: random() < 0.3 ? ms : isoString(ms, false),
      kind,
      accepted: random() < (kind === 'cross-sell' ? 0.22 : 0.3),
    };
    if (random() < 0.8) offer.offerId = `of-${pad(n, 5)}`;
    const r = random();
    if (r >= 0.01) offer.channel = r < 0.1 ? 'email' : weighted([['web', 5], ['app', 3], ['store', 2]] as const);
    uniqueOffers.push(offer);
  }
  const withId = uniqueOffers.filter((offer) => offer.offerId !== undefined);
  const withoutId = uniqueOffers.filter((offer) => offer.offerId === undefined);
  const redeliveredOffers = withId.filter(() => random() < 0.04).map((offer) => structuredClone(offer));
  const duplicatedWithoutId = withoutId.filter(() => random() < 0.03).map((offer) => structuredClone(offer));

  // --- visits ----------------------------------------------------------------------------------
  const visits: Visit[] = [];
  for (let n = 1; n <= VISIT_COUNT; n++) {
    const ms = instantIn(int(1, 12));
    const t = random();
    const visit: Visit = {
      type: 'visit',
      visitorId: `v${pad(1 + Math.floor(VISITOR_COUNT * random() ** 1.5), 4)}`,
      timestamp: t < 0.2 ? new Date(ms) : t < 0.4 ? ms : isoString(ms, false),
      converted: random() < 0.1,
    };
    const visitChannel = channel();
    if (visitChannel !== undefined) visit.channel = visitChannel;
    visits.push(visit);
  }

  // --- returns ---------------------------------------------------------------------------------
  /** An order's revenue, exactly: Σ quantity × unitPrice − discount. */
  const revenueOf = (order: Order): BigDecimal =>
    order.lines.reduce(
      (sum, { quantity, unitPrice, discount }) => add(sum, subtract(multiply(parse(String(quantity ?? 1)), parse(String(unitPrice))), parse(String(discount ?? 0)))),
      parse('0'),
    );
  /** A timestamp as an ISO string (sometimes with an offset), epoch milliseconds or a Date. */
  const timestampOf = (ms: number): Return['timestamp'] => {
    const t = random();
    return t < 0.15 ? new Date(ms) : t < 0.4 ? ms : isoString(ms, true);
  };
  /** A refund of part of an order, in whole cents: 2 decimals, sometimes sent as a number. */
  const cents = (): string | number => {
    const text = formatUnits(BigInt(int(1, 25_000)), 2);
    return random() < 0.05 ? Number(text) : text;
  };
  const uniqueReturns: Return[] = [];
  for (let n = 1; n <= RETURN_COUNT; n++) {
    const kind = weighted([['of an order', 55], ['guest', 12], ['customer without orders', 10], ['customer', 23]] as const);
    const item: Return = { type: 'return', returnId: `r${pad(n, 5)}`, timestamp: 0, currency: CURRENCY, amount: '0' };
    if (kind === 'of an order') {
      const order = pick(uniqueOrders);
      item.orderId = order.orderId;
      // The order's customer in the same form (a number, a string, null or no property) ...
      if ('customerId' in order) item.customerId = order.customerId as string | null;
      // ... but now and then a guest who signed in to return, or a customer's order returned as a guest.
      if (random() < 0.03) item.customerId = (order.customerId ?? null) === null ? `c${pad(customerIndex(), 4)}` : null;
      if (order.segment !== undefined) item.segment = order.segment;
      // Like its channel, the order's dimensions usually, others at times.
      const returnDimensions = random() < 0.8 ? order.dimensions : dimensionsOf(pick(regions));
      if (returnDimensions !== undefined) item.dimensions = { ...returnDimensions };
      // Usually where it was bought; 20% elsewhere (its order is not looked up: the return's own channel counts).
      const orderChannel = random() < 0.8 ? order.channel : channel();
      if (orderChannel !== undefined) item.channel = orderChannel;
      item.timestamp = timestampOf(Date.parse(order.timestamp as string) + int(0, 40 * 24 * 60) * 60_000);
      const revenue = revenueOf(order);
      const priced = order.lines.filter((orderLine) => Number(orderLine.unitPrice) > 0);
      const r = random();
      if (r < 0.2 && revenue.unscaled > 0n) item.amount = toPlainString(revenue); // the whole order back (up to 6 decimals)
      else if (r < 0.6 && priced.length > 0) item.amount = pick(priced).unitPrice; // one unit back, as the price was written
      else item.amount = cents();
    } else {
      const r = random();
      if (kind === 'guest') {
        if (r < 0.5) item.customerId = null;
      } else if (kind === 'customer without orders') item.customerId = `c${pad(CUSTOMER_COUNT + int(1, CUSTOMERS_WITHOUT_ORDERS), 4)}`;
      else item.customerId = customerIdOf(customerIndex()) as string;
      item.timestamp = timestampOf(instantIn(int(1, 12)));
      const returnChannel = r < 0.1 ? 'phone' : channel();
      if (returnChannel !== undefined) item.channel = returnChannel;
      if (random() < 0.7) item.segment = pick(segments);
      const returnDimensions = dimensionsOf(pick(regions));
      if (returnDimensions !== undefined) item.dimensions = returnDimensions;
      item.amount = cents();
    }
    uniqueReturns.push(item);
  }
  const redeliveredReturns = uniqueReturns.filter(() => random() < 0.04).map((item) => structuredClone(item));

  // --- the stream ------------------------------------------------------------------------------
  const events: CommerceEvent[] = [
    ...uniqueOrders,
    ...redelivered,
    ...uniqueOffers,
    ...redeliveredOffers,
    ...duplicatedWithoutId,
    ...visits,
    ...uniqueReturns,
    ...redeliveredReturns,
  ];
  for (let i = events.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [events[i], events[j]] = [events[j]!, events[i]!];
  }
  return {
    events,
    orders: events.filter((event): event is Order => event.type === undefined || event.type === 'order'),
    offers: events.filter((event): event is Offer => event.type === 'offer'),
    visits: events.filter((event): event is Visit => event.type === 'visit'),
    returns: events.filter((event): event is Return => event.type === 'return'),
    generated: {
      uniqueOrders: uniqueOrders.length,
      redeliveredOrders: redelivered.length,
      uniqueLines,
      uniqueOffers: uniqueOffers.length,
      redeliveredOffers: redeliveredOffers.length,
      duplicatedOffersWithoutId: duplicatedWithoutId.length,
      visits: visits.length,
      guestOrdersWithoutId,
      guestOrdersWithNull,
      uniqueReturns: uniqueReturns.length,
      redeliveredReturns: redeliveredReturns.length,
    },
  };
}
