/**
 * SPEC section 10, "nothing from the options is ever pasted into SQL unquoted or unvalidated", on
 * real engines: tables, schemas, columns and dimension keys named with quotes, semicolons, `--`
 * and `/* *\/` comments, spaces, line breaks and upper case are created with exactly those names
 * (test/sql/engines.ts), and `scorecardSql` either reads them (its rows equal the in-memory
 * Scorecard's) or refuses them with KpiError `INVALID_OPTION`. Every injected statement targets
 * a victim table, which must still hold its row afterwards; the engines run one statement per
 * query or none (DuckDB counts them first, pg's extended protocol refuses a second).
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { isKpiError, Scorecard, type CommerceEvent, type ScorecardOptions } from 'xsell-kpi';
import { scorecardSql } from 'xsell-kpi/sql';
import { DIALECTS, quoteIdentifier, useEngine, type Dialect, type Engine, type LoadOptions, type TableKind, type TableSpec } from './engines.js';
import { expectSameOutcome, memoryOutcome, sqlOutcomes } from './support.js';

/** The victim: a schema of its own per process (the PostgreSQL server is shared by the run's workers). */
const VICTIM = `victim_${process.pid}`;
const VICTIM_TABLE = `${quoteIdentifier(VICTIM)}.items`;
const drop = `DROP TABLE ${VICTIM}.items`;
const remove = `DELETE FROM ${VICTIM}.items`;

/** A dimension key that is also hostile: `groupBy` names it, the tables hold a column named so. */
const REGION = `re"gion; ${drop}; --`;

/** A few events of every kind, some of their values hostile too (values are data, never SQL). */
const EVENTS: CommerceEvent[] = [
  { orderId: "o1'; --", customerId: 'ann', timestamp: '2026-03-29T00:30:00Z', currency: 'EUR', channel: 'web', dimensions: { [REGION]: 'north' }, lines: [{ sku: `'); ${drop}; --`, category: 'a', unitPrice: '10.5', quantity: 2 }, { sku: 'B', category: 'b', unitPrice: '0.0001', source: 'cross-sell' }] },
  { orderId: 'o2', customerId: 'ann', timestamp: '2026-04-02T10:00:00+02:00', currency: 'EUR', channel: 'web', lines: [{ sku: 'C', category: 'a', unitPrice: '3', discount: '0.5', source: 'upsell' }] },
  { orderId: 'o3', timestamp: '2026-04-03T10:00:00Z', currency: 'EUR', channel: '/* x */', dimensions: { [REGION]: 'south' }, lines: [{ sku: 'A', category: 'a', unitPrice: '7.25', quantity: 0.5 }] },
  { type: 'return', returnId: 'r1', orderId: 'o2', customerId: 'ann', timestamp: '2026-04-05T10:00:00Z', currency: 'EUR', amount: '1.5', channel: 'web' },
  { type: 'offer', customerId: 'bob', timestamp: '2026-04-01T10:00:00Z', kind: 'cross-sell', accepted: true, channel: 'web', dimensions: { [REGION]: 'north' } },
  { type: 'visit', visitorId: 'v1', timestamp: '2026-04-01T09:00:00Z', converted: true, channel: 'app' },
];

const OPTIONS: ScorecardOptions = { grain: 'month', timeZone: 'Europe/Berlin', groupBy: ['channel', REGION] };

/** Names in which every kind of hostile text appears, for every table and column. */
const HOSTILE: LoadOptions = {
  schema: `Sales"; ${drop}; --`,
  tables: { orders: `Order Lines /* ${drop} */`, returns: `re'turns; ${remove}; --`, offers: 'OFFERS', visits: 'vis"its\n--' },
  columns: {
    orders: {
      orderId: 'Order "ID"',
      customerId: `customer; ${drop}; --`,
      timestamp: 'time*/stamp',
      sku: 'SKU',
      category: '-- category',
      quantity: 'qty /*',
      unitPrice: 'unit price',
      discount: "dis'count",
      currency: 'Currency',
      channel: 'chan\nnel',
      segment: 'seg$1ment',
      source: 'source)',
      [REGION]: `Region"); ${remove}; --`,
    },
    returns: { returnId: 'Return"ID', amount: `amount; ${remove}`, timestamp: 'When' },
    offers: { accepted: 'Accepted?', kind: '"kind"' },
    visits: { visitorId: 'visitor id', converted: 'CONVERTED' },
  },
};

async function victimRows(engine: Engine): Promise<number> {
  const [row] = await engine.query(`SELECT count(*) AS n FROM ${VICTIM_TABLE}`);
  return Number(row!['n']);
}

/** `scorecardSql` over `tables`: either rows equal to the in-memory ones on every reader, or INVALID_OPTION; the victim intact either way. */
async function expectQuotedOrRefused(engine: Engine, tables: Record<TableKind, TableSpec>, options: ScorecardOptions = OPTIONS): Promise<'read' | 'refused'> {
  let verdict: 'read' | 'refused' = 'read';
  try {
    scorecardSql({ ...options, dialect: engine.dialect, orders: tables.orders, returns: tables.returns, offers: tables.offers, visits: tables.visits });
  } catch (error) {
    expect(isKpiError(error) ? error.code : error).toBe('INVALID_OPTION');
    verdict = 'refused';
  }
  if (verdict === 'read') {
    const loaded = { schema: '', tables, rows: { orders: 0, returns: 0, offers: 0, visits: 0 }, drop: async () => undefined };
    const expected = memoryOutcome(options, EVENTS);
    expect('rows' in expected && expected.rows.length).toBeGreaterThan(4);
    for (const { reader, outcome } of await sqlOutcomes(engine, loaded, options)) expectSameOutcome(outcome, expected, reader);
  }
  expect(await victimRows(engine), 'the victim table keeps its row').toBe(1);
  return verdict;
}

