-- Public view (warehouse API): this-year amounts of multi-year programmes a sub-plan 說明 states,
-- beside the 跨年期計畫概況表 row each was matched to.
CREATE VIEW multi_year_statements AS
SELECT
    d.document_id,
    d.fiscal_year,
    d.stage,
    d.agency_code,
    d.agency_name,
    st.statement_no,
    st.work_plan_code,
    wp.work_plan_name,
    st.sub_plan_code,
    sp.sub_plan_name,
    st.plan_name,
    st.name_source,
    st.other_names,
    st.year_no,
    st.final_year,
    st.amount,
    st.allotted_amount,
    st.amount_here,
    st.multi_year_seq,
    p.plan_name AS table_plan_name,
    p.this_year AS table_this_year,
    st.match_score,
    st.phrase,
    st.page,
    st.line,
    d.unit_name,
    d.parent_document_id
FROM stg_multi_year_statements AS st
JOIN stg_documents AS d ON d.document_id = st.document_id
LEFT JOIN stg_work_plans AS wp
    ON wp.document_id = st.document_id AND wp.work_plan_code = st.work_plan_code
LEFT JOIN stg_sub_plans AS sp
    ON sp.document_id = st.document_id AND sp.work_plan_code = st.work_plan_code
    AND sp.sub_plan_code = st.sub_plan_code
LEFT JOIN stg_multi_year_plans AS p
    ON p.document_id = st.document_id AND p.seq = st.multi_year_seq;
COMMENT ON VIEW multi_year_statements IS 'This-year amounts of multi-year programmes stated in sub-plan 說明 (本年度編列第1年經費22,373千元; 千元), one row per statement, with the 跨年期計畫概況表 row matched by name (table_this_year in 億元, 1 億元 = 100,000 千元); consistency_checks ties each row''s 本年度預算數 to the sum of its statements'' amount_here within the table''s rounding (consistency_checks.tolerance: 500 千元, or 500 per rounded figure when 本年度 is the balance of the row).';
