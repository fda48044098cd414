"""Plain text: one paragraph per block of lines separated by blank lines, no speakers."""

from __future__ import annotations

from termalign.model import Document, DocumentKind, Lang, Role
from termalign.readers.build import TurnDraft, assemble_turns, split_blocks, split_lines


def parse_plain(text: str, path: str, lang: Lang) -> Document:
    """A single turn without speaker holding every paragraph of the file."""
    blocks = split_blocks(split_lines(text))
    draft = TurnDraft(speaker=None, role=Role.NONE, paragraphs=[(b.start, b.end) for b in blocks])
    turns = assemble_turns(text, lang, [draft]) if blocks else []
    return Document(path, lang, DocumentKind.PLAIN, turns, text=text)