describe.each(DIALECTS)('%s: hostile identifiers are quoted harmlessly or refused', (dialect: Dialect) => {
  const { skip, engine } = useEngine(dialect);
  beforeAll(async () => {
    if (skip) return;
    await engine().query(`CREATE SCHEMA ${quoteIdentifier(VICTIM)}`);
    await engine().query(`CREATE TABLE ${VICTIM_TABLE} (n integer)`);
    await engine().query(`INSERT INTO ${VICTIM_TABLE} VALUES (1)`);
  });
  afterAll(async () => {
    if (!skip) await engine().query(`DROP SCHEMA ${quoteIdentifier(VICTIM)} CASCADE`);
  });

  test.skipIf(skip)('every table, schema, column and dimension named with quotes, semicolons, comments, spaces, line breaks and upper case: the same rows', async () => {
    const loaded = await engine().load(EVENTS, { ...HOSTILE, groupBy: OPTIONS.groupBy! });
    try {
      // PostgreSQL's names are case-sensitive when quoted: a decoy named as OFFERS folded to lower
      // case, and empty, would give other rows. (DuckDB matches names case-insensitively, quoted or not.)
      if (dialect === 'postgres') await engine().query(`CREATE TABLE ${quoteIdentifier(loaded.schema)}.offers AS SELECT * FROM ${quoteIdentifier(loaded.schema)}."OFFERS" LIMIT 0`);
      expect(await expectQuotedOrRefused(engine(), loaded.tables)).toBe('read');
    } finally {
      await loaded.drop();
    }
  });

  test.skipIf(skip)("a table as 'schema.name', split at the first dot (the name keeps its own dots and quotes)", async () => {
    const loaded = await engine().load(EVENTS, { groupBy: OPTIONS.groupBy!, tables: { orders: `or.ders"; ${drop}; --` }, columns: { orders: HOSTILE.columns!.orders! } });
    try {
      const [schema, name] = loaded.tables.orders.table as [string, string];
      const tables = { ...loaded.tables, orders: { ...loaded.tables.orders, table: `${schema}.${name}` } };
      expect(await expectQuotedOrRefused(engine(), tables)).toBe('read');
    } finally {
      await loaded.drop();
    }
  });

  test.skipIf(skip)('names that cannot be identifiers and unknown fields: INVALID_OPTION; hostile option values: the error new Scorecard throws; all before any SQL', async () => {
    const loaded = await engine().load(EVENTS, { groupBy: OPTIONS.groupBy! });
    try {
      const { orders } = loaded.tables;
      const [schema] = orders.table as [string, string];
      const refusals: { name: string; tables?: Partial<Record<TableKind, TableSpec>>; options?: Record<string, unknown> }[] = [
        { name: 'an empty table name', tables: { orders: { table: '' } } },
        { name: 'a table name with NUL', tables: { orders: { table: [schema, 'orders\0; DROP'] } } },
        { name: 'an empty column name', tables: { orders: { ...orders, columns: { orderId: '' } } } },
        { name: 'a column name with NUL', tables: { orders: { ...orders, columns: { sku: 'sku\0' } } } },
        { name: 'an unknown field', tables: { orders: { ...orders, columns: { [`orderId"; ${drop}; --`]: 'order_id' } } } },
        { name: 'a table that is not a name', tables: { orders: { table: { toString: () => drop } as unknown as string } } },
        { name: 'a time zone with SQL in it', options: { timeZone: `UTC'; ${drop}; --` } },
        { name: 'a currency with SQL in it', options: { currency: `EUR'; ${drop}; --` } },
        { name: 'a grain with SQL in it', options: { grain: `month'; ${drop}; --` } },
        { name: 'a minDistinct with SQL in it', options: { minDistinct: `2; ${drop}` } },
        { name: 'a by with SQL in it', options: { by: `sku; ${drop}` } },
        { name: 'an unknown dialect', options: { dialect: `duckdb; ${drop}` } },
      ];
      const codeOf = (run: () => unknown): unknown => {
        try {
          run();
        } catch (error) {
          return isKpiError(error) ? error.code : error;
        }
        return 'no error';
      };
      for (const refusal of refusals) {
        const options = { ...OPTIONS, dialect: engine().dialect, orders, ...refusal.tables, ...refusal.options } as Parameters<typeof scorecardSql>[0];
        const { dialect: _dialect, ...scorecardOptions } = refusal.options ?? {};
        const expected = refusal.options === undefined || 'dialect' in refusal.options ? 'INVALID_OPTION' : codeOf(() => new Scorecard({ ...OPTIONS, ...scorecardOptions }));
        expect(expected, `${refusal.name}`).not.toBe('no error');
        expect(codeOf(() => scorecardSql(options)), `${refusal.name}`).toBe(expected);
      }
      expect(await victimRows(engine())).toBe(1);
    } finally {
      await loaded.drop();
    }
  });
});
