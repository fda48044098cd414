"""Completeness: empty or untranslated targets, targets identical to their source, and
targets whose length is far from what the rest of the run says a translation's length is.

The length check learns the expected target/source length ratio from the run itself (the
median over all pairs), because the ratio depends on the language pair, the text type and
the translator; it only falls back to a prior for very small runs.
"""

from __future__ import annotations

import math
import statistics
from dataclasses import dataclass
from typing import Sequence

from termalign.check.numbers import number_mentions
from termalign.check.segments import (
    Direction,
    comparable,
    english_word_count,
    finding,
    has_letters,
    quoted,
    span_of,
    whole_span,
)
from termalign.model import Finding, Severity, TranslationUnit
from termalign.segment import sentence_spans
from termalign.text.chinese import han_count
from termalign.text.dictionary import lexical_match
from termalign.text.numbers import NumberMention

EMPTY = "completeness.empty"
UNTRANSLATED = "completeness.untranslated"
SAME_AS_SOURCE = "completeness.same_as_source"
LENGTH_RATIO = "completeness.length_ratio"
OMISSION = "completeness.omission"
LIST_ITEM = "completeness.list_item"
CHECK_IDS = (EMPTY, UNTRANSLATED, SAME_AS_SOURCE, LENGTH_RATIO, OMISSION, LIST_ITEM)

# Prior log(target chars / source chars) when a run is too small to learn it: Chinese takes
# roughly a third of the characters of the English it translates.
_PRIOR_LOG_RATIO = {(False, True): math.log(0.32), (True, False): math.log(3.1)}
_MIN_PAIRS_TO_LEARN = 30
_MIN_LENGTH = 12  # characters; shorter segments vary too much to judge by length
# A pair is flagged when its log ratio is further than this from the run's median: a factor
# of 2.2 shorter or longer than expected, or more where the run itself is very uneven.
_MIN_LOG_DEVIATION = math.log(2.2)
_MAD_FACTOR = 4.0


@dataclass(frozen=True, slots=True)
class LengthModel:
    """Expected log(target length / source length) and how far a pair may stray from it."""

    median: float
    tolerance: float

    @classmethod
    def learn(cls, units: Sequence[TranslationUnit]) -> "LengthModel":
        ratios = [_log_ratio(u) for u in units if _measurable(u)]
        if len(ratios) < _MIN_PAIRS_TO_LEARN:
            direction = Direction.of(units[0]) if units else Direction(False, True)
            prior = _PRIOR_LOG_RATIO.get((direction.source_is_chinese, direction.target_is_chinese), 0.0)
            return cls(prior, _MIN_LOG_DEVIATION)
        median = statistics.median(ratios)
        mad = statistics.median(abs(r - median) for r in ratios) * 1.4826
        return cls(median, max(_MIN_LOG_DEVIATION, _MAD_FACTOR * mad))

    def expected_ratio(self) -> float:
        return math.exp(self.median)


def _length(text: str) -> int:
    """Characters other than whitespace."""
    return len("".join(text.split()))


def _measurable(unit: TranslationUnit) -> bool:
    return _length(unit.source) >= _MIN_LENGTH and _length(unit.target) > 0 and has_letters(unit.source)


def _log_ratio(unit: TranslationUnit) -> float:
    return math.log(_length(unit.target) / _length(unit.source))


def _untranslated(unit: TranslationUnit, direction: Direction) -> bool:
    """A target in the source's language: no Chinese in a Chinese target, or the reverse."""
    if direction.target_is_chinese and not direction.source_is_chinese:
        return han_count(unit.target) == 0 and english_word_count(unit.source) >= 2 and english_word_count(unit.target) >= 2
    if direction.source_is_chinese and not direction.target_is_chinese:
        return han_count(unit.source) >= 2 and han_count(unit.target) > len(unit.target.strip()) // 2
    return False


