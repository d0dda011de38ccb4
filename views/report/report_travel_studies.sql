-- 派員出國計畫預算類別表—進修、研究、實習 (travel_studies): one row per overseas study, research or internship plan, its total recomputed from the three costs this table prints.
CREATE VIEW report_travel_studies AS
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
    p.living,
    p.airfare,
    p.study_fees,
    p.parts_total AS total,
    p.account_name
FROM stg_travel_plans AS p
JOIN stg_documents AS d ON d.document_id = p.document_id
WHERE p.table_slug = 'travel_studies';
COMMENT ON VIEW report_travel_studies IS '派員出國計畫預算類別表—進修、研究、實習 regenerated from core.travel_plans (table_slug travel_studies): one row per plan (row_key = plan number, category 進修 / 研究 / 實習); 合計 = 生活費 + 機票與出國手續費 + 書籍學雜等費 (千元).';
