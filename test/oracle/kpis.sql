-- The DuckDB oracle for xsell-kpi: every KPI computed in SQL, independently of the library.
--
-- test/oracle/oracle.test.ts splits this file on the `-- name: <name>` markers; each section is
-- one statement. The `create*` sections build the tables (raw tables first, then the test
-- appends the event stream into them, then the typed and de-duplicated tables); every other
-- section is one KPI query, named after the accumulator it checks.
--
-- Exactness: quantities, prices and discounts are DECIMAL(38,10) (the data has at most 6
-- decimals), so quantity × unit_price − discount is an exact DECIMAL(38,20) and so are its sums.
-- Money leaves SQL as VARCHAR; the test strips trailing zeros before comparing it with the
-- library's Decimal#toFixed(). Counts are BIGINT. Quotients (AOV, CLV, revenue per conversion,
-- revenue share) are not computed here: the test divides SQL's exact figures itself.
--
-- Guests and returns (SPEC section 9): a guest order has customer_id NULL. Order-level figures
-- read `lines` (every order, guests included); customer-level figures read `customer_lines`
-- (identified customers only). Returns are in `returns`, one row per return_id; they count only
-- in net revenue and in the lifetime value net of returns, in the month and channel of their own.
--
-- Month keys are the UTC calendar month, strftime(ts AT TIME ZONE 'UTC', '%Y-%m')
-- (month_berlin: the same in Europe/Berlin, for the time-zone check).

-- name: createRawLines
-- One row per order line per delivery, exactly as the events carry it (NULL = field absent).
CREATE TABLE raw_lines (
  delivery        INTEGER NOT NULL,   -- position of the order event in the stream
  order_id        VARCHAR NOT NULL,
  line_no         INTEGER NOT NULL,
  customer_id     VARCHAR,            -- NULL: a guest; numeric ids are written as their digits, like the library reads them
  ts_text         VARCHAR NOT NULL,   -- ISO 8601 with Z or an offset
  currency        VARCHAR,
  channel         VARCHAR,
  segment         VARCHAR,
  region          VARCHAR,            -- dimensions.region; NULL: no such dimension
  sku             VARCHAR NOT NULL,
  category        VARCHAR,
  quantity_text   VARCHAR,            -- NULL: absent, 1
  unit_price_text VARCHAR NOT NULL,
  discount_text   VARCHAR,            -- NULL: absent, 0
  source          VARCHAR             -- NULL: absent, 'organic'
);

-- name: createRawOffers
CREATE TABLE raw_offers (
  delivery    INTEGER NOT NULL,
  offer_id    VARCHAR,                -- NULL: no offerId, every delivery counts
  customer_id VARCHAR NOT NULL,
  ts_text     VARCHAR,                -- either an ISO string ...
  ts_ms       BIGINT,                 -- ... or epoch milliseconds (from a number or a Date)
  kind        VARCHAR NOT NULL,
  accepted    BOOLEAN NOT NULL,
  channel     VARCHAR,
  segment     VARCHAR,
  region      VARCHAR
);

-- name: createRawVisits
CREATE TABLE raw_visits (
  delivery   INTEGER NOT NULL,
  visitor_id VARCHAR NOT NULL,
  ts_text    VARCHAR,
  ts_ms      BIGINT,
  converted  BOOLEAN NOT NULL,
  channel    VARCHAR,
  segment    VARCHAR,
  region     VARCHAR
);

-- name: createRawReturns
CREATE TABLE raw_returns (
  delivery    INTEGER NOT NULL,
  return_id   VARCHAR NOT NULL,
  order_id    VARCHAR,                -- informational: the order is not looked up
  customer_id VARCHAR,                -- NULL: a guest (customerId absent or null)
  ts_text     VARCHAR,
  ts_ms       BIGINT,
  currency    VARCHAR,
  amount_text VARCHAR NOT NULL,       -- > 0, as the event carries it
  channel     VARCHAR,
  segment     VARCHAR,
  region      VARCHAR
);

-- name: createLines
-- The order lines, each order counted once: a re-delivered order (same order_id, same content)
-- keeps only its first delivery. Defaults applied here: quantity 1, discount 0, source 'organic'.
CREATE TABLE lines AS
WITH first_delivery AS (
  SELECT DISTINCT ON (order_id) order_id, delivery
  FROM raw_lines
  ORDER BY order_id, delivery
),
typed AS (
  SELECT
    r.order_id,
    r.line_no,
    r.customer_id,
    r.ts_text::TIMESTAMPTZ                           AS ts,
    r.currency,
    r.channel,
    r.segment,
    r.region,
    r.sku,
    r.category,
    coalesce(r.quantity_text, '1')::DECIMAL(38, 10)  AS quantity,
    r.unit_price_text::DECIMAL(38, 10)               AS unit_price,
    coalesce(r.discount_text, '0')::DECIMAL(38, 10)  AS discount,
    coalesce(r.source, 'organic')                    AS source
  FROM raw_lines AS r
  JOIN first_delivery USING (order_id, delivery)
)
SELECT
  *,
  quantity * unit_price - discount                       AS revenue,
  strftime(ts AT TIME ZONE 'UTC', '%Y-%m')              AS month,
  strftime(ts AT TIME ZONE 'Europe/Berlin', '%Y-%m')    AS month_berlin
