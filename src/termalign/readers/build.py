"""What every reader shares: lines with offsets, paragraph blocks, and assembling turns.

A reader decides the structure (which lines make a turn, which blocks make paragraphs,
who speaks); `assemble_turns` then numbers everything (`t01`, `t01.p02`, `t01.p02.s03`),
splits paragraphs into sentences and records character offsets into the decoded text.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import regex

from termalign.model import Lang, Paragraph, Role, Sentence, Turn
from termalign.segment import sentence_spans

_LINE = regex.compile(r"[^\r\n]*(?:\r\n|\r|\n)?")
_HAN = regex.compile(r"\p{Han}")
_LETTER = regex.compile(r"\p{L}")
# Share of Han characters among letters above which a text is Chinese.
_ZH_HAN_SHARE = 0.5
_LANG_SAMPLE = 100_000  # characters: the start of a file tells its language


@dataclass(frozen=True, slots=True)
class Line:
    number: int  # 1-based, as editors show it
    start: int  # offset of the first character in the decoded text
    content: str  # the line without its terminator

    @property
    def end(self) -> int:
        return self.start + len(self.content)

    @property
    def stripped(self) -> str:
        return self.content.strip()

    @property
    def is_blank(self) -> bool:
        return not self.content.strip()


def split_lines(text: str) -> list[Line]:
    """The lines of `text` with their offsets; \\n, \\r\\n and \\r all end a line."""
    lines: list[Line] = []
    for number, match in enumerate(_LINE.finditer(text), start=1):
        if match.start() == len(text):
            break  # the empty match after the last terminator is not a line
        lines.append(Line(number, match.start(), match.group().rstrip("\r\n")))
    return lines


@dataclass(frozen=True, slots=True)
class Block:
    """Consecutive non-blank lines: a paragraph in plain text, a label or paragraph in transcripts."""

    lines: tuple[Line, ...]
    blank_before: int  # blank lines between the previous block (or the file start) and this one

    @property
    def start(self) -> int:
        first = self.lines[0]
        return first.start + len(first.content) - len(first.content.lstrip())

    @property
    def end(self) -> int:
        last = self.lines[-1]
        return last.start + len(last.content.rstrip())

    @property
    def line(self) -> int:
        return self.lines[0].number

    @property
    def text(self) -> str:
        return "\n".join(line.stripped for line in self.lines)


def split_blocks(lines: list[Line]) -> list[Block]:
    """Group non-blank lines into blocks separated by one or more blank lines."""
    blocks: list[Block] = []
    current: list[Line] = []
    blanks = 0
    for line in lines:
        if line.is_blank:
            if current:
                blocks.append(Block(tuple(current), blanks))
                current, blanks = [], 0
            blanks += 1
        else:
            current.append(line)
    if current:
        blocks.append(Block(tuple(current), blanks))
    return blocks


def detect_lang(text: str) -> Lang:
    """Chinese when Han characters make up a fair share of the letters, else English."""
    sample = text[:_LANG_SAMPLE]
    letters = len(_LETTER.findall(sample))
    if not letters:
        return Lang.EN
    return Lang.ZH if len(_HAN.findall(sample)) / letters >= _ZH_HAN_SHARE else Lang.EN


@dataclass(slots=True)
class TurnDraft:
    """A turn as a reader found it: who speaks, and the spans of its paragraphs."""

    speaker: str | None
    role: Role
    label: str = ""
    speaker_title: str = ""
    paragraphs: list[tuple[int, int]] = field(default_factory=list)  # (start, end) in the text


def assemble_turns(text: str, lang: Lang, drafts: list[TurnDraft]) -> list[Turn]:
    """Number turns, paragraphs and sentences and split paragraphs into sentences."""
    turns: list[Turn] = []
    index = 0
    for turn_number, draft in enumerate(drafts, start=1):
        turn_id = f"t{turn_number:02d}"
        paragraphs: list[Paragraph] = []
        for paragraph_number, (start, end) in enumerate(draft.paragraphs, start=1):
            paragraph = make_paragraph(text, start, end, lang, f"{turn_id}.p{paragraph_number:02d}", index)
            index += len(paragraph.sentences)
            paragraphs.append(paragraph)
        turns.append(Turn(turn_id, draft.speaker, draft.role, paragraphs, draft.label, draft.speaker_title))
    return turns


def make_paragraph(text: str, start: int, end: int, lang: Lang, paragraph_id: str, first_index: int) -> Paragraph:
    """Split `text[start:end]` into sentences numbered from `first_index`."""
    sentences = [
        Sentence(f"{paragraph_id}.s{k:02d}", first_index + k - 1, text[start + s:start + e], start + s, start + e)
        for k, (s, e) in enumerate(sentence_spans(text[start:end], lang), start=1)
    ]
    return Paragraph(paragraph_id, sentences, start, end)
