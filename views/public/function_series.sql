-- Public view (warehouse API): one function amount per budget, account, fiscal year and stage.
CREATE VIEW function_series AS
SELECT
    account_code,
    account_name,
    account_name_folded,
    level,
    parent_code,
    fiscal_year,
    stage,
    budget_name,
    amount,
    document_id,
    source_column,
    statements
FROM stg_series_statements
WHERE subject = 'function' AND preference = 1;
COMMENT ON VIEW function_series IS 'Expenditure by function (歲出政事別預算表) per budget, account, fiscal year and stage (proposed, enacted, actual), amount in 千元; budgets kept apart. The document of that fiscal year wins, then the most recent one.';
COMMENT ON COLUMN function_series.level IS 'function, agency, work_plan or section.';
COMMENT ON COLUMN function_series.account_name_folded IS 'Name folded for searches across years (NFKC, 台 -> 臺, no spaces).';
COMMENT ON COLUMN function_series.statements IS 'How many loaded documents state this amount.';
