"""Typed errors raised by the core. Only the CLI turns them into messages and exit codes."""

from __future__ import annotations


class TermalignError(Exception):
    """Base of every error the core raises on purpose."""


class InputError(TermalignError):
    """Bad input: names the file, the place in it, and what was expected.

    `line` and `column` are 1-based; `offset` is a 0-based byte offset (used when the
    text could not even be decoded, so there are no lines yet).
    """

    def __init__(
        self,
        path: str,
        message: str,
        *,
        line: int | None = None,
        column: int | None = None,
        offset: int | None = None,
    ) -> None:
        self.path = path
        self.message = message
        self.line = line
        self.column = column
        self.offset = offset
        super().__init__(str(self))

    def __str__(self) -> str:
        where = self.path or "<input>"
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        elif self.offset is not None:
            where += f" (byte offset {self.offset})"
        return f"{where}: {self.message}"


class UsageError(TermalignError):
    """Options that do not fit together, or a request the tool cannot serve."""
