-- Comparison: report_revenue_notes unpivoted to one row per regenerated cell.
CREATE VIEW cmp_revenue_notes AS
WITH cells AS (
    SELECT
        r.document_id,
        r.row_key,
        k.column_key,
        CASE k.column_key
            WHEN 'amount' THEN r.amount
            WHEN 'source' THEN r.source_amount
            WHEN 'agency' THEN r.agency_amount
            WHEN 'item' THEN r.item_amount
            WHEN 'sub_item' THEN r.sub_item_amount
        END AS value
    FROM report_revenue_notes AS r
    CROSS JOIN (
        VALUES ('amount'), ('source'), ('agency'), ('item'), ('sub_item')
    ) AS k (column_key)
)
SELECT
    document_id,
    'revenue_notes' AS table_slug,
    row_key,
    column_key,
    CAST(value AS NUMERIC(20, 4)) AS regenerated_value
FROM cells
WHERE value IS NOT NULL;
COMMENT ON VIEW cmp_revenue_notes IS 'report_revenue_notes as comparison cells (千元): row_key = the item''s revenue code, columns amount (預算金額) and source, agency, item, sub_item (the 金額 of its 款/項/目/節 rows).';
