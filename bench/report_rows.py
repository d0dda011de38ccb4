"""Every row of some report views, before and after a rewrite: the check that a view rewritten
for speed still gives identical cells.

    .venv/bin/python bench/report_rows.py save  DIR [--views v1,v2] [--extra wh.duckdb ...]
    .venv/bin/python bench/report_rows.py check DIR [--views v1,v2] [--extra wh.duckdb ...]

DIR holds the warehouses (built on first use: the text sample, the PDF book, and the
several-agency warehouse of tests/warehouse.py: three DGBAS workbooks and five relabelled
samples) and one CSV per warehouse and view. Each run re-creates the views from the files of
this checkout (`api.upgrade`); `save` writes the rows, `check` compares with the saved ones and
exits 1 on any difference. `--extra` adds warehouses built elsewhere (e.g. the 1,000-document
benchmark warehouse).
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
import tempfile
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from unitbudget import api  # noqa: E402

VIEWS = ("report_function_economic", "report_expenditure_by_agency")


def build(folder: Path) -> list[Path]:
    """The three warehouses in `folder`, loaded on first use."""
    from tests.conftest import BOOK, SAMPLE
    from tests.warehouse import VARIANTS, WORKBOOKS, relabel

    folder.mkdir(parents=True, exist_ok=True)
    sample, book, multi = folder / "sample.duckdb", folder / "book.duckdb", folder / "multi.duckdb"
    if not sample.exists():
        api.load(str(sample), [str(SAMPLE)])
    if not book.exists():
        api.load(str(book), [str(BOOK)])
    if not multi.exists():
        api.load(str(multi), WORKBOOKS)
        text = SAMPLE.read_text(encoding="utf-8")
        with tempfile.TemporaryDirectory() as tmp:
            for name, (year, agency, function, unit, stage) in VARIANTS.items():
                variant = relabel(text, year, agency, function, unit)
                if stage != "enacted":
                    variant += "\n"
                path = Path(tmp) / name
                path.write_text(variant, encoding="utf-8")
                api.load(str(multi), [path], stage=stage)
    return [sample, book, multi]


def rows_csv(warehouse: Path, view: str) -> str:
    """Every row of `view`, sorted on all columns, as CSV text (NULL as \\N)."""
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        cur = con.execute(f"SELECT * FROM {view} ORDER BY ALL")
        names = [d[0] for d in cur.description]
        out = io.StringIO()
        w = csv.writer(out, lineterminator="\n")
        w.writerow(names)
        for row in cur.fetchall():
            w.writerow(["\\N" if v is None else v for v in row])
        return out.getvalue()
    finally:
        con.close()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("mode", choices=("save", "check"))
    ap.add_argument("dir", type=Path)
    ap.add_argument("--views", default=",".join(VIEWS))
    ap.add_argument("--extra", type=Path, nargs="*", default=[])
    args = ap.parse_args()
    warehouses = build(args.dir) + list(args.extra)
    failed = 0
    for wh in warehouses:
        api.upgrade(str(wh))
        for view in args.views.split(","):
            got = rows_csv(wh, view)
            saved = args.dir / f"{wh.stem}.{view}.csv"
            if args.mode == "save":
                saved.write_text(got, encoding="utf-8")
                print(f"{wh.name} {view}: {got.count(chr(10)) - 1} rows saved")
            elif saved.read_text(encoding="utf-8") == got:
                print(f"{wh.name} {view}: {got.count(chr(10)) - 1} rows identical")
            else:
                failed += 1
                print(f"{wh.name} {view}: DIFFERENT (saved {saved})")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
