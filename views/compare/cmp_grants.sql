-- Comparison: report_grants unpivoted to one row per regenerated cell.
CREATE VIEW cmp_grants AS
SELECT document_id, 'grants' AS table_slug, row_key, 'current_personnel' AS column_key,
    CAST(current_personnel AS NUMERIC(20, 4)) AS regenerated_value
FROM report_grants
UNION ALL
SELECT document_id, 'grants', row_key, 'current_operating',
    CAST(current_operating AS NUMERIC(20, 4))
FROM report_grants
UNION ALL
SELECT document_id, 'grants', row_key, 'current_other', CAST(current_other AS NUMERIC(20, 4))
FROM report_grants
UNION ALL
SELECT document_id, 'grants', row_key, 'capital_construction',
    CAST(capital_construction AS NUMERIC(20, 4))
FROM report_grants
UNION ALL
SELECT document_id, 'grants', row_key, 'capital_other', CAST(capital_other AS NUMERIC(20, 4))
FROM report_grants
UNION ALL
SELECT document_id, 'grants', row_key, 'total', CAST(total AS NUMERIC(20, 4))
FROM report_grants
UNION ALL
-- only grant rows print a number
SELECT document_id, 'grants', row_key, 'grant_no', CAST(grant_no AS NUMERIC(20, 4))
FROM report_grants
WHERE grant_no IS NOT NULL;
COMMENT ON VIEW cmp_grants IS 'report_grants unpivoted: (document, grants, row_key, column_key, regenerated value).';
