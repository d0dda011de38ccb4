"""The `unitbudget` command. Thin: parse options, call one library function, print.

Heavy modules (SQLAlchemy, loaders) are imported inside commands so `--help` stays fast.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperArgument, TyperCommand, TyperGroup, TyperOption

from unitbudget.errors import InputError, UnitBudgetError

from .output import TERMINAL_CELL_WIDTH, Format, render, to_json

# Value labels in --help: Typer prints Python types (`<bool>`, `<list[str]>`); people read
# these, the way Click-built tools label values. A flag takes no value and shows none.
_TYPE_LABELS: dict[Any, str] = {int: "INTEGER", float: "NUMBER", str: "TEXT", Path: "PATH"}


def _value_label(param: Any, ctx: Any) -> str | None:
    """The value label of `param` in --help: TEXT, INTEGER, NUMBER, PATH, the choices
    (`table|csv|json`), or None for a flag; `...` after an option taking several values."""
    from typing import get_args, get_origin

    is_option = isinstance(param, TyperOption)
    if is_option and param.is_flag:
        return None
    desc = param.type_descriptor
    if desc.is_choice:
        label = param.display_type(ctx).strip("<>")
    else:
        annotation = desc.annotation
        if get_origin(annotation) is list:
            annotation = get_args(annotation)[0]
        label = _TYPE_LABELS.get(annotation, "VALUE")
    return f"{label}..." if is_option and param.nargs != 1 else label


def _readable(params: list[Any], ctx: Any) -> list[Any]:
    """`params` whose --help shows `_value_label`, not the Python type."""
    for p in params:
        if isinstance(p, TyperOption | TyperArgument):
            label = _value_label(p, ctx)
            # Typer has no setting for the label: this instance attribute stands in for its
            # display_type_rich method, which the help (and nothing else) calls
            p.display_type_rich = lambda ctx, label=label: label
    return params


class _Command(TyperCommand):
    """Every command: readable value labels in --help (`_readable`)."""

    def get_params(self, ctx: Any) -> list[Any]:
        return _readable(super().get_params(ctx), ctx)


class _Group(TyperGroup):
    """A command group (`db`): readable value labels in --help (`_readable`)."""

    def get_params(self, ctx: Any) -> list[Any]:
        return _readable(super().get_params(ctx), ctx)


class _Root(_Group):
    """Accepts the global `--db` after the subcommand too (`unitbudget sql … --db x`)."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        return super().parse_args(ctx, _hoist_db(args))

    def invoke(self, ctx: Any) -> Any:
        # The one place errors become messages and exit codes (also under the test runner).
        try:
            return super().invoke(ctx)
        except UnitBudgetError as exc:
            typer.echo(f"error: {exc}", err=True)
            raise typer.Exit(exc.exit_code) from None


def _hoist_db(args: list[str]) -> list[str]:
    front: list[str] = []
    rest: list[str] = []
    i = 0
    while i < len(args):
        a = args[i]
        if a == "--":
            rest += args[i:]
            break
        if a == "--db" and i + 1 < len(args):
            front += args[i : i + 2]
            i += 2
            continue
        if a.startswith("--db="):
            front.append(a)
        else:
            rest.append(a)
        i += 1
    return front + rest


class _SqlCommand(_Command):
    """A query that begins with a `--` comment is the query, not an option.

    Option names never hold whitespace, so a token starting with `-` whose name part does is
    text; a leading space keeps the parser from reading it as an option.
    """

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        fixed = [
            f" {a}" if a.startswith("-") and any(c.isspace() for c in a.split("=", 1)[0]) else a
            for a in args
        ]
        return super().parse_args(ctx, fixed)


