import fc from 'fast-check';
import { describe, expect, test, vi } from 'vitest';
import { toEpochMilliseconds, type MoneyInput, type Offer, type Order } from 'xsell-kpi';
import { Decimal } from '../../src/_internal/decimal.js';
import { offerFingerprintV1, orderFingerprintV1 } from '../../src/_internal/fingerprintV1.js';
import type { OfferView } from '../../src/_internal/offerView.js';
import { readOfferView, readOrderView } from '../support/readOrder.js';
import { isGuest, offerArb, orderArb } from '../arbitraries/events.js';
import { lineCaseArb, orderCaseArb, priceValueArb, quantityValueArb } from '../support/amounts.js';

/**
 * Fingerprints are stored in serialized state (version 1), so the streaming implementation must
 * return exactly what the previous one did. The reference below is that implementation (git
 * 2a31788~1, src/_internal/normalize.ts), copied verbatim: it builds the canonical text from
 * `Decimal`s normalized the old way, straight from the raw inputs, and hashes it with cyrb53.
 */

// ---------------------------------------------------------------------------------------------
// The v1 reference, as it was
// ---------------------------------------------------------------------------------------------

interface OldLine {
  readonly sku: string;
  readonly category: string | undefined;
  readonly quantity: Decimal;
  readonly unitPrice: Decimal;
  readonly discount: Decimal;
  readonly source: string;
}

interface OldOrder {
  readonly customerId: string;
  readonly time: number;
  readonly currency: string | null;
  readonly channel: string | undefined;
  readonly segment: string | undefined;
  readonly dimensions: Readonly<Record<string, string>> | undefined;
  readonly lines: readonly OldLine[];
}

function oldOrderFingerprint(order: OldOrder): number {
  let text = `${order.customerId}\u0001${order.time}\u0001${order.currency ?? ''}\u0001${order.channel ?? '\u0002'}\u0001${order.segment ?? '\u0002'}\u0001`;
  if (order.dimensions !== undefined) {
    for (const key of Object.keys(order.dimensions).sort()) text += `${key}\u0003${order.dimensions[key]}\u0003`;
  }
  for (const line of order.lines) {
    text += `\u0001${line.sku}\u0004${line.category ?? '\u0002'}\u0004${line.quantity.toFixed()}\u0004${line.unitPrice.toFixed()}\u0004${line.discount.toFixed()}\u0004${line.source}`;
  }
  return hash53(text);
}

function oldOfferFingerprint(offer: OfferView): number {
  let text = `${offer.customerId}\u0001${offer.time}\u0001${offer.kind}\u0001${offer.accepted}\u0001${offer.channel ?? '\u0002'}\u0001${offer.segment ?? '\u0002'}`;
  if (offer.dimensions !== undefined) {
    for (const key of Object.keys(offer.dimensions).sort()) text += `${key}\u0003${offer.dimensions[key]}\u0003`;
  }
  return hash53(text);
}