FROM typed;

-- name: createCustomerLines
-- The lines of identified customers: every customer-level figure (customers, cross-sell, upsell,
-- repeat purchase, retention, churn, lifetime value, cohorts, attach rate per customer) reads
-- these; guests' lines count in the order-level figures only.
CREATE VIEW customer_lines AS SELECT * FROM lines WHERE customer_id IS NOT NULL;

-- name: createReturns
-- Returns with the same return_id are one return (first delivery kept).
CREATE TABLE returns AS
WITH typed AS (
  SELECT DISTINCT ON (return_id)
    return_id, order_id, customer_id, currency, channel, segment, region,
    amount_text::DECIMAL(38, 10)                                       AS amount,
    coalesce(ts_text::TIMESTAMPTZ, epoch_ms(ts_ms) AT TIME ZONE 'UTC') AS ts
  FROM raw_returns
  ORDER BY return_id, delivery
)
SELECT *, strftime(ts AT TIME ZONE 'UTC', '%Y-%m') AS month FROM typed;

-- name: createOffers
-- Offers with the same offer_id are one offer (first delivery kept); offers without one all count.
CREATE TABLE offers AS
WITH typed AS (
  SELECT
    delivery, offer_id, customer_id, kind, accepted, channel, segment, region,
    coalesce(ts_text::TIMESTAMPTZ, epoch_ms(ts_ms) AT TIME ZONE 'UTC') AS ts
  FROM raw_offers
),
deduped AS (
  SELECT * FROM (SELECT DISTINCT ON (offer_id) * FROM typed WHERE offer_id IS NOT NULL ORDER BY offer_id, delivery)
  UNION ALL
  SELECT * FROM typed WHERE offer_id IS NULL
)
SELECT *, strftime(ts AT TIME ZONE 'UTC', '%Y-%m') AS month FROM deduped;

-- name: createVisits
CREATE TABLE visits AS
SELECT
  delivery, visitor_id, converted, channel, segment, region,
  coalesce(ts_text::TIMESTAMPTZ, epoch_ms(ts_ms) AT TIME ZONE 'UTC') AS ts,
  strftime(coalesce(ts_text::TIMESTAMPTZ, epoch_ms(ts_ms) AT TIME ZONE 'UTC') AT TIME ZONE 'UTC', '%Y-%m') AS month
FROM raw_visits;

-- name: createScoped
-- scoped('lines', 'channel'), scoped('returns', 'region'), ...: a table's rows once per scope,
-- `total` (the whole stream, grp '') and per group (grp = the event's channel, segment or region,
-- '' for an event without one). Read by the queries that report per group and in total
-- (customerLifetimeValue, scorecard).
CREATE MACRO scoped(name, group_field) AS TABLE
SELECT t.*, s.total,
       CASE WHEN s.total THEN ''
            ELSE coalesce(CASE group_field WHEN 'channel' THEN t.channel WHEN 'segment' THEN t.segment WHEN 'region' THEN t.region END, '')
       END AS grp
FROM query_table(name) AS t CROSS JOIN (VALUES (true), (false)) AS s(total);

