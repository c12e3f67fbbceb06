import type { Layout } from './columns.js';

/**
 * The layout of Shopify's "Export orders" CSV (Admin → Orders → Export).
 *
 * @remarks
 * One row per line item; the first row of an order carries the order-level fields (Currency,
 * totals, Source, Cancelled at, ...) and its continuation rows only Name, Email, Created at and the
 * `Lineitem *` columns. Order-level fields are therefore read from the first row that has them, and
 * the order's totals (Subtotal, Total, Taxes, Shipping, Discount Amount) are never read: revenue is
 * the sum of its lines, Lineitem quantity × Lineitem price − Lineitem discount (the line's total
 * discount).
 *
 * | field | Shopify column |
 * |---|---|
 * | order_id | Name (`#1001`) |
 * | customer_id | Email |
 * | timestamp | Created at (`2025-12-06 10:37:33 -0500`), or Paid at when Created at is empty |
 * | sku | Lineitem sku, or Lineitem name when the line has no SKU |
 * | quantity, unit_price, discount | Lineitem quantity, Lineitem price, Lineitem discount |
 * | currency | Currency |
 * | channel | Source (`web`, `pos`, `shopify_draft_order` or an app id) |
 *
 * An order's payment status comes from its first row: a `voided` Financial Status is no sale (the
 * order is skipped as `VOIDED_ORDER`); a Refunded Amount above 0 is a return of that amount, the
 * order itself still counted (gross), dated at the order's Cancelled at, else its Paid at, else its
 * Created at; an order with a Cancelled at and nothing refunded is skipped as `CANCELLED_ORDER`. The
 * Refunded Amount is what Shopify gave back, shipping and taxes included, while revenue is the
 * lines': a whole refund of an order with shipping or taxes makes its net revenue negative. An
 * order without an Email (a draft or POS order with no customer) is a guest order. `--columns` can
 * still map any field to another column (`category=Vendor`).
 * @internal
 */
export const SHOPIFY_LAYOUT: Layout = {
  name: 'shopify',
  columns: new Map<string, readonly string[]>([
    ['order_id', ['Name']],
    ['customer_id', ['Email']],
    ['timestamp', ['Created at', 'Paid at']],
    ['currency', ['Currency']],
    ['channel', ['Source']],
    ['segment', []],
    ['sku', ['Lineitem sku', 'Lineitem name']],
    ['category', []],
    ['quantity', ['Lineitem quantity']],
    ['unit_price', ['Lineitem price']],
    ['discount', ['Lineitem discount']],
    ['source', []],
  ]),
  status: { financialStatus: 'Financial Status', refundedAmount: 'Refunded Amount', cancelledAt: 'Cancelled at', paidAt: 'Paid at' },
};
