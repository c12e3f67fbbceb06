-- The UCI Online Retail file as `xsell-kpi report` should read it with
--   --columns order_id=InvoiceNo,customer_id=CustomerID,timestamp=InvoiceDate,sku=StockCode,quantity=Quantity,unit_price=UnitPrice
--   --cancelled-prefix C --skip-invalid
-- computed independently in DuckDB. '{file}' is replaced by the file's path.

-- name: load
CREATE TABLE raw AS SELECT * FROM read_csv('{file}', header = true, all_varchar = true)

-- name: number
-- Each row with its file order. An invoice is all rows with its InvoiceNo, wherever they are (no
-- invoice's rows are apart by 10,000 other invoices, the CLI's window).
CREATE TABLE numbered AS SELECT rowid AS row_no, * FROM raw

-- name: verdict
-- Each row's problem, the first in the library's order of fields (customer, quantity, price), after
-- the CLI's own: a cancellation.
CREATE TABLE verdict AS
SELECT *, CASE
    WHEN InvoiceNo LIKE 'C%' THEN 'CANCELLED_ORDER'
    WHEN CustomerID IS NULL THEN 'INVALID_EVENT'
    WHEN CAST(Quantity AS INTEGER) < 0 THEN 'NEGATIVE_COUNT'
    WHEN CAST(Quantity AS INTEGER) = 0 THEN 'INVALID_NUMBER'
    WHEN CAST(UnitPrice AS DECIMAL(18, 3)) < 0 THEN 'INVALID_MONEY'
  END AS code
FROM numbered

-- name: counted
-- Invoices without a bad row are counted, whole; the others are skipped, whole.
CREATE TABLE counted AS
SELECT * FROM verdict WHERE InvoiceNo NOT IN (SELECT InvoiceNo FROM verdict WHERE code IS NOT NULL)

-- name: read
SELECT count(*) AS rows, count(DISTINCT InvoiceNo) AS orders, count(DISTINCT CustomerID) AS customers FROM raw

-- name: totals
SELECT count(*) AS rows, count(DISTINCT InvoiceNo) AS orders, count(DISTINCT CustomerID) AS customers,
  sum(CAST(Quantity AS DECIMAL(18, 0)) * CAST(UnitPrice AS DECIMAL(18, 3)))::VARCHAR AS revenue
FROM counted

-- name: skipped
SELECT count(*) AS rows, count(DISTINCT InvoiceNo) AS orders FROM verdict WHERE InvoiceNo NOT IN (SELECT InvoiceNo FROM counted)

-- name: byCode
-- The first line of each code: the header is line 1, rowid 0 is line 2.
SELECT code, count(*) AS rows, CAST(min(row_no) + 2 AS INTEGER) AS first_line FROM verdict WHERE code IS NOT NULL GROUP BY code ORDER BY code

-- name: months
-- An invoice's month is its first row's (InvoiceDate is UK wall-clock time, read in Europe/London).
SELECT period, count(*) AS orders, count(DISTINCT customer) AS customers, sum(items)::VARCHAR AS items, sum(revenue)::VARCHAR AS revenue
FROM (
  SELECT InvoiceNo, substr(arg_min(InvoiceDate, row_no), 1, 7) AS period, any_value(CustomerID) AS customer,
    sum(CAST(Quantity AS DECIMAL(18, 0))) AS items,
    sum(CAST(Quantity AS DECIMAL(18, 0)) * CAST(UnitPrice AS DECIMAL(18, 3))) AS revenue
  FROM counted GROUP BY InvoiceNo
)
GROUP BY period ORDER BY period
