import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { ItemsPerOrder, type Order } from 'xsell-kpi';
import { decimalText, streamArb } from '../arbitraries/events.js';
import * as big from '../reference/bigDecimal.js';
import { expectKpiError } from '../support/expectKpiError.js';

const order = (orderId: string, ...quantities: (number | undefined)[]): Order => ({
  orderId,
  customerId: 'ann',
  timestamp: '2026-11-02T10:00:00Z',
  lines: quantities.map((quantity, index) => ({ sku: `s${index}`, unitPrice: '1', ...(quantity === undefined ? {} : { quantity }) })),
});

describe('ItemsPerOrder: known values', () => {
  test('total quantity over orders; an absent quantity is 1; fractional quantities add exactly', () => {
    expect(ItemsPerOrder.of([order('o1', 2, undefined), order('o2', 1.5), order('o3', 0.25, 0.25)])).toStrictEqual({ value: 5 / 3, items: 5, orders: 3 });
    // 0.1 + 0.2 is 0.3 exactly: quantities are read through their decimal strings
    expect(ItemsPerOrder.of([order('o1', 0.1, 0.2)])).toStrictEqual({ value: 0.3, items: 0.3, orders: 1 });
    expect(new ItemsPerOrder().result()).toStrictEqual({ value: null, items: 0, orders: 0 });
  });

  test('a re-delivered order counts once; with dedupe: false it counts twice', () => {
    const first = order('o1', 3);
    expect(ItemsPerOrder.of([first, structuredClone(first), order('o2', 1)])).toStrictEqual({ value: 2, items: 4, orders: 2 });
    expect(ItemsPerOrder.of([first, structuredClone(first), order('o2', 1)], { dedupe: false })).toStrictEqual({ value: 7 / 3, items: 7, orders: 3 });
  });

  test('items is the exact sum of the quantities, whatever the stream', () => {
    fc.assert(
      fc.property(streamArb(), (orders) => {
        const exact = orders.flatMap((item) => item.lines).reduce((sum, line) => big.add(sum, big.parse(decimalText(line.quantity ?? 1))), big.parse('0'));
        expect(ItemsPerOrder.of(orders).items).toBe(Number(big.toPlainString(exact)));
      }),
      { numRuns: 100 },
    );
  });
});

describe('ItemsPerOrder: states that cannot be are refused; counts stop at 2^53 − 1', () => {
  const saved = (state: Record<string, unknown>, dedupe = false) => ({ kind: 'ItemsPerOrder', version: 2, options: { dedupe }, state });

  test('items and orders are both 0 or both more than 0; an order keeps more than 0 items; contributions add up', () => {
    expectKpiError(() => ItemsPerOrder.fromJSON(saved({ items: '3', orders: 0 })), 'INVALID_STATE', 'state.items');
    expectKpiError(() => ItemsPerOrder.fromJSON(saved({ items: '0', orders: 2 })), 'INVALID_STATE', 'state.items');
    expectKpiError(() => ItemsPerOrder.fromJSON(saved({ items: '2', orders: 1, seen: [['o1', 1, '0'], ['o2', 2, '2']] }, true)), 'INVALID_STATE', 'state.seen[0][2]');
    expectKpiError(() => ItemsPerOrder.fromJSON(saved({ items: '3', orders: 2, seen: [['o1', 1, '1'], ['o2', 2, '1']] }, true)), 'INVALID_STATE', 'state.seen');
    expect(ItemsPerOrder.fromJSON(saved({ items: '2.5', orders: 2, seen: [['o1', 1, '1.5'], ['o2', 2, '1']] }, true)).result()).toStrictEqual({ value: 1.25, items: 2.5, orders: 2 });
  });

  test('add and merge refuse to count a 2^53-th order', () => {
    const full = ItemsPerOrder.fromJSON(saved({ items: '9007199254740991', orders: Number.MAX_SAFE_INTEGER }));
    expectKpiError(() => full.add(order('o1', 1)), 'INVALID_NUMBER', 'orders');
    expectKpiError(() => new ItemsPerOrder({ dedupe: false }).add(order('o1', 1)).merge(full), 'INVALID_NUMBER', 'orders');
    expect(full.result().orders).toBe(Number.MAX_SAFE_INTEGER);
  });
});
