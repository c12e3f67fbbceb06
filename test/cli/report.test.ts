/**
 * `xsell-kpi report`, run in this process: JSON output against the library's own Scorecard over the
 * same events (written out by hand here, not parsed by the CLI), bad rows and --skip-invalid
 * (whole orders, counts by code), order ids that reappear, column mapping, dates, exit codes.
 */
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, test, vi } from 'vitest';
import { Progress } from '../../src/cli/progress.js';
import { DEFAULT_WINDOW } from '../../src/cli/readers/orders.js';
import type { CommerceEvent, Order, ScorecardOptions } from 'xsell-kpi';
import { NOTHING_SKIPPED, expectedRows, fixtures, parseReport, runMain } from './support.js';

const ordersCsv = readFileSync(`${fixtures}orders.csv`, 'utf8');

/** test/cli/fixtures/orders.csv as events, timestamps worked out by hand in Europe/Berlin. */
const ordersCsvEvents: Order[] = [
  {
    orderId: 'A1',
    customerId: 'ann',
    timestamp: '2026-01-05T09:00:00Z', // 10:00 CET
    currency: 'EUR',
    channel: 'web',
    segment: 'b2c',
    lines: [
      { sku: 'LAPTOP, 13"', category: 'laptops', quantity: 1, unitPrice: '899.00' },
      { sku: 'SLEEVE', category: 'accessories', quantity: 1, unitPrice: '29.90', source: 'cross-sell' },
    ],
  },
  { orderId: 'A2', customerId: 'bob', timestamp: '2026-01-31T23:30:00Z', currency: 'EUR', channel: 'store', segment: 'b2b', lines: [{ sku: 'PHONE', category: 'phones', quantity: 2, unitPrice: '499', discount: '50' }] },
  { orderId: 'A3', customerId: 'carol "c"', timestamp: '2026-01-31T23:30:00Z', currency: 'EUR', channel: 'web', segment: 'b2c', lines: [{ sku: 'CASE', category: 'acc\nessories', unitPrice: '19.99', source: 'upsell' }] },
  {
    // 02:30 on 2026-03-29 does not exist in Berlin (02:00 CET → 03:00 CEST): 'compatible' reads it as 03:30 CEST.
    orderId: 'A4',
    customerId: 'ann',
    timestamp: '2026-03-29T01:30:00Z',
    currency: 'EUR',
    channel: 'app',
    lines: [
      { sku: 'LAPTOP', category: 'laptops', unitPrice: '1249' },
      { sku: 'CARE', category: 'services', unitPrice: '149', source: 'upsell' },
    ],
  },
  // 02:30 on 2026-10-25 happens twice in Berlin: 'compatible' takes the first, 02:30 CEST.
  { orderId: 'A5', customerId: 'dan', timestamp: '2026-10-25T00:30:00Z', currency: 'EUR', channel: 'web', segment: 'b2c', lines: [{ sku: 'CABLE', category: 'cables', quantity: 3, unitPrice: '12.90', discount: '1', source: 'organic' }] },
  { orderId: 'A6', customerId: 'bob', timestamp: '2026-10-25T02:30:00Z', currency: 'EUR', segment: 'b2b', lines: [{ sku: 'PHONE', category: 'phones', unitPrice: '0.5' }] },
];

const berlin: ScorecardOptions = { grain: 'month', timeZone: 'Europe/Berlin' };

describe('CSV of order lines', () => {
  test('gives the Scorecard of the same orders: quoted commas, quotes and line breaks, blank lines, local times across DST', async () => {
    const report = parseReport(await runMain(['report', `${fixtures}orders.csv`, '--time-zone', 'Europe/Berlin', '--format', 'json']));
    expect(report.rows).toEqual(expectedRows(ordersCsvEvents, berlin));
    expect(report.skipped).toEqual(NOTHING_SKIPPED);
    expect(report.totals).toEqual({
      read: { rows: 8, orders: 6, customers: 4 },
      excluded: { rows: 0, orders: 0 },
      outOfRange: { rows: 0, orders: 0 },
      // Six orders are fewer than the window: every one is held until the end.
      held: { orders: 6, rows: 8 },
      counted: { rows: 8, orders: 6, returns: 0, customers: 4, revenue: '3333.09', returned: '0', netRevenue: '3333.09', currency: 'EUR' },
    });
  });

  test('reads CRLF line endings, a BOM, gzip and standard input alike', async () => {
    const crlf = `\ufeff${ordersCsv.replaceAll('\n', '\r\n')}`;
    // In the CRLF file the line break inside the quoted category is CRLF too.
    const events = ordersCsvEvents.map((order) => ({ ...order, lines: order.lines.map((line) => (line.category === 'acc\nessories' ? { ...line, category: 'acc\r\nessories' } : line)) }));
    const expected = expectedRows(events, { ...berlin, groupBy: ['channel', 'segment'] });
    for (const input of [Buffer.from(crlf), gzipSync(crlf)]) {
      const report = parseReport(await runMain(['report', '-', '--time-zone', 'Europe/Berlin', '--group-by', 'channel,segment', '--format', 'json'], input));
      expect(report.rows).toEqual(expected);
    }
  });

  test('groups by channel, segment and any other column; --by category', async () => {
    // A region column: north on even lines, south on odd ones (line 5 ends inside a quoted field: its
    // record ends on line 6). An order's region is the one on its first row.
    const withRegion = ordersCsv
      .split('\n')
      .map((line, index) => (line === '' || index === 5 ? line : `${line},${index === 0 ? 'region' : index % 2 === 0 ? 'north' : 'south'}`))
      .join('\n');
    const orderRegions = ['south', 'south', 'north', 'south', 'south', 'north'];
    const events = ordersCsvEvents.map((order, index) => ({ ...order, dimensions: { region: orderRegions[index]! } }));
    const options: ScorecardOptions = { ...berlin, groupBy: ['region', 'channel'], by: 'category' };
    const report = parseReport(await runMain(['report', '-', '--time-zone', 'Europe/Berlin', '--group-by', 'region,channel', '--by', 'category', '--format', 'json'], withRegion));
    expect(report.rows).toEqual(expectedRows(events, options));
  });

  test('maps columns of another layout with --columns, and reads --date-format in --time-zone', async () => {
    const csv = [
      'Invoice,Client,Date,Item,Qty,Price,Country',
      '1001,17850,31/12/2025 23:30,85123A,6,2.55,United Kingdom',
      '1001,17850,31/12/2025 23:30,71053,6,3.39,United Kingdom',
      '1002,13047,01/01/2026 00:10,84879,32,1.69,France',
    ].join('\n');
    const args = ['report', '-', '--columns', 'order_id=Invoice,customer_id=Client,timestamp=Date,sku=Item,quantity=Qty,unit_price=Price,country=Country'];
    const report = parseReport(await runMain([...args, '--group-by', 'country', '--date-format', 'DD/MM/YYYY HH:mm', '--time-zone', 'America/New_York', '--currency', 'GBP', '--format', 'json'], csv));
    const events: Order[] = [
      {
        orderId: '1001',
        customerId: '17850',
        timestamp: '2026-01-01T04:30:00Z',
        dimensions: { country: 'United Kingdom' },
        lines: [
          { sku: '85123A', quantity: 6, unitPrice: '2.55' },
          { sku: '71053', quantity: 6, unitPrice: '3.39' },
        ],
      },
      { orderId: '1002', customerId: '13047', timestamp: '2026-01-01T05:10:00Z', dimensions: { country: 'France' }, lines: [{ sku: '84879', quantity: 32, unitPrice: '1.69' }] },
    ];
    expect(report.rows).toEqual(expectedRows(events, { grain: 'month', timeZone: 'America/New_York', groupBy: ['country'], currency: 'GBP' }));
    // Day and month are ambiguous without --date-format.
    const ambiguous = await runMain([...args, '--group-by', 'country'], csv);
    expect(ambiguous.code).toBe(1);
    expect(ambiguous.stderr).toContain('line 2, Date (timestamp): INVALID_TIMESTAMP');
    expect(ambiguous.stderr).toContain('--date-format');
  });
});

