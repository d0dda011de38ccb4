-- Comparison summary: per document and published table, how many cells matched.
CREATE VIEW table_comparison_summary AS
WITH catalog (table_order, table_slug, table_number, table_title) AS (
    VALUES
        (1, 'expenditure_by_agency', '主要表 1', '歲出機關別預算表'),
        (2, 'plan_overview', '附屬表 1', '歲出計畫提要及分支計畫概況表'),
        (3, 'expense_summary', '附屬表 2', '各項費用彙計表'),
        (4, 'object_class_analysis', '附屬表 3', '歲出一級用途別科目分析表'),
        (5, 'capital_expenditure', '附屬表 4', '資本支出分析表'),
        (6, 'personnel_expense', '附屬表 5', '人事費彙計表'),
        (7, 'staffing', '附屬表 6', '預算員額明細表'),
        (8, 'vehicles', '附屬表 7', '公務車輛明細表'),
        (9, 'premises', '附屬表 8', '現有辦公房舍明細表'),
        (10, 'grants', '附屬表 9', '捐助經費分析表'),
        (11, 'travel_summary', '附屬表 10', '派員出國計畫預算總表'),
        (12, 'travel_meetings', '附屬表 11', '派員出國計畫預算類別表—開會、談判'),
        (13, 'travel_mainland', '附屬表 12', '派員赴大陸計畫預算類別表'),
        (14, 'function_economic', '附屬表 13', '歲出按職能及經濟性綜合分類表'),
        (15, 'commissioned', '附屬表 14', '委辦經費分析表'),
        (16, 'media_publicity', '附屬表 15', '媒體政策及業務宣導費彙計表')
),
docs AS (
    SELECT document_id, fiscal_year, agency_code, agency_name
    FROM stg_documents
    WHERE document_kind = 'unit_budget'
),
counts AS (
    SELECT
        document_id,
        table_slug,
        SUM(CASE WHEN status IN ('match', 'mismatch') THEN 1 ELSE 0 END) AS compared,
        SUM(CASE WHEN status = 'match' THEN 1 ELSE 0 END) AS matched,
        SUM(CASE WHEN status = 'mismatch' THEN 1 ELSE 0 END) AS mismatched,
        SUM(CASE WHEN status = 'missing_in_print' THEN 1 ELSE 0 END) AS missing_in_print,
        SUM(CASE WHEN status = 'missing_in_view' THEN 1 ELSE 0 END) AS missing_in_view,
        SUM(CASE WHEN source = 'printed' AND status <> 'missing_in_print' THEN 1 ELSE 0 END) AS printed_cells
    FROM table_comparison
    GROUP BY document_id, table_slug
)
SELECT
    d.document_id,
    d.fiscal_year,
    d.agency_code,
    d.agency_name,
    c.table_order,
    c.table_slug,
    c.table_number,
    c.table_title,
    COALESCE(n.printed_cells, 0) > 0 AS printed,
    COALESCE(n.compared, 0) AS compared,
    COALESCE(n.matched, 0) AS matched,
    COALESCE(n.mismatched, 0) AS mismatched,
    COALESCE(n.missing_in_print, 0) AS missing_in_print,
    COALESCE(n.missing_in_view, 0) AS missing_in_view
FROM docs AS d
CROSS JOIN catalog AS c
LEFT JOIN counts AS n ON n.document_id = d.document_id AND n.table_slug = c.table_slug;
COMMENT ON VIEW table_comparison_summary IS 'Per unit-budget document and published table: cells compared, matched, mismatched, missing in print or in the regenerated view; printed is false for a table the document does not print.';
