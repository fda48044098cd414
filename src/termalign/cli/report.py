"""`termalign report`: the review report of an alignment, as one self-contained HTML file."""

from __future__ import annotations

from pathlib import Path

import typer

from termalign.cli.app import app, core_errors, progress_bar, stderr
from termalign.errors import UsageError
from termalign.model import DocumentKind, Glossary
from termalign.report.alignment import LOW_CONFIDENCE


@app.command("report")
def report(
    alignment: Path = typer.Argument(
        ..., help="Bead table written by `termalign align` (--format tsv, jsonl or parquet)."
    ),
    glossary: Path | None = typer.Option(
        None, "--glossary", "-g", help="Glossary whose terms are highlighted on both sides (our TSV, TBX, OmegaT, CSV)."
    ),
    output: str = typer.Option("report.html", "--output", "-o", help="The HTML file to write ('-': standard output)."),
    source: Path | None = typer.Option(
        None, "--source", help="The source document, when it is not where the alignment says (beside it, or here)."
    ),
    target: Path | None = typer.Option(None, "--target", help="The target document, likewise."),
    kind: DocumentKind | None = typer.Option(
        None, "--kind", help="Reader for both documents (transcript, plain, presplit), as given to `termalign align`."
    ),
    low: float = typer.Option(LOW_CONFIDENCE, "--low", min=0.0, max=1.0, help="Beads below this confidence count as low."),
    title: str | None = typer.Option(None, "--title", help="Page title (default: the two document names)."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar, no summary on stderr."),
) -> None:
    """Write the review report of ALIGNMENT, one HTML file: no server needed, open it.

    Beads side by side under their speakers, coloured by confidence, glossary terms and
    differing numbers highlighted, the alignment-path picture, a summary with the
    low-confidence beads first, filters, and an "export fixes" button whose TSV
    `termalign align EN ZH --fix fixes.tsv` applies.

    Example:

        termalign align corpora/scio-2023-01-18-miit-industry-it-2022.en.txt corpora/scio-2023-01-18-miit-industry-it-2022.zh.txt -o out/beads.tsv

        termalign report out/beads.tsv --glossary out/glossary.tsv -o out/report.html
    """
    from termalign.report import write_alignment_report
    from termalign.report.inputs import read_alignment

    with core_errors(), progress_bar(quiet) as bar:
        aligned = read_alignment(alignment, source, target, kind=kind)
        write_alignment_report(aligned, output, _glossary(glossary), title=title, low_confidence=low, progress=bar)
    if not quiet and output != "-":
        low_count = sum(1 for b in aligned.beads if b.confidence < low)
        stderr.print(
            f"{len(aligned.beads)} beads ({low_count} below {low:.2f}) → {output}", highlight=False, soft_wrap=True, markup=False
        )


def _glossary(path: Path | None) -> Glossary | None:
    if path is None:
        return None
    from termalign.formats import read_glossary

    glossary = read_glossary(path)
    if not glossary.entries:
        raise UsageError(f"{path}: the glossary has no entries")
    return glossary
