/**
 * Hostile-input fuzzing of an accumulator's `fromJSON` (docs/design.md, "The accumulator contract":
 * bad or hostile state is KpiError `INVALID_STATE`, a newer version `UNSUPPORTED_VERSION`).
 *
 * Inputs: random JSON and non-JSON values, and valid states with one field mutated (wrong types,
 * negative, fractional and huge numbers, NaN, extra keys, `"__proto__"` / `"constructor"` /
 * `"prototype"` keys, deep nesting, very long arrays, duplicated entries), a newer version, a
 * wrong kind. Each call must either return an accumulator whose `result()` works (and whose
 * `toJSON()` loads again), or throw a KpiError `INVALID_STATE` / `UNSUPPORTED_VERSION`; never
 * another error, never a polluted `Object.prototype`, never a mutated input.
 *
 * @example
 * checkFromJSONFuzz({ name: 'CrossSellRate', Class: CrossSellRate, events: streamArb() });
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { isKpiError } from 'xsell-kpi';
import { defineKey } from '../arbitraries/events.js';
import { canonicalJSON, normalise, type LawSpec, type OptionsSpec, type SerializedState } from './checkLaws.js';

export interface FromJSONFuzzSpec<E, R> extends Pick<LawSpec<E, R>, 'name' | 'label' | 'Class' | 'events' | 'ratioFields' | 'countFields'> {
  options?: OptionsSpec;
  /** How many inputs; 10,000 by default. */
  numRuns?: number;
}

type Expectation = 'accepted' | 'refused' | 'INVALID_STATE' | 'UNSUPPORTED_VERSION' | 'either';

export interface Case {
  what: string;
  input: unknown;
  expected: Expectation;
}

/** `{"__proto__": …}` as JSON.parse builds it: an own key, not the prototype. */
const PROTO_PAYLOAD = (): unknown => JSON.parse('{"__proto__": {"polluted": "yes"}, "polluted": "yes"}');
const CONSTRUCTOR_PAYLOAD = (): unknown => JSON.parse('{"constructor": {"prototype": {"polluted": "yes"}}}');
const PROTOTYPE_PAYLOAD = (): unknown => JSON.parse('{"prototype": {"polluted": "yes"}, "__proto__": [1, 2]}');

function deeplyNested(depth: number): unknown {
  let value: unknown = 'bottom';
  for (let level = 0; level < depth; level++) value = level % 2 === 0 ? [value] : { a: value };
  return value;
}

const DEEP = deeplyNested(1000);
const LONG_ARRAY = Array.from({ length: 20_000 }, (_, index) => index);
const LONG_STRING = 'x'.repeat(100_000);

/** Replacement values for one field (also the fuzz suite's, test/fuzz, for events). */
export const hostileValueArb: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom<unknown>('x', '', '1', '-1', 'NaN', '1e3', ' 1', '__proto__', true, false, null, 0, -1, 1.5, -0, 2 ** 53, 2 ** 53 - 1, -(2 ** 53), 1e308, Number.MAX_VALUE, Number.MIN_VALUE) },
  { weight: 2, arbitrary: fc.constantFrom<unknown>(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, undefined) },
  { weight: 2, arbitrary: fc.constantFrom<() => unknown>(() => [], () => ({}), () => [[]], () => [null], () => Object.create(null)).map((make) => make()) },
  { weight: 3, arbitrary: fc.constantFrom(PROTO_PAYLOAD, CONSTRUCTOR_PAYLOAD, PROTOTYPE_PAYLOAD).map((make) => make()) },
  { weight: 3, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
  { weight: 1, arbitrary: fc.constantFrom<unknown>(DEEP, LONG_ARRAY, LONG_STRING) },
);

function circular(): unknown {
  const object: Record<string, unknown> = { a: 1 };
  object['self'] = object;
  return object;
}

/** Values JSON.parse never makes: fromJSON takes `unknown`, so they must be refused like any other bad field. */
export const nonJsonValueArb: fc.Arbitrary<unknown> = fc
  .constantFrom<() => unknown>(
    () => 1n,
    () => Symbol('s'),
    () => () => 1,
    () => new Date(0),
    () => new Map([['a', 1]]),
    () => new Set(['a']),
    () => Object('boxed'),
    () => new Uint8Array(2),
    () => circular(),
    () => [circular()],
  )
  .map((make) => make());

/** Every node of a JSON tree, with its path. */
function nodes(value: unknown, path: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  out.push(path);
  if (Array.isArray(value)) value.forEach((item, index) => nodes(item, [...path, index], out));
  else if (typeof value === 'object' && value !== null) for (const key of Object.keys(value)) nodes((value as Record<string, unknown>)[key], [...path, key], out);
  return out;
}

