-- 附屬表 3 歲出一級用途別科目分析表 (object_class_analysis): level-1 classes x current/capital per account, from line items.
CREATE VIEW report_object_class_analysis AS
WITH docs AS (
    SELECT document_id, fiscal_year, agency_code, agency_name
    FROM stg_documents
),
work_plans AS (
    -- Work plans with line items and those the document lists (printed with '-').
    SELECT DISTINCT document_id, work_plan_code FROM stg_line_items
    UNION
    SELECT document_id, work_plan_code FROM stg_work_plans
    WHERE document_id IN (SELECT document_id FROM stg_line_items)
),
plan_accounts AS (
    -- The hierarchy from the code itself (DOMAIN.md §2): 政事別(2) 主管(2) 單位(2) 計畫(4).
    SELECT
        w.document_id,
        w.work_plan_code,
        ap.function_code,
        ap.agency_code,
        ap.ministry_code,
        -- A 節 (3708012501) sits under its 目 (3708012500), which prints the sum of its 節.
        ap.section_work_plan_code AS mu_code
    FROM work_plans AS w
    JOIN stg_account_parents AS ap ON ap.work_plan_code = w.work_plan_code
),
items AS (
    SELECT
        li.document_id,
        li.work_plan_code,
        -- a class the chart does not know (4005, 2018 ...) falls under X000 (DOMAIN.md §2)
        COALESCE(oc.parent_object_class_code, SUBSTR(li.object_class_code, 1, 1) || '000')
            AS level1_code,
        li.expenditure_type,
        li.amount
    FROM stg_line_items AS li
    LEFT JOIN stg_object_classes AS oc ON oc.object_class_code = li.object_class_code
    -- The 經資門 split the 說明 states (stg_capital_portions): each portion of a current class
    -- moves from its class's 經常門 to its 資本門.
    UNION ALL
    SELECT document_id, work_plan_code, level1_code, 'capital', amount
    FROM stg_capital_portions
    WHERE moves_to_capital
    UNION ALL
    SELECT document_id, work_plan_code, level1_code, 'current', -amount
    FROM stg_capital_portions
    WHERE moves_to_capital
),
plan_amounts AS (
    -- One row per work plan: each printed column is a level-1 class on one side.
    SELECT
        p.document_id,
        p.work_plan_code,
        p.function_code,
        p.agency_code,
        p.ministry_code,
        p.mu_code,
        SUM(CASE WHEN i.expenditure_type = 'current' AND i.level1_code = '1000' THEN i.amount ELSE 0 END) AS current_personnel,
        SUM(CASE WHEN i.expenditure_type = 'current' AND i.level1_code = '2000' THEN i.amount ELSE 0 END) AS current_operating,
        SUM(CASE WHEN i.expenditure_type = 'current' AND i.level1_code = '4000' THEN i.amount ELSE 0 END) AS current_grants,
        SUM(CASE WHEN i.expenditure_type = 'current' AND i.level1_code = '5000' THEN i.amount ELSE 0 END) AS current_debt,
        SUM(CASE WHEN i.expenditure_type = 'current' AND i.level1_code = '6000' THEN i.amount ELSE 0 END) AS current_reserve,
        SUM(CASE WHEN i.expenditure_type = 'current' THEN i.amount ELSE 0 END) AS current_subtotal,
        SUM(CASE WHEN i.expenditure_type = 'capital' AND i.level1_code = '2000' THEN i.amount ELSE 0 END) AS capital_operating,
        SUM(CASE WHEN i.expenditure_type = 'capital' AND i.level1_code = '3000' THEN i.amount ELSE 0 END) AS capital_equipment,
        SUM(CASE WHEN i.expenditure_type = 'capital' AND i.level1_code = '4000' THEN i.amount ELSE 0 END) AS capital_grants,
        SUM(CASE WHEN i.expenditure_type = 'capital' AND i.level1_code = '6000' THEN i.amount ELSE 0 END) AS capital_reserve,
        SUM(CASE WHEN i.expenditure_type = 'capital' THEN i.amount ELSE 0 END) AS capital_subtotal,
        SUM(COALESCE(i.amount, 0)) AS total
    FROM plan_accounts AS p
    LEFT JOIN items AS i
        ON i.document_id = p.document_id AND i.work_plan_code = p.work_plan_code
    GROUP BY
        p.document_id, p.work_plan_code, p.function_code, p.agency_code, p.ministry_code,
        p.mu_code
),
rolled AS (
    -- Work plan rows, and the agency and function (政事別) rows as their sums.
    SELECT
        document_id,
        ministry_code,
        agency_code,
        function_code,
        work_plan_code,
        GROUPING(function_code) + GROUPING(work_plan_code) AS levels_up,
        SUM(current_personnel) AS current_personnel,
        SUM(current_operating) AS current_operating,
        SUM(current_grants) AS current_grants,
        SUM(current_debt) AS current_debt,
        SUM(current_reserve) AS current_reserve,
        SUM(current_subtotal) AS current_subtotal,
        SUM(capital_operating) AS capital_operating,
        SUM(capital_equipment) AS capital_equipment,
        SUM(capital_grants) AS capital_grants,
        SUM(capital_reserve) AS capital_reserve,
        SUM(capital_subtotal) AS capital_subtotal,
        SUM(total) AS total
    FROM plan_amounts
    GROUP BY GROUPING SETS (
        (document_id, ministry_code, agency_code),
        (document_id, ministry_code, agency_code, function_code),
        (document_id, ministry_code, agency_code, function_code, work_plan_code)
    )
),
accounts AS (
    -- The 主管 row prints a name and no numbers: it carries no amounts here either.
    SELECT DISTINCT
        document_id, ministry_code, agency_code, CAST(NULL AS VARCHAR) AS function_code,
        CAST(NULL AS VARCHAR) AS work_plan_code, ministry_code AS account_code,
        'ministry' AS level, 0 AS level_rank,
        CAST(NULL AS BIGINT) AS current_personnel, CAST(NULL AS BIGINT) AS current_operating,
        CAST(NULL AS BIGINT) AS current_grants, CAST(NULL AS BIGINT) AS current_debt,
        CAST(NULL AS BIGINT) AS current_reserve, CAST(NULL AS BIGINT) AS current_subtotal,
        CAST(NULL AS BIGINT) AS capital_operating, CAST(NULL AS BIGINT) AS capital_equipment,
        CAST(NULL AS BIGINT) AS capital_grants, CAST(NULL AS BIGINT) AS capital_reserve,
        CAST(NULL AS BIGINT) AS capital_subtotal, CAST(NULL AS BIGINT) AS total
    FROM plan_accounts
    UNION ALL
    SELECT
        document_id, ministry_code, agency_code, function_code, work_plan_code,
        CASE levels_up WHEN 2 THEN agency_code WHEN 1 THEN function_code ELSE work_plan_code END,
        CASE levels_up WHEN 2 THEN 'agency' WHEN 1 THEN 'function' ELSE 'work_plan' END,
        3 - levels_up,
        current_personnel, current_operating, current_grants, current_debt, current_reserve,
        current_subtotal, capital_operating, capital_equipment, capital_grants, capital_reserve,
        capital_subtotal, total
    FROM rolled
    UNION ALL
    SELECT
        document_id, ministry_code, agency_code, function_code, mu_code, mu_code,
        'work_plan', 3,
        SUM(current_personnel), SUM(current_operating), SUM(current_grants), SUM(current_debt),
        SUM(current_reserve), SUM(current_subtotal), SUM(capital_operating),
        SUM(capital_equipment), SUM(capital_grants), SUM(capital_reserve),
        SUM(capital_subtotal), SUM(total)
    FROM plan_amounts
    WHERE mu_code IS NOT NULL
    GROUP BY document_id, ministry_code, agency_code, function_code, mu_code
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
    a.current_personnel,
    a.current_operating,
    a.current_grants,
    a.current_debt,
    a.current_reserve,
    a.current_subtotal,
    a.capital_operating,
    a.capital_equipment,
    a.capital_grants,
    a.capital_reserve,
    a.capital_subtotal,
    a.total
FROM accounts AS a
JOIN docs AS d ON d.document_id = a.document_id
LEFT JOIN stg_work_plans AS wp
    ON wp.document_id = a.document_id AND wp.work_plan_code = a.account_code
LEFT JOIN stg_accounts AS acc
    ON acc.document_id = a.document_id AND acc.account_code = a.account_code;
COMMENT ON VIEW report_object_class_analysis IS '歲出一級用途別科目分析表 regenerated from line items and the capital portions their 說明 states: per account (主管 without amounts, agency, 政事別, work plans, a 目 over its 節 as their sum; codes derived from the work plan codes) the level-1 classes split into current and capital (expenditure_type of the line items; a portion of a current class the 說明 states as 資本支出 moves to capital), with 小計 and 合計, in 千元.';
