// The id table (src/_internal/idTable.ts) that numbers order, offer and customer ids: checked
// directly against a Map, across its two modes (a scanned list up to eight ids, then open
// addressing with linear probing, rehashed as it fills), with ids whose slot hashes collide and ids
// whose whole 32-bit hashes are equal (found by a search, so the test does not depend on the hash).
// Found by mutation testing (docs/mutation.md): `has` had no test, and only the accumulators'
// tests reached the table, never with colliding hashes.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { hashKey } from '../../src/_internal/hash.js';
import { EMPTY_FLOAT64, EMPTY_INT32, EMPTY_UINT8, IdTable, grow } from '../../src/_internal/idTable.js';

/** Two different ids with the same `hashKey`: the first pair among pseudo-random short ids. */
function collidingPair(): [string, string] {
  const seen = new Map<number, string>();
  for (let index = 0; ; index++) {
    const id = `c${(Math.imul(index, 0x9e3779b1) >>> 0).toString(36)}`;
    const hash = hashKey(id);
    const before = seen.get(hash);
    if (before !== undefined && before !== id) return [before, id];
    seen.set(hash, id);
  }
}

const [twinA, twinB] = collidingPair();
const ids = (count: number, prefix = 'id'): string[] => Array.from({ length: count }, (_, index) => `${prefix}${index}`);

/** A table holding `list` in order, each added by `row`. */
function tableOf(list: readonly string[]): IdTable {
  const table = new IdTable();
  for (const id of list) table.row(id);
  return table;
}

/** Every observable of `table` against the ids it should hold, in order, and ids it should not. */
function expectHolds(table: IdTable, list: readonly string[], absent: readonly string[]): void {
  expect(table.size).toBe(list.length);
  expect(table.ids).toStrictEqual(list);
  list.forEach((id, row) => {
    expect(table.find(id)).toBe(row);
    expect(table.find(id, hashKey(id))).toBe(row);
    expect(table.hashOf(row)).toBe(hashKey(id));
  });
  for (const id of absent) {
    expect(table.find(id)).toBe(-1);
    expect(table.find(id, hashKey(id))).toBe(-1);
  }
}

