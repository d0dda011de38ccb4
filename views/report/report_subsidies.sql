-- 補助經費分析表 (subsidies): every recipient row and every subtotal, recomputed from the recipient facts.
CREATE VIEW report_subsidies AS
WITH recipient_rows AS (
    SELECT
        document_id,
        work_plan_code,
        work_plan_name,
        program_no,
        program_name,
        recipient_no,
        recipient,
        page,
        line,
        current_personnel,
        current_operating,
        current_other,
        capital_land,
        capital_construction,
        capital_other,
        -- the row total is recomputed from its parts, never copied from the printed 合計
        COALESCE(current_personnel, 0) + COALESCE(current_operating, 0)
            + COALESCE(current_other, 0) + COALESCE(capital_land, 0)
            + COALESCE(capital_construction, 0) + COALESCE(capital_other, 0) AS row_total
    FROM stg_subsidies
),
rolled AS (
    -- Recipients and every level above them: 合計, work plan, programme.
    SELECT
        document_id,
        work_plan_code,
        program_no,
        recipient_no,
        GROUPING(work_plan_code) + GROUPING(program_no) + GROUPING(recipient_no) AS levels_up,
        MIN(work_plan_name) AS work_plan_name,
        MIN(program_name) AS program_name,
        MIN(recipient) AS recipient,
        -- printed order: a subtotal sits right before the first recipient under it
        MIN(page * 100000 + line) AS first_position,
        SUM(current_personnel) AS current_personnel,
        SUM(current_operating) AS current_operating,
        SUM(current_other) AS current_other,
        SUM(capital_land) AS capital_land,
        SUM(capital_construction) AS capital_construction,
        SUM(capital_other) AS capital_other,
        SUM(row_total) AS total
    FROM recipient_rows
    GROUP BY GROUPING SETS (
        (document_id),
        (document_id, work_plan_code),
        (document_id, work_plan_code, program_no),
        (document_id, work_plan_code, program_no, recipient_no)
    )
)
SELECT
    r.document_id,
    d.fiscal_year,
    d.agency_code,
    d.agency_name,
    CAST(ROW_NUMBER() OVER (
        PARTITION BY r.document_id ORDER BY r.first_position, r.levels_up DESC
    ) AS INTEGER) AS sort_key,
    CASE r.levels_up
        WHEN 3 THEN 'total'
        WHEN 2 THEN r.work_plan_code
        WHEN 1 THEN r.work_plan_code || '/' || CAST(r.program_no AS VARCHAR)
        ELSE r.work_plan_code || '/' || CAST(r.program_no AS VARCHAR) || '/'
            || CAST(r.recipient_no AS VARCHAR)
    END AS row_key,
    CAST(3 - r.levels_up AS INTEGER) AS row_level,
    -- a programme's printed number is its position in the work plan (numbers restart there)
    CASE WHEN r.levels_up = 1 THEN CAST(ROW_NUMBER() OVER (
        PARTITION BY r.document_id, r.work_plan_code, r.levels_up ORDER BY r.first_position
    ) AS INTEGER) END AS program_number,
    CASE r.levels_up
        WHEN 3 THEN '合計'
        WHEN 2 THEN r.work_plan_code || COALESCE(' ' || r.work_plan_name, '')
        WHEN 1 THEN '(' || CAST(r.program_no AS VARCHAR) || ')' || r.program_name
        ELSE '[' || CAST(r.recipient_no AS VARCHAR) || ']' || r.recipient
    END AS row_label,
    r.current_personnel,
    r.current_operating,
    r.current_other,
    r.capital_land,
    r.capital_construction,
    r.capital_other,
    r.total
FROM rolled AS r
JOIN stg_documents AS d ON d.document_id = r.document_id;
COMMENT ON VIEW report_subsidies IS '補助經費分析表 regenerated from core.subsidies: one row per [n] recipient (row_key work plan/(n)/[n]) and per subtotal (total, work plan, work plan/(n) programme), row_level 0 for 合計 to 3 for a recipient, program_number = the position of a programme in its work plan (which the printed number must equal), amounts in 千元; every subtotal and every row total is recomputed from the recipient rows.';