# Examples each command's --help ends with; every one is a line of the README's sh blocks,
# which tests/test_readme.py runs, so help, README and behaviour stay in step.
EXAMPLES: dict[str, list[tuple[str, str]]] = {
    "load": [
        ("unitbudget load book.pdf budget.txt expenditure-by-agency-113.xlsx", "PDF books first"),
        ("unitbudget load budgets/ --jobs 2", "a folder, 2 parsing processes"),
    ],
    "show": [
        ("unitbudget show expense_summary --year 112", "a regenerated table, as printed"),
        (
            "unitbudget show expenditure_by_agency --year 113 --budget 總預算 --stage enacted",
            "one budget and stage",
        ),
        ("unitbudget show --units", "a book's 附錄 units"),
        ("unitbudget show premises --units --agency 國土測繪中心", "one 附錄 unit's table"),
    ],
    "compare": [
        ("unitbudget compare --strict", "exit 1 when a cell differs without a known cause"),
        ("unitbudget compare --format csv", "the summary, an empty line, every mismatch"),
        ("unitbudget compare --year 112 --live", "computed from the views"),
        ("unitbudget compare --year 112 --missing", "also the cells missing in print or view"),
    ],
    "sql": [
        ('unitbudget sql "SELECT * FROM line_items LIMIT 5" --format csv', "to standard output"),
        ('unitbudget sql "SELECT * FROM premises" --output premises.xlsx', "to a file"),
    ],
    "documents": [("unitbudget documents", "what was loaded: file, agency, year, stage")],
    "tables": [("unitbudget tables", "the published tables, then the public views")],
    "describe": [("unitbudget describe line_items", "columns, types, units and meaning")],
    "demo": [("unitbudget demo", "the bundled samples loaded, and their comparison")],
    "db": [
        ("unitbudget db history", "the schema's migrations"),
        ("unitbudget db current", "the database's revision"),
        ("unitbudget --db old.duckdb db upgrade", "to the newest revision"),
    ],
    "db upgrade": [("unitbudget --db old.duckdb db upgrade", "to the newest revision")],
    "db downgrade": [
        ("unitbudget --db old.duckdb db downgrade base", "drops every table: the data is gone")
    ],
    "db current": [("unitbudget db current", "the database's revision")],
    "db history": [("unitbudget db history", "the schema's migrations")],
    "export": [
        ("unitbudget export exports/", "every public view as Parquet, by fiscal_year"),
        ("unitbudget export exports-114/ --year 114 --stage proposed", "those documents only"),
        ("unitbudget export exports-csv/ line_items grants --to csv --bom", "CSV for Excel"),
        ("unitbudget export workbooks/ --to xlsx", "a workbook per document"),
    ],
}


def _examples(command: str) -> str:
    """The epilog of `command`'s help: its EXAMPLES as an indented (Markdown code) block."""
    lines = [f"    {line}    # {why}" for line, why in EXAMPLES[command]]
    return "**Examples**\n\n" + "\n\n".join(lines)


app = typer.Typer(
    cls=_Root,
    help="unitbudget: load Taiwan central-government unit budgets into SQL and check them.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    # Markdown reflows the docstrings' paragraphs to the terminal (rich mode kept their
    # source line breaks inside its own wrapping) and keeps example lines as written.
    rich_markup_mode="markdown",
)
db_app = typer.Typer(
    cls=_Group,
    help="Schema migrations (run automatically by every command that writes).",
    epilog=_examples("db"),
    no_args_is_help=True,
    rich_markup_mode="markdown",
)
app.add_typer(db_app, name="db")

_state: dict[str, str | None] = {"db": None}

FormatOpt = Annotated[Format, typer.Option("--format", "-f", help="table, csv or json.")]
YearOpt = Annotated[int | None, typer.Option("--year", help="Fiscal year (ROC, e.g. 112).")]
AgencyOpt = Annotated[str | None, typer.Option("--agency", help="Agency code or part of its name.")]
BudgetOpt = Annotated[
    str | None,
    typer.Option(
        "--budget",
        help="總預算 (the general budget), 特別 (特別預算), 追加 (追加(減)預算), or part of a "
        "budget's name (documents.budget_name).",
    ),
]
StageFilterOpt = Annotated[
    str | None,
    typer.Option("--stage", help="proposed (預算案), enacted (法定預算) or actual (決算)."),
]


