-- Public view (warehouse API): every warning and gap found while loading.
CREATE VIEW load_issues AS
SELECT
    i.document_id,
    d.file_name,
    i.severity,
    i.issue_code,
    i.table_slug,
    i.page,
    i.line,
    i.sheet_row,
    i.message
FROM stg_load_issues AS i
JOIN stg_documents AS d ON d.document_id = i.document_id;
COMMENT ON VIEW load_issues IS 'Warnings and gaps found while loading, with the document, table, page and line (or sheet row).';
