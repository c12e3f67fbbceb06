/**
 * The fuzz suite's targets (`npm run fuzz`, and a small smoke of it in `npm test`): each is a
 * fast-check property over hostile input that the library must survive.
 *
 * - `fromJSON`: mutated real states, random and hostile values (test/laws/fromJSONFuzz.ts) for
 *   every accumulator and the Scorecard: an accumulator that works, or KpiError INVALID_STATE /
 *   UNSUPPORTED_VERSION; no prototype pollution, the input unchanged.
 * - `add`: hostile events (invalid ones, valid ones with one field mutated, host objects whose
 *   getters or Proxy traps throw, values JSON never makes): accepted (and then the state still
 *   reads and reloads), or a KpiError with the state and the result unchanged.
 * - `merge`: a stream spread over 2–4 workers that overlap (a re-delivered order may reach several
 *   workers, and one worker twice), their states passed through JSON or not, merged in any order:
 *   equal to one worker that saw each event once, money exact against the BigInt reference.
 * - `cli-csv`, `cli-jsonl`: the CLI (its `main`, in this process) on random bytes and on mutated
 *   real CSV and JSON Lines: exit 0, 1 or 2; on 1 and 2 a message starting `xsell-kpi: ` (for 1
 *   one line; for 2 the message and the usage line), never a stack trace or an "internal error".
 *
 * @example
 * const details = fc.check(FUZZ_TARGETS[0]!.property(new Map()), { seed: 1, numRuns: 100 });
 */
import { readFileSync } from 'node:fs';
import { Readable, Writable } from 'node:stream';
import fc from 'fast-check';
import { isKpiError } from 'xsell-kpi';
import { main } from '../../src/cli/run.js';
import { deliveryId, invalidEventArb } from '../arbitraries/events.js';
import { normalise, type Accumulator } from '../laws/checkLaws.js';
import { EDITS, edited, fromJSONFuzzPlan, hostileValueArb, nonJsonValueArb } from '../laws/fromJSONFuzz.js';
import { FUZZ_ACCUMULATORS, type FuzzAccumulator } from './accumulators.js';

/** Cases run per label (an accumulator and its options, or a CLI input kind). */
export type Counts = Map<string, number>;

export interface FuzzTarget {
  name: string;
  /** The property; it counts each case it runs in `counts`. Synchronous or asynchronous. */
  property(counts: Counts): fc.IRawProperty<[unknown]>;
}

const count = (counts: Counts, label: string): void => {
  counts.set(label, (counts.get(label) ?? 0) + 1);
};

/** Fails the property (plain throws: `expect` is slow at these run counts). */
function ensure(condition: boolean, message: () => string): void {
  if (!condition) throw new Error(message());
}

const state = (acc: Accumulator<unknown, unknown>): string => JSON.stringify(acc.toJSON());
const resultText = (acc: Accumulator<unknown, unknown>): string => JSON.stringify(normalise(acc.result()));
const describeError = (error: unknown): string => (error instanceof Error ? (error.stack ?? error.message) : String(error));

// ---------------------------------------------------------------------------------------------
// fromJSON
// ---------------------------------------------------------------------------------------------

function fromJSONTarget(which: 'cases' | 'nonJsonCases'): FuzzTarget {
  return {
    name: which === 'cases' ? 'fromJSON: mutated real states, random JSON' : 'fromJSON: values JSON.parse never makes',
    property(counts) {
      const plans = FUZZ_ACCUMULATORS.map((spec) => fromJSONFuzzPlan({ name: spec.name, Class: spec.Class, options: spec.options, events: spec.events }));
      // [the accumulator's label, the case]: a counterexample names it
      const arb = fc.oneof(...plans.map((plan, index) => fc.tuple(fc.constant(FUZZ_ACCUMULATORS[index]!.label), plan[which])));
      return fc.property(arb, ([label, fuzzCase]) => {
        count(counts, label);
        plans[FUZZ_ACCUMULATORS.findIndex((spec) => spec.label === label)]!.check(fuzzCase);
      });
    },
  };
}

// ---------------------------------------------------------------------------------------------
// add() with hostile events
// ---------------------------------------------------------------------------------------------

/** An object whose every read throws. */
function trap(): unknown {
  const fail = (): never => {
    throw new RangeError('trap');
  };
  return new Proxy({}, { get: fail, ownKeys: fail, has: fail, getOwnPropertyDescriptor: fail, getPrototypeOf: fail });
}

