// OfferAcceptanceRate's ledger of offer ids: offers of another kind are not read at all, the
// offered count stops at 2⁵³ − 1 on add and on merge (at `offered`, changing nothing), and
// version 1 fingerprints (the `legacy` rows) survive a merge and are written sorted. Found by
// mutation testing (docs/mutation.md).
import { describe, expect, test } from 'vitest';
import { OfferAcceptanceRate, type Offer } from 'xsell-kpi';
import { expectKpiError } from '../support/expectKpiError.js';
import { refusal } from '../support/refusal.js';

const CONFLICT = ['CONFLICTING_DUPLICATE', 'offerId', '[xsell-kpi] CONFLICTING_DUPLICATE at offerId: offer "f1" was already added with different content'];

const offer = (offerId: string | undefined, kind: 'cross-sell' | 'upsell', accepted: boolean, customerId = 'ann'): Offer => ({
  type: 'offer',
  ...(offerId === undefined ? {} : { offerId }),
  customerId,
  timestamp: '2026-01-05T10:00:00Z',
  kind,
  accepted,
});

const saved = (state: object): unknown => ({ kind: 'OfferAcceptanceRate', version: 3, options: { kind: null }, state: { offers: [], accepted: 0, offered: 0, legacy: [], ...state } });

describe('OfferAcceptanceRate ledger', () => {
  test('kind: either kind, or null and absent for both', () => {
    expect(refusal(() => new OfferAcceptanceRate({ kind: 'downsell' } as never))).toStrictEqual(['INVALID_OPTION', 'kind', '[xsell-kpi] INVALID_OPTION at kind: expected "cross-sell" or "upsell", got "downsell"']);
    expect([new OfferAcceptanceRate({ kind: 'upsell' }), new OfferAcceptanceRate({ kind: null } as never), new OfferAcceptanceRate()].map((acc) => acc.toJSON().options)).toStrictEqual([{ kind: 'upsell' }, { kind: null }, { kind: null }]);
  });

  test('an offer of the other kind is neither counted nor checked against the ledger', () => {
    const upsell = new OfferAcceptanceRate({ kind: 'upsell' }).add(offer('f1', 'upsell', true));
    // same id, other kind, other content: not this accumulator's offer
    upsell.add(offer('f1', 'cross-sell', false, 'bob'));
    upsell.add(offer(undefined, 'cross-sell', true));
    expect(upsell.result()).toStrictEqual({ value: 1, accepted: 1, offered: 1 });
    expect(refusal(() => upsell.add(offer('f1', 'upsell', false, 'bob')))).toStrictEqual(CONFLICT);
  });

  test('offered stops at 2⁵³ − 1: an add with or without an id, and a merge, are INVALID_NUMBER at offered, changing nothing', () => {
    const full = Number.MAX_SAFE_INTEGER;
    const real = (new OfferAcceptanceRate().add(offer('f1', 'upsell', true)).toJSON().state as { offers: unknown[] }).offers;
    const atBound = (): OfferAcceptanceRate => OfferAcceptanceRate.fromJSON(saved({ offers: real, offered: full - 1 }));
    for (const next of [offer('f2', 'upsell', true), offer(undefined, 'upsell', true)]) {
      const acc = atBound();
      const before = JSON.stringify(acc.toJSON());
      expectKpiError(() => acc.add(next), 'INVALID_NUMBER', 'offered');
      expect(JSON.stringify(acc.toJSON())).toBe(before);
    }
    // the offer already counted is a re-delivery: no new count, no error
    const acc = atBound();
    acc.add(offer('f1', 'upsell', true));
    expect(acc.result().offered).toBe(full);
    // one below: the last offer still counts
    const below = OfferAcceptanceRate.fromJSON(saved({ offers: [['f1', 5, true]], offered: full - 2 })).add(offer('f2', 'upsell', false));
    expect(below.result().offered).toBe(full);
    // a merge with two new offers, or with one offer without id, passes the bound
    for (const other of [new OfferAcceptanceRate().addAll([offer('f3', 'upsell', true), offer('f4', 'upsell', true)]), new OfferAcceptanceRate().add(offer(undefined, 'upsell', true))]) {
      const merged = atBound();
      const before = JSON.stringify(merged.toJSON());
      expectKpiError(() => merged.merge(other), 'INVALID_NUMBER', 'offered');
      expect(JSON.stringify(merged.toJSON())).toBe(before);
    }
    // a merge whose offers are all known adds nothing and passes
    expect(atBound().merge(OfferAcceptanceRate.fromJSON(saved({ offers: real }))).result().offered).toBe(full);
  });

  test('legacy (version 1) rows: compared with nothing of version 2, kept through a merge, written sorted', () => {
    const legacy = OfferAcceptanceRate.fromJSON(saved({ offers: [['f3', 7, false], ['f1', 5, true], ['f2', 6, true]], legacy: [2, 0, 1] }));
    expect((legacy.toJSON().state as { legacy: number[] }).legacy).toStrictEqual([0, 1, 2]);
    // f1 re-delivered under version 2: its version 1 fingerprint cannot be compared, so it is the same offer
    const current = new OfferAcceptanceRate().add(offer('f1', 'upsell', true));
    expect(current.merge(legacy).result()).toStrictEqual({ value: 2 / 3, accepted: 2, offered: 3 });
    const state = current.toJSON().state as { offers: [string, number, boolean][]; legacy: number[] };
    expect(state.legacy.map((row) => state.offers[row]![0]).sort()).toStrictEqual(['f2', 'f3']);
    const into = new OfferAcceptanceRate().merge(legacy);
    // offers of version 2 stay version 2 through a merge
    expect((new OfferAcceptanceRate().merge(new OfferAcceptanceRate().add(offer('f9', 'upsell', true))).toJSON().state as { legacy: number[] }).legacy).toStrictEqual([]);
    expect((into.toJSON().state as { legacy: number[] }).legacy).toStrictEqual([0, 1, 2]);
    // two version 2 fingerprints that differ are a conflict
    const other = new OfferAcceptanceRate().add(offer('f1', 'upsell', false, 'bob'));
    expect(refusal(() => new OfferAcceptanceRate().add(offer('f1', 'upsell', true)).merge(other))).toStrictEqual(CONFLICT);
  });
});
