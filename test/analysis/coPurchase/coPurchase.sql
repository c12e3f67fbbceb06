-- Co-purchase ("bought together") figures in DuckDB, the oracle for CoPurchase (oracle.test.ts).
-- The test loads `raw_lines` (one row per delivered order line, re-deliveries included) and runs
-- each section below by its `-- name:` marker. {by} is replaced by `sku` or `category`.
--
-- An order counts each distinct product once; a re-delivered order (same order_id, identical
-- content) is one order. Ratios are computed as DOUBLE from exact integer counts: one IEEE
-- division of two exact values, so they are correctly rounded, like the library's.

-- name: createRawLines
CREATE TABLE raw_lines (delivery INTEGER, order_id VARCHAR, sku VARCHAR, category VARCHAR);

-- name: createBaskets
CREATE TABLE baskets AS SELECT DISTINCT order_id, {by} AS product FROM raw_lines;

-- name: stats
SELECT
  (SELECT count(DISTINCT order_id) FROM raw_lines) AS orders,
  (SELECT count(DISTINCT delivery) FROM raw_lines) AS deliveries,
  (SELECT count(DISTINCT product) FROM baskets) AS products,
  (SELECT count(*) FROM baskets x JOIN baskets y ON x.order_id = y.order_id AND x.product < y.product) AS pair_occurrences,
  (SELECT max(k) FROM (SELECT count(*) AS k FROM baskets GROUP BY order_id)) AS largest_basket;

-- name: products
SELECT product, count(*) AS orders_with FROM baskets GROUP BY product ORDER BY product;

-- name: pairs
WITH
  totals AS (SELECT count(DISTINCT order_id) AS orders FROM baskets),
  products AS (SELECT product, count(*) AS n FROM baskets GROUP BY product),
  pairs AS (
    SELECT x.product AS a, y.product AS b, count(*) AS count
    FROM baskets x JOIN baskets y ON x.order_id = y.order_id AND x.product < y.product
    GROUP BY x.product, y.product
  )
SELECT
  a, b, count,
  count::DOUBLE / orders::DOUBLE AS support,
  count::DOUBLE / pa.n::DOUBLE AS confidence_ab,
  count::DOUBLE / pb.n::DOUBLE AS confidence_ba,
  (count * orders)::DOUBLE / (pa.n * pb.n)::DOUBLE AS lift
FROM pairs
JOIN products pa ON pa.product = a
JOIN products pb ON pb.product = b
CROSS JOIN totals
ORDER BY count DESC, a, b;

-- name: complements
-- For every product s, its complements c ranked as topComplements documents: by confidence
-- (count ÷ n(s), so by count) or by lift (count × orders ÷ (n(s) × n(c)), so by count ÷ n(c)),
-- then count descending, then c. count ÷ n(c) as DOUBLE separates unequal fractions of counts
-- below 2^26 and ties equal ones, so this ordering is exact here.
WITH
  totals AS (SELECT count(DISTINCT order_id) AS orders FROM baskets),
  products AS (SELECT product, count(*) AS n FROM baskets GROUP BY product),
  together AS (
    SELECT x.product AS s, y.product AS c, count(*) AS count
    FROM baskets x JOIN baskets y ON x.order_id = y.order_id AND x.product <> y.product
    GROUP BY x.product, y.product
  )
SELECT
  s, c, count,
  count::DOUBLE / ps.n::DOUBLE AS confidence,
  (count * orders)::DOUBLE / (ps.n * pc.n)::DOUBLE AS lift,
  row_number() OVER (PARTITION BY s ORDER BY count DESC, c) AS rank_by_confidence,
  row_number() OVER (PARTITION BY s ORDER BY count::DOUBLE / pc.n::DOUBLE DESC, count DESC, c) AS rank_by_lift
FROM together
JOIN products ps ON ps.product = s
JOIN products pc ON pc.product = c
CROSS JOIN totals
ORDER BY s, c;