-- name: datasetStats
-- Sizes, for the report, and a check of the generator: every re-delivery has the same content.
WITH deliveries AS (
  SELECT order_id, delivery,
         string_agg(concat_ws('|', line_no, customer_id, ts_text, coalesce(currency, '∅'), coalesce(channel, '∅'), coalesce(segment, '∅'), coalesce(region, '∅'), sku,
                              coalesce(category, '∅'), coalesce(quantity_text, '∅'), unit_price_text, coalesce(discount_text, '∅'), coalesce(source, '∅')),
                    '#' ORDER BY line_no) AS content
  FROM raw_lines
  GROUP BY order_id, delivery
)
SELECT
  (SELECT count(*) FROM deliveries)                                 AS order_deliveries,
  (SELECT count(DISTINCT order_id) FROM deliveries)                 AS orders,
  (SELECT count(DISTINCT (order_id, content)) FROM deliveries)      AS order_versions,
  (SELECT count(*) FROM raw_lines)                                  AS line_deliveries,
  (SELECT count(*) FROM lines)                                      AS lines,
  (SELECT count(DISTINCT customer_id) FROM lines)                   AS customers,
  (SELECT count(DISTINCT sku) FROM lines)                           AS skus,
  (SELECT count(DISTINCT category) FROM lines)                      AS categories,
  (SELECT count(*) FROM raw_offers)                                 AS offer_deliveries,
  (SELECT count(*) FROM offers)                                     AS offers,
  (SELECT count(*) FROM visits)                                     AS visits,
  (SELECT count(DISTINCT visitor_id) FROM visits)                   AS visitors,
  (SELECT count(*) FROM lines WHERE month <> month_berlin)          AS lines_in_another_berlin_month,
  (SELECT count(*) FROM raw_lines WHERE NOT ts_text LIKE '%Z')      AS line_deliveries_with_offset,
  (SELECT count(DISTINCT order_id) FROM lines WHERE customer_id IS NULL) AS guest_orders,
  (SELECT count(*) FROM (SELECT DISTINCT order_id, delivery FROM raw_lines WHERE customer_id IS NULL)) AS guest_order_deliveries,
  (SELECT count(*) FROM raw_returns)                                AS return_deliveries,
  (SELECT count(*) FROM returns)                                    AS returns,
  (SELECT count(DISTINCT (return_id, order_id, customer_id, ts_text, ts_ms, currency, amount_text, channel, segment, region)) FROM raw_returns) AS return_versions,
  (SELECT count(*) FROM returns WHERE customer_id IS NULL)          AS guest_returns,
  (SELECT count(*) FROM returns WHERE order_id IS NOT NULL)         AS returns_with_order,
  (SELECT count(*) FROM returns WHERE customer_id IS NOT NULL
     AND customer_id NOT IN (SELECT customer_id FROM customer_lines)) AS returns_of_customers_without_orders,
  (SELECT count(*) FROM returns WHERE customer_id IN (SELECT customer_id FROM customer_lines)) AS returns_of_customers_with_orders,
  (SELECT count(*) FROM returns WHERE month NOT IN (SELECT month FROM lines)) AS returns_in_months_without_orders;

-- name: crossSellRate
-- CrossSellRate(): customers who bought >= 2 distinct skus / customers who bought.
WITH per_customer AS (
  SELECT customer_id, count(DISTINCT sku) AS products FROM customer_lines GROUP BY customer_id
)
SELECT count(*) FILTER (WHERE products >= 2) AS cross_sold_customers, count(*) AS customers
FROM per_customer;

-- name: crossSellRateByCategory
-- CrossSellRate({ by: 'category' }): customers who bought >= 2 distinct categories / customers.
WITH per_customer AS (
  SELECT customer_id, count(DISTINCT category) AS products FROM customer_lines GROUP BY customer_id
)
SELECT count(*) FILTER (WHERE products >= 2) AS cross_sold_customers, count(*) AS customers
FROM per_customer;

-- name: crossSellRateMinDistinct3
-- CrossSellRate({ minDistinct: 3 }): customers who bought >= 3 distinct skus / customers.
WITH per_customer AS (
  SELECT customer_id, count(DISTINCT sku) AS products FROM customer_lines GROUP BY customer_id
)
SELECT count(*) FILTER (WHERE products >= 3) AS cross_sold_customers, count(*) AS customers
FROM per_customer;

-- name: transactionCrossSellRate
-- TransactionCrossSellRate(): orders with >= 2 distinct skus / orders.
WITH per_order AS (
  SELECT order_id, count(DISTINCT sku) AS products FROM lines GROUP BY order_id
)
SELECT count(*) FILTER (WHERE products >= 2) AS cross_sell_orders, count(*) AS orders
FROM per_order;

-- name: transactionCrossSellRateByCategory
-- TransactionCrossSellRate({ by: 'category' }): orders with >= 2 distinct categories / orders.
WITH per_order AS (
  SELECT order_id, count(DISTINCT category) AS products FROM lines GROUP BY order_id
)
SELECT count(*) FILTER (WHERE products >= 2) AS cross_sell_orders, count(*) AS orders
FROM per_order;

-- name: attachRateCustomer
-- AttachRate({ anchor: { categories: ['cat-03'] } }): customers who bought in cat-03 and also
-- bought a line outside the anchor / customers who bought in cat-03.
WITH buyers AS (
  SELECT customer_id,
         bool_or(category = 'cat-03')  AS bought_anchor,
         bool_or(category <> 'cat-03') AS bought_other
  FROM customer_lines GROUP BY customer_id
)
SELECT count(*) FILTER (WHERE bought_anchor AND bought_other) AS attached,
       count(*) FILTER (WHERE bought_anchor)                  AS anchors
FROM buyers;

-- name: attachRateOrder
-- AttachRate({ anchor: { categories: ['cat-03'] }, per: 'order' }): the same within each order.
WITH buyers AS (
  SELECT order_id,
         bool_or(category = 'cat-03')  AS bought_anchor,
         bool_or(category <> 'cat-03') AS bought_other
  FROM lines GROUP BY order_id
)
SELECT count(*) FILTER (WHERE bought_anchor AND bought_other) AS attached,
       count(*) FILTER (WHERE bought_anchor)                  AS anchors
