"""English SCIO press-conference transcripts (scio.gov.cn / english.scio.gov.cn pages as text).

Layout: a title line; a "Place | time date" line; an introduction; participant lines
"Name, title" (often listed twice, with slightly different titles, around a "Read in
Chinese" link; sometimes under "Speakers:" / "Chairperson:" markers); then the body,
where "Name:" or "Media Outlet:" labels stand on their own line (or open a paragraph)
before the turn's paragraphs. Page furniture: "Read in Chinese", the "Translated and
edited by …" credits, photo captions ("/5    Xing Huina").
"""

from __future__ import annotations

import datetime as dt

import regex

from termalign.model import Document, DocumentKind, Lang, Participant, Role
from termalign.readers.build import Line, assemble_turns, split_lines
from termalign.readers.transcript import Label, dedupe_participants, mark_host, parse_body

_CONNECTORS = r"(?:of|and|the|for|on|in|at|de|du|van|von|der|da|&)"
_WORD = r"[\p{Lu}\d][\p{L}\d'’&.\-]*"
_LABEL = regex.compile(rf"^(?P<name>{_WORD}(?:[ \u00a0]+(?:{_WORD}|{_CONNECTORS})){{0,7}})[ \u00a0]*:(?P<rest>.*)$")
_HONORIFIC = regex.compile(r"^(?:Mr|Mrs|Ms|Dr|Prof)\.?\s+")
# "Tian Yulong, chief engineer and spokesperson of the MIIT"
_PARTICIPANT = regex.compile(r"^(?:(?:Mr|Mrs|Ms|Dr|Prof)\.?\s+)?(?P<name>\p{Lu}[\p{L}'’\-]*(?:[ \u00a0]+\p{Lu}[\p{L}'’\-]*){0,3}),\s+(?P<title>\p{Ll}.*?)\s*$")
_MONTHS = {m: i for i, m in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split(), start=1)}
_DATE = regex.compile(r"\b(?P<month>Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)[a-z]*\.?\s+(?P<day>\d{1,2}),?\s+(?P<year>\d{4})\b")
_DATE_DMY = regex.compile(r"\b(?P<day>\d{1,2})\s+(?P<month>Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)[a-z]*\.?,?\s+(?P<year>\d{4})\b")

_HOST_MARKERS = frozenset("host hosts chairperson chair moderator presided".split())
_HEADER_MARKERS = _HOST_MARKERS | frozenset("speakers speaker participants guests panelists date time place venue location".split())
_LETTERS = regex.compile(r"\p{L}+")
_CAPITALISED_WORD = regex.compile(r"^\p{Lu}\p{Ll}+$")
_QUESTION_LABELS = frozenset("question q reporter journalist correspondent audience".split())
# Inline "Word: text" prefixes that are headings or sentence openers, never speakers.
_NOT_SPEAKERS = _HEADER_MARKERS | frozenset(
    """note notes source sources example examples photo photos editor contact tags keywords
    summary update background attachment related first second third fourth fifth next finally
    thank thanks""".split()
)
_MEDIA_WORDS = frozenset(
    """news daily times agency magazine tv television radio network media press post journal
    review weekly herald tribune observer newspaper reporter journalist correspondent cgtn cctv
    xinhua reuters bloomberg afp ap nhk bbc cnn caixin phoenix outlet channel broadcasting
    """.split()
)

_FURNITURE = (
    regex.compile(r"^Read in (?:Chinese|English)$", regex.IGNORECASE),
    regex.compile(r"^(?:Translated|Edited|Compiled)(?: and (?:edited|translated|compiled))? by\b", regex.IGNORECASE),
    regex.compile(r"^/\s*\d+[\s\u00a0]+\S"),  # photo gallery captions "/5    Xing Huina"
    regex.compile(r"^\d+\s*/\s*\d+$"),
    regex.compile(r"^(?:Share|Print|Close|Top|Back to top)$", regex.IGNORECASE),
)
_CLOSING = regex.compile(
    r"^(?:(?:thank you|thanks)(?: (?:very much|all|everyone|again))?|that's (?:all|it)(?: for (?:me|now))?)(?:[,.!]\s*(?:thank you|thanks)?)*[.!]*$",
    regex.IGNORECASE,
)


