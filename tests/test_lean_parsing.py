"""The fast paths of parsing decide exactly what the slow ones did.

- name matching: rapidfuzz rejects pairs first (`name_ratio`); on the sample every fact, cell
  and issue equals a parse that scores every pair with difflib alone;
- the binary check (one regex) counts the same control characters as Unicode category Cc;
- the reference charts the parsers read are what the migrations seed into core.*.
"""

from __future__ import annotations

import unicodedata
from difflib import SequenceMatcher

import duckdb
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from unitbudget.errors import InputError
from unitbudget.loaders.amounts import normalize, parse_number
from unitbudget.loaders.parsed import ParsedDocument
from unitbudget.loaders.readers import encoding
from unitbudget.loaders.regions import Cell
from unitbudget.loaders.tables import program_links
from unitbudget.loaders.tables._plan_overview import programs as plan_programs
from unitbudget.loaders.tables._plan_overview.drafts import (
    Fragment,
    SubPlanDraft,
    fragment_finder,
)
from unitbudget.loaders.tables.toolkit import prose as _prose
from unitbudget.loaders.unit_budget import parse_unit_budget
from unitbudget.loaders.writer import all_rows
from unitbudget.schema import charts

from .conftest import SAMPLE

# Names built from a few characters so that near-matches around the cut-offs are common.
_NAMES = st.text(alphabet="計畫補助捐研究發展業務國際合作推動科技a1", max_size=14)


@settings(max_examples=400, deadline=None)
@given(_NAMES, _NAMES, st.sampled_from([0.5, 0.8]))
def test_name_ratio_is_difflibs_ratio_above_the_cutoff(a: str, b: str, cutoff: float) -> None:
    ratio = SequenceMatcher(None, a, b).ratio()
    assert _prose.name_ratio(a, b, cutoff) == (ratio if ratio >= cutoff else 0.0)


def _difflib_only(a: str, b: str, cutoff: float) -> float:
    return SequenceMatcher(None, a, b).ratio()


def _everything(doc: ParsedDocument) -> list:
    return [
        (doc.kind, doc.fiscal_year, doc.agency_code, doc.agency_name),
        [(name, [sorted(r.items(), key=str) for r in rows]) for name, rows in all_rows(doc)],
        doc.reference_rows,
    ]


def test_sample_parses_the_same_as_with_difflib_alone(
    sample_doc: ParsedDocument, monkeypatch: pytest.MonkeyPatch
) -> None:
    links = sample_doc.facts["program_links"]
    # the sample exercises the fuzzy and amount paths, not only exact names
    assert {r["method"] for r in links} >= {"exact", "fuzzy"}
    monkeypatch.setattr(program_links, "name_ratio", _difflib_only)
    monkeypatch.setattr(plan_programs, "name_ratio", _difflib_only)
    slow = parse_unit_budget(SAMPLE.read_bytes(), SAMPLE.name)
    assert _everything(slow) == _everything(sample_doc)


@settings(max_examples=300, deadline=None)
@given(_NAMES, st.lists(_NAMES, max_size=8), st.sampled_from([0.5, 0.8]))
def test_name_ratios_are_name_ratio_per_choice(a: str, choices: list[str], cutoff: float) -> None:
    expected = {i: r for i, c in enumerate(choices) if (r := _prose.name_ratio(a, c, cutoff))}
    assert _prose.name_ratios(a, choices, cutoff) == expected


def _difflib_every_pair(a: str, choices: list[str], cutoff: float) -> dict[int, float]:
    ratios = {i: SequenceMatcher(None, a, c).ratio() for i, c in enumerate(choices)}
    return {i: r for i, r in ratios.items() if r >= cutoff}


