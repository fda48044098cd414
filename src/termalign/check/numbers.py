"""Numbers: every number of the source has its equal in the target, and no number appears
from nowhere.

What counts as "equal" (887,000 = 88.7万, 2021-2025 = 2021—2025年, 二十 = 20th …) is
`termalign.text.numbers`' knowledge; this module only turns its matching into findings:

- equal values written differently are fine (no finding);
- a value rounded on one side (2.312 million ↔ 231万) is `numbers.approximate`;
- a source number whose place in the target holds a different value of the same kind
  (3.6% ↔ 3.5%) is `numbers.changed`;
- a source number with no counterpart is `numbers.missing` (information only for a year
  the Chinese refers to as 全年, 当年, 今年 …), a target number with no source `numbers.extra`.

Small numbers written in words (four aspects, 两台) and list markers (一是, First,) count
when they pair up but are never reported when left over: translators drop and add them.
"""

from __future__ import annotations

from functools import lru_cache

from termalign.check.segments import finding, is_chinese, span_of
from termalign.model import Finding, Severity, TextSpan, TranslationUnit
from termalign.text.numbers import NumberKind, NumberMention, extract_numbers, match_numbers

CHANGED = "numbers.changed"
MISSING = "numbers.missing"
EXTRA = "numbers.extra"
APPROXIMATE = "numbers.approximate"
CHECK_IDS = (CHANGED, MISSING, EXTRA, APPROXIMATE)


# Chinese often refers back to a year already named (“2022年……全年新建5G基站88.7万个”):
# a year missing from a target that has one of these is information, not an error.
_YEAR_WORDS = ("全年", "当年", "同年", "该年", "本年", "年内", "今年", "去年", "上年")


def _refers_to_a_year(target: str) -> str | None:
    return next((word for word in _YEAR_WORDS if word in target), None)


@lru_cache(maxsize=8192)
def number_mentions(text: str, tag: str) -> tuple[NumberMention, ...]:
    """Every number mention of `text`, in the language of the unit's tag ("zh-CN", "en-US"),
    list markers included (the number and the list-item checks both read them: extracted
    once per text)."""
    return tuple(extract_numbers(text, "zh" if is_chinese(tag) else "en", include_ignorable=True))


def _span(text: str, mention: NumberMention) -> TextSpan:
    return span_of(text, mention.start, mention.end)


def check_numbers(unit: TranslationUnit) -> list[Finding]:
    """Number findings for one pair, in the order of the source."""
    if not unit.source.strip() or not unit.target.strip():
        return []  # an empty side is a completeness finding, not a number one
    source = [m for m in number_mentions(unit.source, unit.src_lang) if not m.ignorable]
    target = [m for m in number_mentions(unit.target, unit.tgt_lang) if not m.ignorable]
    match = match_numbers(source, target)
    findings: list[Finding] = []
    for pair in match.approximate:
        findings.append(
            finding(
                APPROXIMATE,
                Severity.WARNING,
                unit,
                f"{pair.source.text} in the source is rounded to {pair.target.text} in the target.",
                source_spans=(_span(unit.source, pair.source),),
                target_spans=(_span(unit.target, pair.target),),
            )
        )
    changed = match.changed()
    paired_source = {id(s) for s, _ in changed}
    paired_target = {id(t) for _, t in changed}
    for source, target in changed:
        findings.append(
            finding(
                CHANGED,
                Severity.ERROR,
                unit,
                f"{source.text} in the source; the target has {target.text}.",
                source_spans=(_span(unit.source, source),),
                target_spans=(_span(unit.target, target),),
            )
        )
    year_word = _refers_to_a_year(unit.target) if is_chinese(unit.tgt_lang) else None
    for source in match.source_only:
        if source.weak or id(source) in paired_source:
            continue
        if source.kind is NumberKind.YEAR and year_word is not None:
            start = unit.target.index(year_word)
            findings.append(
                finding(
                    MISSING,
                    Severity.INFO,
                    unit,
                    f"{source.text} in the source is not in the target, which says “{year_word}”: check that it means {source.text}.",
                    source_spans=(_span(unit.source, source),),
                    target_spans=(span_of(unit.target, start, start + len(year_word)),),
                )
            )
            continue
        findings.append(
            finding(
                MISSING,
                Severity.ERROR,
                unit,
                f"{source.text} in the source is not in the target.",
                source_spans=(_span(unit.source, source),),
            )
        )
    for target in match.target_only:
        if target.weak or id(target) in paired_target:
            continue
        findings.append(
            finding(
                EXTRA,
                Severity.WARNING,
                unit,
                f"The target has {target.text}, which the source does not.",
                target_spans=(_span(unit.target, target),),
            )
        )
    findings.sort(key=lambda f: (f.source_spans[0].start if f.source_spans else 10**9))
    return findings