def _stage_option(stage: str | None) -> str | None:
    if stage is not None and stage not in ("proposed", "enacted", "actual"):
        raise typer.BadParameter(
            f"must be proposed, enacted or actual, not {stage!r}", param_hint="--stage"
        )
    return stage


def _print_version(value: bool) -> None:
    if not value:
        return
    from unitbudget import api

    v = api.versions()
    _print(f"unitbudget {v.package}, parser {v.parser}, migration head {v.migration_head}")
    raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            callback=_print_version,
            is_eager=True,
            help="Print the package version, the parser version and the migration head, then exit.",
        ),
    ] = False,
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


def _note(text: str) -> None:
    typer.echo(text, err=True)


def _max_cell() -> int | None:
    # Cut long cells only for a person at a terminal; files and pipes get every character.
    return TERMINAL_CELL_WIDTH if sys.stdout.isatty() else None


@app.command(cls=_Command, epilog=_examples("load"))
def load(
    files: Annotated[
        list[str],
        typer.Argument(help="Unit-budget PDF books or text files, DGBAS workbooks, or folders."),
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
        int | None,
        typer.Option("--jobs", "-j", min=1, help="Parsing processes (default: the CPU count)."),
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
    """Load documents; print each file's outcome as it ends.

    Exit status: 0 when every file is stored without an error-severity load issue; 2 when a
    file was refused (unreadable, not a document, a table parser refused it); 3 when files
    were refused only because a different file for the same agency, budget, year and stage is
    already loaded (--replace loads them instead); 4 the database (missing, locked, below the
    schema head); 6 when every file is stored but a document carries errors (data the
    document should give is missing, e.g. a file cut in the middle of a table: it is stored
    and listed in load_issues, and a summary line on standard error says how many documents).

    A refused file never stops the others and leaves no row; a file already loaded (same
    sha256) is `unchanged` without being parsed again. Files are written in groups of up to
    32 per transaction on DuckDB (each file alone with --replace). In folders, files that are
    plainly not budgets (README, hidden files, other extensions) are skipped with a note.
    Ctrl-C stops after the file or group being written; committed files stay.
    """
    import os
    import signal

    from unitbudget import api

    from .progress import progress_for

    _stage_option(stage)
    scan = api.scan_paths(files)
    for path, why in scan.skipped:
        _note(f"skipped: {path} ({why})")
    if not scan.files:
        raise typer.BadParameter("no budget files found in " + ", ".join(files), param_hint="FILES")
    workers = jobs if jobs is not None else (os.cpu_count() or 1)
    # Worker processes only pay off for batches: one file parses faster in-process.
    workers = max(1, min(workers, len(scan.files)))
    done: list[api.FileOutcome] = []
    summary_columns = api.BatchResult([]).summary().columns
    if fmt is Format.csv:
        _print(render(summary_columns, [], fmt))

    def finished(outcome: api.FileOutcome) -> None:
        if interrupted:
            # DuckDB may turn Ctrl-C into a failed statement (the file then looks refused,
            # and is not committed); a file that did commit is still reported as committed.
            if outcome.status in ("loaded", "replaced"):
                done.append(outcome)
            raise KeyboardInterrupt
        done.append(outcome)
        advance(outcome)
        if outcome.status == "refused":
            # Once, with the reason, where errors go; csv and json keep it in their records.
            _note(f"refused: {outcome.message}")
        if fmt is Format.table:
            if outcome.status != "refused":
                _print(_outcome_line(outcome))
        elif fmt is Format.csv:
            _print(
                render(summary_columns, api.BatchResult([outcome]).summary().rows, fmt).split(
                    "\n", 1
                )[1]
            )
        for note in _unapplied_options(outcome, stage, year):
            _note(note)
        for text in outcome.notes:
            # where warnings go, in every format (csv and json keep stdout for records)
            _note(f"warning: {outcome.file}: {text}")

    interrupted: list[bool] = []

    def on_sigint(_signum: int, _frame: Any) -> None:
        interrupted.append(True)
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGINT, on_sigint)
    try:
        with progress_for(len(scan.files)) as advance:
            batch = api.load(
                _state["db"],
                scan.files,
                replace=replace,
                stage=stage,
                fiscal_year=year,
                wait=wait,
                jobs=workers,
                on_file=finished,
            )
    except Exception:
        if not interrupted:
            raise
        _report_interrupt(done, len(scan.files))
        raise typer.Exit(130) from None
    except KeyboardInterrupt:
        _report_interrupt(done, len(scan.files))
        raise typer.Exit(130) from None
    finally:
        signal.signal(signal.SIGINT, previous)
    if fmt is Format.json:
        from dataclasses import asdict

        _print(to_json([asdict(o) for o in batch.outcomes]))
    if fmt is Format.table:
        if report if report is not None else len(batch.outcomes) <= 3:
            for o in batch.outcomes:
                if o.report:
                    _print(f"\nparse report: {o.file}")
                    _print(render(*_report_rows(o.report), fmt, max_cell=_max_cell()))
        counts = {
            k: sum(1 for o in batch.outcomes if o.status == k)
            for k in ("loaded", "replaced", "unchanged", "refused")
        }
        _print(", ".join(f"{v} {k}" for k, v in counts.items()))
    if batch.account_moves:
        _note(f"{batch.account_moves} account moves found between workbook years (account_moves)")
    if batch.error_documents:
        _note(
            f"{batch.error_documents} document(s) stored with errors (data missing or the "
            "file cut): unitbudget sql \"SELECT * FROM load_issues WHERE severity = 'error'\""
        )
    if batch.refused:
        raise typer.Exit(batch.refused_exit_code)
    if batch.error_documents:
        raise typer.Exit(LOADED_WITH_ERRORS)


# `load` stored every file, but some document carries error-severity load issues.
LOADED_WITH_ERRORS = 6


def _report_interrupt(done: list[Any], total: int) -> None:
    committed = [o.file for o in done if o.status in ("loaded", "replaced")]
    _note(
        f"interrupted: {len(committed)} file(s) committed"
        + (": " + ", ".join(committed) if committed else "")
        + f"; {total - len(done)} not loaded"
    )


def _outcome_line(o: Any) -> str:
    return (
        f"{o.status:<10} {o.file}: document {o.document_id}, {o.agency or o.kind} "
        f"{o.fiscal_year} {o.stage or ''}{' (assumed)' if o.stage_assumed else ''}, "
        f"{o.facts} facts ({o.cells} printed cells), {o.warnings} warnings, "
        f"{o.errors} errors"
    )


def _unapplied_options(o: Any, stage: str | None, year: int | None) -> list[str]:
    """Notes for --stage / --year that did not take effect on this file (never silent)."""
    notes = []
    if o.status == "unchanged" and (stage is not None or year is not None):
        differs = [
            f"--{name} {given} differs from the stored {stored}"
            for name, given, stored in (("stage", stage, o.stage), ("year", year, o.fiscal_year))
            if given is not None and stored is not None and given != stored
        ]
        notes.append(
            f"note: {o.file} was already loaded unchanged (document {o.document_id}, "
            f"{o.stage}, fiscal year {o.fiscal_year}); --stage/--year were not applied to it"
            + (
                ": " + "; ".join(differs) + " (a file is stored once, as first loaded; "
                "add --replace to store it again as requested)"
                if differs
                else ""
            )
        )
    elif o.status != "refused":
        if year is not None and o.fiscal_year != year:
            notes.append(
                f"note: {o.file} prints fiscal year {o.fiscal_year}; --year {year} was not applied"
            )
        if stage is not None and o.stage is not None and o.stage != stage:
            notes.append(f"note: {o.file} was loaded as {o.stage}; --stage {stage} was not applied")
    return notes


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


@app.command(cls=_Command, epilog=_examples("documents"))
def documents(fmt: FormatOpt = Format.table) -> None:
    """List loaded documents."""
    from unitbudget import api

    r = api.documents(_state["db"])
    _print(render(r.columns, r.rows, fmt, max_cell=_max_cell()))
    if not r.rows:
        _note("no documents loaded yet")


@app.command(cls=_Command, epilog=_examples("tables"))
def tables(fmt: FormatOpt = Format.table) -> None:
    """List the published tables (number, slug, title, view) and the public views."""
    from unitbudget import api

    t = api.tables()
    v = api.views()
    if fmt is Format.table:
        _print(render(t.columns, t.rows, fmt, max_cell=_max_cell()))
        _print("\npublic views (`unitbudget describe VIEW` lists their columns)")
        _print(render(v.columns, v.rows, fmt, max_cell=_max_cell()))
        return
    # One list for programs: published tables, then the other views, with a kind column.
    columns = [*t.columns, "kind", "description"]
    rows = [(*r, "published_table", None) for r in t.rows]
    rows += [(None, None, None, name, "view", desc) for name, desc in v.rows]
    _print(render(columns, rows, fmt))


@app.command(cls=_Command, epilog=_examples("describe"))
def describe(
    view: Annotated[str, typer.Argument(help="A public view, e.g. line_items.")],
    fmt: FormatOpt = Format.table,
) -> None:
    """Print a view's columns with their types and what each means (its COMMENT ON)."""
    from unitbudget import api

    r = api.describe(_state["db"], view)
    _print(render(r.columns, r.rows, fmt, max_cell=_max_cell()))


@app.command(cls=_Command, epilog=_examples("show"))
def show(
    slug: Annotated[
        str | None,
        typer.Argument(help="Table slug (see `unitbudget tables`); none with --units lists them."),
    ] = None,
    year: YearOpt = None,
    agency: AgencyOpt = None,
    budget: BudgetOpt = None,
    stage: StageFilterOpt = None,
    units: Annotated[
        bool,
        typer.Option(
            "--units",
            help="The book's 附錄 units instead of the book itself (pick one with --agency); "
            "without a table, list the units.",
        ),
    ] = False,
    fmt: FormatOpt = Format.table,
) -> None:
    """Render a regenerated table (computed from the facts, never copied from print).

    A PDF book shows its own unit; its 附錄 units (documents of their own) with --units.
    """
    from unitbudget import api
    from unitbudget.labels import header

    filters = {
        "year": year,
        "agency": agency,
        "budget": budget,
        "stage": _stage_option(stage),
    }
    if slug is None:
        if not units:
            raise typer.BadParameter("name a table (`unitbudget tables`), or give --units")
        listed = api.appendix_units(_state["db"], **filters)
        _print(render(listed.columns, listed.rows, fmt, max_cell=_max_cell()))
        if not listed.rows:
            _note(f"no 附錄 units: {_filter_text('show --units', **filters)} matches none")
        cut = [u for u in listed.rows if u[-1]]
        if cut:
            _note(
                f"{len(cut)} unit(s) listed in the 目次 with pages not in the file: only what "
                "the book's own tables print of them is stored (load_issues: "
                "appendix_units_missing)"
            )
        return
    r = api.show(_state["db"], slug, **filters, units=units)
    headers = [header(c, slug) for c in r.columns] if fmt is Format.table else None
    if r.rows or fmt is not Format.table:
        # csv and json keep their header for programs; a person gets the reason below alone
        _print(
            render(
                r.columns,
                r.rows,
                fmt,
                thousands=True,
                headers=headers,
                dash_zero=True,
                max_cell=_max_cell(),
            )
        )
    if r.rows and api.table_info(slug).workbook_view and "row_label" in r.columns:
        kinds = api.document_kinds(_state["db"], **filters)
        if kinds and "unit_budget" not in kinds:
            _note(
                "rows of the DGBAS workbook(s) as printed (whole government), not regenerated: "
                "no unit budget is loaded for these filters"
            )
    if units and agency:
        cut = [u for u in api.appendix_units(_state["db"], **filters).rows if u[-1]]
        for u in cut:
            _note(f"{u[2]}: {u[-1]}; these rows are what the book's own tables print of it")
    if r.rows and not units:
        hidden = api.appendix_units(_state["db"], **filters)
        if hidden.rows:
            names = ", ".join(str(u[2]) for u in hidden.rows)
            _note(
                f"the book's own table; its {len(hidden.rows)} 附錄 unit(s) ({names}) with "
                "--units (--agency picks one)"
            )
    if not r.rows and not units and agency:
        # --agency names a 附錄 unit: its tables are under --units, not the book's own
        named = api.appendix_units(_state["db"], **filters)
        if named.rows:
            names = ", ".join(f"{u[2]} (document {u[0]})" for u in named.rows)
            _note(
                f"no rows in the book's own table: {names} is a 附錄 unit; add --units: "
                f"unitbudget {_filter_text(f'show {slug}', **filters)} --units"
            )
            return
    if not r.rows:
        _note(
            f"no rows: {_filter_text(slug, **filters)}{' --units' if units else ''} matches "
            "nothing in this database"
        )
        kinds = api.document_kinds(_state["db"], **filters)
        if kinds and "unit_budget" not in kinds:
            _note(
                "the documents loaded for these filters are DGBAS workbooks "
                f"({sum(kinds.values())}); regenerated tables come from unit budgets: their "
                "amounts are in account_series and account_statements"
            )


def _filter_text(slug: str | None, **filters: Any) -> str:
    parts = [slug or "every table"]
    parts += [f"--{k} {v}" for k, v in filters.items() if v is not None and v != ""]
    return " ".join(parts)


@app.command(cls=_Command, epilog=_examples("compare"))
def compare(
    slug: Annotated[str | None, typer.Argument(help="Only this table.")] = None,
    year: YearOpt = None,
    agency: AgencyOpt = None,
    budget: BudgetOpt = None,
    stage: StageFilterOpt = None,
    strict: Annotated[
        bool,
        typer.Option(
            "--strict",
            help="Exit 1 when any cell differs without a known cause (a mismatch, or a cell "
            "missing in print or in the regenerated view; the differences the `why … differs` "
            "notes explain and tables the document does not print are left out) or when no "
            "cell was compared.",
        ),
    ] = False,
    fmt: FormatOpt = Format.table,
    live: Annotated[
        bool,
        typer.Option(
            "--live",
            help="Compute every regenerated cell from the views instead of reading the results "
            "stored by the last load (same result, slower).",
        ),
    ] = False,
    missing: Annotated[
        bool,
        typer.Option(
            "--missing",
            help="Also list the cells missing in print or in the regenerated view that "
            "--strict counts (after the mismatches; csv: a third table; json: `missing`).",
        ),
    ] = False,
) -> None:
    """Compare every regenerated table with the printed cells, per table, and list mismatches.

    csv prints the per-table summary, an empty line, then the mismatches (two CSV tables).
    """
    from unitbudget import api

    filters = {
        "year": year,
        "agency": agency,
        "budget": budget,
        "stage": _stage_option(stage),
    }
    c = api.compare(_state["db"], slug, **filters, live=live, missing=missing)
    _print_comparison(c, fmt)
    if c.compared == 0:
        _note(f"nothing was compared: {_filter_text(slug, **filters)} matches no printed table")
    if strict and (c.unexplained or c.compared == 0):
        if c.unexplained:
            _note(f"--strict: {c.unexplained} cell(s) differ without a known cause")
            gaps = _unexplained_gaps(c)
            if gaps:
                _note(
                    "  of them missing in print or in the view: "
                    + ", ".join(gaps)
                    + ("" if missing else " (--missing lists them)")
                )
        raise typer.Exit(1)


def _unexplained_gaps(c: Any) -> list[str]:
    """`N of TABLE missing in print|in the view` for the missing cells `--strict` counts."""
    from unitbudget import api

    ix = {k: i for i, k in enumerate(c.summary.columns)}
    out = []
    for r in c.summary.rows:
        explained = api.EXPLAINED_STATUSES.get(r[ix["table"]], frozenset())
        for status, where in (("missing_in_print", "in print"), ("missing_in_view", "in the view")):
            n = int(r[ix[status]] or 0)
            if (
                not n
                or status in explained
                or (status == "missing_in_print" and not r[ix["printed"]])
            ):
                continue
            out.append(f"{n} of {r[ix['table']]} (document {r[ix['document_id']]}) missing {where}")
    return out


def _print_comparison(c: Any, fmt: Format) -> None:
    gaps = c.unexplained_missing()
    if fmt is Format.json:
        _print(
            to_json(
                {
                    "summary": c.summary.as_dicts(),
                    "mismatches": c.mismatches.as_dicts(),
                    "notes": [{"table": t, "note": n} for t, n in c.notes()],
                    **({"missing": gaps.as_dicts()} if c.missing is not None else {}),
                }
            )
        )
        return
    if fmt is Format.csv:
        _print(render(c.summary.columns, c.summary.rows, fmt))
        _print("")
        _print(render(c.mismatches.columns, c.mismatches.rows, fmt))
        if c.missing is not None:
            _print("")
            _print(render(gaps.columns, gaps.rows, fmt))
        return
    _print(render(c.summary.columns, c.summary.rows, fmt, thousands=True))
    _print(f"\n{c.mismatched} mismatched cell(s)")
    if c.mismatches.rows:
        _print(render(c.mismatches.columns, c.mismatches.rows, fmt, thousands=True))
    if c.missing is not None:
        _print(f"\n{len(gaps.rows)} cell(s) missing in print or in the view without a known cause")
        if gaps.rows:
            _print(render(gaps.columns, gaps.rows, fmt, thousands=True))
    for table, note in c.notes():
        _print(f"\nwhy {table} differs: {note}")


@app.command(cls=_SqlCommand, epilog=_examples("sql"))
def sql(
    query: Annotated[
        str | None,
        typer.Argument(
            help="SQL to run (read-only); `-` reads it from standard input. "
            "A query may begin with a -- comment."
        ),
    ] = None,
    file: Annotated[
        Path | None, typer.Option("--file", help="Read the SQL from this file (UTF-8).")
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Write the result to FILE; the format follows its extension "
            "(.csv, .parquet, .xlsx, .json).",
        ),
    ] = None,
    bom: Annotated[
        bool, typer.Option("--bom", help="Begin CSV output with a UTF-8 BOM (for Excel).")
    ] = False,
    fmt: FormatOpt = Format.table,
) -> None:
    """Run ad-hoc SQL against the warehouse (read-only). Write files with --output, not COPY."""
    from unitbudget import api

    if (query is None) == (file is None):
        raise typer.BadParameter("give the SQL as QUERY, as - (standard input) or with --file")
    if file is not None:
        try:
            text = file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(f"cannot read the SQL: {exc}", file=str(file)) from exc
    elif query == "-":
        text = sys.stdin.read()
    else:
        text = query or ""
    r = api.query(_state["db"], text)
    if output is not None:
        from unitbudget.export import write_rows

        w = write_rows(output, r.columns, r.rows, bom=bom)
        _note(f"wrote {w.rows} row(s) to {w.path}")
        return
    if fmt is Format.csv and bom:
        sys.stdout.write("\ufeff")
    _print(render(r.columns, r.rows, fmt, max_cell=_max_cell()))


