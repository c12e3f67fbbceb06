import { Scorecard, type ScorecardRow } from '../../index.js';
import type { Report } from '../report.js';
import { toJson, type Json } from './json.js';

/**
 * `--format csv`: one row per Scorecard row, every result field flattened into a column
 * (`period`, `total` (`true` for a period's total row), `group.channel`, `crossSellRate.value`, `crossSellRate.crossSoldCustomers`, ...);
 * money as decimal strings, `null` as an empty cell.
 * @internal
 * @module
 */

/** Quotes a cell when it holds a comma, a quote or a line break (RFC 4180). */
function cell(value: Json | undefined): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The columns of a row's results: `kpi.part` for each part of each KPI, in the Scorecard's order. */
function resultColumns(row: ScorecardRow): string[] {
  const columns: string[] = [];
  for (const [kpi, result] of Object.entries(row)) {
    if (kpi === 'period' || kpi === 'group') continue;
    for (const part of Object.keys(result as object)) columns.push(`${kpi}.${part}`);
  }
  return columns;
}

/** @internal The report as CSV text. */
export function formatCsv(report: Report): string {
  const { rows, options } = report;
  // The columns do not depend on the data: read them off a row of any scorecard.
  const template = rows[0] ?? Scorecard.of([{ type: 'visit', visitorId: 'v', timestamp: '2026-01-01T00:00:00Z', converted: false }])[0]!;
  const columns = resultColumns(template);
  const lines = [['period', 'total', ...options.groupBy.map((key) => `group.${key}`), ...columns].map(cell).join(',')];
  for (const row of rows) {
    const json = toJson(row) as Record<string, Record<string, Json>>;
    const cells = [cell(row.period), String(Object.keys(row.group).length === 0), ...options.groupBy.map((key) => cell(row.group[key] ?? null))];
    for (const column of columns) {
      const [kpi, part] = column.split('.') as [string, string];
      cells.push(cell(json[kpi]?.[part]));
    }
    lines.push(cells.join(','));
  }
  return `${lines.join('\n')}\n`;
}
