-- Comparison: report_object_class_analysis unpivoted to one row per regenerated cell.
CREATE VIEW cmp_object_class_analysis AS
WITH cells AS (
    SELECT document_id, row_key, 'current_personnel' AS column_key, current_personnel AS amount
    FROM report_object_class_analysis
    UNION ALL
    SELECT document_id, row_key, 'current_operating', current_operating
    FROM report_object_class_analysis
    UNION ALL
    SELECT document_id, row_key, 'current_grants', current_grants
    FROM report_object_class_analysis
    UNION ALL
    SELECT document_id, row_key, 'current_debt', current_debt
    FROM report_object_class_analysis
    UNION ALL
    SELECT document_id, row_key, 'current_reserve', current_reserve
    FROM report_object_class_analysis
    UNION ALL
    SELECT document_id, row_key, 'current_subtotal', current_subtotal
    FROM report_object_class_analysis
    UNION ALL
    SELECT document_id, row_key, 'capital_operating', capital_operating
    FROM report_object_class_analysis
    UNION ALL
    SELECT document_id, row_key, 'capital_equipment', capital_equipment
    FROM report_object_class_analysis
    UNION ALL
    SELECT document_id, row_key, 'capital_grants', capital_grants
    FROM report_object_class_analysis
    UNION ALL
    SELECT document_id, row_key, 'capital_reserve', capital_reserve
    FROM report_object_class_analysis
    UNION ALL
    SELECT document_id, row_key, 'capital_subtotal', capital_subtotal
    FROM report_object_class_analysis
    UNION ALL
    SELECT document_id, row_key, 'total', total
    FROM report_object_class_analysis
)
SELECT
    document_id,
    'object_class_analysis' AS table_slug,
    row_key,
    column_key,
    CAST(amount AS NUMERIC(20, 4)) AS regenerated_value
FROM cells
-- the 主管 row prints no numbers: nothing to compare
WHERE amount IS NOT NULL;
COMMENT ON VIEW cmp_object_class_analysis IS 'report_object_class_analysis unpivoted: (document, object_class_analysis, row_key = account code, column_key, regenerated value).';
