"""Tables through polars: the frames termalign writes, and TSV / JSONL / Parquet I/O for all of them.

TSV is "linear" TSV: one row per line, no quoting; a backslash, tab, newline or carriage
return inside a value is written as \\\\, \\t, \\n, \\r (so `cut`, `awk` and spreadsheets
all see one row per line, and quotes in the text stay as they are). Empty cells read back
as nulls. JSONL is one JSON object per line (UTF-8). Parquet keeps the column types.
Writes are atomic (see `termalign.fileio`); "-" is standard output (TSV and JSONL only).
"""

from __future__ import annotations

import io
import json
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

import polars as pl
import regex

from termalign.errors import InputError, UsageError
from termalign.fileio import atomic_output, atomic_path
from termalign.model import (
    Alignment,
    Document,
    Glossary,
    GlossaryEntry,
    Lang,
    TermCategory,
    TermContext,
    TermStatus,
    TranslationCandidate,
    TranslationUnit,
)

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
        if chosen == "jsonl" and name != "-":
            _raise_at_bad_json_line(name)
        raise InputError(name, f"cannot read as {chosen.upper()}: {_first_line(error)}") from None
    return df


def _raise_at_bad_json_line(path: str) -> None:
    """Name the first line of a JSONL file that is not a JSON object (polars does not say which)."""
    with open(path, encoding="utf-8", errors="replace") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                value = json.loads(line)
            except json.JSONDecodeError as error:
                raise InputError(path, f"not a JSON object: {error.msg}", line=number, column=error.colno) from None
            if not isinstance(value, dict):
                raise InputError(path, f"expected a JSON object ({{…}}), found {type(value).__name__}", line=number, column=1)


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


# --- Beads and glossaries (formats helper) ---------------------------------------------------

BEAD_SCHEMA: dict[str, type[pl.DataType]] = {
    "bead": pl.Int64,  # 1-based bead number
    "kind": pl.String,  # "1-1", "2-1", "1-0" …
    "confidence": pl.Float64,
    "src_indices": pl.String,  # 0-based sentence indices, space-separated ("" for none)
    "tgt_indices": pl.String,
    "src_ids": pl.String,  # sentence ids, space-separated
    "tgt_ids": pl.String,
    "speaker": pl.String,
    "role": pl.String,
    "turn": pl.String,
    "paragraph": pl.String,
    "tgt_paragraph": pl.String,
    "src_text": pl.String,
    "tgt_text": pl.String,
    "document": pl.String,
    "tgt_document": pl.String,
}


def beads_frame(alignment: Alignment) -> pl.DataFrame:
    """One row per bead (null beads included): indices, ids, place in the document, texts."""
    from termalign.formats import units as u  # the unit props are the one definition of "where"

    src_sentences = alignment.src.sentences
    tgt_sentences = alignment.tgt.sentences
    columns: dict[str, list[object]] = {name: [] for name in BEAD_SCHEMA}
    all_units = u.alignment_units(alignment, include_null=True)
    for number, (bead, unit) in enumerate(zip(alignment.beads, all_units), start=1):
        props = unit.props
        row = (
            number, bead.kind, bead.confidence,
            " ".join(map(str, bead.src)), " ".join(map(str, bead.tgt)),
            " ".join(src_sentences[i].id for i in bead.src), " ".join(tgt_sentences[i].id for i in bead.tgt),
            props.get(u.PROP_SPEAKER, ""), props.get(u.PROP_ROLE, ""), props.get(u.PROP_TURN, ""),
            props.get(u.PROP_PARAGRAPH, ""), props.get(u.PROP_TARGET_PARAGRAPH, ""),
            unit.source, unit.target, alignment.src.doc_id, alignment.tgt.doc_id,
        )
        for name, value in zip(BEAD_SCHEMA, row):
            columns[name].append(value)
    return pl.DataFrame(columns, schema=BEAD_SCHEMA)


# The canonical glossary table. List fields of plain strings are joined with " | " (readable
# and editable in a spreadsheet; reading splits on "|" and trims). An item that is empty, has
# surrounding spaces or contains "|" could not come back unchanged, so writing refuses it.
# Structured lists (contexts, zh_candidates) are JSON arrays of objects.
GLOSSARY_SCHEMA: dict[str, type[pl.DataType]] = {
    "id": pl.String,
    "en": pl.String,
    "en_variants": pl.String,
    "en_related": pl.String,  # longer phrases the term was met in (not forms of the term)
    "zh": pl.String,
    "zh_variants": pl.String,
    "zh_deprecated": pl.String,
    "category": pl.String,
    "freq_en": pl.Int64,
    "freq_zh": pl.Int64,
    "score": pl.Float64,
    "status": pl.String,
    "contexts": pl.String,  # JSON: [{"segment_id", "text", "lang", "document"}]
    "sources": pl.String,
    "note": pl.String,
    "zh_candidates": pl.String,  # JSON: [{"text", "score", "evidence"}]
}
LIST_SEPARATOR = " | "
_LIST_FIELDS = ("en_variants", "en_related", "zh_variants", "zh_deprecated", "sources")


