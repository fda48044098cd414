"""Term extraction on the bundled SCIO transcript: candidates, acronyms, variants, pairing, merging."""

from __future__ import annotations

import pytest

from conftest import SEED_EN, SEED_TERMS, SEED_ZH
from termalign.model import Alignment, Bead, Glossary, GlossaryEntry, Lang, TermCategory, TermStatus
from termalign.readers import read_document
from termalign.terms import extract_glossary, merge_glossaries
from termalign.terms.acronyms import find_acronym_definitions, is_acronym
from termalign.terms.candidates_en import _chunks, capitalised_names, extract_en_candidates, phrase_starts, quoted_names, wording_variants
from termalign.terms.candidates_zh import closed_ngrams, is_well_formed, private_tokenizer, zh_candidates
from termalign.terms.pairing import log_likelihood
from termalign.text.english import lemma, term_key


@pytest.fixture(scope="module")
def en_doc():
    return read_document(SEED_EN, lang=Lang.EN)


@pytest.fixture(scope="module")
def zh_doc():
    return read_document(SEED_ZH, lang=Lang.ZH)


@pytest.fixture(scope="module")
def paragraph_alignment(en_doc, zh_doc) -> Alignment:
    """The two transcripts correspond paragraph for paragraph: one bead per paragraph pair."""
    assert len(en_doc.paragraphs) == len(zh_doc.paragraphs)
    beads = [
        Bead(tuple(s.index for s in pe.sentences), tuple(s.index for s in pz.sentences))
        for pe, pz in zip(en_doc.paragraphs, zh_doc.paragraphs)
    ]
    return Alignment(en_doc, zh_doc, beads, method="paragraphs")


@pytest.fixture(scope="module")
def sentence_alignment(en_doc, zh_doc) -> Alignment:
    """Sentence beads from the aligner (its fast mode: lengths, numbers, dictionary; a second)."""
    from termalign.align import align_documents

    return align_documents(en_doc, zh_doc, fast=True)


@pytest.fixture(scope="module")
def bilingual(en_doc, sentence_alignment) -> Glossary:
    return extract_glossary(en_doc, alignment=sentence_alignment, top=100)


@pytest.fixture(scope="module")
def by_paragraphs(en_doc, paragraph_alignment) -> Glossary:
    return extract_glossary(en_doc, alignment=paragraph_alignment, top=100)


@pytest.fixture(scope="module")
def monolingual(en_doc) -> Glossary:
    return extract_glossary(en_doc, top=100)


def _find(glossary: Glossary, form: str) -> GlossaryEntry:
    for entry in glossary.entries:
        if form in entry.en_forms:
            return entry
    raise AssertionError(f"{form!r} not in the glossary")


def test_acronym_definitions_schwartz_hearst(en_doc):
    found = {(d.short, d.long) for d in find_acronym_definitions(en_doc.text)}
    assert ("SMEs", "small- and medium-sized enterprises") in found
    assert ("IoT", "Internet of things") in found
    assert ("MIIT", "Ministry of Industry and Information Technology") in found
    assert ("ICT", "information and communications technology") in found
    assert ("MSMEs", "micro-, small- and medium-sized enterprises") in found
    assert is_acronym("SMEs") and is_acronym("IoT")
    assert not is_acronym("China")


def test_no_definition_without_matching_letters():
    assert find_acronym_definitions("The meeting (ABC) was held.") == []


def test_quoted_titles_are_taken_whole():
    text = 'The group issued "Measures for Assisting in Growth Stabilization, Structural Adjustment, and Capacity Enhancement of MSMEs."'
    assert [w for w, _ in quoted_names(text)] == [
        "Measures for Assisting in Growth Stabilization, Structural Adjustment, and Capacity Enhancement of MSMEs"
    ]
    assert quoted_names('He said "we will keep working hard on this for years to come."') == []


def test_quoted_names_take_their_head_word():
    text = 'We will promote the "Double Gigabit" networks construction and the "5G+Industrial Internet" 512 Project.'
    names = [written for written, _ in quoted_names(text)]
    assert names == ['"Double Gigabit" networks', '"5G+Industrial Internet" 512 Project']
    assert quoted_names('He said "every city is covered by the gigabit optical network." Then') == []


