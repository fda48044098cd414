"""The participants' titles in a transcript's header, as lines the terminology reads too.

A briefing names some bodies only where it introduces its speakers ("deputy director general of
the Press Bureau of the State Council Information Office"): they are terms of the text all the
same, and the Chinese header names them in the same place (国务院新闻办公室新闻局副局长). Each
English participant's title is paired with the Chinese participant's title (by name, else by
place when both headers list the same roles in the same order), and the pair is read as one
more bead.
"""

from __future__ import annotations

from dataclasses import dataclass

from termalign.model import Document, Participant
from termalign.text.names import name_matches


@dataclass(frozen=True, slots=True)
class HeaderLine:
    """A participant's title as an extra sentence: its index follows the document's sentences."""

    index: int
    id: str  # "header.1", …
    en: str
    zh: str = ""  # the Chinese participant's title ("" without a Chinese side or a match)
    zh_id: str = ""


def header_lines(en_doc: Document, zh_doc: Document | None = None) -> list[HeaderLine]:
    """The titles of `en_doc`'s participants, each with its Chinese counterpart in `zh_doc`."""
    first = max((s.index for s in en_doc.sentences), default=-1) + 1
    titled = [p for p in en_doc.participants if p.title.strip()]
    partners = _partners(titled, zh_doc.participants if zh_doc is not None else [])
    lines = []
    for number, (participant, partner) in enumerate(zip(titled, partners), 1):
        zh = partner.title.strip() if partner is not None else ""
        lines.append(HeaderLine(first + number - 1, f"header.{number}", participant.title.strip(), zh, f"header.{number}" if zh else ""))
    return lines


def _partners(english: list[Participant], chinese: list[Participant]) -> list[Participant | None]:
    """The Chinese participant of each English one: the one whose name it romanises; failing any
    such match, the one in the same place when both lists have the same roles in order."""
    by_name = [next((c for c in chinese if name_matches(c.name, e.name)), None) for e in english]
    if any(by_name):
        return by_name
    titled = [c for c in chinese if c.title.strip()]
    if len(titled) == len(english) and all(c.role is e.role for c, e in zip(titled, english)):
        return list(titled)
    return [None] * len(english)
