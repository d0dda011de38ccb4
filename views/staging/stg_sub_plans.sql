-- Staging: sub-plans (分支計畫).
CREATE VIEW stg_sub_plans AS
SELECT
    document_id,
    work_plan_code,
    sub_plan_code,
    name AS sub_plan_name,
    CAST(amount AS BIGINT) AS amount,
    units_text,
    description,
    page,
    line
FROM core.sub_plans;
