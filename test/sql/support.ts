/**
 * The contract of SPEC section 10, as the warehouse SQL tests check it: for tables holding the
 * same events, `readRows` of the engine's result equals `new Scorecard(options).addAll(events)
 * .result()`, or throws the KpiError `addAll` throws.
 */
import { expect } from 'vitest';
import { isKpiError, Scorecard, type CommerceEvent, type ScorecardOptions, type ScorecardRow } from 'xsell-kpi';
import { scorecardSql } from 'xsell-kpi/sql';
import type { Engine, Loaded, TableKind } from './engines.js';

/** Rows, or the code of the KpiError thrown instead. */
export type Outcome = { rows: ScorecardRow[] } | { error: string };

/** The tables besides orders that a query is given. */
export type OptionalTable = Exclude<TableKind, 'orders'>;
export const OPTIONAL_TABLES: readonly OptionalTable[] = ['returns', 'offers', 'visits'];

/** Runs `run`, turning a KpiError into its code; anything else is rethrown. */
function outcomeOf(run: () => ScorecardRow[]): Outcome {
  try {
    return { rows: run() };
  } catch (error) {
    if (isKpiError(error)) return { error: error.code };
    throw error;
  }
}

/** The table an event goes to. */
export function tableOf(event: CommerceEvent): TableKind {
  return event.type === undefined || event.type === 'order' ? 'orders' : `${event.type}s`;
}

/** The in-memory Scorecard over the events of the tables given (orders and `tables`). */
export function memoryOutcome(options: ScorecardOptions, events: readonly CommerceEvent[], tables: readonly OptionalTable[] = OPTIONAL_TABLES): Outcome {
  const read = events.filter((event) => {
    const kind = tableOf(event);
    return kind === 'orders' || tables.includes(kind);
  });
  return outcomeOf(() => new Scorecard(options).addAll(read).result());
}

/**
 * The events a table holds for a stream: a re-delivered order (an `orderId` seen before) is left
 * out, since an order is all the rows with its id; re-delivered offers and returns stay (rows with
 * one `offer_id` are one offer, with one `return_id` one return).
 */
export function tableEvents<E extends CommerceEvent>(events: readonly E[]): E[] {
  const seen = new Set<string>();
  return events.filter((event) => {
    if (tableOf(event) !== 'orders') return true;
    const id = String((event as { orderId: unknown }).orderId);
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

/** `scorecardSql` on the loaded tables, read by each of the engine's readers. */
export async function sqlOutcomes(engine: Engine, loaded: Loaded, options: ScorecardOptions, tables: readonly OptionalTable[] = OPTIONAL_TABLES): Promise<{ reader: string; outcome: Outcome }[]> {
  const given = Object.fromEntries(tables.map((kind) => [kind, loaded.tables[kind]]));
  const { sql, readRows } = scorecardSql({ ...options, dialect: engine.dialect, orders: loaded.tables.orders, ...given });
  return (await engine.queryEachWay(sql)).map(({ reader, rows }) => ({ reader, outcome: outcomeOf(() => readRows(rows)) }));
}

/** A row's period and group, to name it in messages. */
const rowLabel = (row: ScorecardRow): string => `${row.period} ${JSON.stringify(row.group)}`;

/**
 * Asserts that the SQL's outcome is the in-memory one: the same error code, or the same rows in
 * the same order, each deep-equal (the same classes, Decimals by value, no extra keys).
 */
export function expectSameOutcome(actual: Outcome, expected: Outcome, how: string): void {
  if ('error' in expected || 'error' in actual) {
    expect('error' in actual ? actual : { rows: `${actual.rows.length} rows` }, `${how}: the KpiError of addAll`).toEqual(expected);
    return;
  }
  expect(actual.rows.map(rowLabel), `${how}: the rows' periods and groups`).toEqual(expected.rows.map(rowLabel));
  expected.rows.forEach((row, index) => expect(actual.rows[index], `${how}: row ${rowLabel(row)}`).toStrictEqual(row));
}
