-- Comparison: report_media_publicity as (row_key, column_key, value) cells. The printed table
-- has no sub-plan rows: where a document prints it, what its sub-plan 說明 state is tied to it by
-- the consistency check media_table_equals_sub_plan_statements, not compared as cells.
CREATE VIEW cmp_media_publicity AS
SELECT
    r.document_id,
    'media_publicity' AS table_slug,
    r.row_key,
    'amount' AS column_key,
    CAST(r.amount AS NUMERIC(20, 4)) AS regenerated_value
FROM report_media_publicity AS r
WHERE r.amount IS NOT NULL
    AND NOT (
        r.row_level = 5
        AND EXISTS (
            SELECT 1 FROM stg_media_publicity_plans AS p WHERE p.document_id = r.document_id
        )
    );
COMMENT ON VIEW cmp_media_publicity IS 'report_media_publicity as comparison cells: amount per sub-plan (row_key work plan/sub-plan) and total. Table 15 is not printed in every document: then its cells are missing_in_print. Where it is printed, sub-plan rows are left out (the table prints none; consistency_checks ties them to it).';
