// Version 2 fingerprints (src/_internal/orderView.ts, offerView.ts, hash.ts) are saved in state, so
// their values are pinned here; they hash an injective encoding of the content, so two orders
// differ in fingerprint whenever they differ in content, whatever characters their fields hold
// (version 1 separated fields with U+0001–U+0004 without escaping them).
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { AverageOrderValue, CrossSellRate, OfferAcceptanceRate, Scorecard, type Offer, type Order } from 'xsell-kpi';
import { orderFingerprint } from '../../src/_internal/orderView.js';
import { offerFingerprint } from '../../src/_internal/offerView.js';
import { orderArb } from '../arbitraries/events.js';
import { expectKpiError } from '../support/expectKpiError.js';
import { readOfferView, readOrderView } from '../support/readOrder.js';

const fingerprint = (order: unknown): number => orderFingerprint(readOrderView(order));

const base: Order = {
  orderId: 'o1',
  customerId: 'ann',
  timestamp: '2026-11-30T10:00:00Z',
  currency: 'EUR',
  channel: 'web',
  lines: [
    { sku: 'laptop', category: 'computers', unitPrice: '999.90' },
    { sku: 'case', unitPrice: '29', quantity: 2, discount: '3.50', source: 'cross-sell' },
  ],
};

describe('version 2 fingerprints', () => {
  test('are pinned: saved state holds them, so they never change', () => {
    expect(fingerprint(base)).toMatchInlineSnapshot(`2056587094216197`);
    expect(fingerprint({ orderId: 'x', customerId: 'c', timestamp: new Date(0), lines: [{ sku: 'A', unitPrice: '1' }] })).toMatchInlineSnapshot(`7866880619612434`);
    expect(fingerprint({ ...base, lines: [{ sku: 'A', unitPrice: '123456789012345678.1234', quantity: 1.5 }], dimensions: { region: 'north', tier: 'gold' } })).toMatchInlineSnapshot(`1631895359817951`);
    const offer: Offer = { type: 'offer', offerId: 'f1', customerId: 'ann', timestamp: '2026-11-30T10:00:00Z', kind: 'upsell', accepted: true, channel: 'app' };
    expect(offerFingerprint(readOfferView(offer))).toMatchInlineSnapshot(`1060551606253584`);
  });

  test('are 53-bit non-negative integers, the same for the same content however it is written', () => {
    fc.assert(
      fc.property(orderArb(), (order) => {
        const value = fingerprint(order);
        expect(Number.isSafeInteger(value) && value >= 0).toBe(true);
        // Amounts as numbers or strings, quantity 1 written or not, dimensions in another key order, the orderId: not content.
        const rewritten: Order = {
          ...order,
          orderId: `${String(order.orderId)}-again`,
          lines: order.lines.map((line) => ({ ...line, quantity: line.quantity ?? 1, unitPrice: String(line.unitPrice) })),
        };
        if (order.dimensions !== undefined) rewritten.dimensions = Object.fromEntries(Object.entries(order.dimensions).reverse());
        expect(fingerprint(rewritten)).toBe(value);
      }),
    );
  });

  test('differ whenever one field of the content differs', () => {
    const variants: [string, Order][] = [
      ['customer', { ...base, customerId: 'bob' }],
      ['time', { ...base, timestamp: '2026-11-30T10:00:00.001Z' }],
      ['currency', { ...base, currency: 'USD' }],
      ['no currency', (({ currency: _currency, ...rest }) => rest)(base)],
      ['channel', { ...base, channel: 'app' }],
      ['segment', { ...base, segment: 'web' }],
      ['dimension', { ...base, dimensions: { channel: 'web' } }],
      ['sku', { ...base, lines: [{ ...base.lines[0]!, sku: 'laptop2' }, base.lines[1]!] }],
      ['category', { ...base, lines: [{ ...base.lines[0]!, category: 'computer' }, base.lines[1]!] }],
      ['no category', { ...base, lines: [{ sku: 'laptop', unitPrice: '999.90' }, base.lines[1]!] }],
      ['quantity', { ...base, lines: [base.lines[0]!, { ...base.lines[1]!, quantity: 3 }] }],
      ['price', { ...base, lines: [{ ...base.lines[0]!, unitPrice: '999.91' }, base.lines[1]!] }],
      ['discount', { ...base, lines: [base.lines[0]!, { ...base.lines[1]!, discount: '3.51' }] }],
      ['source', { ...base, lines: [base.lines[0]!, { ...base.lines[1]!, source: 'upsell' }] }],
      ['line order', { ...base, lines: [base.lines[1]!, base.lines[0]!] }],
      ['one line fewer', { ...base, lines: [base.lines[0]!] }],
    ];
    const values = new Map<number, string>([[fingerprint(base), 'base']]);
    for (const [what, order] of variants) {
      const value = fingerprint(order);
      expect({ what, same: values.get(value) }).toStrictEqual({ what, same: undefined });
      values.set(value, what);
    }
  });

  // An outside audit found orders that version 1 could not tell apart: fields holding its separators.
  const lookalikes: [string, Order, Order][] = [
    ['a separator moved between channel and segment', { ...base, channel: 'a\u0001b', segment: 'c' }, { ...base, channel: 'a', segment: 'b\u0001c' }],
    ['an absent channel and the absent marker', (({ channel: _channel, ...rest }) => rest)(base), { ...base, channel: '\u0002' }],
    ['two dimensions objects', { ...base, dimensions: { a: 'b\u0003c', d: 'e' } }, { ...base, dimensions: { a: 'b', 'c\u0003d': 'e' } }],
    ['a sku holding a line separator', { ...base, lines: [{ sku: 'a\u0004b', unitPrice: '1' }] }, { ...base, lines: [{ sku: 'a', category: 'b', unitPrice: '1' }] }],
    ['an empty string and an absent segment', { ...base, segment: '' }, base],
  ];

  test.each(lookalikes)('tell apart %s', (_what, one, other) => {
    expect(fingerprint(one)).not.toBe(fingerprint(other));
  });

  test.each(lookalikes)('%s under one orderId: CONFLICTING_DUPLICATE in an accumulator and a Scorecard, nothing changed', (_what, one, other) => {
    for (const accumulator of [new CrossSellRate(), new AverageOrderValue(), new Scorecard({ groupBy: ['channel', 'segment'] })]) {
      accumulator.add(one as never);
      const before = JSON.stringify(accumulator);
      expectKpiError(() => accumulator.add(other as never), 'CONFLICTING_DUPLICATE', 'orderId');
      expect(JSON.stringify(accumulator)).toBe(before);
    }
  });

  test('offers whose fields hold separators are told apart too', () => {
    const offer: Offer = { type: 'offer', offerId: 'f1', customerId: 'ann', timestamp: new Date(0), kind: 'upsell', accepted: true, channel: 'a\u0001b', segment: 'c' };
    const lookalike: Offer = { ...offer, channel: 'a', segment: 'b\u0001c' };
    expect(offerFingerprint(readOfferView(offer))).not.toBe(offerFingerprint(readOfferView(lookalike)));
    const rate = new OfferAcceptanceRate().add(offer);
    expectKpiError(() => rate.add(lookalike), 'CONFLICTING_DUPLICATE', 'offerId');
  });

  test('random pairs of different orders (ids aside) have different fingerprints', () => {
    fc.assert(
      fc.property(orderArb(), orderArb(), (one, other) => {
        const same = JSON.stringify(readOrderView({ ...one, orderId: 'x' }).lines) === JSON.stringify(readOrderView({ ...other, orderId: 'x' }).lines);
        fc.pre(!same || one.customerId !== other.customerId);
        expect(fingerprint(one)).not.toBe(fingerprint(other));
      }),
    );
  });
});
