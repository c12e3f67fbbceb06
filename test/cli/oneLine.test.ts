import { describe, expect, test } from 'vitest';
import { oneLine } from '../../src/cli/errors.js';
import { runMain } from './support.js';

describe('the CLI says what went wrong on one line (issue 16, found by the fuzz suite)', () => {
  test('a JSON line that does not parse: the parser quotes it, line break and all; stderr still has one line', async () => {
    const run = await runMain(['report', '-', '--from', 'jsonl'], 'a\n');
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^xsell-kpi: line 1: INVALID_JSON: .*\n$/);
    expect(run.stderr.split('\n')).toHaveLength(2);
  });

  test('clv: the same JSON line, the whole message on one line (not only its first line)', async () => {
    const run = await runMain(['clv', '-', '--from', 'jsonl', '--observation-end', '2026-01-31'], 'a\n');
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^xsell-kpi: line 1: INVALID_JSON: .*\\n.*\n$/);
    expect(run.stderr.split('\n')).toHaveLength(2);
  });

  test('a bad usage: the message on one line, then the usage line', async () => {
    const run = await runMain(['report', 'no\nsuch-file.csv']);
    expect(run.code).toBe(2);
    const lines = run.stderr.split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toContain('no\\nsuch-file.csv');
    expect(lines[1]).toMatch(/^Usage: /);
  });

  test('oneLine writes each kind of line break as its escape, and leaves other text alone', () => {
    expect(oneLine('a\r\nb\rc\nd\u2028e\u2029f')).toBe('a\\r\\nb\\rc\\nd\\u2028e\\u2029f');
    expect(oneLine('plain text, "quoted", tab\there')).toBe('plain text, "quoted", tab\there');
  });
});
