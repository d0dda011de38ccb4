-- Staging: headcounts (預算員額) by account, category and year.
CREATE VIEW stg_staffing AS
SELECT
    document_id,
    account_code,
    category,
    year AS year_kind,
    headcount,
    page,
    line
FROM core.staffing;
