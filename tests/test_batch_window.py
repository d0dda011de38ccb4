"""parse_stream's window: how many files are in flight ahead of the caller, output in order."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from unitbudget.batch import parse_stream
from unitbudget.loaders.parsed import ParsedDocument

from .conftest import SAMPLE


@pytest.mark.parametrize(("window", "ahead"), [(None, 4), (2, 4), (6, 6)])
def test_files_in_flight_are_bounded_by_the_window_and_come_out_in_order(
    tmp_path: Path, window: int | None, ahead: int
) -> None:
    """`known` is asked about a file just before it is submitted: when the first document is
    yielded, exactly `ahead` files (the window, at least 2 x jobs) have been submitted."""
    paths = []
    for i in range(8):
        paths.append(tmp_path / f"copy-{i}.txt")
        shutil.copy(SAMPLE, paths[-1])
    asked: list[Path] = []

    def known(path: Path) -> None:
        asked.append(path)

    seen = []
    for path, doc in parse_stream(paths, jobs=2, known=known, window=window):
        if not seen:
            assert len(asked) == ahead
        seen.append(path)
        assert isinstance(doc, ParsedDocument)
        assert doc.file_name == path.name
        assert len(asked) <= len(seen) - 1 + ahead
    assert seen == paths


def test_a_prepared_document_crosses_processes_unchanged() -> None:
    """The pickled form (Arrow IPC streams) gives back every table with its schema and rows:
    the sample's 歲出 total as its 各項費用彙計表 prints it, 2,579,641 千元."""
    import pickle

    from unitbudget.loaders.dispatch import parse_file
    from unitbudget.loaders.prepared import PreparedDocument, prepare

    prep = prepare(parse_file(SAMPLE))
    assert isinstance(prep, PreparedDocument)
    back = pickle.loads(pickle.dumps(prep, protocol=pickle.HIGHEST_PROTOCOL))
    assert back.doc == prep.doc
    assert back.facts == prep.facts
    assert back.columns.keys() == prep.columns.keys()
    for name, columns in prep.columns.items():
        assert back.columns[name].schema.equals(columns.schema, check_metadata=True)
        assert back.columns[name].equals(columns)
    assert sum(back.columns["line_items"].column("amount").to_pylist()) == 2579641
