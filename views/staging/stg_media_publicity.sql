-- Staging: media and publicity spending (媒體政策及業務宣導費) per sub-plan and source.
CREATE VIEW stg_media_publicity AS
SELECT
    document_id,
    work_plan_code,
    sub_plan_code,
    source,
    CAST(amount AS BIGINT) AS amount,
    page,
    line
FROM core.media_publicity;
