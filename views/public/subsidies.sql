-- Public view (warehouse API): subsidies (補助), one row per [n] recipient of an (n) programme.
CREATE VIEW subsidies AS
SELECT
    s.document_id,
    d.fiscal_year,
    d.agency_code,
    s.work_plan_code,
    s.work_plan_name,
    s.program_no,
    s.program_number,
    s.program_name,
    s.recipient_no,
    s.recipient,
    s.period,
    s.content,
    s.recipient_budget_year,
    s.current_personnel,
    s.current_operating,
    s.current_other,
    s.capital_land,
    s.capital_construction,
    s.capital_other,
    s.total,
    s.page,
    s.line,
    d.unit_name,
    d.parent_document_id
FROM stg_subsidies AS s
JOIN stg_documents AS d ON d.document_id = s.document_id;
COMMENT ON VIEW subsidies IS 'Subsidies (補助經費分析表), one row per recipient ([n]) of a programme ((n)) of a work plan; programme numbers restart per work plan; amounts in 千元.';
