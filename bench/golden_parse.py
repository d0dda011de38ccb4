"""Guard for speed work on the parser: the parsed output must not change.

    python bench/golden_parse.py --save /tmp/golden-parse     # before a change
    python bench/golden_parse.py --check /tmp/golden-parse    # after: exit 1 on any difference

Inputs: the bundled text sample, `--docs` synthetic corpus variants (bench/corpus.py) and the
bundled PDF book (skipped with `--no-pdf`). For each it writes the `ParsedDocument` that
`parse_file` returns (facts, printed cells, table reports, issues, 附錄 units) and the
`SourceDocument` of the text reader (regions, rows, cells) as canonical JSON, one file per
input, so a difference names the input and `diff` shows the field. Not a test: the golden
files are our own output, good only to prove a refactor changed nothing.
"""

from __future__ import annotations

import argparse
import dataclasses
import difflib
import json
import sys
import tempfile
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpus  # noqa: E402

from unitbudget.loaders.dispatch import parse_file  # noqa: E402
from unitbudget.loaders.readers.text import read_text_document  # noqa: E402

SAMPLES = Path(__file__).resolve().parents[1] / "unitbudget" / "samples"


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, set | frozenset):
        return sorted((_plain(v) for v in value), key=repr)
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return repr(value)


def snapshot(path: Path) -> str:
    """Canonical JSON of everything parsed from `path`."""
    out: dict[str, Any] = {"parsed": _plain(parse_file(path))}
    if path.suffix == ".txt":
        out["source"] = _plain(read_text_document(path.read_bytes(), path.name))
    return json.dumps(out, ensure_ascii=False, indent=1, sort_keys=True)


def inputs(work: Path, docs: int, pdf: bool) -> list[Path]:
    paths = [SAMPLES / "adi-112-unit-budget.txt", *corpus.build(work, docs)]
    if pdf:
        paths.append(SAMPLES / "moi-114-unit-budget.pdf")
    return paths


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    mode = ap.add_mutually_exclusive_group(required=True)
    mode.add_argument("--save", type=Path, help="write the golden files here")
    mode.add_argument("--check", type=Path, help="compare with the golden files here")
    ap.add_argument("--docs", type=int, default=20)
    ap.add_argument("--no-pdf", action="store_true")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="unitbudget-golden-") as tmp:
        paths = inputs(Path(tmp), args.docs, not args.no_pdf)
        differ = 0
        for path in paths:
            text = snapshot(path)
            golden = (args.save or args.check) / f"{path.name}.json"
            if args.save:
                golden.parent.mkdir(parents=True, exist_ok=True)
                golden.write_text(text, encoding="utf-8")
                continue
            old = golden.read_text(encoding="utf-8") if golden.exists() else ""
            if old != text:
                differ += 1
                print(f"DIFFERS: {path.name}")
                diff = difflib.unified_diff(old.splitlines(), text.splitlines(), lineterm="", n=1)
                for i, line in enumerate(diff):
                    if i >= 40:
                        print("  ...")
                        break
                    print(f"  {line}")
        done = f"{len(paths)} inputs, {differ} differ" if args.check else f"saved {len(paths)}"
        print(done)
        return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
