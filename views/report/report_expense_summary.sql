-- 附屬表 2 各項費用彙計表 (expense_summary): object class x work plan amounts, regenerated from line items.
CREATE VIEW report_expense_summary AS
WITH docs AS (
    SELECT document_id, fiscal_year, agency_code, agency_name
    FROM stg_documents
),
items AS (
    -- A line item sits under its level-1 class (X000 for a level-1 class itself).
    SELECT
        li.document_id,
        li.work_plan_code,
        li.object_class_code,
        -- a class the chart does not know (4005, 2018 ...) falls under X000 (DOMAIN.md §2)
        COALESCE(oc.parent_object_class_code, SUBSTR(li.object_class_code, 1, 1) || '000')
            AS level1_code,
        li.amount
    FROM stg_line_items AS li
    LEFT JOIN stg_object_classes AS oc ON oc.object_class_code = li.object_class_code
),
sums AS (
    -- Every printed cell at once: class x work plan, class totals, level-1 rows, 合計 row.
    SELECT
        document_id,
        level1_code,
        object_class_code,
        work_plan_code,
        GROUPING(level1_code) AS is_grand_total,
        GROUPING(object_class_code) AS is_level1,
        GROUPING(work_plan_code) AS is_row_total,
        SUM(amount) AS amount
    FROM items
    GROUP BY GROUPING SETS (
        (document_id, level1_code, object_class_code, work_plan_code),
        (document_id, level1_code, object_class_code),
        (document_id, level1_code, work_plan_code),
        (document_id, level1_code),
        (document_id, work_plan_code),
        (document_id)
    )
),
keyed AS (
    SELECT
        document_id,
        CASE
            WHEN is_grand_total = 1 THEN 'total'
            WHEN is_level1 = 1 THEN level1_code
            ELSE object_class_code
        END AS row_key,
        CASE WHEN is_row_total = 1 THEN 'total' ELSE work_plan_code END AS column_key,
        level1_code,
        is_grand_total,
        is_level1,
        amount
    FROM sums
    -- a line item booked on a level-1 class (no level 2) is printed once, as the level-1 row
    WHERE is_level1 = 1 OR object_class_code <> level1_code
),
row_keys AS (
    -- The rows the table prints: classes with line items, level-1 rows and 合計.
    SELECT DISTINCT document_id, row_key, level1_code, is_grand_total, is_level1
    FROM keyed
),
column_keys AS (
    -- Work plan columns: those with line items and those the document lists (printed as '-').
    SELECT DISTINCT document_id, column_key FROM keyed
    UNION
    SELECT document_id, work_plan_code FROM stg_work_plans
    WHERE document_id IN (SELECT document_id FROM stg_line_items)
),
grid AS (
    -- Every printed cell, also the '-' ones (no line item: 0).
    SELECT
        r.document_id,
        r.row_key,
        r.level1_code,
        r.is_grand_total,
        r.is_level1,
        c.column_key,
        COALESCE(k.amount, 0) AS amount
    FROM row_keys AS r
    JOIN column_keys AS c ON c.document_id = r.document_id
    LEFT JOIN keyed AS k
        ON k.document_id = r.document_id
        AND k.row_key = r.row_key
        AND k.column_key = c.column_key
)
SELECT
    g.document_id,
    d.fiscal_year,
    d.agency_code,
    d.agency_name,
    CAST(DENSE_RANK() OVER (
        PARTITION BY g.document_id
        ORDER BY g.is_grand_total DESC, g.level1_code, g.is_level1 DESC, g.row_key
    ) AS INTEGER) AS sort_key,
    g.row_key,
    CASE
        WHEN g.row_key = 'total' THEN '合計'
        ELSE g.row_key || COALESCE(' ' || oc.object_class_name, '')
    END AS row_label,
    CASE WHEN g.row_key = 'total' THEN 0 ELSE 2 - g.is_level1 END AS class_level,
    g.column_key,
    CASE
        WHEN g.column_key = 'total' THEN '合計'
        ELSE g.column_key || COALESCE(' ' || wp.work_plan_name, '')
    END AS column_label,
    CAST(DENSE_RANK() OVER (
        PARTITION BY g.document_id
        ORDER BY CASE WHEN g.column_key = 'total' THEN 1 ELSE 0 END, g.column_key
    ) AS INTEGER) AS column_sort,
    g.amount
FROM grid AS g
JOIN docs AS d ON d.document_id = g.document_id
LEFT JOIN stg_object_classes AS oc ON oc.object_class_code = g.row_key
LEFT JOIN stg_work_plans AS wp
    ON wp.document_id = g.document_id AND wp.work_plan_code = g.column_key;
COMMENT ON VIEW report_expense_summary IS '各項費用彙計表 regenerated from line items, one row per printed cell: row_key = object class (level 1 = sum of its level-2 classes, total = 合計), column_key = work plan code or total; amount in 千元, 0 where the table prints -. Only classes with line items are rows, as printed.';
