import { UpsellRate, upsellRate, type UpsellRateResult } from 'xsell-kpi';
import { invalidEventArb, streamArb } from '../arbitraries/events.js';
import { checkLaws } from '../laws/checkLaws.js';
import { checkFromJSONFuzz } from '../laws/fromJSONFuzz.js';

const common = {
  name: 'UpsellRate',
  Class: UpsellRate,
  invalid: invalidEventArb(['order']),
  formula: upsellRate,
  ratioFields: ['value'],
  countFields: ['upsoldCustomers', 'customers'],
  denominator: (result: UpsellRateResult) => result.customers,
};

checkLaws({ ...common, events: streamArb(), dedupe: true });
checkLaws({ ...common, options: { dedupe: false }, events: streamArb({ currency: 'USD' }), dedupe: false, incompatibleOptions: [{}] });

checkFromJSONFuzz({ ...common, events: streamArb() });
