import { countRatio } from '../../_internal/validate.js';

/**
 * The counts {@link attachRate} divides.
 * @category Cross-sell
 */
export interface AttachRateInput {
  /** Anchor buyers who also bought an attachment: a non-negative integer, at most `anchors`. */
  attached: number;
  /** Buyers of the anchor: a non-negative integer. */
  anchors: number;
}

/**
 * Attach rate: the share of buyers of an anchor product who also bought something else with it.
 *
 * @remarks
 * attached ÷ anchors. An anchor buyer (a customer, or an order) bought the anchor product or category; they are attached when they also bought another product (or one from a chosen attach set). Worked example: 50 of 200 laptop buyers also bought an accessory, an attach rate of 25 %.
 *
 * `null` when `anchors` is 0: the rate is not defined for that data. O(1).
 *
 * @param input - `attached` (anchor buyers who also bought an attachment) and `anchors` (buyers of the anchor).
 * @returns A fraction in [0, 1], or `null` when `anchors` is 0.
 * @throws {@link KpiError} `INVALID_NUMBER` (not a finite number), `NEGATIVE_COUNT`, `NOT_AN_INTEGER`, `NUMERATOR_EXCEEDS_DENOMINATOR`.
 * @example
 * ```ts
 * import { attachRate } from 'xsell-kpi';
 * attachRate({ attached: 50, anchors: 200 }); // => 0.25
 * attachRate({ attached: 0, anchors: 0 }); // => null
 * ```
 * @category Cross-sell
 */
export function attachRate(input: AttachRateInput): number | null {
  return countRatio(input, 'attached', 'anchors');
}