function get(root: unknown, path: readonly (string | number)[]): unknown {
  return path.reduce<unknown>((node, key) => (node as Record<string | number, unknown>)[key], root);
}

export type Edit = 'replace' | 'delete' | 'extra-key' | 'proto-key' | 'constructor-key' | 'prototype-key' | 'duplicate' | 'long-array-of-copies' | 'wrap-in-array' | 'negate' | 'fraction' | 'huge';

export const EDITS: readonly Edit[] = ['replace', 'replace', 'replace', 'delete', 'extra-key', 'proto-key', 'constructor-key', 'prototype-key', 'duplicate', 'duplicate', 'long-array-of-copies', 'wrap-in-array', 'negate', 'fraction', 'huge'];

/** A copy of `json` (plain JSON) with one edit at the node chosen by `which`. */
export function edited(json: unknown, which: number, edit: Edit, replacement: unknown): { input: unknown; what: string } {
  const root: unknown = JSON.parse(JSON.stringify(json));
  const all = nodes(root);
  const path = all[which % all.length]!;
  const what = `${edit} at ${path.length === 0 ? '(root)' : path.join('.')}`;
  const node = get(root, path);
  const put = (value: unknown): unknown => {
    if (path.length === 0) return value;
    const parent = get(root, path.slice(0, -1)) as Record<string | number, unknown>;
    const key = path[path.length - 1]!;
    if (Array.isArray(parent)) parent[key as number] = value;
    else defineKey(parent, String(key), value);
    return root;
  };
  switch (edit) {
    case 'replace':
      return { input: put(replacement), what: `${what} with ${safeShow(replacement)}` };
    case 'delete': {
      if (path.length === 0) return { input: undefined, what };
      const parent = get(root, path.slice(0, -1));
      if (Array.isArray(parent)) parent.splice(path[path.length - 1] as number, 1);
      else delete (parent as Record<string, unknown>)[String(path[path.length - 1])];
      return { input: root, what };
    }
    case 'extra-key':
    case 'proto-key':
    case 'constructor-key':
    case 'prototype-key': {
      const key = { 'extra-key': 'extra', 'proto-key': '__proto__', 'constructor-key': 'constructor', 'prototype-key': 'prototype' }[edit];
      if (typeof node === 'object' && node !== null && !Array.isArray(node)) {
        defineKey(node as Record<string, unknown>, key, replacement);
        return { input: root, what: `${what} = ${safeShow(replacement)}` };
      }
      if (Array.isArray(node)) {
        node.push(JSON.parse(`{"${key}": {"polluted": "yes"}}`));
        return { input: root, what: `${what}: pushed an object with it` };
      }
      const wrapper: Record<string, unknown> = {};
      defineKey(wrapper, key, replacement);
      return { input: put(wrapper), what: `${what}: replaced by an object with it` };
    }
    case 'duplicate':
      if (Array.isArray(node) && node.length > 0) {
        node.push(JSON.parse(JSON.stringify(node[0])));
        return { input: root, what };
      }
      return { input: put([node, node]), what: `${what}: replaced by [it, it]` };
    case 'long-array-of-copies':
      if (Array.isArray(node) && node.length > 0) return { input: put(Array.from({ length: 2000 }, (_, index) => node[index % node.length])), what };
      return { input: put(Array.from({ length: 2000 }, () => node)), what };
    case 'wrap-in-array':
      return { input: put([node]), what };
    case 'negate':
      return { input: put(typeof node === 'number' ? -node - 1 : `-${textOf(node)}`), what };
    case 'fraction':
      return { input: put(typeof node === 'number' ? node + 0.5 : `${textOf(node)}.5`), what };
    case 'huge':
      return { input: put(typeof node === 'number' ? node + 2 ** 53 : `${textOf(node)}${'9'.repeat(400)}`), what };
  }
}

/** A node as text for the string mutations; objects without a prototype have no toString. */
function textOf(node: unknown): string {
  return typeof node === 'object' && node !== null ? JSON.stringify(node) : String(node);
}

function safeShow(value: unknown): string {
  if (value === LONG_ARRAY) return '(an array of 20,000 numbers)';
  if (value === LONG_STRING) return '(a string of 100,000 characters)';
  if (value === DEEP) return '(1,000 levels of nesting)';
  try {
    const text = fc.stringify(value);
    return text.length > 200 ? `${text.slice(0, 200)}…` : text;
  } catch {
    return typeof value;
  }
}

/** A fingerprint of any value, to tell whether fromJSON changed its input (JSON.stringify when it can: it is fast). */
function fingerprint(value: unknown): string {
  if (value === LONG_ARRAY || value === LONG_STRING || value === DEEP) return 'shared constant';
  try {
    return `json:${JSON.stringify(value)}`;
  } catch {
    try {
      return fc.stringify(value);
    } catch {
      return 'unprintable';
    }
  }
}

