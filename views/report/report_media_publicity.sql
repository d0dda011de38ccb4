-- 附屬表 15 媒體政策及業務宣導費彙計表 (media_publicity): media and publicity spending per sub-plan and in total, from the sub-plan statements.
CREATE VIEW report_media_publicity AS
WITH docs AS (
    SELECT document_id, fiscal_year, agency_code, agency_name
    FROM stg_documents
),
stated AS (
    -- One amount per sub-plan: the printed table 15 when loaded, else the sub-plan 說明.
    SELECT
        document_id,
        work_plan_code,
        sub_plan_code,
        amount,
        source,
        ROW_NUMBER() OVER (
            PARTITION BY document_id, work_plan_code, sub_plan_code
            ORDER BY CASE source WHEN 'table' THEN 0 ELSE 1 END
        ) AS preference
    FROM stg_media_publicity
),
chosen AS (
    SELECT document_id, work_plan_code, sub_plan_code, amount, source
    FROM stated
    WHERE preference = 1
),
all_rows AS (
    SELECT
        c.document_id,
        1 AS row_group,
        c.work_plan_code,
        c.sub_plan_code,
        c.work_plan_code || '/' || c.sub_plan_code AS row_key,
        COALESCE(sp.sub_plan_name, c.work_plan_code || '/' || c.sub_plan_code) AS row_label,
        c.source,
        c.amount
    FROM chosen AS c
    LEFT JOIN stg_sub_plans AS sp
        ON sp.document_id = c.document_id AND sp.work_plan_code = c.work_plan_code
        AND sp.sub_plan_code = c.sub_plan_code
    UNION ALL
    SELECT
        document_id,
        2,
        NULL,
        NULL,
        'total',
        '合計',
        NULL,
        SUM(amount)
    FROM chosen
    GROUP BY document_id
)
SELECT
    r.document_id,
    d.fiscal_year,
    d.agency_code,
    d.agency_name,
    CAST(ROW_NUMBER() OVER (
        PARTITION BY r.document_id ORDER BY r.row_group, r.work_plan_code, r.sub_plan_code
    ) AS INTEGER) AS sort_key,
    r.row_key,
    r.row_label,
    r.work_plan_code,
    r.sub_plan_code,
    r.source,
    r.amount
FROM all_rows AS r
JOIN docs AS d ON d.document_id = r.document_id;
COMMENT ON VIEW report_media_publicity IS '附屬表 15 媒體政策及業務宣導費彙計表 regenerated: media and publicity spending per sub-plan (table 15 when loaded, else the amount its 說明 states: source) and the 合計 row; 千元.';
