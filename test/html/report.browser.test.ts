/**
 * The HTML report (`--format html`, SPEC section 12) in a real browser: Debian's headless Chromium
 * (/usr/bin/chromium, installed by .ci/run) driven by playwright-core. The report of
 * examples/data/orders.csv (alone, by channel, by channel and segment) and of JSON Lines events in
 * which every chart has data (offers, visits, returns; a channel without a name, one named in HTML)
 * is opened from a file, and the page is read back from its DOM against the JSON report of the
 * same command line: no console error, no request but the page itself, a chart per KPI with a
 * value, its points those of the JSON rows (value for value, where the axes put them), ▲/▼ where
 * suddenChanges flags a period of the group's series, the table beneath each chart, light and dark
 * mode, print. Screenshots go to a temporary folder (docs/report.png is `npm run screenshot`'s).
 *
 * Outside CI a machine without Chromium skips these tests with a message; with `CI` set they fail.
 * A Chromium that is installed but does not start fails them anywhere.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { scorecardSeries, suddenChanges, type ScorecardRateKpi, type ScorecardRow } from 'xsell-kpi';
import { largeReportEvents } from '../cli/reportData.js';
import { repoRoot, runMain } from '../cli/support.js';
import { locate } from '../runtimes/support.js';
import { isCI } from '../support/ci.js';

let executable = '';
let missing: string | undefined;
try {
  executable = locate.chromium();
} catch (error) {
  missing = error instanceof Error ? error.message : String(error);
}
const skip = missing !== undefined && !isCI;
if (skip) console.warn(`test/html/report.browser.test.ts: SKIPPED, ${missing}. (With CI=true this is a failure.)`);

/** The charts' KPIs (Scorecard fields): every rate, and the money KPIs. */
const RATES = [
  'crossSellRate',
  'transactionCrossSellRate',
  'upsellRate',
  'crossSellRevenueShare',
  'crossSellAcceptanceRate',
  'upsellAcceptanceRate',
  'conversionRate',
  'repeatPurchaseRate',
  'retentionRate',
  'churnRate',
] as const;
const MONEY = ['averageOrderValue', 'netRevenue', 'customerLifetimeValue'] as const;
const CHARTED: readonly string[] = [...RATES, ...MONEY];
/** The rates suddenChanges judges (successes out of trials). */
const FLAGGED: readonly string[] = RATES.filter((kpi) => kpi !== 'crossSellRevenueShare');

type JsonValue = number | string | null;
interface JsonRow {
  period: string;
  group: Record<string, string>;
  [kpi: string]: unknown;
}

/** What the page shows, read from its DOM. */
interface PageReading {
  title: string;
  charts: {
    kpi: string;
    title: string | null;
    /** The next `<table data-kpi>` after the chart in document order. */
    nextTable: string | null;
    inFigureWithTable: boolean;
    viewBox: string | null;
    points: { period: string; group: string; value: string; total: boolean; status: string | null; cx: number; cy: number }[];
    marks: string[];
  }[];
  tables: { kpi: string; head: string[]; rows: string[][] }[];
  text: string;
  /** Every link: its href, and the chart (data-kpi) of the element it points to in the page. */
  links: { href: string; target: string | null }[];
}

/**
 * Reads the charts and tables: JavaScript run in the page, a string because the project's
 * TypeScript has no DOM types (the library runs without a DOM); its result is a {@link PageReading}.
 */
