import { countRatio } from '../../_internal/validate.js';

/**
 * The counts {@link offerAcceptanceRate} divides.
 * @category Offers
 */
export interface OfferAcceptanceRateInput {
  /** Offers accepted: a non-negative integer, at most `offered`. */
  accepted: number;
  /** Offers shown: a non-negative integer. */
  offered: number;
}

/**
 * Offer acceptance rate: the share of cross-sell or upsell offers that customers accepted.
 *
 * @remarks
 * accepted ÷ offered, counted per offer kind (cross-sell or upsell). An offer shown several times with the same id is one offer.
 *
 * `null` when `offered` is 0: the rate is not defined for that data. O(1).
 *
 * @param input - `accepted` (offers accepted) and `offered` (offers shown).
 * @returns A fraction in [0, 1], or `null` when `offered` is 0.
 * @throws {@link KpiError} `INVALID_NUMBER` (not a finite number), `NEGATIVE_COUNT`, `NOT_AN_INTEGER`, `NUMERATOR_EXCEEDS_DENOMINATOR`.
 * @example
 * ```ts
 * import { offerAcceptanceRate } from 'xsell-kpi';
 * offerAcceptanceRate({ accepted: 12, offered: 80 }); // => 0.15
 * offerAcceptanceRate({ accepted: 0, offered: 0 }); // => null
 * ```
 * @category Offers
 */
export function offerAcceptanceRate(input: OfferAcceptanceRateInput): number | null {
  return countRatio(input, 'accepted', 'offered');
}