@app.command(cls=_Command, epilog=_examples("export"))
def export(
    out_dir: Annotated[Path, typer.Argument(help="Folder to write into (created if missing).")],
    views: Annotated[
        list[str] | None,
        typer.Argument(help="Public views to export (default: all). Not used with xlsx."),
    ] = None,
    to: Annotated[
        str,
        typer.Option(
            "--to",
            help="parquet (a folder per view, partitioned by fiscal_year), csv (with "
            "datapackage.json) or xlsx (one workbook per document, a sheet per table, named "
            "AGENCYCODE-YEAR-STAGE-DOCUMENT.xlsx; a 附錄 unit's BOOKCODE-附錄-UNITNAME-...).",
        ),
    ] = "parquet",
    bom: Annotated[
        bool, typer.Option("--bom", help="CSV files begin with a UTF-8 BOM (for Excel).")
    ] = False,
    year: YearOpt = None,
    agency: AgencyOpt = None,
    budget: BudgetOpt = None,
    stage: StageFilterOpt = None,
) -> None:
    """Write the public views as Parquet or CSV, or the regenerated tables as Excel workbooks.

    With --year/--agency/--budget/--stage only the matching documents' rows are written; views
    without a document_id column cannot be cut by document and are left out (noted).
    """
    from unitbudget import api
    from unitbudget import export as ex

    filters = {
        "year": year,
        "agency": agency,
        "budget": budget,
        "stage": _stage_option(stage),
    }
    filtered = any(v is not None and v != "" for v in filters.values())
    ids = api.document_ids(_state["db"], **filters) if filtered else None
    left_out: list[str] = []
    if to == "xlsx":
        if views:
            raise typer.BadParameter("xlsx exports every regenerated table; name no views")
        written = ex.export_workbooks(_state["db"], out_dir, ids)
    elif to in ("parquet", "csv"):
        written = ex.export_views(
            _state["db"], out_dir, views, fmt=to, bom=bom, document_ids=ids, left_out=left_out
        )
    else:
        raise typer.BadParameter(f"must be parquet, csv or xlsx, not {to!r}", param_hint="--to")
    for w in written:
        _print(f"{w.rows:>9} rows  {w.path}")
    if left_out:
        _note("left out (no document_id to filter by): " + ", ".join(left_out))
    if ids == []:
        _note(f"no document matches {_filter_text(None, **filters).removeprefix('every table ')}")
    elif not written:
        _note("nothing to export: no document has a regenerated table")


