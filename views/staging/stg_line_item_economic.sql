-- Staging: each line item with the economic category (經濟性分類) the charts map its object
-- class to, for report_function_economic (stg_function_economic_allocations adds the
-- functional class).
CREATE VIEW stg_line_item_economic AS
SELECT
    i.document_id,
    i.work_plan_code,
    i.object_class_code,
    i.level1_code,
    i.amount,
    -- The first mapping that applies: a rule for the class in a sub-plan so named
    -- (economic_rules capital_class), the class's own rule (economic_rules, then
    -- economic_mappings), its capital class (3000 series), then its level-1 class (2000,
    -- 4000, 5000, 6000).
    COALESCE(
        xs.economic_code, xr.economic_code, own.economic_code, cap.economic_code,
        parent.economic_code
    ) AS economic_code,
    CASE
        WHEN xs.economic_code IS NOT NULL THEN 'capital_class in sub-plan ' || xs.pattern || ': ' || xs.rule
        WHEN xr.economic_code IS NOT NULL THEN 'object_class: ' || xr.rule
        WHEN own.economic_code IS NOT NULL THEN 'object_class: ' || own.rule
        WHEN cap.economic_code IS NOT NULL THEN 'capital_class: ' || cap.rule
        WHEN parent.economic_code IS NOT NULL THEN 'object_class ' || i.level1_code || ': ' || parent.rule
        ELSE 'no mapping for object class ' || i.object_class_code
    END AS rule
FROM (
    SELECT
        li.document_id,
        li.work_plan_code,
        li.object_class_code,
        -- A class the chart lacks is still under the level-1 class of its first digit.
        COALESCE(
            oc.parent_object_class_code, SUBSTR(li.object_class_code, 1, 1) || '000'
        ) AS level1_code,
        sp.sub_plan_name,
        li.amount
    FROM stg_line_items AS li
    LEFT JOIN stg_sub_plans AS sp
        ON sp.document_id = li.document_id AND sp.work_plan_code = li.work_plan_code
        AND sp.sub_plan_code = li.sub_plan_code
    LEFT JOIN stg_object_classes AS oc ON oc.object_class_code = li.object_class_code
) AS i
LEFT JOIN stg_economic_rules AS xs
    ON xs.source_kind = 'capital_class' AND xs.source_code = i.object_class_code
    AND i.sub_plan_name LIKE '%' || xs.pattern || '%'
LEFT JOIN stg_economic_rules AS xr
    ON xr.source_kind = 'object_class' AND xr.source_code = i.object_class_code
LEFT JOIN stg_economic_mappings AS own
    ON own.source_kind = 'object_class' AND own.source_code = i.object_class_code
LEFT JOIN stg_economic_mappings AS cap
    ON cap.source_kind = 'capital_class' AND cap.source_code = i.object_class_code
LEFT JOIN stg_economic_mappings AS parent
    ON parent.source_kind = 'object_class' AND parent.source_code = i.level1_code;
COMMENT ON VIEW stg_line_item_economic IS 'One row per line item: its work plan, its level-1 object class, and the economic category its object class maps to (economic_code NULL when no mapping applies; ''transfer'' for 獎補助費, which stg_transfer_allocations splits), with the rule that chose it; amount in 千元.';
