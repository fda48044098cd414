"""Pre-split text: one sentence per line, the 0-based line number is the sentence id.

Blank lines stay (as empty sentences) so that ids and indices always equal line numbers,
which is what gold alignments such as `[0, 1]:[0]` refer to.
"""

from __future__ import annotations

from termalign.model import Document, DocumentKind, Lang, Paragraph, Role, Sentence, Turn
from termalign.readers.build import split_lines


def parse_presplit(text: str, path: str, lang: Lang) -> Document:
    """One turn, one paragraph, one sentence per line (text stripped, offsets of the stripped text)."""
    sentences: list[Sentence] = []
    for index, line in enumerate(split_lines(text)):
        lead = len(line.content) - len(line.content.lstrip())
        stripped = line.stripped
        start = line.start + (lead if stripped else 0)
        sentences.append(Sentence(str(index), index, stripped, start, start + len(stripped)))
    paragraph = Paragraph("t01.p01", sentences, 0, len(text))
    turn = Turn("t01", None, Role.NONE, [paragraph])
    return Document(path, lang, DocumentKind.PRESPLIT, [turn], text=text)
