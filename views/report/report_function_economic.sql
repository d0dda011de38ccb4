-- 附屬表 13 歲出按職能及經濟性綜合分類表 (function_economic): line items and grants allocated to economic categories by the mapping tables.
CREATE VIEW report_function_economic AS
WITH docs AS (
    SELECT document_id, fiscal_year, agency_code, agency_name
    FROM stg_documents
    WHERE document_id IN (SELECT document_id FROM stg_line_items)
),
items AS (
    SELECT
        li.document_id,
        li.work_plan_code,
        li.object_class_code,
        COALESCE(oc.parent_object_class_code, li.object_class_code) AS level1_code,
        li.expenditure_type,
        li.amount
    FROM stg_line_items AS li
    LEFT JOIN stg_object_classes AS oc ON oc.object_class_code = li.object_class_code
),
item_mappings AS (
    -- The first mapping that applies (economic_mappings): the class itself, then its capital
    -- class (3000 series), then its level-1 class (2000, 4000, 5000, 6000).
    SELECT
        i.*,
        COALESCE(own.economic_code, cap.economic_code, parent.economic_code) AS mapped_code,
        CASE
            WHEN own.economic_code IS NOT NULL THEN 'object_class: ' || own.rule
            WHEN cap.economic_code IS NOT NULL THEN 'capital_class: ' || cap.rule
            WHEN parent.economic_code IS NOT NULL THEN 'object_class ' || i.level1_code || ': ' || parent.rule
            ELSE 'no mapping for object class ' || i.object_class_code
        END AS rule
    FROM items AS i
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
        COALESCE(mapped_code, 'unmapped') AS economic_code,
        amount,
        rule,
        object_class_code AS source
    FROM item_mappings
    WHERE mapped_code IS NULL OR mapped_code <> 'transfer'
),
grant_kinds AS (
    -- Transfers go by who receives them: the grant's 捐助對象 against grant_recipient_rules
    -- (substring; the lowest priority number wins).
    SELECT
        g.document_id,
        g.grant_no,
        g.object_class_code,
        COALESCE(g.current_personnel, 0) + COALESCE(g.current_operating, 0)
            + COALESCE(g.current_other, 0) AS current_amount,
        COALESCE(g.capital_construction, 0) + COALESCE(g.capital_other, 0) AS capital_amount,
        (
            SELECT r.recipient_class
            FROM stg_grant_recipient_rules AS r
            WHERE g.recipient LIKE '%' || r.pattern || '%'
            ORDER BY r.priority, r.pattern
            LIMIT 1
        ) AS recipient_class
    FROM stg_grants AS g
    WHERE g.object_class_code IN (
        SELECT source_code FROM stg_economic_mappings
        WHERE source_kind = 'object_class' AND economic_code = 'transfer'
    )
    OR g.object_class_code IN (
        SELECT object_class_code FROM stg_object_classes
        WHERE parent_object_class_code IN (
            SELECT source_code FROM stg_economic_mappings
            WHERE source_kind = 'object_class' AND economic_code = 'transfer'
        )
    )
),
grant_parts AS (
    SELECT document_id, grant_no, recipient_class, 'current' AS side, current_amount AS amount
    FROM grant_kinds
    UNION ALL
    SELECT document_id, grant_no, recipient_class, 'capital', capital_amount
    FROM grant_kinds
),
transfers AS (
    SELECT
        p.document_id,
        CASE
            WHEN m.economic_code IS NULL THEN p.side || '.transfer.unclassified'
            ELSE p.side || '.' || m.economic_code
        END AS economic_code,
        p.amount,
        CASE
            WHEN m.economic_code IS NULL THEN 'grant_recipient: no rule matches the recipient'
            ELSE 'grant_recipient ' || p.recipient_class || ': ' || m.rule
        END AS rule,
        'grant ' || p.grant_no AS source
    FROM grant_parts AS p
    LEFT JOIN stg_economic_mappings AS m
        ON m.source_kind = 'grant_recipient' AND m.source_code = p.recipient_class
    WHERE p.amount <> 0
),
transfer_gap AS (
    -- Transfer line items the grants table does not account for (no grant table, or sums
    -- that differ): kept visible in their own column instead of being spread on a guess.
    SELECT
        t.document_id,
        'current.transfer.not_in_grants' AS economic_code,
        t.amount - COALESCE(g.amount, 0) AS amount,
        'object_class 4000: transfer line items not matched by grants' AS rule,
        'line items' AS source
    FROM (
        SELECT document_id, SUM(amount) AS amount
        FROM item_mappings
        WHERE mapped_code = 'transfer'
        GROUP BY document_id
    ) AS t
    LEFT JOIN (
        SELECT document_id, SUM(current_amount + capital_amount) AS amount
        FROM grant_kinds
        GROUP BY document_id
    ) AS g ON g.document_id = t.document_id
    WHERE t.amount <> COALESCE(g.amount, 0)
),
allocations AS (
    SELECT * FROM direct
    UNION ALL
    SELECT * FROM transfers
    UNION ALL
    SELECT * FROM transfer_gap
),
leaf_cells AS (
    SELECT
        document_id,
        economic_code,
        SUM(amount) AS amount,
        STRING_AGG(DISTINCT rule, ' | ' ORDER BY rule) AS rule,
        STRING_AGG(DISTINCT source, ', ' ORDER BY source) AS sources
    FROM allocations
    GROUP BY document_id, economic_code
),
side_cells AS (
    -- 經常支出合計, 資本支出合計 and 總計: every allocation of the side (or of both).
    SELECT
        document_id,
        CASE WHEN economic_code LIKE 'current.%' THEN 'current.total' ELSE 'capital.total' END
            AS economic_code,
        SUM(amount) AS amount,
        'sum of the side' AS rule,
        CAST(NULL AS VARCHAR) AS sources
    FROM allocations
    GROUP BY document_id,
        CASE WHEN economic_code LIKE 'current.%' THEN 'current.total' ELSE 'capital.total' END
    UNION ALL
    SELECT document_id, 'total', SUM(amount), 'sum of current and capital', NULL
    FROM allocations
    GROUP BY document_id
),
columns_ AS (
    -- The printed categories, plus any column the allocation produced outside the chart.
    SELECT d.document_id, e.economic_code, e.economic_name, e.sort_order
    FROM docs AS d
    CROSS JOIN stg_economic_classes AS e
    UNION ALL
    SELECT l.document_id, l.economic_code, l.economic_code, 1000
    FROM leaf_cells AS l
    WHERE l.economic_code NOT IN (SELECT economic_code FROM stg_economic_classes)
),
functions AS (
    -- The functional class is the document's own (a fact of the document, not an amount).
    -- All spending goes to it when the document has one; with several the rows stay empty.
    SELECT document_id, MIN(functional_code) AS functional_code,
        MIN(functional_name) AS functional_name, COUNT(DISTINCT functional_code) AS n
    FROM stg_function_economic_amounts
    GROUP BY document_id
),
row_keys AS (
    SELECT document_id, 'total' AS row_key, '總計' AS row_label, 1 AS row_sort, 1 AS allocated
    FROM docs
    UNION ALL
    SELECT f.document_id, f.functional_code, f.functional_code || ' ' || COALESCE(f.functional_name, ''),
        2, CASE WHEN f.n = 1 THEN 1 ELSE 0 END
    FROM functions AS f
    JOIN docs AS d ON d.document_id = f.document_id
),
cells AS (
    SELECT c.document_id, c.economic_code, c.economic_name, c.sort_order,
        COALESCE(l.amount, s.amount, 0) AS amount,
        COALESCE(l.rule, s.rule, 'nothing maps here') AS rule,
        l.sources
    FROM columns_ AS c
    LEFT JOIN leaf_cells AS l
        ON l.document_id = c.document_id AND l.economic_code = c.economic_code
    LEFT JOIN side_cells AS s
        ON s.document_id = c.document_id AND s.economic_code = c.economic_code
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
    CASE WHEN r.allocated = 1 THEN c.amount END AS amount,
    c.rule,
    c.sources
FROM row_keys AS r
JOIN docs AS d ON d.document_id = r.document_id
JOIN cells AS c ON c.document_id = r.document_id;
COMMENT ON VIEW report_function_economic IS '歲出按職能及經濟性綜合分類表 regenerated from line items and grants (never from the printed amounts): one row per functional row (總計 and the document''s functional class) x economic category; rule says which economic_mappings / grant_recipient_rules put the money there, sources lists the object classes or grants. The document may allocate differently (e.g. part of 業務費 to 受僱人員報酬): the comparison shows it.';