FROM buyers;

-- name: attachRateCustomerWithAttach
-- AttachRate({ anchor: { categories: ['cat-03'] }, attach: { categories: ['cat-07', 'cat-11'] } }):
-- customers who bought in cat-03 and also in cat-07 or cat-11 / customers who bought in cat-03.
WITH buyers AS (
  SELECT customer_id,
         bool_or(category = 'cat-03')                AS bought_anchor,
         bool_or(category IN ('cat-07', 'cat-11'))   AS bought_attach
  FROM customer_lines GROUP BY customer_id
)
SELECT count(*) FILTER (WHERE bought_anchor AND bought_attach) AS attached,
       count(*) FILTER (WHERE bought_anchor)                   AS anchors
FROM buyers;

-- name: attachRateOrderWithAttach
-- AttachRate({ anchor: { categories: ['cat-03'] }, attach: { categories: ['cat-07', 'cat-11'] }, per: 'order' }).
WITH buyers AS (
  SELECT order_id,
         bool_or(category = 'cat-03')                AS bought_anchor,
         bool_or(category IN ('cat-07', 'cat-11'))   AS bought_attach
  FROM lines GROUP BY order_id
)
SELECT count(*) FILTER (WHERE bought_anchor AND bought_attach) AS attached,
       count(*) FILTER (WHERE bought_anchor)                   AS anchors
FROM buyers;

-- name: attachRateSkusAndCategories
-- AttachRate({ anchor: { skus: ['sku-005', 'sku-006'], categories: ['cat-03'] } }): a line is an
-- anchor line when its sku is listed OR its category is; attached: also bought a non-anchor line.
WITH buyers AS (
  SELECT customer_id,
         bool_or(sku IN ('sku-005', 'sku-006') OR category = 'cat-03')          AS bought_anchor,
         bool_or(NOT (sku IN ('sku-005', 'sku-006') OR category = 'cat-03'))    AS bought_other
  FROM customer_lines GROUP BY customer_id
)
SELECT count(*) FILTER (WHERE bought_anchor AND bought_other) AS attached,
       count(*) FILTER (WHERE bought_anchor)                  AS anchors
FROM buyers;

-- name: attachRateSkusAndCategoriesWithAttach
-- AttachRate({ anchor: { skus: ['sku-005', 'sku-006'], categories: ['cat-03'] },
--              attach: { skus: ['sku-004'], categories: ['cat-07'] }, per: 'order' }).
WITH buyers AS (
  SELECT order_id,
         bool_or(sku IN ('sku-005', 'sku-006') OR category = 'cat-03')   AS bought_anchor,
         bool_or(sku = 'sku-004' OR category = 'cat-07')                 AS bought_attach
  FROM lines GROUP BY order_id
)
SELECT count(*) FILTER (WHERE bought_anchor AND bought_attach) AS attached,
       count(*) FILTER (WHERE bought_anchor)                   AS anchors
FROM buyers;

-- name: upsellRate
-- UpsellRate(): customers with >= 1 line of source 'upsell' / customers.
WITH per_customer AS (
  SELECT customer_id, bool_or(source = 'upsell') AS upsold FROM customer_lines GROUP BY customer_id
)
SELECT count(*) FILTER (WHERE upsold) AS upsold_customers, count(*) AS customers
FROM per_customer;

-- name: offerAcceptanceRate
-- OfferAcceptanceRate({ kind }) per kind, and without kind ('all'): accepted offers / offers.
SELECT coalesce(kind, 'all')                  AS kind,
       count(*) FILTER (WHERE accepted)       AS accepted,
       count(*)                               AS offered
FROM offers
GROUP BY GROUPING SETS ((kind), ())
ORDER BY kind;

-- name: conversionRate
-- ConversionRate(): distinct visitors with >= 1 converted visit / distinct visitors.
WITH per_visitor AS (
  SELECT visitor_id, bool_or(converted) AS converted FROM visits GROUP BY visitor_id
)
SELECT count(*) FILTER (WHERE converted) AS converted, count(*) AS visitors
FROM per_visitor;

-- name: repeatPurchaseRate
-- RepeatPurchaseRate(): customers with >= 2 distinct orders / customers.
WITH per_customer AS (
  SELECT customer_id, count(DISTINCT order_id) AS orders FROM customer_lines GROUP BY customer_id
)
SELECT count(*) FILTER (WHERE orders >= 2) AS repeat_customers, count(*) AS customers
FROM per_customer;

