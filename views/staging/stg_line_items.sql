-- Staging: line items (sub-plan x level-2 object class x current/capital).
CREATE VIEW stg_line_items AS
SELECT
    document_id,
    work_plan_code,
    sub_plan_code,
    object_class_code,
    expenditure_type,
    CAST(amount AS BIGINT) AS amount,
    page,
    line
FROM core.line_items;
