import { describe, expect, test } from 'vitest';
import { OfferAcceptanceRate, offerAcceptanceRate, type Offer } from 'xsell-kpi';
import { expectKpiError } from '../support/expectKpiError.js';

function offer(accepted: boolean, extra: Partial<Offer> = {}): Offer {
  return { type: 'offer', customerId: 'ann', timestamp: '2026-11-02T10:00:00Z', kind: 'cross-sell', accepted, ...extra };
}

describe('OfferAcceptanceRate: known values', () => {
  test('accepted over offered, every kind by default', () => {
    const offers = [offer(true), offer(false), offer(false, { kind: 'upsell' }), offer(true, { kind: 'upsell' })];
    expect(OfferAcceptanceRate.of(offers)).toEqual({ value: 0.5, accepted: 2, offered: 4 });
    expect(OfferAcceptanceRate.of(offers, { kind: 'upsell' })).toEqual({ value: 0.5, accepted: 1, offered: 2 });
    expect(OfferAcceptanceRate.of([...offers, offer(true)], { kind: 'cross-sell' })).toEqual({ value: 2 / 3, accepted: 2, offered: 3 });
  });

  test('offers without an offerId are each counted, identical or not', () => {
    const same = offer(true);
    expect(OfferAcceptanceRate.of([same, same, same, offer(false)])).toEqual({ value: 0.75, accepted: 3, offered: 4 });
  });

  test('offers with an offerId are one offer', () => {
    const shown = offer(true, { offerId: 'f1' });
    expect(OfferAcceptanceRate.of([shown, shown, { ...shown }, offer(false, { offerId: 'f2' }), offer(false)])).toEqual({ value: 1 / 3, accepted: 1, offered: 3 });
    expect(OfferAcceptanceRate.of([offer(true, { offerId: 7 as never }), offer(true, { offerId: '7' })])).toEqual({ value: 1, accepted: 1, offered: 1 });
    expect(OfferAcceptanceRate.of([offer(true, { offerId: '__proto__' }), offer(true, { offerId: 'constructor' })])).toEqual({ value: 1, accepted: 2, offered: 2 });
  });

  test('empty, and result is the formula input plus value', () => {
    expect(new OfferAcceptanceRate().result()).toEqual({ value: null, accepted: 0, offered: 0 });
    const result = OfferAcceptanceRate.of([offer(true), offer(false, { offerId: 'f' })]);
    expect(offerAcceptanceRate(result)).toBe(result.value);
  });
});

describe('OfferAcceptanceRate: validation', () => {
  test('options', () => {
    expect(new OfferAcceptanceRate({}).toJSON().options).toEqual({ kind: null });
    expect(new OfferAcceptanceRate({ kind: null }).toJSON().options).toEqual({ kind: null });
    expectKpiError(() => new OfferAcceptanceRate({ kind: 'organic' } as never), 'INVALID_OPTION', 'kind');
    expectKpiError(() => new OfferAcceptanceRate({ dedupe: true } as never), 'INVALID_OPTION', 'dedupe');
    expectKpiError(() => new OfferAcceptanceRate('upsell' as never), 'INVALID_OPTION');
  });

  test('orders and visits are INVALID_EVENT at type; offers of the other kind are still validated', () => {
    const acc = new OfferAcceptanceRate({ kind: 'upsell' });
    expectKpiError(() => acc.add({ orderId: 'o1', customerId: 'ann', timestamp: new Date(0), lines: [{ sku: 'A', unitPrice: '1' }] } as never), 'INVALID_EVENT', 'type');
    expectKpiError(() => acc.add({ type: 'visit', visitorId: 'v', timestamp: new Date(0), converted: true } as never), 'INVALID_EVENT', 'type');
    expectKpiError(() => acc.add(offer(true, { timestamp: '2026-11-02T10:00:00' })), 'INVALID_TIMESTAMP', 'timestamp');
    expectKpiError(() => acc.add(offer('yes' as never)), 'INVALID_EVENT', 'accepted');
    expectKpiError(() => acc.add(offer(true, { kind: 'organic' as never })), 'INVALID_EVENT', 'kind');
    expectKpiError(() => acc.add(offer(true, { offerId: '' })), 'INVALID_EVENT', 'offerId');
    expect(acc.result()).toEqual({ value: null, accepted: 0, offered: 0 });
  });

  test('the same offerId with different content is CONFLICTING_DUPLICATE, state unchanged', () => {
    const acc = new OfferAcceptanceRate().addAll([offer(false, { offerId: 'f1' }), offer(true)]);
    const before = JSON.stringify(acc);
    expectKpiError(() => acc.add(offer(true, { offerId: 'f1' })), 'CONFLICTING_DUPLICATE', 'offerId');
    expectKpiError(() => acc.add(offer(false, { offerId: 'f1', channel: 'web' })), 'CONFLICTING_DUPLICATE', 'offerId');
    expectKpiError(() => acc.add(offer(false, { offerId: 'f1', kind: 'upsell' })), 'CONFLICTING_DUPLICATE', 'offerId');
    expect(JSON.stringify(acc)).toBe(before);
    expect(acc.result()).toEqual({ value: 0.5, accepted: 1, offered: 2 });
  });

  test('a timestamp given in another form is the same offer', () => {
    const acc = new OfferAcceptanceRate().add(offer(true, { offerId: 'f1', timestamp: '2026-11-02T10:00:00Z' }));
    acc.add(offer(true, { offerId: 'f1', timestamp: Date.parse('2026-11-02T10:00:00Z') }));
    acc.add(offer(true, { offerId: 'f1', timestamp: new Date('2026-11-02T11:00:00+01:00') }));
    expect(acc.result()).toEqual({ value: 1, accepted: 1, offered: 1 });
  });
});

