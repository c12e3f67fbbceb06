import { createOfferView, readOffer, type OfferView } from '../../src/_internal/offerView.js';
import { createOrderView, readOrder, sourceName, type OrderView } from '../../src/_internal/orderView.js';
import type { Amount } from '../../src/_internal/amount.js';

/** An order as the library reads it: a fresh view (so a test may keep several), and its lines as objects for assertions. */
export function readOrderView(order: unknown, prefix = ''): OrderView & { lines: { sku: string; category: string | undefined; quantity: number; unitPrice: Amount; discount: Amount; revenue: Amount; source: string }[] } {
  const view = createOrderView();
  readOrder(order, view, prefix);
  const lines = Array.from({ length: view.lineCount }, (_, index) => ({
    sku: view.skus[index]!,
    category: view.categories[index],
    quantity: view.quantities[index]!,
    unitPrice: view.unitPrices[index]!,
    discount: view.discounts[index]!,
    revenue: view.revenues[index]!,
    source: sourceName(view.sources[index]!),
  }));
  return Object.assign(view, { lines });
}

/** An offer as the library reads it, into a fresh view. */
export function readOfferView(offer: unknown): OfferView {
  const view = createOfferView();
  readOffer(offer, view);
  return view;
}
