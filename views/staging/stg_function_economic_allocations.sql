-- Staging: every amount report_function_economic allocates, by functional class and economic
-- category (before the 總計 row and the side totals are added).
CREATE VIEW stg_function_economic_allocations AS
WITH pieces AS (
    -- Line items by their mapped category (transfer line items flagged: grants and subsidies
    -- split them), capital portions moved, and transfers split by grants and subsidies.
    SELECT
        document_id,
        work_plan_code,
        COALESCE(economic_code, 'unmapped') AS economic_code,
        amount,
        rule,
        object_class_code AS source,
        CASE WHEN economic_code = 'transfer' THEN 1 ELSE 0 END AS is_transfer_item,
        0 AS is_transfer
    FROM stg_line_item_economic
    UNION ALL
    SELECT document_id, work_plan_code, economic_code, amount, rule, source, 0, 0
    FROM stg_capital_portion_moves
    UNION ALL
    SELECT document_id, work_plan_code, economic_code, amount, rule, source, 0, 1
    FROM stg_transfer_allocations
),
placed AS (
    -- In the functional class of their work plan (joined once, here).
    SELECT p.*, pf.functional_code
    FROM pieces AS p
    JOIN stg_work_plan_functions AS pf
        ON pf.document_id = p.document_id AND pf.work_plan_code = p.work_plan_code
),
sums AS (
    -- Beside each piece, its functional class's transfer line items and split transfers
    -- (windows, not a second read of the pieces: one document reads only its own).
    SELECT
        p.*,
        SUM(CASE WHEN is_transfer_item = 1 THEN amount ELSE 0 END)
            OVER (PARTITION BY document_id, functional_code) AS transfer_items,
        SUM(CASE WHEN is_transfer = 1 THEN amount ELSE 0 END)
            OVER (PARTITION BY document_id, functional_code) AS transfers,
        ROW_NUMBER() OVER (
            PARTITION BY document_id, functional_code, is_transfer_item ORDER BY source
        ) AS n
    FROM placed AS p
)
-- Every piece but the transfer line items; in their place, once per functional class, the
-- transfer line items the grants and subsidies do not account for (no such table, or sums
-- that differ): kept visible in their own column instead of being spread on a guess.
SELECT
    document_id,
    functional_code,
    CASE WHEN is_transfer_item = 1 THEN 'current.transfer.not_in_grants' ELSE economic_code END
        AS economic_code,
    CASE WHEN is_transfer_item = 1 THEN transfer_items - transfers ELSE amount END AS amount,
    CASE
        WHEN is_transfer_item = 1
        THEN 'object_class 4000: transfer line items not matched by grants'
        ELSE rule
    END AS rule,
    CASE WHEN is_transfer_item = 1 THEN 'line items' ELSE source END AS source
FROM sums
WHERE is_transfer_item = 0 OR (n = 1 AND transfer_items <> transfers);
COMMENT ON VIEW stg_function_economic_allocations IS 'Every allocation of a document''s spending to a functional class and economic category: line items by their mapped category (stg_line_item_economic; ''unmapped'' when none), capital portions moved (stg_capital_portion_moves), transfers split by grants and subsidies (stg_transfer_allocations), and current.transfer.not_in_grants for transfer line items they do not account for; rule and source say why; amount in 千元.';
