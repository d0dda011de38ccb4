-- Public view (warehouse API): one amount per account, fiscal year and stage, across documents.
CREATE VIEW account_series AS
SELECT
    s.account_code,
    s.series_code,
    s.account_name,
    s.level,
    s.fiscal_year,
    s.stage,
    s.budget_name,
    s.amount,
    s.document_id,
    s.document_kind AS source_kind,
    s.source_column,
    s.statements,
    -- Roll-up codes: the parent as the stating document prints it; agency and 主管 from the
    -- code itself (政事別(2) 主管(2) 單位(2) 計畫(4), DOMAIN.md §2), followed through moves like
    -- the account itself so a 主管 renumbered between years keeps one code.
    (SELECT MIN(a.parent_code) FROM stg_accounts AS a
     WHERE a.document_id = s.document_id AND a.account_code = s.account_code) AS parent_code,
    COALESCE(ag.series_code, agl.series_code, s.agency_digits) AS agency_code,
    COALESCE(mi.series_code, mil.series_code, s.ministry_digits) AS ministry_code
FROM (
    SELECT
        st.*,
        COUNT(*) OVER (
            PARTITION BY st.budget_name, st.series_code, st.fiscal_year, st.stage
        ) AS statements,
        '00' || SUBSTR(st.account_code, 3, 4) || '0000' AS agency_digits,
        '00' || SUBSTR(st.account_code, 3, 2) || '000000' AS ministry_digits
    FROM account_statements AS st
) AS s
-- A code cut from the digits follows its move like an account: by the stating document's
-- year (an older document printed the old code) ...
LEFT JOIN stg_account_series_codes AS ag
    ON ag.account_code = s.agency_digits
    AND s.document_fiscal_year < ag.before_fiscal_year
    AND s.document_fiscal_year >= ag.since_fiscal_year
LEFT JOIN stg_account_series_codes AS mi
    ON mi.account_code = s.ministry_digits
    AND s.document_fiscal_year < mi.before_fiscal_year
    AND s.document_fiscal_year >= mi.since_fiscal_year
-- ... or, in a later document, when that document prints no account under the cut code (教育部
-- agencies keep 0020xx0000 in 113 under 教育部主管 0021000000).
LEFT JOIN stg_account_series_codes AS agl
    ON agl.account_code = s.agency_digits
    AND agl.next_move_fiscal_year IS NULL
    AND s.document_fiscal_year >= agl.before_fiscal_year
    AND NOT EXISTS (
        SELECT 1 FROM stg_accounts AS a
        WHERE a.document_id = s.document_id AND a.account_code = s.agency_digits
    )
LEFT JOIN stg_account_series_codes AS mil
    ON mil.account_code = s.ministry_digits
    AND mil.next_move_fiscal_year IS NULL
    AND s.document_fiscal_year >= mil.before_fiscal_year
    AND NOT EXISTS (
        SELECT 1 FROM stg_accounts AS a
        WHERE a.document_id = s.document_id AND a.account_code = s.ministry_digits
    )
WHERE s.preference = 1;
COMMENT ON VIEW account_series IS 'One row per budget, account, fiscal year and stage (proposed, enacted, actual), amount in 千元. Budgets are kept apart: a 特別預算 or 追加(減)預算 has its own rows beside the 總預算 (filter budget_name = ''中央政府總預算'' for the general budget; sum over budgets only on purpose). When several documents state it, the original statement (the document of that fiscal year) wins, DGBAS workbooks before unit budgets, then the most recent document; account_conflicts lists disagreements. An account renumbered between years (account_moves) is one series: series_code is its newest code, and each fiscal year and stage has one row whichever code printed it, so sums over years (e.g. per 主管: level = ''ministry'') count each year once.';
COMMENT ON COLUMN account_series.statements IS 'How many loaded documents state this amount.';
