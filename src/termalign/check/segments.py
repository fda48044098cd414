"""What every check needs to know about a segment pair: its document, languages and scripts.

Kept apart from the checks so that each family reads the same facts the same way.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import regex

from termalign.formats.units import PROP_DOCUMENT
from termalign.model import Finding, Severity, TextSpan, TranslationUnit
from termalign.text.chinese import has_han

_WORD_EN = regex.compile(r"\p{Latin}{2,}")
_PUNCT_OR_SPACE = regex.compile(r"[\p{P}\p{S}\s]+")

# Regions written in Traditional characters.
_TRADITIONAL_REGIONS = ("tw", "hk", "mo", "hant")


def document_of(unit: TranslationUnit) -> str:
    return unit.props.get(PROP_DOCUMENT, "")


def is_chinese(lang: str) -> bool:
    return lang.lower().replace("_", "-").split("-")[0] in {"zh", "cmn", "yue", "lzh"}


def expects_traditional(lang: str) -> bool:
    """True for zh-TW, zh-HK, zh-MO and zh-Hant…; Simplified is the default for zh."""
    parts = lang.lower().replace("_", "-").split("-")[1:]
    if "hans" in parts:
        return False
    return any(part in _TRADITIONAL_REGIONS for part in parts)


def english_word_count(text: str) -> int:
    return len(_WORD_EN.findall(text))


def has_letters(text: str) -> bool:
    """True when the text holds words, not only digits, codes and punctuation."""
    return has_han(text) or bool(_WORD_EN.search(text))


@lru_cache(maxsize=65536)
def comparable(text: str) -> str:
    """A segment reduced for equality tests: width, case, spacing and punctuation ignored."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return _PUNCT_OR_SPACE.sub("", folded)


def whole_span(text: str) -> tuple[TextSpan, ...]:
    """The span covering the text without its surrounding whitespace (none for blank text)."""
    stripped = text.strip()
    if not stripped:
        return ()
    start = text.index(stripped)
    return (TextSpan(start, start + len(stripped), stripped),)


def span_of(text: str, start: int, end: int) -> TextSpan:
    return TextSpan(start, end, text[start:end])


def finding(
    check: str,
    severity: Severity,
    unit: TranslationUnit,
    message: str,
    *,
    source_spans: tuple[TextSpan, ...] = (),
    target_spans: tuple[TextSpan, ...] = (),
) -> Finding:
    """A Finding on `unit`, carrying its texts and document so a report can show them."""
    return Finding(
        check=check,
        severity=severity,
        segment_id=unit.id,
        message=message,
        source=unit.source,
        target=unit.target,
        source_spans=source_spans,
        target_spans=target_spans,
        document=document_of(unit),
    )


def quoted(text: str, limit: int = 60) -> str:
    """Text shown inside a message: quoted, shortened in the middle when long."""
    text = " ".join(text.split())
    if len(text) > limit:
        keep = (limit - 1) // 2
        text = f"{text[:keep]}…{text[-keep:]}"
    return f"“{text}”"


@dataclass(frozen=True, slots=True)
class Direction:
    """Which side of a unit is English and which is Chinese (glossaries are EN→ZH)."""

    source_is_chinese: bool
    target_is_chinese: bool

    @classmethod
    def of(cls, unit: TranslationUnit) -> "Direction":
        return _direction(unit.src_lang, unit.tgt_lang)


@lru_cache(maxsize=256)
def _direction(src_lang: str, tgt_lang: str) -> Direction:
    return Direction(is_chinese(src_lang), is_chinese(tgt_lang))
