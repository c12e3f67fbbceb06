import DecimalJs from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  Scorecard,
  averageOrderValue,
  churnRate,
  conversionRate,
  crossSellRate,
  customerLifetimeValue,
  itemsPerOrder,
  netRevenue,
  offerAcceptanceRate,
  repeatPurchaseRate,
  retentionRate,
  revenuePerConversion,
  revenueShare,
  transactionCrossSellRate,
  upsellRate,
  type CommerceEvent,
  type ScorecardOptions,
  type ScorecardRow,
} from 'xsell-kpi';
import { invalidEventArb, streamArb } from '../arbitraries/events.js';
import { checkLaws, normalise, type Accumulator } from '../laws/checkLaws.js';
import { checkFromJSONFuzz } from '../laws/fromJSONFuzz.js';

// A Scorecard run is ~15 accumulators per row: fewer runs per law keep this file within a few seconds.
fc.configureGlobal({ ...fc.readConfigureGlobal(), numRuns: Math.max(10, Math.round((fc.readConfigureGlobal().numRuns ?? 100) / 8)) });

type Field = Exclude<keyof ScorecardRow, 'period' | 'group'>;

/** Law 8 for the Scorecard: each field of a row is its formula's input plus `value`; `denominator` is what makes `value` null. */
const FIELDS: Record<Field, { formula: (input: never) => unknown; ratio: boolean; denominator: (result: never) => number }> = {
  crossSellRate: { formula: crossSellRate, ratio: true, denominator: (r: { customers: number }) => r.customers },
  transactionCrossSellRate: { formula: transactionCrossSellRate, ratio: true, denominator: (r: { orders: number }) => r.orders },
  upsellRate: { formula: upsellRate, ratio: true, denominator: (r: { customers: number }) => r.customers },
  crossSellAcceptanceRate: { formula: offerAcceptanceRate, ratio: true, denominator: (r: { offered: number }) => r.offered },
  upsellAcceptanceRate: { formula: offerAcceptanceRate, ratio: true, denominator: (r: { offered: number }) => r.offered },
  conversionRate: { formula: conversionRate, ratio: true, denominator: (r: { visitors: number }) => r.visitors },
  repeatPurchaseRate: { formula: repeatPurchaseRate, ratio: true, denominator: (r: { customers: number }) => r.customers },
  retentionRate: { formula: retentionRate, ratio: true, denominator: (r: { customersAtStart: number }) => r.customersAtStart },
  churnRate: { formula: churnRate, ratio: true, denominator: (r: { customersAtStart: number }) => r.customersAtStart },
  averageOrderValue: { formula: averageOrderValue, ratio: false, denominator: (r: { orders: number }) => r.orders },
  itemsPerOrder: { formula: itemsPerOrder, ratio: false, denominator: (r: { orders: number }) => r.orders },
  customerLifetimeValue: { formula: customerLifetimeValue, ratio: false, denominator: (r: { customers: number }) => r.customers },
  revenuePerCrossSell: { formula: revenuePerConversion, ratio: false, denominator: (r: { conversions: number }) => r.conversions },
  revenuePerUpsell: { formula: revenuePerConversion, ratio: false, denominator: (r: { conversions: number }) => r.conversions },
  crossSellRevenueShare: { formula: revenueShare, ratio: true, denominator: (r: { total: DecimalJs }) => (r.total.isZero() ? 0 : 1) },
  netRevenue: { formula: netRevenue, ratio: false, denominator: () => 1 },
};
const FIELD_NAMES = Object.keys(FIELDS) as Field[];
const MONEY_PARTS = new Set(['revenue', 'part', 'total', 'grossRevenue', 'returns']);

/** A row as one flat record (`'crossSellRate.value'`, `'averageOrderValue.revenue'`, ...), for the suite's law 6. */
function flatten(row: ScorecardRow): Record<string, unknown> {
  const flat: Record<string, unknown> = {};
  for (const field of FIELD_NAMES) for (const [key, item] of Object.entries(row[field])) flat[`${field}.${key}`] = item;
  return flat;
}

const emptyRow = new Scorecard().add({ type: 'visit', visitorId: 'v', timestamp: new Date(0), converted: false }).result()[0]!;
const flatKeys = Object.keys(flatten(emptyRow));
const ratioFields = FIELD_NAMES.filter((field) => FIELDS[field].ratio).map((field) => `${field}.value`);
const moneyFields = flatKeys.filter((key) => MONEY_PARTS.has(key.slice(key.indexOf('.') + 1)));
const countFields = flatKeys.filter((key) => !key.endsWith('.value') && !key.endsWith('.currency') && !moneyFields.includes(key) && key !== 'itemsPerOrder.items');

