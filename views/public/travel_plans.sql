-- Public view (warehouse API): overseas and mainland travel plans of every category table.
CREATE VIEW travel_plans AS
SELECT
    t.document_id,
    d.fiscal_year,
    d.agency_code,
    t.table_slug,
    t.destination_kind,
    t.plan_no,
    t.category,
    t.meeting_kind,
    t.plan_name,
    t.field_code,
    t.destination,
    t.agenda,
    t.period,
    t.days,
    t.persons,
    t.days * t.persons AS person_days,
    t.transport,
    t.living,
    t.office,
    t.airfare,
    t.study_fees,
    t.total,
    t.account_name,
    t.page,
    t.line,
    d.unit_name,
    d.parent_document_id
FROM stg_travel_plans AS t
JOIN stg_documents AS d ON d.document_id = t.document_id;
COMMENT ON VIEW travel_plans IS 'Travel plans (派員出國 / 赴大陸), one row per plan of a category table (table_slug: plan numbers restart in every category table); person_days = days x persons; money in 千元.';
