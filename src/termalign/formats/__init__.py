"""Exchange formats: which file is which, and one entry point to read or write each kind.

Two kinds of content travel between termalign and CAT tools:

- **glossaries** (`Glossary`): our table (TSV / JSONL / Parquet, lossless), TBX v3 and v2,
  OmegaT tab-separated, memoQ / MultiTerm CSV, Phrase XLSX;
- **translation units** (`TranslationUnit`): TMX, XLIFF (read 1.2 / 2.x, write 1.2), and
  tables with ``source``/``target`` columns or our beads table.

`detect_format` names a file's format from its extension, and looks inside where the extension
is ambiguous (``.tbx`` v2 or v3, ``.xml``, ``.tsv``, ``.txt``). `read_glossary`, `read_units`,
`write_glossary` and `write_units` dispatch on it. Each format module documents its mapping.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from termalign.errors import InputError, UsageError
from termalign.model import Glossary, TranslationUnit
from termalign.progress import NO_PROGRESS, Progress

GLOSSARY_FORMATS = ("table", "tbx", "tbx2", "omegat", "csv", "xlsx")
UNIT_FORMATS = ("tmx", "xliff", "table")
FORMATS = tuple(dict.fromkeys((*GLOSSARY_FORMATS, *UNIT_FORMATS)))
WRITABLE_UNIT_FORMATS = ("tmx", "xliff", "table")

_BY_EXTENSION = {
    ".tmx": "tmx",
    ".xlf": "xliff",
    ".xliff": "xliff",
    ".sdlxliff": "xliff",
    ".mqxliff": "xliff",
    ".tbx": "tbx",
    ".utf8": "omegat",
    ".tab": "omegat",
    ".csv": "csv",
    ".xlsx": "xlsx",
    ".tsv": "table",
    ".jsonl": "table",
    ".ndjson": "table",
    ".parquet": "table",
    ".pq": "table",
}
_XML_ROOTS = {"tmx": "tmx", "xliff": "xliff", "tbx": "tbx", "martif": "tbx2"}
# How a file of each format is named in messages.
_DESCRIBED = {
    "table": "a table",
    "tbx": "a TBX termbase",
    "tbx2": "a TBX v2 termbase",
    "omegat": "an OmegaT glossary (tab-separated, without a source/target header)",
    "csv": "a CSV glossary",
    "xlsx": "an XLSX glossary",
    "tmx": "a TMX memory",
    "xliff": "an XLIFF file",
}
# Suggested file names per output format (`termalign export` uses them for its default output).
EXTENSIONS = {"tmx": ".tmx", "xliff": ".xlf", "tbx": ".tbx", "tbx2": ".v2.tbx", "omegat": ".utf8", "csv": ".csv", "xlsx": ".xlsx", "table": ".tsv"}


def detect_format(path: str | os.PathLike[str]) -> str:
    """The format of an existing file: one of `FORMATS`."""
    name = os.fspath(path)
    suffix = Path(name).suffix.lower()
    if not os.path.isfile(name):
        raise InputError(name, "no such file" if not os.path.exists(name) else "not a file")
    fmt = _BY_EXTENSION.get(suffix)
    if fmt == "tbx" or suffix == ".xml":
        return _xml_format(name)
    if fmt == "table" and suffix == ".tsv" and not _has_table_header(name):
        return "omegat"  # header-less tab-separated glossary
    if fmt is None and suffix == ".txt":
        return "omegat" if _looks_tab_separated(name) else _unknown(name)
    return fmt or _unknown(name)


def output_format(path: str | os.PathLike[str], fmt: str | None = None) -> str:
    """The format to write: `fmt` when given, else the one the file name implies."""
    if fmt is not None:
        if fmt not in FORMATS:
            raise UsageError(f"unknown format {fmt!r}: expected one of {', '.join(FORMATS)}")
        return fmt
    name = os.fspath(path)
    if name.lower().endswith(".v2.tbx"):
        return "tbx2"
    chosen = _BY_EXTENSION.get(Path(name).suffix.lower())
    if chosen is None:
        raise UsageError(
            f"cannot tell the output format from {name!r}: use an extension "
            f"({', '.join(sorted(set(EXTENSIONS.values())))}) or give the format"
        )
    return chosen


def _unknown(name: str) -> str:
    raise InputError(
        name,
        "unknown file type: expected .tmx, .xlf/.xliff, .tbx, .utf8/.tab (OmegaT), .csv, .xlsx, .tsv, .jsonl or .parquet",
    )


def _xml_format(name: str) -> str:
    from termalign.formats.xmlsafe import root_name

    root = root_name(name)
    if root not in _XML_ROOTS:
        raise InputError(name, f"unexpected root element <{root}>: expected <tmx>, <xliff>, <tbx> or <martif>", line=1)
    return _XML_ROOTS[root]


def _first_line(name: str) -> str:
    with open(name, encoding="utf-8-sig", errors="replace") as handle:
        return handle.readline().rstrip("\r\n")


def _first_data_line(name: str) -> str:
    """The first line that is neither blank nor a ``#`` comment (OmegaT skips those)."""
    with open(name, encoding="utf-8-sig", errors="replace") as handle:
        for line in handle:
            if line.strip() and not line.startswith("#"):
                return line.rstrip("\r\n")
    return ""