const badCsv = [
  'order_id,customer_id,timestamp,sku,quantity,unit_price',
  'A,ann,2026-01-01T10:00:00Z,x,1,10',
  'B,bob,2026-01-02T10:00:00Z,x,1,10',
  'B,bob,2026-01-02T10:00:00Z,y,1,-5',
  'B,bob,2026-01-02T10:00:00Z,z,0,5',
  'C,,2026-01-03T10:00:00Z,x,1,10',
  'D,dan,2026-01-04T10:00:00Z,x,1,10',
].join('\n');
const good = (orderId: string, customerId: string, day: string): Order => ({ orderId, customerId, timestamp: `2026-01-${day}T10:00:00Z`, lines: [{ sku: 'x', quantity: 1, unitPrice: '10' }] });

describe('bad rows', () => {
  test('stop the run with exit code 1, naming the 1-based line and the column', async () => {
    const run = await runMain(['report', '-'], badCsv);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe('xsell-kpi: line 4, unit_price: INVALID_MONEY: expected an amount ≥ 0, got -5 (order "B")\n');
  });

  test('--skip-invalid skips each order with a bad row, whole, and counts the bad rows by code; a row without a customer is a guest\'s', async () => {
    const report = parseReport(await runMain(['report', '-', '--skip-invalid', '--format', 'json'], badCsv));
    const guest: Order = { ...good('C', 'nobody', '03'), customerId: null };
    expect(report.rows).toEqual(expectedRows([good('A', 'ann', '01'), guest, good('D', 'dan', '04')], { grain: 'month' }));
    expect(report.skipped).toEqual({ count: 3, byCode: { INVALID_MONEY: 1, INVALID_NUMBER: 1 }, firstLineByCode: { INVALID_MONEY: 4, INVALID_NUMBER: 5 }, orders: 1 });
    expect(report.totals.read).toEqual({ rows: 6, orders: 4, customers: 3 });
    // The guest order counts in orders and revenue, not in customers.
    expect(report.totals.counted).toEqual({ rows: 3, orders: 3, returns: 0, customers: 2, revenue: '30', returned: '0', netRevenue: '30', currency: null });
  });

  test('the table reports the skipped rows too, and so does stderr for JSON', async () => {
    const table = await runMain(['report', '-', '--skip-invalid'], badCsv);
    expect(table.code).toBe(0);
    // Sentences below the table are wrapped to its width, the lines after the first indented by two spaces.
    expect(table.stdout.replace(/\n {2}/g, ' ')).toContain('Skipped 3 rows of 1 order; bad rows by code: INVALID_MONEY 1 (line 4), INVALID_NUMBER 1 (line 5).');
    const json = await runMain(['report', '-', '--skip-invalid', '--format', 'csv'], badCsv);
    expect(json.stderr).toBe('xsell-kpi: Skipped 3 rows of 1 order; bad rows by code: INVALID_MONEY 1 (line 4), INVALID_NUMBER 1 (line 5)\n');
  });

  test('rows of an order apart by other orders join it; with --window 1 they must be consecutive, and an order id that comes back is an error naming both lines', async () => {
    const csv = ['order_id,customer_id,timestamp,sku,unit_price', 'A,ann,2026-01-01T10:00:00Z,x,10', 'B,bob,2026-01-01T10:00:00Z,x,10', 'A,ann,2026-01-01T10:00:00Z,y,10', 'A,ann,2026-01-01T10:00:00Z,z,10', 'C,cy,2026-01-01T10:00:00Z,x,10'].join('\n');
    const a: Order = { ...good('A', 'ann', '01'), lines: ['x', 'y', 'z'].map((sku) => ({ sku, unitPrice: '10' })) };
    const b: Order = { ...good('B', 'bob', '01'), lines: [{ sku: 'x', unitPrice: '10' }] };
    const c: Order = { ...good('C', 'cy', '01'), lines: [{ sku: 'x', unitPrice: '10' }] };
    const report = parseReport(await runMain(['report', '-', '--format', 'json'], csv));
    expect(report.rows).toEqual(expectedRows([a, b, c], { grain: 'month' }));
    expect(report.skipped).toEqual(NOTHING_SKIPPED);
    for (const skipInvalid of [[], ['--skip-invalid']]) {
      const run = await runMain(['report', '-', '--window', '1', ...skipInvalid], csv);
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/^xsell-kpi: line 4, order_id: NON_CONSECUTIVE_ORDER: order "A" comes back after its rows were closed: they began on line 2, and another order started since\. .*--unsorted.*--engine duckdb/);
    }
  });

  test('an order stays open until --window newer orders have started; one that comes back later stops the run, even with --skip-invalid', async () => {
    const header = 'order_id,customer_id,timestamp,sku,unit_price';
    const row = (orderId: string): string => `${orderId},c-${orderId},2026-01-01T10:00:00Z,x,1`;
    const fillers = (count: number): string[] => Array.from({ length: count }, (_, index) => row(`F${index}`));
    const near = [header, row('A'), ...fillers(DEFAULT_WINDOW - 1), row('A')].join('\n');
    const joined = parseReport(await runMain(['report', '-', '--skip-invalid', '--format', 'json'], near));
    expect(joined.skipped).toEqual(NOTHING_SKIPPED);
    expect(joined.totals.counted).toMatchObject({ rows: DEFAULT_WINDOW + 1, orders: DEFAULT_WINDOW });
    const far = [header, row('A'), ...fillers(DEFAULT_WINDOW), row('A')].join('\n');
    const run = await runMain(['report', '-', '--skip-invalid', '--format', 'json'], far);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`line ${DEFAULT_WINDOW + 3}, order_id: NON_CONSECUTIVE_ORDER: order "A" comes back after its rows were closed: they began on line 2, and 10,000 newer orders started since`);
    const unsortedRun = await runMain(['report', '-', '--unsorted', '--format', 'json'], far);
    const unsorted = parseReport(unsortedRun);
    expect(unsorted.totals.counted).toMatchObject({ rows: DEFAULT_WINDOW + 2, orders: DEFAULT_WINDOW + 1 });
    expect(unsorted.totals.held).toEqual({ orders: DEFAULT_WINDOW + 1, rows: DEFAULT_WINDOW + 2 });
    expect(unsortedRun.stderr).toBe('xsell-kpi: Held every order until the end of the input (--unsorted): 10,001 orders, 10,002 rows\n');
    // With the window, at most 10,000 orders are held at once.
    expect(joined.totals.held).toEqual({ orders: DEFAULT_WINDOW, rows: DEFAULT_WINDOW + 1 });
    const small = await runMain(['report', '-', '--window', '3'], [header, row('A'), ...fillers(3), row('A')].join('\n'));
    expect(small.stderr).toContain('line 6, order_id: NON_CONSECUTIVE_ORDER: order "A" comes back after its rows were closed: they began on line 2, and 3 newer orders started since');
  });

  test('a row of an order with another customer or currency is a bad row', async () => {
    const csv = ['order_id,customer_id,timestamp,sku,unit_price,currency', 'A,ann,2026-01-01T10:00:00Z,x,10,EUR', 'A,,2026-01-01T10:00:00Z,y,10,', 'A,bob,2026-01-01T10:00:00Z,z,10,EUR', 'B,ann,2026-01-01T10:00:00Z,x,10,EUR', 'B,ann,2026-01-01T10:00:00Z,y,10,USD'].join('\n');
    const run = await runMain(['report', '-'], csv);
    expect(run.stderr).toBe('xsell-kpi: line 4, customer_id: INVALID_EVENT: customer "bob" differs from "ann" on line 2: the rows of one order have one customer (order "A")\n');
    const report = parseReport(await runMain(['report', '-', '--skip-invalid', '--format', 'json'], csv));
    expect(report.skipped).toEqual({ count: 5, byCode: { INVALID_EVENT: 1, MIXED_CURRENCY: 1 }, firstLineByCode: { INVALID_EVENT: 4, MIXED_CURRENCY: 6 }, orders: 2 });
    expect(report.rows).toEqual([]);
  });

  test('--cancelled-prefix reads cancellations as returns of −Σ quantity × unit price, in their own month, a guest\'s too', async () => {
    const csv = [
      'order_id,customer_id,timestamp,sku,quantity,unit_price,channel',
      'A,ann,2026-01-01T10:00:00Z,x,2,10,web',
      'CA,ann,2026-02-02T10:00:00Z,x,-2,10,web',
      'CA,ann,2026-02-02T10:00:00Z,y,-1,0.333,web',
      'CB,,2026-02-03T10:00:00Z,x,-1,10,',
    ].join('\n');
    const report = parseReport(await runMain(['report', '-', '--cancelled-prefix', 'C', '--group-by', 'channel', '--format', 'json'], csv));
    const events: CommerceEvent[] = [
      { ...good('A', 'ann', '01'), channel: 'web', lines: [{ sku: 'x', quantity: 2, unitPrice: '10' }] },
      { type: 'return', returnId: 'CA', customerId: 'ann', timestamp: '2026-02-02T10:00:00Z', channel: 'web', amount: '20.333' },
      { type: 'return', returnId: 'CB', customerId: null, timestamp: '2026-02-03T10:00:00Z', amount: '10' },
    ];
    expect(report.rows).toEqual(expectedRows(events, { grain: 'month', groupBy: ['channel'] }));
    expect(report.skipped).toEqual(NOTHING_SKIPPED);
    expect(report.totals.counted).toEqual({ rows: 4, orders: 1, returns: 2, customers: 1, revenue: '20', returned: '30.333', netRevenue: '-10.333', currency: null });
    // Without it, the negative quantities are bad rows: never summed.
    const run = await runMain(['report', '-'], csv);
    expect(run.stderr).toBe('xsell-kpi: line 3, quantity: NEGATIVE_COUNT: expected a positive quantity, got -2 (order "CA")\n');
  });

  test('a cancellation row needs a negative quantity, a price ≥ 0 and no discount', async () => {
    const csv = [
      'order_id,customer_id,timestamp,sku,quantity,unit_price,discount',
      'C1,ann,2026-01-01T10:00:00Z,x,2,10,',
      'C2,ann,2026-01-01T10:00:00Z,x,-1,-10,',
      'C3,ann,2026-01-01T10:00:00Z,x,-1,10,1',
      'C4,ann,2026-01-01T10:00:00Z,x,,10,',
      'C5,ann,2026-01-01T10:00:00Z,x,-1,0,',
      'C6,ann,2026-01-01T10:00:00Z,x,-1,10,0.00',
    ].join('\n');
    const run = await runMain(['report', '-', '--cancelled-prefix', 'C', '--skip-invalid', '--format', 'json'], csv);
    const report = parseReport(run);
    expect(report.skipped).toEqual({
      count: 5,
      byCode: { INVALID_EVENT: 1, INVALID_MONEY: 2, INVALID_NUMBER: 2 },
      firstLineByCode: { INVALID_EVENT: 4, INVALID_MONEY: 3, INVALID_NUMBER: 2 },
      orders: 5,
    });
    expect(report.totals.counted).toMatchObject({ returns: 1, returned: '10' });
    const messages = (await Promise.all(csv.split('\n').slice(1, 6).map((line) => runMain(['report', '-', '--cancelled-prefix', 'C'], `${csv.split('\n')[0]!}\n${line}`)))).map((result) => result.stderr);
    expect(messages).toEqual([
      'xsell-kpi: line 2, quantity: INVALID_NUMBER: a cancellation\'s quantity is the quantity given back, negative (such as -2); got 2 (order "C1")\n',
      'xsell-kpi: line 2, unit_price: INVALID_MONEY: expected an amount ≥ 0, got -10 (order "C2")\n',
      'xsell-kpi: line 2, discount: INVALID_EVENT: a cancellation has no discount: its amount is −quantity × unit price; got 1 (order "C3")\n',
      'xsell-kpi: line 2, quantity: INVALID_NUMBER: a cancellation\'s quantity is the quantity given back, negative (such as -2); the cell is empty (order "C4")\n',
      expect.stringMatching(/^xsell-kpi: line 2, unit_price: INVALID_MONEY: .*\(order "C5"\)\n$/),
    ]);
  });

  test('names the line of a row after a quoted field with line breaks (CRLF too), and malformed CSV', async () => {
    const csv = 'order_id,customer_id,timestamp,sku,category,unit_price\r\nA,ann,2026-01-01T10:00:00Z,x,"two\r\nlines",10\r\n\r\nB,bob,2026-01-01T10:00:00Z,x,,ten\r\n';
    expect((await runMain(['report', '-'], csv)).stderr).toBe('xsell-kpi: line 5, unit_price: INVALID_MONEY: expected a plain decimal string such as "19.99", got "ten" (order "B")\n');
    const short = await runMain(['report', '-'], 'order_id,customer_id,timestamp,sku,unit_price\nA,ann,2026-01-01T10:00:00Z,x\n');
    expect(short).toMatchObject({ code: 1, stderr: 'xsell-kpi: line 2: malformed CSV: 4 fields where the header has 5\n' });
    const quote = await runMain(['report', '-'], 'order_id,customer_id,timestamp,sku,unit_price\nA,ann,2026-01-01T10:00:00Z,x"y,1\n');
    expect(quote.code).toBe(1);
    expect(quote.stderr).toMatch(/^xsell-kpi: line 2: malformed CSV \(INVALID_OPENING_QUOTE\)/);
    const missing = await runMain(['report', '-'], 'order_id,timestamp,sku,unit_price\nA,2026-01-01T10:00:00Z,x,1\n');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^xsell-kpi: line 1: no column for customer_id/);
  });
});

