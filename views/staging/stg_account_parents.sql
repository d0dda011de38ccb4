-- Staging: the accounts above each work plan (工作計畫) or section (節) code, from the code itself
-- (DOMAIN.md §2): 政事別(2) 主管(2) 單位(2) 計畫(4). The one SQL copy of loaders/codes.py
-- (function_of, agency_of, ministry_of, work_plan_of): views read these columns instead of
-- cutting codes. section_work_plan_code is the 目 (work plan) of a 節 (3708012501 ->
-- 3708012500) and NULL for a code that is no 節 (last two digits 00).
CREATE VIEW stg_account_parents AS
SELECT
    work_plan_code,
    SUBSTR(work_plan_code, 1, 6) || '0000' AS function_code,
    '00' || SUBSTR(work_plan_code, 3, 4) || '0000' AS agency_code,
    '00' || SUBSTR(work_plan_code, 3, 2) || '000000' AS ministry_code,
    CASE WHEN SUBSTR(work_plan_code, 9, 2) <> '00'
        THEN SUBSTR(work_plan_code, 1, 8) || '00' END AS section_work_plan_code
FROM (
    SELECT work_plan_code FROM core.line_items
    UNION
    SELECT work_plan_code FROM core.work_plans
    UNION
    SELECT account_code FROM core.staffing_costs WHERE account_code NOT LIKE '%0000'
    UNION
    SELECT account_code FROM core.staffing WHERE account_code NOT LIKE '%0000'
) AS codes (work_plan_code);
