-- Staging: revenue accounts (歲入來源別預算表) as each document prints them, with their place.
CREATE VIEW stg_revenue_accounts AS
SELECT
    document_id,
    account_code,
    CAST(fiscal_year AS INTEGER) AS fiscal_year,
    name AS account_name,
    name_folded AS account_name_folded,
    level,
    kuan,
    xiang,
    mu,
    jie,
    parent_code,
    description,
    sheet_row,
    page,
    line
FROM core.revenue_accounts;
