-- 派員出國計畫預算類別表—開會、談判 (travel_meetings): one row per overseas meeting or negotiation plan, its total recomputed from the three travel costs.
CREATE VIEW report_travel_meetings AS
SELECT
    p.document_id,
    d.fiscal_year,
    d.agency_code,
    d.agency_name,
    CAST(ROW_NUMBER() OVER (PARTITION BY p.document_id ORDER BY p.plan_no) AS INTEGER) AS sort_key,
    p.plan_no AS row_key,
    p.plan_name AS row_label,
    p.meeting_kind,
    p.field_code,
    p.destination,
    p.days,
    p.persons,
    p.transport,
    p.living,
    p.office,
    p.parts_total AS total,
    p.account_name
FROM stg_travel_plans AS p
JOIN stg_documents AS d ON d.document_id = p.document_id
WHERE p.table_slug = 'travel_meetings';
COMMENT ON VIEW report_travel_meetings IS '派員出國計畫預算類別表—開會、談判 regenerated from core.travel_plans (table_slug travel_meetings): one row per plan (row_key = plan number); 合計 = 交通費 + 生活費 + 辦公費 (千元).';
