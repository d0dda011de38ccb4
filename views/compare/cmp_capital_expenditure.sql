-- Comparison: report_capital_expenditure unpivoted to one row per regenerated cell.
CREATE VIEW cmp_capital_expenditure AS
WITH cells AS (
    SELECT document_id, row_key, 'land' AS column_key, land AS amount
    FROM report_capital_expenditure
    UNION ALL
    SELECT document_id, row_key, 'buildings', buildings FROM report_capital_expenditure
    UNION ALL
    SELECT document_id, row_key, 'public_works', public_works FROM report_capital_expenditure
    UNION ALL
    SELECT document_id, row_key, 'machinery', machinery FROM report_capital_expenditure
    UNION ALL
    SELECT document_id, row_key, 'transport', transport FROM report_capital_expenditure
    UNION ALL
    SELECT document_id, row_key, 'information', information FROM report_capital_expenditure
    UNION ALL
    SELECT document_id, row_key, 'miscellaneous', miscellaneous FROM report_capital_expenditure
    UNION ALL
    SELECT document_id, row_key, 'rights', rights FROM report_capital_expenditure
    UNION ALL
    SELECT document_id, row_key, 'investment', investment FROM report_capital_expenditure
    UNION ALL
    SELECT document_id, row_key, 'other_capital', other_capital FROM report_capital_expenditure
    UNION ALL
    SELECT document_id, row_key, 'total', total FROM report_capital_expenditure
)
SELECT
    document_id,
    'capital_expenditure' AS table_slug,
    row_key,
    column_key,
    CAST(amount AS NUMERIC(20, 4)) AS regenerated_value
FROM cells
-- the 主管 row prints no numbers: nothing to compare
WHERE amount IS NOT NULL;
COMMENT ON VIEW cmp_capital_expenditure IS 'report_capital_expenditure unpivoted: (document, capital_expenditure, row_key = account code, column_key, regenerated value).';
