-- Comparison: report_expenditure_by_agency unpivoted into (row_key, column_key, value) cells.
CREATE VIEW cmp_expenditure_by_agency AS
WITH cells AS (
    SELECT document_id, row_key, 'kuan' AS column_key, CAST(kuan AS NUMERIC(20, 4)) AS value
    FROM report_expenditure_by_agency
    UNION ALL
    SELECT document_id, row_key, 'xiang', CAST(xiang AS NUMERIC(20, 4))
    FROM report_expenditure_by_agency
    UNION ALL
    SELECT document_id, row_key, 'mu', CAST(mu AS NUMERIC(20, 4))
    FROM report_expenditure_by_agency
    UNION ALL
    SELECT document_id, row_key, 'jie', CAST(jie AS NUMERIC(20, 4))
    FROM report_expenditure_by_agency
    UNION ALL
    SELECT document_id, row_key, 'this_year', CAST(this_year AS NUMERIC(20, 4))
    FROM report_expenditure_by_agency
    UNION ALL
    SELECT document_id, row_key, 'last_year', CAST(last_year AS NUMERIC(20, 4))
    FROM report_expenditure_by_agency
    UNION ALL
    SELECT document_id, row_key, 'year_before_actual', CAST(year_before_actual AS NUMERIC(20, 4))
    FROM report_expenditure_by_agency
    UNION ALL
    SELECT document_id, row_key, 'change', CAST(change AS NUMERIC(20, 4))
    FROM report_expenditure_by_agency
)
SELECT
    document_id,
    'expenditure_by_agency' AS table_slug,
    row_key,
    column_key,
    value AS regenerated_value
FROM cells
-- positions and amounts a document does not state are not cells
WHERE value IS NOT NULL;
COMMENT ON VIEW cmp_expenditure_by_agency IS 'report_expenditure_by_agency as comparison cells: 款/項/目/節 positions, this_year, last_year, year_before_actual and change per account.';
