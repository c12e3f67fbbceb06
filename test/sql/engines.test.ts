/**
 * The harness itself (test/sql/engines.ts), before any SQL of the library runs on it: every
 * event lands in the tables exactly (ids as text, instants, exact decimals, booleans, NULL for
 * absent), and its timestamp parser reads what the library reads.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { toEpochMilliseconds } from 'xsell-kpi';
import { streamArb, timestampArb } from '../arbitraries/events.js';
import { DIALECTS, TABLE_KINDS, decimalOf, instantOf, quoteIdentifier, useEngine, type Dialect, type Engine, type Row, type TableKind, type TableSpec } from './engines.js';

/** A plain decimal without trailing zeros: `'12.3400'` → `'12.34'`, `'0.000'` → `'0'`. */
function trimDecimal(text: string): string {
  return text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text;
}

/** A table's rows, every cell as text (instants as epoch ms, decimals trimmed), in a fixed order. */
async function readTable(engine: Engine, spec: TableSpec, columns: readonly { name: string; type: 'text' | 'decimal' | 'time' | 'boolean' }[]): Promise<string[][]> {
  const [schema, name] = spec.table as [string, string];
  const cast = (column: string, type: string): string => {
    const quoted = quoteIdentifier(column);
    if (type === 'time') return engine.dialect === 'duckdb' ? `epoch_ms(${quoted})::VARCHAR` : `(extract(epoch FROM ${quoted}) * 1000)::bigint::text`;
    return engine.dialect === 'duckdb' ? `${quoted}::VARCHAR` : `${quoted}::text`;
  };
  const select = columns.map((column, index) => `${cast(column.name, column.type)} AS c${index}`).join(', ');
  const rows = await engine.query(`SELECT ${select} FROM ${quoteIdentifier(schema)}.${quoteIdentifier(name)}`);
  return rows
    .map((row: Row) =>
      columns.map((column, index) => {
        const value = row[`c${index}`];
        if (value === null) return 'NULL';
        const text = String(value);
        return column.type === 'decimal' ? trimDecimal(text) : column.type === 'boolean' ? text.slice(0, 1).toLowerCase() : text;
      }),
    )
    .map((cells) => JSON.stringify(cells))
    .sort()
    .map((json) => JSON.parse(json) as string[]);
}

/** The cells the tables must hold, computed from the events here, field by field. */
function expectedTables(events: readonly Record<string, unknown>[], groupBy: readonly string[]): Record<TableKind, string[][]> {
  const text = (value: unknown): string => (value === undefined || value === null ? 'NULL' : String(value));
  const decimal = (value: unknown): string => (value === undefined ? 'NULL' : trimDecimal(decimalOf(value)));
  const time = (value: unknown): string => String(toEpochMilliseconds(value as string));
  const flag = (value: unknown): string => (value === true ? 't' : 'f');
  const dimensions = (event: Record<string, unknown>): string[] =>
    groupBy.filter((key) => key !== 'channel' && key !== 'segment').map((key) => {
      const bag = event['dimensions'] as Record<string, string> | undefined;
      return bag !== undefined && Object.hasOwn(bag, key) ? bag[key]! : 'NULL';
    });
  const tables: Record<TableKind, string[][]> = { orders: [], returns: [], offers: [], visits: [] };
  for (const event of events) {
    const shared = [text(event['channel']), text(event['segment']), ...dimensions(event)];
    if (event['type'] === 'return') {
      tables.returns.push([text(event['returnId']), text(event['orderId']), text(event['customerId']), time(event['timestamp']), text(event['currency']), decimal(event['amount']), ...shared]);
    } else if (event['type'] === 'offer') {
      tables.offers.push([text(event['offerId']), text(event['customerId']), time(event['timestamp']), text(event['kind']), flag(event['accepted']), ...shared]);
    } else if (event['type'] === 'visit') {
      tables.visits.push([text(event['visitorId']), time(event['timestamp']), flag(event['converted']), ...shared]);
    } else {
      for (const line of event['lines'] as Record<string, unknown>[]) {
        tables.orders.push([
          text(event['orderId']),
          text(event['customerId']),
          time(event['timestamp']),
          text(line['sku']),
          text(line['category']),
          decimal(line['quantity']),
          decimal(line['unitPrice']),
          decimal(line['discount']),
          text(event['currency']),
          shared[0]!,
          shared[1]!,
          text(line['source']),
          ...shared.slice(2),
        ]);
      }
    }
  }
  for (const kind of TABLE_KINDS) tables[kind] = tables[kind].map((row) => JSON.stringify(row)).sort().map((json) => JSON.parse(json) as string[]);
  return tables;
}

