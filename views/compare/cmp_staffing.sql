-- Comparison: report_staffing unpivoted to one row per regenerated cell.
-- Unpivoted with one scan of the report (CROSS JOIN a list of column keys): a UNION ALL per
-- column would compute the report view once per column.
CREATE VIEW cmp_staffing AS
WITH cells AS (
    SELECT
        r.document_id,
        r.row_key,
        k.column_key,
        CASE k.column_key
            WHEN 'officials_this' THEN r.officials_this
            WHEN 'officials_last' THEN r.officials_last
            WHEN 'police_this' THEN r.police_this
            WHEN 'police_last' THEN r.police_last
            WHEN 'judicial_police_this' THEN r.judicial_police_this
            WHEN 'judicial_police_last' THEN r.judicial_police_last
            WHEN 'guards_this' THEN r.guards_this
            WHEN 'guards_last' THEN r.guards_last
            WHEN 'workers_this' THEN r.workers_this
            WHEN 'workers_last' THEN r.workers_last
            WHEN 'technicians_this' THEN r.technicians_this
            WHEN 'technicians_last' THEN r.technicians_last
            WHEN 'drivers_this' THEN r.drivers_this
            WHEN 'drivers_last' THEN r.drivers_last
            WHEN 'contract_this' THEN r.contract_this
            WHEN 'contract_last' THEN r.contract_last
            WHEN 'temporary_this' THEN r.temporary_this
            WHEN 'temporary_last' THEN r.temporary_last
            WHEN 'overseas_local_this' THEN r.overseas_local_this
            WHEN 'overseas_local_last' THEN r.overseas_local_last
            WHEN 'total_this' THEN r.total_this
            WHEN 'total_last' THEN r.total_last
            WHEN 'cost_this' THEN r.cost_this
            WHEN 'cost_last' THEN r.cost_last
            WHEN 'cost_change' THEN r.cost_change
        END AS amount
    FROM report_staffing AS r
    CROSS JOIN (VALUES
        ('officials_this', 1),
        ('officials_last', 2),
        ('police_this', 3),
        ('police_last', 4),
        ('judicial_police_this', 5),
        ('judicial_police_last', 6),
        ('guards_this', 7),
        ('guards_last', 8),
        ('workers_this', 9),
        ('workers_last', 10),
        ('technicians_this', 11),
        ('technicians_last', 12),
        ('drivers_this', 13),
        ('drivers_last', 14),
        ('contract_this', 15),
        ('contract_last', 16),
        ('temporary_this', 17),
        ('temporary_last', 18),
        ('overseas_local_this', 19),
        ('overseas_local_last', 20),
        ('total_this', 21),
        ('total_last', 22),
        ('cost_this', 23),
        ('cost_last', 24),
        ('cost_change', 25)
    ) AS k (column_key, column_order)
)
SELECT
    document_id,
    'staffing' AS table_slug,
    row_key,
    column_key,
    CAST(amount AS NUMERIC(20, 4)) AS regenerated_value
FROM cells
-- cells a report leaves empty are not cells (the printed side reports them missing)
WHERE amount IS NOT NULL;
COMMENT ON VIEW cmp_staffing IS 'report_staffing unpivoted: (document, staffing, row_key = account code, column_key = <category>_<this|last> or cost_this / cost_last / cost_change, regenerated value).';
