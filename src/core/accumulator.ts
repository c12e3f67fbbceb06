/**
 * Serialized accumulator state: plain JSON, versioned.
 *
 * @remarks
 * `kind` names the class, `version` the state layout, `options` the accumulator's options with
 * defaults filled in, `state` the data. Money is written as decimal strings. Restore with the
 * class's static `fromJSON`, which validates every field.
 *
 * @category Accumulators
 */
export interface AccumulatorJSON {
  /** The accumulator class, such as `'CrossSellRate'`. */
  kind: string;
  /** The state layout version; `fromJSON` refuses newer ones. */
  version: number;
  /** The options, with defaults filled in. */
  options: Record<string, unknown>;
  /** The data. */
  state: Record<string, unknown>;
}
