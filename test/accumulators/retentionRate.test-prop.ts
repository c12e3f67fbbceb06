import fc from 'fast-check';
import { RetentionRate, retentionRate, type Grain, type Order, type PeriodOptions, type RetentionRateResult } from 'xsell-kpi';
import { invalidEventArb, streamArb } from '../arbitraries/events.js';
import { checkLaws, type Accumulator } from '../laws/checkLaws.js';
import { checkFromJSONFuzz } from '../laws/fromJSONFuzz.js';

type Retention = Accumulator<Order, RetentionRateResult>;

const common = {
  name: 'RetentionRate',
  Class: RetentionRate,
  invalid: invalidEventArb(['order']),
  formula: retentionRate,
  ratioFields: ['value'],
  countFields: ['customersAtStart', 'customersAtEnd', 'newCustomers'],
  denominator: (result: RetentionRateResult) => result.customersAtStart,
  observe: (acc: Retention) => ({ result: acc.result(), periods: (acc as RetentionRate).resultsByPeriod() }),
  // laws 6 and 8 on the latest period and on every period row
  results: (acc: Retention) => [acc.result(), ...(acc as RetentionRate).resultsByPeriod()],
};

const periodOptions = fc.record({
  grain: fc.constantFrom<Grain>('month', 'week', 'day', 'quarter'),
  timeZone: fc.constantFrom('UTC', 'Europe/Berlin', 'America/New_York'),
}) as fc.Arbitrary<PeriodOptions>;

checkLaws({ ...common, label: 'grain month/week/day/quarter × UTC/Europe/Berlin/America/New_York', options: periodOptions, events: streamArb(), dedupe: true, incompatibleOptions: [{ grain: 'year' }, { timeZone: 'Asia/Tokyo' }] });
checkLaws({ ...common, options: { grain: 'week', timeZone: 'Europe/Berlin', dedupe: false }, events: streamArb(), dedupe: false, incompatibleOptions: [{ grain: 'week', timeZone: 'Europe/Berlin' }, { grain: 'week', dedupe: false }] });

checkFromJSONFuzz({ ...common, options: periodOptions, events: streamArb() });
