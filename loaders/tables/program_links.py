"""Links from programs (計畫) to the grants (捐助) and commissioned projects (委辦) that fund them.

Not a table parser (no PARSER): the orchestrator calls `link_programs` once every table of a
document is parsed, with the fact rows of core.programs, core.grants and
core.commissioned_projects, and stores the rows it returns in core.program_links.

How a link is made (`method`), strongest first:
- exact: the grant's or project's name equals the program's name (計畫內容) or its 說明 name;
- normalised: equal after removing spaces, punctuation, 「」 brackets and a trailing 計畫;
- fuzzy: difflib ratio of the normalised names >= 0.8 (`score`; rapidfuzz rejects the pairs
  that cannot reach it first, `name_ratio`);
- amount: a weaker name candidate (ratio >= 0.5, or sharing a 4-character prefix) whose total
  makes the program's linked totals add up exactly to the program's 說明 amount (DOMAIN.md §4:
  program amount = its grants + awards + commissions); only a unique such set is linked.
Each grant or project links to at most one program (the best-scoring one), within the same
work plan when both sides name one.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from itertools import combinations

from .toolkit.prose import name_ratio, name_ratios, normalise_name

_FUZZY = 0.8
_WEAK = 0.5
_PREFIX = 4
_MAX_SET = 4
_MAX_CANDIDATES = 12
_RANK = {"exact": 3, "normalised": 2, "fuzzy": 1}


@dataclass(frozen=True)
class Target:
    kind: str  # grant or commissioned
    key: str
    name: str
    work_plan: str | None
    total: int | None


@dataclass(frozen=True)
class Match:
    method: str
    score: float


def link_programs(programs: list[dict], grants: list[dict], commissioned: list[dict]) -> list[dict]:
    """Rows for core.program_links: program_seq, target_kind, target_key, method, score."""
    targets = [
        *_targets(grants, "grant", "seq", "program_name"),
        *_targets(commissioned, "commissioned", "seq", "name"),
    ]
    links: dict[tuple[str, str], tuple[int, Match]] = {}
    # Each program name folded once: (index among all names, spaced, normalised).
    named: list[tuple[dict, list[tuple[int, str, str]]]] = []
    keys: list[str] = []
    # Only a program with a name equal to the target's (spaced or normalised) or one the fuzzy
    # pre-filter passes can match it: these index the programs by such names, so a target is
    # compared with its few candidates, not with every program.
    owner: list[int] = []  # name index -> program position
    by_spaced: dict[str, list[int]] = {}
    by_key: dict[str, list[int]] = {}
    for position, program in enumerate(programs):
        names = []
        for name in _names(program):
            names.append((len(keys), _spaced(name), normalise_name(name)))
            keys.append(names[-1][2])
            owner.append(position)
            by_spaced.setdefault(names[-1][1], []).append(position)
            if names[-1][2]:
                by_key.setdefault(names[-1][2], []).append(position)
        named.append((program, names))
    for target in targets:
        best: tuple[int, Match] | None = None
        spaced, key = _spaced(target.name), normalise_name(target.name)
        # the fuzzy ratios of this target against every program name, in one call
        fuzzy = name_ratios(key, keys, _FUZZY) if key else {}
        candidates = set(by_spaced.get(spaced, ()))
        if key:
            candidates.update(by_key.get(key, ()))
            candidates.update(owner[index] for index in fuzzy)
        # in program order: the first of equally good programs wins, as over all programs
        for position in sorted(candidates):
            program, names = named[position]
            if not _same_work_plan(program, target):
                continue
            match = _name_match(names, spaced, key, fuzzy)
            if match and (best is None or _better(match, best[1])):
                best = (program["program_seq"], match)
        if best is not None:
            links[(target.kind, target.key)] = best
    _link_by_amount(programs, targets, links)
    rows = [
        {
            "program_seq": seq,
            "target_kind": kind,
            "target_key": key,
            "method": match.method,
            "score": _score(match),
        }
        for (kind, key), (seq, match) in links.items()
    ]
    return sorted(rows, key=lambda r: (r["program_seq"], r["target_kind"], r["target_key"]))


def _targets(rows: Iterable[dict], kind: str, key: str, name: str) -> list[Target]:
    return [
        Target(kind, str(r[key]), str(r.get(name) or ""), r.get("work_plan_code"), r.get("total"))
        for r in rows
        if r.get(key) is not None and r.get(name)
    ]


def _same_work_plan(program: dict, target: Target) -> bool:
    plan = program.get("work_plan_code")
    return not plan or not target.work_plan or plan == target.work_plan


def _names(program: dict) -> list[str]:
    return [n for n in (program.get("name"), program.get("statement_name")) if n]


def _name_match(
    names: list[tuple[int, str, str]], spaced: str, key: str, fuzzy: dict[int, float]
) -> Match | None:
    """The best match of a target (its `spaced` and normalised `key` name, its `fuzzy` ratios
    by name index) with a program's `names` (index, spaced, normalised): as `_compare`."""
    best: Match | None = None
    for index, name_spaced, name_key in names:
        if name_spaced == spaced:
            match: Match | None = Match("exact", 1.0)
        elif not name_key or not key:
            match = None
        elif name_key == key:
            match = Match("normalised", 1.0)
        else:
            ratio = fuzzy.get(index)
            match = Match("fuzzy", ratio) if ratio is not None else None
        if match and (best is None or _better(match, best)):
            best = match
    return best


