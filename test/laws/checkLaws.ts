/**
 * The shared accumulator law suite (docs/design.md, "The eight laws"): one call registers a `describe` block with
 * property tests of all eight laws, plus "result() is a read", for one accumulator class and
 * one options value (or an arbitrary of options).
 *
 * @example
 * checkLaws({
 *   name: 'CrossSellRate', Class: CrossSellRate, options: { by: 'sku' },
 *   events: streamArb(), invalid: invalidEventArb(['order']), formula: crossSellRate,
 *   ratioFields: ['value'], countFields: ['crossSoldCustomers', 'customers'],
 *   denominator: (result) => result.customers, dedupe: true,
 * });
 */
import DecimalJs from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import * as library from 'xsell-kpi';
import { isKpiError } from 'xsell-kpi';
import { conflictingDuplicate, deepCopy, defineKey, deliveryId, objectFrom, withRedeliveries } from '../arbitraries/events.js';

/** What `toJSON()` returns: `{ kind, version, options, state }`. */
export interface SerializedState {
  kind: string;
  version: number;
  options: unknown;
  state: unknown;
}

/** The accumulator shape (docs/design.md, "The accumulator contract"), as the laws use it. */
export interface Accumulator<E, R> {
  add(event: E): unknown;
  addAll(events: Iterable<E>): unknown;
  result(): R;
  merge(other: never): unknown;
  toJSON(): SerializedState;
}

/** An accumulator class: `new K(options?)`, `K.of(events, options?)`, `K.fromJSON(json)`. */
export interface AccumulatorClass<E, R> {
  readonly name: string;
  new (options: never): Accumulator<E, R>;
  of(events: Iterable<E>, options: never): R;
  fromJSON(json: unknown): Accumulator<E, R>;
}

/** Options: a value (`undefined` for the defaults) or an arbitrary of them. */
export type OptionsSpec = object | undefined | fc.Arbitrary<object | undefined>;

export interface LawSpec<E, R> {
  /** The class name, which is also the `kind` its `toJSON()` writes. */
  name: string;
  /** Names the `describe` block; the options as JSON by default. */
  label?: string;
  Class: AccumulatorClass<E, R>;
  /** The options (a value or an arbitrary of values); the defaults when absent. */
  options?: OptionsSpec;
  /** Valid streams (ids unique per stream): `streamArb(...)`. */
  events: fc.Arbitrary<E[]>;
  /** Events that `add` must reject with a `KpiError` whatever the state. */
  invalid: fc.Arbitrary<unknown>;
  /** Law 8: `formula(result)` equals `result.value` (Decimals by string). Omit for results without a formula (Scorecard). */
  formula?: (input: never) => unknown;
  /** Law 6: fields that are a fraction in [0, 1] or `null`. */
  ratioFields?: readonly string[];
  /** Law 6: fields that are non-negative safe integers. */
  countFields?: readonly string[];
  /** Law 6: fields that are finite `Decimal`s. */
  moneyFields?: readonly string[];
  /** Law 6: the count whose 0 makes `value` null (of `result()`). */
  denominator?: (result: R) => number;
  /** Law 6: the expected money fields of `result()` over these events, computed with the BigInt reference (as `toFixed()` strings). */
  exactMoney?: (events: E[]) => Record<string, string>;
  /** Whether law 5 (at-least-once delivery) applies: orders (and offers with an `offerId`) are de-duplicated. */
  dedupe: boolean;
  /**
   * What laws 1-5 and 7 compare; `acc.result()` by default. Add the other reads of the class,
   * e.g. `observe: (acc: RetentionRate) => ({ result: acc.result(), periods: acc.resultsByPeriod() })`.
   * (Method syntax, so the parameter may be annotated with the concrete class.)
   */
  observe?(acc: Accumulator<E, R>): unknown;
  /** The results that laws 6 and 8 check (ranges, formula); `[acc.result()]` by default; e.g. `(acc: RetentionRate) => [acc.result(), ...acc.resultsByPeriod()]`. */
  results?(acc: Accumulator<E, R>): readonly unknown[];
  /** Options that differ from `options` (merging with them must be INCOMPATIBLE_MERGE); a flipped `dedupe` is always tried when the class has it. */
  incompatibleOptions?: readonly object[];
  /** Law 5's re-deliveries; `withRedeliveries` by default. */
  redeliver?: (events: E[]) => fc.Arbitrary<E[]>;
  /** Law 5's conflicting duplicates; `conflictingDuplicate` by default. */
  conflict?: (event: E) => fc.Arbitrary<E>;
}

