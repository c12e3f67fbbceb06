// The public surface of the packed package: its declarations match the committed API report
// (api/xsell-kpi.api.md), so an export, a signature or an option changes only on purpose, and they
// are sealed: nothing internal reaches them (scripts/api-report.mjs lists the rules).
// After a deliberate change: `npm run build && npm run api:update`, review, commit the report.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, inject, test } from 'vitest';
// @ts-expect-error -- a plain .mjs script without declarations; apiReport(source) → { report, problems }
import { apiReport, reportPath } from '../../scripts/api-report.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const report = apiReport as (source: string) => { report: string; problems: string[] };

describe('the public API of the packed package', () => {
  let packageDir = '';
  beforeAll(() => {
    const error = inject('packageError');
    if (error !== null) throw new Error(`test/globalSetup.ts could not build or pack the package:\n${error}`);
    packageDir = inject('packageDir');
  });
  const declarations = (file: string): string => readFileSync(join(packageDir, 'dist', file), 'utf8');

  test.each(['index.d.ts', 'index.d.cts'])('dist/%s is sealed: every declaration exported, no renamed, private or protected internals', (file) => {
    expect(report(declarations(file)).problems).toStrictEqual([]);
  });

  test.each(['index.d.ts', 'index.d.cts'])('dist/%s names no internal type or method', (file) => {
    const text = declarations(file);
    for (const internal of ['OrderAccumulator', 'NormalizedOrder', 'Amount', 'addNormalized', 'Engine', 'Contribution', 'Options$']) {
      expect({ internal, found: text.includes(internal) }).toStrictEqual({ internal, found: false });
    }
    expect(text.match(/\w\$\d/g)).toBeNull();
  });

  test('matches the committed API report (npm run api:update after a deliberate change)', () => {
    const committed = readFileSync(join(root, reportPath as string), 'utf8');
    expect(report(declarations('index.d.ts')).report).toBe(committed);
  });

  test('the CommonJS declarations describe the same API', () => {
    expect(report(declarations('index.d.cts')).report).toBe(report(declarations('index.d.ts')).report);
  });
});
