-- Public view (warehouse API): programs (計畫) with their grants and commissions totalled.
CREATE VIEW programs AS
SELECT
    p.document_id,
    d.fiscal_year,
    d.agency_code,
    p.program_seq,
    p.work_plan_code,
    p.sub_plan_code,
    p.content_no,
    p.program_name,
    p.statement_no,
    p.statement_name,
    p.amount,
    p.media_amount,
    p.travel_amount,
    (SELECT string_agg(l.target_kind || ':' || l.target_key || ' (' || l.link_method || ')', ', ' ORDER BY l.target_kind, l.target_key)
     FROM stg_program_links AS l
     WHERE l.document_id = p.document_id AND l.program_seq = p.program_seq) AS links,
    p.page,
    p.line,
    d.unit_name,
    d.parent_document_id
FROM stg_programs AS p
JOIN stg_documents AS d ON d.document_id = p.document_id;
COMMENT ON VIEW programs IS 'Programs (計畫) named in 計畫內容 and costed in sub-plan 說明; links lists the grants and commissioned projects matched to each and how.';
