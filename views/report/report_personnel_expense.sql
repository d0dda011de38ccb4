-- 附屬表 5 人事費彙計表 (personnel_expense): the twelve 1000-series classes and 合計, from line items.
CREATE VIEW report_personnel_expense AS
WITH docs AS (
    SELECT document_id, fiscal_year, agency_code, agency_name
    FROM stg_documents
    WHERE document_id IN (SELECT document_id FROM stg_line_items)
),
categories AS (
    -- The table prints every level-2 class of 1000 人事費, in chart order, '-' when nothing.
    SELECT object_class_code, object_class_name
    FROM stg_object_classes
    WHERE parent_object_class_code = '1000'
),
amounts AS (
    SELECT document_id, object_class_code, SUM(amount) AS amount
    FROM stg_line_items
    GROUP BY document_id, object_class_code
),
class_rows AS (
    SELECT
        d.document_id,
        c.object_class_code,
        c.object_class_name,
        COALESCE(a.amount, 0) AS amount
    FROM docs AS d
    CROSS JOIN categories AS c
    LEFT JOIN amounts AS a
        ON a.document_id = d.document_id AND a.object_class_code = c.object_class_code
),
with_total AS (
    SELECT
        document_id,
        GROUPING(object_class_code) AS is_total,
        object_class_code,
        MIN(object_class_name) AS object_class_name,
        SUM(amount) AS amount
    FROM class_rows
    GROUP BY GROUPING SETS ((document_id, object_class_code), (document_id))
)
SELECT
    t.document_id,
    d.fiscal_year,
    d.agency_code,
    d.agency_name,
    CAST(ROW_NUMBER() OVER (
        PARTITION BY t.document_id ORDER BY t.is_total, t.object_class_code
    ) AS INTEGER) AS sort_key,
    CASE WHEN t.is_total = 1 THEN 'total' ELSE t.object_class_code END AS row_key,
    CASE WHEN t.is_total = 1 THEN '合計' ELSE t.object_class_name END AS row_label,
    t.amount
FROM with_total AS t
JOIN docs AS d ON d.document_id = t.document_id;
COMMENT ON VIEW report_personnel_expense IS '人事費彙計表 regenerated from line items: every level-2 class of 1000 人事費 (chart order, 0 where the table prints -) and 合計, amount in 千元. The 說明 texts are kept as printed cells only.';
