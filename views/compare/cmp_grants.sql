-- Comparison: report_grants unpivoted to one row per regenerated cell.
-- Unpivoted with one scan of the report (CROSS JOIN a list of column keys): a UNION ALL per
-- column would compute the report view once per column.
CREATE VIEW cmp_grants AS
WITH cells AS (
    SELECT
        r.document_id,
        r.row_key,
        k.column_key,
        CASE k.column_key
            WHEN 'current_personnel' THEN r.current_personnel
            WHEN 'current_operating' THEN r.current_operating
            WHEN 'current_other' THEN r.current_other
            WHEN 'capital_construction' THEN r.capital_construction
            WHEN 'capital_other' THEN r.capital_other
            WHEN 'total' THEN r.total
            WHEN 'grant_no' THEN r.grant_no
        END AS amount
    FROM report_grants AS r
    CROSS JOIN (VALUES
        ('current_personnel', 1),
        ('current_operating', 2),
        ('current_other', 3),
        ('capital_construction', 4),
        ('capital_other', 5),
        ('total', 6),
        ('grant_no', 7)
    ) AS k (column_key, column_order)
)
SELECT
    document_id,
    'grants' AS table_slug,
    row_key,
    column_key,
    CAST(amount AS NUMERIC(20, 4)) AS regenerated_value
FROM cells
-- cells a report leaves empty are not cells (the printed side reports them missing)
WHERE amount IS NOT NULL;
COMMENT ON VIEW cmp_grants IS 'report_grants unpivoted: (document, grants, row_key, column_key, regenerated value).';
