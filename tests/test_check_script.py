"""Script checks: the other script's characters, with spans, decided by the target's language tag."""

from __future__ import annotations

from termalign.check.script import SIMPLIFIED_IN_TRADITIONAL, TRADITIONAL_IN_SIMPLIFIED, check_script
from termalign.model import TranslationUnit

EN = "In 2022, the revenue of China's telecommunication sector grew by 8%."


def test_traditional_characters_in_a_simplified_target() -> None:
    [item] = check_script(TranslationUnit("u", EN, "2022年，我國电信业务收入增长8%。", "en-US", "zh-CN"))
    assert item.check == TRADITIONAL_IN_SIMPLIFIED
    assert [s.text for s in item.target_spans] == ["國"] and item.target_spans[0].start == 7


def test_simplified_characters_in_a_traditional_target() -> None:
    [item] = check_script(TranslationUnit("u", EN, "2022年，我國電信业務收入增長8%。", "en-US", "zh-TW"))
    assert item.check == SIMPLIFIED_IN_TRADITIONAL and [s.text for s in item.target_spans] == ["业"]


def test_clean_targets_and_non_chinese_targets_pass() -> None:
    assert check_script(TranslationUnit("u", EN, "2022年，我国电信业务收入增长8%。", "en-US", "zh-CN")) == []
    assert check_script(TranslationUnit("u", EN, "2022年，我國電信業務收入增長8%。", "en-US", "zh-Hant-HK")) == []
    assert check_script(TranslationUnit("u", "我國", "our country", "zh-TW", "en-US")) == []
