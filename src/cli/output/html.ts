import { CROSS_SELL_BANDS, type ScorecardRow, type SuddenChange } from '../../index.js';
import type { Report } from '../report.js';
import { summarize, toJson } from './json.js';
import { NONE, REPORT_KPIS, flagMeaning, groupKey, groupLabel, groupsOf, percentText, suddenChangesByGroup, type KpiContext, type ReportKpi } from './kpis.js';
import { otherNotes, plural, readAndCounted } from './summary.js';
import { escapeHtml, lineChart, type ChartBandStep, type ChartLine, type ChartPoint, type ChartZone } from './svg.js';

/**
 * `--format html`: one self-contained page (SPEC section 12): the data summary, links to the
 * charts (within the page), then a line chart per rate and per money KPI over the periods, one line per group and the total, with the total's
 * p-chart limits as a band, ▲/▼ where `suddenChanges` flags a period of a line, the cross-sell
 * benchmark bands shaded behind the cross-sell rate; under each chart its numbers as a table. No
 * script, no request of any kind (a Content-Security-Policy of `default-src 'none'` says so to the
 * browser), light and dark mode from `prefers-color-scheme`, print styles.
 *
 * Each chart is `<svg data-kpi="<Scorecard field>">`; each point a `<circle>` with `data-period`,
 * `data-group` (the group's values joined by `/`, an empty value as `(none)`, `''` for the total,
 * which also has `data-total`) and `data-value` = `JSON.stringify` of the row's value as the JSON
 * report writes it; a flagged point has `data-status="above"|"below"`. Every row with a non-null
 * value is a point of its KPI's chart, and nothing else is; a KPI without any value has no chart.
 * @internal
 * @module
 */

/** The charts, in sections, by Scorecard field. */
const SECTIONS: readonly { title: string; kpis: readonly string[] }[] = [
  { title: 'Cross-sell and upsell', kpis: ['crossSellRate', 'transactionCrossSellRate', 'upsellRate', 'crossSellRevenueShare', 'crossSellAcceptanceRate', 'upsellAcceptanceRate', 'conversionRate'] },
  { title: 'Customers', kpis: ['repeatPurchaseRate', 'retentionRate', 'churnRate'] },
  { title: 'Money', kpis: ['averageOrderValue', 'netRevenue', 'customerLifetimeValue'] },
];

/** Okabe–Ito colours for the groups (the total is the text colour); after six, dashes tell lines apart. */
const COLOURS = 6;

// Print's rules come last: they override the screen's (the same selectors, so the later rule wins).
const STYLE = `
:root{color-scheme:light dark;--fg:#1d1d1f;--bg:#fff;--muted:#5b5f66;--rule:#e1e3e6;--band:rgba(0,114,178,.14);--c0:#e69f00;--c1:#56b4e9;--c2:#009e73;--c3:#0072b2;--c4:#d55e00;--c5:#cc79a7}
@media (prefers-color-scheme:dark){:root{--fg:#e8e8ea;--bg:#17181b;--muted:#a3a7ae;--rule:#34373c;--band:rgba(86,180,233,.22);--c3:#4a9fd8}}
*{box-sizing:border-box}
body{margin:0 auto;max-width:1280px;padding:24px;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:var(--bg)}
h1{font-size:24px;margin:0 0 4px}h2{font-size:18px;margin:32px 0 8px;border-bottom:1px solid var(--rule);padding-bottom:4px}h3{font-size:15px;margin:0}
p,li,dd{color:var(--fg)}.muted,figcaption p{color:var(--muted)}a{color:inherit}nav{margin:16px 0 0}nav a{white-space:nowrap}
dl{display:grid;grid-template-columns:max-content 1fr;gap:4px 16px;margin:8px 0}dt{font-weight:600}dd{margin:0}
table{border-collapse:collapse;font-variant-numeric:tabular-nums;font-size:12px}
th,td{padding:2px 8px;border-bottom:1px solid var(--rule);text-align:right;white-space:nowrap}
th:first-child,caption{text-align:left}caption{font-weight:600;padding:4px 0}
.charts{display:grid;grid-template-columns:repeat(auto-fill,minmax(min(100%,520px),1fr));gap:28px 40px}
figure{margin:0;min-width:0}figcaption p{margin:2px 0 4px}
.numbers{overflow:auto;max-height:232px;margin-top:4px}
ul.key{list-style:none;padding:0;margin:4px 0 0;display:flex;flex-wrap:wrap;gap:4px 16px;color:var(--muted)}
ul.key i{display:inline-block;width:22px;vertical-align:middle;margin-right:6px;border-top:3px solid currentColor}.d1 i{border-top-style:dashed}.d2 i{border-top-style:dotted}
svg{width:100%;height:auto;font-size:11px;overflow:visible}
svg text{fill:var(--muted)}
.axis line{stroke:var(--rule)}
.band path{fill:var(--band)}.band .center{fill:none;stroke:var(--muted);stroke-dasharray:2 3}
.line path{fill:none;stroke:currentColor;stroke-width:2}
.line circle{fill:currentColor;stroke:var(--bg);stroke-width:1}
.line .mark{fill:currentColor;font-size:12px}
.total{color:var(--fg)}.c0{color:var(--c0)}.c1{color:var(--c1)}.c2{color:var(--c2)}.c3{color:var(--c3)}.c4{color:var(--c4)}.c5{color:var(--c5)}
.d1 path{stroke-dasharray:6 3}.d2 path{stroke-dasharray:2 3}
.weak rect{fill:rgba(213,94,0,.07)}.good rect{fill:rgba(240,228,66,.14)}.strong rect{fill:rgba(0,158,115,.08)}
@media print{:root{--fg:#000;--bg:#fff;--muted:#444;--rule:#ccc;--band:rgba(0,114,178,.16);--c3:#0072b2}body{max-width:none;padding:0}.charts{display:block}figure{break-inside:avoid;margin-bottom:24px}.numbers{max-height:none;overflow:visible}}
`
  .trim()
  .replace(/\n/g, '');

