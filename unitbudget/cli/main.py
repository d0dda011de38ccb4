"""The `unitbudget` command. Thin: parse options, call one library function, print.

Heavy modules (SQLAlchemy, loaders) are imported inside commands so `--help` stays fast.
"""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from unitbudget.errors import UnitBudgetError

from .output import Format, render, to_json

app = typer.Typer(
    help="unitbudget: load Taiwan central-government unit budgets into SQL and check them.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
db_app = typer.Typer(
    help="Schema migrations (run automatically by every command that writes).", no_args_is_help=True
)
app.add_typer(db_app, name="db")

_state: dict[str, str | None] = {"db": None}

FormatOpt = Annotated[Format, typer.Option("--format", "-f", help="table, csv or json.")]
YearOpt = Annotated[int | None, typer.Option("--year", help="Fiscal year (ROC, e.g. 112).")]
AgencyOpt = Annotated[str | None, typer.Option("--agency", help="Agency code or part of its name.")]


@app.callback()
def main_options(
    db: Annotated[
        str | None,
        typer.Option(
            "--db",
            envvar="UNITBUDGET_DB",
            help="Database file path or SQLAlchemy URL (default ./unitbudget.duckdb).",
        ),
    ] = None,
) -> None:
    _state["db"] = db


def _print(text: str) -> None:
    typer.echo(text)


@app.command()
def load(
    files: Annotated[
        list[str], typer.Argument(help="Unit-budget text files, DGBAS workbooks or folders.")
    ],
    replace: Annotated[
        bool,
        typer.Option(
            "--replace",
            help="Replace another file already loaded for the same budget, agency, year and "
            "stage (a 特別預算 never replaces the 總預算).",
        ),
    ] = False,
    stage: Annotated[
        str | None,
        typer.Option(
            "--stage",
            help="proposed, enacted or actual (default: as the title or cover says "
            "(預算案 / 法定預算 / 決算), else enacted).",
        ),
    ] = None,
    year: YearOpt = None,
    wait: Annotated[
        float, typer.Option("--wait", help="Seconds to wait for another process's lock.")
    ] = 0,
    jobs: Annotated[
        int | None, typer.Option("--jobs", "-j", help="Parsing processes (default: the CPU count).")
    ] = None,
    report: Annotated[
        bool | None,
        typer.Option(
            "--report/--no-report",
            help="Print each file's parse report (default: on for up to 3 files).",
        ),
    ] = None,
    fmt: FormatOpt = Format.table,
) -> None:
    """Load documents, each file in its own transaction; print what happened to each."""
    import os

    from unitbudget import api

    from .progress import progress_for

    if stage is not None and stage not in ("proposed", "enacted", "actual"):
        raise UnitBudgetError(f"--stage must be proposed, enacted or actual, not {stage!r}")
    paths = api.expand_paths(files)
    workers = jobs if jobs is not None else (os.cpu_count() or 1)
    # Worker processes only pay off for batches: one file parses faster in-process.
    workers = max(1, min(workers, len(paths)))
    with progress_for(len(paths)) as advance:
        batch = api.load(
            _state["db"],
            paths,
            replace=replace,
            stage=stage,
            fiscal_year=year,
            wait=wait,
            jobs=workers,
            on_file=advance,
        )
    s = batch.summary()
    if fmt is Format.json:
        from dataclasses import asdict

        _print(to_json([asdict(o) for o in batch.outcomes]))
    else:
        _print(render(s.columns, s.rows, fmt))
    if fmt is Format.table:
        if report if report is not None else len(batch.outcomes) <= 3:
            for o in batch.outcomes:
                if o.report:
                    _print(f"\nparse report: {o.file}")
                    _print(render(*_report_rows(o.report), fmt))
        counts = {
            k: sum(1 for o in batch.outcomes if o.status == k)
            for k in ("loaded", "replaced", "unchanged", "refused")
        }
        _print(", ".join(f"{v} {k}" for k, v in counts.items()))
    for o in batch.refused:
        typer.echo(f"refused: {o.message}", err=True)
    if batch.refused:
        raise typer.Exit(2)


def _report_rows(report: list[dict]) -> tuple[list[str], list[tuple]]:
    cols = [
        "slug",
        "title",
        "pages",
        "lines",
        "rows",
        "cells",
        "numeric_tokens",
        "captured",
        "unused",
    ]
    rows = [
        (
            t["slug"],
            t["title"],
            f"{t['first_page']}-{t['last_page']}" if t["first_page"] else "",
            f"{t['first_line']}-{t['last_line']}" if t["first_line"] else "",
            t["row_count"],
            t["cell_count"],
            t["numeric_tokens"],
            t["captured_tokens"],
            t["numeric_tokens"] - t["captured_tokens"],
        )
        for t in report
    ]
    return cols, rows


@app.command()
def documents(fmt: FormatOpt = Format.table) -> None:
    """List loaded documents."""
    from unitbudget import api

    r = api.documents(_state["db"])
    _print(render(r.columns, r.rows, fmt))


@app.command()
def tables(fmt: FormatOpt = Format.table) -> None:
    """List the published tables: number, slug, title and the view regenerating each."""
    from unitbudget import api

    r = api.tables()
    _print(render(r.columns, r.rows, fmt))


@app.command()
def show(
    slug: Annotated[str, typer.Argument(help="Table slug (see `unitbudget tables`).")],
    year: YearOpt = None,
    agency: AgencyOpt = None,
    fmt: FormatOpt = Format.table,
) -> None:
    """Render a regenerated table (computed from the facts, never copied from print)."""
    from unitbudget import api
    from unitbudget.labels import header

    r = api.show(_state["db"], slug, year=year, agency=agency)
    headers = [header(c) for c in r.columns] if fmt is Format.table else None
    _print(render(r.columns, r.rows, fmt, thousands=True, headers=headers, dash_zero=True))


@app.command()
def compare(
    slug: Annotated[str | None, typer.Argument(help="Only this table.")] = None,
    year: YearOpt = None,
    agency: AgencyOpt = None,
    strict: Annotated[
        bool, typer.Option("--strict", help="Exit 1 when any cell mismatches.")
    ] = False,
    fmt: FormatOpt = Format.table,
) -> None:
    """Compare every regenerated table with the printed cells, per table, and list mismatches."""
    from unitbudget import api

    c = api.compare(_state["db"], slug, year=year, agency=agency)
    _print_comparison(c, fmt)
    if strict and c.mismatched:
        raise typer.Exit(1)


def _print_comparison(c, fmt: Format) -> None:  # noqa: ANN001 - api type imported lazily
    if fmt is Format.json:
        _print(to_json({"summary": c.summary.as_dicts(), "mismatches": c.mismatches.as_dicts()}))
        return
    if fmt is Format.csv:
        _print(render(c.summary.columns, c.summary.rows, fmt))
        return
    _print(render(c.summary.columns, c.summary.rows, fmt, thousands=True))
    _print(f"\n{c.mismatched} mismatched cell(s)")
    if c.mismatches.rows:
        _print(render(c.mismatches.columns, c.mismatches.rows, fmt, thousands=True))


@app.command()
def sql(
    query: Annotated[str, typer.Argument(help="SQL to run; the database is opened read-only.")],
    fmt: FormatOpt = Format.table,
) -> None:
    """Run ad-hoc SQL against the warehouse (read-only)."""
    from unitbudget import api

    r = api.query(_state["db"], query)
    _print(render(r.columns, r.rows, fmt))


@app.command()
def demo(fmt: FormatOpt = Format.table) -> None:
    """Load the bundled samples (the 內政部 114 PDF book and the ADI 112 text) into the
    database and print the comparison summary."""
    from unitbudget import api

    batch, comparison = api.demo(_state["db"])
    if fmt is Format.table:
        for o in batch.outcomes:
            _print(
                f"{o.status}: {o.file} (document {o.document_id}, {o.facts} facts, "
                f"{o.warnings} warnings, {o.errors} errors)"
            )
        _print("")
    _print_comparison(comparison, fmt)


@db_app.command("upgrade")
def db_upgrade(revision: Annotated[str, typer.Argument()] = "head") -> None:
    """Upgrade the schema to REVISION (default head) and re-create the views."""
    from unitbudget import api

    _print(f"at revision {api.upgrade(_state['db'], revision)}")


@db_app.command("downgrade")
def db_downgrade(
    revision: Annotated[str, typer.Argument(help="Target revision, or base.")],
) -> None:
    """Downgrade the schema to REVISION."""
    from unitbudget import api

    _print(f"at revision {api.downgrade(_state['db'], revision)}")


@db_app.command("current")
def db_current() -> None:
    """Print the database's schema revision."""
    from unitbudget import api

    _print(str(api.current(_state["db"])))


@db_app.command("history")
def db_history(fmt: FormatOpt = Format.table) -> None:
    """List the migrations."""
    from unitbudget import db

    rows = db.history()
    _print(render(["revision", "down_revision", "message"], rows, fmt))


def main() -> None:
    try:
        app()
    except UnitBudgetError as exc:
        typer.echo(f"error: {exc}", err=True)
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        typer.echo("interrupted; nothing partial was written", err=True)
        sys.exit(130)


if __name__ == "__main__":
    main()
