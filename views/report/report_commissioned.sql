-- 附屬表 14 委辦經費分析表 (commissioned): every commissioned program and the work plan and grand totals, recomputed from the program facts.
CREATE VIEW report_commissioned AS
WITH docs AS (
    SELECT document_id, fiscal_year, agency_code, agency_name
    FROM stg_documents
),
program_rows AS (
    SELECT
        document_id,
        seq,
        work_plan_code,
        project_name,
        current_personnel,
        current_operating,
        current_other,
        capital_equipment,
        capital_other,
        COALESCE(current_personnel, 0) + COALESCE(current_operating, 0)
            + COALESCE(current_other, 0) + COALESCE(capital_equipment, 0)
            + COALESCE(capital_other, 0) AS row_total
    FROM stg_commissioned_projects
),
rolled AS (
    -- Programs, their work plans and the 合計 row.
    SELECT
        document_id,
        work_plan_code,
        seq,
        GROUPING(work_plan_code) + GROUPING(seq) AS levels_up,
        MIN(seq) AS first_seq,
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
        (document_id, work_plan_code),
        (document_id, work_plan_code, seq)
    )
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
        WHEN 2 THEN 'total'
        WHEN 1 THEN r.work_plan_code
        ELSE CAST(r.seq AS VARCHAR)
    END AS row_key,
    CASE r.levels_up
        WHEN 2 THEN '合計'
        WHEN 1 THEN r.work_plan_code || COALESCE(' ' || wp.work_plan_name, '')
        ELSE '(' || CAST(r.seq AS VARCHAR) || ')' || r.project_name
    END AS row_label,
    r.current_personnel,
    r.current_operating,
    r.current_other,
    r.capital_equipment,
    r.capital_other,
    r.total
FROM rolled AS r
JOIN docs AS d ON d.document_id = r.document_id
LEFT JOIN stg_work_plans AS wp
    ON wp.document_id = r.document_id AND wp.work_plan_code = r.work_plan_code AND r.levels_up = 1;
COMMENT ON VIEW report_commissioned IS '附屬表 14 委辦經費分析表 regenerated from core.commissioned_projects: one row per program (row_key = its number), per work plan (row_key = work plan code) and the 合計 row (total); amounts in 千元, every total recomputed from the programs.';
