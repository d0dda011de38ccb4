-- Comparison: report_function_economic as (row_key, economic code, value) cells.
CREATE VIEW cmp_function_economic AS
SELECT
    document_id,
    'function_economic' AS table_slug,
    row_key,
    column_key,
    CAST(amount AS NUMERIC(20, 4)) AS regenerated_value
FROM report_function_economic
WHERE amount IS NOT NULL;
COMMENT ON VIEW cmp_function_economic IS 'report_function_economic as comparison cells: row_key = total or functional code, column_key = economic_classes code; the view''s rule column explains each regenerated value.';
