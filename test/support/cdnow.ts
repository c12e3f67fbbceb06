/**
 * The CDNOW data of Fader, Hardie & Lee (2005): the cohort of CDNOW customers who first bought in
 * the first quarter of 1997, followed to 30 June 1998. The files live outside the repository
 * (`../shared/data/` beside the checkout; CONTRIBUTING.md, "Real datasets") and are never copied in:
 * callers skip, with a message, when {@link cdnowPath} returns `undefined`.
 *
 * - `CDNOW_sample.txt`: 1/10 of the cohort (2,357 customers), whitespace-separated
 *   `master id, sample id, YYYYMMDD, CDs, dollars`, one purchase a line; customers are the sample ids.
 * - `CDNOW_master.txt`: the whole cohort (23,570 customers), a header line, then
 *   `customer id, YYYYMMDD, CDs, dollars`.
 * - `cdnow_customers_summary_with_transactions.csv`: the sample as `ID,x,t_x,T,zbar` in weeks
 *   over the 39-week calibration period (to 1997-09-30), as published.
 * - `cdnow_reference_values.json`: the published estimates (see its `source` fields).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Order } from 'xsell-kpi';

const root = fileURLToPath(new URL('../../', import.meta.url));
const directory = path.resolve(root, '../shared/data');

/** The path of a CDNOW file in the shared data folder, or `undefined` (with a warning naming `who`) when it is absent. */
export function cdnowPath(name: string, who: string): string | undefined {
  const file = path.join(directory, name);
  if (existsSync(file)) return file;
  console.warn(`[${who}] skipped: ${file} not found (the shared CDNOW data sits beside the repository, never inside it)`);
  return undefined;
}

/**
 * The purchases of a CDNOW .txt file as orders: one order a line (`orderId` the line number), the
 * customer's id (the sample id in the sample, the id in the master file), the day at noon UTC, one
 * line of the dollar value.
 */
export function readCdnowOrders(file: string): Order[] {
  const orders: Order[] = [];
  const lines = readFileSync(file, 'utf8').split(/\r?\n/);
  lines.forEach((line, index) => {
    const fields = line.trim().split(/\s+/);
    if (fields.length < 4 || !/^\d{8}$/.test(fields[fields.length - 3]!)) return; // blank lines, the master file's header
    const [date, , dollars] = fields.slice(-3) as [string, string, string];
    const customerId = fields.length === 5 ? fields[1]! : fields[0]!;
    orders.push({ orderId: String(index + 1), customerId, timestamp: `${date.slice(0, 4)}-${date.slice(4, 6)}-${date.slice(6)}T12:00:00Z`, currency: 'USD', lines: [{ sku: 'cd', unitPrice: dollars }] });
  });
  return orders;
}

/** A row of the published summary: x repeat purchases, t_x and T in weeks (two decimals), zbar the mean repeat value (0 when x = 0). */
export interface PublishedSummary {
  id: number;
  x: number;
  tx: string;
  T: string;
  zbar: string;
}

/** The rows of `cdnow_customers_summary_with_transactions.csv`, the numbers as written. */
export function readPublishedSummary(file: string): PublishedSummary[] {
  return readFileSync(file, 'utf8')
    .trim()
    .split(/\r?\n/)
    .slice(1)
    .map((line) => {
      const [id, x, tx, T, zbar] = line.split(',') as [string, string, string, string, string];
      return { id: Number(id), x: Number(x), tx, T, zbar };
    });
}
