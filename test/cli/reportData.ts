/**
 * Events for the HTML report's tests: JSON Lines over `months` months (from January 2024) and
 * `channels` channels (a count, or the names; `''` is a channel without a name) in which every KPI
 * of the page has a value in every row (orders with cross-sold and upsold lines, guests, returns,
 * offers of both kinds and visits), so that every chart is drawn with a point for every period and
 * group. At 24 months × 5 channels it is the page's worst case for its size (SPEC section 12).
 */
import { mulberry32 } from '../../examples/support/random.js';

export function largeReportEvents({
  months = 24,
  channels = 5 as number | readonly string[],
  ordersPerCell = 40,
  seed = 15,
}: { months?: number; channels?: number | readonly string[]; ordersPerCell?: number; seed?: number } = {}): string {
  const random = mulberry32(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const lines: string[] = [];
  const names = typeof channels === 'number' ? Array.from({ length: channels }, (_, index) => `channel-${String.fromCharCode(97 + index)}`) : channels;
  let order = 0;
  for (let month = 0; month < months; month++) {
    const year = 2024 + Math.floor(month / 12);
    const monthKey = String((month % 12) + 1).padStart(2, '0');
    for (const channel of names) {
      for (let index = 0; index < ordersPerCell; index++) {
        order += 1;
        const day = String(1 + Math.floor(random() * 28)).padStart(2, '0');
        const timestamp = `${year}-${monthKey}-${day}T${String(8 + Math.floor(random() * 12)).padStart(2, '0')}:00:00Z`;
        // A customer pool per channel, small enough that many customers come back month after month.
        const customer = random() < 0.1 ? null : `${channel}-c${Math.floor(random() * 60)}`;
        const orderLines: object[] = [{ sku: pick(['laptop', 'phone', 'tablet']), unitPrice: (200 + random() * 900).toFixed(2) }];
        if (random() < 0.3) orderLines.push({ sku: pick(['case', 'cable', 'charger']), unitPrice: (10 + random() * 40).toFixed(2), source: 'cross-sell' });
        if (random() < 0.1) orderLines.push({ sku: 'warranty', unitPrice: (50 + random() * 100).toFixed(2), source: 'upsell' });
        lines.push(JSON.stringify({ orderId: `o${order}`, customerId: customer, timestamp, channel, currency: 'EUR', lines: orderLines }));
        if (random() < 0.05) lines.push(JSON.stringify({ type: 'return', returnId: `r${order}`, orderId: `o${order}`, timestamp, channel, currency: 'EUR', amount: '25.50' }));
        lines.push(JSON.stringify({ type: 'offer', offerId: `f${order}`, customerId: customer ?? `${channel}-guest`, timestamp, channel, kind: random() < 0.5 ? 'cross-sell' : 'upsell', accepted: random() < 0.3 }));
        lines.push(JSON.stringify({ type: 'visit', visitorId: `v${order}`, timestamp, channel, converted: random() < 0.4 }));
      }
    }
  }
  return `${lines.join('\n')}\n`;
}