describe('--exclude-sku, --since and --until', () => {
  const csv = [
    'order_id,customer_id,timestamp,sku,quantity,unit_price,currency',
    'A,ann,2026-01-05T10:00:00Z,MUG,1,10,EUR',
    'A,ann,2026-01-05T10:00:00Z,POST,1,4.95,EUR',
    // An excluded row is not read: its bad price does not make order B bad.
    'B,bob,2026-01-06T10:00:00Z,MUG,2,10,EUR',
    'B,bob,2026-01-06T10:00:00Z,POST,1,-4.95,EUR',
    // Only excluded rows: neither counted nor skipped.
    'C,cy,2026-01-07T10:00:00Z,POST,1,4.95,EUR',
    // Codes are exact and case-sensitive: post is a product.
    'D,dan,2026-01-08T10:00:00Z,post,1,3,EUR',
    // The currency only on the excluded row (as a Shopify export has it on an order's first row).
    'E,eve,2026-01-09T10:00:00Z,POST,1,4.95,EUR',
    'E,eve,2026-01-09T10:00:00Z,TEA,1,5,',
  ].join('\n');
  const order = (orderId: string, customerId: string, day: string, lines: Order['lines']): Order => ({ orderId, customerId, timestamp: `2026-01-${day}T10:00:00Z`, currency: 'EUR', lines });

  test('--exclude-sku drops those rows before anything is read from them; an order left with none is neither counted nor skipped', async () => {
    const report = parseReport(await runMain(['report', '-', '--exclude-sku', 'POST, BANK CHARGES', '--format', 'json'], csv));
    expect(report.rows).toEqual(
      expectedRows(
        [
          order('A', 'ann', '05', [{ sku: 'MUG', quantity: 1, unitPrice: '10' }]),
          order('B', 'bob', '06', [{ sku: 'MUG', quantity: 2, unitPrice: '10' }]),
          order('D', 'dan', '08', [{ sku: 'post', quantity: 1, unitPrice: '3' }]),
          order('E', 'eve', '09', [{ sku: 'TEA', quantity: 1, unitPrice: '5' }]),
        ],
        { grain: 'month' },
      ),
    );
    expect(report.skipped).toEqual(NOTHING_SKIPPED);
    expect(report.totals).toMatchObject({ read: { rows: 8, orders: 5 }, excluded: { rows: 4, orders: 1 }, counted: { rows: 4, orders: 4 } });
    // Without it, postage is a product (order A is cross-sold) and B's negative price is a bad row.
    const run = await runMain(['report', '-'], csv);
    expect(run.stderr).toBe('xsell-kpi: line 5, unit_price: INVALID_MONEY: expected an amount ≥ 0, got -4.95 (order "B")\n');
  });

  test('--since and --until (exclusive) in --time-zone: orders outside are neither counted nor skipped', async () => {
    const args = ['report', `${fixtures}orders.csv`, '--time-zone', 'Europe/Berlin', '--format', 'json'];
    // A2 and A3 are at 2026-01-31T23:30Z, 00:30 on 1 February in Berlin; A4 at 03:30 on 29 March.
    const report = parseReport(await runMain([...args, '--since', '2026-02-01', '--until', '2026-03-29']));
    expect(report.rows).toEqual(expectedRows(ordersCsvEvents.filter((order) => ['A2', 'A3'].includes(order.orderId)), berlin));
    expect(report.totals).toMatchObject({ outOfRange: { rows: 6, orders: 4 }, counted: { rows: 2, orders: 2 } });
    expect(report.skipped).toEqual(NOTHING_SKIPPED);
    // A date and time, or an offset; --until alone.
    const later = parseReport(await runMain([...args, '--since', '2026-03-29 03:30']));
    expect(later.rows).toEqual(expectedRows(ordersCsvEvents.filter((order) => ['A4', 'A5', 'A6'].includes(order.orderId)), berlin));
    const before = parseReport(await runMain([...args, '--until', '2026-01-31T23:30:00Z']));
    expect(before.rows).toEqual(expectedRows(ordersCsvEvents.slice(0, 1), berlin));
  });

  test('an order outside the dates is not read: its bad rows are not reported', async () => {
    // Order B (6 January, with a negative price) is after --until.
    const report = parseReport(await runMain(['report', '-', '--until', '2026-01-06', '--format', 'json'], csv));
    expect(report.totals).toMatchObject({ outOfRange: { rows: 6, orders: 4 }, counted: { rows: 2, orders: 1 } });
    expect(report.skipped).toEqual(NOTHING_SKIPPED);
  });

  test('a Shopify refund is in or out by its own date, the order by its own', async () => {
    const report = parseReport(await runMain(['report', `${fixtures}shopify.csv`, '--from', 'shopify', '--since', '2026-02-01', '--format', 'json']));
    // #1006 was ordered on 30 January and refunded on 3 February: only the refund is in February.
    const refund: CommerceEvent = { type: 'return', returnId: '#1006', orderId: '#1006', customerId: 'ann@example.com', timestamp: '2026-02-03T09:00:00Z', currency: 'EUR', channel: 'web', amount: '64.90' };
    expect(report.rows).toEqual(expectedRows([refund], {}));
    expect(report.totals).toMatchObject({ outOfRange: { rows: 8, orders: 7 }, counted: { rows: 1, orders: 0, returns: 1, returned: '64.9' } });
    expect(report.skipped).toEqual(NOTHING_SKIPPED);
  });

  test('JSON Lines: --since and --until too; --exclude-sku is for CSV', async () => {
    const lines = [
      '{"orderId":"o1","customerId":"ann","timestamp":"2026-01-05T10:00:00Z","lines":[{"sku":"a","unitPrice":"10"}]}',
      '{"orderId":"o2","customerId":"bob","timestamp":"2026-02-05T10:00:00Z","lines":[{"sku":"a","unitPrice":"10"}]}',
      '{"type":"visit","visitorId":"v","timestamp":"2026-02-05T10:00:00Z","converted":true}',
    ].join('\n');
    const report = parseReport(await runMain(['report', '-', '--until', '2026-02-01', '--format', 'json'], lines));
    expect(report.rows).toEqual(expectedRows([JSON.parse(lines.split('\n')[0]!) as Order], {}));
    expect(report.totals.outOfRange).toEqual({ rows: 2, orders: 1 });
    const usage = await runMain(['report', '-', '--exclude-sku', 'a'], lines);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('--exclude-sku: for CSV input only');
  });

  test.each([
    [['--since', '31/01/2026'], 'invalid value "31/01/2026" for --since (a date, or a date and time, in --time-zone'],
    [['--until', 'tomorrow'], 'invalid value "tomorrow" for --until'],
    [['--since', '2026-02-01', '--until', '2026-02-01'], '--since 2026-02-01 is not before --until 2026-02-01'],
    [['--exclude-sku', 'POST,,DOT'], '--exclude-sku: expected SKUs separated by commas, got "POST,,DOT"'],
    [['--window', '0'], 'invalid value "0" for --window (a whole number of orders ≥ 1'],
    [['--window', '5', '--unsorted'], '--window and --unsorted: pass one'],
    [['--encoding', 'ascii'], 'invalid value "ascii" for --encoding (allowed: utf-8, latin1, windows-1252, utf-16le)'],
    [['--delimiter', ':'], 'invalid value ":" for --delimiter (allowed: "," ";" tab "|")'],
  ])('%j is bad usage', async (flags, message) => {
    const run = await runMain(['report', '-', ...flags], csv);
    expect(run.code).toBe(2);
    expect(run.stderr.split('\n')[0]).toContain(message);
  });
});

