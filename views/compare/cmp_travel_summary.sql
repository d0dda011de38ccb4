-- Comparison: report_travel_summary unpivoted to one row per regenerated cell.
CREATE VIEW cmp_travel_summary AS
SELECT document_id, 'travel_summary' AS table_slug, row_key, 'plans_this_year' AS column_key,
    CAST(plans_this_year AS NUMERIC(20, 4)) AS regenerated_value
FROM report_travel_summary
UNION ALL
SELECT document_id, 'travel_summary', row_key, 'person_days_this_year',
    CAST(person_days_this_year AS NUMERIC(20, 4))
FROM report_travel_summary
UNION ALL
SELECT document_id, 'travel_summary', row_key, 'budget_this_year',
    CAST(budget_this_year AS NUMERIC(20, 4))
FROM report_travel_summary
UNION ALL
SELECT document_id, 'travel_summary', row_key, 'plans_last_year',
    CAST(plans_last_year AS NUMERIC(20, 4))
FROM report_travel_summary
UNION ALL
SELECT document_id, 'travel_summary', row_key, 'person_days_last_year',
    CAST(person_days_last_year AS NUMERIC(20, 4))
FROM report_travel_summary
UNION ALL
SELECT document_id, 'travel_summary', row_key, 'budget_last_year',
    CAST(budget_last_year AS NUMERIC(20, 4))
FROM report_travel_summary;
COMMENT ON VIEW cmp_travel_summary IS 'report_travel_summary unpivoted: (document, travel_summary, category, column, regenerated value); 上年度 cells are NULL (missing_in_view) unless the previous year''s unit budget is loaded.';
