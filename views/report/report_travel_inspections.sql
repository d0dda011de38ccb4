-- 派員出國計畫預算類別表—考察、視察、訪問 (travel_inspections): one row per overseas inspection, supervision or visit plan, its total recomputed from the three travel costs.
CREATE VIEW report_travel_inspections AS
SELECT
    p.document_id,
    d.fiscal_year,
    d.agency_code,
    d.agency_name,
    CAST(ROW_NUMBER() OVER (PARTITION BY p.document_id ORDER BY p.plan_no) AS INTEGER) AS sort_key,
    p.plan_no AS row_key,
    p.plan_name AS row_label,
    p.category,
    p.field_code,
    p.destination,
    p.period,
    p.days,
    p.persons,
    p.transport,
    p.living,
    p.office,
    p.parts_total AS total,
    p.account_name
FROM stg_travel_plans AS p
JOIN stg_documents AS d ON d.document_id = p.document_id
WHERE p.table_slug = 'travel_inspections';
COMMENT ON VIEW report_travel_inspections IS '派員出國計畫預算類別表—考察、視察、訪問 regenerated from core.travel_plans (table_slug travel_inspections): one row per plan (row_key = plan number, category 考察 / 視察 / 訪問); 合計 = 交通費 + 生活費 + 辦公費 (千元).';
