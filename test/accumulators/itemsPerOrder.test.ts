import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { ItemsPerOrder, type Order } from 'xsell-kpi';
import { decimalText, streamArb } from '../arbitraries/events.js';
import * as big from '../reference/bigDecimal.js';

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
