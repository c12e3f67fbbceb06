-- The UCI Online Retail file as `xsell-kpi report` reads it with the README's command:
--   --columns order_id=InvoiceNo,customer_id=CustomerID,timestamp=InvoiceDate,sku=StockCode,quantity=Quantity,unit_price=UnitPrice
--   --cancelled-prefix C --exclude-sku <the README's list> --skip-invalid (months in Europe/London)
-- computed independently in DuckDB: every count and sum of every month's total row. '{file}' is
-- replaced by the file's path, {excluded} by the excluded SKUs as a list of SQL strings.

-- name: load
CREATE TABLE raw AS SELECT * FROM read_csv('{file}', header = true, all_varchar = true)

-- name: number
-- Each row with its file order. An invoice is all rows with its InvoiceNo, wherever they are (no
-- invoice's rows are apart by 10,000 other invoices, the CLI's window).
CREATE TABLE numbered AS SELECT rowid AS row_no, * FROM raw

-- name: kept
-- Rows of the excluded SKUs (postage, fees, adjustments) are dropped before anything else.
CREATE TABLE kept AS
SELECT *, InvoiceNo LIKE 'C%' AS cancellation, CAST(Quantity AS DECIMAL(18, 0)) AS qty, CAST(UnitPrice AS DECIMAL(18, 3)) AS price_each
FROM numbered WHERE StockCode NOT IN ({excluded})

-- name: verdict
-- Each row's problem, the first in the library's order of fields (quantity, then price). An order
-- line needs a quantity > 0 and a price ≥ 0; a cancellation line a negative quantity (the quantity
-- given back) and a price ≥ 0. A row without a CustomerID is a guest's: no problem.
CREATE TABLE verdict AS
SELECT *, CASE
    WHEN cancellation AND qty >= 0 THEN 'INVALID_NUMBER'
    WHEN NOT cancellation AND qty < 0 THEN 'NEGATIVE_COUNT'
    WHEN NOT cancellation AND qty = 0 THEN 'INVALID_NUMBER'
    WHEN price_each < 0 THEN 'INVALID_MONEY'
  END AS code
FROM kept

-- name: counted
-- Invoices without a bad row are counted, whole (orders, and cancellations as returns of
-- −Σ quantity × price, which is > 0 for each); the others are skipped, whole.
CREATE TABLE counted AS
SELECT * FROM verdict WHERE InvoiceNo NOT IN (SELECT InvoiceNo FROM verdict WHERE code IS NOT NULL)

-- name: orders
-- One row per counted invoice. Its month is its first row's (InvoiceDate is UK wall-clock time,
-- read in Europe/London).
CREATE TABLE invoices AS
SELECT InvoiceNo, any_value(cancellation) AS cancellation, substr(arg_min(InvoiceDate, row_no), 1, 7) AS period, any_value(CustomerID) AS customer,
  sum(qty) AS items, sum(qty * price_each) AS revenue, count(DISTINCT StockCode) AS products
FROM counted GROUP BY InvoiceNo

-- name: read
SELECT count(*) AS rows, count(DISTINCT InvoiceNo) AS orders, count(DISTINCT CustomerID) AS customers FROM raw

-- name: excluded
-- Excluded rows, and invoices that had no other row.
SELECT (SELECT count(*) FROM numbered) - (SELECT count(*) FROM kept) AS rows,
  (SELECT count(DISTINCT InvoiceNo) FROM numbered) - (SELECT count(DISTINCT InvoiceNo) FROM kept) AS orders

-- name: totals
SELECT (SELECT count(*) FROM counted) AS rows,
  count(*) FILTER (WHERE NOT cancellation) AS orders, count(*) FILTER (WHERE cancellation) AS returns,
  count(DISTINCT customer) FILTER (WHERE NOT cancellation) AS customers,
  sum(revenue) FILTER (WHERE NOT cancellation)::VARCHAR AS revenue,
  (-sum(revenue) FILTER (WHERE cancellation))::VARCHAR AS returned,
  sum(revenue)::VARCHAR AS net
FROM invoices

-- name: skipped
SELECT count(*) AS rows, count(DISTINCT InvoiceNo) AS orders FROM verdict WHERE InvoiceNo NOT IN (SELECT InvoiceNo FROM counted)

-- name: byCode
-- The first line of each code: the header is line 1, rowid 0 is line 2.
SELECT code, count(*) AS rows, CAST(min(row_no) + 2 AS INTEGER) AS first_line FROM verdict WHERE code IS NOT NULL GROUP BY code ORDER BY code

-- name: months
-- Every count and sum of each month's total row. Customers are those with an order (guests are
-- not customers); their products are counted over the month's orders; retention compares a
-- month's customers with the month before's; returns count in their own month.
WITH
  periods AS (SELECT DISTINCT period FROM invoices),
  sales AS (SELECT * FROM invoices WHERE NOT cancellation),
  active AS (SELECT DISTINCT period, customer FROM sales WHERE customer IS NOT NULL),
  customer_month AS (
    SELECT o.period, o.customer, count(DISTINCT c.InvoiceNo) AS orders, count(DISTINCT c.StockCode) AS products, sum(c.qty * c.price_each) AS revenue
    FROM sales o JOIN counted c ON c.InvoiceNo = o.InvoiceNo
    WHERE o.customer IS NOT NULL GROUP BY o.period, o.customer
  ),
  previous AS (
    SELECT p.period, strftime(CAST(p.period || '-01' AS DATE) - INTERVAL 1 MONTH, '%Y-%m') AS before FROM periods p
  ),
  retention AS (
    SELECT p.period,
      (SELECT count(*) FROM active a WHERE a.period = p.before) AS customers_at_start,
      (SELECT count(*) FROM active a WHERE a.period = p.period AND a.customer NOT IN (SELECT customer FROM active b WHERE b.period = p.before)) AS new_customers,
      (SELECT count(*) FROM active b WHERE b.period = p.before AND b.customer NOT IN (SELECT customer FROM active a WHERE a.period = p.period)) AS customers_lost
    FROM previous p
  )
SELECT p.period,
  coalesce(s.orders, 0) AS orders, coalesce(s.cross_sell_orders, 0) AS cross_sell_orders,
  coalesce(s.items, 0)::VARCHAR AS items, coalesce(s.revenue, 0)::VARCHAR AS revenue,
  coalesce(cm.customers, 0) AS customers, coalesce(cm.cross_sold, 0) AS cross_sold_customers, coalesce(cm.repeat, 0) AS repeat_customers,
  coalesce(cm.revenue, 0)::VARCHAR AS customer_revenue,
  r.customers_at_start, r.new_customers, r.customers_lost,
  coalesce(x.returned, 0)::VARCHAR AS returned
FROM periods p
LEFT JOIN (
  SELECT period, count(*) AS orders, count(*) FILTER (WHERE products >= 2) AS cross_sell_orders, sum(items) AS items, sum(revenue) AS revenue FROM sales GROUP BY period
) s ON s.period = p.period
LEFT JOIN (
  SELECT period, count(*) AS customers, count(*) FILTER (WHERE products >= 2) AS cross_sold, count(*) FILTER (WHERE orders >= 2) AS repeat, sum(revenue) AS revenue FROM customer_month GROUP BY period
) cm ON cm.period = p.period
LEFT JOIN (SELECT period, -sum(revenue) AS returned FROM invoices WHERE cancellation GROUP BY period) x ON x.period = p.period
JOIN retention r ON r.period = p.period
ORDER BY p.period
