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


def test_target_term_without_source_is_information(index: TermIndex) -> None:
    findings = check_terms(TranslationUnit("u", "We will promote the sector.", "工业和信息化部将推动新能源汽车发展。"), index).findings
    assert {(f.check, f.severity) for f in findings} == {(UNEXPECTED_TARGET, Severity.INFO)}
    assert {f.target_spans[0].text for f in findings} == {"工业和信息化部", "新能源汽车"}


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
    source = "The industrial internet provided strong support for high-quality economic and social development."
    glossary = Glossary([GlossaryEntry("esd", "economic and social development", "经济社会发展", status=TermStatus.APPROVED)])
    small = TermIndex(glossary)
    [item] = check_terms(TranslationUnit("u", source, "工业互联网为经济社会高质量发展提供了有力支撑。"), small).findings
    assert item.check == INTERRUPTED and item.severity is Severity.INFO
    assert item.target_spans[0].text == "经济社会高质量发展" and "“高质量” inserted" in item.message


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
        assert [k for k, _, _ in keyed_words(written)] == [k for k, _, _ in keyed_words(hit.form)]
        # whole words only: the span neither starts nor ends inside a word
        assert hit.start == 0 or not text[hit.start - 1].isalnum()
        assert hit.end == len(text) or not text[hit.end].isalnum()


@lru_cache(maxsize=1)
def _property_index() -> TermIndex:
    return TermIndex(read_glossary(TEST_GLOSSARY))
