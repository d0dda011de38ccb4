-- Public view (warehouse API): one function amount per budget, account, fiscal year and stage.
CREATE VIEW function_series AS
WITH ranked AS (
    SELECT
        am.account_code,
        am.account_name,
        am.account_name_folded,
        am.level,
        am.parent_code,
        am.fiscal_year,
        am.stage,
        d.budget_name,
        am.amount,
        am.document_id,
        am.source_column,
        COUNT(*) OVER (
            PARTITION BY d.budget_name, am.account_code, am.fiscal_year, am.stage
        ) AS statements,
        -- Same rule as account_series: the document of the amount's own fiscal year first,
        -- then the most recent document (restated figures).
        ROW_NUMBER() OVER (
            PARTITION BY d.budget_name, am.account_code, am.fiscal_year, am.stage
            ORDER BY
                CASE WHEN d.fiscal_year = am.fiscal_year THEN 0 ELSE 1 END,
                d.fiscal_year DESC,
                am.document_id DESC
        ) AS preference
    FROM stg_function_amounts AS am
    JOIN stg_documents AS d ON d.document_id = am.document_id
)
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
FROM ranked
WHERE preference = 1;
COMMENT ON VIEW function_series IS 'Expenditure by function (歲出政事別預算表) per budget, account, fiscal year and stage (proposed, enacted, actual), amount in 千元; budgets kept apart. The document of that fiscal year wins, then the most recent one.';
COMMENT ON COLUMN function_series.level IS 'function, agency, work_plan or section.';
COMMENT ON COLUMN function_series.account_name_folded IS 'Name folded for searches across years (NFKC, 台 -> 臺, no spaces).';
COMMENT ON COLUMN function_series.statements IS 'How many loaded documents state this amount.';
