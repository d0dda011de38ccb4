-- Staging: travel plans, overseas and mainland.
CREATE VIEW stg_travel_plans AS
SELECT
    document_id,
    destination_kind,
    plan_no,
    category,
    meeting_kind,
    name AS plan_name,
    field_code,
    destination,
    agenda,
    period,
    days,
    persons,
    CAST(transport AS BIGINT) AS transport,
    CAST(living AS BIGINT) AS living,
    CAST(office AS BIGINT) AS office,
    CAST(total AS BIGINT) AS total,
    account_name,
    history,
    page,
    line
FROM core.travel_plans;
