"""A unit budget's SourceDocument -> ParsedDocument: every table parser, then program links.

Whatever reader produced the SourceDocument (the text rendering, the PDF book), the same
parsers read its Regions: format-specific work stays in the readers. Anything a parser cannot
make sense of becomes a load issue, so a damaged document still loads what is whole.
"""

from __future__ import annotations

from collections import Counter
from itertools import repeat
from operator import attrgetter

from unitbudget.errors import ParseError
from unitbudget.schema.charts import OBJECT_CLASSES

from .codes import agency_of, is_account_code
from .contents import closes_as_listed
from .dispatch import sha256_of
from .issues import ASSUMED_STAGE, LoadIssue, stage_assumed_issue
from .parsed import ParsedDocument, PrintedTableCell, TableReport
from .readers.text import read_text_document
from .regions import Region, SourceDocument
from .registry import parsers, recognising
from .tables.base import ParseContext, TableResult

KIND = "unit_budget"
_LINE_TEXT = attrgetter("line", "text")
_CHART_CLASSES = frozenset(row[0] for row in OBJECT_CLASSES)


def parse_unit_budget(data: bytes, file_name: str, *, stage: str | None = None) -> ParsedDocument:
    """Parse a text rendering of a unit budget (bytes as read from `file_name`).

    Raises InputError / RefusedInput (not a readable unit budget) or ParseError.
    """
    return parse_source(read_text_document(data, file_name), sha256_of(data), stage=stage)


def parse_source(
    source: SourceDocument, sha256: str, *, stage: str | None = None
) -> ParsedDocument:
    """Run every table parser on the Regions any reader produced for one unit budget.

    `stage` (proposed / enacted / actual) overrides what the document says of itself
    (`source.stage_hint`); a contradiction is a warning. Without either, enacted, and a
    `stage_assumed` info issue says so.
    Raises ParseError when the page headers give no fiscal year.
    """
    file_name = source.file_name
    if source.fiscal_year is None:
        raise ParseError("no fiscal year (中華民國NNN年度) in the page headers", file=file_name)
    issues = list(source.issues)
    if stage and source.stage_hint and stage != source.stage_hint:
        issues.append(
            LoadIssue(
                "warning",
                "stage_contradicts_document",
                f"loaded as {stage} (--stage) although the document says {source.stage_hint}",
            )
        )
    own_stage = stage or source.stage_hint or ASSUMED_STAGE
    if not stage and not source.stage_hint:
        issues.append(stage_assumed_issue("the document's cover or title (預算案 / 法定預算)"))
    doc = ParsedDocument(
        kind=KIND,
        file_name=file_name,
        sha256=sha256,
        fiscal_year=source.fiscal_year,
        stage=own_stage,
        encoding=source.encoding,
        agency_name=source.agency,
        page_count=source.page_count,
        line_count=source.line_count,
        issues=issues,
    )
    book = [r for r in source.regions if r.unit_name is None]
    _parse_unit(doc, source, book)
    units = dict.fromkeys(r.unit_name for r in source.regions if r.unit_name is not None)
    for n, name in enumerate(units, start=1):
        unit = ParsedDocument(
            kind=KIND,
            file_name=file_name,
            sha256=sha256_of(f"{sha256}/appendix/{n}".encode()),
            fiscal_year=source.fiscal_year,
            stage=own_stage,
            encoding=source.encoding,
            agency_name=name,
            page_count=source.page_count,
            line_count=source.line_count,
            unit_name=name,
        )
        _parse_unit(unit, source, [r for r in source.regions if r.unit_name == name])
        doc.units.append(unit)
    return doc


def _parse_unit(doc: ParsedDocument, source: SourceDocument, regions: list[Region]) -> None:
    """Parse the tables of the book itself, or of one 附錄 unit, into `doc`."""
    ctx = ParseContext(fiscal_year=doc.fiscal_year, agency_name=doc.agency_name, stage=doc.stage)
    results = _parse_regions(regions, ctx, doc)
    for seq, (region, result) in enumerate(results, start=1):
        _collect(doc, seq, region, result)
    doc.agency_code = ctx.agency_code or _agency_code(doc)
    _link_programs(doc)
    _link_multi_year(doc)
    _check_completeness(doc, source, regions)
    _reference_rows(doc, [result for _, result in results])
    if not any(r.slug == "plan_overview" for _, r in results):
        # A 附錄 unit may print only some tables in this part of the book (現有辦公房舍明細表).
        doc.issues.append(
            LoadIssue(
                "info" if doc.unit_name else "error",
                "no_plan_overview",
                "歲出計畫提要及分支計畫概況表 not found: no line items were loaded",
            )
        )


