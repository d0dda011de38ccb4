"""Which 跨年期計畫概況表 row each this-year statement of a sub-plan 說明 states.

Not a table parser (no PARSER): the orchestrator calls `link_multi_year_statements` once every
table of a document is parsed, with the fact rows of core.multi_year_statements and
core.multi_year_plans; it sets `multi_year_seq` and `match_score` of the statements in place.

The prose and the table word a programme differently (`國家底圖空間資料基礎建設計畫` for the
table's `邁向3D智慧國土-國家底圖空間資料基礎建設計畫`, `本部資訊服務大樓重建工程計畫` for
`內政部資訊服務大樓重建工程計畫`): every name the text gives a statement (plan_name and
other_names) is scored against every row's 計畫名稱 with rapidfuzz's WRatio on normalised
names (a name wholly inside a longer one scores its partial ratio, scaled down by the length
difference); the row with the best score wins when it reaches `CUTOFF` (rows scoring alike are
told apart by the sum over all the names: `自然人憑證創新應用服務計畫` under its parent
「服務型智慧政府2.0推動計畫」 fits the row naming both) and no other row ties
it. The table prints no 主管 or work plan column in the books seen, so names alone decide.

A statement no row matches (or two rows tie for) is an info issue `multi_year_unmatched`
naming its page and line; in a document that prints no 跨年期計畫概況表 there is nothing to
match and nothing is said.
"""

from __future__ import annotations

from decimal import Decimal

from rapidfuzz import fuzz

from ..issues import LoadIssue
from .toolkit.prose import normalise_name

SLUG = "plan_overview"
# WRatio of normalised names (0-100) a match must reach: a name wholly inside a row's longer
# name scores 90 (partial ratio 100 x 0.9); unrelated programmes of one agency stay below 70.
CUTOFF = 85.0


def link_multi_year_statements(statements: list[dict], plans: list[dict]) -> list[LoadIssue]:
    """Set multi_year_seq / match_score on `statements`; return the issues of unmatched ones.

    statements: rows of core.multi_year_statements (plan_name, other_names, page, line …);
    plans: rows of core.multi_year_plans (seq, name).
    """
    if not plans:
        return []
    targets = [(p["seq"], normalise_name(p["name"])) for p in plans]
    issues = []
    for st in statements:
        names = [st["plan_name"], *(st.get("other_names") or "").split("｜")]
        keys = [normalise_name(n) for n in names if n]
        scored = []
        for seq, name in targets:
            scores = [fuzz.WRatio(k, name) for k in keys]
            scored.append((max(scores), sum(scores), seq))
        scored.sort(reverse=True)
        best, total, seq = scored[0]
        tied = len(scored) > 1 and scored[1][:2] == (best, total)
        if best >= CUTOFF and not tied:
            st["multi_year_seq"] = seq
            st["match_score"] = Decimal(str(round(best / 100, 3)))
            continue
        why = "two rows score alike" if best >= CUTOFF else f"best score {best:.0f} < {CUTOFF:.0f}"
        issues.append(
            LoadIssue(
                "info",
                "multi_year_unmatched",
                f"sub-plan {st['work_plan_code']}/{st['sub_plan_code']} states "
                f"{st['amount']:,}千元 this year for {st['plan_name']!r}: no 跨年期計畫概況表 row "
                f"matches ({why}); not checked",
                SLUG,
                st.get("page"),
                st.get("line"),
            )
        )
    return issues
