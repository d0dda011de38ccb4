-- 主要表 1 歲出機關別預算表 (expenditure_by_agency): the document's accounts, this year from line items, earlier years from account_series.
CREATE VIEW report_expenditure_by_agency AS
-- Every source is read once, with no CTE read twice and no correlated subquery: DuckDB
-- materialises a CTE read twice, and a filter on document_id then no longer reaches the base
-- tables (every document's accounts computed to show one).
SELECT
    a.document_id,
    d.fiscal_year,
    d.agency_code,
    d.agency_name,
    CAST(ROW_NUMBER() OVER (
        PARTITION BY a.document_id
        ORDER BY
            CASE a.level
                WHEN 'ministry' THEN 0 WHEN 'agency' THEN 1 WHEN 'function' THEN 2 ELSE 3
            END,
            a.account_code
    ) AS INTEGER) AS sort_key,
    a.account_code AS row_key,
    a.account_name AS row_label,
    a.level,
    a.kuan,
    a.xiang,
    a.mu,
    a.jie,
    MAX(t.amount) AS this_year,
    MAX(CASE WHEN s.stage = 'enacted' THEN s.amount END) AS last_year,
    MAX(CASE WHEN s.stage = 'actual' THEN s.amount END) AS year_before_actual,
    MAX(t.amount) - MAX(CASE WHEN s.stage = 'enacted' THEN s.amount END) AS change
FROM stg_accounts AS a
-- Books only: a 附錄 unit (child document) prints no 歲出機關別預算表, and its accounts under
-- the book's agency code would be set against the whole agency's earlier years.
JOIN stg_documents AS d
    ON d.document_id = a.document_id
    AND d.document_kind = 'unit_budget' AND d.parent_document_id IS NULL
LEFT JOIN stg_account_series_codes AS sc
    ON sc.account_code = a.account_code
    AND d.fiscal_year < sc.before_fiscal_year
    AND d.fiscal_year >= sc.since_fiscal_year
LEFT JOIN (
    -- This year: the sum of the line items under the account: a work plan by its code (a 目
    -- by the 節 under it: 3708012500 -> 3708012501 ...), a 節 by its code, a 政事別 account
    -- by FFMMAA, an agency by MMAA (DOMAIN.md §2). A ministry total covers other agencies'
    -- budgets and cannot be regenerated from one document.
    SELECT document_id, level, account_code, SUM(amount) AS amount
    FROM (
        SELECT
            li.document_id,
            k.level,
            CASE k.via
                WHEN 'section_of' THEN ap.section_work_plan_code
                WHEN 'function' THEN ap.function_code
                WHEN 'agency' THEN ap.agency_code
                ELSE li.work_plan_code
            END AS account_code,
            li.amount
        FROM stg_line_items AS li
        JOIN stg_account_parents AS ap ON ap.work_plan_code = li.work_plan_code
        CROSS JOIN (
            VALUES
                ('work_plan', 'work_plan'), ('section_of', 'work_plan'),
                ('section', 'section'), ('function', 'function'), ('agency', 'agency')
        ) AS k (via, level)
    ) AS rolled_up
    GROUP BY document_id, level, account_code
) AS t
    ON t.document_id = a.document_id AND t.level = a.level AND t.account_code = a.account_code
-- Last year's enacted and the year before's actual amounts, as the warehouse knows them, by
-- series_code: an account renumbered since (account_moves) is one series. These are
-- account_series amounts: its rows are the statements of preference 1 (read here without
-- the roll-up codes account_series adds, which cost a recursive CTE each).
LEFT JOIN (
    SELECT series_code, fiscal_year, stage, amount
    FROM account_statements
    WHERE preference = 1 AND stage IN ('enacted', 'actual')
) AS s
    ON s.series_code = COALESCE(sc.series_code, a.account_code)
    AND (
        (s.fiscal_year = d.fiscal_year - 1 AND s.stage = 'enacted')
        OR (s.fiscal_year = d.fiscal_year - 2 AND s.stage = 'actual')
    )
GROUP BY
    a.document_id, d.fiscal_year, d.agency_code, d.agency_name, a.account_code,
    a.account_name, a.level, a.kuan, a.xiang, a.mu, a.jie;
COMMENT ON VIEW report_expenditure_by_agency IS '主要表 1 歲出機關別預算表 regenerated: one row per account the unit budget states (books only, not their 附錄 units) (agency, 政事別, work plans); this_year = sum of the line items under the account, last_year = account_series enacted amount of the year before, year_before_actual = account_series actual amount two years before (NULL when no loaded document states it), change = this_year - last_year; 千元.';
