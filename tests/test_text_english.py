"""English tokens, lemmas, term keys, tolerant term search and Latin strings (text/english.py)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import SEED_EN, SEED_ZH
from termalign.text.english import (
    STOPWORDS,
    content_words,
    find_term,
    latin_tokens,
    lemma,
    term_key,
    verb_stem,
    word_tokens,
)


def test_word_tokens_keep_hyphens_codes_decimals_and_possessives() -> None:
    text = 'small- and medium-sized enterprises (SMEs), the "5G+Industrial Internet" 512 Project, C919, 3.6% and 1,500 units in China\'s U.S. trade'
    tokens = [t.text for t in word_tokens(text)]
    assert tokens == [
        "small-", "and", "medium-sized", "enterprises", "SMEs", "the", "5G+Industrial", "Internet", "512",
        "Project", "C919", "3.6", "and", "1,500", "units", "in", "China's", "U.S.", "trade",
    ]  # fmt: skip
    for t in word_tokens(text):
        assert text[t.start : t.end] == t.text


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("enterprises", "enterprise"),
        ("industries", "industry"),
        ("policies", "policy"),
        ("batteries", "battery"),
        ("approaches", "approach"),
        ("taxes", "tax"),
        ("processes", "process"),
        ("smes", "sme"),
        ("vehicles", "vehicle"),
        ("china's", "china"),
        ("enterprises'", "enterprise"),
        ("children", "child"),
        ("crises", "crisis"),
        ("business", "business"),
        ("gas", "gas"),
        ("analysis", "analysis"),
        ("series", "series"),
        ("news", "news"),
        ("economics", "economics"),
        ("various", "various"),
        ("status", "status"),
        ("always", "always"),
    ],
)
def test_lemma(word: str, expected: str) -> None:
    assert lemma(word) == expected


def test_verb_stem_folds_inflections_together() -> None:
    assert len({verb_stem(w) for w in ["promote", "promoted", "promoting", "promotes"]}) == 1
    assert len({verb_stem(w) for w in ["plan", "planned", "planning", "plans"]}) == 1
    assert len({verb_stem(w) for w in ["apply", "applied", "applies", "applying"]}) == 1
    assert len({verb_stem(w) for w in ["develop", "developed", "developing"]}) == 1
    assert verb_stem("install") == verb_stem("installed")


def test_term_key_merges_variants_but_not_different_terms() -> None:
    assert term_key("Small- and Medium-Sized Enterprises") == term_key("small and medium sized enterprise")
    assert term_key("New-Energy Vehicles") == term_key("new energy vehicle")
    assert term_key('"Double Gigabit" networks') == term_key("double gigabit network")
    assert term_key("value added") == term_key("added value")
    assert term_key("development environment") != term_key("environment development")
    assert term_key("industrial chain") != term_key("industry chain")


def test_find_term_on_the_corpus() -> None:
    text = SEED_EN.read_text(encoding="utf-8")
    spans = find_term(text, "new energy vehicle")
    assert len(spans) >= 10
    assert {s.text.lower() for s in spans} >= {"new energy vehicles", "new energy vehicle"}
    for s in spans:
        assert text[s.start : s.end] == s.text
    # hyphenation: the term written without hyphens finds the hyphenated form
    assert {s.text for s in find_term(text, "small and medium sized enterprises")} == {
        "small- and medium-sized enterprises"
    }
    # acronyms keep their case: "IT" is not the pronoun
    assert find_term("it is IT", "IT") and find_term("it is IT", "IT")[0].start == 6
    assert find_term("the SMEs and an SME", "SME") == find_term("the SMEs and an SME", "SMEs")


def test_find_term_with_verb_tolerance() -> None:
    assert not find_term("we promoted development", "promote development")
    assert [s.text for s in find_term("we promoted development", "promote development", verbs=True)] == [
        "promoted development"
    ]


def test_content_words() -> None:
    assert content_words("The added value of industries above the designated size grew by 3.6%") == [
        "added", "value", "industry", "designated", "size", "grew",
    ]  # fmt: skip
    assert "the" in STOPWORDS and "industry" not in STOPWORDS


def test_latin_tokens_shared_by_both_languages() -> None:
    en = SEED_EN.read_text(encoding="utf-8")
    keys_en = {t.key for t in latin_tokens(en)}
    assert {"5G", "C919", "ECMO", "GDP", "IOT", "SME", "ICT", "MIIT"} <= keys_en
    assert not keys_en & {"CHINA", "BEIJING", "THE", "2022"}
    if SEED_ZH.exists():
        keys_zh = {t.key for t in latin_tokens(SEED_ZH.read_text(encoding="utf-8"))}
        assert {"5G", "C919", "ECMO", "GDP"} <= keys_zh & keys_en
    zh = "新建5G基站88.7万个，ＥＣＭＯ整机，COVID-19"
    found = latin_tokens(zh)
    assert [(t.text, t.key) for t in found] == [("5G", "5G"), ("ＥＣＭＯ", "ECMO"), ("COVID-19", "COVID-19")]
    for t in found:
        assert zh[t.start : t.end] == t.text


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80))
def test_spans_slice_on_any_text(text: str) -> None:
    for t in word_tokens(text):
        assert text[t.start : t.end] == t.text
    for t in latin_tokens(text):
        assert text[t.start : t.end] == t.text


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.sampled_from(["new", "energy", "vehicles", "vehicle", "the", "New-Energy", "SMEs", "and"]), max_size=12)
)
def test_found_terms_have_the_terms_key(words: list[str]) -> None:
    text = " ".join(words)
    for span in find_term(text, "new energy vehicle"):
        assert term_key(span.text) == term_key("new energy vehicle")


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab A-B+/.'’3,6 SMEsU.S.中"), max_size=60))
def test_keyed_words_offsets_give_their_keys(text: str) -> None:
    from termalign.text.english import keyed_words, word_key, word_keys

    keyed = keyed_words(text)
    assert [key for key, _, _ in keyed] == word_keys(text)
    for key, start, end in keyed:
        assert word_key(text[start:end]) == key