/** A group for `data-group`: values joined by `/`, an empty one as `(none)`; `''` for the total. */
function dataGroup(group: Readonly<Record<string, string>>): string {
  return Object.keys(group).length === 0 ? '' : groupLabel(group, '/');
}

/** An attribute's value, quoted: in `'…'` when it holds a `"` (a JSON string) and no `'`, else escaped in `"…"`. */
function attributeValue(text: string): string {
  return text.includes('"') && !text.includes("'") ? `'${text.replace(/[&<]/g, (char) => `&#${char.charCodeAt(0)};`)}'` : `"${escapeHtml(text)}"`;
}

/** A y-axis tick of a rate: whole percents, or as many decimals as the step needs. */
function percentTick(value: number, step: number): string {
  const digits = Math.max(0, Math.ceil(-Math.log10(step * 100) - 1e-9));
  return new Intl.NumberFormat('en-US', { style: 'percent', minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value);
}

/** A y-axis tick of money: compact (`€1.2M`), in the currency when there is one. */
function moneyTick(currency: string | null): (value: number) => string {
  const format = new Intl.NumberFormat('en-US', currency === null ? { notation: 'compact' } : { style: 'currency', currency, notation: 'compact' });
  return (value) => format.format(value);
}

interface Figure {
  readonly kpi: ReportKpi;
  readonly html: string;
}

/** The chart of one KPI, and its table; `undefined` when no row has a value. */
function figure(kpi: ReportKpi, rows: readonly ScorecardRow[], periods: readonly string[], groups: readonly Record<string, string>[], context: KpiContext): Figure | undefined {
  const field = kpi.name as keyof ScorecardRow;
  const valueOf = (row: ScorecardRow): { json: string; number: number } | undefined => {
    const value = toJson((row[field] as { value: unknown }).value);
    return value === null ? undefined : { json: JSON.stringify(value), number: Number(value) };
  };
  if (!rows.some((row) => valueOf(row) !== undefined)) return undefined;
  const periodIndex = new Map(periods.map((period, index) => [period, index]));
  const changes: Map<string, Map<string, SuddenChange>> | undefined = kpi.flagged === undefined ? undefined : suddenChangesByGroup(rows, kpi.flagged);
  const rowsByGroup = new Map<string, Map<string, ScorecardRow>>(groups.map((group) => [groupKey(group), new Map()]));
  for (const row of rows) rowsByGroup.get(groupKey(row.group))!.set(row.period, row);

  const lines: ChartLine[] = [];
  const values: number[] = [];
  let currency: string | null = null;
  // Groups first, the total last, on top.
  const order = [...groups.slice(1).map((group, index) => ({ group, index })), { group: groups[0]!, index: -1 }];
  for (const { group, index } of order) {
    const isTotal = index < 0;
    const label = groupLabel(group);
    const points: ChartPoint[] = [];
    for (const [period, row] of rowsByGroup.get(groupKey(group))!) {
      const value = valueOf(row);
      if (value === undefined) continue;
      currency ??= (row[field] as { currency?: string | null }).currency ?? null;
      const status = changes?.get(groupKey(group))?.get(period)?.status;
      const mark = status === 'above' || status === 'below' ? status : undefined;
      const attributes =
        `data-period="${escapeHtml(period)}" data-group="${escapeHtml(dataGroup(group))}" data-value=${attributeValue(value.json)}` +
        `${isTotal ? ' data-total' : ''}${mark === undefined ? '' : ` data-status="${mark}"`}`;
      points.push({ index: periodIndex.get(period)!, value: value.number, attributes, ...(mark === undefined ? {} : { mark }) });
      values.push(value.number);
    }
    points.sort((a, b) => a.index - b.index);
    const className = isTotal ? 'total' : `c${index % COLOURS}${index >= COLOURS ? ` d${Math.floor(index / COLOURS) % 3}` : ''}`;
    lines.push({ className, title: label, points });
  }

  let band: { title: string; steps: ChartBandStep[] } | undefined;
  const extent: [number, number] = [Math.min(0, ...values), Math.max(...values)];
  if (changes !== undefined) {
    const steps: ChartBandStep[] = [];
    for (const change of changes.get(groupKey({}))?.values() ?? []) {
      if (change.center === null || change.lower === null || change.upper === null) continue;
      steps.push({ index: periodIndex.get(change.period)!, lower: change.lower, upper: change.upper, center: change.center });
      extent[1] = Math.max(extent[1], change.upper);
    }
    band = { title: `p-chart limits of the total (3 standard errors around the pooled rate of up to 6 earlier ${context.grain}s), dashed: the pooled rate`, steps };
  }
  let zones: ChartZone[] | undefined;
  if (kpi.name === 'crossSellRate') {
    zones = CROSS_SELL_BANDS.map((band, index) => {
      const next = CROSS_SELL_BANDS[index + 1];
      const to = next?.from ?? 1;
      return { from: band.from, to, label: `${band.label}: ${percentText(band.from)!}${next === undefined ? ' and above' : ` to ${percentText(to)!}`}`, className: band.label };
    });
    // Enough room to show every band.
    extent[1] = Math.max(extent[1], CROSS_SELL_BANDS.at(-1)!.from + 0.05);
  }
  if (kpi.chart === 'rate') extent[1] = Math.min(1, extent[1] * 1.08);
  const meaning = kpi.meaning?.(context) ?? kpi.label;
  const title = `${capitalized(kpi.label)} by ${context.grain}`;
  const svg = lineChart({
    attributes: `data-kpi="${escapeHtml(kpi.name)}" aria-label="${escapeHtml(title)}"`,
    title,
    description: `${capitalized(meaning)}. One line per group and the total.`,
    periods,
    lines,
    ...(band === undefined ? {} : { band }),
    ...(zones === undefined ? {} : { zones }),
    extent,
    tick: kpi.chart === 'rate' ? percentTick : moneyTick(currency),
  });

  // The key: the total, then the groups in the table's order.
  const key =
    groups.length > 1
      ? `<ul class="key">${[lines.at(-1)!, ...lines.slice(0, -1)].map((line) => `<li class="${line.className}"><i></i><span class="muted">${escapeHtml(line.title)}</span></li>`).join('')}</ul>`
      : '';
  const head = `<tr><th scope="col">${context.grain}</th>${groups.map((group) => `<th scope="col">${escapeHtml(groupLabel(group))}</th>`).join('')}</tr>`;
  const body = periods
    .map((period) => {
      const cells = groups.map((group) => {
        const row = rowsByGroup.get(groupKey(group))!.get(period);
        const text = row === undefined ? NONE : (kpi.cell(row) ?? NONE);
        const status = changes?.get(groupKey(group))?.get(period)?.status;
        return `<td>${escapeHtml(text)}${status === 'above' ? ' ▲' : status === 'below' ? ' ▼' : ''}`;
      });
      // End tags of cells and rows are optional in HTML: left out, the tables of a large report are a third smaller.
      return `<tr><th>${escapeHtml(period)}${cells.join('')}`;
    })
    .join('');
  const table = `<div class="numbers" tabindex="0"><table data-kpi="${escapeHtml(kpi.name)}"><caption>${escapeHtml(title)}</caption><thead>${head}</thead><tbody>${body}</tbody></table></div>`;
  const html = `<figure id="${escapeHtml(kpi.name)}"><figcaption><h3>${escapeHtml(capitalized(kpi.label))}</h3><p>${escapeHtml(capitalized(meaning))}.</p>${key}</figcaption>${svg}${table}</figure>`;
  return { kpi, html };
}

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The data summary: the input, its periods and groups, what was read, counted and skipped. */
function summarySection(report: Report, periods: readonly string[], groups: readonly Record<string, string>[]): string {
  const { options } = report;
  const { skipped } = summarize(report);
  const items: [string, string][] = [['Input', escapeHtml(options.file === '-' ? 'standard input' : options.file)]];
  if (periods.length > 0) {
    const span = periods.length === 1 ? periods[0]! : `${periods[0]!} to ${periods.at(-1)!}`;
    items.push(['Periods', `${escapeHtml(span)} (${escapeHtml(plural(periods.length, options.grain))}, time zone ${escapeHtml(options.timeZone)})`]);
  }
  if (options.groupBy.length > 0) {
    items.push([`Groups by ${escapeHtml(options.groupBy.join(' / '))}`, escapeHtml(groups.slice(1).map((group) => groupLabel(group)).join(', ') || 'none')]);
  }
  items.push(['Read and counted', escapeHtml(readAndCounted(report))]);
  let skippedHtml = 'none';
  if (skipped.count > 0) {
    const codeRows = Object.entries(skipped.byCode)
      .map(([code, count]) => `<tr><th scope="row">${escapeHtml(code)}</th><td>${count.toLocaleString('en-US')}</td><td>${skipped.firstLineByCode[code]!.toLocaleString('en-US')}</td></tr>`)
      .join('');
    skippedHtml =
      `${escapeHtml(plural(skipped.count, 'row'))} of ${escapeHtml(plural(skipped.orders, 'order'))}; the bad rows by code:` +
      `<table><thead><tr><th scope="col">code</th><th scope="col">rows</th><th scope="col">first line</th></tr></thead><tbody>${codeRows}</tbody></table>`;
  }
  items.push(['Skipped', skippedHtml]);
  const others = otherNotes(report);
  if (others.length > 0) items.push(['Also', others.map((note) => `${escapeHtml(note)}.`).join('<br>')]);
  return `<section><h2>Data</h2><dl>${items.map(([term, detail]) => `<dt>${term}</dt><dd>${detail}</dd>`).join('')}</dl></section>`;
}

/** @internal The report as one self-contained HTML page. */
export function formatHtml(report: Report): string {
  const { rows, options } = report;
  const context: KpiContext = { grain: options.grain, by: options.by };
  const periods = rows.filter((row) => Object.keys(row.group).length === 0).map((row) => row.period);
  const groups = groupsOf(rows);
  const name = options.file === '-' ? 'standard input' : (options.file.split(/[\\/]/).at(-1) ?? options.file);
  const parts: string[] = [
    '<!doctype html><html lang="en"><head><meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    '<meta name="viewport" content="width=device-width,initial-scale=1"><meta name="color-scheme" content="light dark">',
    `<title>Cross-sell and upsell scorecard: ${escapeHtml(name)}</title><style>${STYLE}</style></head><body>`,
    `<header><h1>Cross-sell and upsell scorecard</h1><p class="muted">${escapeHtml(name)}, by ${escapeHtml(options.grain)}${options.groupBy.length > 0 ? ` and ${escapeHtml(options.groupBy.join(' / '))}` : ''}. Made by xsell-kpi.</p></header>`,
    summarySection(report, periods, groups),
  ];
  const noData: string[] = [];
  // A link to each chart, after the summary (links within the page: no request).
  const links: string[] = [];
  const contents = parts.push('') - 1;
  for (const section of SECTIONS) {
    const figures: string[] = [];
    for (const kpiName of section.kpis) {
      const kpi = REPORT_KPIS.find((item) => item.name === kpiName)!;
      const made = figure(kpi, rows, periods, groups, context);
      if (made === undefined) noData.push(kpi.label);
      else {
        figures.push(made.html);
        links.push(`<a href="#${escapeHtml(kpi.name)}">${escapeHtml(kpi.label)}</a>`);
      }
    }
    if (figures.length > 0) parts.push(`<section><h2>${escapeHtml(section.title)}</h2><div class="charts">${figures.join('')}</div></section>`);
  }
  parts[contents] = links.length === 0 ? '<p>No orders, offers or visits to chart.</p>' : `<nav class="muted">Charts: ${links.join(' · ')}</nav>`;
  const reading = [
    `<li>▲ ▼ on a point: ${escapeHtml(flagMeaning(options.grain))} (each line against its own earlier ${escapeHtml(options.grain)}s).</li>`,
    `<li>The shaded band behind a rate: the total's p-chart limits for each ${escapeHtml(options.grain)}; dashed, the pooled rate they are centred on.</li>`,
    `<li>Behind the cross-sold customers: the cross-sell benchmark bands, ${escapeHtml(CROSS_SELL_BANDS.map((band) => `${band.label} from ${percentText(band.from)!}`).join(', '))} (commonly quoted; not a universal truth).</li>`,
    '<li>Money is in the orders’ currency, rounded to its minor unit in the tables; each chart’s numbers are in the table beneath it.</li>',
  ];
  if (noData.length > 0) reading.push(`<li>No chart, no data: ${escapeHtml(noData.join(', '))}.</li>`);
  parts.push(`<section><h2>Reading the charts</h2><ul>${reading.join('')}</ul></section>`);
  parts.push('</body></html>\n');
  return parts.join('\n');
}
