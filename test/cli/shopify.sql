-- The real Shopify "Export orders" sample read by DuckDB's own CSV reader, in file order, for the
-- test to build the orders from (the first row of an order carries its order-level fields).
-- '{file}' is replaced by the file's path.

-- name: load
CREATE TABLE raw AS SELECT * FROM read_csv('{file}', header = true, all_varchar = true)

-- name: rows
SELECT "Name" AS name, "Email" AS email, "Created at" AS created, "Currency" AS currency, "Source" AS source,
  "Lineitem sku" AS sku, "Lineitem name" AS product, "Lineitem quantity" AS quantity, "Lineitem price" AS price,
  "Lineitem discount" AS discount, "Subtotal" AS subtotal
FROM raw
ORDER BY rowid

-- name: orders
SELECT count(DISTINCT "Name") AS orders, count(*) AS rows,
  count(DISTINCT "Name") FILTER (WHERE "Email" IS NOT NULL) AS withCustomer,
  sum(CAST("Lineitem quantity" AS DECIMAL(18, 0)) * CAST("Lineitem price" AS DECIMAL(18, 2)) - coalesce(CAST("Lineitem discount" AS DECIMAL(18, 2)), 0))
    FILTER (WHERE "Email" IS NOT NULL)::VARCHAR AS revenue
FROM raw