/** Fails the property with this message (plain throws: `expect` is too slow for 10,000 runs). */
function ensure(condition: boolean, message: () => string): void {
  if (!condition) throw new Error(message());
}

/**
 * The inputs and the check behind {@link checkFromJSONFuzz}: `cases` (JSON-shaped, plus NaN,
 * ±Infinity and undefined), `nonJsonCases` (BigInt, Symbol, functions, Map, cycles…), and
 * `check(case)`, which throws when `fromJSON` misbehaves on it.
 */
export function fromJSONFuzzPlan<E, R>(spec: FromJSONFuzzSpec<E, R>): { cases: fc.Arbitrary<Case>; nonJsonCases: fc.Arbitrary<Case>; check: (fuzzCase: Case) => void } {
  const { Class } = spec;
  const optionsArb: fc.Arbitrary<object | undefined> = spec.options instanceof fc.Arbitrary ? spec.options : fc.constant(spec.options as object | undefined);
  const toState = ([options, xs]: [object | undefined, E[]]): SerializedState => {
    const acc = new Class(options as never);
    acc.addAll(xs);
    return JSON.parse(JSON.stringify(acc.toJSON())) as SerializedState;
  };
  // Generating event streams is the slow part: a pool of valid states, sampled once (with the global seed), is mutated instead.
  let pool: SerializedState[] | undefined;
  const statePool = (): SerializedState[] =>
    (pool ??= fc.sample(
      fc.tuple(optionsArb, spec.events.map((xs) => xs.slice(0, 8))),
      { numRuns: 64, seed: fc.readConfigureGlobal().seed ?? 0 },
    ).map(toState));
  const validState = fc.nat().map((index) => {
    const states = statePool();
    return states[index % states.length]!;
  });

  const otherKinds = ['CrossSellRate', 'TransactionCrossSellRate', 'AverageOrderValue', 'Scorecard'].filter((kind) => kind !== spec.name);
  const cases: fc.Arbitrary<Case> = fc.oneof(
    { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((input): Case => ({ what: 'random JSON', input, expected: 'either' })) },
    { weight: 1, arbitrary: fc.anything({ maxDepth: 3, withNullPrototype: true, withSparseArray: true }).map((input): Case => ({ what: 'random value', input, expected: 'either' })) },
    { weight: 1, arbitrary: validState.map((input): Case => ({ what: 'valid state', input, expected: 'accepted' })) },
    {
      weight: 12,
      arbitrary: fc
        .tuple(validState, fc.nat(), fc.constantFrom(...EDITS), hostileValueArb)
        .map(([state, which, edit, replacement]): Case => ({ ...edited(state, which, edit, replacement), expected: 'either' })),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(validState, fc.oneof(fc.integer({ min: 1, max: 1000 }), fc.constant(Number.MAX_SAFE_INTEGER)))
        .map(([state, newer]): Case => ({ what: `version + ${newer}`, input: { ...state, version: Math.min(state.version + newer, Number.MAX_SAFE_INTEGER) }, expected: 'UNSUPPORTED_VERSION' })),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(validState, fc.constantFrom<unknown>(0, -1, 1.5, '1', null, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53, true, [1]))
        .map(([state, version]): Case => ({ what: `version ${safeShow(version)}`, input: { ...state, version }, expected: 'INVALID_STATE' })),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(validState, fc.constantFrom<unknown>(...otherKinds, '', 'Other', spec.name.toLowerCase(), `${spec.name} `, 'Object', '__proto__', null, 1, [spec.name]))
        .map(([state, kind]): Case => ({ what: `kind ${safeShow(kind)}`, input: { ...state, kind }, expected: 'INVALID_STATE' })),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(validState, fc.constantFrom('kind', 'version', 'options', 'state'))
        .map(([state, field]): Case => {
          const input: Record<string, unknown> = { ...state };
          delete input[field];
          return { what: `missing ${field}`, input, expected: 'INVALID_STATE' };
        }),
    },
  );

  const nonJsonCases: fc.Arbitrary<Case> = fc.oneof(
    {
      weight: 1,
      arbitrary: fc
        .anything({ maxDepth: 3, withNullPrototype: true, withBigInt: true, withDate: true, withMap: true, withSet: true, withSparseArray: true, withBoxedValues: true, withTypedArray: true })
        .map((input): Case => ({ what: 'random value', input, expected: 'either' })),
    },
    {
      weight: 4,
      arbitrary: fc
        .tuple(validState, fc.nat(), fc.constantFrom<Edit>('replace', 'extra-key', 'proto-key'), nonJsonValueArb)
        .map(([state, which, edit, replacement]): Case => ({ ...edited(state, which, edit, replacement), expected: 'either' })),
    },
  );

  const objectKeys = Reflect.ownKeys(Object.prototype).length;
  const arrayKeys = Reflect.ownKeys(Array.prototype).length;
  const unpolluted = (): void => {
    ensure(({} as Record<string, unknown>)['polluted'] === undefined, () => 'Object.prototype.polluted is set');
    ensure(Reflect.ownKeys(Object.prototype).length === objectKeys, () => `Object.prototype has new keys: ${Reflect.ownKeys(Object.prototype).map(String).join(', ')}`);
    ensure(Reflect.ownKeys(Array.prototype).length === arrayKeys, () => 'Array.prototype has new keys');
  };
  const check = ({ input, expected }: Case): void => {
    const before = fingerprint(input);
    let restored: ReturnType<typeof Class.fromJSON> | undefined;
    let thrown: unknown;
    try {
      restored = Class.fromJSON(input);
    } catch (error) {
      thrown = error;
    }
    unpolluted();
    ensure(fingerprint(input) === before, () => 'fromJSON changed its input');
    if (restored === undefined) {
      ensure(isKpiError(thrown), () => `expected a KpiError, got ${thrown instanceof Error ? (thrown.stack ?? String(thrown)) : String(thrown)}`);
      const { code } = thrown as { code: string };
      if (expected === 'INVALID_STATE' || expected === 'UNSUPPORTED_VERSION') ensure(code === expected, () => `expected ${expected}, got ${code}`);
      else ensure(code === 'INVALID_STATE' || code === 'UNSUPPORTED_VERSION', () => `expected INVALID_STATE or UNSUPPORTED_VERSION, got ${code}`);
      ensure(expected !== 'accepted', () => `a valid state was refused: ${String(thrown)}`);
      return;
    }
    ensure(expected === 'accepted' || expected === 'either', () => `accepted, but expected ${expected}`);
    // it works: result() reads, and toJSON() loads again to the same state
    const result = restored.result() as Record<string, unknown>;
    for (const name of spec.ratioFields ?? []) {
      const value = result[name];
      ensure(value === null || (typeof value === 'number' && value >= 0 && value <= 1), () => `accepted state gives ${name} = ${String(value)}`);
    }
    for (const name of spec.countFields ?? []) {
      ensure(Number.isSafeInteger(result[name]) && (result[name] as number) >= 0, () => `accepted state gives ${name} = ${String(result[name])}`);
    }
    const json = JSON.stringify(restored.toJSON());
    const again = Class.fromJSON(JSON.parse(json));
    ensure(JSON.stringify(again.toJSON()) === json, () => 'toJSON() of the restored accumulator does not load back to the same state');
    ensure(JSON.stringify(normalise(again.result())) === JSON.stringify(normalise(result)), () => 'the reloaded accumulator has another result');
  };
  return { cases, nonJsonCases, check };
}

