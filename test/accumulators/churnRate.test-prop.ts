import fc from 'fast-check';
import { ChurnRate, churnRate, type Grain, type Order, type PeriodOptions, type ChurnRateResult } from 'xsell-kpi';
import { invalidEventArb, streamArb } from '../arbitraries/events.js';
import { checkLaws, type Accumulator } from '../laws/checkLaws.js';
import { checkFromJSONFuzz } from '../laws/fromJSONFuzz.js';

type Churn = Accumulator<Order, ChurnRateResult>;

const common = {
  name: 'ChurnRate',
  Class: ChurnRate,
  invalid: invalidEventArb(['order']),
  formula: churnRate,
  ratioFields: ['value'],
  countFields: ['customersAtStart', 'customersLost'],
  denominator: (result: ChurnRateResult) => result.customersAtStart,
  observe: (acc: Churn) => ({ result: acc.result(), periods: (acc as ChurnRate).resultsByPeriod() }),
  // laws 6 and 8 on the latest period and on every period row
  results: (acc: Churn) => [acc.result(), ...(acc as ChurnRate).resultsByPeriod()],
};

const periodOptions = fc.record({
  grain: fc.constantFrom<Grain>('month', 'week', 'day', 'quarter'),
  timeZone: fc.constantFrom('UTC', 'Europe/Berlin', 'America/New_York'),
}) as fc.Arbitrary<PeriodOptions>;

checkLaws({ ...common, label: 'grain month/week/day/quarter × UTC/Europe/Berlin/America/New_York', options: periodOptions, events: streamArb(), dedupe: true, incompatibleOptions: [{ grain: 'year' }, { timeZone: 'Asia/Tokyo' }] });
checkLaws({ ...common, options: { grain: 'week', timeZone: 'Europe/Berlin', dedupe: false }, events: streamArb(), dedupe: false, incompatibleOptions: [{ grain: 'week', timeZone: 'Europe/Berlin' }, { grain: 'week', dedupe: false }] });

checkFromJSONFuzz({ ...common, options: periodOptions, events: streamArb() });
