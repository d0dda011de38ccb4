-- Staging: capital portions (資本支出 parts of object classes stated in sub-plan 說明 text).
CREATE VIEW stg_capital_portions AS
SELECT
    cp.document_id,
    cp.portion_no,
    cp.work_plan_code,
    cp.sub_plan_code,
    cp.object_class_code,
    -- the level-1 class: the class itself (X000), its parent in the chart, else X000
    CASE
        WHEN SUBSTR(cp.object_class_code, 2, 3) = '000' THEN cp.object_class_code
        ELSE COALESCE(oc.parent_object_class_code, SUBSTR(cp.object_class_code, 1, 1) || '000')
    END AS level1_code,
    -- a portion of a class the chart already makes capital (3000 series) moves nothing
    CASE
        WHEN COALESCE(l1.default_expenditure_type, 'current') = 'capital' THEN FALSE
        ELSE TRUE
    END AS moves_to_capital,
    CAST(cp.amount AS BIGINT) AS amount,
    cp.attached_by,
    cp.phrase,
    cp.page,
    cp.line
FROM core.capital_portions AS cp
LEFT JOIN stg_object_classes AS oc ON oc.object_class_code = cp.object_class_code
LEFT JOIN stg_object_classes AS l1
    ON l1.object_class_code = CASE
        WHEN SUBSTR(cp.object_class_code, 2, 3) = '000' THEN cp.object_class_code
        ELSE COALESCE(oc.parent_object_class_code, SUBSTR(cp.object_class_code, 1, 1) || '000')
    END;
