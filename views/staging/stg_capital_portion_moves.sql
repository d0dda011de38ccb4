-- Staging: the capital portions rule of report_function_economic. A part of a current class
-- the 說明 states as 資本支出 (stg_capital_portions) leaves the category its level-1 class maps
-- to for the one economic_rules capital_portion names: two rows per portion, -amount and
-- +amount. 獎補助費 portions are not moved here: transfers take their sides from grants and
-- subsidies, whose rows print 經常門 and 資本門 (stg_transfer_allocations).
CREATE VIEW stg_capital_portion_moves AS
SELECT
    cp.document_id,
    cp.work_plan_code,
    CASE WHEN s.leaves = 1 THEN m.economic_code ELSE x.economic_code END AS economic_code,
    CASE WHEN s.leaves = 1 THEN -cp.amount ELSE cp.amount END AS amount,
    CASE
        WHEN s.leaves = 1 THEN 'capital_portion ' || cp.level1_code || ': leaves ' || m.rule
        ELSE 'capital_portion ' || cp.level1_code || ': ' || x.rule
    END AS rule,
    cp.object_class_code AS source
FROM stg_capital_portions AS cp
JOIN stg_economic_rules AS x
    ON x.source_kind = 'capital_portion' AND x.source_code = cp.level1_code
LEFT JOIN stg_economic_mappings AS m
    ON m.source_kind = 'object_class' AND m.source_code = cp.level1_code
-- One scan, two rows: the amount leaving (only from a mapped level-1 class) and arriving.
CROSS JOIN (VALUES (1), (0)) AS s (leaves)
WHERE cp.moves_to_capital AND (s.leaves = 0 OR m.economic_code IS NOT NULL);
COMMENT ON VIEW stg_capital_portion_moves IS 'Capital portions (資本支出 stated in a sub-plan''s 說明) moved between economic categories: for each portion of a current class with an economic_rules capital_portion rule, -amount from the category its level-1 class maps to (economic_mappings) and +amount to the rule''s capital category, by work plan; amount in 千元.';
