"""`termalign batch`: align a whole archive of document pairs, resumable, locally or on Dask."""

from __future__ import annotations

import contextlib
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Iterator

import typer
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress as RichProgress, TextColumn, TimeElapsedColumn
from rich.table import Table

from termalign.cli.app import EXIT_BAD_INPUT, app, core_errors, stderr
from termalign.model import DocumentKind

if TYPE_CHECKING:
    from termalign.batch import BatchSummary

EXIT_SOME_FAILED = 1
EXIT_INTERRUPTED = 130  # as a shell reports Ctrl-C


class EngineName(StrEnum):
    LOCAL = "local"
    DASK = "dask"


@app.command("batch")
def batch(
    sources: list[Path] = typer.Argument(..., help="MANIFEST (TSV: id, English path, Chinese path[, kind]) or EN_DIR ZH_DIR (files paired by name)."),
    output: Path = typer.Option(..., "--output", "-o", help="Output folder: parts/, beads.parquet, memory.tmx, glossary.tsv, failures.tsv, pairs.tsv, summary.json."),
    jobs: int | None = typer.Option(None, "--jobs", "-j", min=1, help="Workers: local processes (default: the cores; 1 = in this process), or LocalCluster workers with --engine dask (a --scheduler's cluster has its own)."),
    engine: EngineName = typer.Option(EngineName.LOCAL, "--engine", help="local (process pool) or dask (a Dask distributed cluster)."),
    scheduler: str | None = typer.Option(None, "--scheduler", help="Dask scheduler address (tcp://host:8786); with --engine dask. Without it a LocalCluster is started."),
    fast: bool = typer.Option(False, "--fast", help="No sentence embeddings (alignment by word vectors, length, numbers, dictionary; terms paired without them): for very large archives."),
    resume: bool = typer.Option(False, "--resume", help="Keep the pairs an earlier (interrupted) run completed with the same inputs and options; do the rest."),
    kind: DocumentKind | None = typer.Option(None, "--kind", help="transcript, plain or presplit for pairs whose manifest line names no kind (default: detected)."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar."),
) -> None:
    """Align many document pairs into one translation memory, one bead table and one glossary.

    Each pair is read, segmented and aligned on a worker; its beads are written as a Parquet part (atomically, with a done marker). Then all parts are merged in pair-id order into OUTDIR/beads.parquet, OUTDIR/memory.tmx and OUTDIR/glossary.tsv (terms counted across the whole corpus).

    A pair that fails is listed in OUTDIR/failures.tsv and the batch goes on: exit code 1 says some failed, 2 that the batch itself could not run. After an interruption, run the same command with --resume.

    Examples:

        termalign batch pairs.tsv -o out/ --jobs 2 --fast

        termalign batch archive/en archive/zh -o out/ --resume

        termalign batch pairs.tsv -o /shared/out --engine dask --scheduler tcp://10.0.0.5:8786
    """
    from termalign.batch import TaskOptions, load_pairs, open_engine, run_batch

    with core_errors(), _interruption(output):
        manifest = load_pairs(sources, kind=kind)
        for path in manifest.unmatched:
            stderr.print(f"[yellow]unmatched:[/] {escape(str(path))} has no counterpart in the other folder", highlight=False, soft_wrap=True)
        with _bars(quiet) as (pairs_bar, sentences_bar):
            with open_engine(engine.value, jobs, scheduler, fast=fast) as running:
                summary = run_batch(
                    manifest,
                    output,
                    engine=running,
                    options=TaskOptions(fast=fast),
                    resume=resume,
                    progress=pairs_bar,
                    sentence_progress=sentences_bar,
                )
    _print_summary(summary)
    if summary.failed:
        raise typer.Exit(EXIT_SOME_FAILED)


@contextlib.contextmanager
def _interruption(output: Path) -> Iterator[None]:
    try:
        yield
    except KeyboardInterrupt:
        stderr.print(f"interrupted: the finished pairs are kept in {output}/parts; run the same command with --resume to go on", highlight=False, soft_wrap=True, markup=False)
        raise typer.Exit(EXIT_INTERRUPTED) from None


def _print_summary(summary: BatchSummary) -> None:
    kinds = ", ".join(f"{kind} {count}" for kind, count in summary.beads_by_kind.items()) or "none"
    lines = [
        f"pairs: {summary.pairs} — {summary.aligned} aligned, {summary.resumed} kept from an earlier run, {summary.failed} failed",
        f"sentences: {summary.en_sentences} English, {summary.zh_sentences} Chinese",
        f"beads: {summary.beads} ({kinds}); mean confidence {summary.mean_confidence:.3f}",
        f"time: {summary.seconds:.1f} s on {summary.workers} worker(s) ({summary.engine}), {summary.pairs_per_minute:.1f} pairs/min; "
        f"merge {summary.merge_seconds:.1f} s",
    ]
    for line in lines:
        stderr.print(line, highlight=False)
    if summary.review_first:
        table = Table(title="review first (lowest confidence)", title_justify="left", box=None, pad_edge=False)
        for column in ("pair", "mean confidence", "low beads", "beads"):
            table.add_column(column, justify="left" if column == "pair" else "right")
        for review in summary.review_first:
            table.add_row(escape(review.id), f"{review.mean_confidence:.3f}", str(review.low_confidence_beads), str(review.beads))
        stderr.print(table)
    for failure in summary.failures:
        stderr.print(f"[bold red]failed:[/] {escape(f'{failure.id}: {failure.error}')}", highlight=False, soft_wrap=True)
    outputs = summary.outputs
    stderr.print(
        f"→ {outputs.beads} ({outputs.bead_rows} beads), {outputs.tmx} ({outputs.translation_units} units), "
        f"{outputs.glossary} ({outputs.terms} terms), {outputs.failures}",
        highlight=False,
        soft_wrap=True,
        markup=False,
    )


class _TaskBar:
    """One line of a shared rich progress display, seen through the core's Progress protocol."""

    def __init__(self, display: RichProgress | None) -> None:
        self._display = display
        self._task: int | None = None

    def start(self, description: str, total: int | None) -> None:
        if self._display is not None:
            if self._task is not None:
                self._display.remove_task(self._task)
            self._task = self._display.add_task(description, total=total)

    def advance(self, amount: int = 1) -> None:
        if self._display is not None and self._task is not None:
            self._display.advance(self._task, amount)

    def finish(self) -> None:
        if self._display is not None and self._task is not None:
            self._display.remove_task(self._task)
            self._task = None


@contextlib.contextmanager
def _bars(quiet: bool) -> Iterator[tuple[_TaskBar, _TaskBar]]:
    """Two lines, pairs and sentences, on stderr (none with --quiet or when stderr is not a terminal)."""
    if quiet or not sys.stderr.isatty():
        yield _TaskBar(None), _TaskBar(None)
        return
    display = RichProgress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), console=stderr, transient=True
    )
    with display:
        yield _TaskBar(display), _TaskBar(display)


__all__ = ["batch", "EXIT_SOME_FAILED", "EXIT_BAD_INPUT", "EXIT_INTERRUPTED"]
