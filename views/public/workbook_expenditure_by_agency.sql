-- Public view (warehouse API): a DGBAS 歲出機關別預算表 workbook's rows as printed (every
-- agency and work plan of the whole government), for `show expenditure_by_agency` on years
-- only workbooks cover. Read as printed, not regenerated: the workbook states these amounts.
CREATE VIEW workbook_expenditure_by_agency AS
WITH amounts AS (
    SELECT
        document_id,
        account_code,
        MAX(CASE WHEN source_column = 'this_year' THEN amount END) AS this_year,
        MAX(CASE WHEN source_column = 'last_year' THEN amount END) AS last_year,
        MAX(CASE WHEN source_column = 'year_before_actual' THEN amount END)
            AS year_before_actual
    FROM stg_account_amounts
    GROUP BY document_id, account_code
)
SELECT
    d.document_id,
    d.fiscal_year,
    d.agency_code,
    d.agency_name,
    CAST(a.sheet_row AS INTEGER) AS sort_key,
    a.account_code AS row_key,
    a.account_name AS row_label,
    a.level,
    a.kuan,
    a.xiang,
    a.mu,
    a.jie,
    m.this_year,
    m.last_year,
    m.year_before_actual,
    m.this_year - m.last_year AS change
FROM stg_documents AS d
JOIN stg_accounts AS a ON a.document_id = d.document_id
LEFT JOIN amounts AS m ON m.document_id = a.document_id AND m.account_code = a.account_code
WHERE d.document_kind = 'dgbas_expenditure';
COMMENT ON VIEW workbook_expenditure_by_agency IS 'DGBAS 歲出機關別預算表 workbooks as printed: one row per account (主管, agency, 政事, work plan, 節) with 本年度 / 上年度 / 前年度決算 and their change, 千元; what `show expenditure_by_agency` prints for years only workbooks cover.';