describe('OfferAcceptanceRate: merge', () => {
  test('id’d offers by union, id-less counts added; other unchanged', () => {
    const left = new OfferAcceptanceRate().addAll([offer(true, { offerId: 'f1' }), offer(false, { offerId: 'f2' }), offer(true)]);
    const right = new OfferAcceptanceRate().addAll([offer(false, { offerId: 'f2' }), offer(true, { offerId: 'f3' }), offer(false), offer(true)]);
    const rightBefore = JSON.stringify(right);
    expect(left.merge(right).result()).toEqual({ value: 4 / 6, accepted: 4, offered: 6 });
    expect(JSON.stringify(right)).toBe(rightBefore);
    expect(right.result()).toEqual({ value: 0.5, accepted: 2, offered: 4 });
  });

  test('a conflict changes nothing, even for the offers before it', () => {
    const left = new OfferAcceptanceRate().addAll([offer(true, { offerId: 'f2' }), offer(true)]);
    const right = new OfferAcceptanceRate().addAll([offer(true, { offerId: 'f1' }), offer(false, { offerId: 'f2' }), offer(false)]);
    const before = JSON.stringify(left);
    expectKpiError(() => left.merge(right), 'CONFLICTING_DUPLICATE', 'offerId');
    expect(JSON.stringify(left)).toBe(before);
  });

  test('different options or classes are INCOMPATIBLE_MERGE', () => {
    const all = new OfferAcceptanceRate();
    expectKpiError(() => all.merge(new OfferAcceptanceRate({ kind: 'upsell' })), 'INCOMPATIBLE_MERGE');
    expectKpiError(() => new OfferAcceptanceRate({ kind: 'upsell' }).merge(new OfferAcceptanceRate({ kind: 'cross-sell' })), 'INCOMPATIBLE_MERGE');
    expectKpiError(() => all.merge({ options: { kind: null } } as never), 'INCOMPATIBLE_MERGE');
    expect(new OfferAcceptanceRate({ kind: 'upsell' }).merge(new OfferAcceptanceRate({ kind: 'upsell' })).result().offered).toBe(0);
  });
});

