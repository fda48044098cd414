"""Terminology checks: Aho-Corasick matching tolerant to case, inflection, script and quotes."""

from __future__ import annotations

from pathlib import Path

from functools import lru_cache

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from termalign.check.terms import (
    DEPRECATED,
    INTERRUPTED,
    MISSING,
    UNEXPECTED_TARGET,
    VARIANT_FORM,
    FormKind,
    TermIndex,
    check_terms,
    interrupted_rendering,
    leftmost_longest,
)
from termalign.formats import read_glossary
from termalign.model import Glossary, GlossaryEntry, Severity, TermStatus, TranslationUnit
from termalign.text.english import keyed_words, word_key

TEST_GLOSSARY = Path(__file__).parent / "data" / "check_glossary.tsv"

# From the bundled transcript (t02.p03) and its Chinese version.
EN = "In 2022, China's added value of industries above the designated size grew by 3.6% year on year."
ZH = "2022年，全国规模以上工业增加值同比增长3.6%。"


@pytest.fixture(scope="module")
def index() -> TermIndex:
    return TermIndex(read_glossary(TEST_GLOSSARY))


def found(index: TermIndex, source: str, target: str) -> list[tuple[str, Severity]]:
    return [(f.check, f.severity) for f in check_terms(TranslationUnit("u", source, target), index).findings]


def test_english_matching_is_tolerant_to_case_plural_and_hyphens(index: TermIndex) -> None:
    text = "The New-Energy Vehicle sector, Small and Medium-Sized Enterprise support and the MIIT's plans."
    hits = {text[h.start : h.end] for h in leftmost_longest(index.english_hits(text))}
    assert hits == {"New-Energy Vehicle", "Small and Medium-Sized Enterprise", "MIIT's"}


def test_acronyms_keep_their_case(index: TermIndex) -> None:
    glossary = Glossary([GlossaryEntry("it", "IT", "信息技术", status=TermStatus.APPROVED)])
    small = TermIndex(glossary)
    assert [h.start for h in small.english_hits("It says IT matters, and it does.")] == [8]


def test_acronym_possessive_is_the_acronym() -> None:
    # text.english fix made for this check: "MIIT's" used to key as "MIIT'", never matching MIIT
    assert word_key("MIIT's") == "MIIT" and word_key("SMEs'") == "SME" and word_key("it's") == "it"


def test_chinese_matching_ignores_script_quotes_and_width(index: TermIndex) -> None:
    text = "推进雙千兆網絡和“专精特新”中小企业，５Ｇ基站。"
    hits = [(text[h.start : h.end], h.form) for h in index.chinese_hits(text)]
    assert ("雙千兆網絡", "“双千兆”网络") in hits
    assert ("专精特新”中小企业", "专精特新中小企业") in hits
    assert ("５Ｇ基站", "5G基站") in hits


def test_correct_translation_has_no_finding(index: TermIndex) -> None:
    assert found(index, EN, ZH) == []


def test_near_synonym_is_a_missing_term_with_the_source_span(index: TermIndex) -> None:
    unit = TranslationUnit("u", EN, ZH.replace("规模以上工业", "大型工业"))
    [item] = check_terms(unit, index).findings
    assert item.check == MISSING and item.severity is Severity.ERROR
    assert [s.text for s in item.source_spans] == ["industries above the designated size"]
    assert "规模以上工业" in item.message


def test_deprecated_rendering_is_an_error_even_when_the_term_is_also_right(index: TermIndex) -> None:
    source = "The MIIT will promote the development of new energy vehicles."
    assert found(index, source, "工业和信息化部将推动新能源汽车发展。") == []
    result = check_terms(TranslationUnit("u", source, "工信部将推动新能源汽车发展。"), index)
    assert sorted(f.check for f in result.findings) == [DEPRECATED, MISSING]
    deprecated = next(f for f in result.findings if f.check == DEPRECATED)
    assert deprecated.target_spans[0].text == "工信部"


def test_target_term_without_source_is_no_finding_on_its_own(index: TermIndex) -> None:
    # Chinese names the ministry where English says "we", the sector where English says "this
    # sector" (t15.p02.s02): no error, and on a clean text such notes drowned the real ones
    assert found(index, "We will promote the sector.", "工业和信息化部将推动新能源汽车发展。") == []
    assert found(index, "In 2022, the value added of this sector grew 5.6%.", "2022年，制造业增加值增长5.6%。") == []


def test_target_term_without_source_names_the_likely_mistranslation() -> None:
    glossary = Glossary(
        [
            GlossaryEntry("sme", "SMEs", "中小企业", status=TermStatus.APPROVED),
            GlossaryEntry("msme", "micro-, small- and medium-sized enterprises", "中小微企业", status=TermStatus.APPROVED),
        ]
    )
    unit = TranslationUnit("u", "What measures did the MIIT introduce to help SMEs?", "工业和信息化部出台了哪些帮扶中小微企业的举措？")
    missing, unexpected = check_terms(unit, TermIndex(glossary)).findings
    assert (missing.check, missing.severity, unexpected.check, unexpected.severity) == (MISSING, Severity.ERROR, UNEXPECTED_TARGET, Severity.INFO)
    assert unexpected.target_spans[0].text == "中小微企业" and "“SMEs” in the source has none of its renderings" in unexpected.message