def test_capitalised_names_skip_sentence_starts():
    chunks = _chunks("Together with the National Development and Reform Commission and the Ministry of Ecology and Environment, we acted.")
    names = [" ".join(w.text for w in run) for run in capitalised_names(chunks, frozenset({"together"}))]
    assert names == ["National Development and Reform Commission", "Ministry of Ecology and Environment"]


def test_lemma_and_term_key_fold_spelling_variants():
    assert lemma("industries") == "industry" and lemma("businesses") == "business" and lemma("process") == "process"
    assert term_key("New-Energy Vehicles") == term_key("new energy vehicle")


def test_english_candidates_rank_official_phrases(en_doc):
    found = extract_en_candidates([(s.index, s.text) for s in en_doc.sentences])
    ranked = [c.key for c in sorted(found.candidates.values(), key=lambda c: -c.score)]
    top = ranked[:100]
    for key in ("industrial internet", "new energy vehicle", "ministry of industry and information technology",
                "small- and medium-sized enterprise", "q: little giant enterprise", "q: double gigabit network"):
        assert key in top, key
    # fragments that never occur on their own are gone
    assert "energy vehicle" not in found.candidates
    assert "cpc central" not in found.candidates


def test_acronyms_are_linked_to_expansions(monolingual):
    assert _find(monolingual, "MIIT").en == "Ministry of Industry and Information Technology"
    assert _find(monolingual, "SMEs").en == "small- and medium-sized enterprises"
    assert _find(monolingual, "IoT").en_forms[0].lower() == "internet of things"
    smes = _find(monolingual, "SMEs")
    assert smes.category is TermCategory.ACRONYM
    assert smes.freq_en > 20  # the acronym's uses count for the entry
    assert _find(monolingual, "MIIT").category is TermCategory.INSTITUTION


def test_monolingual_glossary_has_no_chinese(monolingual):
    assert monolingual.entries and all(not e.zh and not e.zh_candidates for e in monolingual.entries)
    entry = _find(monolingual, "industrial internet")
    assert entry.contexts and all(c.lang is Lang.EN and "industrial internet" in c.text.lower() for c in entry.contexts)
    assert 1 <= len(entry.contexts) <= 3
    assert entry.contexts[0].segment_id.startswith("t")


def test_wording_variants_are_merged(monolingual):
    entry = _find(monolingual, "specialized and sophisticated SMEs that produce new and unique products")
    assert any("novel and unique products" in v for v in entry.en_variants)
    assert entry.freq_en == 3


def test_a_wording_variant_replaces_one_content_word_only(en_doc):
    """"green and high-quality development of the manufacturing industry" (绿色高质量发展) is no
    wording of "green and low-carbon transformation of …" (绿色低碳转型): two words differ."""
    found = extract_en_candidates([(s.index, s.text) for s in en_doc.sentences])
    long_phrases = [c.key.split() for c in found.candidates.values() if c.words >= 5]
    starts = phrase_starts(found.texts, {(w[0], w[1]) for w in long_phrases})
    spellings = {s.lower() for s, _ in wording_variants(found.candidates["green and low-carbon transformation of the manufacturing industry"], starts)}
    assert not any("high-quality" in s for s in spellings)
    sme = found.candidates["specialized and sophisticated sme that produce new and unique product"]
    assert any("novel" in s for s, _ in wording_variants(sme, starts))


