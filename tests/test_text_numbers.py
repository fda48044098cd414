"""Numbers across English and Chinese: extraction, normalisation, matching (text/numbers.py)."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import SEED_EN, SEED_ZH
from termalign.text.numbers import (
    MatchQuality,
    NumberKind,
    compare_numbers,
    extract_numbers,
    format_zh,
    match_numbers,
    parse_zh_numeral,
    same_number,
)


def one(text: str, lang: str):
    found = extract_numbers(text, lang)
    assert len(found) == 1, [m.text for m in found]
    return found[0]


# English phrases of the SCIO transcript and the renderings TRANSLATION.md prescribes.
CORPUS_PAIRS = [
    ("grew by 3.6% year on year", "同比增长3.6%"),
    ("China built 887,000 new 5G base stations", "新建5G基站88.7万个"),
    ("the total number amounted to 2.312 million", "总数达到231.2万个"),
    ("IoT connections in China reached 1.84 billion", "移动物联网连接数达到18.4亿"),
    ("topped 4 trillion yuan", "超过4万亿元"),
    ("estimated to be 1.2 trillion yuan", "达到1.2万亿元"),
    ("reached 561 million", "达到5.61亿户"),
    ("a total of 7.058 million new energy vehicles", "新能源汽车产量705.8万辆"),
    ("nearly 136 million doses", "近1.36亿人份"),
    ("nearly 240,000 enterprises", "近24万家企业"),
    ("More than 50,000 5G applications", "5G应用案例超过5万个"),
    ("1,973 battery charging stations", "换电站1973座"),
    ("reaching 16,000 rpm", "达到1.6万转/分钟"),
    ("reaching 16,000 rpm", "达到16000转/分钟"),
    ("1,808 units", "1808台"),
    ("lifted the nation's economic growth by 1.1 percentage points", "拉动经济增长1.1个百分点"),
    ("2.75 times that of the global average", "是全球平均水平的2.75倍"),
    ("a 1.2-fold increase over the previous year", "比上年增长1.2倍"),
    ("accounting for one-third of all mobile phone users", "占移动电话用户总数的三分之一"),
    ("for eight consecutive years", "连续8年"),
    ("the following four highlights", "以下四个方面的亮点"),
    ("three are Chinese enterprises", "我国企业占3家"),
    ("two finger pulse oximeters", "2台指夹式脉搏血氧仪"),
    ("the 14th Five-Year Plan period (2021-2025)", "“十四五”（2021—2025年）"),
    ("the 20th CPC National Congress", "党的二十大"),
    ("as of Jan. 17", "截至1月17日"),
    ("the first 11 months of 2022", "2022年1—11月"),
    ("since mid-December last year", "去年12月中旬以来"),
    ("in April last year", "去年4月"),
    ("more than 50 million services", "服务5000多万次"),
    ("over 10,000 service outlets", "服务网点超过1万个"),
    ("10,000-plus towns and townships", "1万多个乡镇"),
    ("ranking first globally", "位居全球第一"),
    ("3 p.m. Jan. 18, 2023", "2023年1月18日（星期三）下午3时"),
]


@pytest.mark.parametrize(("en", "zh"), CORPUS_PAIRS)
def test_corpus_numbers_match_their_chinese_rendering(en: str, zh: str) -> None:
    match = compare_numbers(en, "en", zh, "zh")
    assert match.matched, (en, zh)
    assert not [m.text for m in match.source_only if not m.weak]
    assert not [m.text for m in match.target_only if not m.weak]
    assert all(p.quality is not MatchQuality.APPROXIMATE for p in match.matched)
    assert match.dice == 1.0


@pytest.mark.parametrize(
    ("text", "lang", "kind", "value", "high"),
    [
        ("3.6%", "en", NumberKind.PERCENT, Decimal("3.6"), None),
        ("3.6 percent", "en", NumberKind.PERCENT, Decimal("3.6"), None),
        ("百分之三点六", "zh", NumberKind.PERCENT, Decimal("3.6"), None),
        ("３．６％", "zh", NumberKind.PERCENT, Decimal("3.6"), None),
        ("1,500", "en", NumberKind.CARDINAL, Decimal(1500), None),
        ("88.7万", "zh", NumberKind.CARDINAL, Decimal(887000), None),
        ("18.4億", "zh", NumberKind.CARDINAL, Decimal(1_840_000_000), None),
        ("二十一", "zh", NumberKind.CARDINAL, Decimal(21), None),
        ("两千", "zh", NumberKind.CARDINAL, Decimal(2000), None),
        ("一百二十", "zh", NumberKind.CARDINAL, Decimal(120), None),
        ("one hundred and twenty", "en", NumberKind.CARDINAL, Decimal(120), None),
        ("twenty-one", "en", NumberKind.CARDINAL, Decimal(21), None),
        ("a hundred", "en", NumberKind.CARDINAL, Decimal(100), None),
        ("three million", "en", NumberKind.CARDINAL, Decimal(3_000_000), None),
        ("20th", "en", NumberKind.ORDINAL, Decimal(20), None),
        ("第二十", "zh", NumberKind.ORDINAL, Decimal(20), None),
        ("twenty-first", "en", NumberKind.ORDINAL, Decimal(21), None),
        ("No. 1", "en", NumberKind.ORDINAL, Decimal(1), None),
        ("one-third", "en", NumberKind.FRACTION, Fraction(1, 3), None),
        ("two-thirds of", "en", NumberKind.FRACTION, Fraction(2, 3), None),
        ("三分之一", "zh", NumberKind.FRACTION, Fraction(1, 3), None),
        ("2022年", "zh", NumberKind.YEAR, Decimal(2022), None),
        ("二〇二二年", "zh", NumberKind.YEAR, Decimal(2022), None),
        ("2021-2025", "en", NumberKind.YEAR, Decimal(2021), Decimal(2025)),
        ("2021-22", "en", NumberKind.YEAR, Decimal(2021), Decimal(2022)),
        ("10-15%", "en", NumberKind.PERCENT, Decimal(10), Decimal(15)),
        ("2021—2025年", "zh", NumberKind.YEAR, Decimal(2021), Decimal(2025)),
        ("1—11月", "zh", NumberKind.MONTH, Decimal(1), Decimal(11)),
        ("前11个月", "zh", NumberKind.MONTH, Decimal(1), Decimal(11)),
        ("Jan. 17", "en", NumberKind.DATE, Decimal(117), None),
        ("17 January", "en", NumberKind.DATE, Decimal(117), None),
        ("1月17日", "zh", NumberKind.DATE, Decimal(117), None),
        ("2.75 times", "en", NumberKind.MULTIPLIER, Decimal("2.75"), None),
        ("two-fold", "en", NumberKind.MULTIPLIER, Decimal(2), None),
        ("15:00", "zh", NumberKind.TIME, Decimal(900), None),
        ("15:00", "en", NumberKind.TIME, Decimal(900), None),
        ("9:30", "en", NumberKind.TIME, Decimal(570), None),
        ("9:30 p.m.", "en", NumberKind.TIME, Decimal(1290), None),
        ("three o'clock in the afternoon", "en", NumberKind.TIME, Decimal(900), None),
        ("one o'clock A.M.", "en", NumberKind.TIME, Decimal(60), None),
        ("十七八", "zh", NumberKind.CARDINAL, Decimal(17), Decimal(18)),
        ("二十七八", "zh", NumberKind.CARDINAL, Decimal(27), Decimal(28)),
        ("七八十", "zh", NumberKind.CARDINAL, Decimal(70), Decimal(80)),
        ("两三万", "zh", NumberKind.CARDINAL, Decimal(20_000), Decimal(30_000)),
        ("10%—15%", "zh", NumberKind.PERCENT, Decimal(10), Decimal(15)),
    ],
)
def test_values_and_kinds(text: str, lang: str, kind: NumberKind, value: Decimal | Fraction, high) -> None:
    m = one(text, lang)
    assert (m.kind, m.value, m.high) == (kind, value, high)
    assert m.text == text[m.start : m.end] == m.text


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("5G base stations and the C919 aircraft", "en"),
        ("COVID-19 response", "en"),
        ("1000M fiber optic networks", "en"),
        ("5G基站和C919大型客机", "zh"),
        ("互联带宽扩容至38T", "zh"),
        ("“双千兆”网络和千兆光网", "zh"),
        ("进一步统一，一批企业，零部件和零售", "zh"),
        ("one of the important areas; one by one", "en"),
        ("May I ask a question?", "en"),
        ("一一对应，三三两两", "zh"),
    ],
)
def test_codes_and_words_are_not_numbers(text: str, lang: str) -> None:
    assert extract_numbers(text, lang) == []


def test_list_markers_are_ignorable() -> None:
    en = "First, China has been leading the world. The first achievement is that we built networks."
    zh = "一是加快推进。二是强化支撑。第一，稳增长。"
    assert extract_numbers(en, "en") == []
    assert extract_numbers(zh, "zh") == []
    markers = extract_numbers(zh, "zh", include_ignorable=True)
    assert [m.text for m in markers] == ["一", "二", "第一"]
    assert all(m.ignorable and m.weak for m in markers)
    # an ordinal that is a fact stays
    assert [m.text for m in extract_numbers("ranking first globally", "en")] == ["first"]


def test_english_month_needs_a_time_context_for_may_and_march() -> None:
    assert [m.kind for m in extract_numbers("in May 2022", "en")] == [NumberKind.MONTH, NumberKind.YEAR]
    assert [m.text for m in extract_numbers("March 2023", "en")] == ["2023"]


def test_approximation_is_not_equality() -> None:
    exact = one("2.312 million", "en")
    assert same_number(exact, one("231.2万", "zh")) is MatchQuality.EQUAL
    assert same_number(exact, one("231万", "zh")) is MatchQuality.APPROXIMATE
    assert same_number(one("3.6%", "en"), one("4%", "zh")) is MatchQuality.APPROXIMATE
    assert same_number(one("3.6%", "en"), one("3%", "zh")) is None
    assert same_number(one("3.6%", "en"), one("3.6%", "zh")) is MatchQuality.EXACT
    # thousands separators are not a difference of notation; magnitude words are
    assert same_number(one("1,973", "en"), one("1973座", "zh")) is MatchQuality.EXACT
    assert same_number(one("887,000", "en"), one("88.7万", "zh")) is MatchQuality.EQUAL
    assert same_number(one("four", "en"), one("四个", "zh")) is MatchQuality.EQUAL


def test_percent_and_percentage_points_differ() -> None:
    match = compare_numbers("up 5.4% year on year", "en", "同比提高5.4个百分点", "zh")
    assert not match.matched
    assert [(s.text, t.text) for s, t in match.changed()] == []  # different kinds: dropped and added
    assert match.dice == 0.0


def test_changed_number_is_reported_as_a_pair() -> None:
    match = compare_numbers("grew by 3.6% year on year, and 887,000 stations", "en", "同比增长3.8%，新建88.7万个", "zh")
    assert [(p.source.text, p.target.text) for p in match.matched] == [("887,000", "88.7万")]
    assert [(s.text, t.text) for s, t in match.changed()] == [("3.6%", "3.8%")]


def test_clock_times_read_alike_in_both_languages() -> None:
    # a bare 24-hour time is a time in English as in Chinese (full-width colon folded)
    assert [(p.source.text, p.target.text) for p in compare_numbers("at 10:00", "en", "于10：00举行", "zh").matched] == [
        ("10:00", "10：00")
    ]
    # a chain of colons is not a clock (mac-dev 006: a time stamp in Morse): its parts compare
    # one by one, so the changed last part is found on either side
    chain = compare_numbers("That's 1108:21:37, Wang thought.", "en", "这是1108：21：36。", "zh")
    assert [m.kind for m in extract_numbers("1108：21：36", "zh")] == [NumberKind.CARDINAL] * 3
    assert [(s.text, t.text) for s, t in chain.changed()] == [("37", "36")]
    assert [m.kind for m in extract_numbers("a 1:50,000 map", "en")] == [NumberKind.CARDINAL] * 2
    assert [m.kind for m in extract_numbers("at 25:00", "en")] == [NumberKind.CARDINAL] * 2


def test_chinese_approximate_numbers_are_ranges() -> None:
    # 概数: two consecutive digits, read as a range whose two ends English writes out
    match = compare_numbers("今年不过十八九岁罢了", "zh", "she can't be more than eighteen or nineteen", "en")
    assert [(p.source.text, p.target.text) for p in match.matched] == [("十八九", "eighteen"), ("十八九", "nineteen")]
    assert [(m.value, m.high) for m in extract_numbers("住了三四天", "zh")] == [(3, 4)]
    # not before a measure word, or not consecutive, or the plan: no range
    assert extract_numbers("四五", "zh") == []
    assert [(m.value, m.high) for m in extract_numbers("“十四五”规划", "zh")] == [(14, None), (5, None)]
    assert compare_numbers("下午三点钟", "zh", "three o'clock in the afternoon", "en").dice == 1.0


def test_range_matches_its_two_ends() -> None:
    match = compare_numbers("the plan (2021-2025)", "en", "2021年至2025年的规划", "zh")
    assert not match.source_only and not match.target_only
    assert [p.target.text for p in match.matched] == ["2021年", "2025年"]
    assert match.dice == 1.0


def test_weak_leftovers_are_no_evidence() -> None:
    match = compare_numbers("We share two concerns and 45 clusters.", "en", "培育45个集群", "zh")
    assert [m.text for m in match.source_only] == ["two"]
    assert match.dice == 1.0
    assert compare_numbers("No numbers here.", "en", "这里没有数字", "zh").dice is None


@pytest.mark.parametrize(
    ("numeral", "value"),
    [
        ("二十一", 21),
        ("十五", 15),
        ("两千", 2000),
        ("一百二十", 120),
        ("一千零五", 1005),
        ("一万零五", 10005),
        ("三千二百万", 32_000_000),
        ("四万亿", 4 * 10**12),
        ("十八亿四千万", 1_840_000_000),
        ("二〇二二", 2022),
        ("兩萬", 20000),
        ("千万", None),
        ("一一", None),
        ("四五", None),
        ("两十", None),
        ("万", None),
    ],
)
def test_parse_zh_numeral(numeral: str, value: int | None) -> None:
    assert parse_zh_numeral(numeral) == value


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (887_000, "88.7万"),
        (2_312_000, "231.2万"),
        (1_840_000_000, "18.4亿"),
        (4 * 10**12, "4万亿"),
        (1_200_000_000_000, "1.2万亿"),
        (561_000_000, "5.61亿"),
        (1973, "1973"),
        (Decimal("3.6"), "3.6"),
        (Fraction(1, 3), "三分之一"),
    ],
)
def test_format_zh(value, text: str) -> None:
    assert format_zh(value) == text
    if isinstance(value, int):
        assert one(text, "zh").value == value


def test_whole_corpus_numbers_find_their_counterparts() -> None:
    if not SEED_ZH.exists():
        pytest.skip("the Chinese corpus is not there yet")
    en = extract_numbers(SEED_EN.read_text(encoding="utf-8"), "en")
    zh = extract_numbers(SEED_ZH.read_text(encoding="utf-8"), "zh")
    match = match_numbers(en, zh)
    strong = [m for m in en if not m.weak]
    unmatched = [m for m in match.source_only if not m.weak]
    assert len(strong) > 200
    # the remaining few are page furniture of the English (photo captions "/5")
    assert len(unmatched) / len(strong) < 0.03, [m.text for m in unmatched]
    assert not match.approximate


# --- properties ------------------------------------------------------------------------------

_magnitudes = st.sampled_from([(6, "million"), (9, "billion"), (12, "trillion")])


@settings(max_examples=300, deadline=None)
@given(mantissa=st.integers(min_value=1, max_value=999_999), places=st.integers(0, 3), magnitude=_magnitudes)
def test_en_million_style_equals_zh_wan_yi_style(mantissa: int, places: int, magnitude: tuple[int, str]) -> None:
    exponent, word = magnitude
    value = Decimal(mantissa).scaleb(-places)
    en_text = f"{value:,f} {word}"
    zh_text = format_zh(value.scaleb(exponent))
    en_m, zh_m = one(en_text, "en"), one(zh_text, "zh")
    assert en_m.value == zh_m.value == value.scaleb(exponent)
    assert same_number(en_m, zh_m) in (MatchQuality.EXACT, MatchQuality.EQUAL)


@settings(max_examples=300, deadline=None)
@given(n=st.integers(min_value=0, max_value=10**15))
def test_thousands_separators_and_zh_style_agree(n: int) -> None:
    assert one(f"{n:,}", "en").value == n
    assert one(format_zh(n), "zh").value == n


_pieces = st.sampled_from(
    ["3.6%", "887,000", "88.7万", "二十一", "第二十", "one-third", "Jan. 17", "1月17日", "2021—2025年",
     "5G", "C919", "four", "一是", "百分之三点六", "１．６％", "2.75倍", "a 1.2-fold", "十四五", " ", "，", "和",
     "and", "the", "First, ", "万", "一", "-", "—", "%"]
)  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(parts=st.lists(_pieces, max_size=12), lang=st.sampled_from(["en", "zh"]))
def test_spans_always_slice_to_the_mention(parts: list[str], lang: str) -> None:
    text = "".join(parts)
    previous_end = 0
    for m in extract_numbers(text, lang, include_ignorable=True):
        assert text[m.start : m.end] == m.text
        assert m.start >= previous_end  # in order, never overlapping
        previous_end = m.end


@settings(max_examples=300, deadline=None)
@given(text=st.text(max_size=60), lang=st.sampled_from(["en", "zh"]))
def test_any_text_is_safe(text: str, lang: str) -> None:
    for m in extract_numbers(text, lang, include_ignorable=True):
        assert text[m.start : m.end] == m.text
