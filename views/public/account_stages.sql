-- Public view (warehouse API): stage lineage, proposed / enacted / actual side by side.
-- Grouped by series_code, not the printed code: a 113 workbook states 111 決算 under the new
-- code of an account the 112 workbook printed 111 法定預算 under (account_moves), and both
-- belong on one row or execution would be empty.
CREATE VIEW account_stages AS
SELECT
    s.budget_name,
    COALESCE(
        MAX(s.account_code) FILTER (WHERE s.stage = 'proposed'),
        MAX(s.account_code) FILTER (WHERE s.stage = 'enacted'),
        MAX(s.account_code) FILTER (WHERE s.stage = 'actual')
    ) AS account_code,
    s.series_code,
    MAX(s.account_name) AS account_name,
    MAX(s.level) AS level,
    s.fiscal_year,
    MAX(s.amount) FILTER (WHERE s.stage = 'proposed') AS proposed,
    MAX(s.amount) FILTER (WHERE s.stage = 'enacted') AS enacted,
    MAX(s.amount) FILTER (WHERE s.stage = 'actual') AS actual,
    MAX(s.amount) FILTER (WHERE s.stage = 'enacted')
        - MAX(s.amount) FILTER (WHERE s.stage = 'proposed') AS legislative_change,
    MAX(s.amount) FILTER (WHERE s.stage = 'actual')
        - MAX(s.amount) FILTER (WHERE s.stage = 'enacted') AS execution,
    MAX(d.file_name) FILTER (WHERE s.stage = 'proposed') AS proposed_file,
    MAX(d.file_name) FILTER (WHERE s.stage = 'enacted') AS enacted_file,
    MAX(d.file_name) FILTER (WHERE s.stage = 'actual') AS actual_file,
    MAX(s.document_id) FILTER (WHERE s.stage = 'proposed') AS proposed_document_id,
    MAX(s.document_id) FILTER (WHERE s.stage = 'enacted') AS enacted_document_id,
    MAX(s.document_id) FILTER (WHERE s.stage = 'actual') AS actual_document_id
FROM account_series AS s
JOIN stg_documents AS d ON d.document_id = s.document_id
GROUP BY s.budget_name, s.series_code, s.fiscal_year;
COMMENT ON VIEW account_stages IS 'Stage lineage per budget, account series (series_code, which follows account_moves) and fiscal year: the proposed (預算案), enacted (法定預算) and actual (決算) amounts in 千元 side by side from whichever loaded documents state them, the legislature''s change (enacted - proposed), execution (actual - enacted), and the file each figure came from. NULL where no loaded document states a stage. An account renumbered between years is one row per year whichever code each stage was printed under.';
COMMENT ON COLUMN account_stages.legislative_change IS 'enacted - proposed (千元): what the Legislative Yuan changed.';
COMMENT ON COLUMN account_stages.execution IS 'actual - enacted (千元): spent beyond (+) or below (-) the enacted budget.';
