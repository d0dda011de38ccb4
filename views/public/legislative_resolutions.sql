-- Public view (warehouse API): the Legislative Yuan's resolutions on a budget and what the
-- agency reports it did, searchable with LIKE.
CREATE VIEW legislative_resolutions AS
SELECT
    r.document_id,
    d.fiscal_year AS book_fiscal_year,
    r.resolution_year,
    d.agency_code,
    d.agency_name,
    r.seq,
    r.section,
    r.part,
    r.item_label,
    r.item_no,
    r.resolution_text,
    r.action_text,
    r.page,
    r.last_page,
    d.unit_name,
    d.parent_document_id
FROM stg_legislative_resolutions AS r
JOIN stg_documents AS d ON d.document_id = r.document_id;
COMMENT ON VIEW legislative_resolutions IS 'Resolutions of the Legislative Yuan (決議、附帶決議及注意事項) on the budget of resolution_year and the agency''s report of what it did (辦理情形), from the book of book_fiscal_year.';
