-- Comparison: report_travel_mainland unpivoted to one row per regenerated cell.
CREATE VIEW cmp_travel_mainland AS
SELECT document_id, 'travel_mainland' AS table_slug, row_key, 'days' AS column_key,
    CAST(days AS NUMERIC(20, 4)) AS regenerated_value
FROM report_travel_mainland
UNION ALL
SELECT document_id, 'travel_mainland', row_key, 'persons', CAST(persons AS NUMERIC(20, 4))
FROM report_travel_mainland
UNION ALL
SELECT document_id, 'travel_mainland', row_key, 'transport', CAST(transport AS NUMERIC(20, 4))
FROM report_travel_mainland
UNION ALL
SELECT document_id, 'travel_mainland', row_key, 'living', CAST(living AS NUMERIC(20, 4))
FROM report_travel_mainland
UNION ALL
SELECT document_id, 'travel_mainland', row_key, 'office', CAST(office AS NUMERIC(20, 4))
FROM report_travel_mainland
UNION ALL
SELECT document_id, 'travel_mainland', row_key, 'total', CAST(total AS NUMERIC(20, 4))
FROM report_travel_mainland;
COMMENT ON VIEW cmp_travel_mainland IS 'report_travel_mainland unpivoted: (document, travel_mainland, plan number, column, regenerated value).';
