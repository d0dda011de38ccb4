-- Staging: this-year amounts of multi-year programmes stated in sub-plan 說明 (千元), with the
-- 跨年期計畫概況表 row each was matched to by name.
CREATE VIEW stg_multi_year_statements AS
SELECT
    document_id,
    statement_no,
    work_plan_code,
    sub_plan_code,
    plan_name,
    name_source,
    other_names,
    year_no,
    final_year,
    CAST(amount AS BIGINT) AS amount,
    CAST(allotted_amount AS BIGINT) AS allotted_amount,
    -- what the statement puts under this sub-plan's account: the part 分配本科目 when stated
    CAST(COALESCE(allotted_amount, amount) AS BIGINT) AS amount_here,
    multi_year_seq,
    match_score,
    phrase,
    page,
    line
FROM core.multi_year_statements;
