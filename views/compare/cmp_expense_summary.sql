-- Comparison: report_expense_summary as (row_key, column_key, value) cells.
CREATE VIEW cmp_expense_summary AS
SELECT
    document_id,
    'expense_summary' AS table_slug,
    row_key,
    column_key,
    CAST(amount AS NUMERIC(20, 4)) AS regenerated_value
FROM report_expense_summary;
COMMENT ON VIEW cmp_expense_summary IS 'report_expense_summary as comparison cells (already one row per cell: no unpivot needed).';