-- name: retentionByMonth
-- RetentionRate() / ChurnRate() resultsByPeriod(): for every UTC month from the first to the last
-- with an order, S = customers active in the previous calendar month, E = active in this month,
-- N = active now but not in the previous month, lost = active in the previous month but not now.
WITH active AS (
  SELECT DISTINCT month, customer_id FROM customer_lines
),
months AS (
  SELECT strftime(m, '%Y-%m') AS month, strftime(m - INTERVAL 1 MONTH, '%Y-%m') AS previous
  FROM (SELECT min(month) AS first, max(month) AS last FROM active),
       generate_series((first || '-01')::DATE, (last || '-01')::DATE, INTERVAL 1 MONTH) AS g(m)
),
flags AS (
  SELECT m.month, a.customer_id,
         bool_or(a.month = m.month)    AS active_now,
         bool_or(a.month = m.previous) AS active_before
  FROM months AS m JOIN active AS a ON a.month IN (m.month, m.previous)
  GROUP BY m.month, a.customer_id
)
SELECT m.month                                                                  AS period,
       count(f.customer_id) FILTER (WHERE f.active_before)                      AS customers_at_start,
       count(f.customer_id) FILTER (WHERE f.active_now)                         AS customers_at_end,
       count(f.customer_id) FILTER (WHERE f.active_now AND NOT f.active_before) AS new_customers,
       count(f.customer_id) FILTER (WHERE f.active_before AND NOT f.active_now) AS customers_lost
FROM months AS m LEFT JOIN flags AS f USING (month)
GROUP BY m.month
ORDER BY m.month;

-- name: retentionByMonthBerlin
-- RetentionRate({ timeZone: 'Europe/Berlin' }) / ChurnRate(...): as above, months in Europe/Berlin.
WITH active AS (
  SELECT DISTINCT month_berlin AS month, customer_id FROM customer_lines
),
months AS (
  SELECT strftime(m, '%Y-%m') AS month, strftime(m - INTERVAL 1 MONTH, '%Y-%m') AS previous
  FROM (SELECT min(month) AS first, max(month) AS last FROM active),
       generate_series((first || '-01')::DATE, (last || '-01')::DATE, INTERVAL 1 MONTH) AS g(m)
),
flags AS (
  SELECT m.month, a.customer_id,
         bool_or(a.month = m.month)    AS active_now,
         bool_or(a.month = m.previous) AS active_before
  FROM months AS m JOIN active AS a ON a.month IN (m.month, m.previous)
  GROUP BY m.month, a.customer_id
)
SELECT m.month                                                                  AS period,
       count(f.customer_id) FILTER (WHERE f.active_before)                      AS customers_at_start,
       count(f.customer_id) FILTER (WHERE f.active_now)                         AS customers_at_end,
       count(f.customer_id) FILTER (WHERE f.active_now AND NOT f.active_before) AS new_customers,
       count(f.customer_id) FILTER (WHERE f.active_before AND NOT f.active_now) AS customers_lost
FROM months AS m LEFT JOIN flags AS f USING (month)
GROUP BY m.month
ORDER BY m.month;

-- name: averageOrderValue
-- AverageOrderValue(): exact revenue (sum of quantity × unit_price − discount) and orders, guests'
-- orders included (as in every query over `lines`); returns are not subtracted.
SELECT sum(revenue)::VARCHAR AS revenue, count(DISTINCT order_id) AS orders, max(currency) AS currency
FROM lines;

-- name: revenuePerConversion
-- RevenuePerConversion({ source }): revenue of the lines with that source, and the orders
-- containing at least one such line.
SELECT s.source,
       coalesce(sum(l.revenue), 0)::VARCHAR AS revenue,
       count(DISTINCT l.order_id)          AS conversions,
       max(l.currency)                     AS currency
FROM (VALUES ('cross-sell'), ('upsell')) AS s(source)
LEFT JOIN lines AS l USING (source)
GROUP BY s.source
ORDER BY s.source;

-- name: revenueShare
-- RevenueShare({ source }): part = revenue of the lines with that source, total = all revenue.
SELECT s.source,
       coalesce(sum(l.revenue) FILTER (WHERE l.source = s.source), 0)::VARCHAR AS part,
       sum(l.revenue)::VARCHAR                                                 AS total,
       max(l.currency)                                                         AS currency
FROM (VALUES ('cross-sell'), ('upsell')) AS s(source)
CROSS JOIN lines AS l
GROUP BY s.source
ORDER BY s.source;

-- name: itemsPerOrder
-- ItemsPerOrder(): total quantity (exact) and orders.
SELECT sum(quantity)::VARCHAR AS items, count(DISTINCT order_id) AS orders
FROM lines;

