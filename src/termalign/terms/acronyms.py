"""Acronyms defined in the text: "long form (ACRONYM)", matched the Schwartz–Hearst way.

Schwartz & Hearst (2003), "A simple algorithm for identifying abbreviation definitions in
biomedical text": walk the short form's characters from the end and find each, right to
left, in the words before the parenthesis; the first character must start a word. The
long form is limited to min(|A| + 5, 2·|A|) words. We add two things official English
needs: a plural ``s`` on the acronym (``SMEs``) matches a plural long form, and the long
form may start with a hyphenated prefix list (``small- and medium-sized``).
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

# "(SMEs)", "(IoT)", "(5G)"… : 2–10 characters, at least one capital, no spaces.
_PAREN = regex.compile(r"\(\s*(?P<short>[\p{Lu}0-9][\p{L}0-9&\-]{1,9})\s*\)")
_WORD = regex.compile(r"[\p{L}0-9][\p{L}0-9'’\-]*")


@dataclass(frozen=True, slots=True)
class AcronymDefinition:
    short: str  # as written, e.g. "SMEs"
    long: str  # the long form as written, e.g. "small- and medium-sized enterprises"
    start: int  # character offset of the long form in the text it was found in
    end: int  # end of the parenthesised short form


def is_acronym(word: str) -> bool:
    """An all-capitals token of 2+ letters, optionally with a plural s (MIIT, SMEs, IoT, 5G)."""
    core = word[:-1] if word.endswith("s") and len(word) > 2 and word[-2].isupper() else word
    capitals = sum(ch.isupper() for ch in core)
    return len(core) >= 2 and capitals >= 2 and capitals >= len(core) - 2 and not core.isdigit()


def find_acronym_definitions(text: str) -> list[AcronymDefinition]:
    """Every "long form (SHORT)" definition in `text`, in order."""
    found: list[AcronymDefinition] = []
    for match in _PAREN.finditer(text):
        short = match.group("short")
        if not is_acronym(short):
            continue
        words = list(_WORD.finditer(text, max(0, match.start() - 300), match.start()))
        # stop at a clause boundary: the long form does not cross , ; : ( or a full stop
        window_start = _clause_start(text, match.start())
        words = [w for w in words if w.start() >= window_start]
        long_start = _match_long_form(short, [w.group() for w in words])
        if long_start is None:
            continue
        first = words[long_start]
        found.append(AcronymDefinition(short, text[first.start() : match.start()].strip(), first.start(), match.end()))
    return found


def _clause_start(text: str, position: int) -> int:
    for index in range(position - 1, max(-1, position - 300), -1):
        if text[index] in ",;:(.!?\n" and not (text[index] == "," and text[index - 1 : index] == "-"):
            return index + 1
    return max(0, position - 300)


def _match_long_form(short: str, words: list[str]) -> int | None:
    """Index of the first word of the long form of `short` among `words`, or None."""
    letters = short[:-1] if short.endswith("s") and len(short) > 2 and short[-2].isupper() else short
    letters = "".join(ch for ch in letters.lower() if ch.isalnum())
    if not letters or not words:
        return None
    limit = min(len(letters) + 5, 2 * len(letters))
    candidates = words[-limit:]
    offset = len(words) - len(candidates)
    text = " ".join(w.lower() for w in candidates)
    word_starts = _word_starts(candidates)
    char_index = len(text) - 1
    for position in range(len(letters) - 1, -1, -1):
        letter = letters[position]
        while char_index >= 0:
            ch = text[char_index]
            at_word_start = char_index in word_starts or (char_index > 0 and text[char_index - 1] == "-")
            if ch == letter and (position > 0 or at_word_start):
                break
            char_index -= 1
        if char_index < 0:
            return None
        char_index -= 1
    # the long form starts at the word that holds the matched first letter
    first_char = char_index + 1
    word_index = max(i for i, start in enumerate(sorted(word_starts)) if start <= first_char)
    return offset + word_index


def _word_starts(words: list[str]) -> set[int]:
    starts: set[int] = set()
    position = 0
    for word in words:
        starts.add(position)
        position += len(word) + 1
    return starts
