-- Staging: the transfer allocation of report_function_economic. Each grant or subsidy row
-- (stg_transfer_rows) takes the economic category of the first rule that classes its
-- recipient; its current and capital parts go to that category's current.* and capital.*
-- columns.
CREATE VIEW stg_transfer_allocations AS
WITH rules AS (
    -- Every rule that can class a row: the seeded recipient rules (via their recipient
    -- class's mapping; any object class) and the chart's transfer rules of an object class
    -- ('' any class).
    SELECT
        '' AS source_code,
        r.pattern,
        r.priority,
        m.economic_code,
        'grant_recipient ' || r.recipient_class || ': ' || m.rule AS rule
    FROM stg_grant_recipient_rules AS r
    JOIN stg_economic_mappings AS m
        ON m.source_kind = 'grant_recipient' AND m.source_code = r.recipient_class
    UNION ALL
    SELECT
        x.source_code,
        x.pattern,
        x.priority,
        x.economic_code,
        'transfer_rule ' || COALESCE(NULLIF(x.source_code, ''), 'any class')
            || COALESCE(' ' || NULLIF(x.pattern, ''), '') || ': ' || x.rule
    FROM stg_economic_rules AS x
    WHERE x.source_kind = 'transfer'
),
ranked AS (
    -- Each row with the rules matching it, the lowest priority first (a row no rule matches
    -- is kept once, with none).
    SELECT
        t.document_id,
        t.work_plan_code,
        t.source,
        t.current_amount,
        t.capital_amount,
        r.economic_code,
        r.rule,
        ROW_NUMBER() OVER (
            PARTITION BY t.document_id, t.row_id ORDER BY r.priority, r.rule
        ) AS n
    FROM stg_transfer_rows AS t
    LEFT JOIN rules AS r
        ON (r.source_code = '' OR r.source_code = t.object_class_code)
        AND t.recipient LIKE '%' || r.pattern || '%'
)
SELECT
    c.document_id,
    c.work_plan_code,
    CASE
        WHEN c.economic_code IS NULL THEN s.side || '.transfer.unclassified'
        ELSE s.side || '.' || c.economic_code
    END AS economic_code,
    CASE WHEN s.side = 'current' THEN c.current_amount ELSE c.capital_amount END AS amount,
    COALESCE(c.rule, 'grant_recipient: no rule matches the recipient') AS rule,
    c.source
FROM ranked AS c
CROSS JOIN (VALUES ('current'), ('capital')) AS s (side)
WHERE c.n = 1
    AND CASE WHEN s.side = 'current' THEN c.current_amount ELSE c.capital_amount END <> 0;
COMMENT ON VIEW stg_transfer_allocations IS 'The current/capital split of transfers (補助 / 捐助): one row per grant or subsidy row and side with a non-zero amount, economic_code current.<category> or capital.<category> (the first grant_recipient_rules or economic_rules transfer rule matching the recipient, by priority; <side>.transfer.unclassified when none), the rule, source (grant no. or subsidy numbers) and its work plan; amount in 千元.';
