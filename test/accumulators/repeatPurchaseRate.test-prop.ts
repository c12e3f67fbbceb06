import { RepeatPurchaseRate, repeatPurchaseRate, type RepeatPurchaseRateResult } from 'xsell-kpi';
import { invalidEventArb, streamArb } from '../arbitraries/events.js';
import { checkLaws } from '../laws/checkLaws.js';
import { checkFromJSONFuzz } from '../laws/fromJSONFuzz.js';

const common = {
  name: 'RepeatPurchaseRate',
  Class: RepeatPurchaseRate,
  invalid: invalidEventArb(['order']),
  formula: repeatPurchaseRate,
  ratioFields: ['value'],
  countFields: ['repeatCustomers', 'customers'],
  denominator: (result: RepeatPurchaseRateResult) => result.customers,
};

checkLaws({ ...common, events: streamArb(), dedupe: true });
checkLaws({ ...common, options: { dedupe: false }, events: streamArb({ maxLines: 2 }), dedupe: false, incompatibleOptions: [{}] });

checkFromJSONFuzz({ ...common, events: streamArb() });