/** The event with a getter that throws in place of one of its fields (or of a line's). */
function withThrowingGetter(event: unknown, which: number): unknown {
  const copy = JSON.parse(JSON.stringify(event)) as Record<string, unknown>;
  const lines = Array.isArray(copy['lines']) ? (copy['lines'] as Record<string, unknown>[]) : [];
  const target = which % 2 === 0 || lines.length === 0 ? copy : lines[which % lines.length]!;
  const keys = Object.keys(target);
  const key = keys[which % Math.max(1, keys.length)] ?? 'timestamp';
  Object.defineProperty(target, key, {
    enumerable: true,
    get() {
      throw new TypeError(`getter ${key}`);
    },
  });
  return copy;
}

interface HostileEvent {
  what: string;
  event: unknown;
  /** Whether `add` must refuse it (else it may accept it). */
  refused: boolean;
}

function hostileEventArb(spec: FuzzAccumulator, source: fc.Arbitrary<unknown>): fc.Arbitrary<HostileEvent> {
  return fc.oneof(
    { weight: 3, arbitrary: invalidEventArb(spec.kinds).map((event): HostileEvent => ({ what: 'invalid event', event, refused: true })) },
    {
      weight: 6,
      arbitrary: fc
        .tuple(source, fc.nat(), fc.constantFrom(...EDITS), hostileValueArb)
        .map(([event, which, edit, replacement]): HostileEvent => {
          const { input, what } = edited(JSON.parse(JSON.stringify(event)), which, edit, replacement);
          return { what, event: input, refused: false };
        }),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(source, fc.nat(), fc.constantFrom('replace', 'extra-key', 'proto-key') as fc.Arbitrary<'replace'>, nonJsonValueArb)
        .map(([event, which, edit, replacement]): HostileEvent => {
          const { input, what } = edited(JSON.parse(JSON.stringify(event)), which, edit, replacement);
          return { what, event: input, refused: false };
        }),
    },
    { weight: 1, arbitrary: fc.tuple(source, fc.nat()).map(([event, which]): HostileEvent => ({ what: 'a getter that throws', event: withThrowingGetter(event, which), refused: true })) },
    { weight: 1, arbitrary: fc.constant(null).map((): HostileEvent => ({ what: 'a Proxy whose traps throw', event: trap(), refused: true })) },
    { weight: 1, arbitrary: fc.anything({ maxDepth: 2, withNullPrototype: true, withBigInt: true, withDate: true, withMap: true }).map((event): HostileEvent => ({ what: 'random value', event, refused: false })) },
  );
}

const addTarget: FuzzTarget = {
  name: 'add(): hostile events',
  property(counts) {
    const arb = fc.oneof(
      ...FUZZ_ACCUMULATORS.map((spec, index) => {
        const source = spec.events.filter((events) => events.length > 0).chain((events) => fc.constantFrom(...events));
        return fc.tuple(fc.constant(index), spec.events, hostileEventArb(spec, source));
      }),
    );
    return fc.property(arb, ([index, events, hostile]) => {
      const spec = FUZZ_ACCUMULATORS[index]!;
      count(counts, spec.label);
      const acc = new spec.Class(spec.options as never);
      acc.addAll(events);
      const before = state(acc);
      const resultBefore = resultText(acc);
      let thrown: unknown;
      let accepted = false;
      try {
        acc.add(hostile.event);
        accepted = true;
      } catch (error) {
        thrown = error;
      }
      if (!accepted) {
        ensure(isKpiError(thrown), () => `${hostile.what}: expected a KpiError, got ${describeError(thrown)}`);
        ensure(state(acc) === before, () => `${hostile.what}: refused, but the state changed`);
        ensure(resultText(acc) === resultBefore, () => `${hostile.what}: refused, but the result changed`);
        return;
      }
      ensure(!hostile.refused, () => `${hostile.what}: accepted`);
      // accepted: it still reads, and its state loads back to the same state and result
      const result = resultText(acc);
      const json = state(acc);
      const again = spec.Class.fromJSON(JSON.parse(json));
      ensure(state(again) === json, () => `${hostile.what}: accepted, and toJSON() no longer loads back to itself`);
      ensure(resultText(again) === result, () => `${hostile.what}: accepted, and the reloaded state has another result`);
    });
  },
};

// ---------------------------------------------------------------------------------------------
// Merges of overlapping workers
// ---------------------------------------------------------------------------------------------

interface Spread {
  /** Per event, the workers it goes to (bit i: worker i); events without a delivery id go to one. */
  masks: number[];
  /** Per event, whether one of its workers gets it twice. */
  twice: boolean[];
  /** The order the workers are merged in. */
  order: number[];
  /** Per worker, whether its state goes through JSON before the merge. */
  viaJSON: boolean[];
}

