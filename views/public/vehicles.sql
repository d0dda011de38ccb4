-- Public view (warehouse API): official vehicles, one row per printed vehicle line.
CREATE VIEW vehicles AS
SELECT
    v.document_id,
    d.fiscal_year,
    d.agency_code,
    v.seq,
    v.vehicle_count,
    v.status,
    v.vehicle_type,
    v.passengers,
    v.acquired,
    v.displacement_cc,
    v.fuel_litres,
    v.fuel_unit_price,
    v.fuel_amount,
    v.maintenance,
    v.other,
    v.remark,
    v.page,
    v.line,
    d.unit_name,
    d.parent_document_id
FROM stg_vehicles AS v
JOIN stg_documents AS d ON d.document_id = v.document_id;
COMMENT ON VIEW vehicles IS 'Official vehicles (公務車輛明細表); fuel in 公升 and 元, other amounts in 千元.';
