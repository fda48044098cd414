"""Consistency across segments: one source two ways, one target for two sources, terms two ways."""

from __future__ import annotations

from termalign.check.consistency import (
    SOURCE_TWO_WAYS,
    TARGET_SHARED,
    TERM_TWO_WAYS,
    TermRendering,
    check_source_two_ways,
    check_target_shared,
    check_term_two_ways,
)
from termalign.model import TextSpan, TranslationUnit

EN = "The industrial internet plays a crucial role in promoting deep integration of the digital economy and the real economy."
ZH = "工业互联网在促进数字经济和实体经济深度融合方面发挥着至关重要的作用。"
ZH_OTHER = "工业互联网在推动数字经济与实体经济深度融合中发挥关键作用。"


def test_same_source_two_translations_flags_the_minority() -> None:
    units = [
        TranslationUnit("a", EN, ZH),
        TranslationUnit("b", EN, ZH_OTHER),
        TranslationUnit("c", EN, ZH.replace("。", "！")),  # punctuation only: same translation
    ]
    [item] = check_source_two_ways(units)
    assert item.check == SOURCE_TWO_WAYS and item.segment_id == "b"
    assert "in a, c" in item.message and item.target_spans[0].text == ZH_OTHER


def test_tie_flags_the_later_segment() -> None:
    [item] = check_source_two_ways([TranslationUnit("a", EN, ZH), TranslationUnit("b", EN, ZH_OTHER)])
    assert item.segment_id == "b"


def test_shared_target_for_different_sources() -> None:
    other = "Industrial internet is crucial for integrating the digital and real economies."
    [item] = check_target_shared([TranslationUnit("a", EN, ZH), TranslationUnit("b", other, ZH)])
    assert item.check == TARGET_SHARED and item.segment_id == "b"
    # short formulas such as 谢谢 are shared by design
    assert check_target_shared([TranslationUnit("a", "Thank you.", "谢谢。"), TranslationUnit("b", "Thanks!", "谢谢。")]) == []


def test_term_rendered_two_ways() -> None:
    def seen(unit: TranslationUnit, form: str) -> tuple[TranslationUnit, list[TermRendering]]:
        start = unit.target.index(form)
        return unit, [
            TermRendering("t1", "industrial internet", form, TextSpan(4, 23, EN[4:23]), TextSpan(start, start + len(form), form))
        ]

    units = [TranslationUnit(str(i), EN, ZH) for i in range(3)]
    odd = TranslationUnit("x", EN, ZH.replace("工业互联网", "产业互联网"))
    findings = check_term_two_ways([seen(u, "工业互联网") for u in units] + [seen(odd, "产业互联网")])
    [item] = findings
    assert item.check == TERM_TWO_WAYS and item.segment_id == "x"
    assert "“产业互联网” here but “工业互联网” in 3 other segments" in item.message
    assert item.target_spans[0].text == "产业互联网"
