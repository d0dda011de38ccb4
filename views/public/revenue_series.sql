-- Public view (warehouse API): one revenue amount per budget, account, fiscal year and stage.
CREATE VIEW revenue_series AS
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
WHERE subject = 'revenue' AND preference = 1;
COMMENT ON VIEW revenue_series IS 'Revenue (歲入來源別預算表) per budget, account, fiscal year and stage (proposed, enacted, actual), amount in 千元; budgets kept apart. The document of that fiscal year wins, then the most recent one.';
COMMENT ON COLUMN revenue_series.level IS 'source, agency, item or sub_item.';
COMMENT ON COLUMN revenue_series.account_name_folded IS 'Name folded for searches across years (NFKC, 台 -> 臺, no spaces).';
COMMENT ON COLUMN revenue_series.statements IS 'How many loaded documents state this amount.';
