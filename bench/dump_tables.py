"""Guard for speed work on the write path: the warehouse a batch load leaves must not change.

    python bench/dump_tables.py --save /tmp/dump-main     # before a change (200 documents)
    python bench/dump_tables.py --check /tmp/dump-main    # after: exit 1 on any difference

Loads `--docs` synthetic corpus variants (bench/corpus.py) with `api.load(..., jobs=--jobs)`
into a new DuckDB file, plus two files that take the group writer's refusal paths: a byte
copy of the first variant (`unchanged`) and the first variant with one extra blank line
(another file for a taken slot: refused). Then it writes every table of the `core` schema as
canonical text, one file per table: all columns but `documents.loaded_at` (the clock), rows
sorted, document ids (and load_issues.issue_id) kept, so a difference in numbering shows
too; plus `outcomes.txt`, each file's status and document id. Not a test: the dump is our
own output, good only to prove a refactor of the writer changed nothing.
"""

from __future__ import annotations

import argparse
import difflib
import shutil
import sys
import tempfile
from pathlib import Path

import duckdb

sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpus  # noqa: E402

from unitbudget import api  # noqa: E402

# Columns whose value is the time of the load, not its content.
VOLATILE = {("documents", "loaded_at")}


def load(work: Path, docs: int, jobs: int) -> tuple[Path, list[str]]:
    """Load the corpus into `work`/w.duckdb; returns the file and one line per outcome."""
    paths = corpus.build(work / "corpus", docs, max(10, -(-docs // 99)))
    first = paths[0].read_bytes()
    extra = work / "extra"
    extra.mkdir()
    (extra / "copy.txt").write_bytes(first)
    (extra / "same-slot.txt").write_bytes(first + b"\n")
    database = work / "w.duckdb"
    result = api.load(
        str(database), [*paths, extra / "copy.txt", extra / "same-slot.txt"], jobs=jobs
    )
    lines = [f"{Path(o.file).name}\t{o.status}\t{o.document_id}" for o in result.outcomes]
    return database, lines


def dump(database: Path) -> dict[str, str]:
    """Canonical text of every core table: header line, then rows sorted, one per line."""
    out: dict[str, str] = {}
    con = duckdb.connect(str(database), read_only=True)
    try:
        names = [
            r[0]
            for r in con.execute(
                "SELECT table_name FROM duckdb_tables() WHERE schema_name = 'core' "
                "ORDER BY table_name"
            ).fetchall()
        ]
        for name in names:
            columns = [
                r[0]
                for r in con.execute(
                    "SELECT column_name FROM duckdb_columns() WHERE schema_name = 'core' "
                    "AND table_name = ? ORDER BY column_index",
                    [name],
                ).fetchall()
                if (name, r[0]) not in VOLATILE
            ]
            cols = ", ".join(f'"{c}"' for c in columns)
            rows = con.execute(f'SELECT {cols} FROM core."{name}"').fetchall()
            # Sorted in Python on repr: NULLs and mixed types order the same every time.
            text = sorted("\t".join(repr(v) for v in row) for row in rows)
            out[name] = "\t".join(columns) + "\n" + "".join(line + "\n" for line in text)
    finally:
        con.close()
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    mode = ap.add_mutually_exclusive_group(required=True)
    mode.add_argument("--save", type=Path, help="write the dump here")
    mode.add_argument("--check", type=Path, help="compare with the dump here")
    ap.add_argument("--docs", type=int, default=200)
    ap.add_argument("--jobs", type=int, default=2)
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="unitbudget-dump-"))
    try:
        database, outcomes = load(work, args.docs, args.jobs)
        files = {f"{name}.tsv": text for name, text in dump(database).items()}
    finally:
        shutil.rmtree(work, ignore_errors=True)
    files["outcomes.txt"] = "".join(line + "\n" for line in outcomes)
    if args.save:
        args.save.mkdir(parents=True, exist_ok=True)
        for name, text in files.items():
            (args.save / name).write_text(text, encoding="utf-8")
        print(f"saved {len(files)} files, {sum(t.count(chr(10)) for t in files.values())} lines")
        return 0
    differ = 0
    expected = {p.name for p in args.check.iterdir()}
    for name in sorted(expected | set(files)):
        old = (args.check / name).read_text(encoding="utf-8") if name in expected else ""
        new = files.get(name, "")
        if old == new:
            continue
        differ += 1
        print(f"DIFFERS: {name} ({old.count(chr(10))} -> {new.count(chr(10))} lines)")
        diff = difflib.unified_diff(old.splitlines(), new.splitlines(), lineterm="", n=0)
        for i, line in enumerate(diff):
            if i >= 20:
                print("  ...")
                break
            print(f"  {line[:300]}")
    print(f"{len(files)} files, {differ} differ")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
