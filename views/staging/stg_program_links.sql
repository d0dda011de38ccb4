-- Staging: links from programs to grants and commissioned projects.
CREATE VIEW stg_program_links AS
SELECT
    document_id,
    program_seq,
    target_kind,
    target_key,
    method AS link_method,
    score AS link_score
FROM core.program_links;
