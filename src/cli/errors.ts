/**
 * The CLI's two kinds of failure, and how a bad row is described.
 * @internal
 * @module
 */

/** @internal Bad usage: an unknown flag, a missing file, an invalid option value. Exit code 2. */
export class UsageError extends Error {}

/** @internal Bad data that stops the run. Exit code 1. */
export class DataError extends Error {}

/** What is wrong with one row (a CSV row or a JSON line). */
export interface RowProblem {
  /** 1-based line of the file where the row starts. */
  readonly line: number;
  /** The field, as the file names it: a CSV column (`unit_price`, or `unit_price (UnitPrice)` when mapped) or a JSON path (`lines[2].unitPrice`); `''` for the row as a whole. */
  readonly field: string;
  /** A `KpiError` code, or one of the CLI's own: `INVALID_JSON`, `CANCELLED_ORDER`, `NON_CONSECUTIVE_ORDER`. */
  readonly code: string;
  /** What was expected, for people. */
  readonly detail: string;
}

const LINE_BREAKS: Readonly<Record<string, string>> = { '\r\n': '\\r\\n', '\r': '\\r', '\n': '\\n', '\u2028': '\\u2028', '\u2029': '\\u2029' };

/**
 * @internal A message on one line: its line breaks written as `\n`, `\r`… (a JSON parser's message
 * quotes the bad line, an id may hold a newline), so that stderr says one thing per line.
 */
export function oneLine(message: string): string {
  return message.replace(/\r\n|[\r\n\u2028\u2029]/g, (lineBreak) => LINE_BREAKS[lineBreak] ?? lineBreak);
}

/** @internal `line 12, unit_price: INVALID_MONEY: expected an amount ≥ 0, got -1`. */
export function describeProblem(problem: RowProblem): string {
  return `line ${problem.line}${problem.field === '' ? '' : `, ${problem.field}`}: ${problem.code}: ${problem.detail}`;
}
