"""The data every stage of termalign passes on: documents, alignments, glossaries, findings.

Pure data, no I/O. Readers build `Document`s, the aligner builds `Alignment`s, the term
extractor builds `Glossary`s, the checker builds `Finding`s; formats and reports only
read them.

Ids are stable and human-readable: turns `t01`, paragraphs `t01.p02`, sentences
`t01.p02.s03` (all 1-based, as people count them). Pre-split input keeps its own ids
(the 0-based line number as text). A sentence's `index` is its 0-based position in
`Document.sentences`, which is what beads refer to.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property
from typing import Iterator


class Lang(StrEnum):
    EN = "en"
    ZH = "zh"


class Role(StrEnum):
    """What a speaker turn is in a press conference."""

    HOST = "host"  # the moderator (主持人)
    SPEAKER = "speaker"  # an official answering
    QUESTION = "question"  # a journalist asking, named outlet or not
    NONE = "none"  # plain documents: no speaker structure


class DocumentKind(StrEnum):
    TRANSCRIPT = "transcript"
    PLAIN = "plain"
    PRESPLIT = "presplit"


@dataclass(frozen=True, slots=True)
class Sentence:
    id: str
    index: int  # 0-based position in the whole document
    text: str
    start: int  # character offsets into the decoded source text, end exclusive
    end: int


@dataclass(slots=True)
class Paragraph:
    id: str
    sentences: list[Sentence]
    start: int
    end: int

    @property
    def text(self) -> str:
        return " ".join(s.text for s in self.sentences)


@dataclass(frozen=True, slots=True)
class Participant:
    """A person listed in the header of a transcript, once per person."""

    name: str
    title: str  # e.g. "chief engineer and spokesperson of the MIIT"
    role: Role = Role.SPEAKER


@dataclass(slots=True)
class Turn:
    id: str
    speaker: str | None  # person or media outlet; None for an unnamed journalist
    role: Role
    paragraphs: list[Paragraph]
    label: str = ""  # the label as written in the file ("Tian Yulong:", "第一财经记者：")
    speaker_title: str = ""  # title given in the label, if any (中文: 工业和信息化部总工程师…)

    def sentences(self) -> Iterator[Sentence]:
        for paragraph in self.paragraphs:
            yield from paragraph.sentences


@dataclass(slots=True)
class Document:
    path: str
    lang: Lang
    kind: DocumentKind
    turns: list[Turn]
    title: str = ""
    date: dt.date | None = None
    place: str = ""
    participants: list[Participant] = field(default_factory=list)
    text: str = ""  # the decoded source text the offsets refer to

    @property
    def doc_id(self) -> str:
        """Short name used in tables and TMX props: the file name without folders."""
        return self.path.replace("\\", "/").rsplit("/", 1)[-1] if self.path else "<memory>"

    @property
    def paragraphs(self) -> list[Paragraph]:
        return [p for t in self.turns for p in t.paragraphs]

    @property
    def sentences(self) -> list[Sentence]:
        return [s for t in self.turns for p in t.paragraphs for s in p.sentences]

    def locate(self, sentence_index: int) -> tuple[Turn, Paragraph]:
        """The turn and paragraph that hold the sentence at `sentence_index`."""
        for turn in self.turns:
            for paragraph in turn.paragraphs:
                if paragraph.sentences and paragraph.sentences[0].index <= sentence_index <= paragraph.sentences[-1].index:
                    return turn, paragraph
        raise IndexError(f"sentence index {sentence_index} is not in {self.doc_id}")


@dataclass(frozen=True, slots=True)
class Bead:
    """One alignment unit: source sentence indices ↔ target sentence indices.

    Indices are 0-based positions in `Document.sentences`; either side may be empty
    (1-0 / 0-1 beads), never both.
    """

    src: tuple[int, ...]
    tgt: tuple[int, ...]
    confidence: float = 1.0

    def __post_init__(self) -> None:
        if not self.src and not self.tgt:
            raise ValueError("a bead needs at least one sentence on one side")

    @property
    def kind(self) -> str:
        return f"{len(self.src)}-{len(self.tgt)}"

    @property
    def is_null(self) -> bool:
        return not self.src or not self.tgt


@dataclass
class Alignment:  # no slots: the sentence lists below are cached per instance
    src: Document
    tgt: Document
    beads: list[Bead]
    method: str = ""  # e.g. "embeddings+length+numbers+dictionary"

    @cached_property
    def _src_sentences(self) -> list[Sentence]:
        return self.src.sentences

    @cached_property
    def _tgt_sentences(self) -> list[Sentence]:
        return self.tgt.sentences

    def src_text(self, bead: Bead, sep: str = " ") -> str:
        return sep.join(self._src_sentences[i].text for i in bead.src)

    def tgt_text(self, bead: Bead, sep: str = "") -> str:
        return sep.join(self._tgt_sentences[i].text for i in bead.tgt)


@dataclass(slots=True)
class TranslationUnit:
    """A source/target segment pair as exchanged with CAT tools (TMX, XLIFF, TSV)."""

    id: str
    source: str
    target: str
    src_lang: str = "en-US"
    tgt_lang: str = "zh-CN"
    props: dict[str, str] = field(default_factory=dict)
    note: str = ""


class TermStatus(StrEnum):
    CANDIDATE = "candidate"
    APPROVED = "approved"
    DEPRECATED = "deprecated"


class TermCategory(StrEnum):
    INSTITUTION = "institution"
    PROGRAMME = "programme"  # programmes, plans, slogans, events
    DOMAIN = "domain"
    ACRONYM = "acronym"
    PERSON = "person"  # persons and titles


@dataclass(frozen=True, slots=True)
class TermContext:
    segment_id: str
    text: str
    lang: Lang
    document: str = ""


@dataclass(frozen=True, slots=True)
class TranslationCandidate:
    """A ranked Chinese (target) rendering proposed for an English term, with its evidence."""

    text: str
    score: float
    evidence: str = ""  # e.g. "dice=0.82 llr=41.3 dict=1"


@dataclass(slots=True)
class GlossaryEntry:
    id: str
    en: str
    zh: str = ""
    en_variants: list[str] = field(default_factory=list)  # other forms of the term: acronym, spelling, wording
    zh_variants: list[str] = field(default_factory=list)  # admitted renderings
    zh_deprecated: list[str] = field(default_factory=list)  # forbidden renderings
    category: TermCategory = TermCategory.DOMAIN
    freq_en: int = 0
    freq_zh: int = 0
    score: float = 0.0
    status: TermStatus = TermStatus.CANDIDATE
    contexts: list[TermContext] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    note: str = ""
    zh_candidates: list[TranslationCandidate] = field(default_factory=list)
    # longer phrases the term was met in, grouped under it ("installed capacity of power
    # batteries" under "installed capacity"): shown to the reviewer, never matched as the term
    en_related: list[str] = field(default_factory=list)

    @property
    def en_forms(self) -> list[str]:
        return [self.en, *self.en_variants]

    @property
    def zh_forms(self) -> list[str]:
        """Accepted target renderings: preferred first, then admitted variants."""
        return [f for f in [self.zh, *self.zh_variants] if f]


@dataclass(slots=True)
class Glossary:
    entries: list[GlossaryEntry]
    src_lang: str = "en"
    tgt_lang: str = "zh"
    name: str = ""


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 2, "warning": 1, "info": 0}[self.value]


@dataclass(frozen=True, slots=True)
class TextSpan:
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Finding:
    check: str  # stable id, e.g. "terms.missing", "numbers.changed"
    severity: Severity
    segment_id: str
    message: str
    source: str = ""
    target: str = ""
    source_spans: tuple[TextSpan, ...] = ()
    target_spans: tuple[TextSpan, ...] = ()
    document: str = ""