/** cyrb53 (public domain, bryc): a fast, well-mixed 53-bit string hash. */
function hash53(text: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    h1 = Math.imul(h1 ^ code, 2654435761);
    h2 = Math.imul(h2 ^ code, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/** The old money normalization: `toMoney` (a string or number straight into `Decimal`, a decimal.js value through its string), zero as `ZERO`. */
function oldMoney(value: MoneyInput): Decimal {
  const amount = typeof value === 'string' || typeof value === 'number' ? new Decimal(value) : new Decimal((value as Decimal).toString());
  return amount.isZero() ? new Decimal(0) : amount;
}

/** The order as the old normalizeOrder read it, from the raw input (validity is assumed: the orders here are valid). */
function oldNormalized(order: Order): OldOrder {
  const dimensions = order.dimensions;
  return {
    customerId: String(order.customerId),
    time: toEpochMilliseconds(order.timestamp),
    currency: order.currency ?? null,
    channel: order.channel,
    segment: order.segment,
    dimensions: dimensions === undefined ? undefined : Object.fromEntries(Object.keys(dimensions).map((key) => [key, Object.getOwnPropertyDescriptor(dimensions, key)!.value as string])),
    lines: order.lines.map((line) => ({
      sku: String(line.sku),
      category: line.category,
      quantity: new Decimal(line.quantity ?? 1),
      unitPrice: oldMoney(line.unitPrice),
      discount: line.discount === undefined ? new Decimal(0) : oldMoney(line.discount),
      source: line.source ?? 'organic',
    })),
  };
}

function expectSameOrderFingerprint(order: Order): void {
  expect(orderFingerprintV1(readOrderView(order))).toBe(oldOrderFingerprint(oldNormalized(order)));
}

// ---------------------------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------------------------

describe('orderFingerprintV1 returns the version 1 value', () => {
  test('for orders from the shared event arbitrary', () => {
    // Version 1 had no guest orders.
    fc.assert(fc.property(orderArb({ currency: 'mixed' }).filter((order) => !isGuest(order)), expectSameOrderFingerprint));
  });

  test('for orders with dimensions, absent fields, any text, exponent quantities, Decimal inputs, huge amounts and zeros such as "-0"', () => {
    fc.assert(fc.property(orderCaseArb({ maxLines: 6 }), ({ order }) => expectSameOrderFingerprint(order)));
  });

  test('for every quantity and price written every way', () => {
    const lineArb = lineCaseArb({ prices: priceValueArb, quantities: fc.oneof(quantityValueArb, fc.double({ min: Number.MIN_VALUE, max: Number.MAX_VALUE, noNaN: true })) });
    fc.assert(
      fc.property(lineArb, ({ line }) => {
        expectSameOrderFingerprint({ orderId: 'o', customerId: 'c', timestamp: new Date(0), lines: [line] });
      }),
    );
  });

  test('distinguishes what v1 distinguished, and nothing more', () => {
    const order = (unitPrice: MoneyInput, quantity?: number): Order => ({ orderId: 'o', customerId: 'c', timestamp: new Date(0), lines: [quantity === undefined ? { sku: 'A', unitPrice } : { sku: 'A', unitPrice, quantity }] });
    const fingerprint = (value: Order) => orderFingerprintV1(readOrderView(value));
    // the same value written differently: one fingerprint
    expect(fingerprint(order('19.90'))).toBe(fingerprint(order(19.9)));
    expect(fingerprint(order('-0'))).toBe(fingerprint(order('0.000')));
    expect(fingerprint(order('+.5', 1))).toBe(fingerprint(order(new Decimal('0.50'))));
    // different values: different fingerprints
    expect(fingerprint(order('19.9'))).not.toBe(fingerprint(order('19.99')));
    expect(fingerprint(order('1', 1e21))).not.toBe(fingerprint(order('1', 1e22)));
    for (const value of [order('19.90'), order('-0'), order('0.0000001', 1e-7), order('123456789012345678.1234', 1e21)]) expectSameOrderFingerprint(value);
  });

  test('hashes a guest as the empty customer id (version 1 had no guests)', () => {
    const guest: Order = { orderId: 'o', customerId: null, timestamp: new Date(0), lines: [{ sku: 'A', unitPrice: '2.5', quantity: 3 }] };
    expect(orderFingerprintV1(readOrderView(guest))).toBe(oldOrderFingerprint({ ...oldNormalized(guest), customerId: '' }));
    expect(orderFingerprintV1(readOrderView(guest))).not.toBe(orderFingerprintV1(readOrderView({ ...guest, customerId: 'null' })));
  });

  test('writes plain numbers without a Decimal (only a quantity in exponent form or a Decimal amount takes one)', () => {
    const view = readOrderView({ orderId: 'o', customerId: 'c', timestamp: new Date(0), lines: [{ sku: 'A', unitPrice: '19.9', quantity: 1.5, discount: '0.25' }, { sku: 'B', unitPrice: 3, quantity: 0.001 }] });
    const exponent = readOrderView({ orderId: 'o', customerId: 'c', timestamp: new Date(0), lines: [{ sku: 'A', unitPrice: '1', quantity: 1e-7 }] });
    const toFixed = vi.spyOn(Decimal.prototype, 'toFixed');
    try {
      orderFingerprintV1(view);
      expect(toFixed).not.toHaveBeenCalled();
      orderFingerprintV1(exponent);
      expect(toFixed).toHaveBeenCalledOnce();
    } finally {
      toFixed.mockRestore();
    }
  });
});

describe('offerFingerprintV1 returns the version 1 value', () => {
  const offerBodyArb = fc.record({
    customerId: fc.oneof(fc.constantFrom('ann', '7', '__proto__'), fc.string({ unit: 'binary', minLength: 1, maxLength: 5 })),
    timestamp: fc.integer({ min: -8.64e15, max: 8.64e15 }).map((milliseconds) => new Date(milliseconds)),
    kind: fc.constantFrom('cross-sell' as const, 'upsell' as const),
    accepted: fc.boolean(),
    channel: fc.option(fc.string({ unit: 'binary', maxLength: 4 }), { nil: undefined }),
    segment: fc.option(fc.string({ unit: 'binary', maxLength: 4 }), { nil: undefined }),
    dimensions: fc.option(fc.dictionary(fc.string({ unit: 'binary', maxLength: 3 }), fc.string({ maxLength: 3 }), { maxKeys: 4 }), { nil: undefined }),
  });
  const anyOfferArb = fc.oneof(
    offerArb(),
    offerBodyArb.map((fields): Offer => {
      const offer: Record<string, unknown> = { type: 'offer' };
      for (const [key, value] of Object.entries(fields)) if (value !== undefined) offer[key] = value;
      return offer as unknown as Offer;
    }),
  );

  test('for arbitrary offers', () => {
    fc.assert(
      fc.property(anyOfferArb, (offer) => {
        const normalized = readOfferView(offer);
        expect(offerFingerprintV1(normalized)).toBe(oldOfferFingerprint(normalized));
      }),
    );
  });
});
