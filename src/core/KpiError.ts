/**
 * The machine-readable reason a {@link KpiError} was thrown.
 *
 * @remarks
 * Codes are stable: match on them, not on `message`.
 * - `NEGATIVE_COUNT`: a count (or a derived count such as `customersAtEnd − newCustomers`) is below 0.
 * - `NOT_AN_INTEGER`: a count has a fractional part, or is beyond `Number.MAX_SAFE_INTEGER`.
 * - `NUMERATOR_EXCEEDS_DENOMINATOR`: a ratio's part is larger than its whole.
 * - `INVALID_NUMBER`: not a number, `NaN` or ±`Infinity`, or a number outside its allowed range.
 * - `INVALID_MONEY`: an amount that is not a plain decimal, or negative where it must not be.
 * - `INVALID_CURRENCY`: not an ISO 4217 code with a minor unit.
 * - `INVALID_TIMESTAMP`, `INVALID_EVENT`, `INVALID_OPTION`: bad timestamps, event shapes and options.
 * - `INVALID_ARGUMENT`: a function called with something other than an object of named arguments, or a
 *   named argument of the wrong shape.
 * - `MIXED_CURRENCY`: two currencies (or a code and none) in one money figure.
 * - `CONFLICTING_DUPLICATE`: the same id delivered again with different content.
 * - `INCOMPATIBLE_MERGE`: merging accumulators of another kind or with other options.
 * - `INVALID_STATE`, `UNSUPPORTED_VERSION`: serialized state that fails validation, or is from a newer version.
 * - `DEGENERATE_DATA`: data a model cannot be fitted to (no repeat buyers, or no finite maximum of
 *   the likelihood), or a prediction the fitted model has no finite answer for.
 *
 * @category Errors
 */
export type KpiErrorCode =
  | 'NEGATIVE_COUNT'
  | 'NOT_AN_INTEGER'
  | 'NUMERATOR_EXCEEDS_DENOMINATOR'
  | 'INVALID_NUMBER'
  | 'INVALID_MONEY'
  | 'INVALID_CURRENCY'
  | 'INVALID_TIMESTAMP'
  | 'INVALID_EVENT'
  | 'INVALID_OPTION'
  | 'INVALID_ARGUMENT'
  | 'MIXED_CURRENCY'
  | 'CONFLICTING_DUPLICATE'
  | 'INCOMPATIBLE_MERGE'
  | 'INVALID_STATE'
  | 'UNSUPPORTED_VERSION'
  | 'DEGENERATE_DATA';

const brand = Symbol.for('xsell-kpi.KpiError');

/**
 * The one error type xsell-kpi throws for invalid input, with a stable `code` and the `path` of the offending field.
 *
 * @remarks
 * Messages are prefixed with `[xsell-kpi]` and name the code and the path. Use
 * {@link isKpiError} rather than `instanceof`: a host that loads both the ESM and the CJS
 * build has two `KpiError` classes, and `instanceof` fails across them.
 *
 * @example
 * ```ts
 * import { KpiError } from 'xsell-kpi';
 * const error = new KpiError('NEGATIVE_COUNT', 'customers', 'expected a non-negative integer');
 * error.code; // => 'NEGATIVE_COUNT'
 * error.path; // => 'customers'
 * error.message; // => '[xsell-kpi] NEGATIVE_COUNT at customers: expected a non-negative integer'
 * ```
 * @category Errors
 */
export class KpiError extends Error {
  /** The stable, machine-readable reason. */
  readonly code: KpiErrorCode;
  /** Where in the input the problem is, such as `lines[2].unitPrice`; `''` for the input as a whole. */
  readonly path: string;

  /**
   * @param code - The stable reason.
   * @param path - The offending field, such as `lines[2].unitPrice`.
   * @param detail - What was expected, for people.
   * @param options - `cause`: the error behind this one, such as what a host object's getter threw.
   */
  constructor(code: KpiErrorCode, path: string, detail: string, options?: { cause?: unknown }) {
    super(`[xsell-kpi] ${code}${path === '' ? '' : ` at ${path}`}: ${detail}`, options);
    this.name = 'KpiError';
    this.code = code;
    this.path = path;
    Object.defineProperty(this, brand, { value: true });
  }
}

/**
 * Tells whether a value is a {@link KpiError}, from this copy of xsell-kpi or any other.
 *
 * @remarks
 * Works across the ESM and CJS builds (it checks a global symbol brand, not the class).
 *
 * @param value - Anything, typically a caught error.
 * @returns `true` when `value` is a `KpiError`.
 * @example
 * ```ts
 * import { crossSellRate, isKpiError } from 'xsell-kpi';
 * try {
 *   crossSellRate({ crossSoldCustomers: 3, customers: 2 });
 * } catch (error) {
 *   isKpiError(error) && error.code; // => 'NUMERATOR_EXCEEDS_DENOMINATOR'
 * }
 * ```
 * @category Errors
 */
export function isKpiError(value: unknown): value is KpiError {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[brand] === true;
}

