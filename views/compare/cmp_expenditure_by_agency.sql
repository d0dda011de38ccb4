-- Comparison: report_expenditure_by_agency unpivoted into (row_key, column_key, value) cells.
-- Unpivoted with one scan of the report (CROSS JOIN a list of column keys): a UNION ALL per
-- column would compute the report view once per column.
CREATE VIEW cmp_expenditure_by_agency AS
WITH cells AS (
    SELECT
        r.document_id,
        r.row_key,
        k.column_key,
        CASE k.column_key
            WHEN 'kuan' THEN r.kuan
            WHEN 'xiang' THEN r.xiang
            WHEN 'mu' THEN r.mu
            WHEN 'jie' THEN r.jie
            WHEN 'this_year' THEN r.this_year
            WHEN 'last_year' THEN r.last_year
            WHEN 'year_before_actual' THEN r.year_before_actual
            WHEN 'change' THEN r.change
        END AS amount
    FROM report_expenditure_by_agency AS r
    CROSS JOIN (VALUES
        ('kuan', 1),
        ('xiang', 2),
        ('mu', 3),
        ('jie', 4),
        ('this_year', 5),
        ('last_year', 6),
        ('year_before_actual', 7),
        ('change', 8)
    ) AS k (column_key, column_order)
)
SELECT
    document_id,
    'expenditure_by_agency' AS table_slug,
    row_key,
    column_key,
    CAST(amount AS NUMERIC(20, 4)) AS regenerated_value
FROM cells
-- cells a report leaves empty are not cells (the printed side reports them missing)
WHERE amount IS NOT NULL;
COMMENT ON VIEW cmp_expenditure_by_agency IS 'report_expenditure_by_agency as comparison cells: 款/項/目/節 positions, this_year, last_year, year_before_actual and change per account.';
