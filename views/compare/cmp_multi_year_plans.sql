-- Comparison: report_multi_year_plans unpivoted to one row per regenerated cell.
CREATE VIEW cmp_multi_year_plans AS
WITH cells AS (
    SELECT
        r.document_id,
        r.row_key,
        k.column_key,
        CASE k.column_key
            WHEN 'total_cost' THEN r.total_cost
            WHEN 'prior_years' THEN r.prior_years
            WHEN 'last_year' THEN r.last_year
            WHEN 'this_year' THEN r.this_year
            WHEN 'later_years' THEN r.later_years
        END AS value
    FROM report_multi_year_plans AS r
    CROSS JOIN (
        VALUES ('total_cost'), ('prior_years'), ('last_year'), ('this_year'), ('later_years')
    ) AS k (column_key)
)
SELECT
    document_id,
    'multi_year_plans' AS table_slug,
    row_key,
    column_key,
    CAST(value AS NUMERIC(20, 4)) AS regenerated_value
FROM cells
WHERE value IS NOT NULL;
COMMENT ON VIEW cmp_multi_year_plans IS 'report_multi_year_plans as comparison cells (億元): row_key = programme order, columns total_cost (recomputed) and the four yearly parts.';
