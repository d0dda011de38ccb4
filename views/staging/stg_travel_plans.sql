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
    -- the plan's cost parts added up (each category table prints three of the five): what
    -- every report regenerates 合計 from, against the printed total
    CAST(
        COALESCE(transport, 0) + COALESCE(living, 0) + COALESCE(office, 0)
        + COALESCE(airfare, 0) + COALESCE(study_fees, 0) AS BIGINT
    ) AS parts_total,
    account_name,
    history,
    page,
    line
FROM core.travel_plans;
