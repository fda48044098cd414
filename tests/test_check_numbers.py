"""Number checks on sentences of the bundled SCIO transcript and its Chinese version."""

from __future__ import annotations

from termalign.check.numbers import APPROXIMATE, CHANGED, EXTRA, MISSING, check_numbers
from termalign.model import Severity, TranslationUnit

EN_5G = (
    "China built 887,000 new 5G base stations in 2022, and the total number amounted to 2.312 million, "
    "accounting for over 60% of the global total."
)
ZH_5G = "2022年全年新建5G基站88.7万个，总数达到231.2万个，占全球总数的60%以上。"
EN_NEV = "The new energy vehicle exports reached 679,000, a 1.2-fold increase over the previous year."
ZH_NEV = "新能源汽车出口67.9万辆，比上年增长1.2倍。"


def unit(source: str, target: str) -> TranslationUnit:
    return TranslationUnit("u1", source, target)


def checks(findings) -> list[str]:
    return [f.check for f in findings]


def test_numbers_written_the_chinese_way_are_equal() -> None:
    assert check_numbers(unit(EN_5G, ZH_5G)) == []
    assert check_numbers(unit(EN_NEV, ZH_NEV)) == []


def test_changed_percentage_names_both_values_with_spans() -> None:
    source = "In 2022, China's added value of industries above the designated size grew by 3.6% year on year."
    target = "2022年，全国规模以上工业增加值同比增长3.5%。"
    [item] = check_numbers(unit(source, target))
    assert item.check == CHANGED and item.severity is Severity.ERROR
    assert item.message == "3.6% in the source; the target has 3.5%."
    assert [s.text for s in item.source_spans] == ["3.6%"]
    assert source[item.source_spans[0].start : item.source_spans[0].end] == "3.6%"
    assert target[item.target_spans[0].start : item.target_spans[0].end] == "3.5%"


def test_changed_magnitude_in_wan() -> None:
    found = check_numbers(unit(EN_5G, ZH_5G.replace("88.7万", "87.7万")))
    assert checks(found) == [CHANGED]
    assert "887,000" in found[0].message and "87.7万" in found[0].message


def test_missing_and_extra_numbers() -> None:
    missing = check_numbers(unit(EN_5G, "2022年全年新建5G基站88.7万个，占全球总数的60%以上。"))
    assert checks(missing) == [MISSING]
    assert missing[0].source_spans[0].text == "2.312 million"
    extra = check_numbers(unit(EN_NEV, "新能源汽车出口67.9万辆，比上年增长1.2倍，占比为12%。"))
    assert checks(extra) == [EXTRA]
    assert extra[0].severity is Severity.WARNING and extra[0].target_spans[0].text == "12%"


def test_rounded_number_is_approximate_not_changed() -> None:
    found = check_numbers(unit(EN_5G, ZH_5G.replace("231.2万", "231万")))
    assert checks(found) == [APPROXIMATE]
    assert found[0].severity is Severity.WARNING


def test_small_spelled_numbers_and_empty_targets_are_not_reported() -> None:
    source = "Last year was another bumper year, mainly reflected in the following four aspects."
    assert check_numbers(unit(source, "去年是又一个丰收之年，主要体现在以下几个方面。")) == []
    assert check_numbers(unit(EN_5G, "")) == []


def test_year_referred_to_as_the_whole_year_is_information() -> None:
    target = "全年新建5G基站88.7万个，总数达到231.2万个，占全球总数的60%以上。"
    [item] = check_numbers(unit(EN_5G, target))
    assert item.check == MISSING and item.severity is Severity.INFO
    assert item.source_spans[0].text == "2022" and item.target_spans[0].text == "全年"
    # a year written differently is still a changed number, whatever the target says
    changed = check_numbers(unit(EN_5G, "2021年全年新建5G基站88.7万个，总数达到231.2万个，占全球总数的60%以上。"))
    assert [f.check for f in changed] == [CHANGED]
