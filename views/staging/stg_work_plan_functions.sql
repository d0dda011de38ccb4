-- Staging: the functional class (職能別) of each work plan a document spends on, for the
-- regenerated 歲出按職能及經濟性綜合分類表 (report_function_economic).
CREATE VIEW stg_work_plan_functions AS
SELECT
    p.document_id,
    p.work_plan_code,
    -- The document's one printed class when it prints one (all its spending is that
    -- function); otherwise the chart's class for the work plan's 政事別, the first two digits
    -- of its code; 'unclassified' when the chart has none.
    CASE
        WHEN c.n = 1 THEN c.only_code
        ELSE COALESCE(pf.functional_code, 'unclassified')
    END AS functional_code
FROM (
    SELECT document_id, work_plan_code FROM stg_line_items
    UNION
    SELECT document_id, work_plan_code FROM stg_grants
    UNION
    SELECT document_id, work_plan_code FROM stg_subsidies
) AS p
LEFT JOIN (
    -- The functional classes the document prints (codes are facts of the document, not
    -- amounts).
    SELECT document_id, COUNT(*) AS n, MIN(functional_code) AS only_code
    FROM (
        SELECT DISTINCT document_id, functional_code FROM stg_function_economic_amounts
    ) AS printed
    GROUP BY document_id
) AS c ON c.document_id = p.document_id
LEFT JOIN stg_policy_functions AS pf ON pf.policy_code = SUBSTR(p.work_plan_code, 1, 2);
COMMENT ON VIEW stg_work_plan_functions IS 'One row per document and work plan (工作計畫) with line items, grants or subsidies: its functional class (職能別), the document''s one printed class when it prints exactly one, else the class of its 政事別 (charts.POLICY_FUNCTIONS), else ''unclassified''.';
