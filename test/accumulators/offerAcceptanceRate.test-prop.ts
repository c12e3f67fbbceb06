import type fc from 'fast-check';
import { OfferAcceptanceRate, offerAcceptanceRate, type Offer, type OfferAcceptanceRateResult } from 'xsell-kpi';
import { invalidEventArb, streamArb } from '../arbitraries/events.js';
import { checkLaws } from '../laws/checkLaws.js';
import { checkFromJSONFuzz } from '../laws/fromJSONFuzz.js';

const common = {
  name: 'OfferAcceptanceRate',
  Class: OfferAcceptanceRate,
  invalid: invalidEventArb(['offer']),
  formula: offerAcceptanceRate,
  ratioFields: ['value'],
  countFields: ['accepted', 'offered'],
  denominator: (result: OfferAcceptanceRateResult) => result.offered,
};
const offers = streamArb({ kinds: ['offer'] });
/** Every offer made an upsell offer: with `kind: 'upsell'` none is ignored, so every conflicting duplicate is seen. */
const upsellOffers: fc.Arbitrary<Offer[]> = offers.map((xs) => xs.map((offer) => ({ ...offer, kind: 'upsell' as const })));

checkLaws({ ...common, events: offers, dedupe: true, incompatibleOptions: [{ kind: 'cross-sell' }, { kind: 'upsell' }] });
checkLaws({ ...common, options: { kind: 'upsell' }, events: upsellOffers, dedupe: true, incompatibleOptions: [{}, { kind: 'cross-sell' }] });
// Offers of the other kind are ignored (conflicts among them included), so law 5 does not apply to mixed streams.
checkLaws({ ...common, label: 'cross-sell, mixed kinds', options: { kind: 'cross-sell' }, events: offers, dedupe: false, incompatibleOptions: [{}] });

checkFromJSONFuzz({ ...common, events: offers });
checkFromJSONFuzz({ ...common, options: { kind: 'cross-sell' }, events: offers });