describe('--rejects', () => {
  test('writes every skipped row: its columns, line, code and message; the good rows of a bad order are ORDER_SKIPPED', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'xsell-kpi-cli-'));
    try {
      const rejects = join(folder, 'rejects.csv');
      const csv = [
        'order_id;customer_id;timestamp;sku;quantity;unit_price',
        'A;ann;2026-01-01T10:00:00Z;x;1;10',
        'B;bob;2026-01-02T10:00:00Z;"x; the first";1;10',
        'B;bob;2026-01-02T10:00:00Z;y;1;-5',
        'B;bob;2026-01-02T10:00:00Z;z;0;5',
        ';cy;2026-01-03T10:00:00Z;x;1;10',
        'D;dan;2026-01-04T10:00:00Z;x;1;10',
      ].join('\n');
      const run = await runMain(['report', '-', '--skip-invalid', '--rejects', rejects, '--format', 'json'], csv);
      expect(parseReport(run).skipped).toEqual({ count: 4, byCode: { INVALID_EVENT: 1, INVALID_MONEY: 1, INVALID_NUMBER: 1 }, firstLineByCode: { INVALID_EVENT: 6, INVALID_MONEY: 4, INVALID_NUMBER: 5 }, orders: 1 });
      expect(run.stderr).toBe(
        `xsell-kpi: Skipped 4 rows of 1 order; bad rows by code: INVALID_EVENT 1 (line 6), INVALID_MONEY 1 (line 4), INVALID_NUMBER 1 (line 5)\nxsell-kpi: Wrote 4 skipped rows to ${rejects}\n`,
      );
      // In the order they were skipped (a row without an order id at once, an order when it closes), with the input's delimiter.
      expect(readFileSync(rejects, 'utf8')).toBe(
        [
          'order_id;customer_id;timestamp;sku;quantity;unit_price;line;code;message',
          ';cy;2026-01-03T10:00:00Z;x;1;10;6;INVALID_EVENT;"order_id: the cell is empty; every row needs an order id"',
          'B;bob;2026-01-02T10:00:00Z;"x; the first";1;10;3;ORDER_SKIPPED;"order ""B"" is skipped whole: line 4 is bad (INVALID_MONEY)"',
          'B;bob;2026-01-02T10:00:00Z;y;1;-5;4;INVALID_MONEY;unit_price: expected an amount ≥ 0, got -5',
          'B;bob;2026-01-02T10:00:00Z;z;0;5;5;INVALID_NUMBER;quantity: expected a positive quantity, got 0',
          '',
        ].join('\n'),
      );
      // Nothing skipped: the header alone.
      await runMain(['report', `${fixtures}orders.csv`, '--rejects', rejects]);
      expect(readFileSync(rejects, 'utf8')).toBe('order_id,customer_id,timestamp,sku,category,quantity,unit_price,discount,currency,channel,segment,source,line,code,message\n');
      // JSON Lines: the line's text.
      await runMain(['report', '-', '--skip-invalid', '--rejects', rejects], '{"type":"visit","visitorId":"v","timestamp":"2026-01-01T00:00:00Z","converted":true}\nnot json\n');
      expect(readFileSync(rejects, 'utf8')).toMatch(/^text,line,code,message\nnot json,2,INVALID_JSON,"?Unexpected token/);
      const usage = await runMain(['report', '-', '--rejects', join(folder, 'no', 'such', 'rejects.csv')], csv);
      expect(usage.code).toBe(2);
      expect(usage.stderr).toMatch(/^xsell-kpi: --rejects: no such folder: /);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});

describe('JSON Lines', () => {
  const text = readFileSync(`${fixtures}events.jsonl`, 'utf8');
  const events = text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as CommerceEvent);

  test('gives the Scorecard of the same events; a re-delivered order counts once', async () => {
    const options: ScorecardOptions = { grain: 'month', groupBy: ['channel'], currency: 'USD' };
    const report = parseReport(await runMain(['report', `${fixtures}events.jsonl`, '--group-by', 'channel', '--currency', 'USD', '--format', 'json']));
    expect(report.rows).toEqual(expectedRows(events, options));
    expect(report.totals).toEqual({
      read: { rows: 8, orders: 3, customers: 2 },
      excluded: { rows: 0, orders: 0 },
      outOfRange: { rows: 0, orders: 0 },
      held: { orders: 0, rows: 0 },
      counted: { rows: 8, orders: 3, returns: 0, customers: 2, revenue: '2957.965', returned: '0', netRevenue: '2957.965', currency: 'USD' },
    });
  });

  test('return events, and guests\' orders: a return re-delivered counts once, one with other content is a conflict naming both lines', async () => {
    const lines = [
      '{"orderId":"o1","customerId":"ann","timestamp":"2026-01-05T10:00:00Z","currency":"EUR","lines":[{"sku":"a","unitPrice":"10"},{"sku":"b","unitPrice":"5"}]}',
      '{"orderId":"o2","customerId":null,"timestamp":"2026-01-06T10:00:00Z","currency":"EUR","lines":[{"sku":"a","unitPrice":"10"}]}',
      '{"type":"return","returnId":"r1","orderId":"o1","customerId":"ann","timestamp":"2026-02-01T10:00:00Z","currency":"EUR","amount":"5"}',
      '{"amount":"5","currency":"EUR","timestamp":"2026-02-01T10:00:00Z","customerId":"ann","orderId":"o1","returnId":"r1","type":"return"}',
      '{"type":"return","returnId":"r1","timestamp":"2026-02-01T10:00:00Z","currency":"EUR","amount":"6"}',
      '{"type":"return","returnId":"r2","customerId":null,"timestamp":"2026-02-02T10:00:00Z","currency":"EUR","amount":"2.5"}',
    ];
    const run = await runMain(['report', '-', '--skip-invalid', '--format', 'json'], lines.join('\n'));
    const report = parseReport(run);
    const events = [0, 1, 2, 5].map((index) => JSON.parse(lines[index]!) as CommerceEvent);
    expect(report.rows).toEqual(expectedRows(events, {}));
    expect(report.skipped).toEqual({ count: 1, byCode: { CONFLICTING_DUPLICATE: 1 }, firstLineByCode: { CONFLICTING_DUPLICATE: 5 }, orders: 0 });
    expect(report.totals.counted).toEqual({ rows: 5, orders: 2, returns: 2, customers: 1, revenue: '25', returned: '7.5', netRevenue: '17.5', currency: 'EUR' });
    const conflict = await runMain(['report', '-'], lines.join('\n'));
    expect(conflict.stderr).toBe('xsell-kpi: line 5, returnId: CONFLICTING_DUPLICATE: return "r1" was read on line 3 with other content\n');
  });

  test('is recognised by its first character on standard input', async () => {
    const report = parseReport(await runMain(['report', '-', '--currency', 'USD', '--format', 'json'], `\n  ${text}`));
    expect(report.rows).toEqual(expectedRows(events, { currency: 'USD' }));
  });

  test('a bad line stops the run, or is skipped; an order id with other content is a conflict naming both lines', async () => {
    const lines = [
      '{"orderId":"o1","customerId":"ann","timestamp":"2026-01-05T10:00:00Z","lines":[{"sku":"a","unitPrice":"10"}]}',
      'not json',
      '{"orderId":"o1","customerId":"ann","timestamp":"2026-01-05T10:00:00Z","lines":[{"sku":"a","unitPrice":"11"}]}',
      '{"orderId":"o2","customerId":"bob","timestamp":"2026-01-05T10:00:00","lines":[{"sku":"a","unitPrice":"10"}]}',
      '{"type":"refund"}',
    ].join('\n');
    const run = await runMain(['report', '-'], lines);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^xsell-kpi: line 2: INVALID_JSON: /);
    const report = parseReport(await runMain(['report', '-', '--skip-invalid', '--format', 'json'], lines));
    expect(report.skipped).toEqual({ count: 4, byCode: { CONFLICTING_DUPLICATE: 1, INVALID_EVENT: 1, INVALID_JSON: 1, INVALID_TIMESTAMP: 1 }, firstLineByCode: { CONFLICTING_DUPLICATE: 3, INVALID_EVENT: 5, INVALID_JSON: 2, INVALID_TIMESTAMP: 4 }, orders: 1 });
    expect(report.rows).toEqual(expectedRows([JSON.parse(lines.split('\n')[0]!) as Order], {}));
    const conflict = await runMain(['report', '-'], lines.replace('not json', ''));
    expect(conflict.stderr).toBe('xsell-kpi: line 3, orderId: CONFLICTING_DUPLICATE: order "o1" was read on line 1 with other content\n');
  });
});

