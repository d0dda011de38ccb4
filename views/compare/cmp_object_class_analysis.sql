-- Comparison: report_object_class_analysis unpivoted to one row per regenerated cell.
-- Unpivoted with one scan of the report (CROSS JOIN a list of column keys): a UNION ALL per
-- column would compute the report view once per column.
CREATE VIEW cmp_object_class_analysis AS
WITH cells AS (
    SELECT
        r.document_id,
        r.row_key,
        k.column_key,
        CASE k.column_key
            WHEN 'current_personnel' THEN r.current_personnel
            WHEN 'current_operating' THEN r.current_operating
            WHEN 'current_grants' THEN r.current_grants
            WHEN 'current_debt' THEN r.current_debt
            WHEN 'current_reserve' THEN r.current_reserve
            WHEN 'current_subtotal' THEN r.current_subtotal
            WHEN 'capital_operating' THEN r.capital_operating
            WHEN 'capital_equipment' THEN r.capital_equipment
            WHEN 'capital_grants' THEN r.capital_grants
            WHEN 'capital_reserve' THEN r.capital_reserve
            WHEN 'capital_subtotal' THEN r.capital_subtotal
            WHEN 'total' THEN r.total
        END AS amount
    FROM report_object_class_analysis AS r
    CROSS JOIN (VALUES
        ('current_personnel', 1),
        ('current_operating', 2),
        ('current_grants', 3),
        ('current_debt', 4),
        ('current_reserve', 5),
        ('current_subtotal', 6),
        ('capital_operating', 7),
        ('capital_equipment', 8),
        ('capital_grants', 9),
        ('capital_reserve', 10),
        ('capital_subtotal', 11),
        ('total', 12)
    ) AS k (column_key, column_order)
)
SELECT
    document_id,
    'object_class_analysis' AS table_slug,
    row_key,
    column_key,
    CAST(amount AS NUMERIC(20, 4)) AS regenerated_value
FROM cells
-- cells a report leaves empty are not cells (the printed side reports them missing)
WHERE amount IS NOT NULL;
COMMENT ON VIEW cmp_object_class_analysis IS 'report_object_class_analysis unpivoted: (document, object_class_analysis, row_key = account code, column_key, regenerated value).';
