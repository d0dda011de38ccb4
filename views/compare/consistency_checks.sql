-- Consistency checks: the arithmetic identities between a unit budget's tables (DOMAIN.md §4).
CREATE VIEW consistency_checks AS
WITH li AS (
    SELECT document_id, work_plan_code, sub_plan_code, object_class_code, amount
    FROM stg_line_items
),
class_totals AS (
    SELECT document_id, object_class_code, SUM(amount) AS amount
    FROM li
    GROUP BY document_id, object_class_code
),
-- sub-plan amount = Σ its line items
sub_plan_sum AS (
    SELECT
        'sub_plan_equals_line_items' AS check_name,
        sp.document_id,
        sp.work_plan_code || '/' || sp.sub_plan_code AS subject,
        CAST(sp.amount AS NUMERIC(20, 4)) AS expected,
        CAST(COALESCE(SUM(li.amount), 0) AS NUMERIC(20, 4)) AS actual
    FROM stg_sub_plans AS sp
    LEFT JOIN li
        ON li.document_id = sp.document_id AND li.work_plan_code = sp.work_plan_code
        AND li.sub_plan_code = sp.sub_plan_code
    GROUP BY sp.document_id, sp.work_plan_code, sp.sub_plan_code, sp.amount
),
-- work plan amount = Σ its sub-plans
work_plan_sum AS (
    SELECT
        'work_plan_equals_sub_plans' AS check_name,
        wp.document_id,
        wp.work_plan_code AS subject,
        CAST(wp.amount AS NUMERIC(20, 4)) AS expected,
        CAST(COALESCE(SUM(sp.amount), 0) AS NUMERIC(20, 4)) AS actual
    FROM stg_work_plans AS wp
    LEFT JOIN stg_sub_plans AS sp
        ON sp.document_id = wp.document_id AND sp.work_plan_code = wp.work_plan_code
    GROUP BY wp.document_id, wp.work_plan_code, wp.amount
),
-- The analysis tables (捐助 grants, 補助 subsidies, 委辦 commissioned) against the line items of
-- the object classes the chart ties to them (object_classes.analysis_table): one family, the
-- classes are data. A table whose rows name their class (捐助) is compared class by class, the
-- others as one sum over all their classes (subject '4005+4010+4030').
analysis_facts AS (
    SELECT document_id, 'grants' AS table_slug, object_class_code, total FROM stg_grants
    UNION ALL
    SELECT document_id, 'subsidies', CAST(NULL AS VARCHAR), total FROM stg_subsidies
    UNION ALL
    SELECT document_id, 'commissioned', CAST(NULL AS VARCHAR), total
    FROM stg_commissioned_projects
),
analysis_tables AS (
    -- the analysis tables a document prints, and whether their rows name object classes
    SELECT
        document_id,
        table_slug,
        MAX(CASE WHEN object_class_code IS NULL THEN 0 ELSE 1 END) AS by_class
    FROM analysis_facts
    GROUP BY document_id, table_slug
),
analysis_fact_sums AS (
    SELECT
        f.document_id,
        f.table_slug,
        CASE WHEN t.by_class = 1 THEN f.object_class_code END AS class_key,
        SUM(f.total) AS total
    FROM analysis_facts AS f
    JOIN analysis_tables AS t ON t.document_id = f.document_id AND t.table_slug = f.table_slug
    GROUP BY f.document_id, f.table_slug, CASE WHEN t.by_class = 1 THEN f.object_class_code END
),
analysis_line_sums AS (
    SELECT
        t.document_id,
        t.table_slug,
        CASE WHEN t.by_class = 1 THEN ct.object_class_code END AS class_key,
        STRING_AGG(ct.object_class_code, '+' ORDER BY ct.object_class_code) AS subject,
        SUM(ct.amount) AS amount
    FROM analysis_tables AS t
    JOIN stg_object_classes AS oc ON oc.analysis_table = t.table_slug
    JOIN class_totals AS ct
        ON ct.document_id = t.document_id AND ct.object_class_code = oc.object_class_code
    GROUP BY t.document_id, t.table_slug, CASE WHEN t.by_class = 1 THEN ct.object_class_code END
),
analysis_ties AS (
    SELECT
        l.table_slug || '_equal_object_class_line_items' AS check_name,
        l.document_id,
        l.subject,
        CAST(l.amount AS NUMERIC(20, 4)) AS expected,
        CAST(COALESCE(f.total, 0) AS NUMERIC(20, 4)) AS actual
    FROM analysis_line_sums AS l
    LEFT JOIN analysis_fact_sums AS f
        ON f.document_id = l.document_id AND f.table_slug = l.table_slug
        AND f.class_key IS NOT DISTINCT FROM l.class_key
),
-- travel plans against 2078 國外旅費 and 2075 大陸地區旅費. 進修、研究、實習 plans are budgeted
-- under 2003 教育訓練費, not 國外旅費 (the 內政部 114 book: its 實習 plan, 254, is the 2003 line
-- item of 測量及方域 sub-plan 04, whose 說明 names the course), so they are not in the 2078 sum.
travel_ties AS (
    SELECT
        'travel_' || t.destination_kind || '_equals_' || ct.object_class_code AS check_name,
        ct.document_id,
        ct.object_class_code AS subject,
        CAST(ct.amount AS NUMERIC(20, 4)) AS expected,
        CAST(COALESCE(SUM(t.total), 0) AS NUMERIC(20, 4)) AS actual
    FROM class_totals AS ct
    JOIN stg_travel_plans AS t
        ON t.document_id = ct.document_id
        AND ((t.destination_kind = 'overseas' AND t.table_slug <> 'travel_studies'
              AND ct.object_class_code = '2078')
             OR (t.destination_kind = 'mainland' AND ct.object_class_code = '2075'))
    GROUP BY ct.document_id, ct.object_class_code, ct.amount, t.destination_kind
),
travel_rows AS (
    SELECT
        'travel_plan_parts_equal_total' AS check_name,
        document_id,
        -- plan numbers restart in every category table
        table_slug || '/' || plan_no AS subject,
        CAST(total AS NUMERIC(20, 4)) AS expected,
        CAST(parts_total AS NUMERIC(20, 4)) AS actual
    FROM stg_travel_plans
),
grant_rows AS (
    SELECT
        'grant_parts_equal_total' AS check_name,
        document_id,
        -- the grant's row key in report_grants (numbers restart per work plan group in books)
        CASE
            WHEN recipient_kind IS NULL THEN grant_no
            ELSE recipient_kind || '/' || object_class_code || '/'
                || CASE WHEN group_no IS NOT NULL THEN '(' || group_no || ')' ELSE '' END
                || work_plan_code || '/' || grant_no
        END AS subject,
        CAST(total AS NUMERIC(20, 4)) AS expected,
        CAST(COALESCE(current_personnel, 0) + COALESCE(current_operating, 0)
             + COALESCE(current_other, 0) + COALESCE(capital_construction, 0)
             + COALESCE(capital_other, 0) AS NUMERIC(20, 4)) AS actual
    FROM stg_grants
),
commission_rows AS (
    SELECT
        'commissioned_parts_equal_total' AS check_name,
        document_id,
        CAST(seq AS VARCHAR) AS subject,
        CAST(total AS NUMERIC(20, 4)) AS expected,
        CAST(COALESCE(current_personnel, 0) + COALESCE(current_operating, 0)
             + COALESCE(current_other, 0) + COALESCE(capital_equipment, 0)
             + COALESCE(capital_other, 0) AS NUMERIC(20, 4)) AS actual
    FROM stg_commissioned_projects
),
-- program amount in 說明 = its grants + awards + commissions + the travel it says it includes
program_links AS (
    SELECT
        'program_equals_grants_and_commissions' AS check_name,
        p.document_id,
        p.program_name AS subject,
        CAST(p.amount AS NUMERIC(20, 4)) AS expected,
        CAST(COALESCE(SUM(COALESCE(g.total, 0) + COALESCE(c.total, 0)), 0)
             + COALESCE(p.travel_amount, 0) AS NUMERIC(20, 4)) AS actual
    FROM stg_programs AS p
    JOIN stg_program_links AS l ON l.document_id = p.document_id AND l.program_seq = p.program_seq
    LEFT JOIN stg_grants AS g
        ON l.target_kind = 'grant' AND g.document_id = l.document_id AND CAST(g.seq AS VARCHAR) = l.target_key
    LEFT JOIN stg_commissioned_projects AS c
        ON l.target_kind = 'commissioned' AND c.document_id = l.document_id
        AND CAST(c.seq AS VARCHAR) = l.target_key
    WHERE p.amount IS NOT NULL
    GROUP BY p.document_id, p.program_seq, p.program_name, p.amount, p.travel_amount
),
-- headcounts stated in prose and footers against 預算員額明細表 (agency rows, this year)
staff_agency AS (
    SELECT s.document_id, s.category, SUM(s.headcount) AS headcount
    FROM stg_staffing AS s
    JOIN stg_documents AS d ON d.document_id = s.document_id AND s.account_code = d.agency_code
    WHERE s.year_kind = 'this'
    GROUP BY s.document_id, s.category
),
headcounts AS (
    SELECT
        'headcount_' || h.source || '_equals_staffing' AS check_name,
        h.document_id,
        h.category AS subject,
        CAST(h.headcount AS NUMERIC(20, 4)) AS expected,
        CAST(CASE WHEN h.category IN ('合計', 'total')
                  THEN (SELECT SUM(x.headcount) FROM staff_agency AS x
                        WHERE x.document_id = h.document_id AND x.category NOT IN ('合計', 'total'))
                  ELSE COALESCE(st.headcount, 0) END AS NUMERIC(20, 4)) AS actual
    FROM core.headcount_statements AS h
    LEFT JOIN staff_agency AS st ON st.document_id = h.document_id AND st.category = h.category
    WHERE EXISTS (SELECT 1 FROM stg_staffing AS x WHERE x.document_id = h.document_id)
),
-- vehicles: fuel 金額 (千元) = 數量 (公升) x 單價 (元) / 1000, rounded to 千元
vehicle_fuel AS (
    SELECT
        'vehicle_fuel_amount' AS check_name,
        document_id,
        CAST(seq AS VARCHAR) AS subject,
        CAST(fuel_amount AS NUMERIC(20, 4)) AS expected,
        CAST(ROUND(CAST(fuel_litres * fuel_unit_price AS NUMERIC(20, 4)) / 1000, 0) AS NUMERIC(20, 4)) AS actual
    FROM stg_vehicles
    WHERE fuel_litres IS NOT NULL AND fuel_unit_price IS NOT NULL
),
-- 媒體政策及業務宣導費彙計表: a work plan's printed amount = the media amounts its sub-plan 說明
-- state (where they state any)
media_ties AS (
    SELECT
        'media_table_equals_sub_plan_statements' AS check_name,
        p.document_id,
        p.work_plan_code AS subject,
        CAST(p.amount AS NUMERIC(20, 4)) AS expected,
        CAST(s.amount AS NUMERIC(20, 4)) AS actual
    FROM stg_media_publicity_plans AS p
    JOIN (
        SELECT document_id, work_plan_code, SUM(amount) AS amount
        FROM stg_media_publicity
        WHERE source = 'sub_plan'
        GROUP BY document_id, work_plan_code
    ) AS s ON s.document_id = p.document_id AND s.work_plan_code = p.work_plan_code
),
-- 跨年期計畫概況表 (億元) against the sub-plan 說明: a row's 本年度預算數 = the this-year amounts
-- the 說明 state for the programme (matched by name at load, multi_year_links.py; the part
-- 分配本科目 where the text splits an office's share over accounts), compared in 千元 (1 億元 =
-- 100,000 千元, exact: the table prints at most 4 decimals). The table rounds to 0.01 億元, so
-- the family carries a tolerance: half a printed 0.01 億元 (500 千元) for a rounded figure; when
-- the row balances (總額 = 前年度 + 上年度 + 本年度 + 以後), 本年度 may be the residual of the
-- other rounded figures, off by up to 500 千元 for each of them that is not zero (殯葬設施量能提升
-- 計畫 of 內政部 114: 15.14 − 3.71 − 4.90 = 6.53 against the 說明's 653,756 千元). A row no
-- statement names is not_checked (actual NULL), and so is a statement no row matches, in a
-- document that prints the table (expected NULL).
multi_year_sums AS (
    SELECT document_id, multi_year_seq, SUM(amount_here) AS amount
    FROM stg_multi_year_statements
    WHERE multi_year_seq IS NOT NULL
    GROUP BY document_id, multi_year_seq
),
multi_year_rows AS (
    SELECT
        p.*,
        CASE WHEN p.total_cost = COALESCE(p.prior_years, 0) + COALESCE(p.last_year, 0)
                + p.this_year + COALESCE(p.later_years, 0)
            THEN (CASE WHEN p.total_cost <> 0 THEN 1 ELSE 0 END)
                + (CASE WHEN p.prior_years <> 0 THEN 1 ELSE 0 END)
                + (CASE WHEN p.last_year <> 0 THEN 1 ELSE 0 END)
                + (CASE WHEN p.later_years <> 0 THEN 1 ELSE 0 END)
            ELSE 1
        END AS rounded_terms
    FROM stg_multi_year_plans AS p
    WHERE p.unit = '億元'
),
multi_year_ties AS (
    SELECT
        'multi_year_table_equals_sub_plan_statements' AS check_name,
        p.document_id,
        p.plan_name AS subject,
        CAST(p.this_year * 100000 AS BIGINT) AS expected,
        CAST(s.amount AS BIGINT) AS actual,
        CAST(500 * (CASE WHEN p.rounded_terms > 1 THEN p.rounded_terms ELSE 1 END) AS BIGINT)
            AS tolerance
    FROM multi_year_rows AS p
    LEFT JOIN multi_year_sums AS s
        ON s.document_id = p.document_id AND s.multi_year_seq = p.seq
    UNION ALL
    SELECT
        'multi_year_table_equals_sub_plan_statements' AS check_name,
        st.document_id,
        'unmatched ' || st.work_plan_code || '/' || st.sub_plan_code || ' ' || st.plan_name
            AS subject,
        CAST(NULL AS BIGINT) AS expected,
        CAST(st.amount_here AS BIGINT) AS actual,
        CAST(500 AS BIGINT) AS tolerance
    FROM stg_multi_year_statements AS st
    WHERE st.multi_year_seq IS NULL
      AND EXISTS (SELECT 1 FROM stg_multi_year_plans AS x WHERE x.document_id = st.document_id)
),
-- 附錄 units: what a book's units print adds up to the book itself (DOMAIN.md §7): work plans,
-- 各項費用 object classes, headcount, vehicles and 年需經費. actual is NULL (not_checked) while
-- a unit of the book prints no 概況表 in the file (a book loaded without all its units).
units AS (
    SELECT document_id AS unit_id, parent_document_id AS book_id
    FROM stg_documents
    WHERE parent_document_id IS NOT NULL
),
unit_books AS (
    SELECT
        u.book_id,
        MIN(CASE WHEN EXISTS (
            SELECT 1 FROM stg_work_plans AS w WHERE w.document_id = u.unit_id
        ) THEN 1 ELSE 0 END) AS complete
    FROM units AS u
    GROUP BY u.book_id
),
unit_sums AS (
    SELECT 'work_plan' AS measure, document_id, work_plan_code AS subject, amount
    FROM stg_work_plans
    UNION ALL
    SELECT 'object_class', document_id, object_class_code, SUM(amount)
    FROM li
    GROUP BY document_id, object_class_code
    UNION ALL
    SELECT 'headcount', document_id, 'this_year', SUM(headcount)
    FROM stg_staffing
    WHERE year_kind = 'this' AND account_code LIKE '00%'
    GROUP BY document_id
    UNION ALL
    SELECT 'vehicles', document_id, 'vehicle_count', SUM(vehicle_count)
    FROM stg_vehicles
    GROUP BY document_id
    UNION ALL
    SELECT 'staff_cost', document_id, 'this_year', SUM(this_year)
    FROM stg_staffing_costs
    WHERE account_code LIKE '00%'
    GROUP BY document_id
),
unit_ties AS (
    SELECT
        'appendix_units_equal_book_' || b.measure AS check_name,
        b.document_id,
        b.subject,
        CAST(b.amount AS NUMERIC(20, 4)) AS expected,
        CAST(CASE WHEN c.complete = 1 THEN COALESCE(SUM(x.amount), 0) END AS NUMERIC(20, 4))
            AS actual
    FROM unit_sums AS b
    JOIN unit_books AS c ON c.book_id = b.document_id
    LEFT JOIN units AS u ON u.book_id = b.document_id
    LEFT JOIN unit_sums AS x
        ON x.document_id = u.unit_id AND x.measure = b.measure AND x.subject = b.subject
    GROUP BY b.measure, b.document_id, b.subject, b.amount, c.complete
),
-- 歲入來源別預算表: the printed 合計 = Σ the 款 (source accounts) loaded, for the budget columns.
-- 前年度決算數 is left out: actuals are rounded to 千元 per account, so their 合計 may differ from
-- Σ 款 by the rounding (the 內政部 114 book prints 440,635 over 款 summing to 440,634).
revenue_total AS (
    SELECT
        'revenue_total_equals_sources' AS check_name,
        p.document_id,
        p.column_key AS subject,
        CAST(p.printed_value AS NUMERIC(20, 4)) AS expected,
        CAST(s.amount AS NUMERIC(20, 4)) AS actual
    FROM stg_printed_cells AS p
    LEFT JOIN (
        SELECT am.document_id, am.source_column, SUM(am.amount) AS amount
        FROM stg_revenue_amounts AS am
        WHERE am.level = 'source'
        GROUP BY am.document_id, am.source_column
    ) AS s ON s.document_id = p.document_id AND s.source_column = p.column_key
    WHERE p.table_slug = 'revenue_by_source' AND p.row_key = 'total'
      AND p.column_key IN ('this_year', 'last_year')
),
-- 歲入項目說明提要表: each item's 預算金額 = its amount in 歲入來源別預算表
revenue_notes_tie AS (
    SELECT
        'revenue_note_equals_source_table' AS check_name,
        n.document_id,
        n.account_code AS subject,
        CAST(am.amount AS NUMERIC(20, 4)) AS expected,
        CAST(n.amount AS NUMERIC(20, 4)) AS actual
    FROM stg_revenue_notes AS n
    LEFT JOIN stg_revenue_amounts AS am
        ON am.document_id = n.document_id AND am.account_code = n.account_code
        AND am.source_column = 'this_year'
),
-- 經資門: the capital portions a sub-plan 說明 states never exceed the line items of the class
-- they are attached to (expected = the class's line items; actual = the portions when they
-- exceed them, else the line items: a failure's difference is the excess) ...
capital_portion_classes AS (
    SELECT
        cp.document_id,
        cp.work_plan_code,
        cp.sub_plan_code,
        cp.object_class_code,
        SUM(cp.amount) AS portions
    FROM stg_capital_portions AS cp
    GROUP BY cp.document_id, cp.work_plan_code, cp.sub_plan_code, cp.object_class_code
),
capital_portion_limits AS (
    SELECT
        'capital_portions_within_class' AS check_name,
        c.document_id,
        c.work_plan_code || '/' || c.sub_plan_code || '/' || c.object_class_code AS subject,
        CAST(COALESCE(SUM(li.amount), 0) AS NUMERIC(20, 4)) AS expected,
        CAST(
            CASE WHEN c.portions > COALESCE(SUM(li.amount), 0) THEN c.portions
            ELSE COALESCE(SUM(li.amount), 0) END AS NUMERIC(20, 4)
        ) AS actual
    FROM capital_portion_classes AS c
    LEFT JOIN stg_line_items AS li
        ON li.document_id = c.document_id AND li.work_plan_code = c.work_plan_code
        AND li.sub_plan_code = c.sub_plan_code
        -- a level-1 class (4000) holds its level-2 line items (4010 ...)
        AND (li.object_class_code = c.object_class_code
            OR (SUBSTR(c.object_class_code, 2, 3) = '000'
                AND SUBSTR(li.object_class_code, 1, 1) = SUBSTR(c.object_class_code, 1, 1)))
    GROUP BY c.document_id, c.work_plan_code, c.sub_plan_code, c.object_class_code, c.portions
),
-- ... and the 3000-series line items plus the portions of other classes add up to the 資本門
-- 小計 the agency row of 歲出一級用途別科目分析表 prints.
capital_total AS (
    SELECT
        'capital_equals_printed_total' AS check_name,
        p.document_id,
        p.row_key AS subject,
        CAST(p.printed_value AS NUMERIC(20, 4)) AS expected,
        CAST(
            COALESCE((
                SELECT SUM(li.amount) FROM stg_line_items AS li
                WHERE li.document_id = p.document_id AND li.expenditure_type = 'capital'
            ), 0)
            + COALESCE((
                SELECT SUM(cp.amount) FROM stg_capital_portions AS cp
                WHERE cp.document_id = p.document_id AND cp.moves_to_capital
            ), 0) AS NUMERIC(20, 4)
        ) AS actual
    FROM stg_printed_cells AS p
    JOIN stg_documents AS d ON d.document_id = p.document_id AND d.agency_code = p.row_key
    WHERE p.table_slug = 'object_class_analysis' AND p.column_key = 'capital_subtotal'
),
all_checks AS (
    -- exact identities: tolerance 0
    SELECT x.*, CAST(0 AS BIGINT) AS tolerance
    FROM (
        SELECT * FROM sub_plan_sum
        UNION ALL SELECT * FROM work_plan_sum
        UNION ALL SELECT * FROM analysis_ties
        UNION ALL SELECT * FROM travel_ties
        UNION ALL SELECT * FROM travel_rows
        UNION ALL SELECT * FROM grant_rows
        UNION ALL SELECT * FROM commission_rows
        UNION ALL SELECT * FROM program_links
        UNION ALL SELECT * FROM headcounts
        UNION ALL SELECT * FROM vehicle_fuel
        UNION ALL SELECT * FROM media_ties
        UNION ALL SELECT * FROM unit_ties
        UNION ALL SELECT * FROM revenue_total
        UNION ALL SELECT * FROM revenue_notes_tie
        UNION ALL SELECT * FROM capital_portion_limits
        UNION ALL SELECT * FROM capital_total
    ) AS x
    UNION ALL SELECT * FROM multi_year_ties
)
SELECT
    c.check_name,
    c.document_id,
    d.fiscal_year,
    d.agency_code,
    c.subject,
    c.expected,
    c.actual,
    c.actual - c.expected AS difference,
    c.tolerance,
    CASE
        WHEN c.expected IS NULL OR c.actual IS NULL THEN 'not_checked'
        WHEN ABS(c.actual - c.expected) <= c.tolerance THEN 'pass'
        ELSE 'fail'
    END AS status,
    -- Headcounts and vehicle counts are checked beside amounts; the unit says which is which.
    CASE
        WHEN c.check_name LIKE 'headcount%'
            OR c.check_name = 'appendix_units_equal_book_headcount' THEN '人'
        WHEN c.check_name = 'appendix_units_equal_book_vehicles' THEN '輛'
        ELSE '千元'
    END AS unit
FROM all_checks AS c
JOIN stg_documents AS d ON d.document_id = c.document_id;
COMMENT ON VIEW consistency_checks IS 'Every arithmetic identity between a unit budget''s tables (sub-plans, work plans, 捐助 / 補助 / 委辦 analysis tables vs the line items of the object classes the chart ties to them, travel vs 2075/2078, program = grants + commissions, headcounts, vehicle fuel, media table vs sub-plan 說明, 跨年期計畫概況表 本年度 (億元, compared in 千元) vs the this-year amounts of sub-plan 說明 within the table''s rounding (column tolerance), 歲入 合計 = Σ 款, 歲入項目說明 vs 歲入來源別, 附錄 units vs their book, 經資門: capital portions within their class and 3000 series + portions = the printed 資本門 小計) as one row: expected, actual and difference in the check''s unit (千元, or 人 for headcounts, 輛 for vehicle counts), tolerance (the difference the printed rounding allows, 0 for exact identities), status pass (|difference| <= tolerance) / fail / not_checked.';
