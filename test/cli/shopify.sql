-- The real Shopify "Export orders" sample (or a copy with some orders refunded and voided) read by
-- DuckDB's own CSV reader, in file order, for the test to build the orders and refunds from (the
-- first row of an order carries its order-level fields and its payment status).
-- '{file}' is replaced by the file's path.

-- name: load
CREATE TABLE raw AS SELECT * FROM read_csv('{file}', header = true, all_varchar = true)

-- name: rows
SELECT "Name" AS name, "Email" AS email, "Created at" AS created, "Currency" AS currency, "Source" AS source,
  "Lineitem sku" AS sku, "Lineitem name" AS product, "Lineitem quantity" AS quantity, "Lineitem price" AS price,
  "Lineitem discount" AS discount, "Subtotal" AS subtotal, "Financial Status" AS status, "Refunded Amount" AS refunded,
  "Cancelled at" AS cancelled, "Paid at" AS paid
FROM raw
ORDER BY rowid

-- name: orders
-- Orders and rows read, and the line revenue of the orders that are not voided (the status is on
-- an order's first row).
SELECT count(DISTINCT "Name") AS orders, count(*) AS rows,
  sum(CAST("Lineitem quantity" AS DECIMAL(18, 0)) * CAST("Lineitem price" AS DECIMAL(18, 2)) - coalesce(CAST("Lineitem discount" AS DECIMAL(18, 2)), 0))
    FILTER (WHERE "Name" NOT IN (SELECT "Name" FROM raw WHERE "Financial Status" = 'voided'))::VARCHAR AS revenue
FROM raw
