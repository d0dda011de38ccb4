-- Public view (warehouse API): one row per loaded document.
CREATE VIEW documents AS
SELECT
    document_id,
    document_kind AS kind,
    agency_code,
    agency_name,
    fiscal_year,
    stage,
    budget_name,
    file_name,
    sha256,
    loaded_at,
    parent_document_id,
    unit_name
FROM stg_documents;
COMMENT ON VIEW documents IS 'One row per loaded document: unit budgets (單位預算) and DGBAS workbooks (歲出機關別, 歲入來源別, 歲出政事別預算表).';
COMMENT ON COLUMN documents.kind IS 'unit_budget, dgbas_expenditure (歲出機關別), dgbas_revenue (歲入來源別) or dgbas_function (歲出政事別).';
COMMENT ON COLUMN documents.budget_name IS 'Budget the document belongs to: 中央政府總預算 or a named 特別預算 / 追加(減)預算.';
COMMENT ON COLUMN documents.stage IS 'proposed (預算案), enacted (法定預算) or actual (決算).';
COMMENT ON COLUMN documents.fiscal_year IS 'ROC fiscal year (112 = 2023).';
COMMENT ON COLUMN documents.parent_document_id IS 'For a 附錄 unit (a subordinate unit whose tables a book prints in its appendix): the book''s document. Its facts are stored under its own document_id; sum only documents with parent_document_id IS NULL to avoid counting a unit twice.';
COMMENT ON COLUMN documents.unit_name IS 'Name of the 附錄 unit as printed; NULL for a whole book or workbook.';
