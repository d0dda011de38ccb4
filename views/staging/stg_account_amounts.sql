-- Staging: account amounts per fiscal year and stage, per source document.
CREATE VIEW stg_account_amounts AS
SELECT
    document_id,
    account_code,
    CAST(fiscal_year AS INTEGER) AS fiscal_year,
    stage,
    CAST(amount AS BIGINT) AS amount,
    source_column,
    page,
    line,
    sheet_row
FROM core.account_amounts;
