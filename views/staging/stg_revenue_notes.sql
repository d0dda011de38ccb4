-- Staging: revenue items explained (歲入項目說明提要表), amounts in 千元.
CREATE VIEW stg_revenue_notes AS
SELECT
    document_id,
    account_code,
    name AS item_name,
    CAST(amount AS BIGINT) AS amount,
    units,
    content,
    legal_basis,
    breakdown,
    page,
    last_page,
    line
FROM core.revenue_notes;