@pytest.mark.parametrize(
    ("english", "chinese"),
    [
        ("MIIT", "工业和信息化部"),
        ("SMEs", "中小企业"),
        ("ICT", "信息通信"),
        ("IoT", "物联网"),
        ("industrial internet", "工业互联网"),
        ("new energy vehicles", "新能源汽车"),
        ('"little giant" enterprises', "“小巨人”企业"),
        ('"Double Gigabit" networks', "“双千兆”网络"),
        ("specialized and sophisticated SMEs that produce new and unique products", "专精特新中小企业"),
        ("industries above the designated size", "规模以上工业"),
        ("industrial enterprises above the designated size", "规模以上工业企业"),
        ("CPC Central Committee and the State Council", "党中央、国务院"),
        ("new energy vehicle industry", "新能源汽车产业"),
        ("5G", "5G"),
        ('"5G+Industrial Internet" 512 Project', "“5G+工业互联网”512工程"),
        ("20th CPC National Congress", "党的二十大"),
        ("Guidelines for Accelerating the Green and High-Quality Development of the Manufacturing Industry",
         "关于加快推动制造业绿色高质量发展的指导意见"),
        ("extracorporeal membrane oxygenation", "体外膜肺氧合"),
        ("ICT industry", "信息通信业"),
        ("tax and fee deferrals", "缓税缓费"),
        ("Bureau of Operation Monitoring and Coordination", "运行监测协调局"),
        ("finger pulse oximeters", "指夹式脉搏血氧仪"),
    ],
)
def test_pairing_finds_the_official_rendering(bilingual, english, chinese):
    entry = _find(bilingual, english)
    assert entry.zh == chinese, (entry.en, entry.zh_candidates)
    assert entry.zh_candidates[0].text == chinese and "dice=" in entry.zh_candidates[0].evidence
    assert any(c.lang is Lang.ZH and chinese in c.text for c in entry.contexts)


def test_persons_are_paired_and_ranked_below_the_terms(en_doc, sentence_alignment):
    """A participant's name gets its Chinese name, below the terms of the domain (a
    terminologist leaves persons out of the glossary)."""
    glossary = extract_glossary(en_doc, alignment=sentence_alignment, top=500)
    entry = _find(glossary, "Tian Yulong")
    assert entry.zh == "田玉龙" and entry.category is TermCategory.PERSON
    assert glossary.entries.index(entry) >= 200


def test_chinese_candidates_are_closed_and_word_aligned(zh_doc):
    texts = [s.text for s in zh_doc.sentences]
    closed = closed_ngrams(texts)
    assert "工业互联网" in closed and "业互联网" not in closed
    found = zh_candidates(texts)
    for term in ("专精特新中小企业", "“双千兆”网络", "“小巨人”企业", "规模以上工业", "新能源汽车", "物联网"):
        assert term in found, term
    assert "化部" not in found
    assert not is_well_formed("2022年") and not is_well_formed("平台超过240") and is_well_formed("5G基站")


def test_private_tokenizer_leaves_jieba_alone():
    import jieba

    private = private_tokenizer(["双千兆网络"])
    assert "双千兆网络" in list(private.cut("推进双千兆网络建设"))
    assert "双千兆网络" not in jieba.dt.FREQ


def test_log_likelihood_grows_with_association():
    assert log_likelihood(10, 0, 0, 90) > log_likelihood(5, 5, 5, 85) > 0
    assert log_likelihood(1, 9, 9, 81) == pytest.approx(0.0, abs=1e-9)


def test_merge_glossaries_adds_frequencies_and_keeps_approved_chinese():
    a = Glossary([GlossaryEntry("T0001", "new energy vehicles", zh="新能源", freq_en=3, score=2.0)], name="a")
    b = Glossary(
        [GlossaryEntry("T0001", "New-Energy Vehicle", zh="新能源汽车", freq_en=4, score=1.0, status=TermStatus.APPROVED, sources=["b.txt"])],
        name="b",
    )
    merged = merge_glossaries([a, b])
    assert len(merged.entries) == 1
    entry = merged.entries[0]
    assert entry.zh == "新能源汽车" and "新能源" in entry.zh_variants
    assert entry.freq_en == 7 and entry.status is TermStatus.APPROVED
    assert "New-Energy Vehicle" in entry.en_variants and entry.sources == ["b.txt"]


def test_bad_arguments_are_usage_errors(en_doc, zh_doc):
    from termalign.errors import UsageError

    with pytest.raises(UsageError):
        extract_glossary(en_doc, top=0)
    with pytest.raises(UsageError):
        extract_glossary(zh_doc)


TARGETS = SEED_TERMS


def test_targets_of_issue_4_are_in_the_top_100_with_their_chinese(bilingual):
    assert len(bilingual.entries) == 100
    for english, chinese in TARGETS.items():
        entry = _find(bilingual, english)
        assert entry.zh == chinese, (english, entry.zh)