const READ_PAGE = `(() => {
  const text = (node) => (node === null || node === undefined ? null : node.textContent);
  const tables = [...document.querySelectorAll('table[data-kpi]')];
  const charts = [...document.querySelectorAll('svg[data-kpi]')].map((svg) => {
    const kpi = svg.getAttribute('data-kpi');
    const next = tables.find((table) => (svg.compareDocumentPosition(table) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0);
    const figure = svg.closest('figure');
    return {
      kpi,
      title: text(svg.querySelector(':scope > title')),
      nextTable: next === undefined ? null : next.getAttribute('data-kpi'),
      inFigureWithTable: figure !== null && figure.querySelector('table[data-kpi="' + kpi + '"]') !== null,
      viewBox: svg.getAttribute('viewBox'),
      points: [...svg.querySelectorAll('[data-period]')].map((point) => ({
        period: point.getAttribute('data-period'),
        group: point.getAttribute('data-group'),
        value: point.getAttribute('data-value'),
        total: point.hasAttribute('data-total'),
        status: point.getAttribute('data-status'),
        cx: Number(point.getAttribute('cx')),
        cy: Number(point.getAttribute('cy')),
      })),
      marks: [...svg.querySelectorAll('text')].map(text).filter((mark) => mark === '▲' || mark === '▼'),
    };
  });
  return {
    title: document.title,
    charts,
    tables: tables.map((table) => ({
      kpi: table.getAttribute('data-kpi'),
      head: [...table.querySelectorAll('thead th')].map(text),
      rows: [...table.querySelectorAll('tbody tr')].map((row) => [...row.children].map(text)),
    })),
    text: document.body.innerText,
    links: [...document.querySelectorAll('a[href]')].map((link) => {
      const href = link.getAttribute('href');
      const target = href.startsWith('#') ? document.getElementById(href.slice(1)) : null;
      return { href, target: target === null ? null : target.querySelector('svg[data-kpi]')?.getAttribute('data-kpi') ?? '' };
    }),
  };
})()`;

async function readPage(page: Page): Promise<PageReading> {
  return (await page.evaluate(READ_PAGE)) as PageReading;
}

interface Opened {
  page: Page;
  url: string;
  errors: string[];
  requests: string[];
}

let browser: Browser | undefined;
let launchError: string | undefined;
let folder = '';

