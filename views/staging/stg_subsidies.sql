-- Staging: subsidies (補助經費分析表), one row per [n] recipient of an (n) programme.
CREATE VIEW stg_subsidies AS
SELECT
    document_id,
    work_plan_code,
    work_plan_name,
    program_no,
    program_number,
    program_name,
    recipient_no,
    recipient,
    period,
    content,
    recipient_budget_year,
    CAST(current_personnel AS BIGINT) AS current_personnel,
    CAST(current_operating AS BIGINT) AS current_operating,
    CAST(current_other AS BIGINT) AS current_other,
    CAST(capital_land AS BIGINT) AS capital_land,
    CAST(capital_construction AS BIGINT) AS capital_construction,
    CAST(capital_other AS BIGINT) AS capital_other,
    CAST(total AS BIGINT) AS total,
    page,
    line
FROM core.subsidies;
