"""The body of a press-conference transcript, shared by the English and Chinese readers.

A transcript is a header (title, date, place, participants) and a body of speaker turns.
Each language supplies a `Dialect`: how a speaker label looks, what page furniture looks
like, what a closing formula ("Thank you!", 谢谢。) and a question look like. The body
parser then works the same for both:

- a label (on its own line, or inline before the first paragraph) opens a turn;
- every other non-blank line is a paragraph of the current turn, unless it is furniture;
- a question paragraph that follows an answer's closing formula, or a gap of two or
  more blank lines, opens a question turn of an unnamed journalist (SCIO transcripts
  sometimes drop the media label).

Roles come from the header's participants (host or speaker); labels of people and outlets
not in the header are questions when their turn asks something or the label names a
media outlet, speakers otherwise; the first turn of the body is the host's.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from termalign.model import Participant, Role
from termalign.readers.build import Line, TurnDraft


@dataclass(frozen=True, slots=True)
class Label:
    """A speaker label as found in a line."""

    written: str  # as in the file, colon included: "Tian Yulong:", "第一财经记者："
    speaker: str | None  # person or outlet; None for a generic journalist label
    title: str = ""  # a title written in the label (工业和信息化部总工程师、新闻发言人)
    role: Role | None = None  # None: decided from participants and content
    text_start: int | None = None  # inline label: where the paragraph starts in the line


class Dialect(Protocol):
    def label(self, line: str, participants: list[Participant], seen: set[str]) -> Label | None: ...

    def is_furniture(self, line: str) -> bool: ...

    def is_closing(self, paragraph: str) -> bool: ...

    def is_question(self, paragraph: str) -> bool: ...

    def is_media(self, speaker: str) -> bool: ...


@dataclass(slots=True)
class _Draft:
    turn: TurnDraft
    known: bool  # role settled from a participant or the label itself
    asks: bool = False  # some paragraph is a question


def parse_body(text: str, lines: list[Line], dialect: Dialect, participants: list[Participant]) -> list[TurnDraft]:
    """Turn the body lines (from the first label on) into turn drafts with settled roles."""
    drafts: list[_Draft] = []
    seen: set[str] = set()
    blanks = 0
    previous = ""  # the last paragraph of the current turn
    for line in lines:
        if line.is_blank:
            blanks += 1
            continue
        content = line.stripped
        if dialect.is_furniture(content):
            blanks = 0
            continue
        label = dialect.label(content, participants, seen)
        if label is not None:
            drafts.append(_open_turn(label, participants, dialect))
            if label.speaker:
                seen.add(label.speaker)
            previous, blanks = "", 0
            if label.text_start is None:
                continue
            indent = len(line.content) - len(line.content.lstrip())
            paragraph = _paragraph_span(line, indent + label.text_start)
        else:
            paragraph = _paragraph_span(line, 0)
        body = text[paragraph[0] : paragraph[1]]
        if drafts and label is None and _starts_unlabelled_question(drafts[-1], body, previous, blanks, dialect):
            drafts.append(_Draft(TurnDraft(None, Role.QUESTION), known=True))
        if drafts:
            current = drafts[-1]
            current.turn.paragraphs.append(paragraph)
            current.asks = current.asks or dialect.is_question(body)
        previous, blanks = body, 0
    return _settle_roles(drafts)


def _paragraph_span(line: Line, text_start: int) -> tuple[int, int]:
    """The stripped span of `line` from `text_start` (an offset into the raw line) on."""
    content = line.content[text_start:]
    lead = len(content) - len(content.lstrip())
    start = line.start + text_start + lead
    return start, start + len(content.strip())


def _open_turn(label: Label, participants: list[Participant], dialect: Dialect) -> _Draft:
    role = label.role
    person = next((p for p in participants if p.name == label.speaker), None)
    if person is not None:
        role = person.role
    elif role is None and label.speaker is not None and dialect.is_media(label.speaker):
        role = Role.QUESTION
    title = label.title or (person.title if person is not None else "")
    turn = TurnDraft(label.speaker, role or Role.SPEAKER, label.written, title)
    return _Draft(turn, known=role is not None)


def _starts_unlabelled_question(current: _Draft, paragraph: str, previous: str, blanks: int, dialect: Dialect) -> bool:
    if current.turn.role is Role.QUESTION and current.known:
        return False
    if not dialect.is_question(paragraph):
        return False
    return dialect.is_closing(previous) or blanks >= 2


def _settle_roles(drafts: list[_Draft]) -> list[TurnDraft]:
    """Give a role to turns whose label named nobody from the header."""
    host = next((d.turn.speaker for d in drafts if d.known and d.turn.role is Role.HOST), None)
    for position, draft in enumerate(drafts):
        if draft.known:
            continue
        speaker = draft.turn.speaker
        if host is None and position == 0 and not draft.asks:
            draft.turn.role, host = Role.HOST, speaker
        elif speaker is not None and speaker == host:
            draft.turn.role = Role.HOST
        elif draft.asks:
            draft.turn.role = Role.QUESTION
        else:
            draft.turn.role = Role.SPEAKER
    return [d.turn for d in drafts]


def dedupe_participants(found: list[Participant]) -> list[Participant]:
    """One entry per person (the first listing), but a host marking anywhere wins."""
    by_name: dict[str, Participant] = {}
    for person in found:
        kept = by_name.get(person.name)
        if kept is None:
            by_name[person.name] = person
        elif person.role is Role.HOST and kept.role is not Role.HOST:
            by_name[person.name] = Participant(kept.name, kept.title, Role.HOST)
    return list(by_name.values())


def mark_host(participants: list[Participant], name: str | None) -> list[Participant]:
    """Make `name` the host when the header did not say who hosts."""
    if name is None or any(p.role is Role.HOST for p in participants):
        return participants
    return [Participant(p.name, p.title, Role.HOST) if p.name == name else p for p in participants]
