-- Staging: grants (捐助), one row per grant.
CREATE VIEW stg_grants AS
SELECT
    document_id,
    seq,
    grant_no,
    recipient_kind,
    object_class_code,
    work_plan_code,
    group_label,
    group_no,
    item_no,
    program_name,
    period,
    recipient,
    content,
    CAST(current_personnel AS BIGINT) AS current_personnel,
    CAST(current_operating AS BIGINT) AS current_operating,
    CAST(current_other AS BIGINT) AS current_other,
    CAST(capital_construction AS BIGINT) AS capital_construction,
    CAST(capital_other AS BIGINT) AS capital_other,
    CAST(total AS BIGINT) AS total,
    page,
    line
FROM core.grants;
