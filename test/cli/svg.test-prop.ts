/**
 * The HTML report's SVG renderer (src/cli/output/svg.ts): the y axis's ticks cover the values at a
 * round step, and text is escaped.
 */
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { escapeHtml, niceTicks } from '../../src/cli/output/svg.js';

test('ticks: a round step (1, 2 or 5 × 10ⁿ), covering the values, 2 to 11 of them', () => {
  const value = fc.oneof(fc.double({ min: -1e9, max: 1e9, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: -1000, max: 1000 }));
  fc.assert(
    fc.property(value, value, (a, b) => {
      const low = Math.min(a, b);
      const high = Math.max(a, b);
      const { ticks, step, min, max } = niceTicks(low, high);
      const mantissa = step / 10 ** Math.floor(Math.log10(step) + 1e-12);
      expect([1, 2, 5].some((round) => Math.abs(mantissa - round) < 1e-9)).toBe(true);
      // Within a billionth of a step: a value a float's rounding past a round number adds no tick.
      expect(min).toBeLessThanOrEqual(low + step * 1e-9);
      expect(max).toBeGreaterThanOrEqual(high - step * 1e-9);
      expect(ticks[0]).toBeCloseTo(min, 6);
      expect(ticks.at(-1)!).toBeGreaterThanOrEqual(high - step * 1e-6);
      expect(ticks.length).toBeGreaterThanOrEqual(2);
      expect(ticks.length).toBeLessThanOrEqual(11);
      for (let index = 1; index < ticks.length; index++) expect(Math.abs(ticks[index]! - ticks[index - 1]! - step)).toBeLessThanOrEqual(step * 1e-6);
    }),
  );
});

test('escapeHtml leaves no character that ends an attribute or starts a tag, and is reversible', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'binary' }), (text) => {
      const escaped = escapeHtml(text);
      expect(escaped).not.toMatch(/[<>"']/);
      expect(escaped.replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)))).toBe(text);
    }),
  );
});
