-- Staging: the one shape behind revenue_series and function_series. Every amount a document
-- states for a revenue (歲入來源別) or function (歲出政事別) account, fiscal year and stage,
-- with `subject` saying which, and the preference account_series uses: the document of the
-- amount's own fiscal year first, then the most recent document (restated figures). Only
-- documents of their own (no 附錄 unit of a book) state cross-document series.
CREATE VIEW stg_series_statements AS
WITH statements AS (
    SELECT 'revenue' AS subject, r.* FROM stg_revenue_amounts AS r
    UNION ALL
    SELECT 'function' AS subject, f.* FROM stg_function_amounts AS f
)
SELECT
    s.subject,
    s.account_code,
    s.account_name,
    s.account_name_folded,
    s.level,
    s.parent_code,
    s.fiscal_year,
    s.stage,
    d.budget_name,
    s.amount,
    s.document_id,
    s.source_column,
    COUNT(*) OVER (
        PARTITION BY s.subject, d.budget_name, s.account_code, s.fiscal_year, s.stage
    ) AS statements,
    ROW_NUMBER() OVER (
        PARTITION BY s.subject, d.budget_name, s.account_code, s.fiscal_year, s.stage
        ORDER BY
            CASE WHEN d.fiscal_year = s.fiscal_year THEN 0 ELSE 1 END,
            d.fiscal_year DESC,
            s.document_id DESC
    ) AS preference
FROM statements AS s
-- Not the 附錄 units (child documents): a unit's revenue is part of its book's 歲入來源別預算表,
-- which states the ministry's accounts (as account_statements does for 歲出).
JOIN stg_documents AS d ON d.document_id = s.document_id AND d.parent_document_id IS NULL;