beforeAll(async () => {
  if (skip) return;
  folder = mkdtempSync(join(tmpdir(), 'xsell-html-'));
  if (missing !== undefined) return;
  const { chromium } = await import('playwright-core');
  try {
    browser = await chromium.launch({
      executablePath: executable,
      headless: true,
      chromiumSandbox: false, // root in CI: --no-sandbox
      timeout: 45_000,
      args: ['--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  } catch (error) {
    // Each test fails with the reason (not the hook, whose failure reads as the suite's).
    launchError = `Chromium (${executable}) is installed but did not start: ${error instanceof Error ? error.message : String(error)}`;
  }
}, 60_000);

afterAll(async () => {
  await browser?.close().catch(() => undefined);
  if (folder !== '') rmSync(folder, { recursive: true, force: true });
});

/** Opens a page in a fresh context, recording console errors, page errors and every request. */
async function open(file: string, colorScheme: 'light' | 'dark' = 'light'): Promise<Opened> {
  if (browser === undefined) throw new Error(launchError ?? `${missing ?? 'Chromium did not start'}. CI=true: the HTML report must be tested in a browser.`);
  const context = await browser.newContext({ colorScheme, viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const url = pathToFileURL(file).href;
  const errors: string[] = [];
  const requests: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console.error: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
  page.on('request', (request) => requests.push(request.url()));
  // Anything but the page itself is refused, and recorded above.
  await context.route('**/*', (route) => (route.request().url() === url ? route.continue() : route.abort()));
  await page.goto(url, { waitUntil: 'load' });
  return { page, url, errors, requests };
}

let written = 0;

/** The HTML and the JSON report of one command line (without --format). */
async function reports(args: readonly string[], stdin = ''): Promise<{ file: string; html: string; rows: JsonRow[] }> {
  const html = await runMain([...args, '--format', 'html'], stdin);
  expect({ code: html.code, stderr: html.stderr }).toMatchObject({ code: 0 });
  const json = await runMain([...args, '--format', 'json'], stdin);
  expect({ code: json.code, stderr: json.stderr }).toMatchObject({ code: 0 });
  const file = join(folder, `report-${++written}.html`);
  writeFileSync(file, html.stdout);
  return { file, html: html.stdout, rows: (JSON.parse(json.stdout) as { rows: JsonRow[] }).rows };
}

/** `data-group`: the group's values joined by `/`, an empty one as `(none)`; `''` for the total. */
const groupText = (group: Readonly<Record<string, string>>): string => Object.values(group).map((value) => value || '(none)').join('/');
const dataGroup = (row: JsonRow): string => groupText(row.group);
const valueOf = (row: JsonRow, kpi: string): JsonValue => (row[kpi] as { value: JsonValue }).value;

/** A table cell's number: a percent as a fraction, money without its currency sign. */
function cellNumber(text: string): number {
  const plain = text.replace(/[▲▼]/g, '').trim();
  const number = Number(plain.replace(/[^0-9.-]/g, ''));
  return plain.endsWith('%') ? number / 100 : number;
}

/** Every check of the page against the JSON rows of the same command line. */
function checkPage(reading: PageReading, rows: readonly JsonRow[]): void {
  const periods = rows.filter((row) => Object.keys(row.group).length === 0).map((row) => row.period);
  const groups = [...new Set(rows.filter((row) => Object.keys(row.group).length > 0).map(dataGroup))];
  expect(periods.length).toBeGreaterThan(0);

  // A chart for each charted KPI with a value, and for no other.
  const expectedCharts = CHARTED.filter((kpi) => rows.some((row) => valueOf(row, kpi) !== null));
  expect(reading.charts.map((chart) => chart.kpi).sort()).toEqual([...expectedCharts].sort());
  expect(reading.tables.map((table) => table.kpi)).toEqual(reading.charts.map((chart) => chart.kpi));
  // A link to each chart, within the page.
  expect(reading.links).toEqual(reading.charts.map((chart) => ({ href: `#${chart.kpi}`, target: chart.kpi })));

  for (const chart of reading.charts) {
    try {
      checkChart(chart, reading, rows, periods, groups);
    } catch (error) {
      // Which chart: the assertion's own message does not say.
      if (error instanceof Error) error.message = `chart ${chart.kpi}: ${error.message}`;
      throw error;
    }
  }
}

/** The checks of one chart and its table. */
function checkChart(chart: PageReading['charts'][number], reading: PageReading, rows: readonly JsonRow[], periods: readonly string[], groups: readonly string[]): void {
  const kpi = chart.kpi;
  expect(chart.title).toMatch(/\S/);
  expect(chart.nextTable).toBe(kpi);
  expect(chart.inFigureWithTable).toBe(true);

  // Its points are the rows with a value, value for value (JSON.stringify of the row's value).
  const expected = rows
    .filter((row) => valueOf(row, kpi) !== null)
    .map((row) => ({ period: row.period, group: dataGroup(row), value: JSON.stringify(valueOf(row, kpi)), total: Object.keys(row.group).length === 0 }))
    .sort((a, b) => (a.period + a.group < b.period + b.group ? -1 : 1));
  const shown = chart.points
    .map(({ period, group, value, total }) => ({ period, group, value, total }))
    .sort((a, b) => (a.period + a.group < b.period + b.group ? -1 : 1));
  expect(shown).toEqual(expected);
  // The total line: a point for every period in which the KPI has a value (all of them but the first for retention and churn).
  const totalPoints = chart.points.filter((point) => point.total).length;
  expect(totalPoints).toBe(rows.filter((row) => Object.keys(row.group).length === 0 && valueOf(row, kpi) !== null).length);
  if (kpi === 'crossSellRate' || kpi === 'averageOrderValue') expect(totalPoints).toBe(periods.length);

  // Where the axes put them: inside the view box, x by period, y by value (higher up for more).
  const [, , width, height] = (chart.viewBox ?? '').split(' ').map(Number);
  for (const point of chart.points) {
    expect(point.cx).toBeGreaterThanOrEqual(0);
    expect(point.cx).toBeLessThanOrEqual(width!);
    expect(point.cy).toBeGreaterThanOrEqual(0);
    expect(point.cy).toBeLessThanOrEqual(height!);
  }
  const xOf = new Map<string, number>();
  for (const point of chart.points) {
    if (xOf.has(point.period)) expect(point.cx).toBe(xOf.get(point.period));
    xOf.set(point.period, point.cx);
  }
  const xs = periods.filter((period) => xOf.has(period)).map((period) => xOf.get(period)!);
  for (let index = 1; index < xs.length; index++) expect(xs[index]!).toBeGreaterThan(xs[index - 1]!);
  const byValue = [...chart.points].sort((a, b) => Number(JSON.parse(a.value)) - Number(JSON.parse(b.value)));
  for (let index = 1; index < byValue.length; index++) expect(byValue[index]!.cy).toBeLessThanOrEqual(byValue[index - 1]!.cy);

  // ▲/▼: where suddenChanges flags a period of the point's own group's series.
  const flags = new Map<string, string>();
  if (FLAGGED.includes(kpi)) {
    for (const group of [{}, ...new Map(rows.filter((row) => Object.keys(row.group).length > 0).map((row) => [dataGroup(row), row.group])).values()]) {
      // The JSON rows as Scorecard rows: scorecardSeries reads a row's period, group and the rate's counts, which JSON writes as they are.
      const series = scorecardSeries(
        rows.filter((row) => dataGroup(row) === groupText(group)) as unknown as ScorecardRow[],
        kpi as ScorecardRateKpi,
        group,
      );
      for (const change of suddenChanges(series)) {
        if (change.status === 'above' || change.status === 'below') flags.set(`${change.period}|${groupText(group)}`, change.status);
      }
    }
  }
  const statuses = new Map(chart.points.filter((point) => point.status !== null).map((point) => [`${point.period}|${point.group}`, point.status!]));
  expect(statuses).toEqual(flags);
  expect(chart.marks.length).toBe(statuses.size);
  expect(chart.marks.filter((mark) => mark === '▲').length).toBe([...statuses.values()].filter((status) => status === 'above').length);

  // The table beneath it: a row per period, a column for the total and each group, the values as shown, ▲/▼ as on the chart.
  const table = reading.tables.find((item) => item.kpi === kpi)!;
  const heads = new Map(rows.map((row) => [dataGroup(row), Object.values(row.group).map((value) => value || '(none)').join(' / ')]));
  expect(table.head.slice(1)).toEqual(['total', ...groups.map((group) => heads.get(group))]);
  expect(table.rows.map((row) => row[0])).toEqual(periods);
  for (const [rowIndex, period] of periods.entries()) {
    for (const [columnIndex, group] of ['', ...groups].entries()) {
      const cell = table.rows[rowIndex]![columnIndex + 1]!;
      const point = chart.points.find((item) => item.period === period && item.group === group);
      if (point === undefined) {
        expect(cell).toBe('—');
        continue;
      }
      const value = Number(JSON.parse(point.value));
      // One decimal for a percent, the currency's minor unit for money: within half a unit of the last digit.
      const tolerance = RATES.includes(kpi as (typeof RATES)[number]) ? 0.0005 : 0.005;
      expect(Math.abs(cellNumber(cell) - value)).toBeLessThanOrEqual(tolerance + 1e-9);
      if (RATES.includes(kpi as (typeof RATES)[number])) expect(cell).toMatch(/^\d+\.\d%( [▲▼])?$/);
      expect(cell.includes('▲')).toBe(point.status === 'above');
      expect(cell.includes('▼')).toBe(point.status === 'below');
    }
  }
}

const orders = join(repoRoot, 'examples', 'data', 'orders.csv');
const demo = ['report', orders, '--grain', 'month', '--time-zone', 'Europe/Berlin'];

describe.skipIf(skip)('the HTML report in headless Chromium', () => {
  const cases: { name: string; args: string[]; stdin?: () => string; groups: number }[] = [
    { name: 'examples/data/orders.csv (npm run demo)', args: demo, groups: 0 },
    { name: 'examples/data/orders.csv --group-by channel', args: [...demo, '--group-by', 'channel'], groups: 3 },
    { name: 'examples/data/orders.csv --group-by channel,segment', args: [...demo, '--group-by', 'channel,segment'], groups: 6 },
    {
      name: 'JSON Lines where every chart has data (offers, visits, returns), a channel without a name, one named in HTML (escaped)',
      args: ['report', '-', '--from', 'jsonl', '--group-by', 'channel', '--time-zone', 'Europe/Berlin'],
      stdin: () => largeReportEvents({ months: 9, channels: ['web', '', '<b>"O\'Brien" & co</b>'], ordersPerCell: 25, seed: 7 }),
      groups: 3,
    },
  ];

  for (const { name, args, stdin, groups } of cases) {
    test(`${name}`, async () => {
      const { file, html, rows } = await reports(args, stdin?.() ?? '');
      const opened = await open(file);
      try {
        const reading = await readPage(opened.page);
        expect(opened.errors).toEqual([]);
        expect(opened.requests).toEqual([opened.url]);
        expect(new Set(rows.filter((row) => Object.keys(row.group).length > 0).map(dataGroup)).size).toBe(groups);
        checkPage(reading, rows);
        expect(reading.title).toMatch(/^Cross-sell and upsell scorecard/);
        // The data summary.
        expect(reading.text).toMatch(/Read and counted\s+Read [\d,]+ rows/);
        expect(reading.text).toMatch(/Skipped\s+none/);
        if (stdin !== undefined) {
          expect(reading.charts).toHaveLength(CHARTED.length);
          expect(reading.charts.flatMap((chart) => chart.points).some((point) => point.group === '(none)')).toBe(true);
        }
        // Nothing that could make a request: no scripts, sources, stylesheets or fonts from elsewhere.
        expect(html).not.toMatch(/<script|<link|<img|<iframe|<object|<embed|\ssrc=|url\(|@import|@font-face/i);
      } finally {
        await opened.page.context().close();
      }
    });
  }

  test('skipped rows are in the data summary, by code', async () => {
    const csv = ['order_id,customer_id,timestamp,sku,quantity,unit_price,currency', 'A,ann,2026-01-05T10:00:00Z,x,2,10,EUR', 'B,bob,2026-01-06T10:00:00Z,x,1,ten,EUR', 'C,cy,2026-02-06T10:00:00Z,x,1,12,EUR'].join('\n');
    const { file, rows } = await reports(['report', '-', '--skip-invalid'], csv);
    const opened = await open(file);
    try {
      const reading = await readPage(opened.page);
      expect(opened.errors).toEqual([]);
      checkPage(reading, rows);
      expect(reading.text).toMatch(/Skipped\s+1 row of 1 order; the bad rows by code:/);
      expect(reading.text).toMatch(/INVALID_MONEY\s+1\s+3/);
    } finally {
      await opened.page.context().close();
    }
  });

  test('light and dark mode from prefers-color-scheme, readable in both; print shows every table row', async () => {
    const { file } = await reports([...demo, '--group-by', 'channel']);
    const colours: Record<string, { fg: string; bg: string }> = {};
    for (const scheme of ['light', 'dark'] as const) {
      const opened = await open(file, scheme);
      try {
        colours[scheme] = (await opened.page.evaluate('({ fg: getComputedStyle(document.body).color, bg: getComputedStyle(document.body).backgroundColor })')) as { fg: string; bg: string };
        expect(opened.errors).toEqual([]);
        const png = await opened.page.screenshot({ path: join(folder, `report-${scheme}.png`), fullPage: true });
        expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
      } finally {
        await opened.page.context().close();
      }
    }
    const rgb = (text: string): number[] => (text.match(/\d+(\.\d+)?/g) ?? []).slice(0, 3).map(Number);
    const luminance = (text: string): number => {
      const [r, g, b] = rgb(text).map((channel) => {
        const c = channel / 255;
        return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
    };
    const contrast = (a: string, b: string): number => (Math.max(luminance(a), luminance(b)) + 0.05) / (Math.min(luminance(a), luminance(b)) + 0.05);
    expect(luminance(colours['light']!.bg)).toBeGreaterThan(0.8);
    expect(luminance(colours['dark']!.bg)).toBeLessThan(0.05);
    for (const scheme of ['light', 'dark']) expect(contrast(colours[scheme]!.fg, colours[scheme]!.bg)).toBeGreaterThanOrEqual(7);

    const opened = await open(file);
    try {
      await opened.page.emulateMedia({ media: 'print' });
      // Tables whose box cuts rows off (a scroll bar on screen).
      const clipped = await opened.page.evaluate(
        "[...document.querySelectorAll('.numbers')].filter((box) => box.scrollHeight > box.clientHeight + 1).map((box) => box.querySelector('table').getAttribute('data-kpi'))",
      );
      expect(clipped).toEqual([]);
      const pdf = await opened.page.pdf({ format: 'A4' });
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(opened.errors).toEqual([]);
      expect(opened.requests).toEqual([opened.url]);
    } finally {
      await opened.page.context().close();
    }
  });
});

// The report file itself, for a reader without a browser.
test('the page written by --out is the page on standard output', async () => {
  const out = mkdtempSync(join(tmpdir(), 'xsell-html-out-'));
  try {
    const file = join(out, 'report.html');
    const run = await runMain([...demo, '--format', 'html', '--out', file]);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/^xsell-kpi: Wrote the HTML report \(12 months, [\d,]+ bytes\) to .*report\.html\n$/);
    expect(readFileSync(file, 'utf8')).toBe((await runMain([...demo, '--format', 'html'])).stdout);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});
