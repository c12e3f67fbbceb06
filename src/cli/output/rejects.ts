import { createWriteStream, type WriteStream } from 'node:fs';
import type { RowProblem } from '../errors.js';

/**
 * `--rejects FILE`: every skipped row, as CSV, as the run skips it: the row's own columns (a CSV
 * row's fields, a JSON line's text), then `line`, `code` and `message`. A bad row carries its own
 * code; the valid rows of an order skipped for a bad one carry `ORDER_SKIPPED`, and a message naming
 * the bad line. Written in UTF-8, with the input's delimiter (so the file opens as the input does),
 * a header first even when nothing is skipped.
 * @internal
 * @module
 */

/** @internal The code of a valid row of an order skipped for another row. */
export const ORDER_SKIPPED = 'ORDER_SKIPPED';

/** @internal A skipped row: its line, and its columns as read (kept when there is a rejects file). */
export interface RejectedRow {
  readonly line: number;
  readonly fields: readonly string[] | undefined;
}

/** @internal Writes skipped rows to a file. */
export class RejectsWriter {
  readonly #stream: WriteStream;
  #delimiter = ',';
  #quoted = /[",\r\n]/;
  #failure: Error | undefined;
  /** Rows written. */
  rows = 0;

  /** @param path - The file, created or replaced. */
  constructor(readonly path: string) {
    this.#stream = createWriteStream(path);
    this.#stream.on('error', (error) => (this.#failure = error));
  }

  /**
   * Writes the header: the input's columns, then `line`, `code`, `message`.
   *
   * @param delimiter - The input's delimiter.
   */
  start(columns: readonly string[], delimiter: string): void {
    this.#delimiter = delimiter;
    this.#quoted = new RegExp(`["\\r\\n${delimiter === '|' ? '\\|' : delimiter}]`);
    this.#write([...columns, 'line', 'code', 'message']);
  }

  /**
   * Writes the rows of a skipped order (or one skipped row): each with its problem, or as
   * `ORDER_SKIPPED` naming the first bad line.
   */
  write(rows: readonly RejectedRow[], problems: readonly RowProblem[], orderId: string | undefined): void {
    const byLine = new Map(problems.map((problem) => [problem.line, problem]));
    const first = problems.reduce<RowProblem | undefined>((best, problem) => (best === undefined || problem.line < best.line ? problem : best), undefined);
    for (const row of rows) {
      const problem = byLine.get(row.line);
      const code = problem?.code ?? ORDER_SKIPPED;
      const message =
        problem === undefined
          ? `order ${JSON.stringify(orderId ?? '')} is skipped whole: line ${first?.line ?? '?'} is bad (${first?.code ?? 'unknown'})`
          : `${problem.field === '' ? '' : `${problem.field}: `}${problem.detail}`;
      this.#write([...(row.fields ?? []), String(row.line), code, message]);
      this.rows += 1;
    }
  }

  /** Finishes the file. */
  async close(): Promise<void> {
    await new Promise<void>((done) => this.#stream.end(done));
    if (this.#failure !== undefined) throw this.#failure;
  }

  #write(cells: readonly string[]): void {
    const quoted = this.#quoted;
    this.#stream.write(`${cells.map((cell) => (quoted.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell)).join(this.#delimiter)}\n`);
  }
}
