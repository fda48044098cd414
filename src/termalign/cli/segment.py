"""`termalign segment`: a document as a table of sentences."""

from __future__ import annotations

from pathlib import Path

import typer

from termalign.cli.app import app, choices, core_errors, stderr
from termalign.formats.tables import TABLE_FORMATS, segments_frame, table_format, write_frame
from termalign.model import DocumentKind, Lang
from termalign.readers import read_document


TableFormat = choices("TableFormat", TABLE_FORMATS)


@app.command("segment")
def segment(
    file: Path = typer.Argument(..., help="Transcript, plain text or pre-split file (one sentence per line with --kind presplit)."),
    lang: Lang | None = typer.Option(None, "--lang", help="Language of FILE; detected from the share of Han characters when omitted."),
    encoding: str | None = typer.Option(None, "--encoding", help="utf-8, utf-16, gb18030, gbk …; detected when omitted (BOM, UTF-8, GB18030)."),
    kind: DocumentKind | None = typer.Option(None, "--kind", help="transcript, plain or presplit; SCIO transcripts are recognised by their speaker labels."),
    fmt: TableFormat | None = typer.Option(None, "--format", "-f", help="Output table format; default from the -o file name, else tsv."),
    output: str = typer.Option("-", "--output", "-o", help="Output file; '-' (the default) is standard output. Parquet needs a file."),
) -> None:
    """Split FILE into sentences and write one row per sentence.

    Columns: doc, turn_id, speaker, role (host / speaker / question / none), paragraph_id,
    sentence_id (t03.p02.s01; the 0-based line number for pre-split input), index, text,
    start, end (character offsets into the decoded file).

    Example:

        termalign segment corpora/scio-2023-01-18-miit-industry-it-2022.en.txt -o out/en.segments.tsv
    """
    with core_errors():
        chosen = table_format(output, fmt.value if fmt else None)
        doc = read_document(file, lang=lang, kind=kind, encoding=encoding)
        frame = segments_frame(doc)
        write_frame(frame, output, chosen)
    if output != "-":
        stderr.print(
            f"{doc.doc_id}: {doc.kind.value}, {doc.lang.value}, {len(doc.turns)} turns, "
            f"{frame.height} sentences → {output}",
            highlight=False,
            soft_wrap=True,
            markup=False,
        )

