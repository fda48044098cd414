"""What `termalign report` reads: a bead table written by `termalign align`, and its two documents.

The bead table (`formats.tables.BEAD_SCHEMA`: TSV, JSONL or Parquet) names the documents and
gives each bead's sentence indices, ids and texts; the report also needs the documents'
structure (turns, speakers), so the documents are read again and every bead is checked
against them: the ids and texts must be those at the bead's indices. A mismatch means the
table was made from other texts or with other reader options, and is reported with its row.
"""

from __future__ import annotations

import os
from pathlib import Path

from termalign.errors import InputError, UsageError
from termalign.formats.tables import BEAD_SCHEMA, read_frame
from termalign.model import Alignment, Bead, Document, DocumentKind
from termalign.readers import read_document


def read_alignment(
    path: str | os.PathLike[str],
    source: str | os.PathLike[str] | None = None,
    target: str | os.PathLike[str] | None = None,
    *,
    kind: DocumentKind | None = None,
) -> Alignment:
    """The alignment stored in the bead table at `path`, over its re-read documents.

    `source` and `target` default to the documents the table names, looked for as written,
    beside the table, then in the current folder.
    """
    frame = read_frame(path, schema=BEAD_SCHEMA)
    if frame.height == 0:
        raise InputError(str(path), "the alignment has no beads")
    src_name, tgt_name = str(frame["document"][0] or ""), str(frame["tgt_document"][0] or "")
    # either language may be the source: each document's language is detected from its text
    src_doc = read_document(_locate(source, src_name, path, "source", "--source"), kind=kind)
    tgt_doc = read_document(_locate(target, tgt_name, path, "target", "--target"), kind=kind)
    first_row_line = 1 if _is_jsonl(path) else 2  # JSONL has no header line
    sides = (_Side(src_doc), _Side(tgt_doc))
    beads = [_bead(row, line, str(path), *sides) for line, row in enumerate(frame.iter_rows(named=True), start=first_row_line)]
    return Alignment(src_doc, tgt_doc, beads, method=f"read from {Path(path).name}")


def _is_jsonl(path: str | os.PathLike[str]) -> bool:
    return Path(path).suffix.lower() in {".jsonl", ".ndjson"}


def _locate(given: str | os.PathLike[str] | None, named: str, table: str | os.PathLike[str], side: str, option: str) -> Path:
    if given is not None:
        return Path(given)
    if not named:
        raise UsageError(f"{table}: the alignment does not name its {side} document: pass {option} PATH")
    for candidate in (Path(named), Path(table).parent / named, Path.cwd() / Path(named).name):
        if candidate.is_file():
            return candidate
    raise UsageError(
        f"{table}: the {side} document {named!r} is neither beside the alignment nor in the current folder: "
        f"pass {option} PATH"
    )


class _Side:
    """A document and its sentence list (fetched once: `Document.sentences` builds a new list)."""

    def __init__(self, document: Document) -> None:
        self.document = document
        self.sentences = document.sentences


def _bead(row: dict[str, object], line: int, path: str, src: _Side, tgt: _Side) -> Bead:
    src_idx = _indices(row["src_indices"], "src_indices", src, line, path)
    tgt_idx = _indices(row["tgt_indices"], "tgt_indices", tgt, line, path)
    if not src_idx and not tgt_idx:
        raise InputError(path, "a bead with no sentence on either side", line=line)
    _check_side(row, "src_ids", "src_text", " ", src_idx, src, line, path)
    _check_side(row, "tgt_ids", "tgt_text", "", tgt_idx, tgt, line, path)
    confidence = row["confidence"]
    if confidence is None or not 0.0 <= float(confidence) <= 1.0:  # type: ignore[arg-type]
        raise InputError(path, f"confidence {confidence!r}: expected a number from 0 to 1", line=line)
    return Bead(src_idx, tgt_idx, float(confidence))  # type: ignore[arg-type]


def _indices(cell: object, column: str, side: _Side, line: int, path: str) -> tuple[int, ...]:
    try:
        indices = tuple(int(part) for part in str(cell or "").split())
    except ValueError:
        raise InputError(path, f"{column} {cell!r}: expected sentence numbers separated by spaces", line=line) from None
    count = len(side.sentences)
    if any(not 0 <= i < count for i in indices):
        raise InputError(path, f"{column} {cell!r}: {side.document.doc_id} has {count} sentences", line=line)
    return indices


def _check_side(
    row: dict[str, object], ids_column: str, text_column: str, sep: str, indices: tuple[int, ...], side: _Side,
    line: int, path: str,
) -> None:
    sentences = [side.sentences[i] for i in indices]
    ids = " ".join(s.id for s in sentences)
    text = sep.join(s.text for s in sentences)
    if str(row[ids_column] or "") != ids or str(row[text_column] or "") != text:
        raise InputError(
            path,
            f"{ids_column}/{text_column} differ from {side.document.doc_id} at these sentences (expected {ids!r}): "
            "was the alignment made from another version of the text, or with other reader options (--kind)?",
            line=line,
        )
