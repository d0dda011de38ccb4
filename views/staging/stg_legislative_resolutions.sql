-- Staging: the Legislative Yuan's resolutions and what the agency reports it did.
CREATE VIEW stg_legislative_resolutions AS
SELECT
    document_id,
    seq,
    CAST(resolution_year AS INTEGER) AS resolution_year,
    section,
    part,
    item_label,
    CAST(item_no AS INTEGER) AS item_no,
    resolution_text,
    action_text,
    page,
    last_page,
    line
FROM core.legislative_resolutions;
