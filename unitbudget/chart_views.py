"""Staging views generated from the view-only charts of schema/charts.py at view sync.

POLICY_FUNCTIONS and ECONOMIC_RULES are read by SQL views only, never by parsers and never
seeded into core tables: generated as `VALUES` views (like published_tables from the catalog),
so a chart row added in code reaches every warehouse at its next view sync, with no migration.
"""

from __future__ import annotations

from collections.abc import Sequence

from .schema.charts import ECONOMIC_RULES, POLICY_FUNCTIONS


def _literal(value: str | int) -> str:
    return str(value) if isinstance(value, int) else "'" + value.replace("'", "''") + "'"


def _values_view(
    name: str, columns: Sequence[str], rows: Sequence[tuple[str | int, ...]], comment: str
) -> str:
    values = ",\n        ".join("(" + ", ".join(map(_literal, r)) + ")" for r in rows)
    return (
        f"-- Staging (generated from unitbudget/schema/charts.py at view sync).\n"
        f"CREATE VIEW {name} AS\n"
        f"SELECT * FROM (\n    VALUES\n        {values}\n) AS t ({', '.join(columns)});\n"
        f"COMMENT ON VIEW {name} IS {_literal(comment)};\n"
    )


def policy_functions_sql() -> str:
    """CREATE VIEW stg_policy_functions: 政事別 (two-digit code) -> 職能別 (POLICY_FUNCTIONS)."""
    return _values_view(
        "stg_policy_functions",
        ("policy_code", "policy_name", "functional_code", "functional_name", "rule"),
        POLICY_FUNCTIONS,
        "The functional class (職能別) of a work plan by its 政事別, the first two digits of "
        "its code (charts.POLICY_FUNCTIONS).",
    )


def economic_rules_sql() -> str:
    """CREATE VIEW stg_economic_rules: economic rules beside the seeded mappings
    (ECONOMIC_RULES: object classes the seed lacks, transfer rows by class and recipient)."""
    return _values_view(
        "stg_economic_rules",
        ("source_kind", "source_code", "pattern", "economic_code", "priority", "rule"),
        ECONOMIC_RULES,
        "Economic rules beside stg_economic_mappings (charts.ECONOMIC_RULES): object classes "
        "the seeded chart lacks, and the category of a grant or subsidy row by its object class "
        "('' any) and recipient pattern ('' any); the lowest priority wins.",
    )
