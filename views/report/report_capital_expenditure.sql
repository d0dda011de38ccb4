-- 附屬表 4 資本支出分析表 (capital_expenditure): capital line items and capital portions per account by capital class, with 其他資本支出 and 合計.
CREATE VIEW report_capital_expenditure AS
WITH docs AS (
    SELECT document_id, fiscal_year, agency_code, agency_name
    FROM stg_documents
),
capital_columns AS (
    -- The chart's 3000-series classes and the column each is printed in (data, not code).
    SELECT object_class_code, column_key
    FROM (VALUES
        ('3005', 'land'),
        ('3010', 'buildings'),
        ('3015', 'public_works'),
        ('3020', 'machinery'),
        ('3025', 'transport'),
        ('3030', 'information'),
        ('3035', 'miscellaneous'),
        ('3040', 'rights'),
        ('3045', 'investment')
    ) AS m (object_class_code, column_key)
),
items AS (
    -- Capital line items; those of no listed class (capital 業務費, 獎補助費 ...) are 其他資本支出.
    SELECT
        li.document_id,
        li.work_plan_code,
        ap.function_code,
        ap.agency_code,
        ap.ministry_code,
        -- A 節 (3708012501) sits under its 目 (3708012500), which prints the sum of its 節.
        ap.section_work_plan_code AS mu_code,
        COALESCE(m.column_key, 'other_capital') AS column_key,
        li.amount
    FROM stg_line_items AS li
    JOIN stg_account_parents AS ap ON ap.work_plan_code = li.work_plan_code
    LEFT JOIN capital_columns AS m ON m.object_class_code = li.object_class_code
    WHERE li.expenditure_type = 'capital'
    UNION ALL
    -- Parts of current classes (業務費, 獎補助費 ...) the 說明 states as 資本支出.
    SELECT
        cp.document_id,
        cp.work_plan_code,
        ap.function_code,
        ap.agency_code,
        ap.ministry_code,
        ap.section_work_plan_code,
        'other_capital',
        cp.amount
    FROM stg_capital_portions AS cp
    JOIN stg_account_parents AS ap ON ap.work_plan_code = cp.work_plan_code
    WHERE cp.moves_to_capital
),
plan_accounts AS (
    -- Every account of the document: the agency and 政事別 rows are printed even when zero.
    SELECT DISTINCT
        li.document_id,
        ap.function_code,
        ap.agency_code,
        ap.ministry_code
    FROM stg_line_items AS li
    JOIN stg_account_parents AS ap ON ap.work_plan_code = li.work_plan_code
),
rolled AS (
    SELECT
        document_id,
        ministry_code,
        agency_code,
        function_code,
        work_plan_code,
        GROUPING(function_code) + GROUPING(work_plan_code) AS levels_up,
        SUM(CASE WHEN column_key = 'land' THEN amount ELSE 0 END) AS land,
        SUM(CASE WHEN column_key = 'buildings' THEN amount ELSE 0 END) AS buildings,
        SUM(CASE WHEN column_key = 'public_works' THEN amount ELSE 0 END) AS public_works,
        SUM(CASE WHEN column_key = 'machinery' THEN amount ELSE 0 END) AS machinery,
        SUM(CASE WHEN column_key = 'transport' THEN amount ELSE 0 END) AS transport,
        SUM(CASE WHEN column_key = 'information' THEN amount ELSE 0 END) AS information,
        SUM(CASE WHEN column_key = 'miscellaneous' THEN amount ELSE 0 END) AS miscellaneous,
        SUM(CASE WHEN column_key = 'rights' THEN amount ELSE 0 END) AS rights,
        SUM(CASE WHEN column_key = 'investment' THEN amount ELSE 0 END) AS investment,
        SUM(CASE WHEN column_key = 'other_capital' THEN amount ELSE 0 END) AS other_capital,
        SUM(amount) AS total
    FROM items
    GROUP BY GROUPING SETS (
        (document_id, ministry_code, agency_code),
        (document_id, ministry_code, agency_code, function_code),
        (document_id, ministry_code, agency_code, function_code, work_plan_code)
    )
    UNION ALL
    -- 目 rows over their 節, on the level of a work plan.
    SELECT
        document_id,
        ministry_code,
        agency_code,
        function_code,
        mu_code,
        0,
        SUM(CASE WHEN column_key = 'land' THEN amount ELSE 0 END) AS land,
        SUM(CASE WHEN column_key = 'buildings' THEN amount ELSE 0 END) AS buildings,
        SUM(CASE WHEN column_key = 'public_works' THEN amount ELSE 0 END) AS public_works,
        SUM(CASE WHEN column_key = 'machinery' THEN amount ELSE 0 END) AS machinery,
        SUM(CASE WHEN column_key = 'transport' THEN amount ELSE 0 END) AS transport,
        SUM(CASE WHEN column_key = 'information' THEN amount ELSE 0 END) AS information,
        SUM(CASE WHEN column_key = 'miscellaneous' THEN amount ELSE 0 END) AS miscellaneous,
        SUM(CASE WHEN column_key = 'rights' THEN amount ELSE 0 END) AS rights,
        SUM(CASE WHEN column_key = 'investment' THEN amount ELSE 0 END) AS investment,
        SUM(CASE WHEN column_key = 'other_capital' THEN amount ELSE 0 END) AS other_capital,
        SUM(amount) AS total
    FROM items
    WHERE mu_code IS NOT NULL
    GROUP BY document_id, ministry_code, agency_code, function_code, mu_code
),
accounts AS (
    -- 主管 row: name only. Agency and 政事別 rows always (zeros when nothing is capital);
    -- work plan rows only when they have capital line items, as the table prints them.
    SELECT DISTINCT
        document_id, ministry_code, agency_code, CAST(NULL AS VARCHAR) AS function_code,
        CAST(NULL AS VARCHAR) AS work_plan_code, ministry_code AS account_code,
        'ministry' AS level, 0 AS level_rank
    FROM plan_accounts
    UNION ALL
    SELECT DISTINCT document_id, ministry_code, agency_code, NULL, NULL, agency_code, 'agency', 1
    FROM plan_accounts
    UNION ALL
    SELECT DISTINCT
        document_id, ministry_code, agency_code, function_code, NULL, function_code, 'function', 2
    FROM plan_accounts
    UNION ALL
    SELECT document_id, ministry_code, agency_code, function_code, work_plan_code,
        work_plan_code, 'work_plan', 3
    FROM rolled
    WHERE levels_up = 0
)
SELECT
    a.document_id,
    d.fiscal_year,
    d.agency_code,
    d.agency_name,
    CAST(ROW_NUMBER() OVER (
        PARTITION BY a.document_id
        ORDER BY a.ministry_code, CASE WHEN a.level_rank < 2 THEN a.level_rank ELSE 2 END,
            a.agency_code, a.function_code, a.level_rank, a.work_plan_code
    ) AS INTEGER) AS sort_key,
    a.account_code AS row_key,
    COALESCE(wp.work_plan_name, acc.account_name, a.account_code) AS row_label,
    a.level,
    -- the 主管 row prints no numbers; other rows print '-' for nothing (0)
    CASE WHEN a.level_rank > 0 THEN COALESCE(r.land, 0) END AS land,
    CASE WHEN a.level_rank > 0 THEN COALESCE(r.buildings, 0) END AS buildings,
    CASE WHEN a.level_rank > 0 THEN COALESCE(r.public_works, 0) END AS public_works,
    CASE WHEN a.level_rank > 0 THEN COALESCE(r.machinery, 0) END AS machinery,
    CASE WHEN a.level_rank > 0 THEN COALESCE(r.transport, 0) END AS transport,
    CASE WHEN a.level_rank > 0 THEN COALESCE(r.information, 0) END AS information,
    CASE WHEN a.level_rank > 0 THEN COALESCE(r.miscellaneous, 0) END AS miscellaneous,
    CASE WHEN a.level_rank > 0 THEN COALESCE(r.rights, 0) END AS rights,
    CASE WHEN a.level_rank > 0 THEN COALESCE(r.investment, 0) END AS investment,
    CASE WHEN a.level_rank > 0 THEN COALESCE(r.other_capital, 0) END AS other_capital,
    CASE WHEN a.level_rank > 0 THEN COALESCE(r.total, 0) END AS total
FROM accounts AS a
JOIN docs AS d ON d.document_id = a.document_id
LEFT JOIN rolled AS r
    ON r.document_id = a.document_id
    AND r.agency_code = a.agency_code
    AND r.levels_up = 3 - a.level_rank
    AND (a.function_code IS NULL OR r.function_code = a.function_code)
    AND (a.work_plan_code IS NULL OR r.work_plan_code = a.work_plan_code)
LEFT JOIN stg_work_plans AS wp
    ON wp.document_id = a.document_id AND wp.work_plan_code = a.account_code
LEFT JOIN stg_accounts AS acc
    ON acc.document_id = a.document_id AND acc.account_code = a.account_code;
COMMENT ON VIEW report_capital_expenditure IS '資本支出分析表 regenerated from capital line items and the capital portions of current classes the 說明 states: per account (主管 without amounts, agency, 政事別, work plans with capital items, a 目 over its 節 as their sum) the 3000-series classes by the printed column they map to (capital_columns), other capital items and the portions as other_capital, and the total, in 千元.';