describe('output', () => {
  test('--out writes the report to a file; --format csv has one row per Scorecard row', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'xsell-kpi-cli-'));
    try {
      const out = join(folder, 'scorecard.csv');
      const run = await runMain(['report', `${fixtures}orders.csv`, '--time-zone', 'Europe/Berlin', '--group-by', 'channel', '--format', 'csv', '--out', out]);
      expect(run).toEqual({ code: 0, stdout: '', stderr: `xsell-kpi: Wrote the CSV report (10 months × 4 groups and the total, ${statSync(out).size.toLocaleString('en-US')} bytes) to ${out}\n` });
      const [header, ...lines] = readFileSync(out, 'utf8').trimEnd().split('\n');
      expect(header!.split(',').slice(0, 6)).toEqual(['period', 'total', 'group.channel', 'crossSellRate.value', 'crossSellRate.crossSoldCustomers', 'crossSellRate.customers']);
      expect(header).toContain(',averageOrderValue.revenue,');
      const rows = (parseReport(await runMain(['report', `${fixtures}orders.csv`, '--time-zone', 'Europe/Berlin', '--group-by', 'channel', '--format', 'json'])).rows as { period: string; group: { channel?: string } }[]);
      expect(lines.map((line) => line.split(',').slice(0, 3).join(','))).toEqual(rows.map((row) => `${row.period},${row.group.channel === undefined},${row.group.channel ?? ''}`));
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  test('net revenue: a table column when there are returns, the CSV\'s netRevenue columns, JSON as the row has it', async () => {
    const csv = ['order_id,customer_id,timestamp,sku,quantity,unit_price,currency', 'A,ann,2026-01-05T10:00:00Z,x,2,10,EUR', 'CA,ann,2026-01-20T10:00:00Z,x,-1,10,EUR'].join('\n');
    const table = await runMain(['report', '-', '--cancelled-prefix', 'C', '--kpis', 'orders,customers,revenue,netRevenue,averageOrderValue'], csv);
    const [over, titles, , first] = table.stdout.split('\n');
    expect(over).toMatch(/^\s+net\s+average$/);
    expect(titles).toMatch(/^period\s+orders\s+customers\s+revenue\s+revenue\s+order value$/);
    expect(first).toMatch(/^2026-01\s+1\s+1\s+€20\.00\s+€10\.00\s+€20\.00$/);
    // By default, net revenue comes right after revenue when there are returns.
    expect((await runMain(['report', '-', '--cancelled-prefix', 'C'], csv)).stdout.split('\n')[1]).toMatch(/^period\s+orders\s+revenue\s+revenue\s/);
    expect(table.stdout.replace(/\n {2}/g, ' ')).toContain('Counted 1 order of 1 customer, revenue €20.00; 1 return of €10.00, net revenue €10.00.');
    // Without returns, net revenue is revenue: no column.
    expect((await runMain(['report', `${fixtures}orders.csv`, '--width', '400'])).stdout.split('\n').slice(0, 2).join(' ')).not.toMatch(/net\s.*revenue/);
    const out = await runMain(['report', '-', '--cancelled-prefix', 'C', '--format', 'csv'], csv);
    const [header, row] = out.stdout.trimEnd().split('\n');
    const cells = Object.fromEntries(header!.split(',').map((name, index) => [name, row!.split(',')[index]]));
    expect(cells).toMatchObject({ 'netRevenue.value': '10', 'netRevenue.grossRevenue': '20', 'netRevenue.returns': '10', 'netRevenue.currency': 'EUR' });
    const json = parseReport(await runMain(['report', '-', '--cancelled-prefix', 'C', '--format', 'json'], csv));
    expect((json.rows[0] as { netRevenue: unknown }).netRevenue).toEqual({ value: '10', grossRevenue: '20', returns: '10', currency: 'EUR' });
  });

  test('the progress line is drawn on a terminal only, and cleared at the end', () => {
    vi.useFakeTimers({ now: 0 });
    try {
      const written: string[] = [];
      const terminal = { isTTY: true, write: (text: string) => written.push(text) > 0 };
      const pipe = { isTTY: false, write: (text: string) => written.push(`pipe: ${text}`) > 0 };
      const progress = new Progress(terminal as never);
      const silent = new Progress(pipe as never);
      // Ticks come after each chunk of the input: drawn at most every 250 ms.
      for (const [time, rows] of [
        [2000, 8192],
        [2100, 9000],
        [2300, 16_384],
      ] as const) {
        vi.setSystemTime(time);
        progress.tick(rows);
        silent.tick(rows);
      }
      progress.done();
      silent.done();
      expect(written).toEqual(['\rxsell-kpi: 8,192 rows read, 4,096 rows/s\u001b[K', '\rxsell-kpi: 16,384 rows read, 7,123 rows/s\u001b[K', '\r\u001b[K']);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('usage', () => {
  test.each([
    [['report', 'x.csv', '--grains', 'month'], 'unknown option --grains; did you mean --grain?'],
    [['report', 'no/such/file.csv'], 'no such file: no/such/file.csv'],
    [['report', '-', '--grain', 'fortnight'], 'invalid value "fortnight" for --grain (allowed: day, week, month, quarter, year)'],
    [['report', '-', '--time-zone', 'Mars/Olympus_Mons'], 'invalid value "Mars/Olympus_Mons" for --time-zone'],
    [['report', '-', '--currency', 'EURO'], 'invalid value "EURO" for --currency'],
    [['report', '-', '--format', 'xml'], 'invalid value "xml" for --format (allowed: table, json, csv, html)'],
    [['report', '-', '--columns', 'order=InvoiceNo'], '--columns: unknown field "order"'],
    [['report', '-', '--date-format', 'HH:mm'], '--date-format "HH:mm" needs YYYY'],
    [['report'], 'report needs a file'],
    [['summary', 'x.csv'], 'unknown command summary; the commands are report, sql and clv'],
    [[], 'missing command'],
  ])('%j exits 2 with a usage line', async (args, message) => {
    const run = await runMain(args);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    const [first, usage] = run.stderr.split('\n');
    expect(first).toContain(message);
    expect(usage).toMatch(/^Usage: xsell-kpi report <file\|-> /);
  });

  test('options that do not fit the input, or a column it lacks, are bad usage', async () => {
    const jsonl = await runMain(['report', `${fixtures}events.jsonl`, '--date-format', 'DD/MM/YYYY']);
    expect(jsonl.code).toBe(2);
    expect(jsonl.stderr).toContain('--date-format: for CSV input only');
    const column = await runMain(['report', `${fixtures}orders.csv`, '--group-by', 'country']);
    expect(column.code).toBe(2);
    expect(column.stderr).toContain('--group-by country: the header (line 1) has no column "country"');
  });

  test('--help and --version', async () => {
    const help = await runMain(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^xsell-kpi report: /);
    expect(help.stdout).toContain('--skip-invalid');
    const version = await runMain(['--version']);
    expect(version.stdout).toBe(`${(JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version}\n`);
  });
});

describe('issue 12 crash reproducers: never "cannot read properties of undefined"', () => {
  const header = 'order_id,customer_id,timestamp,sku,quantity,unit_price';
  const row = (orderId: string, sku: string, quantity = 1): string => `${orderId},c-${orderId},2026-01-01T10:00:00Z,${sku},${quantity},10`;

  test('a skipped (cancelled) order whose rows are split by another order', async () => {
    const csv = [header, row('C1', 'x', -1), row('A', 'x'), row('C1', 'y', -1)].join('\n');
    const run = await runMain(['report', '-', '--cancelled-prefix', 'C', '--skip-invalid', '--format', 'json'], csv);
    expect(run.stderr).not.toMatch(/cannot read|undefined/);
    const report = parseReport(run);
    expect(report.skipped).toEqual(NOTHING_SKIPPED);
    // The cancellation's two rows are one return of 20.
    expect(report.totals.counted).toMatchObject({ rows: 3, orders: 1, returns: 1, returned: '20' });
  });

  test('an order whose rows come in three runs', async () => {
    const csv = [header, row('A', 'x'), row('B', 'x'), row('A', 'y'), row('B', 'y'), row('A', 'z')].join('\n');
    const run = await runMain(['report', '-', '--skip-invalid', '--format', 'json'], csv);
    expect(run.stderr).not.toMatch(/cannot read|undefined/);
    const report = parseReport(run);
    expect(report.skipped).toEqual(NOTHING_SKIPPED);
    expect(report.totals.counted).toMatchObject({ rows: 5, orders: 2 });
  });

  test('a file in no order at all', async () => {
    // Ten orders of three rows each, the rows shuffled (a fixed permutation).
    const rows = Array.from({ length: 30 }, (_, index) => row(`O${index % 10}`, `s${Math.floor(index / 10)}`));
    const shuffled = rows.map((_, index) => rows[(index * 7) % 30]!);
    const run = await runMain(['report', '-', '--skip-invalid', '--format', 'json'], [header, ...shuffled].join('\n'));
    expect(run.stderr).not.toMatch(/cannot read|undefined/);
    expect(parseReport(run).totals.counted).toMatchObject({ rows: 30, orders: 10 });
  });

  test('a file that cannot be read is named as such; nothing else is', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'xsell-kpi-cli-'));
    try {
      const file = join(folder, 'orders.csv.gz');
      writeFileSync(file, gzipSync(ordersCsv).subarray(0, 40));
      const run = await runMain(['report', file]);
      expect(run).toMatchObject({ code: 1, stdout: '', stderr: `xsell-kpi: cannot read ${file}: unexpected end of file\n` });
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
