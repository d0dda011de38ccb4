-- 附屬表 9 捐助經費分析表 (grants): every grant row and every subtotal, recomputed from the grant facts.
CREATE VIEW report_grants AS
WITH docs AS (
    SELECT document_id, fiscal_year, agency_code, agency_name
    FROM stg_documents
),
grant_rows AS (
    -- One row per grant. The (n) of its work plan group is part of the group key: one object
    -- class can list the same work plan twice (to companies, then to foundations).
    SELECT
        document_id,
        seq,
        grant_no,
        recipient_kind,
        object_class_code,
        CASE
            WHEN group_no IS NOT NULL THEN '(' || group_no || ')' || work_plan_code
            ELSE work_plan_code
        END AS group_key,
        group_label,
        item_no,
        program_name,
        -- grants are numbered 01, 02 … in printed order, across the whole table or (books)
        -- from 01 in every work plan group: a number printed twice says which
        CASE
            WHEN MAX(restarts) OVER (PARTITION BY document_id) = 1 THEN group_position
            ELSE ROW_NUMBER() OVER (PARTITION BY document_id ORDER BY seq)
        END AS printed_position,
        current_personnel,
        current_operating,
        current_other,
        capital_construction,
        capital_other,
        COALESCE(current_personnel, 0) + COALESCE(current_operating, 0)
            + COALESCE(current_other, 0) + COALESCE(capital_construction, 0)
            + COALESCE(capital_other, 0) AS row_total
    FROM (
        SELECT
            g.*,
            ROW_NUMBER() OVER (
                PARTITION BY document_id, recipient_kind, object_class_code, group_no,
                    work_plan_code
                ORDER BY seq
            ) AS group_position,
            CASE
                WHEN COUNT(*) OVER (PARTITION BY document_id, grant_no) > 1 THEN 1 ELSE 0
            END AS restarts
        FROM stg_grants AS g
    ) AS numbered
),
rolled AS (
    -- Grants and every level of the hierarchy above them: 合計, kind, object class, work plan.
    SELECT
        document_id,
        recipient_kind,
        object_class_code,
        group_key,
        seq,
        MIN(grant_no) AS grant_no,
        GROUPING(recipient_kind) + GROUPING(object_class_code) + GROUPING(group_key)
            + GROUPING(seq) AS levels_up,
        MIN(seq) AS first_seq,
        MIN(group_label) AS group_label,
        MIN(item_no) AS item_no,
        MIN(program_name) AS program_name,
        MIN(printed_position) AS printed_position,
        SUM(current_personnel) AS current_personnel,
        SUM(current_operating) AS current_operating,
        SUM(current_other) AS current_other,
        SUM(capital_construction) AS capital_construction,
        SUM(capital_other) AS capital_other,
        SUM(row_total) AS total
    FROM grant_rows
    GROUP BY GROUPING SETS (
        (document_id),
        (document_id, recipient_kind),
        (document_id, recipient_kind, object_class_code),
        (document_id, recipient_kind, object_class_code, group_key),
        (document_id, recipient_kind, object_class_code, group_key, seq)
    )
),
keyed AS (
    SELECT
        r.*,
        CASE r.levels_up
            WHEN 4 THEN 'total'
            WHEN 3 THEN r.recipient_kind
            WHEN 2 THEN r.recipient_kind || '/' || r.object_class_code
            WHEN 1 THEN r.recipient_kind || '/' || r.object_class_code || '/' || r.group_key
            -- numbers restart per group in books: the number belongs to its group path
            ELSE r.recipient_kind || '/' || r.object_class_code || '/' || r.group_key
                || '/' || r.grant_no
        END AS row_key,
        CASE r.levels_up
            WHEN 4 THEN '合計'
            WHEN 3 THEN CASE r.recipient_kind
                WHEN 'group' THEN '對團體之捐助'
                WHEN 'individual' THEN '對個人之捐助'
                ELSE r.recipient_kind
            END
            WHEN 2 THEN r.object_class_code || COALESCE(' ' || oc.object_class_name, '')
            WHEN 1 THEN COALESCE(r.group_label, r.group_key)
            ELSE '[' || CAST(r.item_no AS VARCHAR) || ']' || r.program_name
        END AS row_label
    FROM rolled AS r
    LEFT JOIN stg_object_classes AS oc ON oc.object_class_code = r.object_class_code
)
SELECT
    k.document_id,
    d.fiscal_year,
    d.agency_code,
    d.agency_name,
    -- printed order: each subtotal comes right before the first grant under it
    CAST(ROW_NUMBER() OVER (
        PARTITION BY k.document_id ORDER BY k.first_seq, k.levels_up DESC
    ) AS INTEGER) AS sort_key,
    k.row_key,
    k.row_label,
    CASE WHEN k.levels_up = 0 THEN CAST(k.printed_position AS INTEGER) END AS grant_no,
    k.current_personnel,
    k.current_operating,
    k.current_other,
    k.capital_construction,
    k.capital_other,
    k.total
FROM keyed AS k
JOIN docs AS d ON d.document_id = k.document_id;
COMMENT ON VIEW report_grants IS '附屬表 9 捐助經費分析表 regenerated from core.grants: one row per grant (row_key = kind/class/(n)work plan/grant number; column grant_no = its position in printed order, in the table or, when numbers restart, in its work plan group, which the printed number must equal) and per subtotal (total, kind, kind/object class, kind/class/(n)work plan), amounts in 千元; every subtotal and every row total is recomputed from the grants.';
