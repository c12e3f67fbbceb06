// A host that loads both builds of the packed package (the ESM one through `import`, the CommonJS
// one through `require`, as happens when two dependencies use xsell-kpi differently) gets two
// copies of every class. Accumulators still merge across them, and errors are still recognised.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, inject, test } from 'vitest';
import type * as xsell from 'xsell-kpi';

type Library = typeof xsell;

const order = (orderId: string, customerId: string, skus: string[], channel = 'web') => ({
  orderId,
  customerId,
  channel,
  timestamp: '2026-11-02T10:00:00Z',
  lines: skus.map((sku) => ({ sku, unitPrice: '10.50' })),
});
const first = [order('o1', 'ann', ['laptop']), order('o2', 'bob', ['laptop', 'case'])];
const second = [order('o2', 'bob', ['laptop', 'case']), order('o3', 'ann', ['mouse'], 'store')];

describe('the ESM and the CommonJS build loaded side by side', () => {
  let esm: Library;
  let cjs: Library;
  beforeAll(async () => {
    const error = inject('packageError');
    if (error !== null) throw new Error(`test/globalSetup.ts could not build or pack the package:\n${error}`);
    const packageDir = inject('packageDir');
    esm = (await import(pathToFileURL(join(packageDir, 'dist', 'index.js')).href)) as Library;
    cjs = createRequire(join(packageDir, 'package.json'))(join(packageDir, 'dist', 'index.cjs')) as Library;
  });

  test('they are two copies', () => {
    expect(esm.CrossSellRate).not.toBe(cjs.CrossSellRate);
  });

  test('an accumulator from one build merges into one from the other, both ways, and the other is unchanged', () => {
    const expected = new esm.CrossSellRate().addAll([...first, ...second]).result();
    const fromCjs = new cjs.CrossSellRate().addAll(second);
    const saved = JSON.stringify(fromCjs);
    expect(new esm.CrossSellRate().addAll(first).merge(fromCjs as never).result()).toStrictEqual(expected);
    expect(JSON.stringify(fromCjs)).toBe(saved);
    expect(new cjs.CrossSellRate().addAll(first).merge(new esm.CrossSellRate().addAll(second) as never).result()).toStrictEqual(expected);
    const money = new esm.AverageOrderValue().addAll(first).merge(new cjs.AverageOrderValue().addAll(second) as never).result();
    expect([money.value?.toString(), money.revenue.toString(), money.orders]).toStrictEqual(['14', '42', 3]);
    const rows = new esm.Scorecard({ groupBy: ['channel'] }).addAll(first).merge(new cjs.Scorecard({ groupBy: ['channel'] }).addAll(second) as never).result();
    expect(JSON.stringify(rows)).toBe(JSON.stringify(esm.Scorecard.of([...first, ...second], { groupBy: ['channel'] })));
  });

  test('the checks still hold across builds: another class, other options, a conflicting re-delivery', () => {
    const into = new esm.CrossSellRate().addAll(first);
    const before = JSON.stringify(into);
    const attempts: [() => unknown, string][] = [
      [() => into.merge(new cjs.AverageOrderValue() as never), 'cannot merge an AverageOrderValue into a CrossSellRate'],
      [() => into.merge(new cjs.CrossSellRate({ by: 'category' }) as never), 'by is "sku" here and "category" in the other'],
      [() => into.merge(new cjs.CrossSellRate().add({ ...order('o1', 'ann', ['laptop']), customerId: 'cy' }) as never), 'different content'],
    ];
    for (const [attempt, words] of attempts) {
      let error: unknown;
      try {
        attempt();
      } catch (caught) {
        error = caught;
      }
      expect(esm.isKpiError(error) && cjs.isKpiError(error)).toBe(true);
      expect((error as Error).message).toContain(words);
    }
    expect(JSON.stringify(into)).toBe(before);
  });
});
