import { TransactionCrossSellRate, transactionCrossSellRate, type TransactionCrossSellRateResult } from 'xsell-kpi';
import { invalidEventArb, streamArb } from '../arbitraries/events.js';
import { checkLaws } from '../laws/checkLaws.js';
import { checkFromJSONFuzz } from '../laws/fromJSONFuzz.js';

const common = {
  name: 'TransactionCrossSellRate',
  Class: TransactionCrossSellRate,
  invalid: invalidEventArb(['order']),
  formula: transactionCrossSellRate,
  ratioFields: ['value'],
  countFields: ['crossSellOrders', 'orders'],
  denominator: (result: TransactionCrossSellRateResult) => result.orders,
};

checkLaws({ ...common, events: streamArb(), dedupe: true, incompatibleOptions: [{ by: 'category' }] });
checkLaws({ ...common, options: { by: 'category' }, events: streamArb({ categories: 'always' }), dedupe: true, incompatibleOptions: [{}, { by: 'category', dedupe: false }] });
checkLaws({ ...common, options: { by: 'category', dedupe: false }, events: streamArb({ categories: 'always' }), dedupe: false, incompatibleOptions: [{ by: 'category' }, { dedupe: false }] });

checkFromJSONFuzz({ ...common, events: streamArb() });
checkFromJSONFuzz({ ...common, options: { by: 'category', dedupe: false }, events: streamArb({ categories: 'always' }), numRuns: 4000 });
