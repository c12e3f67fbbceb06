import { ConversionRate, conversionRate, type ConversionRateResult } from 'xsell-kpi';
import { invalidEventArb, streamArb } from '../arbitraries/events.js';
import { checkLaws } from '../laws/checkLaws.js';
import { checkFromJSONFuzz } from '../laws/fromJSONFuzz.js';

const common = {
  name: 'ConversionRate',
  Class: ConversionRate,
  invalid: invalidEventArb(['visit']),
  formula: conversionRate,
  ratioFields: ['value'],
  countFields: ['converted', 'visitors'],
  denominator: (result: ConversionRateResult) => result.visitors,
};

// Visits carry no id, so law 5 (de-duplication by id) does not apply; re-delivered visits change nothing anyway (a lattice).
checkLaws({ ...common, events: streamArb({ kinds: ['visit'] }), dedupe: false });

checkFromJSONFuzz({ ...common, events: streamArb({ kinds: ['visit'] }) });
