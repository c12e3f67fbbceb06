import type { MoneyInput } from './money.js';
import type { TimestampInput } from './time.js';
import { createOfferView, readOffer } from '../_internal/offerView.js';
import { createOrderView, readOrder, record } from '../_internal/orderView.js';
import { createVisitView, readVisit } from '../_internal/visitView.js';
import { createReturnView, readReturn } from '../_internal/returnView.js';
import { show } from '../_internal/show.js';
import { KpiError } from './KpiError.js';

/**
 * How an order line got into the order: bought on its own, or from a cross-sell or upsell offer.
 * @category Events
 */
export type LineSource = 'organic' | 'cross-sell' | 'upsell';

/**
 * One line of an {@link Order}: a product, its quantity and price.
 *
 * @remarks
 * Line revenue = quantity × unitPrice − discount, computed exactly.
 * @category Events
 */
export interface OrderLine {
  /** The product id (numbers are read as strings). */
  sku: string;
  /** The product's category, used by KPIs asked `{ by: 'category' }`. */
  category?: string;
  /** A positive finite number, 1 by default; fractional quantities (1.5 kg) are allowed and read exactly. */
  quantity?: number;
  /** Price of one unit: an amount ≥ 0. */
  unitPrice: MoneyInput;
  /** Total discount on the line (not per unit): an amount ≥ 0 and at most quantity × unitPrice; 0 by default. */
  discount?: MoneyInput;
  /** How the line got into the order; `'organic'` when absent. */
  source?: LineSource;
}

/**
 * A customer's order.
 * @category Events
 */
export interface Order {
  /** `'order'`, or absent. */
  type?: 'order';
  /** Unique per order; the same id delivered twice is one order (see `dedupe`). */
  orderId: string;
  /**
   * Who ordered; absent or `null` for a guest checkout. A guest order counts in every order-level
   * figure (orders, revenue, AOV, the transaction cross-sell rate, …) and in no customer-level one
   * (customers, the cross-sell rate, retention, lifetime value, …). An empty string is invalid.
   */
  customerId?: string | null;
  /** When the order was placed. */
  timestamp: TimestampInput;
  /** ISO 4217 code of every amount in the order; accumulators take a default `currency` option. */
  currency?: string;
  /** Sales channel, such as `'web'` or `'store'`. */
  channel?: string;
  /** Customer segment, such as `'b2b'`. */
  segment?: string;
  /** Free-form dimensions to group by. */
  dimensions?: Record<string, string>;
  /** At least one line. */
  lines: OrderLine[];
}

/**
 * A cross-sell or upsell recommendation shown to a customer, and whether they took it.
 * @category Events
 */
export interface Offer {
  /** Always `'offer'`. */
  type: 'offer';
  /** Who was shown the offer. */
  customerId: string;
  /** When it was shown. */
  timestamp: TimestampInput;
  /** Which kind of offer. */
  kind: 'cross-sell' | 'upsell';
  /** Whether the customer accepted it. */
  accepted: boolean;
  /** Offers with the same id are one offer (re-delivery safe); offers without one are all counted. */
  offerId?: string;
  /** Sales channel. */
  channel?: string;
  /** Customer segment. */
  segment?: string;
  /** Free-form dimensions to group by. */
  dimensions?: Record<string, string>;
}

/**
 * A visit (session), for the conversion rate.
 * @category Events
 */
export interface Visit {
  /** Always `'visit'`. */
  type: 'visit';
  /** Who visited. */
  visitorId: string;
  /** When. */
  timestamp: TimestampInput;
  /** Whether the visit converted (ended in an order). */
  converted: boolean;
  /** Sales channel. */
  channel?: string;
  /** Customer segment. */
  segment?: string;
  /** Free-form dimensions to group by. */
  dimensions?: Record<string, string>;
}

/**
 * Money given back: a refund, or a cancellation after payment.
 *
 * @remarks
 * A return counts in the period of its own `timestamp` (as shops' sales reports book returns) and
 * in the group of its own `channel`, `segment` and `dimensions`; its order is not looked up.
 * {@link NetRevenue}, the Scorecard's `netRevenue` and `CustomerLifetimeValue({ netOfReturns: true })`
 * read returns; every other KPI stays gross. Returns with the same `returnId` are one return.
 * @category Events
 */
export interface Return {
  /** Always `'return'`. */
  type: 'return';
  /** Unique per return; the same id delivered twice is one return. */
  returnId: string;
  /** The order it returns, when known (informational: the order is not looked up). */
  orderId?: string;
  /** Who got the money back; absent or `null` for a guest. */
  customerId?: string | null;
  /** When the money was given back. */
  timestamp: TimestampInput;
  /** ISO 4217 code of `amount`; accumulators take a default `currency` option. */
  currency?: string;
  /** The money given back: an amount > 0. */
  amount: MoneyInput;
  /** Sales channel. */
  channel?: string;
  /** Customer segment. */
  segment?: string;
  /** Free-form dimensions to group by. */
  dimensions?: Record<string, string>;
}

/**
 * Any event xsell-kpi reads: an {@link Order} (with or without `type: 'order'`), an {@link Offer}, a {@link Visit} or a {@link Return}.
 * @category Events
 */
