-- Comparison: report_staffing unpivoted to one row per regenerated cell.
CREATE VIEW cmp_staffing AS
WITH cells AS (
    SELECT document_id, row_key, 'officials_this' AS column_key, officials_this AS amount FROM report_staffing
    UNION ALL
    SELECT document_id, row_key, 'officials_last', officials_last FROM report_staffing
    UNION ALL
    SELECT document_id, row_key, 'police_this', police_this FROM report_staffing
    UNION ALL
    SELECT document_id, row_key, 'police_last', police_last FROM report_staffing
    UNION ALL
    SELECT document_id, row_key, 'judicial_police_this', judicial_police_this FROM report_staffing
    UNION ALL
    SELECT document_id, row_key, 'judicial_police_last', judicial_police_last FROM report_staffing
    UNION ALL
    SELECT document_id, row_key, 'guards_this', guards_this FROM report_staffing
    UNION ALL
    SELECT document_id, row_key, 'guards_last', guards_last FROM report_staffing
    UNION ALL
    SELECT document_id, row_key, 'workers_this', workers_this FROM report_staffing
    UNION ALL
    SELECT document_id, row_key, 'workers_last', workers_last FROM report_staffing
    UNION ALL
    SELECT document_id, row_key, 'technicians_this', technicians_this FROM report_staffing
    UNION ALL
    SELECT document_id, row_key, 'technicians_last', technicians_last FROM report_staffing
    UNION ALL
    SELECT document_id, row_key, 'drivers_this', drivers_this FROM report_staffing
    UNION ALL
    SELECT document_id, row_key, 'drivers_last', drivers_last FROM report_staffing
    UNION ALL
    SELECT document_id, row_key, 'contract_this', contract_this FROM report_staffing
    UNION ALL
    SELECT document_id, row_key, 'contract_last', contract_last FROM report_staffing
    UNION ALL
    SELECT document_id, row_key, 'temporary_this', temporary_this FROM report_staffing
    UNION ALL
    SELECT document_id, row_key, 'temporary_last', temporary_last FROM report_staffing
    UNION ALL
    SELECT document_id, row_key, 'overseas_local_this', overseas_local_this FROM report_staffing
    UNION ALL
    SELECT document_id, row_key, 'overseas_local_last', overseas_local_last FROM report_staffing
    UNION ALL
    SELECT document_id, row_key, 'total_this', total_this FROM report_staffing
    UNION ALL
    SELECT document_id, row_key, 'total_last', total_last FROM report_staffing
    UNION ALL
    SELECT document_id, row_key, 'cost_this', cost_this FROM report_staffing
    UNION ALL
    SELECT document_id, row_key, 'cost_last', cost_last FROM report_staffing
    UNION ALL
    SELECT document_id, row_key, 'cost_change', cost_change FROM report_staffing
)
SELECT
    document_id,
    'staffing' AS table_slug,
    row_key,
    column_key,
    CAST(amount AS NUMERIC(20, 4)) AS regenerated_value
FROM cells
WHERE amount IS NOT NULL;
COMMENT ON VIEW cmp_staffing IS 'report_staffing unpivoted: (document, staffing, row_key = account code, column_key = <category>_<this|last> or cost_this / cost_last / cost_change, regenerated value).';
