"""The materialised comparison: regenerated cells written at load time, and their freshness.

Derived data, not facts: `unitbudget.comparison` fills core.comparison_cells from the cmp_*
views of the published tables that read only their own document, and rebuilds it when
core.comparison_state's fingerprint (view definitions, migration revision, parser version,
the list of stored tables) no longer matches the running code.
"""

from __future__ import annotations

from sqlalchemy import Column, Index, Integer, Numeric, String, Table, Text

from .base import Base

comparison_cells = Table(
    "comparison_cells",
    Base.metadata,
    Column(
        "document_id",
        Integer,
        nullable=False,
        comment="The unit budget (documents.document_id) whose table the cell regenerates.",
    ),
    Column("table_slug", String(64), nullable=False, comment="Published table (catalog slug)."),
    Column("row_key", Text, nullable=False, comment="Row key, as in printed_cells."),
    Column("column_key", Text, nullable=False, comment="Column key, as in printed_cells."),
    Column(
        "regenerated_value",
        Numeric(20, 4),
        comment="The value regenerated from the facts by cmp_<table_slug> when the document "
        "was loaded (千元 for amounts; counts and areas as the table prints them).",
    ),
    Index("ix_comparison_cells_document_id", "document_id"),
    comment=(
        "Stored regenerated cells of the published tables that read only their own document "
        "(every table but expenditure_by_agency and travel_summary); written in the "
        "document's transaction, rebuilt when core.comparison_state is stale."
    ),
)

comparison_state = Table(
    "comparison_state",
    Base.metadata,
    Column("name", String(64), primary_key=True, comment="What the value is: fingerprint."),
    Column(
        "value",
        Text,
        nullable=False,
        comment="SHA-256 of the view definitions, migration revision, parser version and "
        "stored tables the cells of core.comparison_cells were computed with.",
    ),
    comment="Freshness of core.comparison_cells: rebuilt when its fingerprint changes.",
)