function spreadArb(events: number): fc.Arbitrary<{ workers: number; spread: Spread }> {
  return fc.integer({ min: 2, max: 4 }).chain((workers) =>
    fc
      .record({
        masks: fc.array(fc.integer({ min: 1, max: 2 ** workers - 1 }), { minLength: events, maxLength: events }),
        twice: fc.array(fc.boolean(), { minLength: events, maxLength: events }),
        order: fc.shuffledSubarray([...Array(workers).keys()], { minLength: workers, maxLength: workers }),
        viaJSON: fc.array(fc.boolean(), { minLength: workers, maxLength: workers }),
      })
      .map((spread) => ({ workers, spread })),
  );
}

const mergeTarget: FuzzTarget = {
  name: 'merge: overlapping workers',
  property(counts) {
    const merged = FUZZ_ACCUMULATORS.map((spec, index) => ({ spec, index })).filter(({ spec }) => spec.exactMerge !== false);
    const arb = fc.oneof(...merged.map(({ spec, index }) => spec.events.chain((events) => fc.tuple(fc.constant(index), fc.constant(events), spreadArb(events.length)))));
    return fc.property(arb, ([index, events, { workers, spread }]) => {
      const spec = FUZZ_ACCUMULATORS[index]!;
      count(counts, spec.label);
      const make = (): Accumulator<unknown, unknown> => new spec.Class(spec.options as never);
      const parts = Array.from({ length: workers }, () => [] as unknown[]);
      events.forEach((event, index) => {
        // an event that is not de-duplicated (a visit, an offer without id; anything under dedupe: false) reaches one worker, once
        const overlaps = spec.dedupe && deliveryId(event) !== undefined;
        const mask = overlaps ? spread.masks[index]! : 1 << (spread.masks[index]! % workers);
        const to = [...Array(workers).keys()].filter((worker) => (mask & (1 << worker)) !== 0);
        for (const worker of to) parts[worker]!.push(event);
        if (overlaps && spread.twice[index]!) parts[to[0]!]!.push(event);
      });
      const states = parts.map((part) => make().addAll(part) as Accumulator<unknown, unknown>);
      const shipped = states.map((acc, worker) => (spread.viaJSON[worker]! ? spec.Class.fromJSON(JSON.parse(state(acc))) : acc));
      const [first, ...rest] = spread.order.map((worker) => shipped[worker]!);
      for (const part of rest) first!.merge(part as never);
      const one = make().addAll(events) as Accumulator<unknown, unknown>;
      ensure(resultText(first!) === resultText(one), () => `merged ${workers} workers: ${resultText(first!)}\none worker: ${resultText(one)}`);
      if (spec.exactMoney !== undefined) {
        const expected = spec.exactMoney(events);
        const actual = normalise(first!.result()) as Record<string, unknown>;
        for (const [field, value] of Object.entries(expected)) ensure(actual[field] === value, () => `${field}: ${String(actual[field])}, the BigInt reference says ${value}`);
      }
    });
  },
};

// ---------------------------------------------------------------------------------------------
// The CLI on hostile bytes
// ---------------------------------------------------------------------------------------------

const fixture = (path: string): Buffer => readFileSync(new URL(path, import.meta.url));
const exampleOrders = fixture('../../examples/data/orders.csv').toString('utf8').split('\n').slice(0, 60).join('\n');

/** Real inputs to mutate. */
const CSV_SEEDS: readonly Buffer[] = [fixture('../cli/fixtures/orders.csv'), fixture('../cli/fixtures/shopify.csv'), Buffer.from(exampleOrders)];
const JSONL_SEEDS: readonly Buffer[] = [fixture('../cli/fixtures/events.jsonl')];

/** Bytes that mean something to a CSV or JSON reader, and some that mean trouble. */
const SPECIAL = ['"', ',', ';', '\t', '|', '\n', '\r\n', '\r', '{', '}', '[', ']', ':', '\\', '\u0000', '\uFEFF', '\uFFFD', '-', '.', 'e', '9', 'C', ' ', '\u00e9', '\u{1F600}', '2026-02-30', '1e400', 'NaN', '__proto__', '"constructor"'];

type ByteEdit = [kind: 'flip' | 'insert' | 'delete' | 'special' | 'duplicate-line' | 'drop-line' | 'swap-lines' | 'truncate' | 'invalid-utf8' | 'bom', at: number, value: number];

