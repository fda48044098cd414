"""Tables through polars: the frames termalign writes, and TSV / JSONL / Parquet I/O for all of them.

TSV is "linear" TSV: one row per line, no quoting; a backslash, tab, newline or carriage
return inside a value is written as \\\\, \\t, \\n, \\r (so `cut`, `awk` and spreadsheets
all see one row per line, and quotes in the text stay as they are). Empty cells read back
as nulls. JSONL is one JSON object per line (UTF-8). Parquet keeps the column types.
Writes are atomic (see `termalign.fileio`); "-" is standard output (TSV and JSONL only).
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

import polars as pl
import regex

from termalign.errors import InputError, UsageError
from termalign.fileio import atomic_output, atomic_path
from termalign.model import Document

TABLE_FORMATS = ("tsv", "jsonl", "parquet")
_SUFFIXES = {".tsv": "tsv", ".tab": "tsv", ".jsonl": "jsonl", ".ndjson": "jsonl", ".parquet": "parquet", ".pq": "parquet"}

SEGMENT_SCHEMA: dict[str, type[pl.DataType]] = {
    "doc": pl.String,
    "turn_id": pl.String,
    "speaker": pl.String,
    "role": pl.String,
    "paragraph_id": pl.String,
    "sentence_id": pl.String,
    "index": pl.Int64,
    "text": pl.String,
    "start": pl.Int64,
    "end": pl.Int64,
}

_UNESCAPE = regex.compile(r"\\([\\tnr])")
_UNESCAPED = {"\\": "\\", "t": "\t", "n": "\n", "r": "\r"}


def segments_frame(doc: Document) -> pl.DataFrame:
    """One row per sentence: where it sits (turn, speaker, role, paragraph), its text and offsets."""
    columns: dict[str, list[object]] = {name: [] for name in SEGMENT_SCHEMA}
    for turn in doc.turns:
        for paragraph in turn.paragraphs:
            for sentence in paragraph.sentences:
                row = (
                    doc.doc_id, turn.id, turn.speaker, turn.role.value, paragraph.id,
                    sentence.id, sentence.index, sentence.text, sentence.start, sentence.end,
                )
                for name, value in zip(SEGMENT_SCHEMA, row):
                    columns[name].append(value)
    return pl.DataFrame(columns, schema=SEGMENT_SCHEMA)


def table_format(path: str | Path, fmt: str | None = None) -> str:
    """The format asked for, or the one the file name implies (TSV for "-" and unknown names)."""
    if fmt is not None:
        if fmt not in TABLE_FORMATS:
            raise UsageError(f"unknown table format {fmt!r}: expected one of {', '.join(TABLE_FORMATS)}")
        return fmt
    return _SUFFIXES.get(Path(str(path)).suffix.lower(), "tsv")


def write_frame(df: pl.DataFrame, path: str | Path, fmt: str | None = None) -> None:
    """Write `df` to `path` ("-" = stdout) as TSV, JSONL or Parquet, atomically."""
    chosen = table_format(path, fmt)
    if chosen == "parquet":
        if str(path) == "-":
            raise UsageError("Parquet cannot go to standard output: give a file with -o")
        with atomic_path(path) as tmp:
            df.write_parquet(tmp)
        return
    with atomic_output(path, "wb") as handle:
        if chosen == "jsonl":
            df.write_ndjson(handle)
        else:
            _escaped(df).write_csv(handle, separator="\t", quote_style="never", null_value="")


def read_frame(path: str | Path, fmt: str | None = None, schema: dict[str, type[pl.DataType]] | None = None) -> pl.DataFrame:
    """Read a table written by `write_frame` ("-" = stdin for TSV/JSONL).

    TSV cells are read as text (ids such as "007" stay text) and cast to `schema` when given.
    """
    chosen = table_format(path, fmt)
    name = str(path)
    try:
        if chosen == "parquet":
            df = pl.read_parquet(path)
        elif chosen == "jsonl":
            df = pl.read_ndjson(_source(path), schema=schema) if schema else pl.read_ndjson(_source(path))
        else:
            df = _read_tsv(path)
            if schema:
                df = _cast(df, schema, name)
    except pl.exceptions.PolarsError as error:
        raise InputError(name, f"cannot read as {chosen.upper()}: {_first_line(error)}") from None
    return df


def _source(path: str | Path) -> str | Path | io.BytesIO:
    return io.BytesIO(sys.stdin.buffer.read()) if str(path) == "-" else path


def _read_tsv(path: str | Path) -> pl.DataFrame:
    df = pl.read_csv(_source(path), separator="\t", quote_char=None, infer_schema=False)
    return df.with_columns(pl.col(c).map_elements(_unescape, return_dtype=pl.String) for c in df.columns)


def _cast(df: pl.DataFrame, schema: dict[str, type[pl.DataType]], path: str) -> pl.DataFrame:
    missing = [c for c in schema if c not in df.columns]
    if missing:
        raise InputError(path, f"missing column(s) {', '.join(missing)}: expected {', '.join(schema)}")
    try:
        return df.with_columns(pl.col(c).cast(t, strict=True) for c, t in schema.items() if t is not pl.String)
    except pl.exceptions.InvalidOperationError as error:
        raise InputError(path, f"a column has values of the wrong type: {_first_line(error)}") from None


def _escaped(df: pl.DataFrame) -> pl.DataFrame:
    text_columns = [c for c, t in df.schema.items() if t == pl.String]
    return df.with_columns(
        pl.col(c)
        .str.replace_all("\\", "\\\\", literal=True)
        .str.replace_all("\t", "\\t", literal=True)
        .str.replace_all("\n", "\\n", literal=True)
        .str.replace_all("\r", "\\r", literal=True)
        for c in text_columns
    )


def _unescape(value: str) -> str:
    return _UNESCAPE.sub(lambda m: _UNESCAPED[m.group(1)], value) if "\\" in value else value


def _first_line(error: Exception) -> str:
    return str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
