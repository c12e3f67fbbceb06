// The many-groups case of `npm run bench` (issue #11): a Scorecard with grain 'day' and
// groupBy ['store'], on two years (731 days, 2024-01-01 to 2025-12-31, UTC) of orders spread over
// 1,000 stores (`dimensions.store`), against a hand-written loop doing the same work per day × store
// plus a total per day (customer and transaction cross-sell rate and AOV, bench/reference.ts's
// referenceDayGroupLoop). The Scorecard's `addAll` and `result()` are timed apart: with this many
// (day × store) cells, result() is where most of the time goes.
//
// The workload is bench/generate.ts's with options: 2.5 lines per order, 4 orders per customer, each
// customer with a home store taking 80% of their orders. Its size is --groups-lines (300,000 by
// default: about 120,000 orders in about 110,000 day × store cells, tens of seconds for the whole
// case; 1,000,000 gives the issue's figures), --groups-stores (1000) and --groups-days (731);
// --smoke runs 10,000 lines over 100 stores and 731 days, one round.
//
// Rounds alternate which runs first (round r: the loop first when r is even); the first round is a
// warm-up, and in it, outside the timings, the Scorecard's rows are checked against the loop's cells
// (customers, cross-sold customers, orders, cross-sell orders, exact revenue): a disagreement stops
// the bench. Retained memory (heap and ArrayBuffers) is read in the last round around each timed run
// (the GCs and readings outside the timings), with the state kept: the Scorecard after result().
// Nothing here asserts a timing.
import { performance } from 'node:perf_hooks';
import { Scorecard, type ScorecardRow } from '../src/index.js';
import type { BenchOrder as Order } from './generate.js';
import { materializeOrders } from './generate.js';
import { difference, fullGc, keepAlive, readMemory, type Retained } from './retained.js';
import { compareScorecard, referenceDayGroupLoop, type ReferenceState } from './reference.js';

export interface ManyGroupsOptions {
  lines: number;
  /** Distinct values of `dimensions.store`. */
  stores: number;
  /** Days of timestamps from 2024-01-01 (UTC). */
  days: number;
  rounds: number;
}

const DIMENSION = 'store';
const START = Date.UTC(2024, 0, 1);
const SEED = 20260101;