def _parse_regions(
    regions: list[Region], ctx: ParseContext, doc: ParsedDocument
) -> list[tuple[Region, TableResult]]:
    jobs: list[tuple[int, int, Region, object]] = []
    candidates = parsers()
    for index, region in enumerate(regions):
        if region.kind == "cover":
            continue
        matched = recognising(region, candidates)
        if not matched:
            if region.kind == "table":
                doc.issues.append(
                    LoadIssue(
                        "warning",
                        "table_unrecognised",
                        f"no parser recognises the table {region.title!r}",
                        None,
                        region.pages[0] if region.pages else None,
                        region.first_line,
                    )
                )
            continue
        for p in matched:
            jobs.append((p.order, index, region, p))
    out: list[tuple[Region, TableResult]] = []
    for _, _, region, parser in sorted(jobs, key=lambda j: (j[0], j[1])):
        try:
            result = parser.parse(region, ctx)  # type: ignore[attr-defined]
        except (ParseError, ValueError, KeyError, IndexError, TypeError, AttributeError) as exc:
            # A parser bug or a layout it does not know must not lose the rest of the document.
            doc.issues.append(
                LoadIssue(
                    "error",
                    "parser_failed",
                    f"{parser.slug}: {type(exc).__name__}: {exc}",  # type: ignore[attr-defined]
                    parser.slug,
                    region.pages[0] if region.pages else None,  # type: ignore[attr-defined]
                    region.first_line,
                )
            )
            continue
        out.append((region, result))
    out.sort(key=lambda pair: pair[0].first_line)
    return out


def _collect(doc: ParsedDocument, seq: int, region: Region, result: TableResult) -> None:
    for table, rows in result.facts.items():
        doc.add_facts(table, rows, result.slug)
    cells = result.cells
    doc.cells.extend(map(PrintedTableCell, repeat(result.slug), cells))
    doc.issues.extend(result.issues)
    tokens = region.numeric_tokens
    # (line, text) -> how many printed cells or read tokens of the parser are still unmatched
    captured_at = Counter(map(_LINE_TEXT, cells))
    captured_at.update(result.read_tokens)
    unused = []
    for token in tokens:
        key = (token[1], token[2])
        if left := captured_at.get(key, 0):  # .get: no Counter.__missing__ call per miss
            captured_at[key] = left - 1
        else:
            unused.append(token)
    for page, line_no, token in unused:
        doc.issues.append(
            LoadIssue(
                "info",
                "unused_token",
                f"numeric token {token!r} was not captured in any cell",
                result.slug,
                page,
                line_no,
            )
        )
    doc.tables.append(
        TableReport(
            table_seq=seq,
            slug=result.slug,
            title=result.title,
            first_page=min(result.pages) if result.pages else None,
            last_page=max(result.pages) if result.pages else None,
            first_line=result.first_line,
            last_line=result.last_line,
            row_count=result.row_count,
            cell_count=len(result.cells),
            numeric_tokens=len(tokens),
            captured_tokens=len(tokens) - len(unused),
        )
    )


