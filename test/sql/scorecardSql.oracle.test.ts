/**
 * SPEC section 10's contract on the DuckDB oracle's seeded stream (test/oracle/dataset.ts: ~9k
 * orders in ~22k lines, 10% of them guests', ~1.2k returns, ~3k offers, 5k visits, a region
 * dimension, re-deliveries of each, numeric customer ids, non-Z offsets, a month without
 * orders), loaded into DuckDB and PostgreSQL (test/sql/engines.ts; a re-delivered order once,
 * re-delivered offers and returns as often as delivered): `readRows` of `scorecardSql`'s result
 * equals the in-memory Scorecard's rows over the whole stream.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import type { ScorecardOptions } from 'xsell-kpi';
import { buildDataset } from '../oracle/dataset.js';
import { DIALECTS, useEngine, type Dialect, type Loaded } from './engines.js';
import { expectSameOutcome, memoryOutcome, sqlOutcomes, tableEvents, type OptionalTable, type Outcome } from './support.js';

interface Variant {
  name: string;
  options: ScorecardOptions;
  tables: OptionalTable[];
}

const VARIANTS: Variant[] = [
  { name: 'month × channel, every table (the oracle test’s Scorecard)', options: { grain: 'month', groupBy: ['channel'] }, tables: ['returns', 'offers', 'visits'] },
  {
    name: 'ISO week in America/New_York × segment × region, by category, minDistinct 3, every table',
    options: { grain: 'week', timeZone: 'America/New_York', groupBy: ['segment', 'region'], by: 'category', minDistinct: 3 },
    tables: ['returns', 'offers', 'visits'],
  },
  { name: 'quarter in Asia/Kolkata, minDistinct 1, orders and returns', options: { grain: 'quarter', timeZone: 'Asia/Kolkata', minDistinct: 1 }, tables: ['returns'] },
];

const data = buildDataset();
/** The in-memory rows of each variant, computed once for both engines. */
const expected = new Map<string, Outcome>();
const expectedOf = ({ name, options, tables }: Variant): Outcome => {
  if (!expected.has(name)) expected.set(name, memoryOutcome(options, data.events, tables));
  return expected.get(name)!;
};

describe.each(DIALECTS)('%s: the oracle dataset', (dialect: Dialect) => {
  const { skip, engine } = useEngine(dialect);
  let loaded: Loaded;
  beforeAll(async () => {
    if (!skip) loaded = await engine().load(tableEvents(data.events), { groupBy: ['region'] });
  });

  test.skipIf(skip).each(VARIANTS)('$name', async (variant) => {
    const rows = expectedOf(variant);
    expect('rows' in rows && rows.rows.length, 'rows in memory').toBeGreaterThan(3);
    for (const { reader, outcome } of await sqlOutcomes(engine(), loaded, variant.options, variant.tables)) expectSameOutcome(outcome, rows, reader);
  });
});
