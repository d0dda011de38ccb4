-- Staging: work plans of a unit budget.
CREATE VIEW stg_work_plans AS
SELECT
    document_id,
    work_plan_code,
    name AS work_plan_name,
    CAST(amount AS BIGINT) AS amount,
    content,
    expected_results,
    mu,
    page,
    line
FROM core.work_plans;
