"""OmegaT glossaries: tab-separated UTF-8, ``source<TAB>target<TAB>comment``, no header.

Save them with the ``.utf8`` extension (or ``.tab``) in the project's ``glossary/`` folder:
OmegaT reads ``.utf8`` as UTF-8 and guesses the encoding of ``.txt`` files.

Writing, per entry that has a Chinese term:

- ``en  zh  comment``: the comment names the category, the deprecated renderings
  ("do not use: …") and the entry note;
- one line ``en  variant  admitted variant`` per admitted Chinese variant;
- one line ``en-variant  zh  variant of <en>`` per English variant, so OmegaT also finds
  the abbreviation (``MIIT``) in the source text.

Entries without any Chinese term are left out (OmegaT has nothing to show for them): the
writer returns how many lines it wrote. Tabs and line breaks in a comment become spaces; a
term with a tab or line break, or a source term starting with ``#`` (OmegaT skips such lines
as comments), is refused with `UnrepresentableTextError`.

Reading groups lines by source term: the first target is the term, the others its variants;
the comment marks the writer puts in (category, ``do not use: …``, ``candidate`` /
``deprecated``, ``variant of …``) are read back, the rest of a comment becomes the note.
Lines starting with ``#`` and lines with fewer than two columns are skipped, as OmegaT does.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass

from termalign.fileio import atomic_output
from termalign.formats.xmlsafe import UnrepresentableTextError
from termalign.model import Glossary, GlossaryEntry, TermCategory, TermStatus
from termalign.readers.encoding import read_utf8

_LINE_BREAKS = re.compile(r"[\t\r\n\x0b\x0c\x85\u2028\u2029]+")


def write_omegat_glossary(glossary: Glossary, path: str | os.PathLike[str]) -> int:
    """Write the glossary for OmegaT; return the number of lines written."""
    lines: list[str] = []
    for entry in glossary.entries:
        if not entry.zh_forms:
            continue
        main = entry.zh or entry.zh_forms[0]
        where = f"glossary entry {entry.id!r}"
        lines.append(_line(entry.en, main, _comment(entry), where))
        for variant in entry.zh_forms[1:]:
            lines.append(_line(entry.en, variant, "admitted variant", where))
        for variant in entry.en_variants:
            lines.append(_line(variant, main, f"variant of {entry.en}", where))
    with atomic_output(path, "w") as out:
        out.write("".join(line + "\n" for line in lines))
    return len(lines)


def _comment(entry: GlossaryEntry) -> str:
    parts = [str(entry.category)]
    if entry.zh_deprecated:
        parts.append("do not use: " + ", ".join(entry.zh_deprecated))
    if entry.status != TermStatus.APPROVED:
        parts.append(str(entry.status))
    if entry.note:
        parts.append(entry.note)
    return _LINE_BREAKS.sub(" ", "; ".join(parts))


def _line(source: str, target: str, comment: str, where: str) -> str:
    for label, term in (("source term", source), ("target term", target)):
        if _LINE_BREAKS.search(term) or not term.strip():
            raise UnrepresentableTextError(f"{where}: the {label} {term!r} is empty or holds a tab or line break, which an OmegaT glossary line cannot carry")
    if source.startswith("#"):
        raise UnrepresentableTextError(f"{where}: the term {source!r} starts with '#', which OmegaT reads as a comment line")
    return f"{source}\t{target}\t{comment}" if comment else f"{source}\t{target}"


def read_omegat_glossary(path: str | os.PathLike[str]) -> Glossary:
    """Read an OmegaT tab-separated glossary (UTF-8, with or without BOM).

    Comments are read the way `write_omegat_glossary` writes them (and a terminologist can
    write them by hand): a leading category, ``do not use: a, b`` (deprecated renderings), the
    status ``candidate`` or ``deprecated`` (of the entry on its first line; on a later line it
    makes that line's target a deprecated rendering), ``admitted variant`` and ``variant of
    <source term>`` (the line's source is an English variant of that entry). What is left is
    the note. Without such marks every line is an approved rendering of its source term.
    """
    name = os.fspath(path)
    text = read_utf8(name, "save the glossary as UTF-8 (OmegaT's .utf8 files are)")
    entries: dict[str, GlossaryEntry] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if line.startswith("#") or not line.strip():
            continue
        columns = line.split("\t")
        if len(columns) < 2 or not columns[0].strip():
            continue
        source, target = columns[0].strip(), columns[1].strip()
        marks = _read_comment(columns[2] if len(columns) > 2 else "")
        owner = entries.get(marks.variant_of) if marks.variant_of else None
        if owner is not None and source not in entries:
            if source != owner.en and source not in owner.en_variants:
                owner.en_variants.append(source)
            entries[source] = owner  # later lines of this source term belong to the same entry
            _add_target(owner, target, deprecated=False)
            continue
        entry = entries.get(source)
        if entry is None:
            entry = entries[source] = GlossaryEntry(id=f"L{number}", en=source, status=marks.status or TermStatus.APPROVED)
            if marks.category is not None:
                entry.category = marks.category
            _add_target(entry, target, deprecated=False)
        else:
            _add_target(entry, target, deprecated=marks.status is TermStatus.DEPRECATED)
        for form in marks.do_not_use:
            if form not in entry.zh_deprecated:
                entry.zh_deprecated.append(form)
        if marks.note and marks.note not in entry.note.split("\n"):
            entry.note = f"{entry.note}\n{marks.note}" if entry.note else marks.note
    unique = list({id(e): e for e in entries.values()}.values())
    return Glossary(entries=unique, name=os.path.splitext(os.path.basename(name))[0])


@dataclass(frozen=True, slots=True)
class _CommentMarks:
    category: TermCategory | None
    status: TermStatus | None
    do_not_use: tuple[str, ...]
    variant_of: str
    note: str


_DO_NOT_USE = "do not use:"
_VARIANT_OF = "variant of "
_ADMITTED = "admitted variant"


def _read_comment(comment: str) -> _CommentMarks:
    """The marks of a comment written like `_comment` ("; "-separated parts)."""
    parts = [part.strip() for part in comment.strip().split(";") if part.strip()]
    category: TermCategory | None = None
    if parts and parts[0] in TermCategory.__members__.values():
        category = TermCategory(parts.pop(0))
    status: TermStatus | None = None
    do_not_use: list[str] = []
    variant_of = ""
    rest: list[str] = []
    for part in parts:
        lowered = part.lower()
        if lowered in (TermStatus.CANDIDATE, TermStatus.DEPRECATED):
            status = TermStatus(lowered)
        elif lowered.startswith(_DO_NOT_USE):
            do_not_use.extend(f.strip() for f in re.split(r"[,，、]", part[len(_DO_NOT_USE) :]) if f.strip())
        elif lowered.startswith(_VARIANT_OF):
            variant_of = part[len(_VARIANT_OF) :].strip()
        elif lowered != _ADMITTED:
            rest.append(part)
    return _CommentMarks(category, status, tuple(do_not_use), variant_of, "; ".join(rest))


def _add_target(entry: GlossaryEntry, target: str, *, deprecated: bool) -> None:
    if not target:
        return
    if deprecated:
        if target not in entry.zh_deprecated and target != entry.zh:
            entry.zh_deprecated.append(target)
    elif not entry.zh:
        entry.zh = target
    elif target != entry.zh and target not in entry.zh_variants:
        entry.zh_variants.append(target)
