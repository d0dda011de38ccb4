-- Comparison: report_plan_overview as (row_key, column_key, value) cells.
CREATE VIEW cmp_plan_overview AS
SELECT
    document_id,
    'plan_overview' AS table_slug,
    row_key,
    'amount' AS column_key,
    CAST(amount AS NUMERIC(20, 4)) AS regenerated_value
FROM report_plan_overview
WHERE amount IS NOT NULL;
COMMENT ON VIEW cmp_plan_overview IS 'report_plan_overview as comparison cells: one amount per work plan, sub-plan and object-class row.';
