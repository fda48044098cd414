"""Simplified/Traditional conversion and detection (text/scripts.py) and Han counts (text/chinese.py)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import SEED_ZH
from termalign.text.chinese import fold_fullwidth, han_count, han_share
from termalign.text.scripts import (
    Script,
    script_of,
    simplified_spans,
    to_simplified,
    to_traditional,
    traditional_spans,
)


def test_conversion_round_trip_on_the_corpus() -> None:
    if not SEED_ZH.exists():
        return
    zh = SEED_ZH.read_text(encoding="utf-8")
    traditional = to_traditional(zh)
    assert len(traditional) == len(zh) and traditional != zh
    assert to_simplified(traditional) == zh
    assert script_of(zh) is Script.SIMPLIFIED
    assert script_of(traditional) is Script.TRADITIONAL
    assert traditional_spans(zh) == []
    assert simplified_spans(traditional) == []


def test_phrase_aware_conversion() -> None:
    assert to_simplified("乾燥的天氣") == "干燥的天气"
    assert to_simplified("乾隆") == "乾隆"  # 乾 is also a Simplified character
    assert to_simplified("工業和信息化部發佈數據") == "工业和信息化部发布数据"


def test_traditional_characters_in_a_simplified_text() -> None:
    text = "全国规模以上工業增加值同比增长3.6%，國内生产总值"
    spans = traditional_spans(text)
    assert [(s.text, s.start) for s in spans] == [("業", 7), ("國", 20)]
    for s in spans:
        assert text[s.start : s.end] == s.text
    assert script_of(text) is Script.MIXED


def test_simplified_characters_in_a_traditional_text() -> None:
    text = "工業和信息化部发布數據，麵條和表面"
    # 发 is Simplified; 布 (發布 / 發佈) and 面 (表面) are Traditional characters too
    assert [s.text for s in simplified_spans(text)] == ["发"]


def test_undetermined_and_latin() -> None:
    assert script_of("5G and C919") is Script.UNDETERMINED
    assert script_of("中国人民") is Script.SIMPLIFIED
    assert script_of("大小上下") is Script.UNDETERMINED  # the same in both scripts
    assert traditional_spans("") == [] and to_simplified("") == ""


def test_han_counts_and_full_width() -> None:
    assert han_count("新建5G基站88.7万个") == 6
    assert han_share("5G基站") == 0.5
    assert han_share("") == 0.0 and han_share("   ") == 0.0
    assert fold_fullwidth("５Ｇ基站增长３．６％　ＧＤＰ") == "5G基站增长3.6% GDP"


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from("国國发發乾燥隆业業面麵條条布佈后後 aA1，"), max_size=40))
def test_conversions_keep_length_and_spans_slice(text: str) -> None:
    assert len(to_simplified(text)) == len(text)
    assert len(to_traditional(text)) == len(text)
    for s in traditional_spans(text) + simplified_spans(text):
        assert text[s.start : s.end] == s.text
        assert s.text
