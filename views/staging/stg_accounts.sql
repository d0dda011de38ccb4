-- Staging: accounts of the budget hierarchy as each document prints them.
CREATE VIEW stg_accounts AS
SELECT
    document_id,
    account_code,
    fiscal_year,
    name AS account_name,
    name_folded AS account_name_folded,
    level,
    kuan,
    xiang,
    mu,
    jie,
    parent_code,
    description,
    page,
    line,
    sheet_row
FROM core.accounts;
