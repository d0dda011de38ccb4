-- Public view (warehouse API): where documents disagree on an account's amount (restatements).
CREATE VIEW account_conflicts AS
-- One CTE read twice: DuckDB computes the statements (and their moves) once, not per side.
WITH statements AS (
    SELECT * FROM account_statements
)
SELECT
    chosen.account_code,
    chosen.series_code,
    chosen.account_name,
    chosen.fiscal_year,
    chosen.stage,
    chosen.budget_name,
    chosen.amount AS chosen_amount,
    chosen.document_id AS chosen_document_id,
    chosen.file_name AS chosen_file,
    other.amount AS other_amount,
    other.document_id AS other_document_id,
    other.file_name AS other_file,
    other.source_column AS other_source_column,
    other.account_code AS other_account_code,
    other.amount - chosen.amount AS difference
FROM statements AS chosen
JOIN statements AS other
    ON other.series_code = chosen.series_code
    AND other.fiscal_year = chosen.fiscal_year
    AND other.stage = chosen.stage
    AND other.budget_name = chosen.budget_name
    AND other.preference > 1
WHERE chosen.preference = 1
  AND (other.amount <> chosen.amount
       OR (other.amount IS NULL) <> (chosen.amount IS NULL));
COMMENT ON VIEW account_conflicts IS 'Accounts whose amount for a year and stage differs between documents (e.g. 上年度預算數 restated after a reorganisation), including statements under an account''s old code (account_moves: other_account_code).';