const byteEditArb: fc.Arbitrary<ByteEdit> = fc.tuple(
  fc.constantFrom('flip', 'insert', 'delete', 'special', 'special', 'special', 'duplicate-line', 'drop-line', 'swap-lines', 'truncate', 'invalid-utf8', 'bom'),
  fc.nat(),
  fc.nat(),
) as fc.Arbitrary<ByteEdit>;

function applyEdit(bytes: Buffer, [kind, at, value]: ByteEdit): Buffer {
  const position = bytes.length === 0 ? 0 : at % (bytes.length + 1);
  const lines = () => bytes.toString('latin1').split('\n');
  const fromLines = (parts: string[]) => Buffer.from(parts.join('\n'), 'latin1');
  switch (kind) {
    case 'flip': {
      if (bytes.length === 0) return bytes;
      const copy = Buffer.from(bytes);
      copy[position % bytes.length] = (copy[position % bytes.length]! ^ (1 << (value % 8))) & 0xff;
      return copy;
    }
    case 'insert':
      return Buffer.concat([bytes.subarray(0, position), Buffer.from([value % 256]), bytes.subarray(position)]);
    case 'delete':
      return Buffer.concat([bytes.subarray(0, position), bytes.subarray(position + 1 + (value % 16))]);
    case 'special':
      return Buffer.concat([bytes.subarray(0, position), Buffer.from(SPECIAL[value % SPECIAL.length]!), bytes.subarray(position + (value % 3))]);
    case 'duplicate-line': {
      const parts = lines();
      parts.splice(at % parts.length, 0, parts[value % parts.length]!);
      return fromLines(parts);
    }
    case 'drop-line': {
      const parts = lines();
      parts.splice(at % parts.length, 1);
      return fromLines(parts);
    }
    case 'swap-lines': {
      const parts = lines();
      const [i, j] = [at % parts.length, value % parts.length];
      [parts[i], parts[j]] = [parts[j]!, parts[i]!];
      return fromLines(parts);
    }
    case 'truncate':
      return bytes.subarray(0, position);
    case 'invalid-utf8':
      return Buffer.concat([bytes.subarray(0, position), Buffer.from([[0xff, 0xc3, 0xe2, 0x80, 0xed][value % 5]!]), bytes.subarray(position)]);
    case 'bom':
      return Buffer.concat([Buffer.from([[0xef, 0xbb, 0xbf], [0xff, 0xfe], [0xfe, 0xff]][value % 3]!), bytes]);
  }
}

/** Option sets the CLI is run with (`-` reads standard input). */
const CSV_ARGS: readonly string[][] = [
  ['report', '-'],
  ['report', '-', '--format', 'json'],
  ['report', '-', '--format', 'csv', '--skip-invalid'],
  ['report', '-', '--grain', 'day', '--group-by', 'channel,segment', '--by', 'category'],
  ['report', '-', '--from', 'shopify', '--skip-invalid', '--format', 'json'],
  ['report', '-', '--window', '1', '--currency', 'EUR'],
  ['report', '-', '--unsorted', '--time-zone', 'Europe/Berlin', '--cancelled-prefix', 'C'],
  ['report', '-', '--encoding', 'windows-1252', '--delimiter', ';'],
  ['report', '-', '--since', '2026-01-01', '--until', '2026-06-01', '--grain', 'week'],
  ['report', '-', '--format', 'html', '--group-by', 'channel'],
];
const JSONL_ARGS: readonly string[][] = [
  ['report', '-', '--from', 'jsonl'],
  ['report', '-', '--from', 'jsonl', '--format', 'json', '--skip-invalid'],
  ['report', '-', '--from', 'jsonl', '--grain', 'day', '--group-by', 'channel'],
  ['report', '-', '--format', 'csv'],
];

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI's `main` in this process on `stdin`. */
export async function runCli(args: readonly string[], stdin: Buffer): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const sink = (append: (text: string) => void): Writable =>
    new Writable({
      write(chunk: Buffer | string, _encoding, done) {
        append(chunk.toString());
        done();
      },
    });
  const code = await main(args, { stdin: Readable.from([stdin]), stdout: sink((text) => (stdout += text)), stderr: sink((text) => (stderr += text)) });
  return { code, stdout, stderr };
}

