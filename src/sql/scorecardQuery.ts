import { KpiError } from '../core/KpiError.js';
import type { Grain } from '../core/time.js';
import { zone } from '../_internal/calendar.js';
import { scorecardOptions, type ScorecardSettings } from '../scorecard/settings.js';
import { DIALECTS, type Dialect } from './dialect.js';
import { FIELDS, quoteText, readTable, type Table } from './tables.js';

/**
 * The Scorecard as one SQL statement. The statement computes, per (period × group) cell and per
 * period total, only counts and exact sums, each as a row of a common layout tagged by `kind`;
 * `readRows.ts` turns them into Scorecard rows with the formula functions. The SQL decides
 * nothing a formula decides, so a ratio is the same double and a sum the same decimal as in memory.
 *
 * The layout of every result row: `kind`, `p` (the period's ordinal, as `calendar.ts` numbers
 * periods), `t` (1 for a period's total, 0 for a group), `g0…` (the group's values), `n1…n6`
 * (counts) and `m1…m5` (exact sums as text; for `kind = 'currency'` and `'problem'`, text).
 * @internal
 * @module
 */

/** @internal The number of count columns every result row has (`n1…`). */
export const COUNTS = 6;
/** @internal The number of text columns every result row has (`m1…`). */
export const TEXTS = 5;

/** @internal The options of `scorecardSql`, validated. */
export interface SqlSettings {
  readonly dialect: Dialect;
  readonly settings: ScorecardSettings;
  readonly orders: Table;
  readonly returns: Table | undefined;
  readonly offers: Table | undefined;
  readonly visits: Table | undefined;
}

/** @internal Validates the options of `scorecardSql`. */
export function sqlSettings(options: unknown): SqlSettings {
  const settings = scorecardOptions(options, ['dialect', 'orders', 'returns', 'offers', 'visits']);
  const bag = options as Record<string, unknown>;
  const name = bag['dialect'];
  const dialect = typeof name === 'string' && Object.hasOwn(DIALECTS, name) ? DIALECTS[name]! : undefined;
  if (dialect === undefined) throw new KpiError('INVALID_OPTION', 'dialect', `expected one of ${Object.keys(DIALECTS).join(', ')}`);
  const dimensions = settings.groupBy.filter((key) => key !== 'channel' && key !== 'segment');
  const table = (kind: keyof typeof FIELDS, required: boolean): Table | undefined => {
    if (bag[kind] === undefined) {
      if (required) throw new KpiError('INVALID_OPTION', kind, 'expected { table, columns? }: the table of order lines');
      return undefined;
    }
    return readTable(bag[kind], kind, [...FIELDS[kind], ...dimensions]);
  };
  return { dialect, settings, orders: table('orders', true)!, returns: table('returns', false), offers: table('offers', false), visits: table('visits', false) };
}

/** An IANA name as the engines know it: Intl's canonical spelling (`europe/berlin` → `Europe/Berlin`). */
function canonicalZone(timeZone: string): string {
  zone(timeZone);
  return new Intl.DateTimeFormat('en-US', { timeZone }).resolvedOptions().timeZone;
}

/** The period ordinal (`calendar.ts`) of an instant expression, in a time zone. */
function periodOrdinal(instant: string, grain: Grain, timeZone: string): string {
  const local = `(${instant} AT TIME ZONE ${quoteText(timeZone)})`;
  const days = `CAST(CAST(${local} AS DATE) - DATE '1970-01-01' AS BIGINT)`;
  const year = `CAST(EXTRACT(YEAR FROM ${local}) AS BIGINT)`;
  const month = `(${year} * 12 + CAST(EXTRACT(MONTH FROM ${local}) AS BIGINT) - 1)`;
  switch (grain) {
    case 'day':
      return days;
    case 'week':
      // 1970-01-05, day 4, was the Monday of week 0.
      return `CAST(FLOOR((${days} - 4) / 7.0) AS BIGINT)`;
    case 'month':
      return month;
    case 'quarter':
      return `CAST(FLOOR(${month} / 3.0) AS BIGINT)`;
    case 'year':
      return year;
  }
}

