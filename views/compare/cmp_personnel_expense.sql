-- Comparison: report_personnel_expense as (row_key, 'amount', value) cells.
CREATE VIEW cmp_personnel_expense AS
SELECT
    document_id,
    'personnel_expense' AS table_slug,
    row_key,
    'amount' AS column_key,
    CAST(amount AS NUMERIC(20, 4)) AS regenerated_value
FROM report_personnel_expense;
COMMENT ON VIEW cmp_personnel_expense IS 'report_personnel_expense as comparison cells: row_key = object class code or total, column_key amount.';
