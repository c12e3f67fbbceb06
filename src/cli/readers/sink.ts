import type { CommerceEvent } from '../../index.js';

/**
 * Where the readers put each event they read: the report's Scorecard, or the `clv` command's
 * customer summary. `add` validates the event and throws a `KpiError` for an invalid one, which
 * the readers report (or skip, with `--skip-invalid`) by the line it came from.
 * @internal
 * @module
 */

/** @internal Takes events, throwing a `KpiError` for an invalid one (and then keeping nothing of it). */
export interface EventSink {
  add(event: CommerceEvent): unknown;
}
