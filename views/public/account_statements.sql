-- Public view (warehouse API): every statement of an account's amount, from every document.
CREATE VIEW account_statements AS
SELECT
    am.account_code,
    -- The code the account continues under after moves (account_moves); itself when none.
    COALESCE(sc.series_code, am.account_code) AS series_code,
    COALESCE(ac.account_name, nm.account_name) AS account_name,
    COALESCE(ac.level, nm.level) AS level,
    am.fiscal_year,
    am.stage,
    d.budget_name,
    am.amount,
    am.source_column,
    am.document_id,
    d.document_kind,
    d.fiscal_year AS document_fiscal_year,
    d.file_name,
    am.page,
    am.line,
    am.sheet_row,
    -- Rule for choosing one statement per account (series_code: a moved account's old and new
    -- codes compete), year and stage (see account_series):
    -- 1. the original statement: the document of the amount's own fiscal year;
    -- 2. a DGBAS whole-government workbook before a unit budget;
    -- 3. the most recent document (restated figures) before older ones.
    ROW_NUMBER() OVER (
        PARTITION BY d.budget_name, COALESCE(sc.series_code, am.account_code), am.fiscal_year,
            am.stage
        ORDER BY
            CASE WHEN d.fiscal_year = am.fiscal_year THEN 0 ELSE 1 END,
            CASE WHEN d.document_kind = 'dgbas_expenditure' THEN 0 ELSE 1 END,
            d.fiscal_year DESC,
            am.document_id DESC
    ) AS preference
FROM stg_account_amounts AS am
-- Not the 附錄 units (child documents): their amounts are part of their book's, which states
-- the agency's accounts; a unit's share of a work plan is no statement of the account.
JOIN stg_documents AS d ON d.document_id = am.document_id AND d.parent_document_id IS NULL
LEFT JOIN stg_account_series_codes AS sc
    ON sc.account_code = am.account_code
    AND d.fiscal_year < sc.before_fiscal_year
    AND d.fiscal_year >= sc.since_fiscal_year
LEFT JOIN stg_accounts AS ac
    ON ac.document_id = am.document_id AND ac.account_code = am.account_code
LEFT JOIN (
    SELECT account_code, MAX(account_name) AS account_name, MAX(level) AS level
    FROM stg_accounts
    GROUP BY account_code
) AS nm ON nm.account_code = am.account_code;
COMMENT ON VIEW account_statements IS 'Every amount any loaded document (not a book''s 附錄 units, whose amounts are part of the book''s) states for an account, fiscal year and stage; preference 1 is the statement account_series uses (per budget: a 特別預算 never competes with the 總預算; per series_code: an account printed under its old code in earlier documents competes with its new code, see account_moves).';