describe('IdTable', () => {
  test('the colliding pair is two ids with one hash', () => {
    expect(twinA).not.toBe(twinB);
    expect(hashKey(twinA)).toBe(hashKey(twinB));
  });

  test('an empty table finds nothing', () => {
    const table = new IdTable();
    expect(table.size).toBe(0);
    expect(table.find('a')).toBe(-1);
    expect(table.find('')).toBe(-1);
    expect(table.has(tableOf(['a']), 0)).toBe(false);
  });

  test('numbers ids in the order they come, once each, at every size up to past two rehashes', () => {
    // 8 ids are scanned, the 9th builds the slots, and rows 16, 32 and 64 rehash to a larger table.
    for (const count of [1, 2, 7, 8, 9, 10, 15, 16, 17, 31, 32, 33, 63, 64, 65, 130]) {
      const list = ids(count);
      const table = tableOf(list);
      expectHolds(table, list, ['', 'id', `id${count}`, `id${count + 1}`, 'x0']);
      // Asking again for a known id gives its row and adds nothing, the first row included.
      list.forEach((id, row) => expect(table.row(id)).toBe(row));
      expect(table.size).toBe(count);
    }
  });

  test('add numbers a new id after the others, with or without its hash', () => {
    const table = new IdTable();
    for (const [row, id] of ids(40).entries()) expect(row % 2 === 0 ? table.add(id) : table.add(id, hashKey(id))).toBe(row);
    expectHolds(table, ids(40), ['id40', 'x']);
  });

  test('ids with one hash are told apart by their text, in either mode', () => {
    const small = tableOf([twinA]);
    expect(small.find(twinB)).toBe(-1);
    expect(small.row(twinB)).toBe(1);
    expectHolds(small, [twinA, twinB], ['x']);

    for (const before of [8, 9, 20]) {
      const list = [...ids(before), twinA];
      const table = tableOf(list);
      expect(table.find(twinB)).toBe(-1);
      expect(table.find(twinB, hashKey(twinA))).toBe(-1);
      expect(table.row(twinB)).toBe(before + 1);
      // Past a rehash too.
      const more = ids(40, 'more');
      for (const id of more) table.row(id);
      expectHolds(table, [...list, twinB, ...more], ['x']);
    }
  });

  test('has: whether another table’s id is in this one, at every row and in both modes', () => {
    for (const [here, there] of [
      [3, 5],
      [5, 3],
      [8, 9],
      [9, 8],
      [20, 70],
      [70, 20],
    ] as const) {
      const mine = tableOf(ids(here));
      const other = tableOf(ids(there));
      for (let row = 0; row < there; row++) expect(mine.has(other, row)).toBe(row < here);
      const strangers = tableOf([...ids(there, 'x'), twinB]);
      for (let row = 0; row <= there; row++) expect(mine.has(strangers, row)).toBe(false);
    }
    // An id of the same hash as one here is not here.
    const withTwin = tableOf([...ids(12), twinA]);
    expect(withTwin.has(tableOf([twinB]), 0)).toBe(false);
    expect(withTwin.has(tableOf([twinA]), 0)).toBe(true);
    expect(withTwin.has(tableOf([...ids(12, 'y'), twinB]), 12)).toBe(false);
  });

  test('behaves as a Map from id to first position, whatever the ids and their order', () => {
    // A pool with ids that collide in the slot hash (many, over 32 to 256 slots) and in the whole hash.
    const pool = [...ids(150, 'p'), twinA, twinB, '', 'é', 'ab', 'ba'];
    const operation = fc.record({ table: fc.constantFrom(0, 1, 1), kind: fc.constantFrom('row', 'find'), id: fc.nat({ max: pool.length - 1 }) });
    fc.assert(
      fc.property(fc.array(operation, { maxLength: 500 }), (operations) => {
        const tables = [new IdTable(), new IdTable()] as const;
        const models = [new Map<string, number>(), new Map<string, number>()] as const;
        for (const { table: which, kind, id: index } of operations) {
          const table = tables[which];
          const model = models[which];
          const id = pool[index]!;
          if (kind === 'find') {
            expect(table.find(id)).toBe(model.get(id) ?? -1);
          } else {
            if (!model.has(id)) model.set(id, model.size);
            expect(table.row(id)).toBe(model.get(id));
          }
          expect(table.size).toBe(model.size);
        }
        for (const [which, table] of tables.entries()) {
          const model = models[which]!;
          const other = tables[1 - which]!;
          expectHolds(
            table,
            [...model.keys()],
            pool.filter((id) => !model.has(id)),
          );
          for (let row = 0; row < other.size; row++) expect(table.has(other, row)).toBe(model.has(other.ids[row]!));
        }
      }),
    );
  });
});

describe('grow', () => {
  test('gives an array of the asked length, at least 8, holding the old elements first', () => {
    const ints = grow(Int32Array.of(5, -6, 7), 6);
    expect(ints).toBeInstanceOf(Int32Array);
    expect([...ints]).toStrictEqual([5, -6, 7, 0, 0, 0, 0, 0]);
    const longer = grow(new Int32Array(16).fill(3), 32);
    expect(longer).toHaveLength(32);
    expect([...longer.subarray(0, 16)]).toStrictEqual(new Array(16).fill(3));
    expect([...longer.subarray(16)]).toStrictEqual(new Array(16).fill(0));
    const floats = grow(EMPTY_FLOAT64, 0);
    expect(floats).toBeInstanceOf(Float64Array);
    expect(floats).toHaveLength(8);
    expect(grow(EMPTY_UINT8, 3)).toStrictEqual(new Uint8Array(8));
    expect(grow(EMPTY_INT32, 9)).toStrictEqual(new Int32Array(9));
    // The shared empty arrays are never written to.
    expect([EMPTY_INT32.length, EMPTY_FLOAT64.length, EMPTY_UINT8.length]).toStrictEqual([0, 0, 0]);
  });
});
