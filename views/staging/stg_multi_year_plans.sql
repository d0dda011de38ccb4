-- Staging: multi-year programmes (跨年期計畫概況表), amounts in their printed unit (億元).
CREATE VIEW stg_multi_year_plans AS
SELECT
    document_id,
    seq,
    name AS plan_name,
    period,
    start_year,
    end_year,
    unit,
    CAST(total_cost AS NUMERIC(18, 4)) AS total_cost,
    CAST(prior_years AS NUMERIC(18, 4)) AS prior_years,
    CAST(last_year AS NUMERIC(18, 4)) AS last_year,
    CAST(this_year AS NUMERIC(18, 4)) AS this_year,
    CAST(later_years AS NUMERIC(18, 4)) AS later_years,
    note,
    page,
    line
FROM core.multi_year_plans;