export type CommerceEvent = Order | Offer | Visit | Return;

/**
 * Checks that a value is a valid {@link Order}, and reports the first problem.
 *
 * @remarks
 * Checks every field the accumulators read: ids (strings, or numbers read as strings), the
 * timestamp, the currency code, dimensions (string values), at least one line, each line's
 * `quantity` (> 0), `unitPrice` and `discount` (≥ 0, discount at most the line's gross). O(lines).
 *
 * @param value - Anything, typically a parsed message.
 * @returns The same value, typed as an `Order`.
 * @throws {@link KpiError} `INVALID_EVENT` (missing or mistyped field, no lines), `INVALID_TIMESTAMP`, `INVALID_CURRENCY`, `INVALID_MONEY`, `INVALID_NUMBER`, `NEGATIVE_COUNT`, each with the path of the field, such as `lines[2].unitPrice`.
 * @example
 * ```ts
 * import { validateOrder } from 'xsell-kpi';
 * const order = { orderId: 'o1', customerId: 'c1', timestamp: '2026-11-30T10:00:00Z', lines: [{ sku: 'A', unitPrice: '9.99' }] };
 * validateOrder(order) === order; // => true
 * validateOrder({ ...order, lines: [{ sku: 'A', unitPrice: '-1' }] }); // throws INVALID_MONEY
 * ```
 * @category Events
 */
export function validateOrder(value: unknown): Order {
  readOrder(value, createOrderView());
  return value as Order;
}

/**
 * Checks that a value is a valid {@link Offer}, and reports the first problem.
 *
 * @param value - Anything.
 * @returns The same value, typed as an `Offer`.
 * @throws {@link KpiError} `INVALID_EVENT`, `INVALID_TIMESTAMP`, with the path of the field.
 * @example
 * ```ts
 * import { validateOffer } from 'xsell-kpi';
 * const offer = { type: 'offer', customerId: 'c1', timestamp: '2026-11-02T10:00:00Z', kind: 'upsell', accepted: true };
 * validateOffer(offer) === offer; // => true
 * validateOffer({ ...offer, kind: 'discount' }); // throws INVALID_EVENT
 * ```
 * @category Events
 */
export function validateOffer(value: unknown): Offer {
  readOffer(value, createOfferView());
  return value as Offer;
}

/**
 * Checks that a value is a valid {@link Visit}, and reports the first problem.
 *
 * @param value - Anything.
 * @returns The same value, typed as a `Visit`.
 * @throws {@link KpiError} `INVALID_EVENT`, `INVALID_TIMESTAMP`, with the path of the field.
 * @example
 * ```ts
 * import { validateVisit } from 'xsell-kpi';
 * const visit = { type: 'visit', visitorId: 'v1', timestamp: '2026-11-30T10:00:00+01:00', converted: false };
 * validateVisit(visit) === visit; // => true
 * validateVisit({ ...visit, timestamp: '2026-11-30T10:00:00' }); // throws INVALID_TIMESTAMP
 * ```
 * @category Events
 */
export function validateVisit(value: unknown): Visit {
  readVisit(value, createVisitView());
  return value as Visit;
}

/**
 * Checks that a value is a valid {@link Return}, and reports the first problem.
 *
 * @param value - Anything.
 * @returns The same value, typed as a `Return`.
 * @throws {@link KpiError} `INVALID_EVENT`, `INVALID_TIMESTAMP`, `INVALID_CURRENCY`, `INVALID_MONEY` (an `amount` that is not more than 0), with the path of the field.
 * @example
 * ```ts
 * import { validateReturn } from 'xsell-kpi';
 * const refund = { type: 'return', returnId: 'C536379', orderId: '536365', customerId: null, timestamp: '2010-12-01T09:41:00Z', amount: '27.50' };
 * validateReturn(refund) === refund; // => true
 * validateReturn({ ...refund, amount: '-27.50' }); // throws INVALID_MONEY
 * ```
 * @category Events
 */
export function validateReturn(value: unknown): Return {
  readReturn(value, createReturnView());
  return value as Return;
}

/**
 * Checks that a value is a valid {@link CommerceEvent} of any kind, chosen by its `type`.
 *
 * @param value - Anything.
 * @returns The same value, typed as a `CommerceEvent`.
 * @throws {@link KpiError} as {@link validateOrder}, {@link validateOffer}, {@link validateVisit} and {@link validateReturn}; `INVALID_EVENT` for an unknown `type`.
 * @example
 * ```ts
 * import { validateEvent } from 'xsell-kpi';
 * validateEvent({ type: 'visit', visitorId: 'v1', timestamp: '2026-11-02T10:00:00Z', converted: true }).type; // => 'visit'
 * validateEvent({ type: 'refund' }); // throws INVALID_EVENT
 * ```
 * @category Events
 */
export function validateEvent(value: unknown): CommerceEvent {
  const type = record(value, '', 'an event')['type'];
  if (type === undefined || type === 'order') return validateOrder(value);
  if (type === 'offer') return validateOffer(value);
  if (type === 'visit') return validateVisit(value);
  if (type === 'return') return validateReturn(value);
  throw new KpiError('INVALID_EVENT', 'type', `expected 'order', 'offer', 'visit' or 'return', got ${show(type)}`);
}
