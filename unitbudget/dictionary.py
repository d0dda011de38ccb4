"""The data dictionary: what every column of every public view means, and its unit.

Kept in ONE data file, views/dictionary.csv (view, column, description, unit), rather than in
each view's SQL: many engineers edit view files at once, and one table of descriptions merges
easily and is checked by one test. A row with view `*` describes a column name wherever it
appears (document_id, fiscal_year, page ...); a row naming a view overrides it there.

`apply_comments` writes them as COMMENT ON COLUMN after the views are created, so every SQL
client shows them; `datapackage` turns them into a Frictionless Data Package descriptor.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from typing import Any

from sqlalchemy import text
from sqlalchemy.engine import Connection

from .errors import DatabaseError

ANY_VIEW = "*"


@dataclass(frozen=True)
class ColumnDoc:
    """One column's description (English, field terms in Chinese) and unit (千元, m², 人 ...)."""

    description: str
    unit: str | None

    def comment(self) -> str:
        if self.unit and self.unit not in self.description:
            return f"{self.description} Unit: {self.unit}."
        return self.description


@cache
def entries() -> dict[tuple[str, str], ColumnDoc]:
    """(view or '*', column) -> ColumnDoc, from views/dictionary.csv.

    Raises DatabaseError naming the line of a malformed or duplicated row.
    """
    raw = (files("unitbudget.views") / "dictionary.csv").read_text(encoding="utf-8")
    out: dict[tuple[str, str], ColumnDoc] = {}
    reader = csv.DictReader(io.StringIO(raw))
    for line, row in enumerate(reader, start=2):
        view, column = (row.get("view") or "").strip(), (row.get("column") or "").strip()
        description = (row.get("description") or "").strip()
        if not view or not column or not description:
            raise DatabaseError(
                "view, column and description are required", file="views/dictionary.csv", line=line
            )
        if (view, column) in out:
            raise DatabaseError(
                f"{view}.{column} is described twice", file="views/dictionary.csv", line=line
            )
        out[(view, column)] = ColumnDoc(description, (row.get("unit") or "").strip() or None)
    return out


def lookup(view: str, column: str) -> ColumnDoc | None:
    """The description of `view.column`: the view's own row, else the `*` row, else None."""
    e = entries()
    return e.get((view, column)) or e.get((ANY_VIEW, column))


def schema_columns(conn: Connection) -> list[tuple[str, str]]:
    """(view or table, column) of the current schema, in column order (one catalog query)."""
    if conn.dialect.name == "duckdb":
        sql = (
            "SELECT table_name, column_name FROM duckdb_columns() "
            "WHERE schema_name = current_schema() AND database_name = current_database() "
            "ORDER BY table_name, column_index"
        )
    else:
        sql = (
            "SELECT table_name, column_name FROM information_schema.columns "
            "WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position"
        )
    return [(r[0], r[1]) for r in conn.execute(text(sql))]


def _quote(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def apply_comments(conn: Connection, views: list[str]) -> int:
    """COMMENT ON COLUMN for every described column of `views`; returns how many were set."""
    wanted = set(views)
    n = 0
    cursor = conn.connection.cursor()  # raw: descriptions may hold '%' (see viewsync._create)
    try:
        for view, column in schema_columns(conn):
            doc = lookup(view, column) if view in wanted else None
            if doc is not None:
                cursor.execute(f'COMMENT ON COLUMN {view}."{column}" IS {_quote(doc.comment())}')
                n += 1
    finally:
        cursor.close()
    return n


# --- Frictionless Data Package ------------------------------------------------------------

# Fiscal Data Package terms where they fit: amounts are values in TWD x 1000 (千元), the stage
# is the budget phase, codes are administrative / activity / economic classifications.
_PHASES = {"proposed": "proposed", "enacted": "approved", "actual": "executed"}
_CLASSIFICATIONS = {
    "agency_code": "administrative-classification:generic:code",
    "account_code": "administrative-classification:generic:code",
    "work_plan_code": "activity:generic:program:code",
    "sub_plan_code": "activity:generic:subprogram:code",
    "object_class_code": "economic-classification:generic:code",
    "level1_object_class_code": "economic-classification:generic:level1:code",
}


def _field_type(arrow_type: Any) -> str:
    import pyarrow.types as t

    if t.is_boolean(arrow_type):
        return "boolean"
    if t.is_integer(arrow_type):
        return "integer"
    if t.is_decimal(arrow_type) or t.is_floating(arrow_type):
        return "number"
    if t.is_timestamp(arrow_type):
        return "datetime"
    if t.is_date(arrow_type):
        return "date"
    return "string"


def field_descriptor(view: str, name: str, arrow_type: Any) -> dict[str, Any]:
    """A Table Schema field: name, type, description, unit and Fiscal Data Package terms."""
    doc = lookup(view, name)
    field: dict[str, Any] = {"name": name, "type": _field_type(arrow_type)}
    if doc is not None:
        field["description"] = doc.description
        if doc.unit:
            field["unit"] = doc.unit
    if doc is not None and doc.unit == "千元":
        field.update(columnType="value", currency="TWD", factor=1000)
    elif name == "fiscal_year":
        field["columnType"] = "date:fiscal-year"
        field["calendar"] = "ROC (民國): year + 1911 is the Gregorian year"
    elif name == "stage":
        field["columnType"] = "phase"
        field["phases"] = _PHASES
    elif name in _CLASSIFICATIONS:
        field["columnType"] = _CLASSIFICATIONS[name]
    return field


def datapackage(schemas: dict[str, Any], *, bom: bool = False) -> dict[str, Any]:
    """A datapackage.json for CSV files `<view>.csv`, from Arrow schemas keyed by view name."""
    return {
        "profile": "tabular-data-package",
        "name": "unitbudget",
        "title": "Taiwan central-government unit budgets (單位預算), public views of unitbudget",
        "resources": [
            {
                "name": view,
                "path": f"{view}.csv",
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8-sig" if bom else "utf-8",
                "schema": {"fields": [field_descriptor(view, f.name, f.type) for f in schema]},
            }
            for view, schema in schemas.items()
        ],
    }
