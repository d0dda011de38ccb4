-- Staging: the budgets documents belong to (總預算, named 特別預算 and 追加(減)預算).
CREATE VIEW stg_budgets AS
SELECT
    budget_name,
    budget_kind
FROM core.budgets;
