/**
 * Runs the `@example` blocks of the doc comments in `src/` (CONTRIBUTING.md, "Doc comments"): a doc
 * example that drifts from the code fails here.
 *
 * In a block, `<expression>; // => <expected>` asserts that the expression deep-strictly equals the
 * JS value `<expected>` (a Decimal result compares by `.toString()` with an expected string), and
 * `<expression>; // throws CODE` asserts that it throws a `KpiError` with that `code`. Every marked
 * line must run: one inside a `catch` that nothing reaches fails the block. The generated modules
 * are written to `.tmp/doc-examples/`.
 */
import { describe, expect, test } from 'vitest';
import type { ExpectStatic } from 'vitest';
import { describeExample, missingImports, runDocExample, scanSource, scanSources } from './support/docExamples.js';
import type { DocExample } from './support/docExamples.js';

const { examples, declarations } = scanSources();

test('src/ has @example blocks to run', () => {
  expect(examples.length).toBeGreaterThan(0);
  expect(examples.flatMap((example) => example.markers).length).toBeGreaterThan(0);
});

test('every public export function, class and const in src/ has an @example block', () => {
  const missing = declarations
    .filter((declaration) => !declaration.file.startsWith('src/_internal/') && !declaration.internal && declaration.examples === 0)
    .map((declaration) => `${declaration.file}:${declaration.line} ${declaration.name}`);
  expect(missing, 'exports without a ```ts block after @example').toEqual([]);
});

for (const example of examples) {
  test(`${example.file}: ${example.symbol} example #${example.index}`, async ({ expect }) => {
    expect(example.problems, `${describeExample(example)} cannot run as written`).toEqual([]);
    expect(await missingImports(example), `${describeExample(example)} imports names that 'xsell-kpi' does not export`).toEqual([]);
    const run = await runDocExample(example, expect);
    const unreached = run.unreached().map((marker) => `${example.file}:${marker.line}: ${marker.expression}`);
    expect(unreached, `${describeExample(example)}: marked lines that never ran, so they checked nothing`).toEqual([]);
  });
}

