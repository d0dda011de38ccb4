-- Comparison: the whole-government expenditure total three ways, per budget, year and stage.
CREATE VIEW dgbas_total_checks AS
WITH by_agency AS (
    SELECT budget_name, fiscal_year, stage, SUM(amount) AS total
    FROM account_series
    WHERE level = 'ministry'
    GROUP BY budget_name, fiscal_year, stage
),
by_function AS (
    SELECT budget_name, fiscal_year, stage, SUM(amount) AS total
    FROM function_series
    WHERE parent_code IS NULL
    GROUP BY budget_name, fiscal_year, stage
),
slots AS (
    SELECT budget_name, fiscal_year, stage FROM by_agency
    UNION
    SELECT budget_name, fiscal_year, stage FROM by_function
)
SELECT
    s.budget_name,
    s.fiscal_year,
    s.stage,
    a.total AS agency_total,
    f.total AS function_total,
    f.total - a.total AS difference,
    -- Unknown, not false, while one of the two tables is missing: nothing was compared.
    CASE WHEN a.total IS NULL OR f.total IS NULL THEN NULL ELSE a.total = f.total END AS agrees
FROM slots AS s
LEFT JOIN by_agency AS a
    ON a.budget_name = s.budget_name AND a.fiscal_year = s.fiscal_year AND a.stage = s.stage
LEFT JOIN by_function AS f
    ON f.budget_name = s.budget_name AND f.fiscal_year = s.fiscal_year AND f.stage = s.stage
-- The key (fiscal_year, budget_name, stage in budget order) is unique: `SELECT *` prints the same
-- rows in the same order every run; a query that filters or joins should say its own ORDER BY.
ORDER BY
    s.fiscal_year,
    s.budget_name,
    CASE s.stage WHEN 'proposed' THEN 1 WHEN 'enacted' THEN 2 WHEN 'actual' THEN 3 ELSE 4 END;
COMMENT ON VIEW dgbas_total_checks IS 'Cross-table check per budget, fiscal year and stage: Σ 歲出機關別 (主管 rows) = Σ 歲出政事別 (top-level 政事 rows) = the budget''s total expenditure (千元). agrees is true or false only where both tables are loaded; NULL (with the missing table''s total NULL) while one is not. One row per (fiscal_year, budget_name, stage), listed in that order (proposed, enacted, actual); SQL keeps a view''s order only for a plain SELECT, so add ORDER BY fiscal_year, budget_name, stage to a query that filters or joins.';