def _check_completeness(doc: ParsedDocument, source: SourceDocument, regions: list[Region]) -> None:
    """Lines lost or a file cut off show as plan amounts their object classes do not reach."""
    sums: Counter[tuple[str, str]] = Counter()
    for item in doc.facts.get("line_items", []):
        sums[(item["work_plan_code"], item["sub_plan_code"])] += item["amount"]
    plan_sums: Counter[str] = Counter()
    for sp in doc.facts.get("sub_plans", []):
        key = (sp["work_plan_code"], sp["sub_plan_code"])
        plan_sums[sp["work_plan_code"]] += sp["amount"] or 0
        if sp["amount"] is not None and sums[key] != sp["amount"]:
            doc.issues.append(
                LoadIssue(
                    "error",
                    "sub_plan_incomplete",
                    f"sub-plan {key[0]}/{key[1]} prints {sp['amount']:,} but its object "
                    f"classes sum to {sums[key]:,}: lines are missing or the file is cut",
                    "plan_overview",
                    None,
                    sp.get("line"),
                )
            )
    for wp in doc.facts.get("work_plans", []):
        code = wp["work_plan_code"]
        if wp["amount"] is not None and plan_sums[code] != wp["amount"]:
            doc.issues.append(
                LoadIssue(
                    "error",
                    "work_plan_incomplete",
                    f"work plan {code} prints {wp['amount']:,} but its sub-plans sum to "
                    f"{plan_sums[code]:,}: lines are missing or the file is cut",
                    "plan_overview",
                    None,
                    wp.get("line"),
                )
            )
    tables = [r for r in regions if r.kind == "table"]
    if (
        tables
        and tables[-1].last_line >= source.line_count - 1
        and not closes_as_listed(tables[-1], regions)
    ):
        # A book may end on a table (its last 附錄 unit's); one that also lacks tables its
        # contents list was cut: an error, so the load says so in its exit status.
        missing = sum(1 for i in source.issues if i.code == "table_missing")
        message = f"the file ends inside {tables[-1].title!r} (line {tables[-1].last_line})"
        if missing:
            message += (
                f" and {missing} table(s) its contents list are not in it: the file looks cut"
            )
        doc.issues.append(
            LoadIssue(
                "error" if missing else "warning",
                "ends_inside_table",
                message,
                None,
                None,
                tables[-1].last_line,
            )
        )


def _reference_rows(doc: ParsedDocument, results: list[TableResult]) -> None:
    """Chart rows the document prints and the charts lack join the reference charts.

    Functional classes: every one the document names (the chart starts empty). Object
    classes: a level-2 class the national chart lacks, with the name its table prints (the
    first print wins), rolling up to its X000 class; current or capital as the plan overview
    files its line items (3xxx capital).
    """
    seen = {}
    for row in doc.facts.get("function_economic_amounts", []):
        if row.get("functional_code") and row.get("functional_name"):
            seen[row["functional_code"]] = row["functional_name"]
    if seen:
        doc.reference_rows["functional_classes"] = [
            {"code": code, "name": name} for code, name in sorted(seen.items())
        ]
    printed: dict[str, str] = {}
    for result in results:
        for row in result.printed_names.get("object_classes", ()):
            if row["name"] and row["code"] not in _CHART_CLASSES:
                printed.setdefault(row["code"], row["name"])
    if printed:
        doc.reference_rows["object_classes"] = [
            {
                "code": code,
                "name": name,
                "level": 1 if code.endswith("000") else 2,
                "parent_code": None if code.endswith("000") else code[0] + "000",
                "default_expenditure_type": "capital" if code.startswith("3") else "current",
                "analysis_table": None,
            }
            for code, name in sorted(printed.items())
        ]


def _agency_code(doc: ParsedDocument) -> str | None:
    """00 + 主管 + 單位 digits of the work plan codes (DOMAIN.md §2)."""
    codes = {r["work_plan_code"] for r in doc.facts.get("work_plans", [])}
    agencies = {agency_of(c) for c in codes if is_account_code(c)}
    return agencies.pop() if len(agencies) == 1 else None


def _link_multi_year(doc: ParsedDocument) -> None:
    from .tables.multi_year_links import link_multi_year_statements

    doc.issues.extend(
        link_multi_year_statements(
            doc.facts.get("multi_year_statements", []), doc.facts.get("multi_year_plans", [])
        )
    )


def _link_programs(doc: ParsedDocument) -> None:
    try:
        from .tables.program_links import link_programs
    except ImportError:
        return
    links = link_programs(
        doc.facts.get("programs", []),
        doc.facts.get("grants", []),
        doc.facts.get("commissioned_projects", []),
    )
    if links:
        doc.add_facts("program_links", links, "program_links")
