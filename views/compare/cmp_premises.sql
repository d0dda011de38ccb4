-- Comparison: report_premises unpivoted to one row per regenerated cell.
CREATE VIEW cmp_premises AS
WITH cells AS (
    SELECT document_id, row_key, 'owned_area' AS column_key, CAST(owned_area AS NUMERIC(20, 4)) AS amount
    FROM report_premises
    UNION ALL
    SELECT document_id, row_key, 'owned_cost', CAST(owned_cost AS NUMERIC(20, 4))
    FROM report_premises
    UNION ALL
    SELECT document_id, row_key, 'owned_maintenance', CAST(owned_maintenance AS NUMERIC(20, 4))
    FROM report_premises
    UNION ALL
    SELECT document_id, row_key, 'free_loan_area', CAST(free_loan_area AS NUMERIC(20, 4))
    FROM report_premises
    UNION ALL
    SELECT document_id, row_key, 'free_loan_maintenance', CAST(free_loan_maintenance AS NUMERIC(20, 4))
    FROM report_premises
    UNION ALL
    SELECT document_id, row_key, 'rented_area', CAST(rented_area AS NUMERIC(20, 4))
    FROM report_premises
    UNION ALL
    SELECT document_id, row_key, 'rented_deposit', CAST(rented_deposit AS NUMERIC(20, 4))
    FROM report_premises
    UNION ALL
    SELECT document_id, row_key, 'rented_rent', CAST(rented_rent AS NUMERIC(20, 4))
    FROM report_premises
    UNION ALL
    SELECT document_id, row_key, 'rented_maintenance', CAST(rented_maintenance AS NUMERIC(20, 4))
    FROM report_premises
    UNION ALL
    SELECT document_id, row_key, 'total_area', CAST(total_area AS NUMERIC(20, 4))
    FROM report_premises
    UNION ALL
    SELECT document_id, row_key, 'total_deposit', CAST(total_deposit AS NUMERIC(20, 4))
    FROM report_premises
    UNION ALL
    SELECT document_id, row_key, 'total_rent', CAST(total_rent AS NUMERIC(20, 4))
    FROM report_premises
    UNION ALL
    SELECT document_id, row_key, 'total_maintenance', CAST(total_maintenance AS NUMERIC(20, 4))
    FROM report_premises
)
SELECT
    document_id,
    'premises' AS table_slug,
    row_key,
    column_key,
    amount AS regenerated_value
FROM cells
-- a row of one half has no cells in the other half's columns
WHERE amount IS NOT NULL;
COMMENT ON VIEW cmp_premises IS 'report_premises unpivoted: (document, premises, row_key = r<n> or total, column_key = <tenure>_<measure>, regenerated value).';
