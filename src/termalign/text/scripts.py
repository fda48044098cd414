"""Simplified and Traditional Chinese (OpenCC): conversion for scoring, script detection, and the
characters of the wrong script with their spans.

- `to_simplified(text)` / `to_traditional(text)`: OpenCC t2s / s2t, phrase-aware (乾燥 → 干燥
  but 乾隆 stays). Scoring and matching work on the Simplified form; outputs keep the original
  text. Both always return a string of the same length as the input (if OpenCC ever maps a
  phrase to a different length, that stretch is converted character by character), so offsets
  found in the converted text are offsets in the original.
- `traditional_spans(text)`: characters of a Simplified text that are Traditional here — what
  t2s changes in context (發, 經, and 乾 in 乾燥). Characters that are the same in both scripts
  never count.
- `simplified_spans(text)`: characters of a Traditional text that are Simplified — what s2t
  changes both in context and on its own (发 → 發). Characters that s2t only changes inside
  certain phrases (布 of 發布 → 發佈, 面 of 面條) are valid Traditional characters and are not
  flagged.
- `script_of(text)`: zh-Hans, zh-Hant, mixed, or undetermined (no character tells).

The converters are built once, on first use.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from functools import cache, lru_cache

import opencc

from termalign.model import TextSpan
from termalign.text.chinese import has_han

__all__ = [
    "Script",
    "ScriptProfile",
    "to_simplified",
    "to_traditional",
    "traditional_spans",
    "simplified_spans",
    "script_profile",
    "script_of",
]


class Script(StrEnum):
    SIMPLIFIED = "zh-Hans"
    TRADITIONAL = "zh-Hant"
    MIXED = "mixed"
    UNDETERMINED = "undetermined"  # no Han character, or none that differs between the scripts


@cache
def _converter(config: str) -> opencc.OpenCC:
    return opencc.OpenCC(config)


def _convert_same_length(text: str, config: str) -> str:
    if not text or not has_han(text):
        return text
    converter = _converter(config)
    converted: str = converter.convert(text)
    if len(converted) == len(text):
        return converted
    return "".join(_convert_char(ch, config) for ch in text)


@lru_cache(maxsize=65536)
def _convert_char(ch: str, config: str) -> str:
    converted: str = _converter(config).convert(ch)
    return converted if len(converted) == 1 else ch


def to_simplified(text: str) -> str:
    """Traditional → Simplified (OpenCC t2s), same length as `text`.

    >>> to_simplified("工業和信息化部發佈數據")
    '工业和信息化部发布数据'
    """
    return _convert_same_length(text, "t2s")


def to_traditional(text: str) -> str:
    """Simplified → Traditional (OpenCC s2t), same length as `text`."""
    return _convert_same_length(text, "s2t")


def _diff_spans(text: str, converted: str, config: str = "") -> list[TextSpan]:
    """Runs where `converted` differs from `text`; with `config`, only characters that the
    conversion also changes on their own."""
    spans: list[TextSpan] = []
    start = -1
    for i, (a, b) in enumerate(zip(text, converted, strict=True)):
        differs = a != b and (not config or _convert_char(a, config) != a)
        if differs and start < 0:
            start = i
        elif not differs and start >= 0:
            spans.append(TextSpan(start, i, text[start:i]))
            start = -1
    if start >= 0:
        spans.append(TextSpan(start, len(text), text[start:]))
    return spans


def traditional_spans(text: str) -> list[TextSpan]:
    """Runs of Traditional characters in (what should be) a Simplified text.

    >>> [s.text for s in traditional_spans("工业和信息化部發佈数据")]
    ['發佈']
    """
    return _diff_spans(text, to_simplified(text))


def simplified_spans(text: str) -> list[TextSpan]:
    """Runs of Simplified characters in (what should be) a Traditional text.

    >>> [s.text for s in simplified_spans("工業和信息化部发布數據")]
    ['发']
    """
    return _diff_spans(text, to_traditional(text), config="s2t")


@dataclass(frozen=True, slots=True)
class ScriptProfile:
    """How many characters of a text only one script would write."""

    traditional: int  # characters t2s changes
    simplified: int  # characters s2t changes (on their own, not only inside a phrase)

    @property
    def script(self) -> Script:
        t, s = self.traditional, self.simplified
        if t == 0 and s == 0:
            return Script.UNDETERMINED
        if t == 0:
            return Script.SIMPLIFIED
        if s == 0:
            return Script.TRADITIONAL
        return Script.MIXED


def script_profile(text: str) -> ScriptProfile:
    traditional = sum(s.end - s.start for s in traditional_spans(text))
    simplified = sum(s.end - s.start for s in simplified_spans(text))
    return ScriptProfile(traditional, simplified)


def script_of(text: str) -> Script:
    """zh-Hans, zh-Hant, mixed (characters of both scripts), or undetermined.

    >>> script_of("工业和信息化部"), script_of("工業和信息化部"), script_of("工業和信息化部发布")
    (<Script.SIMPLIFIED: 'zh-Hans'>, <Script.TRADITIONAL: 'zh-Hant'>, <Script.MIXED: 'mixed'>)
    """
    return script_profile(text).script
