-- Comparison: report_travel_meetings unpivoted to one row per regenerated cell.
CREATE VIEW cmp_travel_meetings AS
SELECT document_id, 'travel_meetings' AS table_slug, row_key, 'days' AS column_key,
    CAST(days AS NUMERIC(20, 4)) AS regenerated_value
FROM report_travel_meetings
UNION ALL
SELECT document_id, 'travel_meetings', row_key, 'persons', CAST(persons AS NUMERIC(20, 4))
FROM report_travel_meetings
UNION ALL
SELECT document_id, 'travel_meetings', row_key, 'transport', CAST(transport AS NUMERIC(20, 4))
FROM report_travel_meetings
UNION ALL
SELECT document_id, 'travel_meetings', row_key, 'living', CAST(living AS NUMERIC(20, 4))
FROM report_travel_meetings
UNION ALL
SELECT document_id, 'travel_meetings', row_key, 'office', CAST(office AS NUMERIC(20, 4))
FROM report_travel_meetings
UNION ALL
SELECT document_id, 'travel_meetings', row_key, 'total', CAST(total AS NUMERIC(20, 4))
FROM report_travel_meetings;
COMMENT ON VIEW cmp_travel_meetings IS 'report_travel_meetings unpivoted: (document, travel_meetings, plan number, column, regenerated value).';
