"""The typer application and what every command shares: error handling, progress, output."""

from __future__ import annotations

import contextlib
import errno
import os
import sys
from enum import StrEnum
from typing import Iterable, Iterator

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress as RichProgress, TextColumn, TimeElapsedColumn

from termalign.errors import TermalignError

app = typer.Typer(
    name="termalign",
    help=(
        "English–Chinese alignment, terminology and translation QA for official texts.\n\n"
        "Example: termalign segment corpora/scio-2023-01-18-miit-industry-it-2022.en.txt --format tsv"
    ),
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
    pretty_exceptions_enable=False,
)

stderr = Console(stderr=True)
stdout = Console()

# Exit codes shared by all commands (the check command adds 1 = issues found).
EXIT_FINDINGS = 1
EXIT_BAD_INPUT = 2


def choices(name: str, values: Iterable[str]) -> type[StrEnum]:
    """An option's choices, made from the core's own list of them (a new format needs no CLI edit)."""
    return StrEnum(name, [(value.upper(), value) for value in values])


@contextlib.contextmanager
def core_errors() -> Iterator[None]:
    """Turn the core's typed errors into one clear line on stderr and exit code 2.

    A standard output closed by its reader (`termalign segment … | head`) is no error: the
    reader has what it wanted. The work stops there, quietly, and the command ends as it
    would have (`check` still exits by its findings).
    """
    try:
        yield
    except TermalignError as error:  # InputError, UsageError and the rest
        stderr.print(f"[bold red]error:[/] {escape(str(error))}", highlight=False, soft_wrap=True)
        raise typer.Exit(EXIT_BAD_INPUT) from None
    except FileNotFoundError as error:
        stderr.print(f"[bold red]error:[/] {escape(str(error.filename))}: no such file", highlight=False, soft_wrap=True)
        raise typer.Exit(EXIT_BAD_INPUT) from None
    except OSError as error:
        if not _is_broken_pipe(error):
            raise
        # Later writes and the flush at exit go nowhere instead of failing again.
        with contextlib.suppress(OSError, ValueError):
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            os.close(devnull)


def _is_broken_pipe(error: OSError) -> bool:
    # polars raises a plain OSError("Broken pipe (os error 32)") without an errno
    return isinstance(error, BrokenPipeError) or error.errno == errno.EPIPE or "Broken pipe" in str(error)


class BarProgress:
    """A rich progress bar on stderr; silent when stderr is not a terminal or --quiet."""

    def __init__(self, enabled: bool | None = None) -> None:
        self.enabled = sys.stderr.isatty() if enabled is None else enabled
        self._bar: RichProgress | None = None
        self._task: int | None = None

    def start(self, description: str, total: int | None) -> None:
        if not self.enabled:
            return
        if self._bar is None:
            self._bar = RichProgress(
                TextColumn("{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                console=stderr,
                transient=True,
            )
            self._bar.start()
        self._task = self._bar.add_task(description, total=total)

    def advance(self, amount: int = 1) -> None:
        if self._bar is not None and self._task is not None:
            self._bar.advance(self._task, amount)

    def finish(self) -> None:
        if self._bar is not None and self._task is not None:
            self._bar.remove_task(self._task)
            self._task = None

    def close(self) -> None:
        if self._bar is not None:
            self._bar.stop()
            self._bar = None


@contextlib.contextmanager
def progress_bar(quiet: bool = False) -> Iterator[BarProgress]:
    bar = BarProgress(enabled=False if quiet else None)
    try:
        yield bar
    finally:
        bar.close()
