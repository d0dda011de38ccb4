-- Comparison: report_premises unpivoted to one row per regenerated cell.
-- Unpivoted with one scan of the report (CROSS JOIN a list of column keys): a UNION ALL per
-- column would compute the report view once per column.
CREATE VIEW cmp_premises AS
WITH cells AS (
    SELECT
        r.document_id,
        r.row_key,
        k.column_key,
        CASE k.column_key
            WHEN 'owned_area' THEN r.owned_area
            WHEN 'owned_cost' THEN r.owned_cost
            WHEN 'owned_maintenance' THEN r.owned_maintenance
            WHEN 'free_loan_area' THEN r.free_loan_area
            WHEN 'free_loan_maintenance' THEN r.free_loan_maintenance
            WHEN 'rented_area' THEN r.rented_area
            WHEN 'rented_deposit' THEN r.rented_deposit
            WHEN 'rented_rent' THEN r.rented_rent
            WHEN 'rented_maintenance' THEN r.rented_maintenance
            WHEN 'total_area' THEN r.total_area
            WHEN 'total_deposit' THEN r.total_deposit
            WHEN 'total_rent' THEN r.total_rent
            WHEN 'total_maintenance' THEN r.total_maintenance
        END AS amount
    FROM report_premises AS r
    CROSS JOIN (VALUES
        ('owned_area', 1),
        ('owned_cost', 2),
        ('owned_maintenance', 3),
        ('free_loan_area', 4),
        ('free_loan_maintenance', 5),
        ('rented_area', 6),
        ('rented_deposit', 7),
        ('rented_rent', 8),
        ('rented_maintenance', 9),
        ('total_area', 10),
        ('total_deposit', 11),
        ('total_rent', 12),
        ('total_maintenance', 13)
    ) AS k (column_key, column_order)
)
SELECT
    document_id,
    'premises' AS table_slug,
    row_key,
    column_key,
    CAST(amount AS NUMERIC(20, 4)) AS regenerated_value
FROM cells
-- cells a report leaves empty are not cells (the printed side reports them missing)
WHERE amount IS NOT NULL;
COMMENT ON VIEW cmp_premises IS 'report_premises unpivoted: (document, premises, row_key = r<n> or total, column_key = <tenure>_<measure>, regenerated value).';
