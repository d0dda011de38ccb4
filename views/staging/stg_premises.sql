-- Staging: premises (辦公房舍) by row and tenure.
CREATE VIEW stg_premises AS
SELECT
    document_id,
    row_seq,
    tenure,
    use_label,
    units_text,
    area_m2,
    CAST(acquisition_cost AS BIGINT) AS acquisition_cost,
    CAST(deposit AS BIGINT) AS deposit,
    CAST(rent AS BIGINT) AS rent,
    CAST(maintenance AS BIGINT) AS maintenance,
    page,
    line
FROM core.premises;