def test_sample_parses_the_same_when_difflib_scores_every_pair_of_a_batch(
    sample_doc: ParsedDocument, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The plan overview's alignment and program links score a name against all the others
    in one `name_ratios` call (rapidfuzz's pre-filter over the list); difflib over every pair
    decides the same on the sample."""
    links = sample_doc.facts["program_links"]
    assert {r["method"] for r in links} >= {"exact", "fuzzy"}
    monkeypatch.setattr(program_links, "name_ratios", _difflib_every_pair)
    monkeypatch.setattr(plan_programs, "name_ratios", _difflib_every_pair)
    slow = parse_unit_budget(SAMPLE.read_bytes(), SAMPLE.name)
    assert _everything(slow) == _everything(sample_doc)
    assert slow.cells == sample_doc.cells and slow.issues == sample_doc.issues


def test_one_translation_table_normalises_full_width_text() -> None:
    assert normalize("\u3000１２，３４５．６\u3000") == "12,345.6"
    assert parse_number("（１２）") is None  # full-width brackets are not number characters
    assert parse_number("－") == 0
    assert parse_number("(1,234)") == -1234


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_binary_check_counts_category_cc(text: str) -> None:
    allowed = {"\t", "\n", "\r", "\f", "\v"}
    controls = [c for c in text if c not in allowed and unicodedata.category(c) == "Cc"]
    binary = "\x00" in text or len(controls) > 0.01 * len(text)
    if binary:
        with pytest.raises(InputError, match=f"binary data: {len(controls)} control"):
            encoding._check_not_binary(text, "x.txt")
    else:
        encoding._check_not_binary(text, "x.txt")


def test_binary_check_names_the_line_of_the_first_control_character() -> None:
    text = "預算\n" * 5 + "\x07\x08\x1b" + "x\n" * 3
    with pytest.raises(InputError) as err:
        encoding._check_not_binary(text, "x.txt")
    assert err.value.line == 6


def test_parsers_read_charts_equal_to_what_the_migrations_seed(sample_db: str) -> None:
    con = duckdb.connect(sample_db, read_only=True)
    try:
        seeded = {
            "OBJECT_CLASSES": "SELECT code, name, level, parent_code, default_expenditure_type "
            "FROM core.object_classes",
            "ECONOMIC_CLASSES": "SELECT code, name, side, group_name, sort_order "
            "FROM core.economic_classes",
            "ECONOMIC_MAPPINGS": "SELECT source_kind, source_code, economic_code, rule "
            "FROM core.economic_mappings",
            "GRANT_RECIPIENT_RULES": "SELECT pattern, recipient_class, priority, rule "
            "FROM core.grant_recipient_rules",
        }
        for name, sql in seeded.items():
            # a document may add codes to the tables at load time; the charts are their seed
            stored = {tuple(r) for r in con.execute(sql).fetchall()}
            chart = {tuple(r) for r in getattr(charts, name)}
            assert chart <= stored, name
            assert len(chart) == len(getattr(charts, name)) > 0
    finally:
        con.close()


def _best_over_every_program(programs: list[dict], target: program_links.Target) -> tuple | None:
    """The name pass of link_programs as it was: the target against every program in order."""
    keys = [_prose.normalise_name(n) for p in programs for n in program_links._names(p)]
    spaced, key = program_links._spaced(target.name), _prose.normalise_name(target.name)
    fuzzy = _prose.name_ratios(key, keys, program_links._FUZZY) if key else {}
    best, index = None, 0
    for program in programs:
        names = []
        for name in program_links._names(program):
            names.append((index, program_links._spaced(name), _prose.normalise_name(name)))
            index += 1
        if not program_links._same_work_plan(program, target):
            continue
        match = program_links._name_match(names, spaced, key, fuzzy)
        if match and (best is None or program_links._better(match, best[1])):
            best = (program["program_seq"], match)
    return best


_PLANS = st.sampled_from([None, "5262200100", "5262200200"])


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.tuples(_NAMES, st.one_of(st.none(), _NAMES), _PLANS), max_size=8),
    st.lists(st.tuples(_NAMES, _PLANS), max_size=8),
)
def test_program_links_compare_a_target_with_its_candidates_only(
    programs: list[tuple[str, str | None, str | None]], grants: list[tuple[str, str | None]]
) -> None:
    """link_programs compares a target only with programs of an equal or fuzzy-passing name
    (an index); every name link is the one comparing it with every program gives."""
    rows = [
        {"program_seq": seq, "name": name, "statement_name": statement, "work_plan_code": plan}
        for seq, (name, statement, plan) in enumerate(programs, start=1)
    ]
    facts = [
        {"seq": seq, "program_name": name, "work_plan_code": plan}
        for seq, (name, plan) in enumerate(grants, start=1)
    ]
    got = {r["target_key"]: r for r in program_links.link_programs(rows, facts, [])}
    for target in program_links._targets(facts, "grant", "seq", "program_name"):
        best = _best_over_every_program(rows, target)
        link = got.get(target.key)
        if best is None:
            assert link is None
        else:
            assert (link["program_seq"], link["method"]) == (best[0], best[1].method)
            assert link["score"] == program_links._score(best[1])


def _fragment_by_scanning(fragments: list, text: str, offset: int) -> object:
    """The plan overview's fragment lookup as first written: a scan per offset."""
    position = 0
    for fragment in fragments:
        found = text.find(fragment.text.strip(), position)
        if found < 0:
            continue
        end = found + len(fragment.text.strip())
        if offset < end:
            return fragment
        position = end
    return fragments[-1] if fragments else None


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet="計畫 1.。", max_size=5), max_size=6), st.text("計畫 1.。"))
def test_fragment_finder_places_each_fragment_once_and_finds_what_a_scan_finds(
    texts: list[str], noise: str
) -> None:
    fragments = [Fragment(t, 1, n) for n, t in enumerate(texts)]
    sp = SubPlanDraft("5262200100", "01", "人員維持", 176000, Cell("176,000", 1, 1), [], fragments)
    text = noise.join(t.strip() for t in texts[::-1] + texts)  # out of order and repeated
    at = fragment_finder(sp, text)
    for offset in range(-1, len(text) + 2):
        assert at(offset) is _fragment_by_scanning(fragments, text, offset)
