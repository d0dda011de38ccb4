-- 附屬表 6 預算員額明細表 (staffing): headcount by account, category and year, and 年需經費, totals recomputed.
CREATE VIEW report_staffing AS
WITH docs AS (
    SELECT document_id, fiscal_year, agency_code, agency_name
    FROM stg_documents
),
categories AS (
    -- Printed category -> column key (data, not code).
    SELECT category, category_key
    FROM (VALUES
        ('職員', 'officials'),
        ('警察', 'police'),
        ('法警', 'judicial_police'),
        ('駐警', 'guards'),
        ('工友', 'workers'),
        ('技工', 'technicians'),
        ('駕駛', 'drivers'),
        ('聘用', 'contract'),
        ('約僱', 'temporary'),
        ('駐外雇員', 'overseas_local')
    ) AS c (category, category_key)
),
accounts AS (
    SELECT DISTINCT document_id, account_code FROM stg_staffing
    UNION
    SELECT document_id, account_code FROM stg_staffing_costs
),
detail_of AS (
    -- Which printed account each account's figures come from: a work plan (code not ending
    -- in 0000) from itself; an agency / 政事別 / 主管 row from the work plans under it, or from
    -- itself when the table prints none of them.
    SELECT a.document_id, a.account_code, w.account_code AS source_code
    FROM accounts AS a
    JOIN accounts AS w
        ON w.document_id = a.document_id
        AND w.account_code NOT LIKE '%0000'
    JOIN stg_account_parents AS ap ON ap.work_plan_code = w.account_code
    WHERE a.account_code IN (w.account_code, ap.agency_code, ap.function_code, ap.ministry_code)
    UNION ALL
    SELECT a.document_id, a.account_code, a.account_code
    FROM accounts AS a
    WHERE NOT EXISTS (
        SELECT 1 FROM accounts AS w
        JOIN stg_account_parents AS ap ON ap.work_plan_code = w.account_code
        WHERE w.document_id = a.document_id
            AND w.account_code NOT LIKE '%0000'
            AND a.account_code IN (
                w.account_code, ap.agency_code, ap.function_code, ap.ministry_code
            )
    )
),
heads AS (
    SELECT
        x.document_id,
        x.account_code,
        c.category_key,
        s.year_kind,
        SUM(s.headcount) AS headcount
    FROM detail_of AS x
    JOIN stg_staffing AS s
        ON s.document_id = x.document_id AND s.account_code = x.source_code
    JOIN categories AS c ON c.category = s.category
    GROUP BY x.document_id, x.account_code, c.category_key, s.year_kind
),
head_columns AS (
    SELECT
        document_id,
        account_code,
        SUM(CASE WHEN category_key = 'officials' AND year_kind = 'this' THEN headcount END) AS officials_this,
        SUM(CASE WHEN category_key = 'officials' AND year_kind = 'last' THEN headcount END) AS officials_last,
        SUM(CASE WHEN category_key = 'police' AND year_kind = 'this' THEN headcount END) AS police_this,
        SUM(CASE WHEN category_key = 'police' AND year_kind = 'last' THEN headcount END) AS police_last,
        SUM(CASE WHEN category_key = 'judicial_police' AND year_kind = 'this' THEN headcount END) AS judicial_police_this,
        SUM(CASE WHEN category_key = 'judicial_police' AND year_kind = 'last' THEN headcount END) AS judicial_police_last,
        SUM(CASE WHEN category_key = 'guards' AND year_kind = 'this' THEN headcount END) AS guards_this,
        SUM(CASE WHEN category_key = 'guards' AND year_kind = 'last' THEN headcount END) AS guards_last,
        SUM(CASE WHEN category_key = 'workers' AND year_kind = 'this' THEN headcount END) AS workers_this,
        SUM(CASE WHEN category_key = 'workers' AND year_kind = 'last' THEN headcount END) AS workers_last,
        SUM(CASE WHEN category_key = 'technicians' AND year_kind = 'this' THEN headcount END) AS technicians_this,
        SUM(CASE WHEN category_key = 'technicians' AND year_kind = 'last' THEN headcount END) AS technicians_last,
        SUM(CASE WHEN category_key = 'drivers' AND year_kind = 'this' THEN headcount END) AS drivers_this,
        SUM(CASE WHEN category_key = 'drivers' AND year_kind = 'last' THEN headcount END) AS drivers_last,
        SUM(CASE WHEN category_key = 'contract' AND year_kind = 'this' THEN headcount END) AS contract_this,
        SUM(CASE WHEN category_key = 'contract' AND year_kind = 'last' THEN headcount END) AS contract_last,
        SUM(CASE WHEN category_key = 'temporary' AND year_kind = 'this' THEN headcount END) AS temporary_this,
        SUM(CASE WHEN category_key = 'temporary' AND year_kind = 'last' THEN headcount END) AS temporary_last,
        SUM(CASE WHEN category_key = 'overseas_local' AND year_kind = 'this' THEN headcount END) AS overseas_local_this,
        SUM(CASE WHEN category_key = 'overseas_local' AND year_kind = 'last' THEN headcount END) AS overseas_local_last,
        SUM(CASE WHEN year_kind = 'this' THEN headcount END) AS total_this,
        SUM(CASE WHEN year_kind = 'last' THEN headcount END) AS total_last
    FROM heads
    GROUP BY document_id, account_code
),
costs AS (
    SELECT
        x.document_id,
        x.account_code,
        SUM(c.this_year) AS cost_this,
        SUM(c.last_year) AS cost_last
    FROM detail_of AS x
    JOIN stg_staffing_costs AS c
        ON c.document_id = x.document_id AND c.account_code = x.source_code
    GROUP BY x.document_id, x.account_code
)
SELECT
    a.document_id,
    d.fiscal_year,
    d.agency_code,
    d.agency_name,
    CAST(ROW_NUMBER() OVER (
        PARTITION BY a.document_id
        -- 主管, agency, then 政事別 and work plans: administrative codes (00...) first
        ORDER BY CASE WHEN a.account_code LIKE '00%' THEN 0 ELSE 1 END, a.account_code
    ) AS INTEGER) AS sort_key,
    a.account_code AS row_key,
    COALESCE(wp.work_plan_name, acc.account_name, a.account_code) AS row_label,
    h.officials_this, h.officials_last,
    h.police_this, h.police_last,
    h.judicial_police_this, h.judicial_police_last,
    h.guards_this, h.guards_last,
    h.workers_this, h.workers_last,
    h.technicians_this, h.technicians_last,
    h.drivers_this, h.drivers_last,
    h.contract_this, h.contract_last,
    h.temporary_this, h.temporary_last,
    h.overseas_local_this, h.overseas_local_last,
    h.total_this, h.total_last,
    c.cost_this,
    c.cost_last,
    c.cost_this - c.cost_last AS cost_change,
    n.note
FROM accounts AS a
JOIN docs AS d ON d.document_id = a.document_id
LEFT JOIN head_columns AS h ON h.document_id = a.document_id AND h.account_code = a.account_code
LEFT JOIN costs AS c ON c.document_id = a.document_id AND c.account_code = a.account_code
LEFT JOIN stg_staffing_costs AS n
    ON n.document_id = a.document_id AND n.account_code = a.account_code
LEFT JOIN stg_work_plans AS wp
    ON wp.document_id = a.document_id AND wp.work_plan_code = a.account_code
LEFT JOIN stg_accounts AS acc
    ON acc.document_id = a.document_id AND acc.account_code = a.account_code;
COMMENT ON VIEW report_staffing IS '預算員額明細表 regenerated from staffing facts: per account headcount by category for this and last year (persons), 合計 = sum of categories, 年需經費 this / last / 比較 (千元). Agency rows are the sums of the work plans printed under them (their own figures when none is printed).';
