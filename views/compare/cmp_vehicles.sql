-- Comparison: report_vehicles unpivoted to one row per regenerated cell.
-- Unpivoted with one scan of the report (CROSS JOIN a list of column keys): a UNION ALL per
-- column would compute the report view once per column.
CREATE VIEW cmp_vehicles AS
WITH cells AS (
    SELECT
        r.document_id,
        r.row_key,
        k.column_key,
        CASE k.column_key
            WHEN 'count' THEN r.vehicle_count
            WHEN 'passengers' THEN r.passengers
            WHEN 'displacement_cc' THEN r.displacement_cc
            WHEN 'fuel_litres' THEN r.fuel_litres
            WHEN 'fuel_unit_price' THEN r.fuel_unit_price
            WHEN 'fuel_amount' THEN r.fuel_amount
            WHEN 'maintenance' THEN r.maintenance
            WHEN 'other' THEN r.other
        END AS amount
    FROM report_vehicles AS r
    CROSS JOIN (VALUES
        ('count', 1),
        ('passengers', 2),
        ('displacement_cc', 3),
        ('fuel_litres', 4),
        ('fuel_unit_price', 5),
        ('fuel_amount', 6),
        ('maintenance', 7),
        ('other', 8)
    ) AS k (column_key, column_order)
)
SELECT
    document_id,
    'vehicles' AS table_slug,
    row_key,
    column_key,
    CAST(amount AS NUMERIC(20, 4)) AS regenerated_value
FROM cells
-- cells a report leaves empty are not cells (the printed side reports them missing)
WHERE amount IS NOT NULL;
COMMENT ON VIEW cmp_vehicles IS 'report_vehicles unpivoted: (document, vehicles, row_key = printed order or total, column_key, regenerated value).';