/**
 * Registers two property tests of `Class.fromJSON` on random and hostile inputs: 10,000
 * (`numRuns`) JSON-shaped ones, and a fifth as many with values JSON.parse never makes.
 */
export function checkFromJSONFuzz<E, R>(spec: FromJSONFuzzSpec<E, R>): void {
  const label = spec.label ?? (spec.options instanceof fc.Arbitrary ? 'options from an arbitrary' : (canonicalJSON(spec.options) ?? 'default options'));
  // FROM_JSON_FUZZ_RUNS caps it (vitest.mutate.config.ts runs a few hundred per mutant).
  const numRuns = Math.min(spec.numRuns ?? 10_000, Number(process.env['FROM_JSON_FUZZ_RUNS'] ?? Number.POSITIVE_INFINITY));
  const objectKeys = Reflect.ownKeys(Object.prototype).length;

  describe(`${spec.name}.fromJSON fuzz (${label})`, () => {
    test(`${numRuns} random and hostile JSON inputs (plus NaN, ±Infinity, undefined): an accumulator that works, or KpiError INVALID_STATE / UNSUPPORTED_VERSION; no prototype pollution`, () => {
      const { cases, check } = fromJSONFuzzPlan(spec);
      fc.assert(fc.property(cases, check), { numRuns });
      expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
      expect(Reflect.ownKeys(Object.prototype).length).toBe(objectKeys);
    });

    test(`${Math.ceil(numRuns / 5)} inputs with values JSON.parse never makes (BigInt, Symbol, functions, Map, Date, boxed, typed arrays, cycles): the same`, () => {
      const { nonJsonCases, check } = fromJSONFuzzPlan(spec);
      fc.assert(fc.property(nonJsonCases, check), { numRuns: Math.ceil(numRuns / 5) });
      expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
      expect(Reflect.ownKeys(Object.prototype).length).toBe(objectKeys);
    });
  });
}