/** The harness itself, on made-up sources (their generated modules go to `.tmp/doc-examples/test/`). */
describe('the doc example runner', () => {
  const file = 'test/fixtures/docExampleRunner.ts';

  let samples = 0;

  /** A one-block example documenting a function of its own, so that no two share a generated module. */
  function exampleOf(code: string): DocExample {
    samples += 1;
    const declaration = `export function sample${samples}(): void {}`;
    const source = ['/**', ' * A sample.', ' * @example', ' * ```ts', ...code.split('\n').map((line) => ` * ${line}`), ' * ```', ' */', declaration, ''];
    const [example] = scanSource(file, source.join('\n')).examples;
    if (example === undefined) throw new Error('no example found');
    return example;
  }

  /** An `expect` whose soft assertions are recorded instead of failing the test. */
  function recordingExpect(): { readonly expect: ExpectStatic; readonly checks: { actual: unknown; expected: unknown; message: string }[] } {
    const checks: { actual: unknown; expected: unknown; message: string }[] = [];
    const soft = (actual: unknown, message = '') => ({
      toStrictEqual: (expected: unknown) => {
        checks.push({ actual, expected, message });
      },
    });
    return { expect: Object.assign(() => undefined, { soft }) as unknown as ExpectStatic, checks };
  }

  test('finds the block, its symbol, its line and its markers', () => {
    const example = exampleOf("import { toMoney } from 'xsell-kpi';\nconst x = 1;\nx + 1; // => 2\nx; // throws NEGATIVE_COUNT");
    expect(example).toMatchObject({ file, symbol: `sample${samples}`, index: 1, line: 4, problems: [] });
    expect(example.markers).toEqual([
      { id: 1, kind: 'value', line: 7, expression: 'x + 1', expected: '2' },
      { id: 2, kind: 'throws', line: 8, expression: 'x', expected: 'NEGATIVE_COUNT' },
    ]);
    expect(example.module.split('\n')[6]).toBe('__doc.value(1, () => (x + 1), (2));');
    expect(example.imports).toEqual(['toMoney']);
  });

  test('lists the value imports that the library does not export', async () => {
    const example = exampleOf("import { toMoney, notExported, type Decimal } from 'xsell-kpi';\nimport type { MoneyInput } from 'xsell-kpi';");
    expect(example.imports).toEqual(['toMoney', 'notExported']);
    expect(await missingImports(example)).toEqual(['notExported']);
  });

  test('reports a value that differs, with file, line, expression, expected and actual', async () => {
    const recorder = recordingExpect();
    await runDocExample(exampleOf("import { toMoney } from 'xsell-kpi';\n[1, 2].length; // => 3\ntoMoney('0.10'); // => '0.1'"), recorder.expect);
    expect(recorder.checks).toEqual([
      { actual: 2, expected: 3, message: expect.stringContaining(`${file}:6 (sample${samples} example #1)\n  [1, 2].length\n  expected: 3\n  actual:   2\n`) },
      { actual: '0.1', expected: '0.1', message: expect.stringContaining('a Decimal, compared by .toString()') },
    ]);
  });

  test('checks the code of a thrown KpiError, and that something was thrown', async () => {
    const recorder = recordingExpect();
    await runDocExample(
      exampleOf("import { crossSellRate } from 'xsell-kpi';\ncrossSellRate({ crossSoldCustomers: 3, customers: 2 }); // throws NUMERATOR_EXCEEDS_DENOMINATOR\ncrossSellRate({ crossSoldCustomers: 1, customers: 2 }); // throws NEGATIVE_COUNT"),
      recorder.expect,
    );
    expect(recorder.checks.map(({ actual, expected }) => ({ actual, expected }))).toEqual([
      { actual: { threw: true, isKpiError: true, code: 'NUMERATOR_EXCEEDS_DENOMINATOR' }, expected: { threw: true, isKpiError: true, code: 'NUMERATOR_EXCEEDS_DENOMINATOR' } },
      { actual: { threw: false, isKpiError: false, code: undefined }, expected: { threw: true, isKpiError: true, code: 'NEGATIVE_COUNT' } },
    ]);
  });

  test('lists a marker in a catch that never ran', async () => {
    const recorder = recordingExpect();
    const run = await runDocExample(exampleOf('try {\n  JSON.parse("1");\n} catch (error) {\n  String(error); // => \'never\'\n}'), recorder.expect);
    expect(run.unreached().map((marker) => marker.line)).toEqual([8]);
    expect(recorder.checks).toEqual([]);
  });

  test('refuses a marker that is not on a one-line statement, and an expected value that is not JS', () => {
    expect(exampleOf('//=> 2').problems).toEqual([expect.stringContaining(`${file}:5: a \`// =>\``)]);
    expect(exampleOf('1 + 1; // => 2 (two)').problems).toEqual([]);
    expect(exampleOf('1 + 1; // => two, as a word)').problems).toEqual([expect.stringContaining(`${file}:5:`)]);
    expect(exampleOf('1 + 1; // throws').problems).toEqual([expect.stringContaining('expected a KpiError code')]);
  });

  test('requires an @example block on exports unless they are @internal', () => {
    const source = ['/** @internal */', 'export function hidden(): void {}', '/** Shown. */', 'export const shown = 1;', 'export class Bare {}', 'export type Skipped = 1;'].join('\n');
    expect(scanSource('src/sample.ts', source).declarations).toEqual([
      { file: 'src/sample.ts', name: 'hidden', line: 2, internal: true, examples: 0 },
      { file: 'src/sample.ts', name: 'shown', line: 4, internal: false, examples: 0 },
      { file: 'src/sample.ts', name: 'Bare', line: 5, internal: false, examples: 0 },
    ]);
  });
});
