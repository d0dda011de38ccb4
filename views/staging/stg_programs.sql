-- Staging: programs (計畫) named in 計畫內容 and costed in 說明.
CREATE VIEW stg_programs AS
SELECT
    document_id,
    program_seq,
    work_plan_code,
    sub_plan_code,
    content_no,
    name AS program_name,
    statement_no,
    statement_name,
    CAST(amount AS BIGINT) AS amount,
    CAST(media_amount AS BIGINT) AS media_amount,
    CAST(travel_amount AS BIGINT) AS travel_amount,
    page,
    line
FROM core.programs;
