-- 主要表 1 歲出機關別預算表 (expenditure_by_agency): the document's accounts, this year from line items, earlier years from account_series.
CREATE VIEW report_expenditure_by_agency AS
WITH docs AS (
    -- Books only: a 附錄 unit (child document) prints no 歲出機關別預算表, and its accounts
    -- under the book's agency code would be set against the whole agency's earlier years.
    SELECT document_id, fiscal_year, stage, agency_code, agency_name
    FROM stg_documents
    WHERE document_kind = 'unit_budget' AND parent_document_id IS NULL
),
accounts AS (
    SELECT
        a.document_id,
        a.account_code,
        a.account_name,
        a.level,
        a.kuan,
        a.xiang,
        a.mu,
        a.jie,
        COALESCE(sc.series_code, a.account_code) AS series_code,
        CASE a.level
            WHEN 'ministry' THEN 0 WHEN 'agency' THEN 1 WHEN 'function' THEN 2 ELSE 3
        END AS level_rank
    FROM stg_accounts AS a
    JOIN docs AS d ON d.document_id = a.document_id
    LEFT JOIN stg_account_series_codes AS sc
        ON sc.account_code = a.account_code
        AND d.fiscal_year < sc.before_fiscal_year
        AND d.fiscal_year >= sc.since_fiscal_year
),
this_year AS (
    -- An account's amount is the sum of the line items of the work plans under it: a work plan
    -- by its code (a 目 by the 節 under it), a 政事別 account by FFMMAA, an agency by MMAA
    -- (DOMAIN.md §2). A ministry total covers other agencies' budgets and cannot be
    -- regenerated from one document.
    SELECT
        a.document_id,
        a.account_code,
        SUM(li.amount) AS amount
    FROM accounts AS a
    JOIN stg_line_items AS li ON li.document_id = a.document_id
    JOIN stg_account_parents AS ap ON ap.work_plan_code = li.work_plan_code
    -- A 目 with 節 under it (3708012500 -> 3708012501 ...) sums its 節.
    WHERE (a.level = 'work_plan'
            AND a.account_code IN (li.work_plan_code, ap.section_work_plan_code))
        OR (a.level = 'section' AND li.work_plan_code = a.account_code)
        OR (a.level = 'function' AND ap.function_code = a.account_code)
        OR (a.level = 'agency' AND ap.agency_code = a.account_code)
    GROUP BY a.document_id, a.account_code
),
earlier AS (
    -- Last year's enacted and the year before's actual amounts, as the warehouse knows them,
    -- by series_code: an account renumbered since (account_moves) is one series.
    SELECT
        a.document_id,
        a.account_code,
        (SELECT s.amount FROM account_series AS s
         WHERE s.series_code = a.series_code AND s.fiscal_year = d.fiscal_year - 1
           AND s.stage = 'enacted') AS last_year,
        (SELECT s.amount FROM account_series AS s
         WHERE s.series_code = a.series_code AND s.fiscal_year = d.fiscal_year - 2
           AND s.stage = 'actual') AS year_before_actual
    FROM accounts AS a
    JOIN docs AS d ON d.document_id = a.document_id
)
SELECT
    a.document_id,
    d.fiscal_year,
    d.agency_code,
    d.agency_name,
    CAST(ROW_NUMBER() OVER (
        PARTITION BY a.document_id ORDER BY a.level_rank, a.account_code
    ) AS INTEGER) AS sort_key,
    a.account_code AS row_key,
    a.account_name AS row_label,
    a.level,
    a.kuan,
    a.xiang,
    a.mu,
    a.jie,
    t.amount AS this_year,
    e.last_year,
    e.year_before_actual,
    t.amount - e.last_year AS change
FROM accounts AS a
JOIN docs AS d ON d.document_id = a.document_id
LEFT JOIN this_year AS t ON t.document_id = a.document_id AND t.account_code = a.account_code
LEFT JOIN earlier AS e ON e.document_id = a.document_id AND e.account_code = a.account_code;
COMMENT ON VIEW report_expenditure_by_agency IS '主要表 1 歲出機關別預算表 regenerated: one row per account the unit budget states (books only, not their 附錄 units) (agency, 政事別, work plans); this_year = sum of the line items under the account, last_year = account_series enacted amount of the year before, year_before_actual = account_series actual amount two years before (NULL when no loaded document states it), change = this_year - last_year; 千元.';