def _has_table_header(name: str) -> bool:
    header = set(_first_line(name).split("\t"))
    return {"id", "en"} <= header or {"source", "target"} <= header or {"src_text", "tgt_text"} <= header


def _looks_tab_separated(name: str) -> bool:
    # a terminologist's .txt glossary often opens with a "# …" line
    return "\t" in _first_data_line(name)


def read_glossary(path: str | os.PathLike[str], fmt: str | None = None) -> Glossary:
    """Read a glossary in any supported format (detected when `fmt` is None)."""
    chosen = fmt or detect_format(path)
    if chosen == "table":
        from termalign.formats.tables import read_glossary_table

        return read_glossary_table(path)
    if chosen in ("tbx", "tbx2"):
        from termalign.formats.tbx import read_tbx

        return read_tbx(path)
    if chosen == "omegat":
        from termalign.formats.omegat import read_omegat_glossary

        return read_omegat_glossary(path)
    if chosen == "csv":
        from termalign.formats.csv_glossary import read_csv_glossary

        return read_csv_glossary(path)
    if chosen == "xlsx":
        from termalign.formats.xlsx import read_xlsx_glossary

        return read_xlsx_glossary(path)
    raise UsageError(f"{os.fspath(path)} is {_DESCRIBED[chosen]}, which holds translation units, not a glossary")


def read_units(
    path: str | os.PathLike[str],
    fmt: str | None = None,
    *,
    src_lang: str | None = None,
    tgt_lang: str | None = None,
    progress: Progress = NO_PROGRESS,
) -> Iterator[TranslationUnit]:
    """Stream the translation units of a TMX, XLIFF or bilingual table (detected when `fmt` is None).

    Errors in the middle of a file are raised while iterating.
    """
    chosen = fmt or detect_format(path)
    if chosen == "tmx":
        from termalign.formats.tmx import read_tmx

        return read_tmx(path, src_lang=src_lang, tgt_lang=tgt_lang, progress=progress)
    if chosen == "xliff":
        from termalign.formats.xliff import read_xliff

        return read_xliff(path, progress=progress)
    if chosen == "table":
        from termalign.formats.tables import read_frame, units_from_frame

        return units_from_frame(read_frame(path), os.fspath(path))
    if chosen == "omegat":
        # Header-less tab-separated lines: the layout of an OmegaT glossary, and of the
        # two-column "source<TAB>target" file a user cuts from an alignment. Asked for units,
        # read it as pairs.
        from termalign.formats.tables import read_pairs

        return read_pairs(path)
    raise UsageError(
        f"{os.fspath(path)} is {_DESCRIBED[chosen]}, which holds terms, not translation units "
        "(expected TMX, XLIFF, or a table with source and target columns)"
    )


def write_glossary(
    glossary: Glossary,
    path: str | os.PathLike[str],
    fmt: str | None = None,
    *,
    src_lang: str = "en-US",
    tgt_lang: str = "zh-CN",
) -> int:
    """Write a glossary in `fmt` (or the format the file name implies); return the count written."""
    chosen = output_format(path, fmt)
    if chosen == "table":
        from termalign.formats.tables import write_glossary_table

        return write_glossary_table(glossary, path)
    if chosen in ("tbx", "tbx2"):
        from termalign.formats.tbx import write_tbx

        return write_tbx(glossary, path, version=2 if chosen == "tbx2" else 3, src_lang=src_lang, tgt_lang=tgt_lang)
    if chosen == "omegat":
        from termalign.formats.omegat import write_omegat_glossary

        return write_omegat_glossary(glossary, path)
    if chosen == "csv":
        from termalign.formats.csv_glossary import write_csv_glossary

        return write_csv_glossary(glossary, path, src_lang=src_lang, tgt_lang=tgt_lang)
    if chosen == "xlsx":
        from termalign.formats.xlsx import write_xlsx_glossary

        return write_xlsx_glossary(glossary, path, src_lang=src_lang, tgt_lang=tgt_lang)
    raise UsageError(f"{chosen.upper()} holds translation units: a glossary can be written as {', '.join(GLOSSARY_FORMATS)}")


