"""`termalign report`: the review report of an alignment, as one self-contained HTML file."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from termalign.cli.app import app, core_errors, progress_bar, stderr
from termalign.errors import UsageError
from termalign.fileio import atomic_output
from termalign.model import Alignment, DocumentKind, Glossary
from termalign.progress import NO_PROGRESS, Progress
from termalign.report.alignment import HIGH_CONFIDENCE, LOW_CONFIDENCE


@app.command("report")
def report(
    alignment: Path = typer.Argument(
        ..., help="Bead table written by `termalign align` (--format tsv, jsonl or parquet)."
    ),
    glossary: Optional[Path] = typer.Option(
        None, "--glossary", "-g", help="Glossary whose terms are highlighted on both sides (our TSV, TBX, OmegaT, CSV)."
    ),
    output: str = typer.Option("report.html", "--output", "-o", help="The HTML file to write ('-': standard output)."),
    source: Optional[Path] = typer.Option(
        None, "--source", help="The source document, when it is not where the alignment says (beside it, or here)."
    ),
    target: Optional[Path] = typer.Option(None, "--target", help="The target document, likewise."),
    kind: Optional[DocumentKind] = typer.Option(
        None, "--kind", help="Reader for both documents (transcript, plain, presplit), as given to `termalign align`."
    ),
    low: float = typer.Option(LOW_CONFIDENCE, "--low", min=0.0, max=1.0, help="Beads below this confidence count as low."),
    title: Optional[str] = typer.Option(None, "--title", help="Page title (default: the two document names)."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar, no summary on stderr."),
) -> None:
    """Write the review report of ALIGNMENT: beads side by side under their speakers, coloured by
    confidence, glossary terms and differing numbers highlighted, the alignment-path picture,
    a summary with the low-confidence beads first, filters, and an "export fixes" button
    whose TSV `termalign align EN ZH --fix fixes.tsv` applies. No server needed: open the file.

    Example:

        termalign align corpora/scio-2023-01-18-miit-industry-it-2022.en.txt
        corpora/scio-2023-01-18-miit-industry-it-2022.zh.txt -o out/beads.tsv

        termalign report out/beads.tsv --glossary out/glossary.tsv -o out/report.html
    """
    from termalign.report.inputs import read_alignment

    with core_errors(), progress_bar(quiet) as bar:
        aligned = read_alignment(alignment, source, target, kind=kind)
        write_report(aligned, output, _glossary(glossary), title=title, low=low, progress=bar)
    if not quiet and output != "-":
        low_count = sum(1 for b in aligned.beads if b.confidence < low)
        stderr.print(
            f"{len(aligned.beads)} beads ({low_count} below {low:.2f}) → {output}", highlight=False, soft_wrap=True, markup=False
        )


def write_report(
    alignment: Alignment,
    output: str | Path,
    glossary: Glossary | None = None,
    *,
    title: str | None = None,
    low: float = LOW_CONFIDENCE,
    progress: Progress = NO_PROGRESS,
) -> None:
    """Render the review report of `alignment` into `output` (atomically; '-' is stdout).

    Shared by `termalign report` and `termalign align --report`.
    """
    from termalign.report import render_alignment_report

    page = render_alignment_report(
        alignment, glossary, title=title, low_confidence=low, high_confidence=max(low, HIGH_CONFIDENCE), progress=progress
    )
    with atomic_output(output) as handle:
        handle.write(page)


def apply_fix_file(alignment: Alignment, fixes: Path, *, fast: bool, max_beads: int, progress: Progress = NO_PROGRESS) -> Alignment:
    """`termalign align --fix`: the reviewer's fixes file applied to a fresh alignment of the same
    documents, re-aligning with the options the alignment was made with."""
    from termalign.align import AlignOptions
    from termalign.align.fixes import apply_fixes, read_fixes

    found = read_fixes(fixes, alignment)
    return apply_fixes(alignment, found, options=AlignOptions(fast=fast, max_beads=max_beads), progress=progress)


def _glossary(path: Path | None) -> Glossary | None:
    if path is None:
        return None
    from termalign.formats import read_glossary

    glossary = read_glossary(path)
    if not glossary.entries:
        raise UsageError(f"{path}: the glossary has no entries")
    return glossary
