-- Staging: the rows of the analysis tables that itemise transfers (獎補助費), with their
-- current (經常門) and capital (資本門) parts: grants (捐助, with their object class) and
-- subsidies (補助, whose rows print none). Read by stg_transfer_allocations.
CREATE VIEW stg_transfer_rows AS
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
-- Grants of a transfer class (its level-1 class maps to 'transfer') only.
WHERE g.object_class_code IN (
        SELECT source_code FROM stg_economic_mappings
        WHERE source_kind = 'object_class' AND economic_code = 'transfer'
    )
    OR COALESCE(oc.parent_object_class_code, SUBSTR(g.object_class_code, 1, 1) || '000') IN (
        SELECT source_code FROM stg_economic_mappings
        WHERE source_kind = 'object_class' AND economic_code = 'transfer'
    )
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
FROM stg_subsidies AS s;
COMMENT ON VIEW stg_transfer_rows IS 'One row per grant (捐助) of a transfer object class and per subsidy (補助) recipient: row_id (g + grant seq, s + work plan/programme/recipient numbers) unique in its document, recipient, current_amount = 經常門 (personnel + operating + other), capital_amount = 資本門 (land + construction + other); 千元.';
