import { benchmarkBand, formatMoney, formatPercent, type ScorecardRow } from 'xsell-kpi';

/** Prints Scorecard rows as a small text table. */
export function printScorecard(rows: readonly ScorecardRow[]): void {
  const header = ['period', 'group', 'orders', 'cross-sell', 'band', 'txn x-sell', 'upsell', 'offers ok', 'conversion', 'retention', 'AOV'];
  const table = rows.map((row) => [
    row.period,
    Object.values(row.group).join('/') || 'total',
    String(row.averageOrderValue.orders),
    formatPercent(row.crossSellRate.value),
    benchmarkBand(row.crossSellRate.value) ?? '—',
    formatPercent(row.transactionCrossSellRate.value),
    formatPercent(row.upsellRate.value),
    formatPercent(row.crossSellAcceptanceRate.value),
    formatPercent(row.conversionRate.value),
    formatPercent(row.retentionRate.value),
    formatMoney(row.averageOrderValue.value, row.averageOrderValue.currency),
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...table.map((cells) => cells[column]!.length)));
  const line = (cells: readonly string[]) => cells.map((cell, column) => (column < 2 || column === 4 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join('  ');
  console.log(line(header));
  for (const cells of table) console.log(line(cells));
}
