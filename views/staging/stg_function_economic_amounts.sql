-- Staging: 歲出按職能及經濟性綜合分類表 as the document allocates it (functional x economic).
CREATE VIEW stg_function_economic_amounts AS
SELECT
    document_id,
    functional_code,
    functional_name,
    economic_code,
    CAST(amount AS BIGINT) AS amount,
    page,
    line
FROM core.function_economic_amounts;