/** What the CLI must do on any input: exit 0, 1 or 2 with a message, never a stack trace. */
export function checkCliRun(run: CliRun): void {
  const shown = (): string => `exit ${run.code}, stderr:\n${run.stderr.slice(0, 2000)}`;
  ensure(run.code === 0 || run.code === 1 || run.code === 2, () => `unexpected ${shown()}`);
  ensure(!run.stderr.includes('internal error'), () => `an internal error: ${shown()}`);
  ensure(!/\n\s+at /.test(run.stderr), () => `a stack trace: ${shown()}`);
  if (run.code === 0) return;
  const lines = run.stderr.split('\n').filter((line) => line !== '');
  ensure(lines[0]?.startsWith('xsell-kpi: ') === true, () => `no message: ${shown()}`);
  if (run.code === 1) ensure(lines.length === 1, () => `exit 1 with ${lines.length} lines: ${shown()}`);
  else ensure(lines.length === 2 && lines[1]!.startsWith('Usage: '), () => `exit 2 without one message and the usage: ${shown()}`);
}

/** Streams of every kind of event (the Scorecard's). */
const scorecardEvents = FUZZ_ACCUMULATORS.find((spec) => spec.name === 'Scorecard')!.events;

/** The JSON Lines of a valid event stream (Dates as ISO text, decimal.js values as their text). */
const jsonlOf = (events: readonly unknown[]): Buffer => Buffer.from(events.map((event) => JSON.stringify(event)).join('\n'));

function cliTarget(kind: 'csv' | 'jsonl'): FuzzTarget {
  const seeds = kind === 'csv' ? CSV_SEEDS : JSONL_SEEDS;
  const argsArb = fc.constantFrom(...(kind === 'csv' ? CSV_ARGS : JSONL_ARGS));
  const real = kind === 'csv' ? fc.constantFrom(...seeds) : fc.oneof(fc.constantFrom(...seeds), scorecardEvents.map(jsonlOf));
  const csvish = fc.string({ unit: fc.constantFrom('a', '1', '0', ',', '"', '\n', ';', ' ', '.', '-', ':', 'order_id', 'sku', 'unit_price', 'customer_id', 'timestamp', '2026-01-05 10:00:00', '{', '}') });
  const inputArb: fc.Arbitrary<{ what: string; bytes: Buffer }> = fc.oneof(
    { weight: 6, arbitrary: fc.tuple(real, fc.array(byteEditArb, { minLength: 1, maxLength: 6 })).map(([bytes, edits]) => ({ what: `mutated ${kind} (${edits.map((edit) => edit[0]).join(', ')})`, bytes: edits.reduce(applyEdit, bytes) })) },
    {
      weight: kind === 'jsonl' ? 3 : 0,
      arbitrary: fc.tuple(scorecardEvents.filter((events) => events.length > 0), fc.nat(), fc.nat(), fc.constantFrom(...EDITS), hostileValueArb).map(([events, line, which, edit, replacement]) => {
        const parsed = JSON.parse(jsonlOf(events).toString('utf8').split('\n')[line % events.length]!) as unknown;
        const { input, what } = edited(parsed, which, edit, replacement);
        const copy = jsonlOf(events).toString('utf8').split('\n');
        copy[line % events.length] = JSON.stringify(input) ?? 'undefined';
        return { what: `an event with ${what}`, bytes: Buffer.from(copy.join('\n')) };
      }),
    },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 400 }).map((bytes) => ({ what: 'random bytes', bytes: Buffer.from(bytes) })) },
    { weight: 2, arbitrary: csvish.map((text) => ({ what: 'random text', bytes: Buffer.from(text) })) },
  );
  return {
    name: `CLI: random and mutated ${kind === 'csv' ? 'CSV' : 'JSON Lines'} bytes`,
    property(counts) {
      return fc.asyncProperty(fc.tuple(argsArb, inputArb), async ([args, { what, bytes }]) => {
        count(counts, `${what.startsWith('mutated') ? 'mutated' : what.startsWith('an event') ? 'mutated event' : what} → ${kind}`);
        let run: CliRun;
        try {
          run = await runCli(args, bytes);
        } catch (error) {
          throw new Error(`${what}: main() rejected: ${describeError(error)}`);
        }
        try {
          checkCliRun(run);
        } catch (error) {
          throw new Error(`xsell-kpi ${args.join(' ')} on ${what} (${bytes.length} bytes): ${(error as Error).message}`);
        }
      });
    },
  };
}

/** Every target, in the order `npm run fuzz` runs them. */
export const FUZZ_TARGETS: readonly FuzzTarget[] = [fromJSONTarget('cases'), fromJSONTarget('nonJsonCases'), addTarget, mergeTarget, cliTarget('csv'), cliTarget('jsonl')];

