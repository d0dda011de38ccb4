-- Public view (warehouse API): the 經資門 split a sub-plan 說明 states, one row per 資本支出 phrase.
CREATE VIEW capital_portions AS
SELECT
    d.document_id,
    d.fiscal_year,
    d.stage,
    d.agency_code,
    d.agency_name,
    cp.portion_no,
    cp.work_plan_code,
    wp.work_plan_name,
    cp.sub_plan_code,
    sp.sub_plan_name,
    cp.object_class_code,
    oc.object_class_name,
    cp.level1_code AS level1_object_class_code,
    cp.moves_to_capital,
    cp.amount,
    cp.attached_by,
    cp.phrase,
    cp.page,
    cp.line,
    d.unit_name,
    d.parent_document_id
FROM stg_capital_portions AS cp
JOIN stg_documents AS d ON d.document_id = cp.document_id
LEFT JOIN stg_work_plans AS wp
    ON wp.document_id = cp.document_id AND wp.work_plan_code = cp.work_plan_code
LEFT JOIN stg_sub_plans AS sp
    ON sp.document_id = cp.document_id AND sp.work_plan_code = cp.work_plan_code
    AND sp.sub_plan_code = cp.sub_plan_code
LEFT JOIN stg_object_classes AS oc ON oc.object_class_code = cp.object_class_code;
COMMENT ON VIEW capital_portions IS 'Capital portions: the parts of object classes a sub-plan 說明 states as 資本支出 (所需獎補助費22,301千元（資本支出5,912千元…）), attached to a class of the sub-plan, amount in 千元. Line items mark only the 3000 series capital; 資本門 = capital line items + the portions whose moves_to_capital is true (report_object_class_analysis, report_capital_expenditure).';