def test_nested_terms_need_only_the_longer_rendering(index: TermIndex) -> None:
    source = "An analysis system: the industrial internet identification analysis system has been established."
    assert found(index, source, "工业互联网标识解析体系全面建成。") == []


def test_rejected_pairings_are_not_enforced_but_deprecated_twins_are() -> None:
    glossary = Glossary(
        [
            GlossaryEntry("a", "MIIT", "工业和信息化部", status=TermStatus.APPROVED),
            GlossaryEntry("b", "MIIT", "工信部", status=TermStatus.DEPRECATED),
            GlossaryEntry("c", "industrial sector", "宏观经济", status=TermStatus.DEPRECATED),
        ]
    )
    index = TermIndex(glossary)
    kinds = {(h.form, h.kind) for h in index.chinese_hits("工信部说宏观经济")}
    assert kinds == {("工信部", FormKind.DEPRECATED)}


def test_chinese_source_english_target() -> None:
    index = TermIndex(read_glossary(TEST_GLOSSARY))
    unit = TranslationUnit("u", "新能源汽车产销量同比分别增长96.9%和93.4%。", "Production and sales of NEVs rose.", "zh-CN", "en-US")
    assert check_terms(unit, index).findings == []
    wrong = TranslationUnit("u", unit.source, "Production and sales of electric cars rose.", "zh-CN", "en-US")
    assert [f.check for f in check_terms(wrong, index).findings] == [MISSING]


def test_rendering_interrupted_between_words_is_information(index: TermIndex) -> None:
    source = "The industrial internet provided strong support for economic and social development."
    glossary = Glossary([GlossaryEntry("esd", "economic and social development", "经济社会发展", status=TermStatus.APPROVED)])
    small = TermIndex(glossary)
    [item] = check_terms(TranslationUnit("u", source, "工业互联网为经济社会高质量发展提供了有力支撑。"), small).findings
    assert item.check == INTERRUPTED and item.severity is Severity.INFO
    assert item.target_spans[0].text == "经济社会高质量发展" and "“高质量” inserted" in item.message


@pytest.mark.parametrize(
    ("source", "target", "term", "rendering"),
    [
        # t06.p01.s02: the source has "high-quality" too
        ("The industrial internet provided strong support for high-quality economic and social development.",
         "工业互联网为经济社会高质量发展提供了有力支撑。", "economic and social development", "经济社会发展"),
        # t02.p04.s02: "per unit of" is 单位
        ("The energy consumption per unit of added value of industries above the designated size dropped 1.4% year on year.",
         "规模以上工业单位增加值能耗同比下降1.4%。", "added value of industries above the designated size", "规模以上工业增加值"),
        # t08.p03.s05: 转型 for "transformation"
        ("promote the green and low-carbon development transformation of key industries",
         "统筹推进重点行业绿色低碳转型发展", "green and low-carbon development", "绿色低碳发展"),
        # t07.p09.s02: 化 shared with the list the rendering closes (数字化、绿色化发展)
        ("summarize and promote successful cases to advance digitalization and green development of industrial parks.",
         "总结推广成功案例，推动产业园区数字化、绿色化发展。", "green development", "绿色发展"),
        # t03.p02.s04: a bracketed aside inside the rendering
        ("We organized and rolled out 27 plans for the 14th Five-Year Plan period (2021-2025).",
         "组织实施27个“十四五”（2021—2025年）规划。", "14th Five-Year Plan", "“十四五”规划"),
    ],
)
def test_insertions_the_source_explains_are_the_rendering(source: str, target: str, term: str, rendering: str) -> None:
    small = TermIndex(Glossary([GlossaryEntry("t", term, rendering, status=TermStatus.APPROVED)]))
    assert check_terms(TranslationUnit("u", source, target), small).findings == []


def test_a_suffix_alone_is_still_an_interruption() -> None:
    # 工业化经济 ("industrialised economy") for 工业经济: 化 closes no list here
    small = TermIndex(Glossary([GlossaryEntry("t", "industrial economy", "工业经济", status=TermStatus.APPROVED)]))
    [item] = check_terms(TranslationUnit("u", "The industrial economy recovered.", "工业化经济企稳回升。"), small).findings
    assert item.check == INTERRUPTED


def test_characters_inserted_inside_a_word_are_still_missing() -> None:
    glossary = Glossary([GlossaryEntry("sme", "SMEs", "中小企业", status=TermStatus.APPROVED)])
    [item] = check_terms(TranslationUnit("u", "support for SMEs", "支持中小型企业"), TermIndex(glossary)).findings
    assert item.check == MISSING
    assert interrupted_rendering("经济社会，发展", ["经济社会发展"]) is None  # no punctuation in between


WORDS = ["new", "energy", "Vehicles", "vehicle", "SMEs", "small", "medium-sized", "enterprises", "industrial",
         "internet", "MIIT", "the", "of", "and", "IT", "it", "China's", "5G", "base", "stations", "3.6%"]