// ---------------------------------------------------------------------------------------------
// Helpers, exported for hand-written tests
// ---------------------------------------------------------------------------------------------

/** Decimals → their `toFixed()` strings, Maps → sorted entry arrays, Sets → sorted arrays, Dates → ISO strings, recursively. */
export function normalise(value: unknown): unknown {
  if (DecimalJs.isDecimal(value)) return (value as DecimalJs).toFixed();
  if (value instanceof Map) return [...value].map(([key, item]) => [normalise(key), normalise(item)]).sort(byKey);
  if (value instanceof Set) return [...value].map(normalise).sort((a, b) => compareText(JSON.stringify(a), JSON.stringify(b)));
  if (Array.isArray(value)) return value.map(normalise);
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object' && value !== null) {
    return objectFrom(Object.keys(value).map((key) => [key, normalise((value as Record<string, unknown>)[key])]));
  }
  return value;
}

function compareText(a: string | undefined, b: string | undefined): number {
  return (a ?? '') < (b ?? '') ? -1 : (a ?? '') > (b ?? '') ? 1 : 0;
}

function byKey(a: unknown[], b: unknown[]): number {
  return compareText(JSON.stringify(a[0]), JSON.stringify(b[0]));
}

/** JSON with object keys sorted, to compare option objects whatever their key order. */
export function canonicalJSON(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) =>
    typeof item === 'object' && item !== null && !Array.isArray(item)
      ? objectFrom(Object.keys(item).sort().map((key) => [key, (item as Record<string, unknown>)[key]]))
      : item,
  );
}

/** Runs `run` and returns what it threw (`undefined` when it did not throw). */
export function thrownBy(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error ?? new Error(`threw ${String(error)}`);
  }
  return undefined;
}

/** Asserts that `run` throws a KpiError (with this code, when given). */
export function expectKpiErrorCode(run: () => unknown, code?: string | readonly string[]): void {
  const error = thrownBy(run);
  expect(isKpiError(error) ? 'a KpiError' : `not a KpiError: ${error === undefined ? 'no error' : String(error)}`).toBe('a KpiError');
  const { code: actual, path } = error as { code: unknown; path: unknown };
  expect(typeof path).toBe('string');
  if (typeof code === 'string') expect(actual).toBe(code);
  else if (code !== undefined) expect(code).toContain(actual);
}

/** Changes everything reachable inside `value` (arrays reversed and extended, keys added, strings in objects replaced); frozen parts are skipped. */
export function vandalize(value: unknown, seen = new Set<unknown>()): void {
  if (typeof value !== 'object' || value === null || seen.has(value) || DecimalJs.isDecimal(value)) return;
  seen.add(value);
  try {
    if (value instanceof Date) {
      value.setTime(0);
    } else if (value instanceof Map) {
      for (const item of value.values()) vandalize(item, seen);
      value.set('vandal', 'vandal');
    } else if (value instanceof Set) {
      value.add('vandal');
    } else if (Array.isArray(value)) {
      for (const item of value) vandalize(item, seen);
      value.reverse();
      value.push('vandal');
    } else {
      const record = value as Record<string, unknown>;
      for (const key of Object.keys(record)) {
        if (typeof record[key] === 'object') vandalize(record[key], seen);
        else defineKey(record, key, typeof record[key] === 'number' ? -7 : 'vandal');
      }
      defineKey(record, 'vandal', 'vandal');
    }
  } catch {
    // frozen or read-only: the caller cannot change it either
  }
}

function splitAt<E>(events: readonly E[], cuts: readonly number[]): E[][] {
  const points = cuts.map((cut) => cut % (events.length + 1)).sort((a, b) => a - b);
  const bounds = [0, ...points, events.length];
  return bounds.slice(1).map((end, index) => events.slice(bounds[index], end));
}

