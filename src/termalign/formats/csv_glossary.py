"""Glossary CSV with language-code headers, for memoQ and Trados MultiTerm (via MultiTerm Convert).

One row per entry, UTF-8 with BOM (Excel and memoQ then detect the encoding), comma-separated,
quoted where needed. Columns (``en-US``/``zh-CN`` are the languages asked for)::

    ID, en-US, en-US_Variants, zh-CN, zh-CN_Variants, zh-CN_Forbidden, Subject, Status, Note

Variant cells hold several terms separated by ``;`` — in memoQ's CSV import tick "Split
alternatives in field by" and enter ``;``; map ``zh-CN_Forbidden`` to forbidden terms. A term
containing ``;`` is refused (`UnrepresentableTextError`) rather than split wrongly on import.
``Status`` holds termalign's workflow note (status, score, frequencies; see `workflow`).

Not carried (use the glossary TSV for a lossless copy): contexts, sources, zh_candidates.
Reading accepts this layout and simpler ones: the first two columns whose header looks like a
language code (``en``, ``en-US``, ``zh_CN``) are source and target; ``<lang>_Variants`` and
``<lang>_Forbidden`` columns, ``ID``, ``Subject``, ``Status``, ``Note`` are used when present.
"""

from __future__ import annotations

import csv
import io
import os
import re

from termalign.errors import InputError
from termalign.fileio import atomic_output
from termalign.formats.workflow import apply_workflow_note, workflow_note
from termalign.formats.xmlsafe import UnrepresentableTextError
from termalign.model import Glossary, GlossaryEntry, TermCategory, TermStatus
from termalign.readers.encoding import read_utf8

SEPARATOR = ";"
# A language tag as column header: language, then optional script (Hans), region (CN, 419).
LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}(?:[-_][a-z]{4})?(?:[-_](?:[a-z]{2}|[0-9]{3}))?$", re.IGNORECASE)
_NOT_LANGUAGES = {"id"}  # the ID column (Indonesian glossaries: write id-ID)


def header(src_lang: str, tgt_lang: str) -> list[str]:
    return ["ID", src_lang, f"{src_lang}_Variants", tgt_lang, f"{tgt_lang}_Variants", f"{tgt_lang}_Forbidden", "Subject", "Status", "Note"]


def _join(items: list[str], where: str) -> str:
    for item in items:
        if SEPARATOR in item:
            raise UnrepresentableTextError(f"{where}: the term {item!r} contains {SEPARATOR!r}, the CSV list separator")
    return SEPARATOR.join(items)


def write_csv_glossary(glossary: Glossary, path: str | os.PathLike[str], *, src_lang: str = "en-US", tgt_lang: str = "zh-CN") -> int:
    """Write one CSV row per entry; return the number of entries."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header(src_lang, tgt_lang))
    for entry in glossary.entries:
        where = f"glossary entry {entry.id!r}"
        writer.writerow(
            [
                entry.id,
                entry.en,
                _join(entry.en_variants, where),
                entry.zh,
                _join(entry.zh_variants, where),
                _join(entry.zh_deprecated, where),
                str(entry.category),
                workflow_note(entry),
                entry.note,
            ]
        )
    with atomic_output(path, "w", encoding="utf-8-sig") as out:
        out.write(buffer.getvalue())
    return len(glossary.entries)


def read_csv_glossary(path: str | os.PathLike[str], *, delimiter: str | None = None) -> Glossary:
    """Read a glossary CSV (comma, semicolon or tab separated; sniffed when not given)."""
    name = os.fspath(path)
    text = read_utf8(name, "export the CSV as UTF-8")
    if delimiter is None:
        first_line = text.split("\n", 1)[0]
        delimiter = max([",", ";", "\t"], key=first_line.count)
    rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    if not rows:
        raise InputError(name, "the CSV file is empty: expected a header row with language codes", line=1)
    return Glossary(entries=entries_from_rows(name, rows[0], rows[1:]), name=os.path.splitext(os.path.basename(name))[0])


def language_columns(path: str, header_row: list[str]) -> tuple[int, int]:
    """Indices of the source and target term columns: the first two language-code headers."""
    langs = [
        i for i, cell in enumerate(header_row)
        if LANGUAGE_CODE.match(cell.strip()) and cell.strip().lower() not in _NOT_LANGUAGES
    ]
    if len(langs) < 2:
        raise InputError(
            path,
            f"header {header_row!r} names fewer than two languages: expected language-code columns such as en-US and zh-CN",
            line=1,
        )
    return langs[0], langs[1]


def entries_from_rows(path: str, header_row: list[str], rows: list[list[str]]) -> list[GlossaryEntry]:
    src, tgt = language_columns(path, header_row)
    columns = {cell.strip().lower(): i for i, cell in enumerate(header_row)}
    src_name, tgt_name = header_row[src].strip().lower(), header_row[tgt].strip().lower()

    def cell(row: list[str], key: str) -> str:
        index = columns.get(key)
        return row[index].strip() if index is not None and index < len(row) else ""

    entries = []
    for line, row in enumerate(rows, start=2):
        if not any(c.strip() for c in row):
            continue
        en = row[src].strip() if src < len(row) else ""
        if not en:
            raise InputError(path, f"row without a term in the {header_row[src]} column", line=line)
        entry = GlossaryEntry(
            id=cell(row, "id") or f"R{line}",
            en=en,
            zh=row[tgt].strip() if tgt < len(row) else "",
            en_variants=_split(cell(row, f"{src_name}_variants")),
            zh_variants=_split(cell(row, f"{tgt_name}_variants")),
            zh_deprecated=_split(cell(row, f"{tgt_name}_forbidden")),
            note=cell(row, "note"),
        )
        subject = cell(row, "subject")
        if subject:
            try:
                entry.category = TermCategory(subject)
            except ValueError:
                entry.note = "\n".join(filter(None, [entry.note, f"subject: {subject}"]))
        status = cell(row, "status")
        if not (status and apply_workflow_note(entry, status)):
            entry.status = TermStatus.APPROVED if entry.zh else TermStatus.CANDIDATE
            if status:
                entry.note = "\n".join(filter(None, [entry.note, f"status: {status}"]))
        entries.append(entry)
    return entries


def _split(cell: str) -> list[str]:
    return [item.strip() for item in cell.split(SEPARATOR) if item.strip()]
