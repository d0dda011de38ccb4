-- Staging: published cells exactly as printed (only comparison views read this).
CREATE VIEW stg_printed_cells AS
SELECT
    document_id,
    table_slug,
    row_key,
    column_key,
    row_order,
    column_order,
    text AS printed_text,
    value AS printed_value,
    page,
    line
FROM core.printed_cells;
