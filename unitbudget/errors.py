"""The one exception hierarchy of unitbudget.

Library code raises these; only the CLI turns them into messages and exit codes.
"""

from __future__ import annotations


class UnitBudgetError(Exception):
    """Base of every error the project raises on purpose."""

    exit_code = 1

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        line: int | None = None,
        sheet_row: int | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.file = file
        self.line = line
        self.sheet_row = sheet_row

    def __str__(self) -> str:
        where = ""
        if self.file:
            where = self.file
            if self.line is not None:
                where += f", line {self.line}"
            if self.sheet_row is not None:
                where += f", sheet row {self.sheet_row}"
            where += ": "
        return f"{where}{self.message}"


class InputError(UnitBudgetError):
    """A file cannot be read as any supported document (empty, binary, unknown encoding...)."""

    exit_code = 2


class RefusedInput(InputError):
    """A readable file that is not a document this warehouse loads."""


class ParseError(UnitBudgetError):
    """A recognised document whose content breaks a table parser's expectations."""

    exit_code = 2


class LoadConflict(UnitBudgetError):
    """A different file for the same agency, fiscal year and stage is already loaded."""

    exit_code = 3


class DatabaseError(UnitBudgetError):
    """The database cannot be opened, is locked, or refused a statement."""

    exit_code = 4


class DatabaseLocked(DatabaseError):
    """Another process holds the write lock on the database file."""


class ReadOnlyViolation(DatabaseError):
    """A statement tried to change a database opened read-only."""


class NotYetImplemented(UnitBudgetError):
    """A command whose part arrives in a later issue."""

    exit_code = 5
