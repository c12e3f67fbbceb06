/**
 * The HTML report's size (SPEC section 12): 24 months × 5 groups under 300 KB (307,200 bytes), on
 * events in which every chart has a point for every period and group (reportData.ts), so that the
 * page is as large as such a report's page gets. (The page in a browser: test/html.)
 */
import { expect, test } from 'vitest';
import { largeReportEvents } from './reportData.js';
import { runMain } from './support.js';

/** The KPIs charted: every rate and the three money KPIs. */
const CHARTS = 13;

test('24 months × 5 groups, every chart full: under 300 KB', async () => {
  const args = ['report', '-', '--from', 'jsonl', '--group-by', 'channel'];
  const events = largeReportEvents({ months: 24, channels: 5 });
  const html = await runMain([...args, '--format', 'html'], events);
  expect(html.code).toBe(0);
  const json = JSON.parse((await runMain([...args, '--format', 'json'], events)).stdout) as { rows: Record<string, { value?: unknown }>[] };
  // The worst case: 24 periods × (5 groups + the total), and each charted KPI with a value in every row
  // (but retention and churn in the first month, which has no month before it).
  expect(json.rows).toHaveLength(24 * 6);
  const charts = [...html.stdout.matchAll(/<svg data-kpi="(\w+)"/g)].map((match) => match[1]);
  expect(charts).toHaveLength(CHARTS);
  for (const kpi of charts) {
    const nulls = json.rows.filter((row) => row[kpi!]!.value === null).length;
    expect({ kpi, nulls }).toEqual({ kpi, nulls: kpi === 'retentionRate' || kpi === 'churnRate' ? 6 : 0 });
  }
  const points = html.stdout.match(/ data-period=/g)?.length ?? 0;
  expect(points).toBe(CHARTS * 24 * 6 - 2 * 6);
  const bytes = Buffer.byteLength(html.stdout);
  console.log(`[html] 24 months × 5 groups: ${bytes.toLocaleString('en-US')} bytes, ${points} points in ${CHARTS} charts`);
  expect(bytes).toBeLessThan(307_200);
});