def join_list(items: list[str], where: str) -> str:
    """Join plain-string list items with " | ", refusing items that would not split back."""
    from termalign.formats.xmlsafe import UnrepresentableTextError

    for item in items:
        if not item.strip() or item != item.strip() or "|" in item:
            raise UnrepresentableTextError(
                f"{where}: list item {item!r} cannot be stored in a \" | \"-separated cell "
                "(items must be non-empty, without surrounding spaces and without \"|\")"
            )
    return LIST_SEPARATOR.join(items)


def split_list(cell: str | None) -> list[str]:
    """The inverse of `join_list`; lenient with spacing ("a|b" reads as ["a", "b"])."""
    return [item.strip() for item in (cell or "").split("|") if item.strip()]


def glossary_frame(glossary: Glossary) -> pl.DataFrame:
    """The glossary as the canonical table (see GLOSSARY_SCHEMA); lossless with `glossary_from_frame`."""
    columns: dict[str, list[object]] = {name: [] for name in GLOSSARY_SCHEMA}
    for entry in glossary.entries:
        where = f"glossary entry {entry.id!r}"
        row = {
            "id": entry.id,
            "en": entry.en,
            "zh": entry.zh,
            "category": str(entry.category),
            "freq_en": entry.freq_en,
            "freq_zh": entry.freq_zh,
            "score": entry.score,
            "status": str(entry.status),
            "contexts": json.dumps(
                [{"segment_id": c.segment_id, "text": c.text, "lang": str(c.lang), "document": c.document} for c in entry.contexts],
                ensure_ascii=False,
            ) if entry.contexts else "",
            "note": entry.note,
            "zh_candidates": json.dumps(
                [{"text": c.text, "score": c.score, "evidence": c.evidence} for c in entry.zh_candidates],
                ensure_ascii=False,
            ) if entry.zh_candidates else "",
        }
        for field in _LIST_FIELDS:
            row[field] = join_list(getattr(entry, field), f"{where}, {field}")
        for name in GLOSSARY_SCHEMA:
            columns[name].append(row[name])
    return pl.DataFrame(columns, schema=GLOSSARY_SCHEMA)


def glossary_from_frame(df: pl.DataFrame, path: str = "", name: str = "") -> Glossary:
    """A `Glossary` from the canonical table (TSV cells may be null: they read as empty).

    Only `id` and `en` are required columns; the others default like `GlossaryEntry`.
    """
    missing = [c for c in ("id", "en") if c not in df.columns]
    if missing:
        raise InputError(path, f"missing column(s) {', '.join(missing)}: a glossary table needs at least id and en")
    entries = []
    for line, row in enumerate(df.iter_rows(named=True), start=2):  # line 1 is the header (TSV)
        def text(field: str) -> str:
            value = row.get(field)
            return "" if value is None else str(value)

        try:
            entry = GlossaryEntry(
                id=text("id"),
                en=text("en"),
                zh=text("zh"),
                en_variants=split_list(row.get("en_variants")),
                en_related=split_list(row.get("en_related")),
                zh_variants=split_list(row.get("zh_variants")),
                zh_deprecated=split_list(row.get("zh_deprecated")),
                category=TermCategory(text("category") or TermCategory.DOMAIN),
                freq_en=int(row.get("freq_en") or 0),
                freq_zh=int(row.get("freq_zh") or 0),
                score=float(row.get("score") or 0.0),
                status=TermStatus(text("status") or TermStatus.CANDIDATE),
                contexts=[
                    TermContext(c["segment_id"], c["text"], Lang(c["lang"]), c.get("document", ""))
                    for c in json.loads(text("contexts") or "[]")
                ],
                sources=split_list(row.get("sources")),
                note=text("note"),
                zh_candidates=[
                    TranslationCandidate(c["text"], float(c["score"]), c.get("evidence", ""))
                    for c in json.loads(text("zh_candidates") or "[]")
                ],
            )
        except (ValueError, KeyError, TypeError) as error:
            raise InputError(path, f"glossary row {text('id')!r}: {error}", line=line) from None
        entries.append(entry)
    return Glossary(entries=entries, name=name)


