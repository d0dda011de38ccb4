-- Staging: commissioned projects (委辦).
CREATE VIEW stg_commissioned_projects AS
SELECT
    document_id,
    seq,
    work_plan_code,
    name AS project_name,
    period,
    content,
    CAST(current_personnel AS BIGINT) AS current_personnel,
    CAST(current_operating AS BIGINT) AS current_operating,
    CAST(current_other AS BIGINT) AS current_other,
    CAST(capital_equipment AS BIGINT) AS capital_equipment,
    CAST(capital_other AS BIGINT) AS capital_other,
    CAST(total AS BIGINT) AS total,
    page,
    line
FROM core.commissioned_projects;
