// The quick start: `npm run demo`. Every figure below is computed by xsell-kpi from counts and
// amounts, as an app would pass them from its own database.
import {
  attachRate,
  averageOrderValue,
  crossSellRate,
  formatMoney,
  formatPercent,
  isKpiError,
  retentionRate,
  revenueShare,
  Scorecard,
  scorecardSeries,
  suddenChanges,
  toMoney,
} from 'xsell-kpi';
import { printScorecard } from './support/printScorecard.js';
import { sampleEvents } from './support/sampleEvents.js';

// The worked examples cross-selling KPI guides use (and the standard retention formula's).
const customerCrossSell = crossSellRate({ crossSoldCustomers: 100, customers: 500 });
const laptopAttach = attachRate({ attached: 50, anchors: 200 });
const retention = retentionRate({ customersAtStart: 200, customersAtEnd: 180, newCustomers: 40 });

// Exact money: three orders whose float sum would be 60.019999999999996.
const orderTotals = ['19.99', '20.01', '20.02'];
const revenue = orderTotals.reduce((sum, total) => sum.plus(toMoney(total)), toMoney(0));
const floatRevenue = orderTotals.reduce((sum, total) => sum + Number(total), 0);
const aov = averageOrderValue({ revenue, orders: orderTotals.length });
const crossSellShare = revenueShare({ part: '20.01', total: revenue });

const rows: [string, string][] = [
  ['Customer cross-sell rate (100 of 500)', formatPercent(customerCrossSell)],
  ['Attach rate (50 of 200 laptop buyers)', formatPercent(laptopAttach)],
  ['Retention (S=200, E=180, N=40)', formatPercent(retention)],
  ['Revenue, exact', formatMoney(revenue, 'USD')],
  ['Revenue, float sum (wrong)', String(floatRevenue)],
  ['Average order value', `${formatMoney(aov, 'USD')} (exact: ${aov?.toFixed()})`],
  ['Cross-sell revenue share', formatPercent(crossSellShare)],
  ['Cross-sell rate with no customers', formatPercent(crossSellRate({ crossSoldCustomers: 0, customers: 0 }))],
];

const width = Math.max(...rows.map(([label]) => label.length));
console.log('xsell-kpi quick start\n');
for (const [label, value] of rows) console.log(`  ${label.padEnd(width)}  ${value}`);

// Invalid input never becomes a number: it throws a KpiError with a code and a path.
try {
  crossSellRate({ crossSoldCustomers: 120, customers: 100 });
} catch (error) {
  if (!isKpiError(error)) throw error;
  console.log(`\n  Invalid input → ${error.code} at ${error.path}`);
}

// Streaming: a monthly Scorecard of a small generated shop (orders, offers, visits), one pass.
const scorecard = new Scorecard({ grain: 'month', currency: 'EUR' }).addAll(sampleEvents());
console.log('\nMonthly scorecard (generated sample shop)\n');
printScorecard(scorecard.result());

// Is any month's cross-sell rate out of line with the months before it? (p-chart, 3 sigma)
console.log('\nCross-sell rate, month against the months before (p-chart):');
for (const flag of suddenChanges(scorecardSeries(scorecard.result(), 'crossSellRate'), { minTrials: 20 })) {
  const limits = flag.lower === null ? '' : ` (expected ${formatPercent(flag.lower)}–${formatPercent(flag.upper)})`;
  console.log(`  ${flag.period}  ${formatPercent(flag.rate).padStart(6)}  ${flag.status}${limits}`);
}
