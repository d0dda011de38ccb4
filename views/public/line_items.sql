-- Public view (warehouse API): one row per line item, the atomic budget fact.
CREATE VIEW line_items AS
SELECT
    d.document_id,
    d.fiscal_year,
    d.stage,
    d.agency_code,
    d.agency_name,
    li.work_plan_code,
    wp.work_plan_name,
    li.sub_plan_code,
    sp.sub_plan_name,
    li.object_class_code,
    oc.object_class_name,
    -- a class the national chart lacks still rolls up to its X000 class (DOMAIN.md §2)
    COALESCE(oc.parent_object_class_code, SUBSTR(li.object_class_code, 1, 1) || '000')
        AS level1_object_class_code,
    li.expenditure_type,
    li.amount,
    li.page,
    li.line,
    d.unit_name,
    d.parent_document_id
FROM stg_line_items AS li
JOIN stg_documents AS d ON d.document_id = li.document_id
LEFT JOIN stg_work_plans AS wp
    ON wp.document_id = li.document_id AND wp.work_plan_code = li.work_plan_code
LEFT JOIN stg_sub_plans AS sp
    ON sp.document_id = li.document_id AND sp.work_plan_code = li.work_plan_code
    AND sp.sub_plan_code = li.sub_plan_code
LEFT JOIN stg_object_classes AS oc ON oc.object_class_code = li.object_class_code;
COMMENT ON VIEW line_items IS 'Line items: sub-plan x level-2 object class x current/capital, amount in 千元, with page and line of the printed row.';
COMMENT ON COLUMN line_items.amount IS 'Amount in 千元 (thousand NT$).';
COMMENT ON COLUMN line_items.expenditure_type IS 'current (經常門) or capital (資本門).';
