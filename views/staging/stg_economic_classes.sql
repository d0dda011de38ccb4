-- Staging: the economic categories (經濟性分類) in printed order.
CREATE VIEW stg_economic_classes AS
SELECT
    code AS economic_code,
    name AS economic_name,
    side,
    group_name,
    sort_order
FROM core.economic_classes;
