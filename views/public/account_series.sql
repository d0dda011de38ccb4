-- Public view (warehouse API): one amount per account, fiscal year and stage, across documents.
CREATE VIEW account_series AS
SELECT
    s.account_code,
    s.account_name,
    s.level,
    s.fiscal_year,
    s.stage,
    s.budget_name,
    s.amount,
    s.document_id,
    s.document_kind AS source_kind,
    s.source_column,
    (SELECT COUNT(*) FROM account_statements AS o
     WHERE o.account_code = s.account_code AND o.fiscal_year = s.fiscal_year
       AND o.stage = s.stage AND o.budget_name = s.budget_name) AS statements,
    -- Roll-up codes: the parent as the stating document prints it; agency and 主管 from the
    -- code itself (政事別(2) 主管(2) 單位(2) 計畫(4), DOMAIN.md §2).
    (SELECT MIN(a.parent_code) FROM stg_accounts AS a
     WHERE a.document_id = s.document_id AND a.account_code = s.account_code) AS parent_code,
    '00' || SUBSTR(s.account_code, 3, 4) || '0000' AS agency_code,
    '00' || SUBSTR(s.account_code, 3, 2) || '000000' AS ministry_code
FROM account_statements AS s
WHERE s.preference = 1;
COMMENT ON VIEW account_series IS 'One row per budget, account, fiscal year and stage (proposed, enacted, actual), amount in 千元. Budgets are kept apart: a 特別預算 or 追加(減)預算 has its own rows beside the 總預算 (filter budget_name = ''中央政府總預算'' for the general budget; sum over budgets only on purpose). When several documents state it, the original statement (the document of that fiscal year) wins, DGBAS workbooks before unit budgets, then the most recent document; account_conflicts lists disagreements.';
COMMENT ON COLUMN account_series.statements IS 'How many loaded documents state this amount.';
