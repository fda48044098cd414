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

Reading groups lines by source term: the first target is the term, the others its variants,
comments become the note. Lines starting with ``#`` and lines with fewer than two columns are
skipped, as OmegaT does.
"""

from __future__ import annotations

import os
import re

from termalign.fileio import atomic_output
from termalign.formats.xmlsafe import UnrepresentableTextError
from termalign.model import Glossary, GlossaryEntry, TermStatus
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
    """Read an OmegaT tab-separated glossary (UTF-8, with or without BOM)."""
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
        comment = columns[2].strip() if len(columns) > 2 else ""
        entry = entries.get(source)
        if entry is None:
            entry = entries[source] = GlossaryEntry(id=f"L{number}", en=source, status=TermStatus.APPROVED)
        if target and not entry.zh:
            entry.zh = target
        elif target and target not in entry.zh_variants and target != entry.zh:
            entry.zh_variants.append(target)
        if comment and comment not in entry.note.split("\n"):
            entry.note = f"{entry.note}\n{comment}" if entry.note else comment
    return Glossary(entries=list(entries.values()), name=os.path.splitext(os.path.basename(name))[0])
