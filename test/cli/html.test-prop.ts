/**
 * The HTML report's charts on generated events (SPEC section 12), read back from the page's text
 * without a browser (test/html reads the DOM in Chromium): every JSON row with a non-null value is
 * a point of its KPI's chart (`data-period`, `data-group`, `data-value` = JSON.stringify of the
 * value, `data-total` on the total's), and nothing else is; a chart for each charted KPI with a
 * value, each followed by its table; points inside the chart, higher for a larger value. The events
 * have gaps (a group without orders in some months), one month alone, guests, returns larger than
 * the month's revenue (negative net revenue), offers and visits or none, and channel names that
 * HTML must escape.
 */
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { runMain } from './support.js';

const CHARTED = [
  'crossSellRate',
  'transactionCrossSellRate',
  'upsellRate',
  'crossSellRevenueShare',
  'crossSellAcceptanceRate',
  'upsellAcceptanceRate',
  'conversionRate',
  'repeatPurchaseRate',
  'retentionRate',
  'churnRate',
  'averageOrderValue',
  'netRevenue',
  'customerLifetimeValue',
];
const CHANNELS = ['web', '', 'a & b', '"quoted"', "<i>it's</i>"];

const month = fc.integer({ min: 0, max: 5 }).map((index) => `2025-${String(index + 1).padStart(2, '0')}-15T10:00:00Z`);
const channel = fc.constantFrom(...CHANNELS);
const order = fc.record({
  month,
  channel,
  customer: fc.option(fc.integer({ min: 0, max: 6 }), { nil: null }),
  lines: fc.array(fc.record({ sku: fc.constantFrom('a', 'b', 'c'), price: fc.integer({ min: 1, max: 99_999 }), source: fc.constantFrom(undefined, 'cross-sell', 'upsell') }), { minLength: 1, maxLength: 3 }),
});
const events = fc
  .record({
    orders: fc.array(order, { minLength: 1, maxLength: 25 }),
    returns: fc.array(fc.record({ month, channel, amount: fc.integer({ min: 1, max: 500_000 }) }), { maxLength: 3 }),
    offers: fc.array(fc.record({ month, channel, upsell: fc.boolean(), accepted: fc.boolean() }), { maxLength: 4 }),
    visits: fc.array(fc.record({ month, channel, converted: fc.boolean() }), { maxLength: 4 }),
  })
  .map(({ orders, returns, offers, visits }) => {
    const lines: string[] = [];
    for (const [index, item] of orders.entries()) {
      lines.push(
        JSON.stringify({
          orderId: `o${index}`,
          customerId: item.customer === null ? null : `c${item.customer}`,
          timestamp: item.month,
          channel: item.channel,
          currency: 'EUR',
          lines: item.lines.map((line) => ({ sku: line.sku, unitPrice: (line.price / 100).toFixed(2), ...(line.source === undefined ? {} : { source: line.source }) })),
        }),
      );
    }
    for (const [index, item] of returns.entries()) {
      lines.push(JSON.stringify({ type: 'return', returnId: `r${index}`, timestamp: item.month, channel: item.channel, currency: 'EUR', amount: (item.amount / 100).toFixed(2) }));
    }
    for (const [index, item] of offers.entries()) {
      lines.push(JSON.stringify({ type: 'offer', offerId: `f${index}`, customerId: 'c0', timestamp: item.month, channel: item.channel, kind: item.upsell ? 'upsell' : 'cross-sell', accepted: item.accepted }));
    }
    for (const [index, item] of visits.entries()) lines.push(JSON.stringify({ type: 'visit', visitorId: `v${index}`, timestamp: item.month, channel: item.channel, converted: item.converted }));
    return `${lines.join('\n')}\n`;
  });

/** An attribute's value as the browser reads it: `&#NN;` and the named entities the page may use. */
function decode(text: string): string {
  return text.replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code))).replace(/&(amp|lt|gt|quot);/g, (_, name: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"' })[name]!);
}

function attributes(tag: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const match of tag.matchAll(/\s([a-z-]+)(?:=(?:"([^"]*)"|'([^']*)'))?/g)) found.set(match[1]!, decode(match[2] ?? match[3] ?? ''));
  return found;
}

interface JsonRow {
  period: string;
  group: Record<string, string>;
  [kpi: string]: unknown;
}

test('every non-null value of the JSON rows is a point of its chart, and nothing else is', async () => {
  await fc.assert(
    fc.asyncProperty(events, fc.boolean(), async (input, grouped) => {
      const args = ['report', '-', '--from', 'jsonl', ...(grouped ? ['--group-by', 'channel'] : [])];
      const html = await runMain([...args, '--format', 'html'], input);
      const json = await runMain([...args, '--format', 'json'], input);
      expect(html.code).toBe(0);
      expect(json.code).toBe(0);
      const rows = (JSON.parse(json.stdout) as { rows: JsonRow[] }).rows;
      const page = html.stdout;
      expect(page).not.toMatch(/<script|\ssrc=|url\(|@import/i);

      // The charts, each followed by its table, and no other table with data-kpi between.
      const order = [...page.matchAll(/<(svg|table) data-kpi="(\w+)"/g)].map((match) => `${match[1]} ${match[2]}`);
      const charts = order.filter((item) => item.startsWith('svg ')).map((item) => item.slice(4));
      expect(order).toEqual(charts.flatMap((kpi) => [`svg ${kpi}`, `table ${kpi}`]));
      const value = (row: JsonRow, kpi: string): unknown => (row[kpi] as { value: unknown }).value;
      expect([...charts].sort()).toEqual(CHARTED.filter((kpi) => rows.some((row) => value(row, kpi) !== null)).sort());

      for (const kpi of charts) {
        const start = page.indexOf(`<svg data-kpi="${kpi}"`);
        const svg = page.slice(start, page.indexOf('</svg>', start));
        const points = [...svg.matchAll(/<circle[^>]*>/g)].map((match) => attributes(match[0]));
        const shown = points.map((point) => `${point.get('data-period')}|${point.get('data-group')}|${point.get('data-value')}|${point.has('data-total')}`).sort();
        const expected = rows
          .filter((row) => value(row, kpi) !== null)
          .map((row) => {
            const group = Object.values(row.group).map((item) => item || '(none)').join('/');
            return `${row.period}|${group}|${JSON.stringify(value(row, kpi))}|${Object.keys(row.group).length === 0}`;
          })
          .sort();
        expect({ kpi, points: shown }).toEqual({ kpi, points: expected });
        // Inside the chart; a larger value never lower down.
        const placed = points.map((point) => ({ value: Number(JSON.parse(point.get('data-value')!)), cy: Number(point.get('cy')), cx: Number(point.get('cx')) }));
        for (const point of placed) {
          expect(point.cy).toBeGreaterThanOrEqual(0);
          expect(point.cy).toBeLessThanOrEqual(240);
          expect(point.cx).toBeGreaterThanOrEqual(0);
          expect(point.cx).toBeLessThanOrEqual(640);
        }
        placed.sort((a, b) => a.value - b.value);
        for (let index = 1; index < placed.length; index++) expect(placed[index]!.cy).toBeLessThanOrEqual(placed[index - 1]!.cy);
      }
    }),
    { numRuns: 100 },
  );
});
