-- Comparison: every printed cell beside the value regenerated from facts (all published tables).
CREATE VIEW table_comparison AS
-- NOT MATERIALIZED: `printed` is read twice (the join and the anti-join). DuckDB materialised
-- it, buffering every printed cell (~950,000 rows at 1,000 documents): a batch's comparison
-- store spilled to disk under its memory limit (its summary 1.5 s of CPU instead of 1.0), and
-- one document's rows took twice as long (bench/README.md, round 6, branch r7-B).
WITH printed AS NOT MATERIALIZED (
    SELECT *
    FROM stg_printed_cells
    -- Only numeric cells are compared: a parsed value, or text made of number characters
    -- that did not parse (a damaged number such as 57,12). Names and notes are not compared.
    WHERE printed_value IS NOT NULL
       OR (TRIM(TRANSLATE(printed_text, '0123456789,.-()', '')) = ''
           AND TRANSLATE(printed_text, '0123456789', '') <> printed_text)
),
regenerated AS (
    SELECT r.*
    FROM regenerated_cells AS r
    -- only documents that print tables (unit budgets); DGBAS workbooks are compared below
    JOIN stg_documents AS d ON d.document_id = r.document_id AND d.document_kind = 'unit_budget'
),
-- Printed cells with their regenerated value (LEFT JOIN), then regenerated cells nobody
-- printed (anti-join). Two plain branches instead of a FULL JOIN keep document_id a plain
-- column, so a filter on one document reaches the base tables.
paired AS (
    SELECT
        p.document_id,
        p.table_slug,
        p.row_key,
        p.column_key,
        p.row_order,
        p.column_order,
        p.printed_text,
        p.printed_value,
        r.regenerated_value,
        CASE
            WHEN r.regenerated_value IS NULL THEN 'missing_in_view'
            WHEN p.printed_value = r.regenerated_value THEN 'match'
            ELSE 'mismatch'
        END AS status,
        'printed' AS source,
        p.page,
        p.line
    FROM printed AS p
    LEFT JOIN regenerated AS r
        ON r.document_id = p.document_id
        AND r.table_slug = p.table_slug
        AND r.row_key = p.row_key
        AND r.column_key = p.column_key
    UNION ALL
    SELECT
        r.document_id,
        r.table_slug,
        r.row_key,
        r.column_key,
        CAST(NULL AS INTEGER),
        CAST(NULL AS INTEGER),
        CAST(NULL AS VARCHAR),
        CAST(NULL AS NUMERIC(20, 4)),
        r.regenerated_value,
        'missing_in_print',
        'printed',
        CAST(NULL AS INTEGER),
        CAST(NULL AS INTEGER)
    FROM regenerated AS r
    WHERE NOT EXISTS (
        SELECT 1 FROM printed AS p
        WHERE p.document_id = r.document_id
          AND p.table_slug = r.table_slug
          AND p.row_key = r.row_key
          AND p.column_key = r.column_key
    )
),
-- A unit budget's own work-plan and agency amounts against the DGBAS workbooks' statement of
-- the same account, fiscal year and stage.
dgbas AS (
    SELECT
        ub.document_id,
        'expenditure_by_agency' AS table_slug,
        ub.account_code AS row_key,
        'dgbas:' || CAST(dg.document_id AS VARCHAR) || ':' || dg.source_column AS column_key,
        CAST(NULL AS INTEGER) AS row_order,
        CAST(NULL AS INTEGER) AS column_order,
        CAST(dg.amount AS VARCHAR) AS printed_text,
        CAST(dg.amount AS NUMERIC(20, 4)) AS printed_value,
        CAST(ub.amount AS NUMERIC(20, 4)) AS regenerated_value,
        CASE WHEN dg.amount = ub.amount THEN 'match' ELSE 'mismatch' END AS status,
        'dgbas' AS source,
        CAST(NULL AS INTEGER) AS page,
        dg.sheet_row AS line
    FROM stg_account_amounts AS ub
    -- books only: a 附錄 unit's amounts are a part of its book's, not the agency's account
    JOIN stg_documents AS ubd ON ubd.document_id = ub.document_id AND ubd.document_kind = 'unit_budget'
        AND ubd.parent_document_id IS NULL
    JOIN stg_account_amounts AS dg
        ON dg.account_code = ub.account_code
        AND dg.fiscal_year = ub.fiscal_year
        AND dg.stage = ub.stage
    JOIN stg_documents AS dgd ON dgd.document_id = dg.document_id AND dgd.document_kind = 'dgbas_expenditure'
),
everything AS (
    SELECT * FROM paired
    UNION ALL
    SELECT * FROM dgbas
)
SELECT
    e.document_id,
    d.fiscal_year,
    d.agency_code,
    d.agency_name,
    e.table_slug,
    e.row_key,
    e.column_key,
    e.row_order,
    e.column_order,
    e.printed_text,
    e.printed_value,
    e.regenerated_value,
    e.status,
    e.source,
    e.page,
    e.line
FROM everything AS e
JOIN stg_documents AS d ON d.document_id = e.document_id;
COMMENT ON VIEW table_comparison IS 'One row per printed cell (and per regenerated cell with no printed counterpart): printed value vs the value regenerated from normalized facts; status match, mismatch, missing_in_print or missing_in_view. source = printed (the document''s own table) or dgbas (the unit budget''s amount vs a DGBAS workbook). Printed - counts as zero.';
