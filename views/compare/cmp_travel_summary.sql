-- Comparison: report_travel_summary unpivoted to one row per regenerated cell.
-- Unpivoted with one scan of the report (CROSS JOIN a list of column keys): a UNION ALL per
-- column would compute the report view once per column.
CREATE VIEW cmp_travel_summary AS
WITH cells AS (
    SELECT
        r.document_id,
        r.row_key,
        k.column_key,
        CASE k.column_key
            WHEN 'plans_this_year' THEN r.plans_this_year
            WHEN 'person_days_this_year' THEN r.person_days_this_year
            WHEN 'budget_this_year' THEN r.budget_this_year
            WHEN 'plans_last_year' THEN r.plans_last_year
            WHEN 'person_days_last_year' THEN r.person_days_last_year
            WHEN 'budget_last_year' THEN r.budget_last_year
        END AS amount
    FROM report_travel_summary AS r
    CROSS JOIN (VALUES
        ('plans_this_year', 1),
        ('person_days_this_year', 2),
        ('budget_this_year', 3),
        ('plans_last_year', 4),
        ('person_days_last_year', 5),
        ('budget_last_year', 6)
    ) AS k (column_key, column_order)
)
SELECT
    document_id,
    'travel_summary' AS table_slug,
    row_key,
    column_key,
    CAST(amount AS NUMERIC(20, 4)) AS regenerated_value
FROM cells
-- cells a report leaves empty are not cells (the printed side reports them missing)
WHERE amount IS NOT NULL;
COMMENT ON VIEW cmp_travel_summary IS 'report_travel_summary unpivoted: (document, travel_summary, category, column, regenerated value); 上年度 cells are NULL (missing_in_view) unless the previous year''s unit budget is loaded.';
