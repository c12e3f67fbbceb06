import { ItemsPerOrder, itemsPerOrder, type ItemsPerOrderResult } from 'xsell-kpi';
import { invalidEventArb, streamArb } from '../arbitraries/events.js';
import { checkLaws } from '../laws/checkLaws.js';
import { checkFromJSONFuzz } from '../laws/fromJSONFuzz.js';

const common = {
  name: 'ItemsPerOrder',
  Class: ItemsPerOrder,
  invalid: invalidEventArb(['order']),
  formula: itemsPerOrder,
  // `value` is a mean quantity (not a fraction) and `items` may be fractional (1.5 kg): neither is a ratio nor a count.
  countFields: ['orders'],
  denominator: (result: ItemsPerOrderResult) => result.orders,
};

checkLaws({ ...common, events: streamArb(), dedupe: true });
checkLaws({ ...common, options: { dedupe: false }, events: streamArb({ currency: 'USD' }), dedupe: false, incompatibleOptions: [{}] });

checkFromJSONFuzz({ ...common, events: streamArb() });
// without dedupe, `state.items` alone carries the quantities (no per-order copies to check it against)
checkFromJSONFuzz({ ...common, options: { dedupe: false }, events: streamArb(), numRuns: 4000 });