def write_units(
    units: Iterable[TranslationUnit],
    path: str | os.PathLike[str],
    fmt: str | None = None,
    *,
    src_lang: str | None = None,
    tgt_lang: str | None = None,
    progress: Progress = NO_PROGRESS,
) -> int:
    """Write translation units as TMX, XLIFF 1.2 or a table; return the count written."""
    chosen = output_format(path, fmt)
    if chosen == "tmx":
        from termalign.formats.tmx import write_tmx

        return write_tmx(units, path, src_lang=src_lang, tgt_lang=tgt_lang, progress=progress)
    if chosen == "xliff":
        from termalign.formats.xliff import write_xliff

        return write_xliff(units, path, src_lang=src_lang, tgt_lang=tgt_lang, progress=progress)
    if chosen == "table":
        from termalign.formats.tables import units_frame, write_frame

        frame = units_frame(units)
        write_frame(frame, path)
        return frame.height
    raise UsageError(f"translation units can be written as {', '.join(WRITABLE_UNIT_FORMATS)}, not {chosen}")


@dataclass(frozen=True, slots=True)
class Conversion:
    """What `convert_file` did."""

    kind: str  # "glossary" or "units"
    source_format: str
    target_format: str
    count: int  # entries, lines (OmegaT) or units written

    @property
    def counted(self) -> str:
        """What `count` counts, for messages."""
        if self.target_format == "omegat":
            return "glossary lines"  # a line per accepted form
        return "entries" if self.kind == "glossary" else "translation units"


def content_kind(path: str | os.PathLike[str], fmt: str | None = None) -> str:
    """"glossary" or "units": what a file holds (tables are told apart by their columns)."""
    chosen = fmt or detect_format(path)
    if chosen in ("tmx", "xliff"):
        return "units"
    if chosen != "table":
        return "glossary"
    columns = set(_table_columns(os.fspath(path)))
    if {"id", "en"} <= columns:
        return "glossary"
    if {"source", "target"} <= columns or {"src_text", "tgt_text"} <= columns:
        return "units"
    raise InputError(
        os.fspath(path),
        f"a table with columns {', '.join(sorted(columns))}: expected a glossary (id, en, zh …) "
        "or translation units (source, target)",
        line=1,
    )


def _table_columns(name: str) -> list[str]:
    import json

    import polars as pl

    from termalign.formats.tables import table_format

    fmt = table_format(name)
    if fmt == "parquet":
        try:
            return list(pl.read_parquet_schema(name))
        except pl.exceptions.PolarsError as error:
            raise InputError(name, f"cannot read as PARQUET: {str(error).strip().splitlines()[0]}") from None
    first = _first_line(name)
    if fmt == "jsonl":
        try:
            return list(json.loads(first)) if first.strip() else []
        except json.JSONDecodeError as error:
            raise InputError(name, f"not JSON lines: {error.msg}", line=1, column=error.colno) from None
    return first.split("\t")


def convert_file(
    source: str | os.PathLike[str],
    target: str | os.PathLike[str],
    *,
    from_format: str | None = None,
    to_format: str | None = None,
    src_lang: str | None = None,
    tgt_lang: str | None = None,
    progress: Progress = NO_PROGRESS,
) -> Conversion:
    """Convert a glossary or a set of translation units from one format to another.

    Glossaries go to glossary formats, units to unit formats; the output appears only when
    complete (a bad unit halfway through a TMX leaves no output file).
    """
    in_name, out_name = os.fspath(source), os.fspath(target)
    if out_name != "-" and os.path.exists(out_name) and os.path.samefile(in_name, out_name):
        raise UsageError(f"{out_name} is the input file: choose another output")
    in_fmt = from_format or detect_format(in_name)
    out_fmt = output_format(out_name, to_format)
    kind = content_kind(in_name, in_fmt)
    if kind == "glossary":
        if out_fmt not in GLOSSARY_FORMATS:
            raise UsageError(f"{in_name} holds a glossary; {out_fmt.upper()} holds translation units. Glossary formats: {', '.join(GLOSSARY_FORMATS)}")
        glossary = read_glossary(in_name, in_fmt)
        count = write_glossary(glossary, out_name, out_fmt, src_lang=src_lang or "en-US", tgt_lang=tgt_lang or "zh-CN")
    else:
        if out_fmt not in WRITABLE_UNIT_FORMATS:
            raise UsageError(f"{in_name} holds translation units; they can be written as {', '.join(WRITABLE_UNIT_FORMATS)}, not {out_fmt}")
        units = read_units(in_name, in_fmt, progress=progress)
        count = write_units(units, out_name, out_fmt, src_lang=src_lang, tgt_lang=tgt_lang, progress=progress)
    return Conversion(kind, in_fmt, out_fmt, count)


__all__ = [
    "Conversion",
    "content_kind",
    "convert_file",
    "FORMATS",
    "GLOSSARY_FORMATS",
    "UNIT_FORMATS",
    "EXTENSIONS",
    "detect_format",
    "output_format",
    "read_glossary",
    "read_units",
    "write_glossary",
    "write_units",
]