/** Whether the rows of one event disagree on an expression (NULL counts as a value). */
function disagree(expression: string): string {
  return `(COUNT(DISTINCT ${expression}) > 1 OR (COUNT(${expression}) > 0 AND COUNT(${expression}) < COUNT(*)))`;
}

/**
 * @internal Builds the SQL. Each kind of event becomes: a CTE reading its table into the event's
 * fields (`*_src`), one row per event (`*_one`: an order is all lines with its id, an offer or a
 * return all rows with its id), the event's period and group (`*_at`), and its cells (`*_cell`,
 * by `GROUPING SETS` of (period, group) and (period)).
 */
export function buildScorecardSql({ dialect, settings, orders, returns, offers, visits }: SqlSettings): string {
  const { grain, groupBy, by, minDistinct, currency } = settings;
  const timeZone = canonicalZone(settings.timeZone);
  const at = (instant: string) => periodOrdinal(instant, grain, timeZone);
  // A group's values: channel, segment, or a dimension column (d0, d1, …), '' when NULL.
  const dimensions = groupBy.filter((key) => key !== 'channel' && key !== 'segment');
  const groupFields = groupBy.map((key) => (key === 'channel' || key === 'segment' ? key : `d${dimensions.indexOf(key)}`));
  const groupNames = groupBy.map((_key, index) => `gv${index}`);
  const dimensionColumns = (table: Table) => dimensions.map((key, index) => `, CAST(${table.column(key)} AS TEXT) AS d${index}`).join('');
  /** The group values of one event, from its rows. */
  const groupOf = groupFields.map((field, index) => `, COALESCE(MIN(${field}), '') AS ${groupNames[index]}`).join('');
  const groupRow = groupFields.map((field, index) => `, COALESCE(${field}, '') AS ${groupNames[index]}`).join('');
  const groupAgrees = ['channel', 'segment', ...dimensions.map((_key, index) => `d${index}`)].map((field) => ` OR ${disagree(field)}`).join('');
  const grouped = groupBy.length === 0;
  const cellKeys = grouped ? 'p' : `p, ${groupNames.join(', ')}`;
  const cells = grouped ? 'GROUP BY p' : `GROUP BY GROUPING SETS ((p, ${groupNames.join(', ')}), (p))`;
  const total = grouped ? '1' : `CASE WHEN GROUPING(${groupNames[0]}) = 1 THEN 1 ELSE 0 END`;
  const ctes: string[] = [];
  const parts: string[] = [];
  /** A result row of the common layout. */
  const row = (kind: string, from: string, counts: readonly string[], texts: readonly string[], keys = true): string => {
    const n = Array.from({ length: COUNTS }, (_, index) => `CAST(${counts[index] ?? 'NULL'} AS BIGINT) AS n${index + 1}`);
    const m = Array.from({ length: TEXTS }, (_, index) => `CAST(${texts[index] ?? 'NULL'} AS TEXT) AS m${index + 1}`);
    const g = groupNames.map((name, index) => `CAST(${keys ? name : 'NULL'} AS TEXT) AS g${index}`);
    return `SELECT ${quoteText(kind)} AS kind, CAST(${keys ? 'p' : 'NULL'} AS BIGINT) AS p, CAST(${keys ? 't' : 'NULL'} AS INTEGER) AS t${g.map((item) => `, ${item}`).join('')}, ${[...n, ...m].join(', ')} ${from}`;
  };
  /** The currencies the events of `from` (one row per event) are counted in: their own, else the option. */
  const currencies = (from: string) =>
    row('currency', `FROM (SELECT DISTINCT COALESCE(currency, ${currency === null ? 'NULL' : quoteText(currency)}) AS currency FROM ${from}) c`, [], ['currency'], false);
  /** A check: rows of `from` where `condition` holds are an error addAll would throw. */
  const problem = (code: string, path: string, id: string, from: string, condition: string) =>
    row('problem', `FROM ${from} WHERE ${condition} HAVING COUNT(*) > 0`, ['COUNT(*)'], [quoteText(code), quoteText(path), `MIN(${id})`], false);

  // Orders: one row per order line.
  const o = (field: string) => orders.column(field);
  const product = by === 'sku' ? 'sku' : 'category';
  ctes.push(
    `o_src AS (SELECT CAST(${o('orderId')} AS TEXT) AS order_id, CAST(${o('customerId')} AS TEXT) AS customer_id, ${dialect.instant(o('timestamp'))} AS ts, ` +
      `CAST(${o('sku')} AS TEXT) AS sku, CAST(${o('category')} AS TEXT) AS category, COALESCE(${o('quantity')}, 1) AS quantity, ${o('unitPrice')} AS unit_price, ` +
      `COALESCE(${o('discount')}, 0) AS discount, CAST(${o('currency')} AS TEXT) AS currency, CAST(${o('channel')} AS TEXT) AS channel, ` +
      `CAST(${o('segment')} AS TEXT) AS segment, COALESCE(CAST(${o('source')} AS TEXT), 'organic') AS source${dimensionColumns(orders)} FROM ${orders.from})`,
    `o_line AS (SELECT *, quantity * unit_price - discount AS revenue FROM o_src)`,
    `o_one AS (SELECT order_id, MIN(customer_id) AS customer_id, MIN(ts) AS ts, MIN(currency) AS currency${groupOf}, SUM(revenue) AS revenue, SUM(quantity) AS items, ` +
      `COUNT(DISTINCT ${product}) AS products, SUM(CASE WHEN source = 'cross-sell' THEN revenue ELSE 0 END) AS cs_revenue, BOOL_OR(source = 'cross-sell') AS cs, ` +
      `SUM(CASE WHEN source = 'upsell' THEN revenue ELSE 0 END) AS up_revenue, BOOL_OR(source = 'upsell') AS up, ` +
      `(${disagree('customer_id')} OR ${disagree('ts')} OR ${disagree('currency')}${groupAgrees}) AS conflict FROM o_line GROUP BY order_id)`,
    `o_at AS (SELECT *, ${at('ts')} AS p FROM o_one)`,
    `o_cell AS (SELECT ${cellKeys}, ${total} AS t, COUNT(*) AS orders, COUNT(*) FILTER (WHERE products >= 2) AS cs_orders, COUNT(*) FILTER (WHERE cs) AS cs_conversions, ` +
      `COUNT(*) FILTER (WHERE up) AS up_conversions, SUM(revenue) AS revenue, SUM(items) AS items, SUM(cs_revenue) AS cs_revenue, SUM(up_revenue) AS up_revenue, ` +
      `SUM(revenue) FILTER (WHERE customer_id IS NOT NULL) AS customer_revenue FROM o_at ${cells})`,
    // The customers of each cell (guests are no one's), with what each bought there.
    `c_line AS (SELECT a.p${groupNames.map((name) => `, a.${name}`).join('')}, a.customer_id, a.order_id, l.${product} AS product, l.source FROM o_line l JOIN o_at a ON a.order_id = l.order_id WHERE a.customer_id IS NOT NULL)`,
    `c_one AS (SELECT ${cellKeys}, ${total} AS t, customer_id, COUNT(DISTINCT product) AS products, COUNT(DISTINCT order_id) AS orders, BOOL_OR(source = 'upsell') AS upsold FROM c_line ` +
      `${grouped ? 'GROUP BY p, customer_id' : `GROUP BY GROUPING SETS ((p, ${groupNames.join(', ')}, customer_id), (p, customer_id))`})`,
    `c_cell AS (SELECT ${cellKeys}, t, COUNT(*) AS customers, COUNT(*) FILTER (WHERE products >= ${minDistinct}) AS cross_sold, COUNT(*) FILTER (WHERE upsold) AS upsold, ` +
      `COUNT(*) FILTER (WHERE orders >= 2) AS repeat_customers FROM c_one GROUP BY ${cellKeys}, t)`,
    `c_kept AS (SELECT a.p, a.t${groupNames.map((name) => `, a.${name}`).join('')}, COUNT(*) AS retained FROM c_one a JOIN c_one b ON b.customer_id = a.customer_id AND b.p = a.p - 1 AND b.t = a.t` +
      `${groupNames.map((name) => ` AND b.${name} IS NOT DISTINCT FROM a.${name}`).join('')} GROUP BY a.p, a.t${groupNames.map((name) => `, a.${name}`).join('')})`,
  );
  parts.push(
    row('orders', 'FROM o_cell', ['orders', 'cs_orders', 'cs_conversions', 'up_conversions'], ['revenue', 'items', 'cs_revenue', 'up_revenue', 'customer_revenue']),
    row('customers', 'FROM c_cell', ['customers', 'cross_sold', 'upsold', 'repeat_customers'], []),
    row('retained', 'FROM c_kept', ['retained'], []),
    currencies('o_one'),
    problem('INVALID_EVENT', 'orderId', "''", 'o_src', "order_id IS NULL OR order_id = ''"),
    problem('INVALID_EVENT', 'customerId', 'order_id', 'o_src', "customer_id = ''"),
    problem('INVALID_TIMESTAMP', 'timestamp', 'order_id', 'o_src', 'ts IS NULL'),
    problem('INVALID_EVENT', 'lines[].sku', 'order_id', 'o_src', "sku IS NULL OR sku = ''"),
    ...(by === 'category' ? [problem('INVALID_EVENT', 'lines[].category', 'order_id', 'o_src', 'category IS NULL')] : []),
    problem('NEGATIVE_COUNT', 'lines[].quantity', 'order_id', 'o_src', 'quantity < 0'),
    problem('INVALID_NUMBER', 'lines[].quantity', 'order_id', 'o_src', 'quantity = 0'),
    problem('INVALID_MONEY', 'lines[].unitPrice', 'order_id', 'o_src', 'unit_price IS NULL OR unit_price < 0'),
    problem('INVALID_MONEY', 'lines[].discount', 'order_id', 'o_src', 'discount < 0 OR discount > quantity * unit_price'),
    problem('INVALID_EVENT', 'lines[].source', 'order_id', 'o_src', "source NOT IN ('organic', 'cross-sell', 'upsell')"),
    problem('CONFLICTING_DUPLICATE', 'orderId', 'order_id', 'o_one', 'conflict'),
  );

  if (returns !== undefined) {
    const r = (field: string) => returns.column(field);
    ctes.push(
      `r_src AS (SELECT CAST(${r('returnId')} AS TEXT) AS return_id, CAST(${r('orderId')} AS TEXT) AS order_id, CAST(${r('customerId')} AS TEXT) AS customer_id, ` +
        `${dialect.instant(r('timestamp'))} AS ts, CAST(${r('currency')} AS TEXT) AS currency, ${r('amount')} AS amount, CAST(${r('channel')} AS TEXT) AS channel, ` +
        `CAST(${r('segment')} AS TEXT) AS segment${dimensionColumns(returns)} FROM ${returns.from})`,
      `r_one AS (SELECT return_id, MIN(ts) AS ts, MIN(amount) AS amount, MIN(currency) AS currency${groupOf}, (${disagree('order_id')} OR ${disagree('customer_id')} OR ` +
        `${disagree('ts')} OR ${disagree('currency')} OR ${disagree('amount')}${groupAgrees}) AS conflict FROM r_src GROUP BY return_id)`,
      `r_at AS (SELECT *, ${at('ts')} AS p FROM r_one)`,
      `r_cell AS (SELECT ${cellKeys}, ${total} AS t, COUNT(*) AS returns, SUM(amount) AS amount FROM r_at ${cells})`,
    );
    parts.push(
      row('returns', 'FROM r_cell', ['returns'], ['amount']),
      currencies('r_one'),
      problem('INVALID_EVENT', 'returnId', "''", 'r_src', "return_id IS NULL OR return_id = ''"),
      problem('INVALID_EVENT', 'customerId', 'return_id', 'r_src', "customer_id = ''"),
      problem('INVALID_EVENT', 'orderId', 'return_id', 'r_src', "order_id = ''"),
      problem('INVALID_TIMESTAMP', 'timestamp', 'return_id', 'r_src', 'ts IS NULL'),
      problem('INVALID_MONEY', 'amount', 'return_id', 'r_src', 'amount IS NULL OR amount <= 0'),
      problem('CONFLICTING_DUPLICATE', 'returnId', 'return_id', 'r_one', 'conflict'),
    );
  }

  if (offers !== undefined) {
    const f = (field: string) => offers.column(field);
    ctes.push(
      `f_src AS (SELECT CAST(${f('offerId')} AS TEXT) AS offer_id, CAST(${f('customerId')} AS TEXT) AS customer_id, ${dialect.instant(f('timestamp'))} AS ts, ` +
        `CAST(${f('kind')} AS TEXT) AS kind, ${f('accepted')} AS accepted, CAST(${f('channel')} AS TEXT) AS channel, CAST(${f('segment')} AS TEXT) AS segment` +
        `${dimensionColumns(offers)} FROM ${offers.from})`,
      // Rows with one offer id are one offer; an offer without an id is one row.
      `f_one AS (SELECT MIN(ts) AS ts, MIN(kind) AS kind, BOOL_OR(accepted) AS accepted${groupOf}, (${disagree('customer_id')} OR ${disagree('ts')} OR ` +
        `${disagree('kind')} OR ${disagree('accepted')}${groupAgrees}) AS conflict, MIN(offer_id) AS offer_id FROM f_src WHERE offer_id IS NOT NULL GROUP BY offer_id ` +
        `UNION ALL SELECT ts, kind, accepted${groupRow}, FALSE, offer_id FROM f_src WHERE offer_id IS NULL)`,
      `f_at AS (SELECT *, ${at('ts')} AS p FROM f_one)`,
      `f_cell AS (SELECT ${cellKeys}, ${total} AS t, COUNT(*) FILTER (WHERE kind = 'cross-sell') AS cs_offered, COUNT(*) FILTER (WHERE kind = 'cross-sell' AND accepted) AS cs_accepted, ` +
        `COUNT(*) FILTER (WHERE kind = 'upsell') AS up_offered, COUNT(*) FILTER (WHERE kind = 'upsell' AND accepted) AS up_accepted FROM f_at ${cells})`,
    );
    parts.push(
      row('offers', 'FROM f_cell', ['cs_offered', 'cs_accepted', 'up_offered', 'up_accepted'], []),
      problem('INVALID_EVENT', 'customerId', "COALESCE(offer_id, '')", 'f_src', "customer_id IS NULL OR customer_id = ''"),
      problem('INVALID_EVENT', 'offerId', "''", 'f_src', "offer_id = ''"),
      problem('INVALID_TIMESTAMP', 'timestamp', "COALESCE(offer_id, '')", 'f_src', 'ts IS NULL'),
      problem('INVALID_EVENT', 'kind', "COALESCE(offer_id, '')", 'f_src', "kind IS NULL OR kind NOT IN ('cross-sell', 'upsell')"),
      problem('INVALID_EVENT', 'accepted', "COALESCE(offer_id, '')", 'f_src', 'accepted IS NULL'),
      problem('CONFLICTING_DUPLICATE', 'offerId', 'offer_id', 'f_one', 'conflict'),
    );
  }

  if (visits !== undefined) {
    const v = (field: string) => visits.column(field);
    ctes.push(
      `v_src AS (SELECT CAST(${v('visitorId')} AS TEXT) AS visitor_id, ${dialect.instant(v('timestamp'))} AS ts, ${v('converted')} AS converted, ` +
        `CAST(${v('channel')} AS TEXT) AS channel, CAST(${v('segment')} AS TEXT) AS segment${dimensionColumns(visits)} FROM ${visits.from})`,
      `v_at AS (SELECT visitor_id, converted${groupRow}, ${at('ts')} AS p FROM v_src)`,
      `v_cell AS (SELECT ${cellKeys}, ${total} AS t, COUNT(DISTINCT visitor_id) AS visitors, COUNT(DISTINCT visitor_id) FILTER (WHERE converted) AS converted FROM v_at ${cells})`,
    );
    parts.push(
      row('visits', 'FROM v_cell', ['visitors', 'converted'], []),
      problem('INVALID_EVENT', 'visitorId', "''", 'v_src', "visitor_id IS NULL OR visitor_id = ''"),
      problem('INVALID_TIMESTAMP', 'timestamp', 'visitor_id', 'v_src', 'ts IS NULL'),
      problem('INVALID_EVENT', 'converted', 'visitor_id', 'v_src', 'converted IS NULL'),
    );
  }
  return `WITH\n${ctes.join(',\n')}\n${parts.join('\nUNION ALL\n')}\n`;
}
