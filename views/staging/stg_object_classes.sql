-- Staging: the national object-class chart.
CREATE VIEW stg_object_classes AS
SELECT
    code AS object_class_code,
    name AS object_class_name,
    level AS object_class_level,
    parent_code AS parent_object_class_code,
    default_expenditure_type,
    -- the analysis table (捐助 / 補助 / 委辦) whose 合計 must equal this class's line items
    analysis_table
FROM core.object_classes;
