-- Comparison: report_legislative_resolutions as (row_key, item_no) cells.
CREATE VIEW cmp_legislative_resolutions AS
SELECT
    document_id,
    'legislative_resolutions' AS table_slug,
    row_key,
    'item_no' AS column_key,
    CAST(item_no AS NUMERIC(20, 4)) AS regenerated_value
FROM report_legislative_resolutions
WHERE item_no IS NOT NULL;
COMMENT ON VIEW cmp_legislative_resolutions IS 'report_legislative_resolutions as comparison cells: the (n) number each resolution should carry by its position.';
