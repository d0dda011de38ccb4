-- Staging: account moves (an account continued under another code from a fiscal year on).
CREATE VIEW stg_account_moves AS
SELECT
    from_code,
    to_code,
    CAST(from_fiscal_year AS INTEGER) AS from_fiscal_year,
    share,
    note
FROM core.account_moves;
