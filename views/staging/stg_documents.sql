-- Staging: documents, renamed and cast (one row per loaded file).
CREATE VIEW stg_documents AS
SELECT
    -- An expression, not the bare column: DuckDB's DESCRIBE would otherwise show the table's
    -- nextval() default on every view that passes document_id through.
    document_id + 0 AS document_id,
    kind AS document_kind,
    file_name,
    sha256,
    encoding,
    agency_code,
    agency_name,
    CAST(fiscal_year AS INTEGER) AS fiscal_year,
    stage,
    budget_name,
    parser_version,
    loaded_at,
    page_count,
    line_count,
    parent_document_id,
    unit_name
FROM core.documents;
