-- Staging: the code an account is known under today, for statements printed under an older
-- code. A statement of account_code by a document of fiscal year Y takes series_code when
-- since_fiscal_year <= Y < before_fiscal_year (since 0: no earlier move of that code; a plain
-- range, which DuckDB joins far faster than an OR with IS NULL).
-- Chains are followed (a -> b in 113, b -> c in 115 gives c); only whole moves (share = 1):
-- an account split over several codes cannot continue as one series.
CREATE VIEW stg_account_series_codes AS
WITH RECURSIVE followed (from_code, before_fiscal_year, series_code, last_move_year) AS (
    SELECT from_code, from_fiscal_year, to_code, from_fiscal_year
    FROM stg_account_moves
    WHERE share = 1
    UNION ALL
    SELECT f.from_code, f.before_fiscal_year, m.to_code, m.from_fiscal_year
    FROM followed AS f
    JOIN stg_account_moves AS m
        ON m.from_code = f.series_code AND m.from_fiscal_year > f.last_move_year AND m.share = 1
),
ends AS (
    SELECT f.from_code, f.before_fiscal_year, f.series_code
    FROM followed AS f
    WHERE NOT EXISTS (
        SELECT 1 FROM stg_account_moves AS m
        WHERE m.from_code = f.series_code AND m.from_fiscal_year > f.last_move_year
          AND m.share = 1
    )
)
SELECT
    from_code AS account_code,
    -- A code reused after its move (moved again later) maps by the document's year.
    COALESCE(
        LAG(before_fiscal_year) OVER (PARTITION BY from_code ORDER BY before_fiscal_year), 0
    ) AS since_fiscal_year,
    before_fiscal_year,
    -- NULL on the code's latest move: account_series follows it for a code cut from another
    -- (the 主管 digits of an agency that kept its code while its 主管 was renumbered).
    LEAD(before_fiscal_year) OVER (PARTITION BY from_code ORDER BY before_fiscal_year)
        AS next_move_fiscal_year,
    series_code
FROM ends;