@app.command(cls=_Command, epilog=_examples("demo"))
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


@db_app.command("upgrade", cls=_Command, epilog=_examples("db upgrade"))
def db_upgrade(
    revision: Annotated[
        str, typer.Argument(help="Target revision (`unitbudget db history`), or head.")
    ] = "head",
) -> None:
    """Upgrade the schema to REVISION (default head) and re-create the views."""
    from unitbudget import api

    _print(f"at revision {api.upgrade(_state['db'], revision)}")


@db_app.command("downgrade", cls=_Command, epilog=_examples("db downgrade"))
def db_downgrade(
    revision: Annotated[str, typer.Argument(help="Target revision, or base.")],
) -> None:
    """Downgrade the schema to REVISION."""
    from unitbudget import api

    _print(f"at revision {api.downgrade(_state['db'], revision)}")


@db_app.command("current", cls=_Command, epilog=_examples("db current"))
def db_current() -> None:
    """Print the database's schema revision."""
    from unitbudget import api

    rev = api.current(_state["db"])
    _print(str(rev))
    if rev is None:
        _note("not initialised: run `unitbudget db upgrade`")


@db_app.command("history", cls=_Command, epilog=_examples("db history"))
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
    except BrokenPipeError:
        sys.exit(1)


if __name__ == "__main__":
    main()
