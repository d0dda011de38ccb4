-- Staging: every amount report_function_economic allocates, by functional class and economic
-- category (before the 總計 row and the side totals are added).
CREATE VIEW stg_function_economic_allocations AS
-- Everything but transfers: the mapped category is the column.
SELECT
    document_id,
    functional_code,
    COALESCE(economic_code, 'unmapped') AS economic_code,
    amount,
    rule,
    object_class_code AS source
FROM stg_line_item_economic
WHERE economic_code IS NULL OR economic_code <> 'transfer'
UNION ALL
SELECT document_id, functional_code, economic_code, amount, rule, source
FROM stg_capital_portion_moves
UNION ALL
SELECT document_id, functional_code, economic_code, amount, rule, source
FROM stg_transfer_allocations
UNION ALL
-- Transfer line items the grants and subsidies do not account for (no such table, or sums
-- that differ): kept visible in their own column instead of being spread on a guess.
SELECT
    t.document_id,
    t.functional_code,
    'current.transfer.not_in_grants',
    t.amount - COALESCE(g.amount, 0),
    'object_class 4000: transfer line items not matched by grants',
    'line items'
FROM (
    SELECT document_id, functional_code, SUM(amount) AS amount
    FROM stg_line_item_economic
    WHERE economic_code = 'transfer'
    GROUP BY document_id, functional_code
) AS t
LEFT JOIN (
    SELECT document_id, functional_code, SUM(amount) AS amount
    FROM stg_transfer_allocations
    GROUP BY document_id, functional_code
) AS g ON g.document_id = t.document_id AND g.functional_code = t.functional_code
WHERE t.amount <> COALESCE(g.amount, 0);
COMMENT ON VIEW stg_function_economic_allocations IS 'Every allocation of a document''s spending to a functional class and economic category: line items by their mapped category (stg_line_item_economic; ''unmapped'' when none), capital portions moved (stg_capital_portion_moves), transfers split by grants and subsidies (stg_transfer_allocations), and current.transfer.not_in_grants for transfer line items they do not account for; rule and source say why; amount in 千元.';
