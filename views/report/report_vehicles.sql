-- 附屬表 7 公務車輛明細表 (vehicles): one row per vehicle and the 合計 row recomputed from them.
CREATE VIEW report_vehicles AS
WITH docs AS (
    SELECT document_id, fiscal_year, agency_code, agency_name
    FROM stg_documents
),
vehicle_rows AS (
    SELECT
        document_id,
        seq,
        CAST(seq AS VARCHAR) AS row_key,
        vehicle_type,
        vehicle_count,
        passengers,
        displacement_cc,
        fuel_litres,
        fuel_unit_price,
        fuel_amount,
        maintenance,
        other
    FROM stg_vehicles
),
totals AS (
    -- The 合計 row adds the quantities and amounts; counts, seats, engine sizes and unit
    -- prices are not added up in the print.
    SELECT
        document_id,
        MAX(seq) + 1 AS seq,
        'total' AS row_key,
        '合計' AS vehicle_type,
        CAST(NULL AS INTEGER) AS vehicle_count,
        CAST(NULL AS INTEGER) AS passengers,
        CAST(NULL AS INTEGER) AS displacement_cc,
        SUM(fuel_litres) AS fuel_litres,
        CAST(NULL AS NUMERIC(18, 2)) AS fuel_unit_price,
        SUM(fuel_amount) AS fuel_amount,
        SUM(maintenance) AS maintenance,
        SUM(other) AS other
    FROM vehicle_rows
    GROUP BY document_id
),
all_rows AS (
    SELECT * FROM vehicle_rows
    UNION ALL
    SELECT * FROM totals
)
SELECT
    r.document_id,
    d.fiscal_year,
    d.agency_code,
    d.agency_name,
    CAST(r.seq AS INTEGER) AS sort_key,
    r.row_key,
    r.vehicle_type AS row_label,
    r.vehicle_count,
    r.passengers,
    r.displacement_cc,
    r.fuel_litres,
    r.fuel_unit_price,
    r.fuel_amount,
    r.maintenance,
    r.other,
    -- identity check: fuel amount (千元) = litres x unit price (元) / 1000, rounded
    ROUND(CAST(r.fuel_litres * r.fuel_unit_price / 1000 AS NUMERIC(20, 4)), 0)
        AS fuel_amount_from_price
FROM all_rows AS r
JOIN docs AS d ON d.document_id = r.document_id;
COMMENT ON VIEW report_vehicles IS '公務車輛明細表 regenerated from vehicle facts: one row per vehicle (row_key = printed order) and the 合計 row (litres, fuel amount, upkeep and other summed); fuel in 公升 and 元, amounts in 千元; fuel_amount_from_price = litres x unit price / 1000 for checking the printed amount.';
