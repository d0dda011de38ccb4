-- Staging: travel plans of every category table, overseas and mainland.
CREATE VIEW stg_travel_plans AS
SELECT
    document_id,
    table_slug,
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
    CAST(airfare AS BIGINT) AS airfare,
    CAST(study_fees AS BIGINT) AS study_fees,
    CAST(total AS BIGINT) AS total,
    account_name,
    history,
    page,
    line
FROM core.travel_plans;
