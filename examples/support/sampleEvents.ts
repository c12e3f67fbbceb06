// A small, seeded, made-up shop: orders, offers and visits over six months of 2026. The same
// seed always gives the same events, so the examples print the same figures every run.
import { mulberry32 } from './random.js';
import type { CommerceEvent, Order } from 'xsell-kpi';

const PRODUCTS = [
  { sku: 'laptop-13', category: 'laptops', unitPrice: '999.00' },
  { sku: 'laptop-15', category: 'laptops', unitPrice: '1299.00' },
  { sku: 'sleeve', category: 'cases', unitPrice: '29.90' },
  { sku: 'mouse', category: 'accessories', unitPrice: '24.99' },
  { sku: 'usb-c-hub', category: 'accessories', unitPrice: '49.50' },
  { sku: 'care-plan', category: 'services', unitPrice: '149.00' },
];
const CHANNELS = ['web', 'app', 'store'];

/** `count` events: about 60 % orders, 25 % offers, 15 % visits, January to June 2026. */
export function sampleEvents(count = 600, seed = 2026): CommerceEvent[] {
  const next = mulberry32(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const events: CommerceEvent[] = [];
  const start = Date.UTC(2026, 0, 1);
  const span = Date.UTC(2026, 6, 1) - start;
  for (let index = 0; index < count; index++) {
    const timestamp = new Date(start + Math.floor(next() * span)).toISOString();
    const customerId = `c${Math.floor(next() * 120)}`;
    const channel = pick(CHANNELS);
    const roll = next();
    if (roll < 0.6) {
      const anchor = pick(PRODUCTS);
      const lines: Order['lines'] = [{ sku: anchor.sku, category: anchor.category, unitPrice: anchor.unitPrice }];
      if (next() < 0.35) {
        const extra = pick(PRODUCTS);
        if (extra.sku !== anchor.sku) lines.push({ sku: extra.sku, category: extra.category, unitPrice: extra.unitPrice, source: next() < 0.5 ? 'cross-sell' : 'organic' });
      }
      if (anchor.category === 'laptops' && next() < 0.1) lines.push({ sku: 'care-plan', category: 'services', unitPrice: '149.00', source: 'upsell', discount: '14.90' });
      events.push({ orderId: `o${index}`, customerId, timestamp, currency: 'EUR', channel, lines });
    } else if (roll < 0.85) {
      events.push({ type: 'offer', offerId: `f${index}`, customerId, timestamp, channel, kind: next() < 0.7 ? 'cross-sell' : 'upsell', accepted: next() < 0.3 });
    } else {
      events.push({ type: 'visit', visitorId: customerId, timestamp, channel, converted: next() < 0.4 });
    }
  }
  return events;
}
