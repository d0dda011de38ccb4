-- 歲入來源別預算表 (revenue_by_source) regenerated from facts: the amounts of the accounts no
-- other account sits under (the 節, or a 目 without 節) are the facts; every parent (目, 項, 款)
-- is the sum of the leaves under it, 合計 the sum of the 款, 比較 this year − last year (千元).
CREATE VIEW report_revenue_by_source AS
WITH RECURSIVE docs AS (
    SELECT document_id, fiscal_year, agency_code, agency_name
    FROM stg_documents
    WHERE document_kind = 'unit_budget'
),
accounts AS (
    SELECT a.*
    FROM stg_revenue_accounts AS a
    JOIN docs AS d ON d.document_id = a.document_id
),
leaves AS (
    SELECT
        a.document_id,
        a.account_code,
        SUM(CASE WHEN am.source_column = 'this_year' THEN am.amount END) AS this_year,
        SUM(CASE WHEN am.source_column = 'last_year' THEN am.amount END) AS last_year,
        SUM(CASE WHEN am.source_column = 'year_before_actual' THEN am.amount END)
            AS year_before_actual
    FROM accounts AS a
    LEFT JOIN stg_revenue_amounts AS am
        ON am.document_id = a.document_id AND am.account_code = a.account_code
    WHERE NOT EXISTS (
        SELECT 1 FROM accounts AS c
        WHERE c.document_id = a.document_id AND c.parent_code = a.account_code
    )
    GROUP BY a.document_id, a.account_code
),
-- every (account, leaf under it or itself) pair, up the printed parent chain
tree (document_id, account_code, leaf_code) AS (
    SELECT document_id, account_code, account_code FROM leaves
    UNION ALL
    SELECT t.document_id, a.parent_code, t.leaf_code
    FROM tree AS t
    JOIN accounts AS a ON a.document_id = t.document_id AND a.account_code = t.account_code
    WHERE a.parent_code IS NOT NULL
),
sums AS (
    SELECT
        t.document_id,
        t.account_code,
        SUM(l.this_year) AS this_year,
        SUM(l.last_year) AS last_year,
        SUM(l.year_before_actual) AS year_before_actual
    FROM tree AS t
    JOIN leaves AS l ON l.document_id = t.document_id AND l.account_code = t.leaf_code
    GROUP BY t.document_id, t.account_code
),
report_rows AS (
    SELECT
        a.document_id,
        a.page * 100000 + a.line AS sort_key,
        a.account_code AS row_key,
        a.account_name AS row_label,
        a.level,
        s.this_year,
        s.last_year,
        s.year_before_actual
    FROM accounts AS a
    JOIN sums AS s ON s.document_id = a.document_id AND s.account_code = a.account_code
    UNION ALL
    SELECT
        a.document_id,
        0 AS sort_key,
        'total' AS row_key,
        '合計' AS row_label,
        'total' AS level,
        SUM(s.this_year),
        SUM(s.last_year),
        SUM(s.year_before_actual)
    FROM accounts AS a
    JOIN sums AS s ON s.document_id = a.document_id AND s.account_code = a.account_code
    WHERE a.level = 'source'
    GROUP BY a.document_id
)
SELECT
    r.document_id,
    d.fiscal_year,
    d.agency_code,
    d.agency_name,
    r.sort_key,
    r.row_key,
    r.row_label,
    r.level,
    CAST(r.this_year AS BIGINT) AS this_year,
    CAST(r.last_year AS BIGINT) AS last_year,
    CAST(r.year_before_actual AS BIGINT) AS year_before_actual,
    CAST(r.this_year - r.last_year AS BIGINT) AS change
FROM report_rows AS r
JOIN docs AS d ON d.document_id = r.document_id;
COMMENT ON VIEW report_revenue_by_source IS '歲入來源別預算表 regenerated from the revenue facts of a unit budget, 千元: the leaf accounts (節, or 目 without 節) as loaded, every 目/項/款 as the sum of the leaves under it, 合計 (row_key total) as the sum of the 款, change = this_year - last_year.';