# Every target is compared with every program name: each name's spacing is folded once.
@lru_cache(maxsize=1 << 14)
def _spaced(name: str) -> str:
    return " ".join(name.split())


def _better(a: Match, b: Match) -> bool:
    return (_RANK.get(a.method, 0), a.score) > (_RANK.get(b.method, 0), b.score)


def _weak_score(program: dict, target: Target) -> float:
    """How much a target's name resembles the program's, for amount-confirmed links."""
    best = 0.0
    for name in _names(program):
        na, nb = normalise_name(name), normalise_name(target.name)
        if not na or not nb:
            continue
        # below _WEAK the ratio only matters through the prefix rule, which lifts it to _WEAK
        ratio = name_ratio(na, nb, _WEAK)
        if len(na) >= _PREFIX and na[:_PREFIX] == nb[:_PREFIX]:
            ratio = max(ratio, _WEAK)
        best = max(best, ratio)
    return best


def _link_by_amount(
    programs: list[dict], targets: list[Target], links: dict[tuple[str, str], tuple[int, Match]]
) -> None:
    by_key = {(t.kind, t.key): t for t in targets}
    for program in programs:
        amount = program.get("amount")
        if amount is None:
            continue
        seq = program["program_seq"]
        linked = [by_key[k] for k, (s, _) in links.items() if s == seq]
        if any(t.total is None for t in linked):
            continue
        missing = amount - sum(t.total or 0 for t in linked)
        if missing <= 0:
            continue
        candidates = [
            (t, score)
            for t in targets
            if (t.kind, t.key) not in links
            and t.total is not None
            and _same_work_plan(program, t)
            and (score := _weak_score(program, t)) >= _WEAK
        ]
        # the strongest few only: the search is over subsets
        candidates = sorted(candidates, key=lambda c: -c[1])[:_MAX_CANDIDATES]
        sets = [
            combo
            for size in range(1, min(_MAX_SET, len(candidates)) + 1)
            for combo in combinations(candidates, size)
            if sum(t.total or 0 for t, _ in combo) == missing
        ]
        if len(sets) != 1:
            continue
        for target, score in sets[0]:
            links[(target.kind, target.key)] = (seq, Match("amount", score))


def _score(match: Match) -> Decimal | None:
    if match.method in ("exact", "normalised"):
        return None
    return Decimal(str(round(match.score, 3)))
