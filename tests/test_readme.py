"""Every command the README shows runs, as pasted (in the spirit of sqlite-utils' docs tests).

`unitbudget …` lines of its ```sh blocks run in order in a folder holding the files they name;
each statement of its ```sql block runs through `unitbudget sql`, comment and all. A trailing
`# exit N` comment states an expected non-zero exit code.
"""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from unitbudget.cli.main import app

from .conftest import BOOK, DATA, ROOT, SAMPLE

README = (ROOT / "README.md").read_text(encoding="utf-8")
_BLOCK = re.compile(r"```(\w+)\n(.*?)```", re.S)
_EXIT = re.compile(r"#\s*exit (\d+)")


def shell_commands() -> list[str]:
    return [
        line.strip()
        for lang, body in _BLOCK.findall(README)
        if lang == "sh"
        for line in body.splitlines()
        if line.strip().startswith("unitbudget ")
    ]


def sql_statements() -> list[str]:
    out = []
    for lang, body in _BLOCK.findall(README):
        if lang == "sql":
            out += [s.strip() for s in body.split(";") if s.strip()]
    return out


def test_the_readme_shows_commands_and_queries() -> None:
    commands = shell_commands()
    assert len(commands) >= 10 and len(sql_statements()) >= 3
    shown = {shlex.split(c, comments=True)[1] for c in commands}
    # Every command of the CLI appears in the README at least once.
    names = {c.name or c.callback.__name__ for c in app.registered_commands}
    assert names <= shown


def test_every_readme_command_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("UNITBUDGET_DB", raising=False)
    shutil.copy(SAMPLE, tmp_path / "budget.txt")
    shutil.copy(BOOK, tmp_path / "book.pdf")
    shutil.copy(DATA / "expenditure-by-agency-113.xlsx", tmp_path)
    (tmp_path / "budgets").mkdir()
    shutil.copy(SAMPLE, tmp_path / "budgets" / "adi-112.txt")  # loaded already: unchanged
    shutil.copy(DATA / "README.md", tmp_path / "budgets" / "README.md")  # skipped with a note
    runner = CliRunner()
    # Blocks run in the README's order: sh lines as commands, sql statements through `sql`.
    for lang, body in _BLOCK.findall(README):
        if lang == "sh":
            for line in body.splitlines():
                if line.strip().startswith("unitbudget "):
                    run_line(runner, line.strip())
        elif lang == "sql":
            for statement in [s.strip() for s in body.split(";") if s.strip()]:
                result = runner.invoke(app, ["sql", statement, "--format", "json"])
                assert result.exit_code == 0, f"{statement}\n{result.output}"
                assert result.stdout.strip() != "[]", f"returns nothing:\n{statement}"
    assert (tmp_path / "premises.xlsx").exists()
    assert (tmp_path / "exports-csv" / "datapackage.json").exists()
    assert list((tmp_path / "workbooks").glob("*.xlsx"))


def run_line(runner: CliRunner, line: str) -> None:
    expected = int(m.group(1)) if (m := _EXIT.search(line)) else 0
    result = runner.invoke(app, shlex.split(line, comments=True)[1:])
    assert result.exit_code == expected, f"{line}\n{result.output}"
    assert "Traceback" not in result.output, line


def test_help_documents_every_option_and_shows_readme_examples() -> None:
    import typer.main

    from unitbudget.cli.main import EXAMPLES

    root = typer.main.get_command(app)
    undocumented = []
    commands = dict(root.commands)  # type: ignore[attr-defined]
    for name, command in list(commands.items()):
        for sub_name, sub in getattr(command, "commands", {}).items():
            commands[f"{name} {sub_name}"] = sub
    for name, command in commands.items():
        undocumented += [f"{name} {p.name}" for p in command.params if not getattr(p, "help", None)]
    assert undocumented == []
    readme_lines = {tuple(shlex.split(c, comments=True)) for c in shell_commands()}
    runner = CliRunner()
    # every command and the db group (its subcommands too): help ends with README lines
    assert set(EXAMPLES) == {*(n for n in commands if n != "db"), "db"}
    for name in EXAMPLES:
        result = runner.invoke(app, [*name.split(), "--help"], env={"COLUMNS": "200"})
        assert result.exit_code == 0 and "Examples" in result.stdout
        for line, _ in EXAMPLES[name]:
            assert line in result.stdout
            assert tuple(shlex.split(line)) in readme_lines, f"not in the README: {line}"
