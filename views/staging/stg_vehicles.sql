-- Staging: vehicles (公務車輛).
CREATE VIEW stg_vehicles AS
SELECT
    document_id,
    seq,
    vehicle_count,
    status,
    vehicle_type,
    passengers,
    acquired,
    displacement_cc,
    fuel_litres,
    fuel_unit_price,
    CAST(fuel_amount AS BIGINT) AS fuel_amount,
    CAST(maintenance AS BIGINT) AS maintenance,
    CAST(other AS BIGINT) AS other,
    remark,
    page,
    line
FROM core.vehicles;