-- name: customerLifetimeValue
-- CustomerLifetimeValue() over the whole stream and over each channel's events, gross and net of
-- returns. customers = identified customers with an order in the scope; gross revenue = their
-- orders' revenue (guests' orders are in nobody's); returned = the returns in the scope whose
-- customer is one of them (returns of anybody else, guests' returns included, are not
-- subtracted); net revenue = gross revenue − returned. The currency is the orders' (the only
-- currency of the returns too), or the returns' in a scope without orders.
WITH
lines_per_scope AS (
  SELECT total, grp, max(currency) AS currency FROM scoped('lines', 'channel') GROUP BY total, grp
),
returns_per_scope AS (
  SELECT total, grp, max(currency) AS currency FROM scoped('returns', 'channel') GROUP BY total, grp
),
bought AS (
  SELECT total, grp, customer_id, sum(revenue) AS revenue
  FROM scoped('lines', 'channel') WHERE customer_id IS NOT NULL GROUP BY total, grp, customer_id
),
returned AS (
  SELECT total, grp, customer_id, sum(amount) AS amount
  FROM scoped('returns', 'channel') WHERE customer_id IS NOT NULL GROUP BY total, grp, customer_id
),
customers_per_scope AS (
  SELECT b.total, b.grp,
         count(*)                             AS customers,
         sum(b.revenue)                       AS gross_revenue,
         coalesce(sum(r.amount), 0)           AS returned
  FROM bought AS b LEFT JOIN returned AS r USING (total, grp, customer_id)
  GROUP BY b.total, b.grp
)
SELECT total,
       grp                                                                        AS channel,
       coalesce(c.customers, 0)                                                   AS customers,
       coalesce(c.gross_revenue, 0)::VARCHAR                                      AS gross_revenue,
       coalesce(c.returned, 0)::VARCHAR                                           AS returned,
       (coalesce(c.gross_revenue, 0) - coalesce(c.returned, 0))::VARCHAR          AS net_revenue,
       l.currency                                                                 AS order_currency,
       coalesce(l.currency, r.currency)                                           AS currency
FROM lines_per_scope AS l
FULL JOIN returns_per_scope AS r USING (total, grp)
LEFT JOIN customers_per_scope AS c USING (total, grp)
ORDER BY total DESC, grp;

-- name: customerLifetimeValueByCustomer
-- CustomerLifetimeValue#valuesByCustomer() over the whole stream: each identified customer's
-- revenue, and net of returns (revenue − their returns: 0 or negative for some).
WITH
bought AS (
  SELECT customer_id, sum(revenue) AS revenue FROM customer_lines GROUP BY customer_id
),
returned AS (
  SELECT customer_id, sum(amount) AS amount FROM returns WHERE customer_id IS NOT NULL GROUP BY customer_id
)
SELECT customer_id,
       b.revenue::VARCHAR                                AS revenue,
       (b.revenue - coalesce(r.amount, 0))::VARCHAR      AS net_revenue
FROM bought AS b LEFT JOIN returned AS r USING (customer_id)
ORDER BY customer_id;

-- name: netRevenue
-- NetRevenue(): gross revenue = every order's revenue (guests' included), returns = every return's
-- amount (whoever made it, whatever order it names); value = gross revenue − returns.
SELECT
  (SELECT sum(revenue) FROM lines)::VARCHAR                                      AS gross_revenue,
  (SELECT sum(amount) FROM returns)::VARCHAR                                     AS returns,
  ((SELECT sum(revenue) FROM lines) - (SELECT sum(amount) FROM returns))::VARCHAR AS net_revenue,
  (SELECT max(currency) FROM lines)                                              AS order_currency,
  (SELECT max(currency) FROM returns)                                            AS return_currency;

-- name: crossSellCohorts
-- CrossSellCohorts(): identified customers split into those who bought >= 2 distinct skus and the
-- rest; per cohort customers, their revenue and those with >= 2 orders.
WITH per_customer AS (
  SELECT customer_id, count(DISTINCT sku) >= 2 AS cross_sold, sum(revenue) AS revenue, count(DISTINCT order_id) AS orders
  FROM customer_lines GROUP BY customer_id
)
SELECT c.cross_sold,
       count(p.customer_id)                          AS customers,
       coalesce(sum(p.revenue), 0)::VARCHAR          AS revenue,
       count(*) FILTER (WHERE p.orders >= 2)         AS repeat_customers
FROM (VALUES (true), (false)) AS c(cross_sold)
LEFT JOIN per_customer AS p USING (cross_sold)
GROUP BY c.cross_sold
ORDER BY c.cross_sold DESC;

