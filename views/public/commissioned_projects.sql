-- Public view (warehouse API): commissioned projects (委辦), one row per project.
CREATE VIEW commissioned_projects AS
SELECT
    c.document_id,
    d.fiscal_year,
    d.agency_code,
    c.seq,
    c.work_plan_code,
    c.project_name,
    c.period,
    c.content,
    c.current_personnel,
    c.current_operating,
    c.current_other,
    c.capital_equipment,
    c.capital_other,
    c.total,
    c.page,
    c.line,
    d.unit_name,
    d.parent_document_id
FROM stg_commissioned_projects AS c
JOIN stg_documents AS d ON d.document_id = c.document_id;
COMMENT ON VIEW commissioned_projects IS 'Commissioned projects (委辦經費分析表), one row per project; amounts in 千元.';