def test_nested_official_phrases_surface_their_shared_core(bilingual):
    """"industries above the designated size" only occurs inside longer phrases; its shared core
    "designated size" (a fragment) gives the entry its rank, and is no entry of its own."""
    core = _find(bilingual, "industries above the designated size")
    assert all("designated size" != e.en for e in bilingual.entries)
    above = _find(bilingual, "industrial enterprises above the designated size")
    assert core.id != above.id and above.zh == "规模以上工业企业"


def test_fragments_and_collocations_are_not_ranked_as_terms(en_doc):
    found = extract_en_candidates([(s.index, s.text) for s in en_doc.sentences])
    ranked = [c.key for c in sorted(found.candidates.values(), key=lambda c: -c.score)][:100]
    for junk in ("trillion yuan", "last year", "relevant department", "china industrial and supply chain",
                 "january to november", "promoting green", "upgrading", "value added of the sector",
                 "large-scale application of the industrial internet", "development of sme",
                 "field of industry and information technology"):  # a light noun names its complement
        assert junk not in ranked, junk
    assert "trillion yuan" not in found.candidates  # a quantity: "4 trillion yuan"
    assert "14th five-year plan" in found.candidates  # an ordinal starts a name
    assert "leading enterprise" in found.candidates  # "the leading enterprises": an adjective, not a gerund


def test_acronym_inside_a_longer_name_is_not_an_independent_use(en_doc):
    """CPC in "CPC Central Committee" names part of the Committee, not the Party on its own."""
    found = extract_en_candidates([(s.index, s.text) for s in en_doc.sentences])
    assert found.candidates["communist party of china"].freq <= 2
    assert found.candidates["ministry of industry and information technology"].freq >= 20  # MIIT alone counts


def test_wording_variants_keep_all_content_words(monolingual):
    """"key industrial chains" drops a conjunct of "key industrial and supply chains": another term."""
    entry = _find(monolingual, "key industrial and supply chains")
    assert "key industrial chains" not in entry.en_variants


@pytest.mark.parametrize(("english", "chinese"), list(TARGETS.items())[:8])
def test_paragraph_beads_still_pair_the_main_terms(by_paragraphs, english, chinese):
    """Coarser beads (one per paragraph pair) give the same renderings of the main terms."""
    assert _find(by_paragraphs, english).zh == chinese


def test_dictionary_links_each_character_to_one_word():
    """Competitive linking: in 规模以上工业, 业 belongs to 工业 ("industries") and cannot also
    stand for "enterprises"; a lone one-character translation is no evidence (中 for "China")."""
    from termalign.terms.pairing import TermToPair, _dictionary, dictionary_units
    from termalign.text.dictionary import translations_zh

    above = TermToPair("k", "industrial enterprises above the designated size", ("industrial", "enterprises", "designated", "size"), ())
    units = dictionary_units(above, translations_zh)
    assert _dictionary("规模以上工业企业", units, 4) == (1.0, 1.0)  # industrial → industry → 工业 (adjective_bases)
    assert _dictionary("规模以上工业", units, 4) == (0.75, 1.0)
    party = TermToPair("p", "Communist Party of China", ("communist", "party", "china"), ())
    assert _dictionary("稳中有进", dictionary_units(party, translations_zh), 3) == (0.0, 0.0)
    deferrals = TermToPair("t", "tax and fee deferrals", ("tax", "fee", "deferrals"), ())
    assert _dictionary("缓税缓费", dictionary_units(deferrals, translations_zh), 3) == (1.0, 1.0)  # deferral → defer → 缓


def test_dictionary_looks_up_two_words_written_as_one():
    """English writes a compound open, hyphenated or closed; CC-CEDICT lists 白名单 only under
    "whitelist". The corpus's 企业“白名单”制度 is then explained whole by "white list system"."""
    from termalign.terms.pairing import TermToPair, _dictionary, dictionary_units
    from termalign.text.dictionary import translations_zh

    term = TermToPair("w", "white list system", ("white", "list", "system"), ())
    units = dictionary_units(term, translations_zh)
    assert any(u.first == 0 and u.last == 2 and "白名单" in u.translations for u in units)
    assert _dictionary("“白名单”制度", units, 3) == (1.0, 1.0)