def read_glossary_table(path: str | Path, fmt: str | None = None) -> Glossary:
    """Read our glossary table (TSV, JSONL or Parquet) into a `Glossary`."""
    chosen = table_format(path, fmt)
    # JSONL needs the schema to read an empty file; TSV may lack optional columns, so no cast.
    frame = read_frame(path, chosen, GLOSSARY_SCHEMA if chosen == "jsonl" else None)
    return glossary_from_frame(frame, str(path), name=Path(str(path)).stem)


def write_glossary_table(glossary: Glossary, path: str | Path, fmt: str | None = None) -> int:
    """Write the canonical glossary table; return the number of entries."""
    write_frame(glossary_frame(glossary), path, fmt)
    return len(glossary.entries)


# Translation units as a table: fixed columns, then one column per prop (named by its key).
UNIT_COLUMNS = ("id", "source", "target", "src_lang", "tgt_lang", "note")


def units_frame(units: Iterable[TranslationUnit]) -> pl.DataFrame:
    """One row per unit; props become extra columns (a unit without that prop has an empty cell)."""
    rows = list(units)
    prop_keys = list(dict.fromkeys(key for unit in rows for key in unit.props))
    clashes = [key for key in prop_keys if key in UNIT_COLUMNS]
    if clashes:
        raise UsageError(f"prop name(s) {', '.join(clashes)} clash with the table's own columns")
    columns: dict[str, list[str]] = {name: [] for name in (*UNIT_COLUMNS, *prop_keys)}
    for unit in rows:
        for name, value in zip(UNIT_COLUMNS, (unit.id, unit.source, unit.target, unit.src_lang, unit.tgt_lang, unit.note)):
            columns[name].append(value)
        for key in prop_keys:
            columns[key].append(unit.props.get(key, ""))
    return pl.DataFrame(columns, schema={name: pl.String for name in columns})


def units_from_frame(df: pl.DataFrame, path: str = "") -> Iterator[TranslationUnit]:
    """Units from a table with `source` and `target` columns (or a beads table: `src_text`,
    `tgt_text`). `id`, `src_lang`, `tgt_lang`, `note` are used when present; any other column is
    a prop (empty cells are left out)."""
    from termalign.formats.units import PROP_BEAD, PROP_CONFIDENCE

    beads = "source" not in df.columns and {"src_text", "tgt_text"} <= set(df.columns)
    source, target = ("src_text", "tgt_text") if beads else ("source", "target")
    missing = [c for c in (source, target) if c not in df.columns]
    if missing:
        raise InputError(path, f"missing column(s) {', '.join(missing)}: a bilingual table needs source and target columns")
    fixed = {source, target, "id", "src_lang", "tgt_lang", "note"}
    for line, row in enumerate(df.iter_rows(named=True), start=2):
        def text(field: str) -> str:
            value = row.get(field)
            return "" if value is None else str(value)

        if beads:
            props = {PROP_BEAD: text("kind"), PROP_CONFIDENCE: text("confidence")}
            unit_id = text("src_ids").replace(" ", "+") or text("bead") or str(line - 1)
        else:
            props = {key: text(key) for key in df.columns if key not in fixed and text(key)}
            unit_id = text("id") or str(line - 1)
        yield TranslationUnit(
            id=unit_id,
            source=text(source),
            target=text(target),
            src_lang=text("src_lang") or "en-US",
            tgt_lang=text("tgt_lang") or "zh-CN",
            props=props,
            note=text("note"),
        )


def read_pairs(path: str | Path) -> Iterator[TranslationUnit]:
    """Units from header-less tab-separated lines: source, target[, note]. Blank lines and
    ``#`` comments are skipped; a unit's id is its line number. Cells are read as `write_frame`
    writes them (\\t, \\n unescaped)."""
    from termalign.readers.encoding import read_utf8

    name = str(path)
    lines = read_utf8(name, "save the pairs as UTF-8").splitlines()
    for number, line in enumerate(lines, start=1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = [_unescape(cell) for cell in line.split("\t")]
        if len(cells) < 2:
            raise InputError(name, "expected source<TAB>target: this line has no tab", line=number)
        yield TranslationUnit(
            id=str(number), source=cells[0].strip(), target=cells[1].strip(), note=cells[2].strip() if len(cells) > 2 else ""
        )
