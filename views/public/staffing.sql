-- Public view (warehouse API): budgeted headcount by account, category and year.
CREATE VIEW staffing AS
SELECT
    s.document_id,
    d.fiscal_year,
    d.agency_code,
    s.account_code,
    s.category,
    s.year_kind,
    s.headcount,
    s.page,
    s.line,
    d.unit_name,
    d.parent_document_id
FROM stg_staffing AS s
JOIN stg_documents AS d ON d.document_id = s.document_id;
COMMENT ON VIEW staffing IS 'Budgeted headcount (預算員額明細表) by account, category (職員, 聘用, 約僱 ...) and year_kind (this or last year).';
