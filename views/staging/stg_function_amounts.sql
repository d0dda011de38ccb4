-- Staging: function amounts per fiscal year and stage, per source document, with the account as
-- that document prints it.
CREATE VIEW stg_function_amounts AS
SELECT
    am.document_id,
    am.account_code,
    ac.name AS account_name,
    ac.name_folded AS account_name_folded,
    ac.level,
    ac.parent_code,
    CAST(am.fiscal_year AS INTEGER) AS fiscal_year,
    am.stage,
    CAST(am.amount AS BIGINT) AS amount,
    am.source_column,
    am.sheet_row
FROM core.function_amounts AS am
JOIN core.function_accounts AS ac
    ON ac.document_id = am.document_id AND ac.account_code = am.account_code;