type ScorecardAccumulator = Accumulator<CommerceEvent, ScorecardRow[]>;

const common = {
  name: 'Scorecard',
  Class: Scorecard,
  invalid: invalidEventArb(['order', 'offer', 'visit', 'return']),
  results: (acc: ScorecardAccumulator) => acc.result().map(flatten),
  ratioFields,
  countFields,
  moneyFields,
};
const allKinds = streamArb({ kinds: ['order', 'offer', 'visit', 'return'] });
const allKindsUsd = streamArb({ kinds: ['order', 'offer', 'visit', 'return'], currency: 'USD' });
const allKindsWithCategories = streamArb({ kinds: ['order', 'offer', 'visit', 'return'], categories: 'always' });

const variants: { options: ScorecardOptions; events: fc.Arbitrary<CommerceEvent[]>; dedupe: boolean; incompatibleOptions: ScorecardOptions[] }[] = [
  { options: { grain: 'month', groupBy: ['channel'] }, events: allKinds, dedupe: true, incompatibleOptions: [{ grain: 'month' }, { groupBy: ['segment'] }, { groupBy: ['channel'], timeZone: 'Europe/Berlin' }] },
  { options: { grain: 'week', timeZone: 'Europe/Berlin', groupBy: [], currency: 'USD' }, events: allKindsUsd, dedupe: true, incompatibleOptions: [{ grain: 'week', timeZone: 'Europe/Berlin' }, { grain: 'week', currency: 'USD' }] },
  {
    options: { grain: 'quarter', timeZone: 'America/New_York', groupBy: ['channel', 'region'], by: 'category', minDistinct: 3, dedupe: false },
    events: allKindsWithCategories,
    dedupe: false,
    incompatibleOptions: [{ grain: 'quarter', timeZone: 'America/New_York', groupBy: ['region', 'channel'], by: 'category', minDistinct: 3, dedupe: false }, { grain: 'quarter', timeZone: 'America/New_York', groupBy: ['channel', 'region'], by: 'category', dedupe: false }],
  },
  // (a day grain is left to RetentionRate's laws: a year of daily rows per example is slow here)
  { options: { timeZone: 'Europe/Berlin', groupBy: ['__proto__', 'segment'], by: 'category' }, events: allKindsWithCategories, dedupe: true, incompatibleOptions: [{ timeZone: 'Europe/Berlin', groupBy: ['__proto__', 'segment'] }] },
];

for (const { options, events, dedupe, incompatibleOptions } of variants) {
  checkLaws({ ...common, options, events, dedupe, incompatibleOptions, invalid: invalidEventArb(['order', 'offer', 'visit', 'return'], { categories: 'always' }) });

  describe(`Scorecard law 8 and law 6, field by field (${JSON.stringify(options)})`, () => {
    test('every field of every row: formula(row[field]) equals row[field].value; ratios in [0, 1], null exactly when their denominator is 0; money values Decimal or null', () => {
      fc.assert(
        fc.property(events, (xs) => {
          const rows = Scorecard.of(xs, options);
          expect(rows.length === 0).toBe(xs.length === 0);
          for (const row of rows) {
            expect(Object.keys(row).sort()).toStrictEqual(['group', 'period', ...FIELD_NAMES].sort());
            for (const field of FIELD_NAMES) {
              const { formula, ratio, denominator } = FIELDS[field];
              const result = row[field] as { value: unknown };
              const where = `${row.period} ${JSON.stringify(row.group)} ${field}`;
              const ratioOk = ratio ? result.value === null || (typeof result.value === 'number' && result.value >= 0 && result.value <= 1) : true;
              const moneyOk = ratio || field === 'itemsPerOrder' || result.value === null || (DecimalJs.isDecimal(result.value) && (result.value as DecimalJs).isFinite());
              expect({ where, formula: normalise(formula(result as never)), nullExactlyWhenDenominatorIsZero: result.value === null, ratioOk, moneyOk }).toStrictEqual({
                where,
                formula: normalise(result.value),
                nullExactlyWhenDenominatorIsZero: denominator(result as never) === 0,
                ratioOk: true,
                moneyOk: true,
              });
            }
          }
        }),
      );
    });
  });
}

// (the fuzz reads fields of result(), which for the Scorecard is an array of rows: no ratio or count fields here)
checkFromJSONFuzz({ name: 'Scorecard', Class: Scorecard, options: { grain: 'month', groupBy: ['channel'] }, events: allKinds, numRuns: 10000 });
checkFromJSONFuzz({ name: 'Scorecard', Class: Scorecard, options: { grain: 'week', timeZone: 'Europe/Berlin', groupBy: ['channel', 'region'], by: 'category', dedupe: false }, events: allKindsWithCategories, numRuns: 1500 });
