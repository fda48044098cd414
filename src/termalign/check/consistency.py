"""Consistency across a run: one source translated two ways, two sources sharing one
translation, and one glossary term rendered two ways.

Segments are compared after `comparable()` (width, case, spacing and punctuation
ignored), so "谢谢。" and "谢谢！" count as the same translation. A group's most frequent
translation is taken as the reference (the first one seen on a tie); every segment that
departs from it gets the finding, naming the segments it disagrees with.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Iterable, Iterator, Sequence

from termalign.check.segments import comparable, document_of, finding, has_letters, quoted, whole_span
from termalign.model import Finding, Severity, TextSpan, TranslationUnit

SOURCE_TWO_WAYS = "consistency.source_two_ways"
TARGET_SHARED = "consistency.target_shared"
TERM_TWO_WAYS = "consistency.term_two_ways"
CHECK_IDS = (SOURCE_TWO_WAYS, TARGET_SHARED, TERM_TWO_WAYS)

# Targets shorter than this (in comparable characters) are formulas ("谢谢", "下一个问题")
# that many different sources rightly share.
_MIN_SHARED_TARGET = 10
_MAX_NAMED = 3  # segments named in one message


@dataclass(frozen=True, slots=True)
class TermRendering:
    """One occurrence of a glossary term in a pair, with the target form that rendered it."""

    entry_id: str
    term: str  # the glossary's source term, for messages
    form: str  # the accepted target form found (as written in the glossary)
    source_span: TextSpan
    target_span: TextSpan


def _where(unit: TranslationUnit, current: TranslationUnit) -> str:
    document = document_of(unit)
    if document and document != document_of(current):
        return f"{document}#{unit.id}"
    return unit.id


def _named(units: Sequence[TranslationUnit], current: TranslationUnit) -> str:
    names = [_where(u, current) for u in units[:_MAX_NAMED]]
    more = len(units) - len(names)
    return ", ".join(names) + (f" and {more} more" if more > 0 else "")


def _departures(
    groups: Iterable[dict[str, list[TranslationUnit]]],
) -> Iterator[tuple[list[TranslationUnit], TranslationUnit]]:
    """(the reference's units, a unit) for every unit that departs from its group's reference:
    the variant most units share, the first seen on a tie. Groups of one variant agree."""
    for variants in groups:
        if len(variants) < 2:
            continue
        reference = max(variants.values(), key=len)  # max keeps the first on a tie
        for members in variants.values():
            if members is not reference:
                for unit in members:
                    yield reference, unit


def check_source_two_ways(units: Sequence[TranslationUnit]) -> list[Finding]:
    """Segments whose source occurs elsewhere in the run with a different translation."""
    by_source: dict[str, dict[str, list[TranslationUnit]]] = defaultdict(dict)
    for unit in units:
        if not unit.target.strip() or not has_letters(unit.source):
            continue
        by_source[comparable(unit.source)].setdefault(comparable(unit.target), []).append(unit)
    return [
        finding(
            SOURCE_TWO_WAYS,
            Severity.WARNING,
            unit,
            (
                f"The same source is translated differently in {_named(reference, unit)}: "
                f"{quoted(reference[0].target)} there, {quoted(unit.target)} here."
            ),
            source_spans=whole_span(unit.source),
            target_spans=whole_span(unit.target),
        )
        for reference, unit in _departures(by_source.values())
    ]


def check_target_shared(units: Sequence[TranslationUnit]) -> list[Finding]:
    """Segments whose translation is also the translation of a different source."""
    by_target: dict[str, dict[str, list[TranslationUnit]]] = defaultdict(dict)
    for unit in units:
        key = comparable(unit.target)
        if len(key) < _MIN_SHARED_TARGET or not has_letters(unit.source):
            continue
        by_target[key].setdefault(comparable(unit.source), []).append(unit)
    return [
        finding(
            TARGET_SHARED,
            Severity.WARNING,
            unit,
            (
                f"The translation {quoted(unit.target)} also renders a different source in "
                f"{_named(reference, unit)}: {quoted(reference[0].source)} there, "
                f"{quoted(unit.source)} here."
            ),
            source_spans=whole_span(unit.source),
            target_spans=whole_span(unit.target),
        )
        for reference, unit in _departures(by_target.values())
    ]


def check_term_two_ways(observed: Iterable[tuple[TranslationUnit, Sequence[TermRendering]]]) -> list[Finding]:
    """Glossary terms rendered with more than one accepted target form across the run.

    Only the renderings found by the terminology check count (a missing rendering is that
    check's finding); segments using a less frequent form than the run's usual one are noted.
    Information, not a warning: both forms are ones the glossary accepts.
    """
    by_entry: dict[str, dict[str, list[tuple[TranslationUnit, TermRendering]]]] = defaultdict(dict)
    for unit, renderings in observed:
        seen: set[tuple[str, str]] = set()
        for rendering in renderings:
            key = (rendering.entry_id, rendering.form)
            if key in seen:
                continue
            seen.add(key)
            by_entry[rendering.entry_id].setdefault(rendering.form, []).append((unit, rendering))
    findings: list[Finding] = []
    for forms in by_entry.values():
        if len(forms) < 2:
            continue
        counts = {form: len({id(u) for u, _ in uses}) for form, uses in forms.items()}
        usual = max(forms, key=lambda form: counts[form])
        usual_units = [u for u, _ in forms[usual]]
        for form, uses in forms.items():
            if form == usual:
                continue
            for unit, rendering in uses:
                findings.append(
                    finding(
                        TERM_TWO_WAYS,
                        Severity.INFO,
                        unit,
                        (
                            f"“{rendering.term}” is rendered “{form}” here but “{usual}” in "
                            f"{counts[usual]} other segment{'s' if counts[usual] != 1 else ''} "
                            f"({_named(usual_units, unit)}); use one rendering throughout."
                        ),
                        source_spans=(rendering.source_span,),
                        target_spans=(rendering.target_span,),
                    )
                )
    return findings
