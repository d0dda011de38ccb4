-- Comparison: report_capital_expenditure unpivoted to one row per regenerated cell.
-- Unpivoted with one scan of the report (CROSS JOIN a list of column keys): a UNION ALL per
-- column would compute the report view once per column.
CREATE VIEW cmp_capital_expenditure AS
WITH cells AS (
    SELECT
        r.document_id,
        r.row_key,
        k.column_key,
        CASE k.column_key
            WHEN 'land' THEN r.land
            WHEN 'buildings' THEN r.buildings
            WHEN 'public_works' THEN r.public_works
            WHEN 'machinery' THEN r.machinery
            WHEN 'transport' THEN r.transport
            WHEN 'information' THEN r.information
            WHEN 'miscellaneous' THEN r.miscellaneous
            WHEN 'rights' THEN r.rights
            WHEN 'investment' THEN r.investment
            WHEN 'other_capital' THEN r.other_capital
            WHEN 'total' THEN r.total
        END AS amount
    FROM report_capital_expenditure AS r
    CROSS JOIN (VALUES
        ('land', 1),
        ('buildings', 2),
        ('public_works', 3),
        ('machinery', 4),
        ('transport', 5),
        ('information', 6),
        ('miscellaneous', 7),
        ('rights', 8),
        ('investment', 9),
        ('other_capital', 10),
        ('total', 11)
    ) AS k (column_key, column_order)
)
SELECT
    document_id,
    'capital_expenditure' AS table_slug,
    row_key,
    column_key,
    CAST(amount AS NUMERIC(20, 4)) AS regenerated_value
FROM cells
-- cells a report leaves empty are not cells (the printed side reports them missing)
WHERE amount IS NOT NULL;
COMMENT ON VIEW cmp_capital_expenditure IS 'report_capital_expenditure unpivoted: (document, capital_expenditure, row_key = account code, column_key, regenerated value).';
