/**
 * `xsell-kpi clv`'s own options, over generated values: what --horizon, --discount-rate,
 * --penalizer and --observation-end accept is exactly what they promise, wherever on the command
 * line they stand, inline (`--horizon=5`) or not; and the report's options pass through unchanged.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { parseCommand } from '../../src/cli/args.js';
import { parseClv, type ClvOptions } from '../../src/cli/clv/args.js';
import { UsageError } from '../../src/cli/errors.js';

const base = ['clv', 'orders.csv', '--observation-end', '2026-01-31'];

/** The options, or the usage error's message. */
function parsed(argv: readonly string[]): ClvOptions | string {
  try {
    const command = parseClv(argv);
    if (command.kind !== 'clv') throw new Error(`not a clv command: ${command.kind}`);
    return command.options;
  } catch (error) {
    if (error instanceof UsageError) return error.message;
    throw error;
  }
}

/** `[--name, value]` or `[--name=value]`, after the command, after the file, or last. */
const placed = (name: string, value: string) =>
  fc.tuple(fc.boolean(), fc.constantFrom(1, 2, base.length)).map(([inline, at]) => {
    const option = inline ? [`--${name}=${value}`] : [`--${name}`, value];
    return [...base.slice(0, at), ...option, ...base.slice(at)];
  });

describe('xsell-kpi clv options', () => {
  test('--horizon: a whole number from 0 to 10000, nothing else', () => {
    const text = fc.oneof(fc.integer({ min: 0, max: 20_000 }).map(String), fc.string({ maxLength: 6 }), fc.double().map(String));
    fc.assert(
      fc.property(
        text.chain((value) => placed('horizon', value).map((argv) => ({ value, argv }))),
        ({ value, argv }) => {
          const result = parsed(argv);
          const valid = /^\d+$/.test(value) && Number(value) <= 10_000;
          if (valid) expect(result).toMatchObject({ horizon: Number(value) });
          else expect(typeof result).toBe('string');
        },
      ),
    );
  });

  test('--discount-rate and --penalizer: finite numbers ≥ 0, as written (exponents too); a negative, NaN or Infinity is refused', () => {
    const number = fc.oneof(fc.double({ min: 0, max: 1e6, noNaN: true }), fc.double({ min: -1e6, max: -Number.MIN_VALUE, noNaN: true }), fc.constantFrom(NaN, Infinity, -0));
    fc.assert(
      fc.property(fc.constantFrom('discount-rate', 'penalizer'), number, (name, value) => {
        const text = String(value);
        const result = parsed([...base, `--${name}=${text}`]);
        const field = name === 'discount-rate' ? 'discountRate' : 'penalizer';
        // String(-0) is '0'.
        if (Number.isFinite(value) && value >= 0) expect(result).toMatchObject({ [field]: Number(text) });
        else expect(typeof result).toBe('string');
      }),
    );
  });

  test('--observation-end: every real calendar day YYYY-MM-DD, no other text', () => {
    const day = fc.date({ min: new Date(Date.UTC(1900, 0, 1)), max: new Date(Date.UTC(2199, 11, 31)), noInvalidDate: true }).map((date) => date.toISOString().slice(0, 10));
    const impossible = fc.tuple(fc.integer({ min: 1900, max: 2199 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 29, max: 40 })).map(([year, month, dayOfMonth]) => `${year}-${String(month).padStart(2, '0')}-${String(dayOfMonth).padStart(2, '0')}`);
    fc.assert(
      fc.property(fc.oneof(day, impossible, fc.string({ maxLength: 12 })), (value) => {
        const result = parsed(['clv', 'orders.csv', '--observation-end', value]);
        const [year, month, dayOfMonth] = value.split('-').map(Number);
        const real = /^\d{4}-\d{2}-\d{2}$/.test(value) && new Date(Date.UTC(year!, month! - 1, dayOfMonth!)).toISOString().slice(0, 10) === value;
        if (real) expect(result).toMatchObject({ observationEnd: value });
        else expect(typeof result).toBe('string');
      }),
    );
  });

  test('the report’s input options come through as the report reads them', () => {
    const input = fc.subarray([
      ['--time-zone', 'Europe/Berlin'],
      ['--currency', 'EUR'],
      ['--skip-invalid'],
      ['--columns', 'order_id=Invoice'],
      ['--since', '2025-01-01'],
      ['--window', '7'],
      ['--format', 'csv'],
      ['--from', 'shopify'],
    ]);
    fc.assert(
      fc.property(input, fc.boolean(), (options, first) => {
        const flat = options.flat();
        const clv = parsed(first ? ['clv', ...flat, 'orders.csv', '--observation-end', '2026-01-31'] : [...base, ...flat]);
        const report = parseCommand(['report', 'orders.csv', ...flat]);
        expect(typeof clv).toBe('object');
        if (report.kind !== 'report' || typeof clv === 'string') throw new Error('unreachable');
        expect(clv.input).toStrictEqual(report.options);
        expect(clv.format).toBe(report.options.format);
      }),
    );
  });
});
