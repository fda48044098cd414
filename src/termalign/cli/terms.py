"""`termalign terms`: a bilingual glossary of a text's official phrases; `--merge` joins glossaries."""

from __future__ import annotations

from pathlib import Path

import typer

from termalign.cli.app import app, choices, core_errors, progress_bar, stderr
from termalign.errors import UsageError
from termalign.formats import GLOSSARY_FORMATS
from termalign.formats.tables import TABLE_FORMATS
from termalign.model import Alignment, Document, Glossary


# Our glossary table by its own formats (tsv, jsonl, parquet), then the exchange formats.
GlossaryFormat = choices("GlossaryFormat", (*TABLE_FORMATS, *(f for f in GLOSSARY_FORMATS if f != "table")))
_TABLE_SUFFIXES = {".tsv": "tsv", ".jsonl": "jsonl", ".ndjson": "jsonl", ".parquet": "parquet", ".pq": "parquet"}


@app.command("terms")
def terms(
    files: list[Path] = typer.Argument(..., help="EN [ZH]: the English text and optionally its Chinese version; with --merge: glossary tables."),
    alignment: Path | None = typer.Option(None, "--alignment", "-a", help="Use this alignment instead of aligning: a bead table written by `termalign align` (TSV/JSONL/Parquet; no ZH needed), or a beads file ([0, 1]:[0] lines; with ZH)."),
    top: int = typer.Option(200, "--top", "-n", min=1, help="How many terms to keep, best first."),
    min_freq: int = typer.Option(2, "--min-freq", "-m", min=1, help="Fewest occurrences of a recurrent phrase (acronyms, quoted and capitalised names count from 1)."),
    merge: bool = typer.Option(False, "--merge", help="Merge the glossary tables given as FILES into one (entries naming the same term merge)."),
    fmt: GlossaryFormat | None = typer.Option(None, "--format", "-f", help="tsv, jsonl, parquet (our table), tbx (TBX v3 TBX-Basic), tbx2 (TBX v2 martif), omegat (tab-separated), csv (memoQ/MultiTerm), xlsx; default from the -o extension (.tsv .jsonl .parquet .tbx .v2.tbx .utf8 .csv .xlsx), else tsv."),
    output: str = typer.Option("-", "--output", "-o", help="Output file; '-' (the default) is standard output."),
    embeddings: bool = typer.Option(True, "--embeddings/--no-embeddings", help="Weigh in the similarity of meaning of a term and its renderings (multilingual sentence embeddings; a few seconds more)."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar."),
) -> None:
    """Extract a glossary: English terms ranked by termhood, with Chinese renderings found
    through the alignment when a Chinese text (or an alignment) is given.

    Columns of the table: id, en, en_variants (other forms of the term), en_related (longer
    phrases it was met in, grouped under it), zh, zh_variants, zh_deprecated, category,
    freq_en, freq_zh, score, status, contexts, sources, note, zh_candidates.

    Examples:

        termalign terms corpora/scio-2023-01-18-miit-industry-it-2022.en.txt corpora/scio-2023-01-18-miit-industry-it-2022.zh.txt --top 100 -o glossary.tsv

        termalign terms report.en.txt --top 50                 (English only: Chinese column empty)

        termalign terms --merge a.tsv b.tsv -o merged.tbx

        termalign terms EN.txt ZH.txt --format tbx2 -o glossary.v2.tbx      (then: termalign validate glossary.v2.tbx)
    """
    with core_errors():
        chosen = _format(output, fmt)
        if merge:
            glossary = _merged(files)
        else:
            glossary = _extracted(files, alignment, top, min_freq, embeddings, quiet)
        count = _write(glossary, output, chosen)
    if output != "-":
        paired = sum(1 for e in glossary.entries if e.zh)
        written = f"{count} glossary lines for" if chosen == "omegat" else f"{count} of"  # OmegaT: a line per form
        stderr.print(f"{written} {len(glossary.entries)} terms ({paired} with Chinese) → {output}", highlight=False, soft_wrap=True, markup=False)


def _format(output: str, fmt: GlossaryFormat | None) -> str:
    """The format asked for, else the one the output name implies (tables by their own suffixes,
    other formats as `termalign convert` names them), else TSV."""
    if fmt is not None:
        return fmt.value
    if output == "-":
        return "tsv"
    suffix = Path(output).suffix.lower()
    if suffix in _TABLE_SUFFIXES:
        return _TABLE_SUFFIXES[suffix]
    if suffix == ".txt":
        return "omegat"  # OmegaT reads tab-separated .txt glossaries
    from termalign.formats import output_format

    try:
        chosen = output_format(output)
    except UsageError:
        return "tsv"
    return chosen if chosen in GLOSSARY_FORMATS and chosen != "table" else "tsv"


def _extracted(files: list[Path], alignment_path: Path | None, top: int, min_freq: int, embeddings: bool, quiet: bool) -> Glossary:
    from termalign.readers import read_document
    from termalign.terms import extract_glossary

    if len(files) > 2:
        raise UsageError("expected EN [ZH]: at most two texts (use --merge to join glossaries)")
    # Languages detected, not assumed: extract_glossary refuses a Chinese text given as EN.
    en_doc = read_document(files[0])
    zh_doc = read_document(files[1]) if len(files) == 2 else None
    alignment = _alignment(en_doc, zh_doc, alignment_path) if alignment_path is not None else None
    with progress_bar(quiet) as progress:
        return extract_glossary(en_doc, zh_doc, alignment, top=top, min_freq=min_freq, embeddings=embeddings, progress=progress)


def _alignment(en_doc: Document, zh_doc: Document | None, path: Path) -> Alignment:
    """A bead table (which carries the Chinese), or a beads file of sentence numbers (with ZH)."""
    from termalign.formats.beads import read_beads
    from termalign.terms import alignment_from_bead_table

    is_table = path.suffix.lower() in _TABLE_SUFFIXES
    if is_table and zh_doc is not None:
        raise UsageError(f"{path} is a bead table, which carries the Chinese: give either ZH or --alignment, not both")
    if is_table:
        return alignment_from_bead_table(en_doc, path)
    if zh_doc is None:
        raise UsageError(f"{path} is a beads file of sentence numbers: give the Chinese text ZH too")
    beads = read_beads(path, sentences=(len(en_doc.sentences), len(zh_doc.sentences)))
    return Alignment(en_doc, zh_doc, beads, method=f"read from {path}")


def _merged(files: list[Path]) -> Glossary:
    from termalign.formats.tables import read_glossary_table
    from termalign.terms import merge_glossaries

    if len(files) < 2:
        raise UsageError("--merge needs two or more glossary tables")
    return merge_glossaries(read_glossary_table(path) for path in files)


def _write(glossary: Glossary, output: str, fmt: str) -> int:
    if fmt in TABLE_FORMATS:
        from termalign.formats.tables import write_glossary_table

        return write_glossary_table(glossary, output, fmt)
    from termalign.formats import write_glossary

    return write_glossary(glossary, output, fmt)
