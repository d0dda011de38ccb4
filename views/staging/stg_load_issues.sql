-- Staging: load issues (warnings and gaps found while loading).
CREATE VIEW stg_load_issues AS
SELECT
    issue_id,
    document_id,
    severity,
    code AS issue_code,
    message,
    table_slug,
    page,
    line,
    sheet_row
FROM core.load_issues;
