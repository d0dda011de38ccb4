-- 立法院…決議…辦理情形報告表 (legislative_resolutions): every resolution in printed order,
-- numbered as its position in its block (first number of the section part + order), so a
-- printed number that skips or repeats one shows as a mismatch.
CREATE VIEW report_legislative_resolutions AS
WITH docs AS (
    SELECT document_id, fiscal_year, agency_code, agency_name
    FROM stg_documents
),
numbered AS (
    SELECT
        r.*,
        FIRST_VALUE(r.item_no) OVER (
            PARTITION BY r.document_id, r.section, r.part ORDER BY r.seq
        ) + ROW_NUMBER() OVER (
            PARTITION BY r.document_id, r.section, r.part ORDER BY r.seq
        ) - 1 AS position_no
    FROM stg_legislative_resolutions AS r
)
SELECT
    n.document_id,
    d.fiscal_year,
    d.agency_code,
    d.agency_name,
    n.seq AS sort_key,
    CAST(n.seq AS VARCHAR) AS row_key,
    n.item_label AS row_label,
    n.resolution_year,
    n.section,
    n.part,
    CAST(n.position_no AS INTEGER) AS item_no,
    n.resolution_text,
    n.action_text,
    n.page,
    n.last_page
FROM numbered AS n
JOIN docs AS d ON d.document_id = n.document_id;
COMMENT ON VIEW report_legislative_resolutions IS '立法院審議中央政府總預算案所提決議、附帶決議及注意事項辦理情形報告表 regenerated: one row per resolution; item_no is its position in its section part (first printed number + order), compared with the printed (n).';
