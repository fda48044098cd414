"""Phrase (Memsource) term base spreadsheets: XLSX with language-code column headers.

One sheet, one header row, then one row per *term*: the rows of one concept share its
``Concept ID`` (this is how Phrase lays out synonyms). Columns (``en``/``zh_cn`` style codes
are the languages asked for, written as given)::

    Concept ID, Domain, Concept note,
    en-US, en-US_Status, en-US_Forbidden, en-US_Note,
    zh-CN, zh-CN_Status, zh-CN_Forbidden, zh-CN_Note

- the first row of a concept holds the preferred English and Chinese terms, the concept's
  category (``Domain``) and note plus termalign's workflow note (``Concept note``);
- each English or Chinese variant gets a row of its own; deprecated Chinese renderings are
  rows with ``zh-CN_Forbidden`` = TRUE;
- ``_Status`` is ``Approved`` for approved entries, else ``New`` (Phrase's two term states);
  booleans are real Excel booleans.

Reading groups rows by ``Concept ID`` (a row without one starts a new concept), takes the
first two language-code columns as source and target, the first non-forbidden term of each
language as the main term, later ones as variants and forbidden target terms as deprecated.
Not carried (use the glossary TSV for a lossless copy): contexts, sources, zh_candidates.
Characters XML forbids cannot go into XLSX either and are refused (`UnrepresentableTextError`).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from zipfile import BadZipFile

from openpyxl import Workbook, load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from termalign.errors import InputError
from termalign.fileio import atomic_output, atomic_path
from termalign.formats.csv_glossary import language_columns
from termalign.formats.workflow import apply_workflow_note, is_workflow_note, workflow_note
from termalign.formats.xmlsafe import check_xml_text
from termalign.model import Glossary, GlossaryEntry, TermCategory, TermStatus


def header(src_lang: str, tgt_lang: str) -> list[str]:
    columns = ["Concept ID", "Domain", "Concept note"]
    for lang in (src_lang, tgt_lang):
        columns += [lang, f"{lang}_Status", f"{lang}_Forbidden", f"{lang}_Note"]
    return columns


def _rows(entry: GlossaryEntry) -> Iterator[list[object]]:
    status = "Approved" if entry.status == TermStatus.APPROVED else "New"
    note = "\n".join(filter(None, [entry.note, workflow_note(entry)]))

    def term(text: str, forbidden: bool = False) -> list[object]:
        return [text, status if text else None, forbidden if text else None, None]

    blank = [None, None, None, None]
    yield [entry.id, str(entry.category), note, *term(entry.en), *(term(entry.zh) if entry.zh else blank)]
    for variant in entry.en_variants:
        yield [entry.id, None, None, *term(variant), *blank]
    for variant in entry.zh_variants:
        yield [entry.id, None, None, *blank, *term(variant)]
    for variant in entry.zh_deprecated:
        yield [entry.id, None, None, *blank, *term(variant, forbidden=True)]


def write_xlsx_glossary(glossary: Glossary, path: str | os.PathLike[str], *, src_lang: str = "en-US", tgt_lang: str = "zh-CN") -> int:
    """Write the term base spreadsheet; return the number of entries."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Term base"
    sheet.append(header(src_lang, tgt_lang))
    for entry in glossary.entries:
        for row in _rows(entry):
            for value in row:
                if isinstance(value, str):
                    check_xml_text(value, f"glossary entry {entry.id!r}")
            sheet.append(row)
    sheet.freeze_panes = "A2"
    if os.fspath(path) == "-":
        with atomic_output(path, "wb") as out:
            workbook.save(out)
    else:
        with atomic_path(path) as tmp:
            workbook.save(tmp)
    return len(glossary.entries)


def read_xlsx_glossary(path: str | os.PathLike[str]) -> Glossary:
    """Read a term base spreadsheet laid out as above (the first sheet)."""
    name = os.fspath(path)
    try:
        workbook = load_workbook(name, read_only=True, data_only=True)
    except (InvalidFileException, BadZipFile, OSError, KeyError, ValueError) as error:
        raise InputError(name, f"not a readable XLSX workbook: {error}") from None
    rows = [["" if v is None else v for v in row] for row in workbook.worksheets[0].iter_rows(values_only=True)]
    workbook.close()
    if not rows:
        raise InputError(name, "the workbook is empty: expected a header row with language codes", line=1)
    header_row = [str(c).strip() for c in rows[0]]
    src, tgt = language_columns(name, header_row)
    columns = {c.lower(): i for i, c in enumerate(header_row)}

    def cell(row: list[object], key: str) -> object:
        index = columns.get(key.lower())
        return row[index] if index is not None and index < len(row) else ""

    entries: list[GlossaryEntry] = []
    current: GlossaryEntry | None = None
    for line, row in enumerate(rows[1:], start=2):
        if not any(str(v).strip() for v in row):
            continue
        concept = str(cell(row, "Concept ID")).strip()
        if current is None or not concept or concept != current.id:
            current = GlossaryEntry(id=concept or f"R{line}", en="")
            entries.append(current)
            _concept_fields(current, row, cell, header_row[src])
        for lang_index, is_source in ((src, True), (tgt, False)):
            text = str(row[lang_index]).strip() if lang_index < len(row) else ""
            if text:
                forbidden = cell(row, f"{header_row[lang_index]}_Forbidden") in (True, "TRUE", "true", 1)
                _add_term(current, text, is_source, forbidden)
    for entry in entries:
        if not entry.en:
            raise InputError(name, f"concept {entry.id!r} has no term in the {header_row[src]} column")
    return Glossary(entries=entries, name=os.path.splitext(os.path.basename(name))[0])


def _concept_fields(entry: GlossaryEntry, row: list[object], cell: Callable[[list[object], str], object], src_header: str) -> None:
    lines = str(cell(row, "Concept note")).split("\n")
    workflow = next((i for i in range(len(lines) - 1, -1, -1) if is_workflow_note(lines[i])), None)
    if workflow is not None and apply_workflow_note(entry, lines[workflow]):
        del lines[workflow]
    else:
        status = str(cell(row, f"{src_header}_Status") or "")
        entry.status = TermStatus.APPROVED if status.lower() == "approved" else TermStatus.CANDIDATE
    notes = ["\n".join(lines)] if any(lines) else []
    domain = str(cell(row, "Domain")).strip()
    if domain:
        try:
            entry.category = TermCategory(domain)
        except ValueError:
            notes.insert(0, f"domain: {domain}")
    entry.note = "\n".join(notes)


def _add_term(entry: GlossaryEntry, text: str, is_source: bool, forbidden: bool) -> None:
    if is_source:
        if not entry.en:
            entry.en = text
        elif text != entry.en and text not in entry.en_variants:
            entry.en_variants.append(text)
    elif forbidden:
        entry.zh_deprecated.append(text)
    elif not entry.zh:
        entry.zh = text
    elif text != entry.zh and text not in entry.zh_variants:
        entry.zh_variants.append(text)
