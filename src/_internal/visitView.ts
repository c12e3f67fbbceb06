import { toEpochMilliseconds } from '../core/time.js';
import { readBoolean } from './offerView.js';
import { optionalString, readDimensionsField, readId, readType, record } from './orderView.js';

/**
 * Reading a visit into a reused view (see `orderView.ts`).
 * @internal
 * @module
 */

/** @internal A validated visit. */
export interface VisitView {
  visitorId: string;
  /** Epoch milliseconds. */
  time: number;
  converted: boolean;
  channel: string | undefined;
  segment: string | undefined;
  dimensions: Readonly<Record<string, string>> | undefined;
}

/** @internal A view to read visits into. */
export function createVisitView(): VisitView {
  return { visitorId: '', time: 0, converted: false, channel: undefined, segment: undefined, dimensions: undefined };
}

function at(prefix: string, field: string): string {
  return prefix === '' ? field : `${prefix}.${field}`;
}

/** @internal Validates a visit and reads it into `view`. */
export function readVisit(value: unknown, view: VisitView, prefix = ''): void {
  const visit = record(value, prefix, 'a visit');
  readType(visit, prefix, 'visit');
  view.visitorId = readId(visit['visitorId'], at(prefix, 'visitorId'));
  view.time = toEpochMilliseconds(visit['timestamp'], at(prefix, 'timestamp'));
  view.converted = readBoolean(visit['converted'], at(prefix, 'converted'));
  view.channel = optionalString(visit['channel'], at(prefix, 'channel'));
  view.segment = optionalString(visit['segment'], at(prefix, 'segment'));
  view.dimensions = readDimensionsField(visit['dimensions'], prefix);
}
