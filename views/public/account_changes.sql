-- Public view (warehouse API): year-over-year change per account and stage.
CREATE VIEW account_changes AS
SELECT
    cur.account_code,
    cur.account_name,
    cur.level,
    cur.stage,
    cur.fiscal_year,
    cur.amount,
    prev.fiscal_year AS previous_fiscal_year,
    prev.amount AS previous_amount,
    cur.amount - prev.amount AS change,
    CASE
        WHEN prev.amount IS NULL OR prev.amount = 0 THEN NULL
        ELSE CAST(ROUND(CAST(cur.amount - prev.amount AS NUMERIC(20, 4)) * 100 / prev.amount, 2) AS NUMERIC(12, 2))
    END AS change_pct
FROM account_series AS cur
LEFT JOIN account_series AS prev
    ON prev.account_code = cur.account_code
    AND prev.stage = cur.stage
    AND prev.fiscal_year = cur.fiscal_year - 1;
COMMENT ON VIEW account_changes IS 'Change from the previous fiscal year per account and stage; change_pct in percent (NULL when the previous amount is missing or zero).';
