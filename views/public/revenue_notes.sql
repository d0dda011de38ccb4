-- Public view (warehouse API): what each revenue item of a unit budget is, who collects it, on
-- what legal basis and how its amount is worked out, searchable with LIKE.
CREATE VIEW revenue_notes AS
SELECT
    n.document_id,
    d.fiscal_year,
    d.stage,
    d.agency_code,
    d.agency_name,
    n.account_code,
    n.item_name,
    n.amount,
    n.units,
    n.content,
    n.legal_basis,
    n.breakdown,
    n.page,
    n.last_page,
    d.unit_name,
    d.parent_document_id
FROM stg_revenue_notes AS n
JOIN stg_documents AS d ON d.document_id = n.document_id;
COMMENT ON VIEW revenue_notes IS '歲入項目說明提要表: one row per revenue item of a unit budget (account_code: 10-digit revenue code), amount = 預算金額 in 千元 of fiscal_year, units = 承辦單位, content = 項目內容, legal_basis = 法令依據, breakdown = 金額及說明 as printed; its account and amounts are in revenue_series.';
