-- Public view (warehouse API): grants (捐助), one row per grant.
CREATE VIEW grants AS
SELECT
    g.document_id,
    d.fiscal_year,
    d.agency_code,
    g.seq,
    g.grant_no,
    g.recipient_kind,
    g.object_class_code,
    g.work_plan_code,
    g.program_name,
    g.period,
    g.recipient,
    g.content,
    g.current_personnel,
    g.current_operating,
    g.current_other,
    g.capital_construction,
    g.capital_other,
    g.total AS amount,
    g.page,
    g.line,
    d.unit_name,
    d.parent_document_id
FROM stg_grants AS g
JOIN stg_documents AS d ON d.document_id = g.document_id;
COMMENT ON VIEW grants IS 'Grants (捐助經費分析表), one row per grant in printed order (seq, the key programs.links names; grant_no as printed restarts per work plan group in books); amounts in 千元 (amount = the grant''s total, 合計).';
