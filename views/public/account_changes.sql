-- Public view (warehouse API): year-over-year change per account, stage and budget, against
-- the previous year as the same document prints it (restated 上年度) when it does.
CREATE VIEW account_changes AS
SELECT
    cur.account_code,
    cur.series_code,
    cur.account_name,
    cur.level,
    cur.stage,
    cur.budget_name,
    cur.fiscal_year,
    cur.amount,
    cur.fiscal_year - 1 AS previous_fiscal_year,
    COALESCE(printed.amount, prev.amount) AS previous_amount,
    prev.amount AS previous_amount_original,
    CASE WHEN printed.amount IS NOT NULL THEN 'printed' WHEN prev.amount IS NOT NULL THEN 'series' END
        AS previous_source,
    (printed.amount IS NOT NULL AND prev.amount IS NOT NULL AND printed.amount <> prev.amount)
        AS restated,
    cur.amount - COALESCE(printed.amount, prev.amount) AS change,
    CASE
        WHEN COALESCE(printed.amount, prev.amount) IS NULL
            OR COALESCE(printed.amount, prev.amount) = 0 THEN NULL
        ELSE CAST(ROUND(CAST(cur.amount - COALESCE(printed.amount, prev.amount) AS NUMERIC(20, 4))
            * 100 / COALESCE(printed.amount, prev.amount), 2) AS NUMERIC(12, 2))
    END AS change_pct
FROM account_series AS cur
LEFT JOIN account_statements AS printed
    ON printed.document_id = cur.document_id
    AND printed.account_code = cur.account_code
    AND printed.stage = cur.stage
    AND printed.fiscal_year = cur.fiscal_year - 1
LEFT JOIN account_series AS prev
    ON prev.series_code = cur.series_code
    AND prev.stage = cur.stage
    AND prev.budget_name = cur.budget_name
    AND prev.fiscal_year = cur.fiscal_year - 1;
COMMENT ON VIEW account_changes IS 'Change from the previous fiscal year per account, stage and budget, in 千元 and percent. The previous amount is the one the same document prints (上年度預算數, restated after reorganisations) when it prints one, else the previous year''s own statement; restated marks rows where the two differ. change_pct is NULL when the previous amount is missing or zero.';
COMMENT ON COLUMN account_changes.previous_amount IS 'Previous year as the current document prints it (restated), else as account_series states it.';
COMMENT ON COLUMN account_changes.previous_amount_original IS 'Previous year as its own document (account_series) states it.';
COMMENT ON COLUMN account_changes.previous_source IS 'printed (the current document''s 上年度 column) or series (account_series).';
COMMENT ON COLUMN account_changes.restated IS 'True when the printed previous amount differs from the original statement.';
