-- Comparison: report_vehicles unpivoted to one row per regenerated cell.
CREATE VIEW cmp_vehicles AS
WITH cells AS (
    SELECT document_id, row_key, 'count' AS column_key,
        CAST(vehicle_count AS NUMERIC(20, 4)) AS amount
    FROM report_vehicles
    UNION ALL
    SELECT document_id, row_key, 'passengers', CAST(passengers AS NUMERIC(20, 4))
    FROM report_vehicles
    UNION ALL
    SELECT document_id, row_key, 'displacement_cc', CAST(displacement_cc AS NUMERIC(20, 4))
    FROM report_vehicles
    UNION ALL
    SELECT document_id, row_key, 'fuel_litres', CAST(fuel_litres AS NUMERIC(20, 4))
    FROM report_vehicles
    UNION ALL
    SELECT document_id, row_key, 'fuel_unit_price', CAST(fuel_unit_price AS NUMERIC(20, 4))
    FROM report_vehicles
    UNION ALL
    SELECT document_id, row_key, 'fuel_amount', CAST(fuel_amount AS NUMERIC(20, 4))
    FROM report_vehicles
    UNION ALL
    SELECT document_id, row_key, 'maintenance', CAST(maintenance AS NUMERIC(20, 4))
    FROM report_vehicles
    UNION ALL
    SELECT document_id, row_key, 'other', CAST(other AS NUMERIC(20, 4))
    FROM report_vehicles
)
SELECT
    document_id,
    'vehicles' AS table_slug,
    row_key,
    column_key,
    amount AS regenerated_value
FROM cells
WHERE amount IS NOT NULL;
COMMENT ON VIEW cmp_vehicles IS 'report_vehicles unpivoted: (document, vehicles, row_key = printed order or total, column_key, regenerated value).';
