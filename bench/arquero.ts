// arquero contender of `npm run bench`: loads the same orders into an arquero table of one row per
// order line, and computes the figures of CrossSellRate, TransactionCrossSellRate, AverageOrderValue
// and the Scorecard baseline (per month × channel plus a total per month) with arquero verbs. Load
// and each query are timed apart by bench/run.ts.
//
// Money is exact: unit price and discount are integer minor units (1/10,000 of the currency unit,
// as in bench/reference.ts, because some prices carry 4 decimals) in Float64Array columns, and every
// sum stays an integer far below 2^53 ≈ 9 × 10^15 (5M lines of at most 3 × 500 currency units are
// at most 7.5 × 10^13 minor units), so a float never rounds. arquero has no decimal type, and float prices would not sum exactly.
//
// The expressions below are arrow functions that arquero parses from their source text (it does not
// call them), so they may use only `d.column`, `op.*` and plain operators, not variables of this
// module: the one that needs SCALE is a string with it written in.
import { op, table, type ColumnTable } from 'arquero';
import type { BenchOrder as Order } from './generate.js';
import { minor, SCALE } from './reference.js';

/** One row per order line; month is the ISO timestamp's `YYYY-MM` (UTC), as in the reference loops. */
export function loadArquero(orders: readonly Order[]): ColumnTable {
  let rows = 0;
  for (const order of orders) rows += order.lines.length;
  const orderId: string[] = [];
  const customerId: string[] = [];
  const month: string[] = [];
  const channel: string[] = [];
  const sku: string[] = [];
  const quantity = new Float64Array(rows);
  const unitPrice = new Float64Array(rows);
  const discount = new Float64Array(rows);
  let row = 0;
  for (const order of orders) {
    const orderMonth = (order.timestamp as string).slice(0, 7);
    for (const line of order.lines) {
      orderId.push(order.orderId);
      customerId.push(order.customerId);
      month.push(orderMonth);
      channel.push(order.channel ?? '');
      sku.push(line.sku);
      quantity[row] = line.quantity ?? 1;
      unitPrice[row] = minor(line.unitPrice);
      discount[row] = line.discount === undefined ? 0 : minor(line.discount);
      row++;
    }
  }
  return table({
    order_id: orderId,
    customer_id: customerId,
    month,
    channel,
    sku,
    quantity,
    unit_price: unitPrice,
    discount,
  });
}

export interface ArqueroCrossSellRate {
  customers: number;
  crossSoldCustomers: number;
  value: number;
}

export interface ArqueroTransactionCrossSellRate {
  orders: number;
  crossSellOrders: number;
  value: number;
}

export interface ArqueroAverageOrderValue {
  orders: number;
  /** Revenue in minor units (1/10,000). */
  revenue: number;
  /** revenue ÷ orders in currency units, as a float. */
  value: number;
}

/** revenue ÷ orders in currency units. */
const AOV = `d => d.revenue / d.orders / ${SCALE}`;

/** Customers, and those with ≥ 2 distinct SKUs over all their lines. */
export function queryArqueroCrossSellRate(lines: ColumnTable): ArqueroCrossSellRate {
  const row = lines
    .groupby('customer_id')
    .rollup({ skus: op.distinct('sku') })
    .rollup({ customers: op.count(), cross_sold: (d) => op.sum(d.skus >= 2 ? 1 : 0) })
    .derive({ value: (d) => d.cross_sold / d.customers })
    .object() as { customers: number; cross_sold: number; value: number };
  return { customers: row.customers, crossSoldCustomers: row.cross_sold, value: row.value };
}

/** Orders, and those with ≥ 2 distinct SKUs. */
export function queryArqueroTransactionCrossSellRate(lines: ColumnTable): ArqueroTransactionCrossSellRate {
  const row = lines
    .groupby('order_id')
    .rollup({ skus: op.distinct('sku') })
    .rollup({ orders: op.count(), cross_sell_orders: (d) => op.sum(d.skus >= 2 ? 1 : 0) })
    .derive({ value: (d) => d.cross_sell_orders / d.orders })
    .object() as { orders: number; cross_sell_orders: number; value: number };
  return { orders: row.orders, crossSellOrders: row.cross_sell_orders, value: row.value };
}

/** Orders (distinct order ids) and revenue Σ quantity × unit price − discount. */
export function queryArqueroAverageOrderValue(lines: ColumnTable): ArqueroAverageOrderValue {
  const row = lines
    .rollup({ orders: op.distinct('order_id'), revenue: (d) => op.sum(d.quantity * d.unit_price - d.discount) })
    .derive({ value: AOV })
    .object() as { orders: number; revenue: number; value: number };
  return { orders: row.orders, revenue: row.revenue, value: row.value };
}

export interface ArqueroGroupedRow {
  month: string;
  /** null on the total row of a month. */
  channel: string | null;
  customers: number;
  cross_sold: number;
  orders: number;
  cross_sell_orders: number;
  /** Revenue in minor units (1/10,000). */
  revenue: number;
  cross_sell_rate: number;
  transaction_cross_sell_rate: number;
  /** revenue ÷ orders in currency units, as a float. */
  aov: number;
}

/** Order figures of a group, from a table of one row per order (skus, revenue). */
const ORDER_FIGURES = {
  orders: op.count(),
  cross_sell_orders: (d: { skus: number }) => op.sum(d.skus >= 2 ? 1 : 0),
  revenue: op.sum('revenue'),
};
/** Customer figures of a group, from a table of one row per customer (skus). */
const CUSTOMER_FIGURES = { customers: op.count(), cross_sold: (d: { skus: number }) => op.sum(d.skus >= 2 ? 1 : 0) };

/**
 * The three KPIs per month × channel plus a total row per month (channel null): arquero has no
 * grouping sets, so the month totals are a second grouping of the same per-order and per-customer
 * tables (customers cannot be summed over channels: one customer can buy in several).
 */
export function queryArqueroGrouped(lines: ColumnTable): ArqueroGroupedRow[] {
  // An order has one month and one channel, so grouping by them too only carries them along.
  const perOrder = lines
    .groupby('month', 'channel', 'order_id')
    .rollup({ skus: op.distinct('sku'), revenue: (d) => op.sum(d.quantity * d.unit_price - d.discount) });
  const orderCells = perOrder.groupby('month', 'channel').rollup(ORDER_FIGURES);
  const orderMonths = perOrder.groupby('month').rollup(ORDER_FIGURES);
  const customerCells = lines.groupby('month', 'channel', 'customer_id').rollup({ skus: op.distinct('sku') }).groupby('month', 'channel').rollup(CUSTOMER_FIGURES);
  const customerMonths = lines.groupby('month', 'customer_id').rollup({ skus: op.distinct('sku') }).groupby('month').rollup(CUSTOMER_FIGURES);
  return orderCells
    .join(customerCells, [['month', 'channel']])
    .concat(orderMonths.join(customerMonths, 'month').derive({ channel: () => null }))
    .derive({
      cross_sell_rate: (d) => d.cross_sold / d.customers,
      transaction_cross_sell_rate: (d) => d.cross_sell_orders / d.orders,
      aov: AOV,
    })
    .objects() as ArqueroGroupedRow[];
}
