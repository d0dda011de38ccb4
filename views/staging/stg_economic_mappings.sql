-- Staging: how object classes, grant recipient kinds and capital classes map to economic categories.
CREATE VIEW stg_economic_mappings AS
SELECT
    source_kind,
    source_code,
    economic_code,
    rule
FROM core.economic_mappings;
