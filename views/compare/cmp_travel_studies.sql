-- Comparison: report_travel_studies unpivoted to one row per regenerated cell.
-- Unpivoted with one scan of the report (CROSS JOIN a list of column keys): a UNION ALL per
-- column would compute the report view once per column.
CREATE VIEW cmp_travel_studies AS
WITH cells AS (
    SELECT
        r.document_id,
        r.row_key,
        k.column_key,
        CASE k.column_key
            WHEN 'days' THEN r.days
            WHEN 'persons' THEN r.persons
            WHEN 'living' THEN r.living
            WHEN 'airfare' THEN r.airfare
            WHEN 'study_fees' THEN r.study_fees
            WHEN 'total' THEN r.total
        END AS amount
    FROM report_travel_studies AS r
    CROSS JOIN (VALUES
        ('days', 1),
        ('persons', 2),
        ('living', 3),
        ('airfare', 4),
        ('study_fees', 5),
        ('total', 6)
    ) AS k (column_key, column_order)
)
SELECT
    document_id,
    'travel_studies' AS table_slug,
    row_key,
    column_key,
    CAST(amount AS NUMERIC(20, 4)) AS regenerated_value
FROM cells
-- cells a report leaves empty are not cells (the printed side reports them missing)
WHERE amount IS NOT NULL;
COMMENT ON VIEW cmp_travel_studies IS 'report_travel_studies unpivoted: (document, travel_studies, plan number, column, regenerated value).';
