"""Synthetic corpus for the benchmark: variants of the bundled sample, one per agency and year.

Each variant is the ADI 112 text with its own agency (the 單位 digits of every account code and
the agency name) and its own fiscal year (page headers and 計畫起訖年度). Amounts are kept as
printed (scale 1): scaling every printed number would also scale headcounts, days and areas
and break identities such as person-days = days x persons, so each variant stays internally
consistent. Tables that read the year before (上年度 columns of 國外旅費 and 歲出機關別預算表)
compare a later year's variant with the previous year's variant of the same agency, whose
amounts are the same sample's: those cells mismatch by design (the first year's do not).

    python bench/corpus.py OUT                          # 200 variants: 20 agencies x 100-109
    python bench/corpus.py OUT --docs 1000             # 1000 variants: 91 agencies x 100-110
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Iterator
from pathlib import Path

SAMPLE = Path(__file__).resolve().parents[1] / "unitbudget" / "samples" / "adi-112-unit-budget.txt"
_CODE = re.compile(r"(?<!\d)(\d{2})62(20)(\d{3,4})(?!\d)")
_YEAR_HEADER = re.compile(r"(中華民國\s*)112(\s*年度)")
_YEAR_LINE = re.compile(r"^(\s*)112年度$", re.M)
_PERIOD = re.compile(r"(?<!\d)112-112(?!\d)")
_AGENCY = "數位產業署"


def variant(text: str, agency_no: int, fiscal_year: int) -> str:
    """The sample as if agency `agency_no` (0-99) of 主管 62 had printed it for `fiscal_year`."""
    unit = f"{agency_no:02d}"
    text = _CODE.sub(lambda m: f"{m.group(1)}62{unit}{m.group(3)}", text)
    text = _YEAR_HEADER.sub(lambda m: f"{m.group(1)}{fiscal_year}{m.group(2)}", text)
    text = _YEAR_LINE.sub(lambda m: f"{m.group(1)}{fiscal_year}年度", text)
    text = _PERIOD.sub(f"{fiscal_year}-{fiscal_year}", text)
    # Chinese digits: agency names carry no ASCII digits in real headers either.
    name = "".join("零一二三四五六七八九"[int(d)] for d in unit)
    return text.replace(_AGENCY, f"數位產業{name}署")


def build(out: Path, docs: int, years: int = 10, first_year: int = 100) -> list[Path]:
    """Write `docs` variants: ceil(docs / years) agencies x `years` fiscal years."""
    out.mkdir(parents=True, exist_ok=True)
    text = SAMPLE.read_text(encoding="utf-8")
    paths = []
    for i, (agency, year) in enumerate(_slots(docs, years, first_year)):
        path = out / f"variant-{agency:02d}-{year}.txt"
        if not path.exists():
            path.write_text(variant(text, agency, year), encoding="utf-8")
        paths.append(path)
        if i + 1 >= docs:
            break
    return paths


def _slots(docs: int, years: int, first_year: int) -> Iterator[tuple[int, int]]:
    agencies = -(-docs // years)
    if agencies > 99:
        raise ValueError("at most 99 agencies x years fit one 主管's 單位 digits")
    for agency in range(1, agencies + 1):
        for year in range(first_year, first_year + years):
            yield agency, year


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("out", type=Path, metavar="OUT", help="directory to write the variants to")
    ap.add_argument("--docs", type=int, default=200, help="variants to write (default 200)")
    ap.add_argument(
        "--years",
        type=int,
        help="fiscal years per agency (default: enough for 99 agencies, at least 10, as run.py)",
    )
    ap.add_argument("--first-year", type=int, default=100, help="first fiscal year (default 100)")
    args = ap.parse_args(argv)
    if args.years is None:
        args.years = max(10, -(-args.docs // 99))
    if args.docs < 1 or args.years < 1:
        ap.error("--docs and --years must be at least 1")
    # build() keeps variants already in OUT: say how many this run wrote.
    before = set(args.out.glob("variant-*.txt")) if args.out.is_dir() else set()
    try:
        paths = build(args.out, args.docs, args.years, args.first_year)
    except ValueError as exc:
        ap.error(str(exc))
    wrote = sum(1 for path in paths if path not in before)
    print(f"wrote {wrote} variant(s) to {args.out} ({len(paths) - wrote} already there)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
