-- 附屬表 1 歲出計畫提要及分支計畫概況表 (plan_overview): work plan, sub-plan and object-class amounts regenerated from line items.
CREATE VIEW report_plan_overview AS
WITH docs AS (
    SELECT document_id, fiscal_year, agency_code, agency_name
    FROM stg_documents
),
items AS (
    -- A line item sits under its level-1 class; a class the chart does not know falls under X000.
    SELECT
        li.document_id,
        li.work_plan_code,
        li.sub_plan_code,
        li.object_class_code,
        COALESCE(oc.parent_object_class_code, SUBSTR(li.object_class_code, 1, 1) || '000')
            AS level1_code,
        li.amount
    FROM stg_line_items AS li
    LEFT JOIN stg_object_classes AS oc ON oc.object_class_code = li.object_class_code
),
class_rows AS (
    -- Level-2 rows (one per class, current and capital together) and level-1 rows (their sum).
    SELECT
        document_id,
        work_plan_code,
        sub_plan_code,
        level1_code,
        CASE WHEN GROUPING(object_class_code) = 1 THEN level1_code ELSE object_class_code END
            AS object_class_code,
        CASE WHEN GROUPING(object_class_code) = 1 THEN 1 ELSE 2 END AS class_level,
        SUM(amount) AS amount
    FROM items
    GROUP BY GROUPING SETS (
        (document_id, work_plan_code, sub_plan_code, level1_code, object_class_code),
        (document_id, work_plan_code, sub_plan_code, level1_code)
    )
),
sub_plan_sums AS (
    SELECT document_id, work_plan_code, sub_plan_code, SUM(amount) AS amount
    FROM items
    GROUP BY document_id, work_plan_code, sub_plan_code
),
work_plan_sums AS (
    -- A work plan is the sum of its sub-plans.
    SELECT document_id, work_plan_code, SUM(amount) AS amount
    FROM sub_plan_sums
    GROUP BY document_id, work_plan_code
),
all_rows AS (
    SELECT
        wp.document_id,
        wp.line AS work_plan_line,
        '' AS sub_plan_code,
        '' AS level1_code,
        0 AS class_level,
        '' AS object_class_code,
        'work_plan' AS row_level,
        wp.work_plan_code,
        wp.work_plan_code AS row_key,
        wp.work_plan_name AS row_label,
        s.amount
    FROM stg_work_plans AS wp
    LEFT JOIN work_plan_sums AS s
        ON s.document_id = wp.document_id AND s.work_plan_code = wp.work_plan_code
    UNION ALL
    SELECT
        sp.document_id,
        wp.line,
        sp.sub_plan_code,
        '',
        0,
        '',
        'sub_plan',
        sp.work_plan_code,
        sp.work_plan_code || '/' || sp.sub_plan_code,
        sp.sub_plan_name,
        s.amount
    FROM stg_sub_plans AS sp
    LEFT JOIN stg_work_plans AS wp
        ON wp.document_id = sp.document_id AND wp.work_plan_code = sp.work_plan_code
    LEFT JOIN sub_plan_sums AS s
        ON s.document_id = sp.document_id AND s.work_plan_code = sp.work_plan_code
        AND s.sub_plan_code = sp.sub_plan_code
    UNION ALL
    SELECT
        c.document_id,
        wp.line,
        c.sub_plan_code,
        c.level1_code,
        c.class_level,
        c.object_class_code,
        CASE WHEN c.class_level = 1 THEN 'object_class_level1' ELSE 'object_class' END,
        c.work_plan_code,
        c.work_plan_code || '/' || c.sub_plan_code || '/' || c.object_class_code,
        oc.object_class_name,
        c.amount
    FROM class_rows AS c
    LEFT JOIN stg_work_plans AS wp
        ON wp.document_id = c.document_id AND wp.work_plan_code = c.work_plan_code
    LEFT JOIN stg_object_classes AS oc ON oc.object_class_code = c.object_class_code
)
SELECT
    r.document_id,
    d.fiscal_year,
    d.agency_code,
    d.agency_name,
    CAST(ROW_NUMBER() OVER (
        PARTITION BY r.document_id
        ORDER BY r.work_plan_line, r.work_plan_code, r.sub_plan_code, r.level1_code,
            r.class_level, r.object_class_code
    ) AS INTEGER) AS sort_key,
    r.row_key,
    r.row_label,
    r.row_level,
    r.work_plan_code,
    NULLIF(r.sub_plan_code, '') AS sub_plan_code,
    NULLIF(r.object_class_code, '') AS object_class_code,
    r.amount
FROM all_rows AS r
JOIN docs AS d ON d.document_id = r.document_id;
COMMENT ON VIEW report_plan_overview IS '附屬表 1 歲出計畫提要及分支計畫概況表 regenerated from line items: per work plan the work plan row (sum of its sub-plans), each sub-plan row (sum of its line items), its level-1 object classes (sum of their level-2 classes) and level-2 classes, in printed order; amount in 千元. row_key: work plan code, code/sub-plan, code/sub-plan/class.';
