import { KpiError } from '../../core/KpiError.js';
import { show } from '../../_internal/show.js';
import { argumentObject, finiteNumber } from '../../_internal/validate.js';

/**
 * A goal for a KPI: a level to reach, a number of points to add, or a relative change.
 *
 * @remarks
 * - a `number`: the level itself (`0.25` for "reach a 25 % cross-sell rate");
 * - `{ points: n }`: baseline + n (`{ points: 0.05 }` for "five percentage points more");
 * - `{ relative: r }`: baseline × (1 + r) (`{ relative: 0.1 }` for "+10 % next quarter").
 *
 * @category Analysis
 */
export type GoalTarget =
  | number
  | {
      /** The goal as the baseline plus this many points (0.05 is +5 points). */
      readonly points: number;
    }
  | {
      /** The goal as the baseline times (1 + this): 0.1 is "+10 %". */
      readonly relative: number;
    };

/**
 * The named arguments of {@link goalProgress}.
 * @category Analysis
 */
export interface GoalProgressInput {
  /** Where the KPI stood when the goal was set: a finite number. */
  baseline: number;
  /** The goal: a level, `{ points }` or `{ relative }` (see {@link GoalTarget}). */
  target: GoalTarget;
  /** Where the KPI stands now: a finite number. */
  actual: number;
}

/**
 * The result of {@link goalProgress}.
 * @category Analysis
 */
export interface GoalProgressResult {
  /** The target as a level: the number given, baseline + points, or baseline × (1 + relative). */
  target: number;
  /** (actual − baseline) ÷ (target − baseline): 0 at the baseline, 1 at the target; `null` when the target is the baseline. */
  progress: number | null;
}

/** The target as a level. */
function targetLevel(target: unknown, baseline: number): number {
  if (typeof target === 'number') return finiteNumber(target, 'target');
  if (typeof target === 'object' && target !== null && !Array.isArray(target)) {
    const keys = Object.keys(target);
    const bag = target as Record<string, unknown>;
    if (keys.length === 1 && keys[0] === 'points') return baseline + finiteNumber(bag['points'], 'target.points');
    if (keys.length === 1 && keys[0] === 'relative') return baseline * (1 + finiteNumber(bag['relative'], 'target.relative'));
  }
  throw new KpiError('INVALID_ARGUMENT', 'target', `expected a number, { points: n } or { relative: r }, got ${show(target)}`);
}

/** `value`, or INVALID_NUMBER when float arithmetic overflowed. */
function finiteResult(value: number, path: string, what: string): number {
  if (!Number.isFinite(value)) throw new KpiError('INVALID_NUMBER', path, `${what} is beyond the range of a number`);
  return value;
}

/**
 * How far a KPI has come from its baseline towards a goal, as a fraction of the way.
 *
 * @remarks
 * Cross-selling guides advise realistic goals, such as a 10 % increase in the next quarter.
 * The target is turned into a level first: a number is the level itself, `{ points: n }` is
 * baseline + n, `{ relative: r }` is baseline × (1 + r). Then progress = (actual − baseline) ÷
 * (target − baseline): 0 at the baseline, 1 exactly when `actual` equals the target, below 0 when
 * the KPI moved away from the goal, above 1 when it overshot. A goal below the baseline (a churn
 * rate to bring down) works the same way.
 *
 * Plain floating-point arithmetic, like every ratio in the library: 0.2 × 1.1 is
 * 0.22000000000000003, so compare a reached target with a tolerance, or pass the level itself.
 *
 * `progress` is `null` when the target equals the baseline (nothing to make progress towards,
 * such as `{ relative: 0.1 }` on a baseline of 0). O(1).
 *
 * @param input - `baseline`, `target` ({@link GoalTarget}) and `actual`; finite numbers.
 * @returns `{ target, progress }`: the target level, and the progress (a number, or `null`).
 * @throws {@link KpiError} `INVALID_ARGUMENT` when the input is not an object, or at `target` when
 * it is not a number, `{ points }` or `{ relative }` (exactly one key); `INVALID_NUMBER` at
 * `baseline`, `actual`, `target`, `target.points` or `target.relative` for a value that is not
 * finite, or when the target level, a difference or the progress is beyond the range of a number
 * (a target within about 1e-308 of the baseline, or values beyond ±8.9e307).
 * @example
 * ```ts
 * import { goalProgress } from 'xsell-kpi';
 * goalProgress({ baseline: 100, target: 120, actual: 110 }); // => { target: 120, progress: 0.5 }
 * goalProgress({ baseline: 0.2, target: { points: 0.05 }, actual: 0.25 }); // => { target: 0.25, progress: 1 }
 * goalProgress({ baseline: 40, target: { relative: 0.25 }, actual: 35 }); // => { target: 50, progress: -0.5 }
 * goalProgress({ baseline: 0, target: { relative: 0.1 }, actual: 3 }); // => { target: 0, progress: null }
 * goalProgress({ baseline: 0.2, target: { relative: 0.1 }, actual: 0.2 }).target; // => 0.22000000000000003
 * goalProgress({ baseline: 0.2, target: { percent: 10 }, actual: 0.2 }); // throws INVALID_ARGUMENT
 * ```
 * @category Analysis
 */
export function goalProgress(input: GoalProgressInput): GoalProgressResult {
  const bag = argumentObject(input);
  const baseline = finiteNumber(bag['baseline'], 'baseline');
  const actual = finiteNumber(bag['actual'], 'actual');
  // + 0 turns −0 (0 × −1, or 0 ÷ a negative distance) into 0.
  const target = finiteResult(targetLevel(bag['target'], baseline), 'target', 'the target level') + 0;
  if (target === baseline) return { target, progress: null };
  const distance = finiteResult(target - baseline, 'target', 'target − baseline');
  const moved = finiteResult(actual - baseline, 'actual', 'actual − baseline');
  return { target, progress: finiteResult(moved / distance, 'actual', 'the progress') + 0 };
}
