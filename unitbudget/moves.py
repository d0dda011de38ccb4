"""Account moves (core.account_moves): an account continued under another code, found in the
DGBAS 歲出機關別預算表 workbooks themselves.

A ministry or agency renumbered between two years (教育部主管 0020000000 in the 112 workbook,
0021000000 in the 113 one, which restates 112 under the new code) would otherwise count twice
in any sum over years: once under each code. The account_* views follow the moves (series_code).

Rule, per budget and for each pair of consecutive loaded workbook years (earlier, later):
only codes that disappear (printed in the earlier workbook, not in the later) and codes that
appear (the other way round) are candidates; level by level from the top (主管, 機關, 政事別,
工作計畫, 分支計畫), a disappearing and an appearing account of the same level pair up when
their parents correspond (the same parent code, or the parent's own move) and their folded names
are the same or nearly so (rapidfuzz Indel similarity >= NAME_CUTOFF), each the other's only
best match. A 主管 has no parent, so its name must be unique among the candidates. Nothing
here names an agency or a code.

Detected rows carry a note starting with DETECTED and are replaced on every refresh; rows
entered by hand (any other note) are kept.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from rapidfuzz.distance import Indel
from sqlalchemy import text
from sqlalchemy.engine import Connection

LEVELS = ("ministry", "agency", "function", "work_plan", "section")
# Names differing by one character in fewer than 20 (第一 / 第二預備金) stay apart.
NAME_CUTOFF = 95.0
DETECTED = "detected:"


@dataclass(frozen=True)
class PrintedAccount:
    """One account as a workbook prints it: code, level, name (folded) and parent code."""

    code: str
    level: str
    name: str
    name_folded: str
    parent_code: str | None


@dataclass(frozen=True)
class Move:
    """`from_code` (printed up to `last_year_printed`) continues as `to_code` from
    `from_fiscal_year` (the first workbook printing it)."""

    from_code: str
    to_code: str
    from_fiscal_year: int
    last_year_printed: int
    level: str
    name: str

    def note(self) -> str:
        return (
            f"{DETECTED} {self.level} {self.name} printed as {self.from_code} in the "
            f"{self.last_year_printed} workbook and as {self.to_code} in the "
            f"{self.from_fiscal_year} workbook (歲出機關別預算表)"
        )


def _score(a: str, b: str) -> float:
    return Indel.normalized_similarity(a, b, score_cutoff=NAME_CUTOFF / 100) * 100


def _pair(old: list[PrintedAccount], new: list[PrintedAccount]) -> list[tuple[str, str]]:
    """(old code, new code) pairs whose names are each other's only best match."""
    scores = {(o.code, n.code): _score(o.name_folded, n.name_folded) for o in old for n in new}
    best_old: dict[str, tuple[float, list[str]]] = {}
    best_new: dict[str, tuple[float, list[str]]] = {}
    for (o, n), s in scores.items():
        if s < NAME_CUTOFF:
            continue
        for best, key, other in ((best_old, o, n), (best_new, n, o)):
            top, who = best.get(key, (-1.0, []))
            if s > top:
                best[key] = (s, [other])
            elif s == top:
                who.append(other)
    return [
        (o, who[0])
        for o, (_, who) in best_old.items()
        if len(who) == 1 and best_new.get(who[0], (0, []))[1] == [o]
    ]


def find_moves(
    earlier: Mapping[str, PrintedAccount],
    later: Mapping[str, PrintedAccount],
    earlier_year: int,
    later_year: int,
) -> list[Move]:
    """Moves between two workbooks' accounts (code -> account), top level first."""
    gone = [a for code, a in earlier.items() if code not in later]
    came = [a for code, a in later.items() if code not in earlier]
    moved: dict[str, str] = {}
    found: list[Move] = []
    for level in LEVELS:
        old_groups: dict[str | None, list[PrintedAccount]] = defaultdict(list)
        new_groups: dict[str | None, list[PrintedAccount]] = defaultdict(list)
        for a in gone:
            if a.level == level:
                parent = a.parent_code
                old_groups[moved.get(parent, parent) if parent else None].append(a)
        for a in came:
            if a.level == level:
                new_groups[a.parent_code].append(a)
        for parent, old in old_groups.items():
            for from_code, to_code in _pair(old, new_groups.get(parent, [])):
                moved[from_code] = to_code
                found.append(
                    Move(
                        from_code,
                        to_code,
                        later_year,
                        earlier_year,
                        level,
                        later[to_code].name,
                    )
                )
    return found


def moves_across_years(printed: Mapping[int, Mapping[str, PrintedAccount]]) -> list[Move]:
    """Moves between each pair of consecutive years present (year -> code -> account)."""
    years = sorted(printed)
    found: list[Move] = []
    for earlier, later in zip(years, years[1:], strict=False):
        found.extend(find_moves(printed[earlier], printed[later], earlier, later))
    return found


def _printed_accounts(conn: Connection) -> dict[str, dict[int, dict[str, PrintedAccount]]]:
    """budget -> year -> code -> account, from every loaded 歲出機關別 workbook."""
    rows = conn.execute(
        text(
            "SELECT d.budget_name, d.fiscal_year, a.account_code, a.level, a.name, "
            "a.name_folded, a.parent_code FROM core.accounts AS a "
            "JOIN core.documents AS d ON d.document_id = a.document_id "
            "WHERE d.kind = 'dgbas_expenditure' ORDER BY d.document_id, a.sheet_row"
        )
    )
    out: dict[str, dict[int, dict[str, PrintedAccount]]] = defaultdict(lambda: defaultdict(dict))
    for budget, year, code, level, name, folded, parent in rows:
        out[budget or ""][int(year)].setdefault(
            code, PrintedAccount(code, level, name, folded or name, parent)
        )
    return out


def _unique(moves: Iterable[Move]) -> list[Move]:
    seen: dict[tuple[str, str, int], Move] = {}
    for m in moves:
        seen.setdefault((m.from_code, m.to_code, m.from_fiscal_year), m)
    return list(seen.values())


def refresh_account_moves(conn: Connection) -> list[Move]:
    """Replace the detected rows of core.account_moves with the moves the loaded workbooks
    show now (share 1: the whole account moved); rows entered by hand are kept. Runs in the
    caller's transaction. Returns the detected moves."""
    moves = _unique(
        m for years in _printed_accounts(conn).values() for m in moves_across_years(years)
    )
    conn.execute(
        text("DELETE FROM core.account_moves WHERE note LIKE :detected"),
        {"detected": f"{DETECTED}%"},
    )
    kept = {
        (f, t, int(y))
        for f, t, y in conn.execute(
            text("SELECT from_code, to_code, from_fiscal_year FROM core.account_moves")
        )
    }
    rows = [
        {
            "from_code": m.from_code,
            "to_code": m.to_code,
            "from_fiscal_year": m.from_fiscal_year,
            "note": m.note(),
        }
        for m in moves
        if (m.from_code, m.to_code, m.from_fiscal_year) not in kept
    ]
    if rows:
        conn.execute(
            text(
                "INSERT INTO core.account_moves (from_code, to_code, from_fiscal_year, share, "
                "note) VALUES (:from_code, :to_code, :from_fiscal_year, 1, :note)"
            ),
            rows,
        )
    return moves
