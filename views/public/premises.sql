-- Public view (warehouse API): office premises by row and tenure.
CREATE VIEW premises AS
SELECT
    p.document_id,
    d.fiscal_year,
    d.agency_code,
    p.row_seq,
    p.use_label,
    p.tenure,
    p.units_text,
    p.area_m2,
    p.acquisition_cost,
    p.deposit,
    p.rent,
    p.maintenance,
    p.page,
    p.line,
    d.unit_name,
    d.parent_document_id
FROM stg_premises AS p
JOIN stg_documents AS d ON d.document_id = p.document_id;
COMMENT ON VIEW premises IS 'Office premises (現有辦公房舍明細表): area in 平方公尺, money in 千元, tenure owned / free_loan / rented.';
