/**
 * Cross-selling and upselling KPIs: a formula function and a streaming, mergeable accumulator per
 * KPI, a Scorecard of them all, analysis and statistics, with exact money and typed errors.
 * Everything is imported from `'xsell-kpi'`.
 *
 * @categoryDescription Guides
 * How to use the library for a task: streaming in a service, telling a real change from noise,
 * choosing what to cross-sell, predicting who comes back and what they are worth.
 *
 * @categoryDescription Cross-sell
 * How often customers, or orders, buy more than one product: the customer and transaction
 * cross-sell rates and the attach rate, each as a formula function and an accumulator.
 *
 * @categoryDescription Upsell
 * The share of customers who bought an upgrade: a line with `source: 'upsell'`.
 *
 * @categoryDescription Offers
 * How many of the cross-sell and upsell offers shown to customers were accepted.
 *
 * @categoryDescription Conversion
 * The share of visitors with a converting visit.
 *
 * @categoryDescription Retention
 * Whether customers come back: repeat purchase, retention and churn rates, period by period.
 *
 * @categoryDescription Order value
 * What orders are worth: average order value, items per order, revenue per cross-sell or upsell,
 * revenue share and return on investment. Money results are exact `Decimal`s.
 *
 * @categoryDescription Lifetime value
 * What a customer is worth over time: historical and predicted lifetime value.
 *
 * @categoryDescription Scorecard
 * Every KPI per period and group in one pass, with a total row per period.
 *
 * @categoryDescription Statistics
 * Whether a difference is real: confidence intervals, two-proportion and Welch tests, sample
 * sizes for an A/B test.
 *
 * @categoryDescription Analysis
 * The follow-up questions: benchmark bands, goals, period-on-period change, sudden changes,
 * cross-sold customers against the rest, and products bought together.
 *
 * @categoryDescription Accumulators
 * What all accumulators share, such as their serialized state.
 *
 * @categoryDescription Events
 * The orders, offers and visits that accumulators read, and their validators.
 *
 * @categoryDescription Time
 * Timestamps, time grains and period keys (day, ISO week, month, quarter, year) in any IANA time
 * zone.
 *
 * @categoryDescription Money
 * Exact money: the accepted inputs, the `Decimal` results, currencies and rounding.
 *
 * @categoryDescription Formatting
 * Rates as percentages and amounts as money, for people to read.
 *
 * @categoryDescription Errors
 * `KpiError`, its codes, and the check that recognizes it.
 *
 * @categoryDescription How it works
 * The design and its reasons, and the measured speed and memory.
 *
 * @document ../docs/guides/streaming.md
 * @document ../docs/guides/is-the-change-real.md
 * @document ../docs/guides/what-to-cross-sell.md
 * @document ../docs/guides/warehouse.md
 * @document ../docs/guides/who-comes-back.md
 * @document ../docs/design.md
 * @document ../docs/memory.md
 * @document ../docs/performance.md
 * @module xsell-kpi
 */
export * from './analysis/benchmarkBand/index.js';
export * from './analysis/coPurchase/index.js';
export * from './analysis/crossSellCohorts/index.js';
export * from './analysis/customerSummary/index.js';
export * from './analysis/goalProgress/index.js';
export * from './analysis/lifetimeValue/index.js';
export * from './analysis/periodChange/index.js';
export * from './analysis/statistics/index.js';
export * from './analysis/suddenChanges/index.js';
export * from './core/KpiError.js';
export * from './core/accumulator.js';
export * from './core/currency.js';
export * from './core/decimal.js';
export * from './core/events.js';
export * from './core/format.js';
export * from './core/money.js';
export * from './core/time.js';
export * from './kpis/attachRate/index.js';
export * from './kpis/averageOrderValue/index.js';
export * from './kpis/churnRate/index.js';
export * from './kpis/conversionRate/index.js';
export * from './kpis/crossSellRate/index.js';
export * from './kpis/customerLifetimeValue/index.js';
export * from './kpis/itemsPerOrder/index.js';
export * from './kpis/netRevenue/index.js';
export * from './kpis/offerAcceptanceRate/index.js';
export * from './kpis/predictedLifetimeValue/index.js';
export * from './kpis/repeatPurchaseRate/index.js';
export * from './kpis/retentionRate/index.js';
export * from './kpis/revenuePerConversion/index.js';
export * from './kpis/revenueShare/index.js';
export * from './kpis/roi/index.js';
export * from './kpis/transactionCrossSellRate/index.js';
export * from './kpis/upsellRate/index.js';
export * from './scorecard/index.js';
