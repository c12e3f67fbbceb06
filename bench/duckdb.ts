// DuckDB (in-memory) contender of `npm run bench`: loads the same orders as one row per order line
// (appender into VARCHAR columns, then one CREATE TABLE … AS SELECT casting prices to DECIMAL(18,4)),
// and computes the same figures in SQL. Load and query are timed apart by bench/run.ts.
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import type { BenchOrder as Order } from './generate.js';

export async function openDuckDb(): Promise<DuckDBConnection> {
  const instance = await DuckDBInstance.create(':memory:');
  return instance.connect();
}

/** Loads the orders into table `lines`, replacing a previous load. */
export async function loadDuckDb(connection: DuckDBConnection, orders: readonly Order[]): Promise<void> {
  await connection.run('DROP TABLE IF EXISTS raw_lines; DROP TABLE IF EXISTS lines');
  await connection.run(
    'CREATE TABLE raw_lines (order_id VARCHAR, customer_id VARCHAR, ts VARCHAR, channel VARCHAR, sku VARCHAR, quantity INTEGER, unit_price VARCHAR, discount VARCHAR)',
  );
  const appender = await connection.createAppender('raw_lines');
  for (const order of orders) {
    for (const line of order.lines) {
      appender.appendVarchar(order.orderId);
      appender.appendVarchar(order.customerId);
      appender.appendVarchar(order.timestamp as string);
      appender.appendVarchar(order.channel ?? '');
      appender.appendVarchar(line.sku);
      appender.appendInteger(line.quantity ?? 1);
      appender.appendVarchar(line.unitPrice as string);
      appender.appendVarchar((line.discount as string | undefined) ?? '0');
      appender.endRow();
    }
  }
  appender.closeSync();
  await connection.run(
    `CREATE TABLE lines AS SELECT order_id, customer_id, substr(ts, 1, 7) AS month, channel, sku, quantity,
       CAST(unit_price AS DECIMAL(18,4)) AS unit_price, CAST(discount AS DECIMAL(18,4)) AS discount FROM raw_lines;
     DROP TABLE raw_lines`,
  );
}

export interface DuckDbFigures {
  customers: number;
  crossSoldCustomers: number;
  orders: number;
  crossSellOrders: number;
  revenue: string;
}

/** Customer cross-sell rate, transaction cross-sell rate and AOV over all orders. */
export async function queryDuckDb(connection: DuckDBConnection): Promise<DuckDbFigures> {
  const reader = await connection.runAndReadAll(`
    WITH o AS (SELECT order_id, count(DISTINCT sku) AS d, sum(quantity * unit_price - discount) AS revenue FROM lines GROUP BY order_id),
         c AS (SELECT customer_id, count(DISTINCT sku) AS d FROM lines GROUP BY customer_id)
    SELECT (SELECT count(*) FROM c)::INTEGER AS customers, (SELECT count(*) FILTER (WHERE d >= 2) FROM c)::INTEGER AS cross_sold,
           count(*)::INTEGER AS orders, (count(*) FILTER (WHERE d >= 2))::INTEGER AS cross_sell_orders,
           sum(revenue)::VARCHAR AS revenue, (sum(revenue) / count(*))::DOUBLE AS aov,
           (SELECT count(*) FILTER (WHERE d >= 2) FROM c) / (SELECT count(*) FROM c) AS cross_sell_rate,
           count(*) FILTER (WHERE d >= 2) / count(*) AS transaction_cross_sell_rate
    FROM o`);
  const row = reader.getRowObjectsJS()[0]!;
  return {
    customers: Number(row['customers']),
    crossSoldCustomers: Number(row['cross_sold']),
    orders: Number(row['orders']),
    crossSellOrders: Number(row['cross_sell_orders']),
    revenue: String(row['revenue']),
  };
}

/** The same three KPIs per month × channel plus a total per month (channel NULL); returns the rows. */
export async function queryDuckDbGrouped(connection: DuckDBConnection): Promise<Record<string, unknown>[]> {
  const reader = await connection.runAndReadAll(`
    WITH o AS (SELECT month, channel, order_id, count(DISTINCT sku) AS d, sum(quantity * unit_price - discount) AS revenue
               FROM lines GROUP BY GROUPING SETS ((month, channel, order_id), (month, order_id))),
         c AS (SELECT month, channel, customer_id, count(DISTINCT sku) AS d
               FROM lines GROUP BY GROUPING SETS ((month, channel, customer_id), (month, customer_id))),
         oa AS (SELECT month, channel, count(*) AS orders, count(*) FILTER (WHERE d >= 2) AS cross_sell_orders, sum(revenue) AS revenue
                FROM o GROUP BY month, channel),
         ca AS (SELECT month, channel, count(*) AS customers, count(*) FILTER (WHERE d >= 2) AS cross_sold FROM c GROUP BY month, channel)
    SELECT oa.month, oa.channel, ca.customers::INTEGER AS customers, ca.cross_sold::INTEGER AS cross_sold,
           oa.orders::INTEGER AS orders, oa.cross_sell_orders::INTEGER AS cross_sell_orders, oa.revenue::VARCHAR AS revenue,
           ca.cross_sold / ca.customers AS cross_sell_rate, oa.cross_sell_orders / oa.orders AS transaction_cross_sell_rate,
           (oa.revenue / oa.orders)::DOUBLE AS aov
    FROM oa JOIN ca ON oa.month = ca.month AND oa.channel IS NOT DISTINCT FROM ca.channel`);
  return reader.getRowObjectsJS() as Record<string, unknown>[];
}
