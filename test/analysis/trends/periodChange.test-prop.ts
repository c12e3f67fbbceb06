import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { periodChange, type PeriodValue } from 'xsell-kpi';

const valueArb = fc.option(fc.oneof(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.constant(0)), { nil: null });
const seriesArb = fc.array(valueArb, { maxLength: 30 }).map((values) => values.map((value, index): PeriodValue => ({ period: `p${index}`, value })));

describe('periodChange properties', () => {
  test('one entry per period, period and value as given', () => {
    fc.assert(
      fc.property(seriesArb, (series) => {
        const copy = structuredClone(series);
        const changes = periodChange(series);
        expect(series).toEqual(copy);
        expect(changes.map(({ period, value }) => ({ period, value }))).toEqual(series);
      }),
    );
  });

  test('points = value − previous and relative = points ÷ previous, null exactly where undefined', () => {
    fc.assert(
      fc.property(seriesArb, (series) => {
        periodChange(series).forEach(({ value, points, relative }, index) => {
          const previous = index === 0 ? null : series[index - 1]!.value;
          if (value === null || previous === null) {
            expect([points, relative]).toEqual([null, null]);
            return;
          }
          // Both are null where they would not be finite (a previous value such as 5e-324).
          const difference = value - previous + 0;
          expect(points).toBe(Number.isFinite(difference) ? difference : null);
          const ratio = previous === 0 ? Number.NaN : difference / previous + 0;
          expect(relative).toBe(Number.isFinite(ratio) ? ratio : null);
        });
      }),
    );
  });

  test('consistency: previous + points gives back the value, and the changes chain across periods', () => {
    fc.assert(
      fc.property(seriesArb, (series) => {
        const changes = periodChange(series);
        // (Values are within ±1e6, so points are never too large; a tiny previous value can make relative null.)
        changes.forEach(({ value, points, relative }, index) => {
          if (points === null) return;
          const previous = series[index - 1]!.value!;
          const scale = Math.max(1, Math.abs(value!), Math.abs(previous));
          expect(Math.abs(previous + points - value!)).toBeLessThanOrEqual(scale * Number.EPSILON);
          if (relative !== null) expect(Math.abs(previous * (1 + relative) - value!)).toBeLessThanOrEqual(4 * scale * Number.EPSILON);
          expect(Math.sign(points) + 0).toBe(Math.sign(value! - previous) + 0);
        });
        // Over a run without nulls, the points add up to last − first.
        const values = series.map((entry) => entry.value);
        if (values.length > 1 && values.every((value) => value !== null)) {
          const total = changes.slice(1).reduce((sum, change) => sum + change.points!, 0);
          const scale = Math.max(1, ...values.map((value) => Math.abs(value!)));
          expect(Math.abs(total - (values[values.length - 1]! - values[0]!))).toBeLessThanOrEqual(values.length * 4 * scale * Number.EPSILON);
        }
      }),
    );
  });
});
