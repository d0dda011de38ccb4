-- 跨年期計畫概況表 (multi_year_plans): each programme with its 經費需求總額 recomputed as the
-- sum of its yearly parts, in the unit printed (億元).
CREATE VIEW report_multi_year_plans AS
WITH docs AS (
    SELECT document_id, fiscal_year, agency_code, agency_name
    FROM stg_documents
)
SELECT
    p.document_id,
    d.fiscal_year,
    d.agency_code,
    d.agency_name,
    p.seq AS sort_key,
    CAST(p.seq AS VARCHAR) AS row_key,
    p.plan_name AS row_label,
    p.period,
    p.unit,
    COALESCE(p.prior_years, 0) + COALESCE(p.last_year, 0) + COALESCE(p.this_year, 0)
        + COALESCE(p.later_years, 0) AS total_cost,
    p.prior_years,
    p.last_year,
    p.this_year,
    p.later_years
FROM stg_multi_year_plans AS p
JOIN docs AS d ON d.document_id = p.document_id;
COMMENT ON VIEW report_multi_year_plans IS '跨年期計畫概況表 regenerated: one row per multi-year programme; total_cost is recomputed as prior_years + last_year + this_year + later_years; amounts in the unit column (億元 as printed), never 千元.';