SEPARATORS = [" ", " ", " ", ", ", "-", " (", ") ", " \"", "\" ", "; ", " 'little' "]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from(SEPARATORS)), min_size=1, max_size=25))
def test_every_english_hit_spans_words_keyed_like_its_term(pieces: list[tuple[str, str]]) -> None:
    index = _property_index()
    text = "".join(word + sep for word, sep in pieces)
    for hit in index.english_hits(text):
        written = text[hit.start : hit.end]
        assert written == written.strip() and written
        # keyed alike, "the" left out on both sides
        assert [k for k, _, _ in keyed_words(written) if k != "the"] == [k for k, _, _ in keyed_words(hit.form) if k != "the"]
        # whole words only: the span neither starts nor ends inside a word
        assert hit.start == 0 or not text[hit.start - 1].isalnum()
        assert hit.end == len(text) or not text[hit.end].isalnum()


@lru_cache(maxsize=1)
def _property_index() -> TermIndex:
    return TermIndex(read_glossary(TEST_GLOSSARY))


# --- the forms a glossary and a translation may write differently -------------------------------

# A terminologist's OmegaT lines for the bundled corpus (tests/data/check_testset/terminologist.glossary.txt).
HAND_WRITTEN = TEST_GLOSSARY.parent / "check_testset" / "terminologist.glossary.txt"


@pytest.fixture(scope="module")
def hand_written() -> TermIndex:
    return TermIndex(read_glossary(HAND_WRITTEN))


def variant(index: TermIndex, source: str, target: str) -> tuple[str, Severity, str, str]:
    [item] = check_terms(TranslationUnit("u", source, target), index).findings
    return item.check, item.severity, item.target_spans[0].text, item.message


def test_enumeration_commas_and_the_english_article_are_not_part_of_a_term(hand_written: TermIndex) -> None:
    # the glossary writes 党中央国务院 and 碳达峰、碳中和目标; the text (t08.p02.s02) the other way
    assert found(hand_written, "the decisions of the CPC Central Committee and the State Council", "党中央、国务院决策部署") == []
    source = "especially since the carbon peak and carbon neutrality goals were put forward"
    assert found(hand_written, source, "特别是碳达峰碳中和目标提出以来") == []
    # "industry above designated size" in the glossary, "above the designated size" in the text
    hits = {EN[h.start : h.end]: h.form for h in leftmost_longest(hand_written.english_hits(EN))}
    assert hits["industries above the designated size"] == "industry above designated size"


def test_acronym_and_long_form_lines_are_one_term(hand_written: TermIndex) -> None:
    # "MIIT 工信部" and "Ministry of Industry and Information Technology 工业和信息化部": two lines, one name
    check, severity, written, message = variant(
        hand_written,
        "What has been done by the MIIT to enhance the resilience of industrial and supply chains?",
        "工业和信息化部在增强产业链供应链韧性方面做了哪些工作？",
    )
    assert (check, severity, written) == (VARIANT_FORM, Severity.INFO, "工业和信息化部")
    assert "full form" in message and "工信部" in message
    check, severity, written, message = variant(hand_written, "The Ministry of Industry and Information Technology will act.", "工信部将采取行动。")
    assert (check, severity, written) == (VARIANT_FORM, Severity.INFO, "工信部") and "short form" in message


def test_a_generic_head_left_out_or_exchanged_is_another_form(hand_written: TermIndex) -> None:
    # ICT → 信息通信技术 in the glossary; the text writes 信息通信服务 for "ICT services" (t22.p02.s01)
    check, severity, written, message = variant(hand_written, "Providing quality ICT services bears on users' interests.", "提供优质信息通信服务关系用户切身利益。")
    assert (check, severity, written) == (VARIANT_FORM, Severity.INFO, "信息通信") and "without its generic head “技术”" in message
    # t21.p03.s01: 信息通信行业 where the glossary says 信息通信业
    check, severity, written, message = variant(hand_written, "an anti-fraud platform in the ICT industry", "建成信息通信行业反诈平台")
    assert (check, severity, written) == (VARIANT_FORM, Severity.INFO, "信息通信行业") and "“行业” for “业”" in message
    # a two-character remainder no longer names the term: 制造 is not 制造业
    assert found(hand_written, "the manufacturing industry", "智能制造") == [(MISSING, Severity.ERROR)]


def test_another_word_order_is_a_warning() -> None:
    small = TermIndex(Glossary([GlossaryEntry("t", "economic and social development", "经济社会发展", status=TermStatus.APPROVED)]))
    check, severity, written, message = variant(small, "support for economic and social development", "为社会经济发展提供支撑")
    assert (check, severity, written) == (VARIANT_FORM, Severity.WARNING, "社会经济发展") and "another order" in message


def test_a_changed_term_is_still_missing(hand_written: TermIndex) -> None:
    # shortenings that are not a generic head stay errors: 数字转型 is not 数字化转型
    assert found(hand_written, "digital transformation", "推进数字转型") == [(MISSING, Severity.ERROR)]
    assert found(hand_written, "new energy vehicles", "新能源车") == [(MISSING, Severity.ERROR)]
