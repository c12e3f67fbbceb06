/** The table of order ids read: a compact open-addressing hash table that grows. */
import { describe, expect, test } from 'vitest';
import { OrderStatus, SeenIds, hash32 } from '../../src/cli/readers/seenIds.js';

describe('SeenIds', () => {
  test('finds every id added, with its line and status, across growth; nothing else', () => {
    const seen = new SeenIds();
    const ids = Array.from({ length: 50_000 }, (_, index) => (index % 3 === 0 ? `#${index}` : index % 3 === 1 ? `order-${index}-é` : String(index * 7919)));
    ids.forEach((id, index) => {
      expect(seen.find(id)).toBeLessThan(0);
      seen.add(id, index + 1, index % 2 === 0 ? OrderStatus.Open : OrderStatus.Skipped);
    });
    expect(seen.size).toBe(ids.length);
    seen.setStatus(seen.find('#0'), OrderStatus.Counted);
    seen.setContent(seen.find('#3'), 42);
    ids.forEach((id, index) => {
      const slot = seen.find(id);
      expect(slot).toBeGreaterThanOrEqual(0);
      expect(seen.line(slot)).toBe(index + 1);
    });
    expect(seen.status(seen.find('#0'))).toBe(OrderStatus.Counted);
    expect(seen.status(seen.find(ids[1]!))).toBe(OrderStatus.Skipped);
    expect(seen.content(seen.find('#3'))).toBe(42);
    expect(seen.content(seen.find('#6'))).toBe(0);
    for (const id of ['#1', 'order-0-é', '', '__proto__', '7918']) expect(seen.find(id)).toBeLessThan(0);
  });

  test('hash32 is a 32-bit hash that tells near ids apart and depends on its seed', () => {
    const hashes = new Set(Array.from({ length: 10_000 }, (_, index) => hash32(`A${index}`, 1)));
    expect(hashes.size).toBeGreaterThan(9_985);
    expect(hash32('A1', 1)).not.toBe(hash32('A1', 2));
    expect(hash32('', 1)).toBeGreaterThanOrEqual(0);
    expect(hash32('x'.repeat(1000), 1)).toBeLessThan(2 ** 32);
  });
});