describe('OfferAcceptanceRate: JSON', () => {
  test('layout, and a round trip that keeps accumulating identically', () => {
    const acc = new OfferAcceptanceRate({ kind: 'cross-sell' }).addAll([offer(true, { offerId: 'f1' }), offer(false, { offerId: 'f2' }), offer(true), offer(false), offer(true, { kind: 'upsell' })]);
    const json = JSON.parse(JSON.stringify(acc)) as unknown;
    expect(json).toEqual({
      kind: 'OfferAcceptanceRate',
      version: 3,
      options: { kind: 'cross-sell' },
      state: {
        offers: [
          ['f1', expect.any(Number), true],
          ['f2', expect.any(Number), false],
        ],
        accepted: 1,
        offered: 2,
        legacy: [],
      },
    });
    const restored = OfferAcceptanceRate.fromJSON(json);
    expect(restored.result()).toEqual({ value: 0.5, accepted: 2, offered: 4 });
    expectKpiError(() => restored.add(offer(true, { offerId: 'f2' })), 'CONFLICTING_DUPLICATE');
    restored.addAll([offer(true, { offerId: 'f1' }), offer(true, { offerId: 'f3' }), offer(true)]);
    acc.addAll([offer(true, { offerId: 'f1' }), offer(true, { offerId: 'f3' }), offer(true)]);
    expect(restored.toJSON()).toEqual(acc.toJSON());
    expect(restored.result()).toEqual({ value: 4 / 6, accepted: 4, offered: 6 });
  });

  test('refuses inconsistent or hostile state', () => {
    const json = (state: unknown, options: unknown = { kind: null }) => ({ kind: 'OfferAcceptanceRate', version: 1, options, state });
    expect(OfferAcceptanceRate.fromJSON(json({ offers: [['f1', 5, true]], accepted: 0, offered: 1 })).result()).toEqual({ value: 0.5, accepted: 1, offered: 2 });
    expectKpiError(() => OfferAcceptanceRate.fromJSON(json({ offers: [], accepted: 2, offered: 1 })), 'INVALID_STATE', 'state.accepted');
    expectKpiError(() => OfferAcceptanceRate.fromJSON(json({ offers: [['f1', 5, true]], accepted: 0, offered: Number.MAX_SAFE_INTEGER })), 'INVALID_STATE', 'state.offered');
    expectKpiError(() => OfferAcceptanceRate.fromJSON(json({ offers: [['f1', 5, true], ['f1', 5, true]], accepted: 0, offered: 0 })), 'INVALID_STATE', 'state.offers[1][0]');
    expectKpiError(() => OfferAcceptanceRate.fromJSON(json({ offers: [['f1', 5]], accepted: 0, offered: 0 })), 'INVALID_STATE', 'state.offers[0]');
    expectKpiError(() => OfferAcceptanceRate.fromJSON(json({ offers: [['f1', 5, true, 1]], accepted: 0, offered: 0 })), 'INVALID_STATE', 'state.offers[0]');
    expectKpiError(() => OfferAcceptanceRate.fromJSON(json({ offers: [['f1', -1, true]], accepted: 0, offered: 0 })), 'INVALID_STATE', 'state.offers[0][1]');
    expectKpiError(() => OfferAcceptanceRate.fromJSON(json({ offers: [['f1', 1.5, true]], accepted: 0, offered: 0 })), 'INVALID_STATE', 'state.offers[0][1]');
    expectKpiError(() => OfferAcceptanceRate.fromJSON(json({ offers: [['f1', 1, 'yes']], accepted: 0, offered: 0 })), 'INVALID_STATE', 'state.offers[0][2]');
    expectKpiError(() => OfferAcceptanceRate.fromJSON(json({ offers: [[7, 1, true]], accepted: 0, offered: 0 })), 'INVALID_STATE', 'state.offers[0][0]');
    expectKpiError(() => OfferAcceptanceRate.fromJSON(json({ offers: {}, accepted: 0, offered: 0 })), 'INVALID_STATE', 'state.offers');
    expectKpiError(() => OfferAcceptanceRate.fromJSON(json({ offers: [], accepted: 0 })), 'INVALID_STATE', 'state.offered');
    expectKpiError(() => OfferAcceptanceRate.fromJSON(json({ offers: [], accepted: 0, offered: 0, seen: [] })), 'INVALID_STATE', 'state.seen');
    expectKpiError(() => OfferAcceptanceRate.fromJSON(json({ offers: [], accepted: 0, offered: 0 }, { kind: 'organic' })), 'INVALID_STATE', 'options.kind');
    expectKpiError(() => OfferAcceptanceRate.fromJSON(json({ offers: [], accepted: 0, offered: 0 }, { kind: null, dedupe: true })), 'INVALID_STATE', 'options.dedupe');
    expectKpiError(() => OfferAcceptanceRate.fromJSON(json(null)), 'INVALID_STATE', 'state');
    expectKpiError(() => OfferAcceptanceRate.fromJSON({ ...json({}), version: 4 }), 'UNSUPPORTED_VERSION', 'version');
    expectKpiError(() => OfferAcceptanceRate.fromJSON({ ...json({}), kind: 'ConversionRate' }), 'INVALID_STATE', 'kind');
  });
});
