import fc from 'fast-check';
import { AttachRate, attachRate, type AttachRateOptions, type AttachRateResult, type Order } from 'xsell-kpi';
import { invalidEventArb, streamArb } from '../arbitraries/events.js';
import { checkLaws, type AccumulatorClass } from '../laws/checkLaws.js';
import { checkFromJSONFuzz } from '../laws/fromJSONFuzz.js';

// Five option sets share the laws: half the usual runs each keeps this file quick.
fc.configureGlobal({ ...fc.readConfigureGlobal(), numRuns: Math.max(10, Math.round((fc.readConfigureGlobal().numRuns ?? 100) / 2)) });

const common = {
  name: 'AttachRate',
  // `anchor` is a required option, which the suite's class type (`new (options?)`) does not model.
  Class: AttachRate as unknown as AccumulatorClass<Order, AttachRateResult>,
  invalid: invalidEventArb(['order']),
  formula: attachRate,
  ratioFields: ['value'],
  countFields: ['attached', 'anchors'],
  denominator: (result: AttachRateResult) => result.anchors,
};

// Pools of test/arbitraries/events.ts: SKUs A, B, C, D, 42 (and 42 as a number), hostile names; categories shoes, socks, laces, __proto__, constructor.
const bySkus: AttachRateOptions = { anchor: { skus: ['A', '__proto__'] } };
const byCategories: AttachRateOptions = { anchor: { categories: ['shoes'] }, per: 'order' };
const withAttach: AttachRateOptions = { anchor: { categories: ['shoes', 'constructor'] }, attach: { skus: ['C', '42'] } };
const perOrderWithAttach: AttachRateOptions = { anchor: { skus: ['B'] }, attach: { categories: ['socks', '__proto__'] }, per: 'order' };

const selectorArb = fc.record(
  { skus: fc.uniqueArray(fc.constantFrom('A', 'B', '42', 'toString'), { maxLength: 2 }), categories: fc.uniqueArray(fc.constantFrom('shoes', 'socks', '__proto__'), { maxLength: 2 }) },
  { requiredKeys: [] },
);
const anyOptions = fc.record(
  {
    anchor: selectorArb.filter((selector) => (selector.skus?.length ?? 0) + (selector.categories?.length ?? 0) > 0),
    attach: selectorArb,
    per: fc.constantFrom('customer' as const, 'order' as const),
    dedupe: fc.boolean(),
  },
  { requiredKeys: ['anchor'] },
) as fc.Arbitrary<AttachRateOptions>;

checkLaws({ ...common, options: bySkus, events: streamArb(), dedupe: true, incompatibleOptions: [{ ...bySkus, per: 'order' }, { anchor: { skus: ['A'] } }, { ...bySkus, attach: { skus: ['B'] } }] });
checkLaws({ ...common, options: byCategories, events: streamArb({ categories: 'always' }), dedupe: true, incompatibleOptions: [{ anchor: { categories: ['shoes'] } }, { ...byCategories, dedupe: false }] });
checkLaws({ ...common, options: withAttach, events: streamArb(), dedupe: true, incompatibleOptions: [{ anchor: withAttach.anchor }, { ...withAttach, per: 'order' }] });
checkLaws({ ...common, options: { ...perOrderWithAttach, dedupe: false }, events: streamArb(), dedupe: false, incompatibleOptions: [perOrderWithAttach, bySkus] });
checkLaws({ ...common, label: 'any options', options: anyOptions, events: streamArb(), dedupe: false });

checkFromJSONFuzz({ ...common, options: bySkus, events: streamArb() });
checkFromJSONFuzz({ ...common, options: perOrderWithAttach, events: streamArb(), numRuns: 4000 });
