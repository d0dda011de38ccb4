-- Comparison summary: per document and published table, how many cells matched.
CREATE VIEW table_comparison_summary AS
WITH docs AS (
    SELECT document_id, fiscal_year, agency_code, agency_name
    FROM stg_documents
    WHERE document_kind = 'unit_budget'
),
counts AS (
    SELECT
        document_id,
        table_slug,
        SUM(CASE WHEN status IN ('match', 'mismatch') THEN 1 ELSE 0 END) AS compared,
        SUM(CASE WHEN status = 'match' THEN 1 ELSE 0 END) AS matched,
        SUM(CASE WHEN status = 'mismatch' THEN 1 ELSE 0 END) AS mismatched,
        SUM(CASE WHEN status = 'missing_in_print' THEN 1 ELSE 0 END) AS missing_in_print,
        SUM(CASE WHEN status = 'missing_in_view' THEN 1 ELSE 0 END) AS missing_in_view,
        SUM(CASE WHEN source = 'printed' AND status <> 'missing_in_print' THEN 1 ELSE 0 END) AS printed_cells
    FROM table_comparison
    GROUP BY document_id, table_slug
)
SELECT
    d.document_id,
    d.fiscal_year,
    d.agency_code,
    d.agency_name,
    c.table_order,
    c.table_slug,
    c.table_number,
    c.table_title,
    COALESCE(n.printed_cells, 0) > 0 AS printed,
    COALESCE(n.compared, 0) AS compared,
    COALESCE(n.matched, 0) AS matched,
    COALESCE(n.mismatched, 0) AS mismatched,
    COALESCE(n.missing_in_print, 0) AS missing_in_print,
    COALESCE(n.missing_in_view, 0) AS missing_in_view
FROM docs AS d
CROSS JOIN published_tables AS c
LEFT JOIN counts AS n ON n.document_id = d.document_id AND n.table_slug = c.table_slug;
COMMENT ON VIEW table_comparison_summary IS 'Per unit-budget document and published table: cells compared, matched, mismatched, missing in print or in the regenerated view; printed is false for a table the document does not print.';
