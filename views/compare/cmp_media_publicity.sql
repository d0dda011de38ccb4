-- Comparison: report_media_publicity as (row_key, column_key, value) cells.
CREATE VIEW cmp_media_publicity AS
SELECT
    document_id,
    'media_publicity' AS table_slug,
    row_key,
    'amount' AS column_key,
    CAST(amount AS NUMERIC(20, 4)) AS regenerated_value
FROM report_media_publicity
WHERE amount IS NOT NULL;
COMMENT ON VIEW cmp_media_publicity IS 'report_media_publicity as comparison cells: amount per sub-plan (row_key work plan/sub-plan) and total. Table 15 is not printed in every document: then its cells are missing_in_print.';
