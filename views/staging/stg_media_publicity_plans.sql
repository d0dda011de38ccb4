-- Staging: media and publicity spending per work plan as the printed table states it.
CREATE VIEW stg_media_publicity_plans AS
SELECT
    document_id,
    work_plan_code,
    name AS work_plan_name,
    CAST(amount AS BIGINT) AS amount,
    content,
    page,
    line
FROM core.media_publicity_plans;
