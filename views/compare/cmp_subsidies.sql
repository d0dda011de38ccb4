-- Comparison: report_subsidies unpivoted to one row per regenerated cell (one scan of the report).
CREATE VIEW cmp_subsidies AS
WITH cells AS (
    SELECT
        r.document_id,
        r.row_key,
        k.column_key,
        CASE k.column_key
            WHEN 'current_personnel' THEN r.current_personnel
            WHEN 'current_operating' THEN r.current_operating
            WHEN 'current_other' THEN r.current_other
            WHEN 'capital_land' THEN r.capital_land
            WHEN 'capital_construction' THEN r.capital_construction
            WHEN 'capital_other' THEN r.capital_other
            WHEN 'total' THEN r.total
            WHEN 'program_number' THEN r.program_number
        END AS amount
    FROM report_subsidies AS r
    CROSS JOIN (VALUES
        ('current_personnel', 1),
        ('current_operating', 2),
        ('current_other', 3),
        ('capital_land', 4),
        ('capital_construction', 5),
        ('capital_other', 6),
        ('total', 7),
        ('program_number', 8)
    ) AS k (column_key, column_order)
)
SELECT
    document_id,
    'subsidies' AS table_slug,
    row_key,
    column_key,
    CAST(amount AS NUMERIC(20, 4)) AS regenerated_value
FROM cells
-- cells a report leaves empty are not cells (the printed side reports them missing)
WHERE amount IS NOT NULL;
COMMENT ON VIEW cmp_subsidies IS 'report_subsidies unpivoted: (document, subsidies, row_key, column_key, regenerated value).';
