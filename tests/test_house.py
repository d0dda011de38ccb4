"""The house rules: every published table has its whole kit, named by one slug from the catalog.

Adding a published table is one checklist that this module enforces (in the spirit of
sqlite-utils' documentation tests): a catalog entry, its parser, report and cmp views, a golden
file typed from a published document, a test module and Chinese labels for every column.
"""

from __future__ import annotations

import re
from pathlib import Path

import duckdb
import pytest

from unitbudget.catalog import BY_SLUG, SECTIONS, TABLES, known_titles
from unitbudget.labels import LABELS
from unitbudget.loaders.readers.text import KNOWN_TITLES
from unitbudget.loaders.registry import parsers

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = ROOT / "tests" / "golden"
# Columns a long-format report view carries for `show` to pivot; never shown as columns.
PIVOT_COLUMNS = {"column_key", "column_label", "column_sort"}

SLUGS = [t.slug for t in TABLES]


def test_slugs_and_titles_are_unique() -> None:
    assert len(set(SLUGS)) == len(SLUGS)
    titles = [t.title for t in TABLES]
    assert len(set(titles)) == len(titles)
    assert len(set(known_titles())) == len(known_titles())


def test_every_parser_is_a_catalogued_table_or_section() -> None:
    found = {p.slug for p in parsers()}
    assert found - set(BY_SLUG) - set(SECTIONS) == set()
    assert {t.slug for t in TABLES if t.parsed} <= found
    assert set(SECTIONS) <= found


def test_the_text_reader_knows_every_catalogued_title() -> None:
    assert set(known_titles()) <= set(KNOWN_TITLES)


@pytest.mark.parametrize("slug", SLUGS)
def test_each_table_has_its_kit(slug: str) -> None:
    table = BY_SLUG[slug]
    report = ROOT / "views" / "report" / f"{table.view}.sql"
    cmp = ROOT / "views" / "compare" / f"{table.cmp_view}.sql"
    assert report.is_file(), f"{slug}: no {report.relative_to(ROOT)}"
    assert cmp.is_file(), f"{slug}: no {cmp.relative_to(ROOT)}"
    # The cmp view names its table once, with the catalog's slug and no other.
    literals = set(re.findall(r"'(\w+)' AS table_slug", cmp.read_text(encoding="utf-8")))
    assert literals == {slug}
    if table.parsed:
        assert (ROOT / "loaders" / "tables" / f"{slug}.py").is_file()
        assert (ROOT / "tests" / f"test_table_{slug}.py").is_file()
        goldens = [p for p in GOLDEN.glob("*/*.csv") if re.fullmatch(rf"{slug}(_\w+)?", p.stem)]
        assert goldens, f"{slug}: no golden file under tests/golden/<document>/"
    else:
        tests = "".join(p.read_text(encoding="utf-8") for p in (ROOT / "tests").glob("test_*.py"))
        assert table.view in tests, f"{slug}: no test reads {table.view}"


def test_no_view_file_without_a_catalogued_table() -> None:
    for folder, prefix in (("report", "report_"), ("compare", "cmp_")):
        for path in (ROOT / "views" / folder).glob(f"{prefix}*.sql"):
            assert path.stem.removeprefix(prefix) in BY_SLUG, path.name


def test_the_database_catalog_is_the_python_catalog(sample_db: str) -> None:
    con = duckdb.connect(sample_db, read_only=True)
    try:
        rows = con.execute(
            "SELECT table_slug, table_number, table_title FROM published_tables "
            "ORDER BY table_order"
        ).fetchall()
        summary = {
            r[0] for r in con.execute("SELECT table_slug FROM table_comparison_summary").fetchall()
        }
        unlabelled = {}
        for t in TABLES:
            columns = [r[0] for r in con.execute(f"DESCRIBE {t.view}").fetchall()]
            missing = [c for c in columns if c not in LABELS and c not in PIVOT_COLUMNS]
            if missing:
                unlabelled[t.view] = missing
    finally:
        con.close()
    assert rows == [(t.slug, t.number, t.title) for t in TABLES]
    assert summary == set(SLUGS)
    assert unlabelled == {}