function baseRuns(): number {
  return fc.readConfigureGlobal().numRuns ?? 100;
}

/** Classes exported by the library that look like accumulators and can be built with no options. */
function otherAccumulators(self: unknown): { name: string; create: () => unknown }[] {
  const found: { name: string; create: () => unknown }[] = [];
  for (const [name, value] of Object.entries(library as Record<string, unknown>)) {
    if (typeof value !== 'function' || value === self) continue;
    const candidate = value as { fromJSON?: unknown; prototype?: { merge?: unknown; toJSON?: unknown } } & (new () => unknown);
    if (typeof candidate.fromJSON !== 'function' || typeof candidate.prototype?.merge !== 'function' || typeof candidate.prototype.toJSON !== 'function') continue;
    try {
      new candidate();
      found.push({ name, create: () => new candidate() });
    } catch {
      // needs options
    }
  }
  return found;
}

// ---------------------------------------------------------------------------------------------
// The laws
// ---------------------------------------------------------------------------------------------

/** Registers the law suite (docs/design.md, "The eight laws") for one accumulator class and options. */
export function checkLaws<E, R>(spec: LawSpec<E, R>): void {
  const { Class, events, invalid } = spec;
  const optionsArb: fc.Arbitrary<object | undefined> = spec.options instanceof fc.Arbitrary ? spec.options : fc.constant(spec.options as object | undefined);
  const label = spec.label ?? (spec.options instanceof fc.Arbitrary ? 'options from an arbitrary' : (canonicalJSON(spec.options) ?? 'default options'));
  const base = baseRuns();
  const heavy = { numRuns: Math.max(10, Math.floor(base / 4)) };
  const medium = { numRuns: Math.max(10, Math.floor(base / 2)) };

  const make = (options: object | undefined): Accumulator<E, R> => new Class(options as never);
  const feed = (options: object | undefined, xs: Iterable<E>): Accumulator<E, R> => {
    const acc = make(options);
    acc.addAll(xs);
    return acc;
  };
  const observe = (acc: Accumulator<E, R>): unknown => (spec.observe === undefined ? acc.result() : spec.observe(acc));
  const view = (acc: Accumulator<E, R>): unknown => normalise(observe(acc));
  const snapshot = (acc: Accumulator<E, R>): string => JSON.stringify(acc.toJSON());
  const merged = (into: Accumulator<E, R>, other: Accumulator<E, R>): Accumulator<E, R> => {
    expect(into.merge(other as never)).toBe(into);
    return into;
  };
  const restore = (acc: Accumulator<E, R>): Accumulator<E, R> => Class.fromJSON(JSON.parse(JSON.stringify(acc)));
  const subjects = (acc: Accumulator<E, R>): readonly unknown[] => (spec.results === undefined ? [acc.result()] : spec.results(acc));
  const redeliver = spec.redeliver ?? ((xs: E[]) => withRedeliveries(xs));
  const conflict = spec.conflict ?? ((event: E) => conflictingDuplicate(event));

  const cuts = (max: number) => fc.array(fc.nat(), { maxLength: max });
  const withPermutation = events.chain((xs) => fc.tuple(fc.constant(xs), fc.shuffledSubarray(xs, { minLength: xs.length, maxLength: xs.length })));

  describe(`${spec.name} laws (${label})`, () => {
    // `K.of(xs)` is `new K(options).addAll(xs).result()` by definition; comparing the two would test
    // the code against itself. What the law compares are the three ways events reach an
    // accumulator, which run different code: `add`, `addAll` over an array (an index loop) and
    // `addAll` over any other iterable (the iterator protocol), the last in chunks. Whether the
    // result is right is laws 6 and 8, and each KPI's known values.
    test('law 1, batch = stream: add one by one = addAll(array) = addAll(a generator) in chunks', () => {
      fc.assert(
        fc.property(optionsArb, events, cuts(4), (options, xs, chunkCuts) => {
          const all = make(options);
          expect(all.addAll(xs)).toBe(all);
          const one = make(options);
          for (const x of xs) expect(one.add(x)).toBe(one);
          const generated = make(options);
          const bounds = [...new Set(chunkCuts.map((cut) => cut % (xs.length + 1)))].sort((a, b) => a - b);
          let start = 0;
          for (const end of [...bounds, xs.length]) {
            const chunk = xs.slice(start, Math.max(start, end));
            expect(
              generated.addAll(
                (function* () {
                  yield* chunk;
                })(),
              ),
            ).toBe(generated);
            start = Math.max(start, end);
          }
          expect(view(one)).toStrictEqual(view(all));
          expect(view(generated)).toStrictEqual(view(all));
          expect(snapshot(one)).toBe(snapshot(all));
          expect(snapshot(generated)).toBe(snapshot(all));
        }),
        medium,
      );
    });

    test('law 1, batch = stream: the input is neither mutated nor kept by reference', () => {
      fc.assert(
        fc.property(optionsArb, events, (options, xs) => {
          const input = deepCopy(xs);
          const acc = feed(options, input);
          expect(input).toStrictEqual(xs);
          const before = view(acc);
          const state = snapshot(acc);
          vandalize(input);
          expect(view(acc)).toStrictEqual(before);
          expect(snapshot(acc)).toBe(state);
        }),
        heavy,
      );
    });

    test('law 2, order-free: any permutation (and the reverse) gives the same result', () => {
      fc.assert(
        fc.property(optionsArb, withPermutation, (options, [xs, permuted]) => {
          const expected = view(feed(options, xs));
          expect(view(feed(options, permuted))).toStrictEqual(expected);
          expect(view(feed(options, [...xs].reverse()))).toStrictEqual(expected);
        }),
        medium,
      );
    });

    test('law 3, merge: associative', () => {
      fc.assert(
        fc.property(optionsArb, events, cuts(2), (options, xs, at) => {
          const [a = [], b = [], c = []] = splitAt(xs, [...at, 0, 0].slice(0, 2));
          const left = merged(merged(feed(options, a), feed(options, b)), feed(options, c));
          const right = merged(feed(options, a), merged(feed(options, b), feed(options, c)));
          expect(view(left)).toStrictEqual(view(right));
          expect(view(left)).toStrictEqual(view(feed(options, xs)));
        }),
        heavy,
      );
    });

    test('law 3, merge: commutative', () => {
      fc.assert(
        fc.property(optionsArb, events, fc.nat(), (options, xs, at) => {
          const [a = [], b = []] = splitAt(xs, [at]);
          expect(view(merged(feed(options, a), feed(options, b)))).toStrictEqual(view(merged(feed(options, b), feed(options, a))));
        }),
        heavy,
      );
    });

    test('law 3, merge: an empty accumulator is the identity on both sides', () => {
      fc.assert(
        fc.property(optionsArb, events, (options, xs) => {
          const acc = feed(options, xs);
          const expected = view(acc);
          const state = snapshot(acc);
          expect(view(merged(make(options), feed(options, xs)))).toStrictEqual(expected);
          merged(acc, make(options));
          expect(view(acc)).toStrictEqual(expected);
          expect(snapshot(acc)).toBe(state);
          expect(view(merged(make(options), make(options)))).toStrictEqual(view(make(options)));
        }),
        heavy,
      );
    });

    test('law 3, merge: splitting the input into 1 to 4 parts, accumulating each and merging (in any order) = one pass', () => {
      fc.assert(
        fc.property(optionsArb, events, cuts(3), fc.boolean(), (options, xs, at, reversed) => {
          const parts = splitAt(xs, at).map((part) => feed(options, part));
          if (reversed) parts.reverse();
          const [first, ...rest] = parts;
          const total = rest.reduce(merged, first!);
          expect(view(total)).toStrictEqual(view(feed(options, xs)));
        }),
        medium,
      );
    });

    test('law 3, merge: `other` is unchanged, and neither side aliases the other afterwards', () => {
      fc.assert(
        fc.property(optionsArb, events, cuts(2), (options, xs, at) => {
          const [a = [], b = [], later = []] = splitAt(xs, [...at, 0, 0].slice(0, 2));
          const into = feed(options, a);
          const other = feed(options, b);
          const otherState = snapshot(other);
          merged(into, other);
          expect(snapshot(other)).toBe(otherState);
          const intoState = snapshot(into);
          const intoView = view(into);
          other.addAll(later);
          expect(snapshot(into)).toBe(intoState);
          expect(view(into)).toStrictEqual(intoView);
          const otherAfter = snapshot(other);
          into.addAll(later);
          expect(snapshot(other)).toBe(otherAfter);
        }),
        heavy,
      );
    });

    test('law 3, merge: other options, another class or a non-accumulator is INCOMPATIBLE_MERGE, and changes nothing', () => {
      const others = otherAccumulators(Class);
      fc.assert(
        fc.property(optionsArb, optionsArb, events, fc.nat(), (options, otherOptions, xs, at) => {
          const [a = [], b = []] = splitAt(xs, [at]);
          const into = feed(options, a);
          const intoState = snapshot(into);
          const normalized = canonicalJSON(into.toJSON().options);
          const candidates: Record<string, unknown> = {};
          const variants = [otherOptions, ...(spec.incompatibleOptions ?? [])];
          const ownOptions = into.toJSON().options as Record<string, unknown>;
          if (typeof ownOptions['dedupe'] === 'boolean') variants.push({ ...(options ?? {}), dedupe: !ownOptions['dedupe'] });
          for (const variant of variants) {
            // the events may not suit the other options (a line without category for { by: 'category' }): then it stays empty
            const other = make(variant);
            for (const x of b) thrownBy(() => other.add(x));
            const differs = canonicalJSON(other.toJSON().options) !== normalized;
            const otherState = snapshot(other);
            if (!differs) {
              // same options after defaults: the merge must work (checked by the other laws)
              continue;
            }
            expectKpiErrorCode(() => into.merge(other as never), 'INCOMPATIBLE_MERGE');
            expectKpiErrorCode(() => other.merge(into as never), 'INCOMPATIBLE_MERGE');
            expect(snapshot(other)).toBe(otherState);
            candidates[`options ${canonicalJSON(variant)}`] = other;
          }
          for (const { name, create } of others) candidates[name] = create();
          candidates['null'] = null;
          candidates['a plain object'] = {};
          candidates['a lookalike'] = { ...into.toJSON(), merge: () => undefined, toJSON: () => into.toJSON(), result: () => into.result() };
          candidates['its own toJSON()'] = into.toJSON();
          for (const other of Object.values(candidates)) expectKpiErrorCode(() => into.merge(other as never), 'INCOMPATIBLE_MERGE');
          expect(snapshot(into)).toBe(intoState);
        }),
        heavy,
      );
    });

    test('law 4, round trip: fromJSON(JSON.parse(JSON.stringify(acc))) has the same result and toJSON, and keeps accumulating identically', () => {
      fc.assert(
        fc.property(optionsArb, events, fc.nat(), fc.array(fc.nat(), { maxLength: 5 }), (options, xs, at, again) => {
          const [first = [], rest = []] = splitAt(xs, [at]);
          const acc = feed(options, first);
          const copy = restore(acc);
          expect(view(copy)).toStrictEqual(view(acc));
          expect(copy.toJSON()).toStrictEqual(acc.toJSON());
          // the continuation re-delivers a few events of the first part: the restored de-duplication memory must match
          const continuation = [...rest, ...(first.length === 0 ? [] : again.map((index) => deepCopy(first[index % first.length]!)))];
          acc.addAll(continuation);
          copy.addAll(continuation);
          expect(view(copy)).toStrictEqual(view(acc));
          expect(snapshot(copy)).toBe(snapshot(acc));
        }),
        medium,
      );
    });

    test('law 4, round trip: toJSON() is plain JSON { kind, version, options, state }, and fromJSON keeps no reference to its input', () => {
      fc.assert(
        fc.property(optionsArb, events, (options, xs) => {
          const acc = feed(options, xs);
          const json = acc.toJSON();
          expect(Object.keys(json).sort()).toStrictEqual(['kind', 'options', 'state', 'version']);
          expect(json.kind).toBe(spec.name);
          expect(Number.isSafeInteger(json.version) && json.version >= 1).toBe(true);
          expect(JSON.parse(JSON.stringify(json))).toStrictEqual(json);
          const parsed: unknown = JSON.parse(JSON.stringify(acc));
          const copy = Class.fromJSON(parsed);
          const expected = view(acc);
          vandalize(parsed);
          expect(view(copy)).toStrictEqual(expected);
          expect(view(restore(make(options)))).toStrictEqual(view(make(options)));
        }),
        heavy,
      );
    });

    if (spec.dedupe) {
      test('law 5, at-least-once: re-delivered identical events change nothing', () => {
        fc.assert(
          fc.property(
            optionsArb,
            events.chain((xs) => fc.tuple(fc.constant(xs), redeliver(xs))),
            (options, [xs, redelivered]) => {
              const acc = feed(options, xs);
              expect(view(feed(options, redelivered))).toStrictEqual(view(acc));
              const state = snapshot(acc);
              acc.addAll(deepCopy(xs.filter((x) => deliveryId(x) !== undefined)));
              expect(snapshot(acc)).toBe(state);
            },
          ),
          medium,
        );
      });

      test('law 5, at-least-once: merging accumulators that saw overlapping events counts each once', () => {
        fc.assert(
          fc.property(optionsArb, events, cuts(2), (options, xs, at) => {
            const [onlyA = [], middle = [], onlyB = []] = splitAt(xs, [...at, 0, 0].slice(0, 2));
            // events without a delivery id (offers without offerId) cannot be recognised: A alone sees them
            const shared = middle.filter((x) => deliveryId(x) !== undefined);
            const a = [...onlyA, ...middle];
            const b = [...deepCopy(shared).reverse(), ...onlyB];
            const expected = view(feed(options, xs));
            expect(view(merged(feed(options, a), feed(options, b)))).toStrictEqual(expected);
            expect(view(merged(feed(options, b), feed(options, a)))).toStrictEqual(expected);
            expect(view(merged(restore(feed(options, a)), restore(feed(options, b))))).toStrictEqual(expected);
          }),
          heavy,
        );
      });

      const withConflict = events.chain((xs) => {
        const candidates = xs.filter((x) => deliveryId(x) !== undefined);
        if (candidates.length === 0) return fc.constant({ xs, original: undefined, duplicate: undefined });
        return fc
          .constantFrom(...candidates)
          .chain((original) => conflict(original).map((duplicate) => ({ xs, original: original as E | undefined, duplicate: duplicate as E | undefined })));
      });

      test('law 5, at-least-once: the same id with different content is CONFLICTING_DUPLICATE, and changes nothing', () => {
        fc.assert(
          fc.property(optionsArb, withConflict, (options, { xs, original, duplicate }) => {
            if (original === undefined || duplicate === undefined) return;
            const acc = feed(options, xs);
            const state = snapshot(acc);
            const before = view(acc);
            expectKpiErrorCode(() => acc.add(duplicate), 'CONFLICTING_DUPLICATE');
            expect(snapshot(acc)).toBe(state);
            expect(view(acc)).toStrictEqual(before);
            acc.add(deepCopy(original));
            expect(snapshot(acc)).toBe(state);
            // and in the other order
            const reversed = feed(options, [duplicate]);
            const reversedState = snapshot(reversed);
            expectKpiErrorCode(() => reversed.add(original), 'CONFLICTING_DUPLICATE');
            expect(snapshot(reversed)).toBe(reversedState);
          }),
          heavy,
        );
      });

      test('law 5, at-least-once: merging accumulators that saw conflicting content is CONFLICTING_DUPLICATE, and changes neither', () => {
        fc.assert(
          fc.property(optionsArb, withConflict, (options, { xs, original, duplicate }) => {
            if (original === undefined || duplicate === undefined) return;
            const into = feed(options, xs);
            const other = feed(options, [duplicate]);
            const intoState = snapshot(into);
            const otherState = snapshot(other);
            expectKpiErrorCode(() => into.merge(other as never), 'CONFLICTING_DUPLICATE');
            expectKpiErrorCode(() => other.merge(into as never), 'CONFLICTING_DUPLICATE');
            expect(snapshot(into)).toBe(intoState);
            expect(snapshot(other)).toBe(otherState);
          }),
          heavy,
        );
      });
    }

    test('law 6, ranges: ratios in [0, 1] or null (null exactly when the denominator is 0), counts are integers, money is Decimal', () => {
      const check = (acc: Accumulator<E, R>, xs: E[] | undefined) => {
        for (const subject of subjects(acc)) {
          expect(typeof subject === 'object' && subject !== null).toBe(true);
          const fields = subject as Record<string, unknown>;
          expect(JSON.stringify(normalise(fields), (_key, item: unknown) => (item === undefined || Number.isNaN(item) ? 'BAD' : item))).not.toContain('"BAD"');
          for (const name of spec.ratioFields ?? []) {
            const value = fields[name];
            const ok = value === null || (typeof value === 'number' && value >= 0 && value <= 1);
            expect({ [name]: ok ? 'null or in [0, 1]' : value }).toStrictEqual({ [name]: 'null or in [0, 1]' });
          }
          for (const name of spec.countFields ?? []) {
            const ok = Number.isSafeInteger(fields[name]) && (fields[name] as number) >= 0;
            expect({ [name]: ok ? 'a count' : fields[name] }).toStrictEqual({ [name]: 'a count' });
          }
          for (const name of spec.moneyFields ?? []) {
            const value = fields[name];
            if (value === null && name === 'value') continue;
            const ok = DecimalJs.isDecimal(value) && (value as DecimalJs).isFinite();
            expect({ [name]: ok ? 'a finite Decimal' : value }).toStrictEqual({ [name]: 'a finite Decimal' });
          }
        }
        const result = acc.result() as Record<string, unknown>;
        if (spec.denominator !== undefined) expect(result['value'] === null).toBe(spec.denominator(acc.result()) === 0);
        if (spec.exactMoney !== undefined && xs !== undefined) {
          const expected = spec.exactMoney(xs);
          const actual = normalise(result) as Record<string, unknown>;
          expect(objectFrom(Object.keys(expected).map((name) => [name, actual[name]]))).toStrictEqual(expected);
        }
      };
      fc.assert(
        fc.property(optionsArb, events, (options, xs) => {
          check(feed(options, xs), xs);
          check(make(options), []);
        }),
      );
    });

    test('law 7, atomic errors: an invalid event throws a KpiError, changes nothing, and the accumulator keeps working', () => {
      fc.assert(
        fc.property(optionsArb, events, invalid, fc.nat(), (options, xs, bad, at) => {
          const [first = [], rest = []] = splitAt(xs, [at]);
          const acc = feed(options, first);
          const state = snapshot(acc);
          const before = view(acc);
          expectKpiErrorCode(() => acc.add(bad as E));
          expect(snapshot(acc)).toBe(state);
          expect(view(acc)).toStrictEqual(before);
          acc.addAll(rest);
          expect(view(acc)).toStrictEqual(view(feed(options, xs)));
          // addAll stops at the invalid event, with the events before it added
          const partial = make(options);
          expectKpiErrorCode(() => partial.addAll([...first, bad as E, ...rest]));
          expect(snapshot(partial)).toBe(state);
        }),
        medium,
      );
    });

    if (spec.formula !== undefined) {
      const formula = spec.formula;
      test('law 8, result = formula input: formula(result) equals result.value', () => {
        fc.assert(
          fc.property(optionsArb, events, (options, xs) => {
            for (const acc of [feed(options, xs), make(options)]) {
              for (const subject of subjects(acc)) {
                expect(normalise(formula(subject as never))).toStrictEqual(normalise((subject as { value: unknown }).value));
              }
            }
          }),
        );
      });
    }

    test('result() is a read: twice gives equal results, the state is unchanged, and changing what it returned changes nothing', () => {
      fc.assert(
        fc.property(optionsArb, events, (options, xs) => {
          const acc = feed(options, xs);
          const state = snapshot(acc);
          const first = view(acc);
          expect(view(acc)).toStrictEqual(first);
          expect(snapshot(acc)).toBe(state);
          vandalize(observe(acc));
          vandalize(acc.result());
          vandalize(acc.toJSON());
          expect(view(acc)).toStrictEqual(first);
          expect(snapshot(acc)).toBe(state);
        }),
        heavy,
      );
    });
  });
}
