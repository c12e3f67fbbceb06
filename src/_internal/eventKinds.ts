import { createOfferView, readOffer, type OfferView } from './offerView.js';
import { createOrderView, readOrder, type OrderView } from './orderView.js';
import { createVisitView, readVisit, type VisitView } from './visitView.js';

/**
 * The kinds of event an engine reads, each with its reused view and the customer a fold keys on.
 * @internal
 * @module
 */

/** @internal */
export interface EventKind<View> {
  /** A view to read events into. */
  create(): View;
  /** Validates an event and reads it into the view; throws a `KpiError` for an invalid one. */
  read(value: unknown, view: View): void;
  /** Whom the event is about: the customer, or the visitor; `null` for a guest order. */
  customer(view: View): string | null;
}

/** @internal */
export const ORDERS: EventKind<OrderView> = { create: createOrderView, read: readOrder, customer: (order) => order.customerId };
/** @internal */
export const OFFERS: EventKind<OfferView> = { create: createOfferView, read: readOffer, customer: (offer) => offer.customerId };
/** @internal */
export const VISITS: EventKind<VisitView> = { create: createVisitView, read: readVisit, customer: (visit) => visit.visitorId };