const COLUMN_TYPES: Record<TableKind, ('text' | 'decimal' | 'time' | 'boolean')[]> = {
  orders: ['text', 'text', 'time', 'text', 'text', 'decimal', 'decimal', 'decimal', 'text', 'text', 'text', 'text'],
  returns: ['text', 'text', 'text', 'time', 'text', 'decimal', 'text', 'text'],
  offers: ['text', 'text', 'time', 'text', 'boolean', 'text', 'text'],
  visits: ['text', 'time', 'boolean', 'text', 'text'],
};
const DEFAULT_COLUMNS: Record<TableKind, string[]> = {
  orders: ['order_id', 'customer_id', 'timestamp', 'sku', 'category', 'quantity', 'unit_price', 'discount', 'currency', 'channel', 'segment', 'source'],
  returns: ['return_id', 'order_id', 'customer_id', 'timestamp', 'currency', 'amount', 'channel', 'segment'],
  offers: ['offer_id', 'customer_id', 'timestamp', 'kind', 'accepted', 'channel', 'segment'],
  visits: ['visitor_id', 'timestamp', 'converted', 'channel', 'segment'],
};

test('instantOf reads every timestamp the arbitraries make as the library does', () => {
  fc.assert(
    fc.property(timestampArb, (timestamp) => {
      expect(instantOf(timestamp)).toBe(toEpochMilliseconds(timestamp));
    }),
  );
  expect(instantOf('2026-03-29T01:30+0100')).toBe(Date.UTC(2026, 2, 29, 0, 30));
  expect(() => instantOf('2026-03-29T01:30:00.0001Z')).toThrow(/milliseconds/);
  expect(() => instantOf('2026-03-29 01:30')).toThrow(/no timestamp/);
});

describe.each(DIALECTS)('%s: the harness loads events exactly', (dialect: Dialect) => {
  const { skip, engine: open } = useEngine(dialect);

  test.skipIf(skip)('every field of every event, in both timestamp types', async () => {
    const groupBy = ['channel', 'region'];
    await fc.assert(
      fc.asyncProperty(streamArb({ kinds: ['order', 'offer', 'visit', 'return'], currency: 'USD' }), fc.constantFrom('timestamptz', 'timestamp') as fc.Arbitrary<'timestamptz' | 'timestamp'>, async (events, timestamps) => {
        const engine = open();
        const loaded = await engine.load(events, { groupBy, timestamps });
        try {
          const expected = expectedTables(events as unknown as Record<string, unknown>[], groupBy);
          for (const kind of TABLE_KINDS) {
            const columns = [...DEFAULT_COLUMNS[kind], 'region'].map((name, index) => ({ name, type: COLUMN_TYPES[kind][index] ?? 'text' }));
            expect(await readTable(engine, loaded.tables[kind], columns), `the ${kind} table`).toEqual(expected[kind]);
            expect(loaded.rows[kind]).toBe(expected[kind].length);
          }
        } finally {
          await loaded.drop();
        }
      }),
      { numRuns: Math.max(5, Math.floor((fc.readConfigureGlobal().numRuns ?? 200) / 10)) },
    );
  });

  test.skipIf(skip)('refuses SQL of more than one statement', async () => {
    await expect(open().query('SELECT 1 AS a; SELECT 2 AS a')).rejects.toThrow(/one SQL statement|multiple|cannot insert multiple commands/i);
  });
});
