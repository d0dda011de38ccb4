-- 附屬表 8 現有辦公房舍明細表 (premises): area, cost, deposit, rent and upkeep by row and tenure, 合計 recomputed.
CREATE VIEW report_premises AS
WITH docs AS (
    SELECT document_id, fiscal_year, agency_code, agency_name
    FROM stg_documents
),
by_row AS (
    -- One row per printed row order. Owned / free-loan facts come from the left half and
    -- rented ones from the right half; when the halves do not pair (load issue
    -- premises_halves_unpaired) the rented lots carry no label and row n of each half is
    -- only the n-th row of that half.
    SELECT
        document_id,
        row_seq,
        MAX(CASE WHEN tenure <> 'rented' THEN use_label END) AS use_label,
        MAX(CASE WHEN tenure = 'rented' THEN use_label END) AS rented_use_label,
        MAX(CASE WHEN tenure = 'rented' THEN units_text END) AS rented_units,
        -- 單位數 as printed ('101棟', '3戶'): text in units that differ by row, never summed
        MAX(CASE WHEN tenure = 'owned' THEN units_text END) AS owned_units,
        MAX(CASE WHEN tenure = 'free_loan' THEN units_text END) AS free_loan_units,
        SUM(CASE WHEN tenure = 'owned' THEN area_m2 END) AS owned_area,
        SUM(CASE WHEN tenure = 'owned' THEN acquisition_cost END) AS owned_cost,
        SUM(CASE WHEN tenure = 'owned' THEN maintenance END) AS owned_maintenance,
        SUM(CASE WHEN tenure = 'free_loan' THEN area_m2 END) AS free_loan_area,
        SUM(CASE WHEN tenure = 'free_loan' THEN maintenance END) AS free_loan_maintenance,
        SUM(CASE WHEN tenure = 'rented' THEN area_m2 END) AS rented_area,
        SUM(CASE WHEN tenure = 'rented' THEN deposit END) AS rented_deposit,
        SUM(CASE WHEN tenure = 'rented' THEN rent END) AS rented_rent,
        SUM(CASE WHEN tenure = 'rented' THEN maintenance END) AS rented_maintenance,
        -- 合計 columns: every tenure of the row (printed in the right half, beside the lot)
        SUM(area_m2) AS total_area,
        SUM(deposit) AS total_deposit,
        SUM(rent) AS total_rent,
        SUM(maintenance) AS total_maintenance
    FROM stg_premises
    GROUP BY document_id, row_seq
),
total_row AS (
    -- 合計: every fact but the parts numbered 1, 2, 3 … of the 二、機關宿舍 row above them
    -- (counted in that row); a fact without a label (unpaired halves) counts.
    SELECT
        document_id,
        MAX(last_seq) + 1 AS row_seq,
        '合計' AS use_label,
        CAST(NULL AS VARCHAR) AS rented_use_label,
        CAST(NULL AS VARCHAR) AS rented_units,
        -- the 合計 row prints no 單位數: 棟, 戶 and 個 do not add up
        CAST(NULL AS VARCHAR) AS owned_units,
        CAST(NULL AS VARCHAR) AS free_loan_units,
        COALESCE(SUM(CASE WHEN tenure = 'owned' THEN area_m2 END), 0) AS owned_area,
        COALESCE(SUM(CASE WHEN tenure = 'owned' THEN acquisition_cost END), 0) AS owned_cost,
        COALESCE(SUM(CASE WHEN tenure = 'owned' THEN maintenance END), 0) AS owned_maintenance,
        COALESCE(SUM(CASE WHEN tenure = 'free_loan' THEN area_m2 END), 0) AS free_loan_area,
        COALESCE(SUM(CASE WHEN tenure = 'free_loan' THEN maintenance END), 0)
            AS free_loan_maintenance,
        COALESCE(SUM(CASE WHEN tenure = 'rented' THEN area_m2 END), 0) AS rented_area,
        COALESCE(SUM(CASE WHEN tenure = 'rented' THEN deposit END), 0) AS rented_deposit,
        COALESCE(SUM(CASE WHEN tenure = 'rented' THEN rent END), 0) AS rented_rent,
        COALESCE(SUM(CASE WHEN tenure = 'rented' THEN maintenance END), 0) AS rented_maintenance,
        COALESCE(SUM(area_m2), 0) AS total_area,
        COALESCE(SUM(deposit), 0) AS total_deposit,
        COALESCE(SUM(rent), 0) AS total_rent,
        COALESCE(SUM(maintenance), 0) AS total_maintenance
    FROM (
        SELECT p.*, (SELECT MAX(row_seq) FROM stg_premises AS q
            WHERE q.document_id = p.document_id) AS last_seq
        FROM stg_premises AS p
    ) AS facts
    WHERE COALESCE(SUBSTR(use_label, 1, 1), '') NOT IN ('1', '2', '3', '4', '5', '6', '7', '8', '9')
    GROUP BY document_id
),
all_rows AS (
    SELECT 'r' || CAST(row_seq AS VARCHAR) AS row_key, * FROM by_row
    UNION ALL
    SELECT 'total' AS row_key, * FROM total_row
)
SELECT
    r.document_id,
    d.fiscal_year,
    d.agency_code,
    d.agency_name,
    CAST(r.row_seq AS INTEGER) AS sort_key,
    r.row_key,
    r.use_label AS row_label,
    r.rented_use_label,
    r.rented_units,
    r.owned_units,
    r.owned_area,
    r.owned_cost,
    r.owned_maintenance,
    r.free_loan_units,
    r.free_loan_area,
    r.free_loan_maintenance,
    r.rented_area,
    r.rented_deposit,
    r.rented_rent,
    r.rented_maintenance,
    r.total_area,
    r.total_deposit,
    r.total_rent,
    r.total_maintenance
FROM all_rows AS r
JOIN docs AS d ON d.document_id = r.document_id;
COMMENT ON VIEW report_premises IS '現有辦公房舍明細表 regenerated from premises facts: row_key r<n> = n-th row of its half (owned / free-loan columns from the left half, rented and 合計 columns from the right half), total = 合計 row (the sum of the rows not numbered 1, 2, 3 …: those are parts of the row above); area in 平方公尺, money in 千元. rented_use_label is NULL when the print does not say which use a rented lot belongs to. owned_units, free_loan_units and rented_units are 單位數 as printed (101棟, 3戶; NULL in the 合計 row, which prints none).';