const LOOP = 'hand-written loop per day × store';
const SCORECARD = 'Scorecard (day × store): addAll + result()';
const ADD = 'Scorecard: addAll';
const RESULT = 'Scorecard: result()';

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function format(value: number, digits = 0): string {
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

interface Run {
  total: number;
  /** Retained by the state, when measured. */
  retained?: Retained;
}

// Each run is a function of its own, so that nothing of one run stays in a register of a frame that
// is still running at the next run's memory readings.

/** The loop, timed; `inspect` sees its state (outside the timing). */
function runLoop(orders: readonly Order[], measure: boolean, inspect: (state: Map<string, ReferenceState>) => void): Run {
  fullGc();
  const before = measure ? readMemory() : undefined;
  const start = performance.now();
  const state = referenceDayGroupLoop(orders, DIMENSION);
  const total = performance.now() - start;
  inspect(state);
  if (before === undefined) return { total };
  keepAlive(state);
  fullGc();
  const retained = difference(before, readMemory());
  keepAlive(undefined);
  return { total, retained };
}

/** result() and what is done with its rows: a frame of its own, so the rows are garbage once it returns. */
function readResult(scorecard: Scorecard, inspect: (rows: readonly ScorecardRow[]) => void): number {
  const start = performance.now();
  const rows = scorecard.result();
  const elapsed = performance.now() - start;
  inspect(rows);
  return elapsed;
}

/** The Scorecard, addAll and result() timed apart; `inspect` sees the rows (outside the timing). */
function runScorecard(orders: readonly Order[], measure: boolean, inspect: (rows: readonly ScorecardRow[]) => void): Run & { add: number; result: number } {
  fullGc();
  const before = measure ? readMemory() : undefined;
  const start = performance.now();
  const scorecard = new Scorecard({ grain: 'day', groupBy: [DIMENSION] });
  scorecard.addAll(orders);
  const add = performance.now() - start;
  const result = readResult(scorecard, inspect);
  if (before === undefined) return { total: add + result, add, result };
  keepAlive(scorecard);
  fullGc();
  const retained = difference(before, readMemory());
  keepAlive(undefined);
  return { total: add + result, add, result, retained };
}

/** Runs the case and prints its table (markdown on stdout, progress on stderr). */
export function benchManyGroups(options: ManyGroupsOptions): void {
  const { lines, stores, days, rounds } = options;
  const label = `[many groups: ${format(lines)} lines]`;
  const startedAt = performance.now();
  const { orders, customers } = materializeOrders(lines, SEED, { start: START, days, dimension: { name: DIMENSION, values: stores } });
  console.error(`${label} generated ${format(orders.length)} orders, ${format(customers)} customers in ${format(performance.now() - startedAt)} ms`);

  const times = new Map<string, number[]>([LOOP, SCORECARD, ADD, RESULT].map((name) => [name, []]));
  const memory = new Map<string, Retained>();
  let cells: Map<string, ReferenceState> | undefined;
  let cellCount = 0;
  let rowCount = 0;
  let checked = '';
  const check = (rows: readonly ScorecardRow[]): void => {
    rowCount = rows.length;
    if (cells === undefined) return;
    const failures: string[] = [];
    const compared = compareScorecard(rows, cells, DIMENSION, failures);
    if (failures.length > 0) throw new Error(`${label} the Scorecard disagrees with the loop per day × store:\n  ${failures.slice(0, 20).join('\n  ')}`);
    checked = `check: loop per day × ${DIMENSION} = Scorecard on ${format(compared)} rows (customers, cross-sold customers, orders, cross-sell orders, exact revenue)`;
    console.error(`${label} ${checked}`);
  };
  for (let round = 0; round <= rounds; round++) {
    const warmUp = round === 0;
    const measure = round === rounds;
    for (const name of round % 2 === 0 ? [LOOP, SCORECARD] : [SCORECARD, LOOP]) {
      if (name === LOOP) {
        const run = runLoop(orders, measure, (state) => {
          cellCount = state.size;
          if (warmUp) cells = state;
        });
        if (!warmUp) times.get(LOOP)!.push(run.total);
        if (run.retained !== undefined) memory.set(LOOP, run.retained);
      } else {
        const run = runScorecard(orders, measure, check);
        if (!warmUp) {
          times.get(SCORECARD)!.push(run.total);
          times.get(ADD)!.push(run.add);
          times.get(RESULT)!.push(run.result);
        }
        if (run.retained !== undefined) memory.set(SCORECARD, run.retained);
      }
    }
    cells = undefined;
    console.error(`${label} ${warmUp ? 'warm-up' : `round ${round}/${rounds}`} done`);
  }

  const loopMs = median(times.get(LOOP)!);
  const scorecardMs = median(times.get(SCORECARD)!);
  console.log(
    `\n### Many groups: Scorecard { grain: 'day', groupBy: ['${DIMENSION}'] }, ${format(stores)} stores × ${format(days)} days ` +
      `(${isoDay(START)} to ${isoDay(START + (days - 1) * 86_400_000)}, UTC); ${format(lines)} lines, ${format(orders.length)} orders, ` +
      `${format(customers)} customers; ${format(cellCount)} day × store cells and totals in the loop, ${format(rowCount)} Scorecard rows; ` +
      `median of ${rounds} round${rounds === 1 ? '' : 's'} after a warm-up\n`,
  );
  console.log(checked);
  console.log();
  console.log('| contender | median ms | lines/s | ÷ hand-written loop (lines/s) | × the loop\'s time | share of the Scorecard\'s time | heap B/order | ArrayBuffer B/order | heap + ArrayBuffers B/order |');
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const name of [LOOP, SCORECARD, ADD, RESULT]) {
    const ms = median(times.get(name)!);
    const retained = memory.get(name);
    const perOrder = (bytes: number | undefined): string => (bytes === undefined ? '' : format(bytes / orders.length, 1));
    console.log(
      `| ${name} | ${format(ms, 1)} | ${format(lines / (ms / 1000))} | ${format(loopMs / ms, 3)} | ${format(ms / loopMs, 2)} | ` +
        `${name === ADD || name === RESULT ? format(ms / scorecardMs, 2) : ''} | ${perOrder(retained?.heap)} | ${perOrder(retained?.arrayBuffers)} | ${perOrder(retained?.total)} |`,
    );
  }
  console.log();
  console.log('(The addAll and result() rows are medians of their own; they need not add up to the median of the whole.)');
}