class EnglishDialect:
    """How English SCIO transcripts write labels, furniture, closings and questions."""

    def label(self, line: str, participants: list[Participant], seen: set[str]) -> Label | None:
        match = _LABEL.match(line)
        if match is None:
            return None
        name = _HONORIFIC.sub("", match.group("name")).strip()
        rest = match.group("rest")
        key = name.lower()
        known = {p.name for p in participants} | seen
        if rest.strip():
            inline_ok = name in known or key in _QUESTION_LABELS or self.is_media(name) or _looks_like_name(name)
            if not inline_ok or key in _NOT_SPEAKERS:
                return None
        elif key in _NOT_SPEAKERS - _HOST_MARKERS:
            return None
        written = line[: match.start("rest")].strip()
        text_start = match.start("rest") if rest.strip() else None
        if key in _QUESTION_LABELS:
            return Label(written, None, role=Role.QUESTION, text_start=text_start)
        if key in _HOST_MARKERS:
            return Label(written, None, role=Role.HOST, text_start=text_start)
        return Label(written, name, text_start=text_start)

    def is_furniture(self, line: str) -> bool:
        return any(pattern.search(line) for pattern in _FURNITURE)

    def is_closing(self, paragraph: str) -> bool:
        return bool(_CLOSING.match(paragraph.strip()))

    def is_question(self, paragraph: str) -> bool:
        return "?" in paragraph

    def is_media(self, speaker: str) -> bool:
        return any(word in _MEDIA_WORDS for word in _LETTERS.findall(speaker.lower()))


def _looks_like_name(name: str) -> bool:
    """Two or three capitalised words with no connector: "Li Wei", "Chen Xiaoming Jr"."""
    words = name.split()
    return 2 <= len(words) <= 3 and all(_CAPITALISED_WORD.match(w) for w in words)


DIALECT = EnglishDialect()


def parse_scio_en(text: str, path: str) -> Document:
    """Read an English SCIO transcript: header facts, participants and speaker turns."""
    lines = split_lines(text)
    body_start = _body_start(lines)
    header = [line for line in lines[:body_start] if not line.is_blank]
    participants = _participants(header)
    first_label = _first_label(lines[body_start:], participants)
    participants = mark_host(participants, first_label)
    drafts = parse_body(text, lines[body_start:], DIALECT, participants)
    title, date, place = _header_facts(header)
    return Document(
        path,
        Lang.EN,
        DocumentKind.TRANSCRIPT,
        assemble_turns(text, Lang.EN, drafts),
        title=title,
        date=date,
        place=place,
        participants=participants,
        text=text,
    )


def looks_like_scio_en(text: str) -> bool:
    """At least three speaker labels (own-line, or inline with a speaker-like name), two speakers or more."""
    labels = [DIALECT.label(line.stripped, [], set()) for line in split_lines(text)]
    names = [label.written for label in labels if label is not None]
    return len(names) >= 3 and len(set(names)) >= 2


def _body_start(lines: list[Line]) -> int:
    """Index of the first speaker label: own-line (not a header marker) or inline naming a participant."""
    listed: set[str] = set()
    for index, line in enumerate(lines):
        content = line.stripped
        label = _LABEL.match(content)
        if label is None:
            participant = _PARTICIPANT.match(content)
            if participant is not None:
                listed.add(participant.group("name"))
            continue
        name = _HONORIFIC.sub("", label.group("name")).strip()
        if label.group("rest").strip():
            if name in listed:
                return index
            continue
        key = name.lower()
        if key in _NOT_SPEAKERS - _HOST_MARKERS or key in _HOST_MARKERS and _lists_participant_next(lines, index):
            continue
        return index
    return len(lines)


def _lists_participant_next(lines: list[Line], index: int) -> bool:
    following = next((line for line in lines[index + 1 :] if not line.is_blank), None)
    return following is not None and bool(_PARTICIPANT.match(following.stripped))


def _participants(header: list[Line]) -> list[Participant]:
    found: list[Participant] = []
    role = Role.SPEAKER
    for line in header:
        content = line.stripped
        marker = _LABEL.match(content)
        if marker is not None and not marker.group("rest").strip():
            role = Role.HOST if marker.group("name").lower() in _HOST_MARKERS else Role.SPEAKER
            continue
        match = _PARTICIPANT.match(content)
        if match is not None:
            found.append(Participant(match.group("name"), match.group("title").rstrip(" ;."), role))
    return dedupe_participants(found)


def _first_label(body: list[Line], participants: list[Participant]) -> str | None:
    """The speaker who opens the body (the host, by SCIO convention)."""
    for line in body:
        if line.is_blank:
            continue
        label = DIALECT.label(line.stripped, participants, set())
        return label.speaker if label is not None else None
    return None


def _header_facts(header: list[Line]) -> tuple[str, dt.date | None, str]:
    title = header[0].stripped if header else ""
    for line in header:
        date = _parse_date(line.stripped)
        if date is not None:
            place = line.stripped.split("|", 1)[0].strip() if "|" in line.stripped else ""
            return title, date, place
    return title, None, ""


def _parse_date(text: str) -> dt.date | None:
    match = _DATE.search(text) or _DATE_DMY.search(text)
    if match is None:
        return None
    try:
        return dt.date(int(match.group("year")), _MONTHS[match.group("month")[:3].lower()], int(match.group("day")))
    except ValueError:
        return None
