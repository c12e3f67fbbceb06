// A few seconds of the fuzz suite (`npm run fuzz`, test/fuzz/targets.ts) in every `npm test`: each
// target for at most 0.4 s or 25 cases, from the suite's seed (FC_SEED, test/setup.ts).
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { checkCliRun, runCli } from './targets.js';
import { runTarget, selectTargets } from './run.js';

describe('fuzz smoke', () => {
  for (const target of selectTargets(undefined)) {
    test(`${target.name}`, async () => {
      const report = await runTarget(target, { seed: fc.readConfigureGlobal().seed ?? 0, secondsPerTarget: 0.4, maxRunsPerTarget: 25 });
      expect(report.failure ?? 'no failure').toBe('no failure');
      expect(report.runs).toBeGreaterThan(0);
    });
  }

  test('the CLI check tells a message from a stack trace', async () => {
    const good = await runCli(['report', '-'], Buffer.from('order_id,sku\n'));
    expect(good.code).toBe(1);
    expect(() => checkCliRun(good)).not.toThrow();
    expect(() => checkCliRun({ code: 1, stdout: '', stderr: 'xsell-kpi: internal error (a bug): TypeError: x\n    at f (file.js:1:1)\n' })).toThrow(/internal error/);
    expect(() => checkCliRun({ code: 1, stdout: '', stderr: 'xsell-kpi: one\nxsell-kpi: two\n' })).toThrow(/2 lines/);
    expect(() => checkCliRun({ code: 2, stdout: '', stderr: 'xsell-kpi: bad option\n' })).toThrow(/usage/);
    expect(() => checkCliRun({ code: 3, stdout: '', stderr: '' })).toThrow(/unexpected/);
  });
});
