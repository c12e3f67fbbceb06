import type { ScorecardRow, SuddenChange } from '../../index.js';
import type { Report } from '../report.js';
import { NONE, REPORT_KPIS, anyNonZero, flagMeaning, groupKey, groupLabel, suddenChangesByGroup, type KpiContext, type ReportKpi } from './kpis.js';
import { notes, readAndCounted } from './summary.js';
import { headingLines, pad, textWidth, truncate, wrap } from './text.js';

/**
 * `--format table`: a text table for people that fits its width: one line per period (and group),
 * one column per KPI, the KPIs that fit in priority order (or those of `--kpis`, in their order),
 * the others named below it. Headings are words (on up to two lines), every percent has one
 * decimal, ▲/▼ marks a rate above or below its p-chart limits (suddenChanges), and a legend
 * explains each column shown. Every line, legend and notes included, fits the width.
 * @internal
 * @module
 */

/** @internal The width when neither `--width` nor a terminal says. */
export const DEFAULT_WIDTH = 80;

/** Between two columns. */
const GAP = '  ';

const MARKS: Partial<Record<SuddenChange['status'], string>> = { above: ' ▲', below: ' ▼' };

/** A column laid out: its heading lines, its cells (one per row), its width. */
interface Laid {
  readonly heading: string[];
  readonly cells: string[];
  readonly align: 'left' | 'right';
  readonly width: number;
}

function lay(label: string, cells: string[], align: 'left' | 'right'): Laid {
  const cellWidth = Math.max(0, ...cells.map(textWidth));
  const heading = headingLines(label, cellWidth);
  return { heading, cells, align, width: Math.max(cellWidth, ...heading.map(textWidth)) };
}

/** A KPI's column: its cells, a flagged rate's with ` ▲`, ` ▼` or two spaces after the value. */
function kpiColumn(kpi: ReportKpi, rows: readonly ScorecardRow[]): { laid: Laid; flagged: boolean } {
  let flagged = false;
  let changes: Map<string, Map<string, SuddenChange>> | undefined;
  if (kpi.flagged !== undefined) changes = suddenChangesByGroup(rows, kpi.flagged);
  const cells = rows.map((row) => {
    const value = kpi.cell(row) ?? NONE;
    if (changes === undefined) return value;
    const mark = MARKS[changes.get(groupKey(row.group))?.get(row.period)?.status ?? 'normal'];
    if (mark !== undefined) flagged = true;
    return `${value}${mark ?? '  '}`;
  });
  return { laid: lay(kpi.label, cells, kpi.align), flagged };
}

/** The KPIs to try, in order, and those left out for want of data. */
function candidates(report: Report): { kpis: ReportKpi[]; noData: ReportKpi[] } {
  const { rows, options } = report;
  if (options.kpis !== undefined) return { kpis: options.kpis.map((name) => REPORT_KPIS.find((kpi) => kpi.name === name)!), noData: [] };
  const kpis: ReportKpi[] = [];
  const noData: ReportKpi[] = [];
  for (const kpi of REPORT_KPIS) {
    if (kpi.redundant?.(rows) === true) continue;
    const empty = rows.every((row) => kpi.cell(row) === null) || (kpi.hideZero === true && !anyNonZero(rows, kpi));
    (empty ? noData : kpis).push(kpi);
  }
  return { kpis, noData };
}

/** `label (name)` for the notes. */
function named(kpis: readonly ReportKpi[]): string {
  return kpis.map((kpi) => (kpi.label === kpi.name ? kpi.label : `${kpi.label} (${kpi.name})`)).join(', ');
}

/**
 * @internal The report as a text table at most `width` columns wide.
 *
 * @param width - `--width`, else the terminal's columns, else {@link DEFAULT_WIDTH}.
 */
export function formatTable(report: Report, width: number = DEFAULT_WIDTH): string {
  const { rows, options } = report;
  const context: KpiContext = { grain: options.grain, by: options.by };
  const paragraphs: string[] = [];
  const finish = (lines: string[]): string => `${[...lines, ...paragraphs.flatMap((text) => wrap(text, width))].join('\n')}\n`;
  if (rows.length === 0) {
    paragraphs.push('No orders, offers or visits to report.', readAndCounted(report), ...notes(report).map((note) => `${note}.`));
    return finish([]);
  }
  const grouped = options.groupBy.length > 0;
  const fixed: Laid[] = [lay('period', rows.map((row) => row.period), 'left')];
  if (grouped) {
    const group = lay('group', rows.map((row) => groupLabel(row.group)), 'left');
    // A long group name is cut, so that a period, the group and a KPI or two still fit.
    const room = Math.max(10, Math.floor(width / 3));
    fixed.push(group.width <= room ? group : { ...group, cells: group.cells.map((cell) => truncate(cell, room)), width: room });
  }
  let used = fixed.reduce((sum, column, index) => sum + column.width + (index === 0 ? 0 : GAP.length), 0);
  const { kpis, noData } = candidates(report);
  const shown: { kpi: ReportKpi; laid: Laid }[] = [];
  let anyFlag = false;
  let leftOut: ReportKpi[] = [];
  for (let index = 0; index < kpis.length; index++) {
    const kpi = kpis[index]!;
    const { laid, flagged } = kpiColumn(kpi, rows);
    // The first KPI that does not fit ends the table: the ones shown are always the first ones in order.
    if (used + GAP.length + laid.width > width) {
      leftOut = kpis.slice(index);
      break;
    }
    used += GAP.length + laid.width;
    anyFlag ||= flagged;
    shown.push({ kpi, laid });
  }
  const columns = [...fixed, ...shown.map((item) => item.laid)];
  const headingCount = Math.max(...columns.map((column) => column.heading.length));
  const line = (cells: readonly string[]): string =>
    cells
      .map((text, index) => pad(text, columns[index]!.width, columns[index]!.align))
      .join(GAP)
      .trimEnd();
  const out: string[] = [];
  // A one-line heading sits on the last heading line, over its column.
  for (let level = 0; level < headingCount; level++) {
    out.push(line(columns.map((column) => column.heading[level - (headingCount - column.heading.length)] ?? '')));
  }
  out.push(line(columns.map((column) => '─'.repeat(column.width))));
  for (let index = 0; index < rows.length; index++) out.push(line(columns.map((column) => column.cells[index]!)));
  out.push('');

  for (const { kpi } of shown) if (kpi.meaning !== undefined) paragraphs.push(`${kpi.label}: ${kpi.meaning(context)}`);
  if (anyFlag) paragraphs.push(`▲ ▼ ${flagMeaning(options.grain)}`);
  if (leftOut.length > 0) {
    const how = options.kpis === undefined ? 'choose with --kpis, or widen with --width' : 'widen with --width, or name fewer with --kpis';
    paragraphs.push(`Not shown, for want of width (${width} columns): ${named(leftOut)}; ${how}.`);
  }
  if (noData.length > 0) paragraphs.push(`Not shown, no data (or 0 throughout): ${named(noData)}.`);
  paragraphs.push(readAndCounted(report));
  for (const note of notes(report)) paragraphs.push(`${note}.`);
  return finish(out);
}
