-- Staging: substring rules that classify a grant's 捐助對象 into a recipient kind.
CREATE VIEW stg_grant_recipient_rules AS
SELECT
    pattern,
    recipient_class,
    priority,
    rule
FROM core.grant_recipient_rules;
