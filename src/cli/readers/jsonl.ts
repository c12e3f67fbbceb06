import { isKpiError, toEpochMilliseconds, type CommerceEvent } from '../../index.js';
import { DataError, describeProblem, type RowProblem } from '../errors.js';
import type { RejectsWriter } from '../output/rejects.js';
import type { Tally } from '../tally.js';
import { kpiDetail } from './orders.js';
import { OrderStatus, hash32 } from './seenIds.js';
import type { EventSink } from './sink.js';
import { utf8 } from './text.js';

/**
 * JSON Lines: one `CommerceEvent` (order, offer, visit or return) per line, blank lines ignored.
 *
 * An order is one line, so an order id that appears again is a re-delivery: with the same content
 * (the same JSON, keys in any order) it is counted once, as the library's `dedupe` does; with other
 * content it is a bad line (`CONFLICTING_DUPLICATE`, naming both lines), and the order read first
 * stands. Returns likewise, by `returnId`. With `--skip-invalid` a bad line is skipped; it is a
 * whole event.
 * @internal
 * @module
 */

/**
 * @internal Splits UTF-8 bytes into lines (`\n` or `\r\n`), numbered from 1, each decoded on its
 * own (a byte order mark at the start dropped).
 * @throws {@link DataError} for a line that is not valid UTF-8.
 */
export async function* readLines(chunks: AsyncIterable<Buffer>): AsyncGenerator<{ line: number; text: string }> {
  let rest: Buffer | undefined;
  let line = 0;
  let first = true;
  for await (const chunk of chunks) {
    const bytes = rest === undefined ? chunk : Buffer.concat([rest, chunk]);
    let start = 0;
    if (first) {
      if (bytes.length < 3) {
        rest = bytes;
        continue;
      }
      if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) start = 3;
      first = false;
    }
    for (let end = bytes.indexOf(10, start); end >= 0; end = bytes.indexOf(10, start)) {
      line += 1;
      yield { line, text: utf8(bytes, start, end > start && bytes[end - 1] === 13 ? end - 1 : end, line) };
      start = end + 1;
    }
    rest = start < bytes.length ? bytes.subarray(start) : undefined;
  }
  if (rest !== undefined) {
    const start = first && rest[0] === 0xef && rest[1] === 0xbb && rest[2] === 0xbf ? 3 : 0;
    const end = rest[rest.length - 1] === 13 ? rest.length - 1 : rest.length;
    if (end > start) yield { line: line + 1, text: utf8(rest, start, end, line + 1) };
  }
}

/** JSON with object keys sorted, for comparing re-delivered orders. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const bag = value as Record<string, unknown>;
    return `{${Object.keys(bag)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonical(bag[key])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

const CONTENT_SEED = 0x2545f491;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** An id as the library reads it: a non-empty string, or a finite number as a string. */
function idOf(value: unknown): string | undefined {
  if (typeof value === 'string' && value !== '') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

/** @internal Reads JSON lines into the Scorecard. */
export class EventReader {
  private readonly skipInvalid: boolean;

  /**
   * @param scorecard - Where events go.
   * @param tally - What was read, counted and skipped.
   * @param options - `skipInvalid`; `since` and `until` (epoch milliseconds): events outside are neither counted nor skipped; `rejects`: where skipped lines go.
   */
  constructor(
    private readonly scorecard: EventSink,
    private readonly tally: Tally,
    private readonly options: { readonly skipInvalid: boolean; readonly since: number | undefined; readonly until: number | undefined; readonly rejects: RejectsWriter | undefined },
  ) {
    this.skipInvalid = options.skipInvalid;
  }

  /** Whether an event is outside `--since` / `--until` (one whose timestamp cannot be read is not: it is a bad line). */
  private outOfRange(value: Record<string, unknown>): boolean {
    const { since, until } = this.options;
    if (since === undefined && until === undefined) return false;
    let time: number;
    try {
      time = toEpochMilliseconds(value['timestamp']);
    } catch {
      return false;
    }
    return (since !== undefined && time < since) || (until !== undefined && time >= until);
  }

  /** The line being read. */
  private text = '';

  /** Takes one line of the file. */
  read(line: number, text: string): void {
    if (text.trim() === '') return;
    this.text = text;
    this.tally.rows += 1;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      this.bad({ line, field: '', code: 'INVALID_JSON', detail: (error as Error).message }, false);
      return;
    }
    if (isRecord(value) && this.outOfRange(value)) {
      this.tally.outOfRangeRows += 1;
      if (value['type'] === undefined || value['type'] === 'order' || value['type'] === 'return') this.tally.outOfRangeOrders += 1;
      return;
    }
    const type = isRecord(value) ? value['type'] : undefined;
    const kind = !isRecord(value) ? undefined : type === undefined || type === 'order' ? 'order' : type === 'return' ? 'return' : undefined;
    if (kind === undefined) {
      if (this.add(line, value)) this.tally.counted(1, undefined);
      return;
    }
    const event = value as Record<string, unknown>;
    const customerId = idOf(event['customerId']) ?? null;
    if (kind === 'order' && customerId !== null) this.tally.sawCustomer(customerId);
    const idField = kind === 'order' ? 'orderId' : 'returnId';
    const id = idOf(event[idField]);
    if (id === undefined) {
      // Invalid: the Scorecard says why.
      this.add(line, value);
      return;
    }
    const ids = kind === 'order' ? this.tally.orders : this.tally.returns;
    let slot = ids.find(id);
    const content = hash32(canonical(value), CONTENT_SEED);
    if (slot >= 0 && ids.status(slot) === OrderStatus.Counted) {
      if (ids.content(slot) === content) {
        this.tally.counted(1, undefined); // a re-delivery: the Scorecard has it already
        return;
      }
      this.bad({ line, field: idField, code: 'CONFLICTING_DUPLICATE', detail: `${kind} ${JSON.stringify(id)} was read on line ${ids.line(slot)} with other content` }, false);
      return;
    }
    // A new id, or one whose earlier lines were all bad.
    const skippedBefore = slot >= 0;
    if (slot < 0) slot = ids.add(id, line, OrderStatus.Open);
    if (!this.add(line, value, kind === 'order' && !skippedBefore)) {
      ids.setStatus(slot, OrderStatus.Skipped);
      return;
    }
    ids.setStatus(slot, OrderStatus.Counted);
    ids.setContent(slot, content);
    if (kind === 'return') {
      this.tally.countedReturns += 1;
      this.tally.counted(1, undefined);
    } else {
      this.tally.counted(1, customerId);
      if (skippedBefore) this.tally.skippedOrders -= 1;
    }
  }

  /**
   * Adds an event to the Scorecard, or skips its line; `newOrder` when a bad line skips an order
   * not skipped before.
   *
   * @returns Whether it was added.
   */
  private add(line: number, value: unknown, newOrder = false): boolean {
    try {
      this.scorecard.add(value as CommerceEvent);
      return true;
    } catch (error) {
      if (!isKpiError(error)) throw error;
      this.bad({ line, field: error.path, code: error.code, detail: kpiDetail(error) }, newOrder);
      return false;
    }
  }

  private bad(problem: RowProblem, order: boolean): void {
    if (!this.skipInvalid) throw new DataError(describeProblem(problem));
    this.tally.skipped(1, [problem], order);
    this.options.rejects?.write([{ line: problem.line, fields: [this.text] }], [problem], undefined);
  }
}
