-- Comparison: report_commissioned unpivoted to one row per regenerated cell.
CREATE VIEW cmp_commissioned AS
SELECT document_id, 'commissioned' AS table_slug, row_key, 'current_personnel' AS column_key,
    CAST(current_personnel AS NUMERIC(20, 4)) AS regenerated_value
FROM report_commissioned
UNION ALL
SELECT document_id, 'commissioned', row_key, 'current_operating',
    CAST(current_operating AS NUMERIC(20, 4))
FROM report_commissioned
UNION ALL
SELECT document_id, 'commissioned', row_key, 'current_other',
    CAST(current_other AS NUMERIC(20, 4))
FROM report_commissioned
UNION ALL
SELECT document_id, 'commissioned', row_key, 'capital_equipment',
    CAST(capital_equipment AS NUMERIC(20, 4))
FROM report_commissioned
UNION ALL
SELECT document_id, 'commissioned', row_key, 'capital_other',
    CAST(capital_other AS NUMERIC(20, 4))
FROM report_commissioned
UNION ALL
SELECT document_id, 'commissioned', row_key, 'total', CAST(total AS NUMERIC(20, 4))
FROM report_commissioned;
COMMENT ON VIEW cmp_commissioned IS 'report_commissioned unpivoted: (document, commissioned, row_key, column_key, regenerated value).';
