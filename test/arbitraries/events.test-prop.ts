import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { isKpiError, toEpochMilliseconds, validateEvent, validateOffer, validateOrder, validateReturn, validateVisit, type CommerceEvent, type Order } from 'xsell-kpi';
import * as big from '../reference/bigDecimal.js';
import {
  conflictingDuplicate,
  decimalText,
  deliveryId,
  exactGross,
  invalidEventArb,
  invalidOfferArb,
  invalidOrderArb,
  invalidReturnArb,
  invalidVisitArb,
  streamArb,
  withRedeliveries,
} from './events.js';

const sample = <T>(arbitrary: fc.Arbitrary<T>, numRuns = 400): T[] => fc.sample(arbitrary, { numRuns, seed: fc.readConfigureGlobal().seed ?? 0 });

const rejects = (validate: (value: unknown) => unknown, value: unknown): boolean => {
  try {
    validate(value);
    return false;
  } catch (error) {
    return isKpiError(error);
  }
};

describe('event arbitraries', () => {
  test('streams are valid, with every order id (and offer id) used once', () => {
    fc.assert(
      fc.property(streamArb({ kinds: ['order', 'offer', 'visit'] }), (events) => {
        for (const event of events) validateEvent(event);
        const ids = events.map(deliveryId).filter((id) => id !== undefined);
        expect(new Set(ids).size).toBe(ids.length);
      }),
    );
  });

  test('discounts are at most quantity × unitPrice, exactly', () => {
    fc.assert(
      fc.property(streamArb(), (orders) => {
        for (const line of orders.flatMap((order) => order.lines)) {
          if (line.discount !== undefined) expect(big.compare(big.parse(decimalText(line.discount)), exactGross(line))).toBeLessThanOrEqual(0);
        }
      }),
    );
  });

  test('currency modes: USD everywhere, none anywhere, or mixed', () => {
    const currencies = (orders: Order[]) => new Set(orders.map((order) => order.currency ?? null));
    for (const orders of sample(streamArb({ currency: 'USD' }), 100)) expect([...currencies(orders)].every((code) => code === 'USD')).toBe(true);
    for (const orders of sample(streamArb({ currency: null }), 100)) expect(orders.every((order) => !('currency' in order))).toBe(true);
    expect(sample(streamArb({ currency: 'mixed' }), 100).some((orders) => currencies(orders).size === 3)).toBe(true);
  });

  test("categories: 'always' puts one on every line", () => {
    for (const orders of sample(streamArb({ categories: 'always' }), 100)) {
      expect(orders.every((order) => order.lines.every((line) => typeof line.category === 'string'))).toBe(true);
    }
  });

  test('the awkward cases all show up', () => {
    const streams = sample(streamArb({ kinds: ['order', 'offer', 'visit'] }));
    const events = streams.flat();
    const orders = events.filter((event): event is Order => event.type === undefined || event.type === 'order');
    const lines = orders.flatMap((order) => order.lines);
    const instants = events.map((event) => toEpochMilliseconds(event.timestamp));
    const seen = {
      emptyStream: streams.some((stream) => stream.length === 0),
      oneEvent: streams.some((stream) => stream.length === 1),
      manyEvents: streams.some((stream) => stream.length >= 20),
      repeatCustomer: streams.some((stream) => {
        const customers = stream.filter((event) => event.type !== 'visit' && event.type !== 'offer').map((event) => String((event as Order).customerId));
        return new Set(customers).size < customers.length;
      }),
      protoCustomer: orders.some((order) => order.customerId === '__proto__'),
      protoSku: lines.some((line) => line.sku === '__proto__'),
      protoOrderId: orders.some((order) => order.orderId === '__proto__'),
      numericId: orders.some((order) => typeof order.customerId === 'number'),
      fourDecimals: lines.some((line) => typeof line.unitPrice === 'string' && /\.\d{4}$/.test(line.unitPrice)),
      hugePrice: lines.some((line) => big.compare(big.parse(decimalText(line.unitPrice)), big.parse('100000000000')) >= 0),
      tinyPrice: lines.some((line) => decimalText(line.unitPrice) === '0.0001'),
      numberPrice: lines.some((line) => typeof line.unitPrice === 'number'),
      fractionalQuantity: lines.some((line) => line.quantity === 1.5 || line.quantity === 0.25),
      discount: lines.some((line) => line.discount !== undefined),
      fullDiscount: lines.some((line) => line.discount !== undefined && big.compare(big.parse(decimalText(line.discount)), exactGross(line)) === 0 && exactGross(line).unscaled > 0n),
      everySource: new Set(lines.map((line) => line.source)).size === 4,
      isoZ: events.some((event) => typeof event.timestamp === 'string' && event.timestamp.endsWith('Z')),
      isoOffset: events.some((event) => typeof event.timestamp === 'string' && /[+-]\d{2}:?\d{2}$/.test(event.timestamp)),
      epoch: events.some((event) => typeof event.timestamp === 'number'),
      date: events.some((event) => event.timestamp instanceof Date),
      springDst: instants.some((instant) => instant >= Date.UTC(2026, 2, 29, 0, 30) && instant <= Date.UTC(2026, 2, 29, 1, 30)),
      autumnDst: instants.some((instant) => instant >= Date.UTC(2026, 9, 25, 0, 30) && instant <= Date.UTC(2026, 9, 25, 1, 30)),
      yearEnd: instants.some((instant) => instant >= Date.UTC(2026, 11, 31, 23, 30) && instant < Date.UTC(2027, 0, 1)),
      newYear: instants.some((instant) => instant >= Date.UTC(2027, 0, 1) && instant <= Date.UTC(2027, 0, 1, 0, 30)),
      protoDimension: events.some((event) => event.dimensions !== undefined && Object.hasOwn(event.dimensions, '__proto__')),
      noChannel: events.some((event) => event.channel === undefined),
      offerWithId: events.some((event) => event.type === 'offer' && event.offerId !== undefined),
      offerWithoutId: events.some((event) => event.type === 'offer' && event.offerId === undefined),
    };
    expect(Object.entries(seen).filter(([, ok]) => !ok).map(([name]) => name)).toStrictEqual([]);
  });

  test('withRedeliveries adds identical copies of orders and identified offers, after their originals', () => {
    fc.assert(
      fc.property(
        streamArb({ kinds: ['order', 'offer'] }).chain((events) => fc.tuple(fc.constant(events), withRedeliveries(events))),
        ([events, redelivered]) => {
          expect(redelivered.filter((event) => events.includes(event))).toStrictEqual(events);
          const copies = redelivered.filter((event) => !events.includes(event));
          if (events.some((event) => deliveryId(event) !== undefined)) expect(copies.length).toBeGreaterThan(0);
          for (const copy of copies) {
            const original = events.find((event) => deliveryId(event) === deliveryId(copy));
            expect(copy).toStrictEqual(original);
            expect(copy).not.toBe(original);
            expect(redelivered.indexOf(copy)).toBeGreaterThan(redelivered.indexOf(original!));
          }
        },
      ),
    );
  });

  test('conflictingDuplicate keeps the id and changes the content', () => {
    const withDuplicate = streamArb({ kinds: ['order', 'offer'] })
      .map((events) => events.filter((event) => deliveryId(event) !== undefined))
      .filter((events) => events.length > 0)
      .chain((events) => fc.constantFrom(...events))
      .chain((event) => fc.tuple(fc.constant(event), conflictingDuplicate(event)));
    fc.assert(
      fc.property(withDuplicate, ([event, duplicate]: [CommerceEvent, CommerceEvent]) => {
        validateEvent(duplicate);
        expect(deliveryId(duplicate)).toBe(deliveryId(event));
        expect(duplicate).not.toStrictEqual(event);
      }),
    );
  });

  test('invalid events are rejected by the validators with a KpiError', () => {
    fc.assert(
      fc.property(invalidOrderArb(), (value) => {
        expect(rejects(validateOrder, value)).toBe(true);
        expect(rejects(validateEvent, value)).toBe(true);
      }),
    );
    const cases: [fc.Arbitrary<unknown>, (value: unknown) => unknown][] = [
      [invalidOfferArb(), validateOffer],
      [invalidVisitArb(), validateVisit],
      [invalidReturnArb(), validateReturn],
      [invalidEventArb(['order', 'offer', 'visit', 'return']), validateEvent],
      [invalidEventArb(['order']), validateOrder],
      [invalidEventArb(['offer']), validateOffer],
      [invalidEventArb(['visit']), validateVisit],
      [invalidEventArb(['return']), validateReturn],
    ];
    for (const [arbitrary, validate] of cases) {
      fc.assert(
        fc.property(arbitrary, (value) => {
          expect(rejects(validate, value)).toBe(true);
        }),
      );
    }
  });
});
