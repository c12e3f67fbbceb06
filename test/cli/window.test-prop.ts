/**
 * Rows of an order scattered through the file: an order stays open until `--window` newer orders
 * have started, so a row joins its order while fewer than that many orders started after the order's
 * first row; a row later than that stops the run (exit 1, with or without --skip-invalid) naming its
 * line and the order's first. `--unsorted` reads any row order. Checked on generated files against
 * the Scorecard of the same orders, grouped here, and against the rule computed here.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { Order } from 'xsell-kpi';
import { expectedRows, parseReport, runMain } from './support.js';

const HEADER = 'order_id,customer_id,timestamp,sku,quantity,unit_price';

interface Row {
  readonly orderId: string;
  readonly text: string;
}

/** Orders of one to four rows, then every row put somewhere in the file. */
const scattered = fc
  .array(fc.tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 0, max: 2 }), fc.integer({ min: 1, max: 28 })), { minLength: 1, maxLength: 12 })
  .chain((shapes) => {
    const orders: Order[] = shapes.map(([lines, customer, day], index) => ({
      orderId: `O${index}`,
      customerId: `c${customer}`,
      timestamp: `2026-02-${String(day).padStart(2, '0')}T10:00:00Z`,
      lines: Array.from({ length: lines }, (_, line) => ({ sku: `s${(index + line) % 5}`, quantity: line + 1, unitPrice: `${index}.${line}5` })),
    }));
    const rows: Row[] = orders.flatMap((order) =>
      order.lines.map((line) => ({ orderId: order.orderId, text: `${order.orderId},${order.customerId},${String(order.timestamp)},${line.sku},${line.quantity},${String(line.unitPrice)}` })),
    );
    return fc.tuple(fc.constant(orders), fc.shuffledSubarray(rows, { minLength: rows.length, maxLength: rows.length }));
  });

/** The 0-based index (in `rows`) of the first row that comes back after `window` newer orders started since its order's first row, or -1. */
function firstTooLate(rows: readonly Row[], window: number): number {
  const started = new Map<string, number>();
  for (const [index, row] of rows.entries()) {
    const start = started.get(row.orderId);
    if (start === undefined) started.set(row.orderId, started.size);
    else if (started.size - 1 - start >= window) return index;
  }
  return -1;
}

describe('--window and --unsorted', () => {
  test('a file in any row order: --unsorted gives the Scorecard of the orders; with a window, the rule holds, naming both lines', async () => {
    await fc.assert(
      fc.asyncProperty(scattered, fc.integer({ min: 1, max: 6 }), fc.boolean(), async ([orders, rows], window, skipInvalid) => {
        const csv = [HEADER, ...rows.map((row) => row.text)].join('\n');
        const flags = skipInvalid ? ['--skip-invalid'] : [];
        const expected = expectedRows(orders, { grain: 'month' });
        const unsorted = parseReport(await runMain(['report', '-', '--unsorted', '--format', 'json', ...flags], csv));
        expect(unsorted.rows).toEqual(expected);
        expect(unsorted.totals.counted).toMatchObject({ rows: rows.length, orders: orders.length });

        const run = await runMain(['report', '-', '--window', String(window), '--format', 'json', ...flags], csv);
        const late = firstTooLate(rows, window);
        if (late < 0) {
          expect(parseReport(run).rows).toEqual(expected);
        } else {
          const row = rows[late]!;
          const first = rows.findIndex((other) => other.orderId === row.orderId);
          expect(run.code).toBe(1);
          expect(run.stderr).toContain(`xsell-kpi: line ${late + 2}, order_id: NON_CONSECUTIVE_ORDER: order "${row.orderId}" comes back after its rows were closed: they began on line ${first + 2}`);
        }
      }),
      { numRuns: 150 },
    );
  });
});
