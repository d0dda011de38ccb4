-- 歲入項目說明提要表 (revenue_notes) regenerated from facts: one row per revenue item with its
-- 預算金額 and the same amount on each account row its 金額及說明 prints (款, 項, 目, and 節 when
-- the item is a 節: a revenue code whose last two digits are not 00), 千元.
CREATE VIEW report_revenue_notes AS
SELECT
    n.document_id,
    d.fiscal_year,
    d.agency_code,
    d.agency_name,
    n.page * 100000 + n.line AS sort_key,
    n.account_code AS row_key,
    n.item_name AS row_label,
    n.amount,
    n.amount AS source_amount,
    n.amount AS agency_amount,
    n.amount AS item_amount,
    CASE WHEN SUBSTR(n.account_code, 9, 2) <> '00' THEN n.amount END AS sub_item_amount,
    n.units,
    n.content,
    n.legal_basis,
    n.breakdown
FROM stg_revenue_notes AS n
JOIN stg_documents AS d ON d.document_id = n.document_id;
COMMENT ON VIEW report_revenue_notes IS '歲入項目說明提要表 regenerated: one row per revenue item (row_key = its 10-digit code), 預算金額 in 千元 restated for its 款/項/目 (and 節) rows, 承辦單位, 項目內容, 法令依據 and 金額及說明 as printed.';
