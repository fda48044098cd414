"""`termalign align` (two documents → beads) and `termalign evaluate` (beads against gold beads)."""

from __future__ import annotations

from collections import Counter
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from termalign.cli.app import app, core_errors, progress_bar, stderr, stdout
from termalign.model import Alignment, Lang
from termalign.progress import Progress

if TYPE_CHECKING:
    from termalign.align.evaluate import Evaluation

LOW_CONFIDENCE = 0.5


class AlignFormat(StrEnum):
    TSV = "tsv"
    JSONL = "jsonl"
    BEADS = "beads"
    TMX = "tmx"


_BY_SUFFIX = {".tsv": AlignFormat.TSV, ".jsonl": AlignFormat.JSONL, ".align": AlignFormat.BEADS, ".tmx": AlignFormat.TMX}


@app.command("align")
def align(
    src: Path = typer.Argument(..., help="Source document: SCIO transcript, plain text, or one sentence per line with --presplit."),
    tgt: Path = typer.Argument(..., help="Target document (its translation or original), same kind as SRC."),
    src_lang: Lang | None = typer.Option(None, "--src-lang", help="zh or en; detected from the text when omitted."),
    tgt_lang: Lang | None = typer.Option(None, "--tgt-lang", help="zh or en; detected from the text when omitted."),
    presplit: bool = typer.Option(False, "--presplit", help="One sentence per line; ids are the 0-based line numbers."),
    fast: bool = typer.Option(False, "--fast", help="No sentence embeddings: word vectors, lengths, numbers and the dictionary (very large inputs; each new word is embedded once, then cached)."),
    max_beads: int | None = typer.Option(None, "--max-beads", min=1, max=8, help="Most sentences a bead holds on one side (4 allows 1-4, 2-3, 3-2, 4-1); default 6, 4 with --fast."),
    fmt: AlignFormat | None = typer.Option(None, "--format", "-f", help="tsv, jsonl, beads ([0, 1]:[0] lines) or tmx; default from the -o suffix, else tsv."),
    output: str = typer.Option("-", "--output", "-o", help="Output file; '-' (the default) is standard output."),
    encoding: str | None = typer.Option(None, "--encoding", help="Encoding of both inputs; detected when omitted."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar and no summary on stderr."),
    fix: Path | None = typer.Option(None, "--fix", help="Fixes TSV exported from the review report: keeps every other bead and re-aligns only around the beads marked wrong."),
    report: Path | None = typer.Option(None, "--report", help="Also write the review report (one HTML file) of the alignment."),
) -> None:
    """Align SRC with TGT sentence by sentence: 1-1, 1-2, 2-1, 2-2 … and 1-0 / 0-1 beads, each with a confidence.

    Transcripts are aligned speaker turn by speaker turn first. Embeddings of the sentences are
    cached (in $TERMALIGN_CACHE, default ~/.cache/termalign), so a re-run is quick.

    TSV/JSONL columns: bead, kind, confidence, src/tgt indices and ids, speaker, role, turn,
    paragraph, tgt_paragraph, src/tgt text. The beads format is that of the mac-dev gold files
    (source ids first) and is what `termalign evaluate` reads. TMX skips null beads.

    Examples:

        termalign align corpora/scio-2023-01-18-miit-industry-it-2022.en.txt corpora/scio-2023-01-18-miit-industry-it-2022.zh.txt -o out/beads.tsv

        termalign align ../shared/data/mac-dev/zh/001.zh ../shared/data/mac-dev/en/001.en --presplit --format beads -o out/001.align

        termalign align EN ZH -o out/beads.tsv --report out/report.html   (then, with the ticks exported from the report:)
        termalign align EN ZH -o out/beads.tsv --fix fixes.tsv --report out/report.html
    """
    # Imported here: the aligner (pinyin tables, names) takes about a second to load, which every
    # other command would pay at start-up.
    from termalign.align.aligner import align_files

    with core_errors():
        chosen = _format(fmt, output)
        with progress_bar(quiet) as bar:
            alignment = align_files(
                src,
                tgt,
                src_lang=src_lang,
                tgt_lang=tgt_lang,
                presplit=presplit,
                encoding=encoding,
                fast=fast,
                max_beads=max_beads,
                progress=bar,
            )
            if fix is not None:
                alignment = _apply_fixes(alignment, fix, fast=fast, max_beads=max_beads, progress=bar)
            if report is not None:
                from termalign.report import write_alignment_report

                write_alignment_report(alignment, report, progress=bar)
        write_alignment(alignment, output, chosen)
    if not quiet and output != "-":
        stderr.print(summary(alignment, output), highlight=False, soft_wrap=True, markup=False)


def _apply_fixes(alignment: Alignment, fixes: Path, *, fast: bool, max_beads: int | None, progress: Progress) -> Alignment:
    """The reviewer's fixes file applied to a fresh alignment of the same documents,
    re-aligning with the options the alignment was made with."""
    from termalign.align import AlignOptions
    from termalign.align.fixes import apply_fixes, read_fixes

    found = read_fixes(fixes, alignment)
    return apply_fixes(alignment, found, options=AlignOptions(fast=fast, max_beads=max_beads), progress=progress)


def _format(fmt: AlignFormat | None, output: str) -> AlignFormat:
    if fmt is not None:
        return fmt
    return _BY_SUFFIX.get(Path(output).suffix.lower(), AlignFormat.TSV) if output != "-" else AlignFormat.TSV


def write_alignment(alignment: Alignment, output: str, fmt: AlignFormat) -> None:
    """Write an alignment in one of the `termalign align` formats (atomically; '-' is stdout)."""
    if fmt is AlignFormat.BEADS:
        from termalign.formats.beads import save_beads

        save_beads(alignment.beads, output)
    elif fmt is AlignFormat.TMX:
        from termalign.formats.tmx import write_tmx
        from termalign.formats.units import LANG_TAGS, alignment_units

        write_tmx(alignment_units(alignment), output, src_lang=LANG_TAGS[alignment.src.lang], tgt_lang=LANG_TAGS[alignment.tgt.lang])
    else:
        from termalign.formats.tables import beads_frame, write_frame

        write_frame(beads_frame(alignment), output, fmt.value)


def summary(alignment: Alignment, output: str) -> str:
    kinds = Counter(bead.kind for bead in alignment.beads)
    listed = ", ".join(f"{count} {kind}" for kind, count in sorted(kinds.items(), key=lambda kv: -kv[1]))
    low = sum(1 for bead in alignment.beads if bead.confidence < LOW_CONFIDENCE)
    return (
        f"{alignment.src.doc_id} ↔ {alignment.tgt.doc_id}: {len(alignment.beads)} beads ({listed}); "
        f"{low} below confidence {LOW_CONFIDENCE} → {output}"
    )


@app.command("evaluate")
def evaluate(
    gold: Path = typer.Argument(..., help="Gold bead file, or a folder of *.align files."),
    auto: Path = typer.Argument(..., help="Bead file to score, or a folder with files of the same names."),
) -> None:
    """Score an alignment against a gold one: strict and lax bead precision, recall and F1.

    Strict counts a bead only when the gold has exactly the same ids on both sides (null beads
    count too); lax when some gold bead overlaps it on both sides. Overall scores pool the
    beads of all files.

    Example:

        termalign evaluate ../shared/data/mac-dev/gold out/mac-dev
    """
    from termalign.align.evaluate import evaluate_paths

    with core_errors():
        result = evaluate_paths(gold, auto)
    stdout.print(format_evaluation(result), highlight=False, soft_wrap=True, markup=False)


def format_evaluation(result: Evaluation) -> str:
    lines = [f"{'file':<24} {'strict P':>8} {'R':>7} {'F1':>7}   {'lax P':>7} {'R':>7} {'F1':>7}   {'gold':>5} {'auto':>5}"]
    rows = [(f.name, f.strict, f.lax) for f in result.files]
    if len(result.files) > 1:
        rows.append(("all", result.strict, result.lax))
    for name, strict, lax in rows:
        lines.append(
            f"{name:<24} {strict.precision:>8.4f} {strict.recall:>7.4f} {strict.f1:>7.4f}   "
            f"{lax.precision:>7.4f} {lax.recall:>7.4f} {lax.f1:>7.4f}   {strict.n_gold:>5} {strict.n_pred:>5}"
        )
    return "\n".join(lines)