-- name: coPurchaseByCategory
-- CoPurchase({ by: 'category' }): every pair of distinct categories bought in the same order
-- (guests' orders included), as test/analysis/coPurchase/coPurchase.sql counts them: ratios as
-- one DOUBLE division of exact integer counts; pairs by count descending, then a, then b.
WITH
baskets AS (SELECT DISTINCT order_id, category AS product FROM lines),
totals AS (SELECT count(DISTINCT order_id) AS orders FROM baskets),
products AS (SELECT product, count(*) AS n FROM baskets GROUP BY product),
pairs AS (
  SELECT x.product AS a, y.product AS b, count(*) AS count
  FROM baskets AS x JOIN baskets AS y ON x.order_id = y.order_id AND x.product < y.product
  GROUP BY x.product, y.product
)
SELECT
  a, b, count, orders,
  count::DOUBLE / orders::DOUBLE        AS support,
  count::DOUBLE / pa.n::DOUBLE          AS confidence_ab,
  count::DOUBLE / pb.n::DOUBLE          AS confidence_ba,
  (count * orders)::DOUBLE / (pa.n * pb.n)::DOUBLE AS lift
FROM pairs
JOIN products AS pa ON pa.product = a
JOIN products AS pb ON pb.product = b
CROSS JOIN totals
ORDER BY count DESC, a, b;

-- name: scorecard
-- Scorecard({ grain: 'month', groupBy: ['{group}'] }), run once for each of channel, segment and
-- region (the test replaces {group}): one row per (month, group) with at least one event of any
-- kind (an event without the group's field is in group ''), plus a total row for every month from
-- the first to the last event. Each scope (`total`, `grp`) is computed like the single-KPI queries
-- above; retention and churn compare a row with the same scope one calendar month earlier. Sorted
-- by month, then the total row, then group.
-- Guests' orders count in the order figures of their cell, not in its customer figures (nor in its
-- lifetime value's revenue, a customer figure, which stays gross); returns count in the net revenue
-- of the cell of their own month and group only (their order is not looked up), and make a row of
-- their own like any event. `currency` is the cell's orders' (guests' included: SPEC section 4, "the
-- ISO code, or null when the orders carry none"), for every order KPI and the lifetime value alike;
-- `net_revenue_currency` also the returns' (a cell of returns only).
-- (The library gives the lifetime value of a cell whose orders are all guests' the currency null,
-- as of a cell without orders: reported as a disagreement, not followed here.)
WITH
event_months AS (
  SELECT month FROM lines UNION SELECT month FROM offers UNION SELECT month FROM visits UNION SELECT month FROM returns
),
all_months AS (
  SELECT strftime(m, '%Y-%m') AS month
  FROM (SELECT min(month) AS first, max(month) AS last FROM event_months),
       generate_series((first || '-01')::DATE, (last || '-01')::DATE, INTERVAL 1 MONTH) AS g(m)
),
score_rows AS (
  SELECT month, true AS total, '' AS grp FROM all_months
  UNION ALL
  SELECT DISTINCT month, false AS total, grp FROM (
    SELECT month, grp FROM scoped('lines', '{group}') WHERE NOT total
    UNION ALL SELECT month, grp FROM scoped('offers', '{group}') WHERE NOT total
    UNION ALL SELECT month, grp FROM scoped('visits', '{group}') WHERE NOT total
    UNION ALL SELECT month, grp FROM scoped('returns', '{group}') WHERE NOT total
  )
),
per_customer AS (
  SELECT month, total, grp, customer_id,
         count(DISTINCT sku)          AS products,
         count(DISTINCT order_id)     AS orders,
         bool_or(source = 'upsell')   AS upsold,
         sum(revenue)                 AS revenue
  FROM scoped('lines', '{group}') WHERE customer_id IS NOT NULL GROUP BY month, total, grp, customer_id
),
customer_kpis AS (
  SELECT month, total, grp,
         count(*)                                AS customers,
         sum(revenue)                            AS customer_revenue,
         count(*) FILTER (WHERE products >= 2)   AS cross_sold_customers,
         count(*) FILTER (WHERE upsold)          AS upsold_customers,
         count(*) FILTER (WHERE orders >= 2)     AS repeat_customers
  FROM per_customer GROUP BY month, total, grp
),
per_order AS (
  SELECT month, total, grp, order_id,
         count(DISTINCT sku)                                          AS products,
         sum(revenue)                                                 AS revenue,
         sum(quantity)                                                AS items,
         coalesce(sum(revenue) FILTER (WHERE source = 'cross-sell'), 0) AS cross_sell_revenue,
         coalesce(sum(revenue) FILTER (WHERE source = 'upsell'), 0)     AS upsell_revenue,
         bool_or(source = 'cross-sell')                               AS has_cross_sell,
         bool_or(source = 'upsell')                                   AS has_upsell,
         max(currency)                                                AS currency
  FROM scoped('lines', '{group}') GROUP BY month, total, grp, order_id
),
order_kpis AS (
  SELECT month, total, grp,
         count(*)                                  AS orders,
         count(*) FILTER (WHERE products >= 2)     AS cross_sell_orders,
         sum(revenue)                              AS revenue,
         sum(items)                                AS items,
         sum(cross_sell_revenue)                   AS cross_sell_revenue,
         count(*) FILTER (WHERE has_cross_sell)    AS cross_sell_conversions,
         sum(upsell_revenue)                       AS upsell_revenue,
         count(*) FILTER (WHERE has_upsell)        AS upsell_conversions,
         max(currency)                             AS currency
  FROM per_order GROUP BY month, total, grp
),
offer_kpis AS (
  SELECT month, total, grp,
         count(*) FILTER (WHERE kind = 'cross-sell')                 AS cross_sell_offered,
         count(*) FILTER (WHERE kind = 'cross-sell' AND accepted)    AS cross_sell_accepted,
         count(*) FILTER (WHERE kind = 'upsell')                     AS upsell_offered,
         count(*) FILTER (WHERE kind = 'upsell' AND accepted)        AS upsell_accepted
  FROM scoped('offers', '{group}') GROUP BY month, total, grp
),
visit_kpis AS (
  SELECT month, total, grp,
         count(DISTINCT visitor_id)                          AS visitors,
         count(DISTINCT visitor_id) FILTER (WHERE converted) AS converted
  FROM scoped('visits', '{group}') GROUP BY month, total, grp
),
return_kpis AS (
  SELECT month, total, grp, sum(amount) AS returns, max(currency) AS currency
  FROM scoped('returns', '{group}') GROUP BY month, total, grp
),
active AS (
  SELECT DISTINCT month, total, grp, customer_id FROM scoped('lines', '{group}') WHERE customer_id IS NOT NULL
),
retention_flags AS (
  SELECT r.month, r.total, r.grp, a.customer_id,
         bool_or(a.month = r.month)                                          AS active_now,
         bool_or(a.month = strftime((r.month || '-01')::DATE - INTERVAL 1 MONTH, '%Y-%m')) AS active_before
  FROM score_rows AS r
  JOIN active AS a
    ON a.total = r.total AND a.grp = r.grp
   AND a.month IN (r.month, strftime((r.month || '-01')::DATE - INTERVAL 1 MONTH, '%Y-%m'))
  GROUP BY r.month, r.total, r.grp, a.customer_id
),
retention AS (
  SELECT month, total, grp,
         count(*) FILTER (WHERE active_before)                    AS customers_at_start,
         count(*) FILTER (WHERE active_now)                       AS customers_at_end,
         count(*) FILTER (WHERE active_now AND NOT active_before) AS new_customers,
         count(*) FILTER (WHERE active_before AND NOT active_now) AS customers_lost
  FROM retention_flags GROUP BY month, total, grp
)
SELECT
  r.month                                          AS period,
  r.total,
  r.grp                                            AS grp,
  coalesce(c.customers, 0)                         AS customers,
  coalesce(c.cross_sold_customers, 0)              AS cross_sold_customers,
  coalesce(c.upsold_customers, 0)                  AS upsold_customers,
  coalesce(c.repeat_customers, 0)                  AS repeat_customers,
  coalesce(o.orders, 0)                            AS orders,
  coalesce(o.cross_sell_orders, 0)                 AS cross_sell_orders,
  coalesce(o.revenue, 0)::VARCHAR                  AS revenue,
  coalesce(o.items, 0)::VARCHAR                    AS items,
  coalesce(o.cross_sell_revenue, 0)::VARCHAR       AS cross_sell_revenue,
  coalesce(o.cross_sell_conversions, 0)            AS cross_sell_conversions,
  coalesce(o.upsell_revenue, 0)::VARCHAR           AS upsell_revenue,
  coalesce(o.upsell_conversions, 0)                AS upsell_conversions,
  o.currency                                       AS currency,
  coalesce(c.customer_revenue, 0)::VARCHAR         AS customer_revenue,
  coalesce(x.returns, 0)::VARCHAR                  AS returns,
  (coalesce(o.revenue, 0) - coalesce(x.returns, 0))::VARCHAR AS net_revenue,
  coalesce(o.currency, x.currency)                 AS net_revenue_currency,
  coalesce(f.cross_sell_offered, 0)                AS cross_sell_offered,
  coalesce(f.cross_sell_accepted, 0)               AS cross_sell_accepted,
  coalesce(f.upsell_offered, 0)                    AS upsell_offered,
  coalesce(f.upsell_accepted, 0)                   AS upsell_accepted,
  coalesce(v.visitors, 0)                          AS visitors,
  coalesce(v.converted, 0)                         AS converted,
  coalesce(t.customers_at_start, 0)                AS customers_at_start,
  coalesce(t.customers_at_end, 0)                  AS customers_at_end,
  coalesce(t.new_customers, 0)                     AS new_customers,
  coalesce(t.customers_lost, 0)                    AS customers_lost
FROM score_rows AS r
LEFT JOIN customer_kpis AS c USING (month, total, grp)
LEFT JOIN order_kpis    AS o USING (month, total, grp)
LEFT JOIN offer_kpis    AS f USING (month, total, grp)
LEFT JOIN visit_kpis    AS v USING (month, total, grp)
LEFT JOIN retention     AS t USING (month, total, grp)
LEFT JOIN return_kpis   AS x USING (month, total, grp)
ORDER BY r.month, r.total DESC, r.grp;
