-- 附屬表 10 派員出國計畫預算總表 (travel_summary): plans, person-days and budget per category, regenerated from the overseas travel plans of every category table (考察、視察、訪問 / 開會、談判 / 進修、研究、實習).
CREATE VIEW report_travel_summary AS
WITH categories (category_sort, row_key, category) AS (
    -- the eight categories the table always prints, in printed order (after 合計)
    VALUES
        (2, 'inspection', '考察'),
        (3, 'supervision', '視察'),
        (4, 'visit', '訪問'),
        (5, 'meeting', '開會'),
        (6, 'negotiation', '談判'),
        (7, 'study', '進修'),
        (8, 'research', '研究'),
        (9, 'internship', '實習')
),
docs AS (
    SELECT document_id, fiscal_year, agency_code, agency_name, parent_document_id
    FROM stg_documents
    WHERE document_kind = 'unit_budget'
),
plan_totals AS (
    SELECT
        document_id,
        category,
        COUNT(*) AS plans,
        SUM(days * persons) AS person_days,
        SUM(parts_total) AS budget
    FROM stg_travel_plans
    WHERE destination_kind = 'overseas'
    GROUP BY document_id, category
),
previous AS (
    -- 上年度 columns: the same agency's unit budget of the year before, when it is loaded.
    -- A document does not carry last year's plans itself, so without it they stay NULL.
    -- Books only: a 附錄 unit shares its book's agency code but is a part of it, so neither
    -- is it the previous year of a book nor is last year's whole book its previous year.
    SELECT d.document_id, MAX(p.document_id) AS previous_document_id
    FROM docs AS d
    JOIN docs AS p ON p.agency_code = d.agency_code AND p.fiscal_year = d.fiscal_year - 1
    WHERE d.parent_document_id IS NULL AND p.parent_document_id IS NULL
    GROUP BY d.document_id
),
category_rows AS (
    SELECT
        d.document_id,
        c.category_sort,
        c.row_key,
        c.category AS row_label,
        COALESCE(t.plans, 0) AS plans_this_year,
        COALESCE(t.person_days, 0) AS person_days_this_year,
        COALESCE(t.budget, 0) AS budget_this_year,
        CASE WHEN pv.previous_document_id IS NOT NULL THEN COALESCE(l.plans, 0) END
            AS plans_last_year,
        CASE WHEN pv.previous_document_id IS NOT NULL THEN COALESCE(l.person_days, 0) END
            AS person_days_last_year,
        CASE WHEN pv.previous_document_id IS NOT NULL THEN COALESCE(l.budget, 0) END
            AS budget_last_year
    FROM docs AS d
    CROSS JOIN categories AS c
    LEFT JOIN plan_totals AS t ON t.document_id = d.document_id AND t.category = c.category
    LEFT JOIN previous AS pv ON pv.document_id = d.document_id
    LEFT JOIN plan_totals AS l
        ON l.document_id = pv.previous_document_id AND l.category = c.category
),
total_rows AS (
    SELECT
        document_id,
        1 AS category_sort,
        'total' AS row_key,
        '合計' AS row_label,
        SUM(plans_this_year) AS plans_this_year,
        SUM(person_days_this_year) AS person_days_this_year,
        SUM(budget_this_year) AS budget_this_year,
        SUM(plans_last_year) AS plans_last_year,
        SUM(person_days_last_year) AS person_days_last_year,
        SUM(budget_last_year) AS budget_last_year
    FROM category_rows
    GROUP BY document_id
),
all_rows AS (
    SELECT * FROM total_rows
    UNION ALL
    SELECT * FROM category_rows
)
SELECT
    a.document_id,
    d.fiscal_year,
    d.agency_code,
    d.agency_name,
    a.category_sort AS sort_key,
    a.row_key,
    a.row_label,
    CAST(a.plans_this_year AS BIGINT) AS plans_this_year,
    CAST(a.person_days_this_year AS BIGINT) AS person_days_this_year,
    CAST(a.budget_this_year AS BIGINT) AS budget_this_year,
    CAST(a.plans_last_year AS BIGINT) AS plans_last_year,
    CAST(a.person_days_last_year AS BIGINT) AS person_days_last_year,
    CAST(a.budget_last_year AS BIGINT) AS budget_last_year
FROM all_rows AS a
JOIN docs AS d ON d.document_id = a.document_id;
COMMENT ON VIEW report_travel_summary IS '附屬表 10 派員出國計畫預算總表 regenerated from core.travel_plans (overseas plans of the three category tables): per category (row_key inspection … internship, and total) the number of plans, person-days (days x persons) and budget (千元: 交通費 + 生活費 + 辦公費 + 機票與出國手續費 + 書籍學雜等費). The 上年度 columns come from the same agency''s unit budget of the year before when it is loaded, else NULL.';