def check_completeness(unit: TranslationUnit, lengths: LengthModel) -> list[Finding]:
    """Completeness findings for one pair: empty, untranslated and copied targets exclude the
    rest; then missing list items, and an omitted sentence or else a length far off."""
    source, target = unit.source, unit.target
    if not target.strip():
        if not source.strip():
            return []
        return [
            finding(
                EMPTY,
                Severity.ERROR,
                unit,
                f"The target is empty; the source {quoted(source)} has no translation.",
                source_spans=whole_span(source),
            )
        ]
    if not source.strip():
        return []
    direction = Direction.of(unit)
    if comparable(source) == comparable(target):
        if not has_letters(source):
            return []  # numbers, codes and names (5G, C919) are rightly copied
        return [
            finding(
                SAME_AS_SOURCE,
                Severity.WARNING,
                unit,
                f"The target is identical to the source {quoted(source)}.",
                source_spans=whole_span(source),
                target_spans=whole_span(target),
            )
        ]
    if _untranslated(unit, direction):
        return [
            finding(
                UNTRANSLATED,
                Severity.ERROR,
                unit,
                f"The target {quoted(target)} is still in the source language.",
                source_spans=whole_span(source),
                target_spans=whole_span(target),
            )
        ]
    found = _missing_list_items(unit)
    omitted = _omitted_sentence(unit, direction)
    if omitted is not None:
        return [omitted, *found]
    if _measurable(unit):
        deviation = _log_ratio(unit) - lengths.median
        if abs(deviation) > lengths.tolerance:
            factor = math.exp(abs(deviation))
            shorter = "shorter" if deviation < 0 else "longer"
            hint = "part of the source may be missing" if deviation < 0 else "the target may hold text the source does not"
            return [
                *found,
                finding(
                    LENGTH_RATIO,
                    Severity.WARNING,
                    unit,
                    (
                        f"The target ({_length(target)} characters) is {factor:.1f}× {shorter} than expected for a "
                        f"source of {_length(source)} characters (usual ratio in this run "
                        f"{lengths.expected_ratio():.2f}); {hint}."
                    ),
                    source_spans=whole_span(source),
                    target_spans=whole_span(target),
                )
            ]
    return found


# A source sentence counts as omitted when the dictionary finds (almost) none of its words in
# the target while the rest of the segment is clearly translated there.
_MIN_KNOWN_WORDS = 4  # words of the sentence the dictionary can translate
_OMITTED_AT_MOST = 0.15  # share of them found in the target
_REST_AT_LEAST = 0.35  # share found for the other sentences of the segment
# Formulas of at most this many words ("Thank you.", "Thanks!") are kept by translators: one
# whose every known word is missing from the target was dropped.
_FORMULA_WORDS = 3


def _coverage(english: str, chinese: str) -> tuple[float, int]:
    match = lexical_match(english, chinese)
    return match.score, match.translatable


def _omitted_sentence(unit: TranslationUnit, direction: Direction) -> Finding | None:
    """A sentence of a multi-sentence English source with no counterpart in a Chinese target."""
    if direction.source_is_chinese or not direction.target_is_chinese:
        return None
    spans = sentence_spans(unit.source, "en")
    if len(spans) < 2:
        return None
    for index, (start, end) in enumerate(spans):
        sentence = unit.source[start:end]
        score, known = _coverage(sentence, unit.target)
        formula = len(sentence.split()) <= _FORMULA_WORDS and known >= 1 and score == 0
        if not formula and (known < _MIN_KNOWN_WORDS or score > _OMITTED_AT_MOST):
            continue
        rest = " ".join(unit.source[a:b] for k, (a, b) in enumerate(spans) if k != index)
        rest_score, rest_known = _coverage(rest, unit.target)
        if rest_known >= _MIN_KNOWN_WORDS and rest_score >= _REST_AT_LEAST:
            return finding(
                OMISSION,
                Severity.WARNING,
                unit,
                (
                    f"The source sentence {quoted(sentence)} seems to have no translation in the target: "
                    f"{score:.0%} of its words found there, against {rest_score:.0%} for the rest of the segment."
                ),
                source_spans=(span_of(unit.source, start, end),),
            )
    return None


def _markers(text: str, tag: str) -> list[NumberMention]:
    return [m for m in number_mentions(text, tag) if m.ignorable]


def _missing_list_items(unit: TranslationUnit) -> list[Finding]:
    """List markers of the source (First, / Fourth, / 一是 / 第四) with no marker of the same
    number in the target: that item of the list may have been left out."""
    markers = _markers(unit.source, unit.src_lang)
    if not markers:
        return []
    present = {m.value for m in _markers(unit.target, unit.tgt_lang)}
    return [
        finding(
            LIST_ITEM,
            Severity.WARNING,
            unit,
            f"The source's list marker “{marker.text}” (item {marker.value}) has no counterpart in the target: "
            "that item may be missing, or the list renumbered.",
            source_spans=(span_of(unit.source, marker.start, marker.end),),
        )
        for marker in markers
        if marker.value not in present
    ]
