-- Public view (warehouse API): accounts renumbered between years, as the series views follow them.
CREATE VIEW account_moves AS
SELECT
    m.from_code,
    m.to_code,
    (SELECT MAX(a.account_name) FROM stg_accounts AS a WHERE a.account_code = m.to_code)
        AS account_name,
    (SELECT MAX(a.level) FROM stg_accounts AS a WHERE a.account_code = m.to_code) AS level,
    m.from_fiscal_year,
    m.share,
    sc.series_code,
    CASE WHEN m.note LIKE 'detected:%' THEN 'detected' ELSE 'entered' END AS origin,
    m.note
FROM stg_account_moves AS m
LEFT JOIN stg_account_series_codes AS sc
    ON sc.account_code = m.from_code AND sc.before_fiscal_year = m.from_fiscal_year;
COMMENT ON VIEW account_moves IS 'Accounts continued under another code from a fiscal year on (a 主管, 機關 or 工作計畫 renumbered), one row per move. Detected from the loaded 歲出機關別預算表 workbooks (same level, same or nearly the same name, corresponding parent, the old code gone and the new one new in the next year''s workbook; refreshed after every load) or entered by hand. account_statements / account_series / account_conflicts / account_changes follow whole moves (share 1) through series_code.';
