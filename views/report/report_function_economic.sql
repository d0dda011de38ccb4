-- 附屬表 13 歲出按職能及經濟性綜合分類表 (function_economic): line items, grants and subsidies allocated to functional rows and economic categories by the charts.
CREATE VIEW report_function_economic AS
WITH docs AS (
    SELECT document_id, fiscal_year, agency_code, agency_name
    FROM stg_documents
    WHERE document_id IN (SELECT document_id FROM stg_line_items)
),
printed_functions AS (
    -- The functional classes the document prints (codes and names are facts of the
    -- document, not amounts).
    SELECT document_id, functional_code, MIN(functional_name) AS functional_name
    FROM stg_function_economic_amounts
    GROUP BY document_id, functional_code
),
printed_count AS (
    SELECT document_id, COUNT(*) AS n, MIN(functional_code) AS only_code
    FROM printed_functions
    GROUP BY document_id
),
plans AS (
    SELECT document_id, work_plan_code FROM stg_line_items
    UNION
    SELECT document_id, work_plan_code FROM stg_grants
    UNION
    SELECT document_id, work_plan_code FROM stg_subsidies
),
plan_functions AS (
    -- A work plan's functional class: the document's one printed class when it prints one
    -- (all its spending is that function); otherwise the chart's class for the work plan's
    -- 政事別, the first two digits of its code; 'unclassified' when the chart has none.
    SELECT
        p.document_id,
        p.work_plan_code,
        CASE
            WHEN c.n = 1 THEN c.only_code
            ELSE COALESCE(pf.functional_code, 'unclassified')
        END AS functional_code
    FROM plans AS p
    LEFT JOIN printed_count AS c ON c.document_id = p.document_id
    LEFT JOIN stg_policy_functions AS pf ON pf.policy_code = SUBSTR(p.work_plan_code, 1, 2)
),
items AS (
    SELECT
        li.document_id,
        pf.functional_code,
        li.object_class_code,
        -- A class the chart lacks is still under the level-1 class of its first digit.
        COALESCE(
            oc.parent_object_class_code, SUBSTR(li.object_class_code, 1, 1) || '000'
        ) AS level1_code,
        sp.sub_plan_name,
        li.amount
    FROM stg_line_items AS li
    JOIN plan_functions AS pf
        ON pf.document_id = li.document_id AND pf.work_plan_code = li.work_plan_code
    LEFT JOIN stg_sub_plans AS sp
        ON sp.document_id = li.document_id AND sp.work_plan_code = li.work_plan_code
        AND sp.sub_plan_code = li.sub_plan_code
    LEFT JOIN stg_object_classes AS oc ON oc.object_class_code = li.object_class_code
),
item_mappings AS (
    -- The first mapping that applies: a rule for the class in a sub-plan so named
    -- (economic_rules capital_class), the class's own rule (economic_rules, then
    -- economic_mappings), its capital class (3000 series), then its level-1 class (2000,
    -- 4000, 5000, 6000).
    SELECT
        i.*,
        COALESCE(
            xs.economic_code, xr.economic_code, own.economic_code, cap.economic_code,
            parent.economic_code
        ) AS mapped_code,
        CASE
            WHEN xs.economic_code IS NOT NULL THEN 'capital_class in sub-plan ' || xs.pattern || ': ' || xs.rule
            WHEN xr.economic_code IS NOT NULL THEN 'object_class: ' || xr.rule
            WHEN own.economic_code IS NOT NULL THEN 'object_class: ' || own.rule
            WHEN cap.economic_code IS NOT NULL THEN 'capital_class: ' || cap.rule
            WHEN parent.economic_code IS NOT NULL THEN 'object_class ' || i.level1_code || ': ' || parent.rule
            ELSE 'no mapping for object class ' || i.object_class_code
        END AS rule
    FROM items AS i
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
        ON parent.source_kind = 'object_class' AND parent.source_code = i.level1_code
),
direct AS (
    -- Everything but transfers: the mapped category is the column.
    SELECT
        document_id,
        functional_code,
        COALESCE(mapped_code, 'unmapped') AS economic_code,
        amount,
        rule,
        object_class_code AS source
    FROM item_mappings
    WHERE mapped_code IS NULL OR mapped_code <> 'transfer'
),
portion_moves AS (
    -- A part of a current class the 說明 states as 資本支出 (stg_capital_portions) leaves the
    -- category its level-1 class maps to for the one economic_rules capital_portion names;
    -- 獎補助費 portions are not moved here: transfers take their sides from grants and
    -- subsidies, whose rows print 經常門 and 資本門.
    SELECT
        cp.document_id,
        pf.functional_code,
        m.economic_code,
        -cp.amount AS amount,
        'capital_portion ' || cp.level1_code || ': leaves ' || m.rule AS rule,
        cp.object_class_code AS source
    FROM stg_capital_portions AS cp
    JOIN stg_economic_rules AS x
        ON x.source_kind = 'capital_portion' AND x.source_code = cp.level1_code
    JOIN stg_economic_mappings AS m
        ON m.source_kind = 'object_class' AND m.source_code = cp.level1_code
    JOIN plan_functions AS pf
        ON pf.document_id = cp.document_id AND pf.work_plan_code = cp.work_plan_code
    WHERE cp.moves_to_capital
    UNION ALL
    SELECT
        cp.document_id,
        pf.functional_code,
        x.economic_code,
        cp.amount,
        'capital_portion ' || cp.level1_code || ': ' || x.rule,
        cp.object_class_code
    FROM stg_capital_portions AS cp
    JOIN stg_economic_rules AS x
        ON x.source_kind = 'capital_portion' AND x.source_code = cp.level1_code
    JOIN plan_functions AS pf
        ON pf.document_id = cp.document_id AND pf.work_plan_code = cp.work_plan_code
    WHERE cp.moves_to_capital
),
transfer_classes AS (
    -- Object classes whose line items are transfers (their level-1 class maps to 'transfer').
    SELECT source_code AS object_class_code FROM stg_economic_mappings
    WHERE source_kind = 'object_class' AND economic_code = 'transfer'
),
transfer_rows AS (
    -- The rows of the analysis tables that itemise transfers: grants (捐助, with their object
    -- class) and subsidies (補助, whose rows print none), with current and capital parts.
    SELECT
        g.document_id,
        g.work_plan_code,
        g.object_class_code,
        g.recipient,
        'grant ' || g.grant_no AS source,
        'g' || CAST(g.seq AS VARCHAR) AS row_id,
        COALESCE(g.current_personnel, 0) + COALESCE(g.current_operating, 0)
            + COALESCE(g.current_other, 0) AS current_amount,
        COALESCE(g.capital_construction, 0) + COALESCE(g.capital_other, 0) AS capital_amount
    FROM stg_grants AS g
    LEFT JOIN stg_object_classes AS oc ON oc.object_class_code = g.object_class_code
    WHERE g.object_class_code IN (SELECT object_class_code FROM transfer_classes)
        OR COALESCE(oc.parent_object_class_code, SUBSTR(g.object_class_code, 1, 1) || '000')
        IN (SELECT object_class_code FROM transfer_classes)
    UNION ALL
    SELECT
        s.document_id,
        s.work_plan_code,
        CAST(NULL AS VARCHAR),
        s.recipient,
        'subsidy ' || s.work_plan_code || '/' || CAST(s.program_no AS VARCHAR) || '/'
            || CAST(s.recipient_no AS VARCHAR),
        's' || s.work_plan_code || '/' || CAST(s.program_no AS VARCHAR) || '/'
            || CAST(s.recipient_no AS VARCHAR),
        COALESCE(s.current_personnel, 0) + COALESCE(s.current_operating, 0)
            + COALESCE(s.current_other, 0),
        COALESCE(s.capital_land, 0) + COALESCE(s.capital_construction, 0)
            + COALESCE(s.capital_other, 0)
    FROM stg_subsidies AS s
),
transfer_candidates AS (
    -- Every rule that could class a row: the seeded recipient rules (via their recipient
    -- class's mapping) and the chart's transfer rules of the row's class ('' any class).
    SELECT
        t.document_id, t.row_id, r.priority, m.economic_code,
        'grant_recipient ' || r.recipient_class || ': ' || m.rule AS rule
    FROM transfer_rows AS t
    JOIN stg_grant_recipient_rules AS r ON t.recipient LIKE '%' || r.pattern || '%'
    JOIN stg_economic_mappings AS m
        ON m.source_kind = 'grant_recipient' AND m.source_code = r.recipient_class
    UNION ALL
    SELECT
        t.document_id, t.row_id, x.priority, x.economic_code,
        'transfer_rule ' || COALESCE(NULLIF(x.source_code, ''), 'any class')
            || COALESCE(' ' || NULLIF(x.pattern, ''), '') || ': ' || x.rule
    FROM transfer_rows AS t
    JOIN stg_economic_rules AS x
        ON x.source_kind = 'transfer'
        AND (x.source_code = '' OR x.source_code = t.object_class_code)
        AND t.recipient LIKE '%' || x.pattern || '%'
),
transfer_choice AS (
    SELECT document_id, row_id, economic_code, rule
    FROM (
        SELECT
            c.*,
            ROW_NUMBER() OVER (
                PARTITION BY c.document_id, c.row_id ORDER BY c.priority, c.rule
            ) AS n
        FROM transfer_candidates AS c
    ) AS ranked
    WHERE n = 1
),
transfer_parts AS (
    SELECT t.document_id, t.work_plan_code, t.row_id, t.source, 'current' AS side,
        t.current_amount AS amount
    FROM transfer_rows AS t
    UNION ALL
    SELECT t.document_id, t.work_plan_code, t.row_id, t.source, 'capital', t.capital_amount
    FROM transfer_rows AS t
),
transfers AS (
    SELECT
        p.document_id,
        pf.functional_code,
        CASE
            WHEN c.economic_code IS NULL THEN p.side || '.transfer.unclassified'
            ELSE p.side || '.' || c.economic_code
        END AS economic_code,
        p.amount,
        COALESCE(c.rule, 'grant_recipient: no rule matches the recipient') AS rule,
        p.source
    FROM transfer_parts AS p
    JOIN plan_functions AS pf
        ON pf.document_id = p.document_id AND pf.work_plan_code = p.work_plan_code
    LEFT JOIN transfer_choice AS c ON c.document_id = p.document_id AND c.row_id = p.row_id
    WHERE p.amount <> 0
),
transfer_gap AS (
    -- Transfer line items the grants and subsidies do not account for (no such table, or
    -- sums that differ): kept visible in their own column instead of being spread on a guess.
    SELECT
        t.document_id,
        t.functional_code,
        'current.transfer.not_in_grants' AS economic_code,
        t.amount - COALESCE(g.amount, 0) AS amount,
        'object_class 4000: transfer line items not matched by grants' AS rule,
        'line items' AS source
    FROM (
        SELECT document_id, functional_code, SUM(amount) AS amount
        FROM item_mappings
        WHERE mapped_code = 'transfer'
        GROUP BY document_id, functional_code
    ) AS t
    LEFT JOIN (
        SELECT document_id, functional_code, SUM(amount) AS amount
        FROM transfers
        GROUP BY document_id, functional_code
    ) AS g ON g.document_id = t.document_id AND g.functional_code = t.functional_code
    WHERE t.amount <> COALESCE(g.amount, 0)
),
by_function AS (
    SELECT * FROM direct
    UNION ALL
    SELECT * FROM portion_moves
    UNION ALL
    SELECT * FROM transfers
    UNION ALL
    SELECT * FROM transfer_gap
),
allocations AS (
    -- Each allocation counts in its functional row and in 總計.
    SELECT document_id, functional_code AS row_key, economic_code, amount, rule, source
    FROM by_function
    UNION ALL
    SELECT document_id, 'total', economic_code, amount, rule, source
    FROM by_function
),
leaf_cells AS (
    SELECT
        document_id,
        row_key,
        economic_code,
        SUM(amount) AS amount,
        STRING_AGG(DISTINCT rule, ' | ' ORDER BY rule) AS rule,
        STRING_AGG(DISTINCT source, ', ' ORDER BY source) AS sources
    FROM allocations
    GROUP BY document_id, row_key, economic_code
),
side_cells AS (
    -- 經常支出合計, 資本支出合計 and 總計: every allocation of the side (or of both).
    SELECT
        document_id,
        row_key,
        CASE WHEN economic_code LIKE 'current.%' THEN 'current.total' ELSE 'capital.total' END
            AS economic_code,
        SUM(amount) AS amount,
        'sum of the side' AS rule,
        CAST(NULL AS VARCHAR) AS sources
    FROM allocations
    GROUP BY document_id, row_key,
        CASE WHEN economic_code LIKE 'current.%' THEN 'current.total' ELSE 'capital.total' END
    UNION ALL
    SELECT document_id, row_key, 'total', SUM(amount), 'sum of current and capital', NULL
    FROM allocations
    GROUP BY document_id, row_key
),
row_keys AS (
    -- 總計, every functional class spending was allocated to, and every printed one.
    SELECT document_id, 'total' AS row_key, '總計' AS row_label, 1 AS row_sort
    FROM docs
    UNION ALL
    SELECT
        f.document_id,
        f.row_key,
        f.row_key || ' ' || COALESCE(MIN(p.functional_name), MIN(c.functional_name), ''),
        2
    FROM (
        SELECT document_id, functional_code AS row_key FROM by_function
        UNION
        SELECT document_id, functional_code FROM printed_functions
    ) AS f
    JOIN docs AS d ON d.document_id = f.document_id
    LEFT JOIN printed_functions AS p
        ON p.document_id = f.document_id AND p.functional_code = f.row_key
    LEFT JOIN stg_policy_functions AS c ON c.functional_code = f.row_key
    GROUP BY f.document_id, f.row_key
),
columns_ AS (
    -- The printed categories, plus any column the allocation produced outside the chart.
    SELECT r.document_id, r.row_key, e.economic_code, e.economic_name, e.sort_order
    FROM row_keys AS r
    CROSS JOIN stg_economic_classes AS e
    UNION ALL
    SELECT l.document_id, l.row_key, l.economic_code, l.economic_code, 1000
    FROM leaf_cells AS l
    WHERE l.economic_code NOT IN (SELECT economic_code FROM stg_economic_classes)
)
SELECT
    r.document_id,
    d.fiscal_year,
    d.agency_code,
    d.agency_name,
    CAST(r.row_sort AS INTEGER) AS sort_key,
    r.row_key,
    r.row_label,
    c.economic_code AS column_key,
    c.economic_name AS column_label,
    CAST(c.sort_order AS INTEGER) AS column_sort,
    COALESCE(l.amount, s.amount, 0) AS amount,
    COALESCE(l.rule, s.rule, 'nothing maps here') AS rule,
    l.sources
FROM row_keys AS r
JOIN docs AS d ON d.document_id = r.document_id
JOIN columns_ AS c ON c.document_id = r.document_id AND c.row_key = r.row_key
LEFT JOIN leaf_cells AS l
    ON l.document_id = c.document_id AND l.row_key = c.row_key
    AND l.economic_code = c.economic_code
LEFT JOIN side_cells AS s
    ON s.document_id = c.document_id AND s.row_key = c.row_key
    AND s.economic_code = c.economic_code;
COMMENT ON VIEW report_function_economic IS '歲出按職能及經濟性綜合分類表 regenerated from line items, grants and subsidies (never from the printed amounts): one row per functional row (總計 and each functional class: the document''s one printed class, or the class charts.POLICY_FUNCTIONS gives each work plan''s 政事別) x economic category; rule says which economic_mappings / economic_rules / grant_recipient_rules put the money there, sources lists the object classes, grants or subsidies. The document may allocate differently (e.g. part of 業務費 to 受僱人員報酬): the comparison shows it.';
