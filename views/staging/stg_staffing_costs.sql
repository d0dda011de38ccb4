-- Staging: annual staff cost (年需經費) by account.
CREATE VIEW stg_staffing_costs AS
SELECT
    document_id,
    account_code,
    CAST(this_year AS BIGINT) AS this_year,
    CAST(last_year AS BIGINT) AS last_year,
    note,
    page,
    line
FROM core.staffing_costs;
