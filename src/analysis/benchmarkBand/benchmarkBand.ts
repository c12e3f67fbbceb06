import { KpiError } from '../../core/KpiError.js';
import { show } from '../../_internal/show.js';
import { finiteNumber } from '../../_internal/validate.js';

/**
 * One band of a benchmark scale: the `label` applies from `from` up to the next band's `from`.
 * @category Analysis
 */
export interface BenchmarkBand<Label extends string = string> {
  /** The band's name, such as `'good'`. */
  readonly label: Label;
  /** The lowest value in the band (included): a finite number, above the previous band's `from`. */
  readonly from: number;
}

/**
 * The labels of {@link CROSS_SELL_BANDS}.
 * @category Analysis
 */
export type CrossSellBandLabel = 'weak' | 'good' | 'strong';

/**
 * The commonly quoted cross-sell rate bands: below 20 % weak, 20 % to 30 % good, 30 % and above strong.
 *
 * @remarks
 * The figures are the ones cross-selling KPI guides commonly quote: 20 % to 30 % as a good
 * cross-sell rate, above 30 % as strong, and 15 % as far below industry standards. They are a
 * rule of thumb, not a universal truth: rates differ a lot between industries, channels and the
 * way a cross-sale is counted. Replace them with your own plain-data bands (see
 * {@link benchmarkBand}). The boundaries belong to the higher band, so 0.2 is `'good'`
 * and 0.3 is `'strong'`. The array and its bands are frozen.
 *
 * @example
 * ```ts
 * import { CROSS_SELL_BANDS } from 'xsell-kpi';
 * CROSS_SELL_BANDS.map((band) => band.from); // => [0, 0.2, 0.3]
 * Object.isFrozen(CROSS_SELL_BANDS[1]); // => true
 * ```
 * @category Analysis
 */
export const CROSS_SELL_BANDS: readonly BenchmarkBand<CrossSellBandLabel>[] = /* @__PURE__ */ Object.freeze([
  /* @__PURE__ */ Object.freeze({ label: 'weak', from: 0 } as const),
  /* @__PURE__ */ Object.freeze({ label: 'good', from: 0.2 } as const),
  /* @__PURE__ */ Object.freeze({ label: 'strong', from: 0.3 } as const),
]);

/** Validated copies of the bands' thresholds and labels. */
function checkBands(bands: unknown): { labels: string[]; froms: number[] } {
  if (!Array.isArray(bands) || bands.length === 0) {
    throw new KpiError('INVALID_OPTION', 'bands', `expected a non-empty array of { label, from } bands, got ${show(bands)}`);
  }
  const labels: string[] = [];
  const froms: number[] = [];
  for (let index = 0; index < bands.length; index++) {
    const band: unknown = bands[index];
    const path = `bands[${index}]`;
    if (typeof band !== 'object' || band === null || Array.isArray(band)) {
      throw new KpiError('INVALID_OPTION', path, `expected a { label, from } band, got ${show(band)}`);
    }
    const { label, from } = band as Record<string, unknown>;
    if (typeof label !== 'string') throw new KpiError('INVALID_OPTION', `${path}.label`, `expected a string, got ${show(label)}`);
    if (typeof from !== 'number' || !Number.isFinite(from)) {
      throw new KpiError('INVALID_OPTION', `${path}.from`, `expected a finite number, got ${show(from)}`);
    }
    const previous = froms[index - 1];
    if (previous !== undefined && !(from > previous)) {
      throw new KpiError('INVALID_OPTION', `${path}.from`, `bands must be in strictly ascending order of from; ${from} follows ${previous}`);
    }
    labels.push(label);
    froms.push(from);
  }
  return { labels, froms };
}

/**
 * The benchmark band a rate falls in, such as `'good'` for a cross-sell rate of 0.24.
 *
 * @remarks
 * The label of the last band whose `from` is ≤ `rate`. Bands are plain data in strictly ascending
 * order of `from`; by default {@link CROSS_SELL_BANDS} (weak below 0.2, good from 0.2, strong
 * from 0.3: the commonly quoted figures, to be replaced per industry). Any finite number
 * can be banded, so the same function serves scales other than rates (items per order, say).
 *
 * `null` when `rate` is `null` (a rate with nothing to divide by) or below the first band's
 * `from`. The bands are checked on every call, also when `rate` is `null`. O(number of bands).
 *
 * @param rate - The value to place: a finite number (a fraction in [0, 1] for rates), or `null`.
 * @param bands - `{ label, from }` bands in strictly ascending order of `from`, at least one;
 * {@link CROSS_SELL_BANDS} by default.
 * @returns The matching band's label, or `null`.
 * @throws {@link KpiError} `INVALID_NUMBER` at `rate` (not a finite number or `null`);
 * `INVALID_OPTION` at `bands`, `bands[i]`, `bands[i].label` or `bands[i].from` (not a non-empty
 * array, not an object, a label that is not a string, a `from` that is not finite or not above the
 * previous band's).
 * @example
 * ```ts
 * import { benchmarkBand } from 'xsell-kpi';
 * benchmarkBand(0.15); // => 'weak'
 * benchmarkBand(0.2); // => 'good'
 * benchmarkBand(0.3); // => 'strong'
 * benchmarkBand(null); // => null
 * benchmarkBand(Number.NaN); // throws INVALID_NUMBER
 * ```
 * @example
 * Your own bands, for instance for an attach rate:
 * ```ts
 * import { benchmarkBand } from 'xsell-kpi';
 * const bands = [{ label: 'low', from: 0.05 }, { label: 'typical', from: 0.15 }, { label: 'high', from: 0.4 }];
 * benchmarkBand(0.25, bands); // => 'typical'
 * benchmarkBand(0.01, bands); // => null
 * benchmarkBand(0.25, [{ label: 'b', from: 0.5 }, { label: 'a', from: 0.1 }]); // throws INVALID_OPTION
 * ```
 * @category Analysis
 */
export function benchmarkBand<Label extends string = CrossSellBandLabel>(rate: number | null, bands?: readonly BenchmarkBand<Label>[]): Label | null {
  const { labels, froms } = checkBands(bands === undefined ? CROSS_SELL_BANDS : bands);
  if (rate === null) return null;
  const value = finiteNumber(rate, 'rate');
  let found: string | null = null;
  for (let index = 0; index < froms.length && froms[index]! <= value; index++) found = labels[index]!;
  return found as Label | null;
}
