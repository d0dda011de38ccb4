-- 附屬表 14 委辦經費分析表 (commissioned): every commissioned program and the work plan and grand totals, recomputed from the program facts.
CREATE VIEW report_commissioned AS
WITH docs AS (
    SELECT document_id, fiscal_year, agency_code, agency_name
    FROM stg_documents
),
program_rows AS (
    SELECT
        p.document_id,
        p.seq,
        -- a program of a 節 is also counted in the work plan the 節 belongs to
        COALESCE(a.parent_code, p.work_plan_code) AS head_code,
        p.work_plan_code,
        -- books number programs from 1 in every (lowest) work plan, in printed order
        ROW_NUMBER() OVER (
            PARTITION BY p.document_id, p.work_plan_code ORDER BY p.seq
        ) AS program_no,
        p.project_name,
        p.current_personnel,
        p.current_operating,
        p.current_other,
        p.capital_equipment,
        p.capital_other,
        COALESCE(p.current_personnel, 0) + COALESCE(p.current_operating, 0)
            + COALESCE(p.current_other, 0) + COALESCE(p.capital_equipment, 0)
            + COALESCE(p.capital_other, 0) AS row_total
    FROM stg_commissioned_projects AS p
    LEFT JOIN stg_accounts AS a
        ON a.document_id = p.document_id
        AND a.account_code = p.work_plan_code
        AND a.level = 'section'
),
rolled AS (
    -- Programs, their 節, their work plans and the 合計 row.
    SELECT
        document_id,
        head_code,
        work_plan_code,
        seq,
        GROUPING(head_code) + GROUPING(work_plan_code) + GROUPING(seq) AS levels_up,
        MIN(seq) AS first_seq,
        MIN(program_no) AS program_no,
        MIN(project_name) AS project_name,
        SUM(current_personnel) AS current_personnel,
        SUM(current_operating) AS current_operating,
        SUM(current_other) AS current_other,
        SUM(capital_equipment) AS capital_equipment,
        SUM(capital_other) AS capital_other,
        SUM(row_total) AS total
    FROM program_rows
    GROUP BY GROUPING SETS (
        (document_id),
        (document_id, head_code),
        (document_id, head_code, work_plan_code),
        (document_id, head_code, work_plan_code, seq)
    )
),
printed AS (
    -- a work plan without 節 is one row, not a work plan row and a 節 row
    SELECT *
    FROM rolled
    WHERE NOT (levels_up = 1 AND work_plan_code = head_code)
)
SELECT
    r.document_id,
    d.fiscal_year,
    d.agency_code,
    d.agency_name,
    -- printed order: a work plan's subtotal comes right before its first program
    CAST(ROW_NUMBER() OVER (
        PARTITION BY r.document_id ORDER BY r.first_seq, r.levels_up DESC
    ) AS INTEGER) AS sort_key,
    CASE r.levels_up
        WHEN 3 THEN 'total'
        WHEN 2 THEN r.head_code
        WHEN 1 THEN r.work_plan_code
        ELSE r.work_plan_code || '/' || CAST(r.program_no AS VARCHAR)
    END AS row_key,
    CASE r.levels_up
        WHEN 3 THEN '合計'
        WHEN 2 THEN r.head_code || COALESCE(' ' || wp.work_plan_name, '')
        WHEN 1 THEN r.work_plan_code || COALESCE(' ' || wp.work_plan_name, '')
        ELSE '(' || CAST(r.program_no AS VARCHAR) || ')' || r.project_name
    END AS row_label,
    r.current_personnel,
    r.current_operating,
    r.current_other,
    r.capital_equipment,
    r.capital_other,
    r.total
FROM printed AS r
JOIN docs AS d ON d.document_id = r.document_id
LEFT JOIN stg_work_plans AS wp
    ON wp.document_id = r.document_id
    AND wp.work_plan_code = CASE r.levels_up WHEN 2 THEN r.head_code ELSE r.work_plan_code END
    AND r.levels_up IN (1, 2);
COMMENT ON VIEW report_commissioned IS '附屬表 14 委辦經費分析表 regenerated from core.commissioned_projects: one row per program (row_key = <lowest work plan code>/<number within it>), per work plan and per 節 (row_key = its code) and the 合計 row (total); amounts in 千元, every total recomputed from the programs.';
