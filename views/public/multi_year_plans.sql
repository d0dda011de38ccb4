-- Public view (warehouse API): multi-year programmes (跨年期計畫概況表).
CREATE VIEW multi_year_plans AS
SELECT
    p.document_id,
    d.fiscal_year,
    d.agency_code,
    d.agency_name,
    p.seq,
    p.plan_name,
    p.period,
    p.start_year,
    p.end_year,
    p.unit,
    p.total_cost,
    p.prior_years,
    p.last_year,
    p.this_year,
    p.later_years,
    p.note,
    p.page,
    p.line,
    d.unit_name,
    d.parent_document_id
FROM stg_multi_year_plans AS p
JOIN stg_documents AS d ON d.document_id = p.document_id;
COMMENT ON VIEW multi_year_plans IS 'Multi-year programmes (跨年期計畫概況表): total cost and yearly parts in the unit column (億元 as printed; 1 億元 = 100,000 千元), never mixed with 千元 amounts.';
