-- Comparison: report_revenue_by_source unpivoted to one row per regenerated cell.
CREATE VIEW cmp_revenue_by_source AS
WITH cells AS (
    SELECT
        r.document_id,
        r.row_key,
        k.column_key,
        CASE k.column_key
            WHEN 'this_year' THEN r.this_year
            WHEN 'last_year' THEN r.last_year
            WHEN 'year_before_actual' THEN r.year_before_actual
            WHEN 'change' THEN r.change
        END AS value
    FROM report_revenue_by_source AS r
    CROSS JOIN (
        VALUES ('this_year'), ('last_year'), ('year_before_actual'), ('change')
    ) AS k (column_key)
)
SELECT
    document_id,
    'revenue_by_source' AS table_slug,
    row_key,
    column_key,
    CAST(value AS NUMERIC(20, 4)) AS regenerated_value
FROM cells
WHERE value IS NOT NULL;
COMMENT ON VIEW cmp_revenue_by_source IS 'report_revenue_by_source as comparison cells (千元): row_key = 10-digit revenue code or total, columns this_year, last_year, year_before_actual, change.';
