"""Terminology recall on the bundled corpus (issue 13): the hand-made gold of
tests/data/terms_gold_scio.tsv, measured by tools/terms_eval.py, and the candidate rules
behind it, on the corpus's own sentences.

The issue's target, recall@200 ≥ 0.9 on both halves, is not reached (see README, "Accuracy
and speed"). The floors below hold what this branch reached, above the figures before it
(held-out 0.424, tuning 0.495, Chinese 0.90, precision 0.87; round 3 from held-out 0.482 at
R@200 and 0.353 at R@100, tuning 0.582 and 0.429). Round 4 moved terms at the cut-off of
200 both ways: tuning 0.604 → 0.648, held-out 0.482 → 0.471 (one term, pushed to 201 when
COVID-19 got its Chinese); the floor follows, since held-out figures are not tuned for.
Round 5 raised tuning to 0.681 at R@200 and 0.462 at R@100 (campaign names that count their
targets, a light noun naming its complement, qualifiers learnt from the recurrent phrases),
held-out unchanged (0.471, 0.365); the tuning floors follow. A wording variant then had to keep
all but one content word: "green and low-carbon transformation" had ranked on a false variant
(… high-quality development …, another term) and fell to 206; held-out 0.482, tuning 0.670.
Renderings that list two things (风电、光伏) and dictionary words met once (云计算) then went below
the terms: tuning 0.703, held-out unchanged, precision of the top 200 0.80 → 0.82. Names of
documents that the Chinese titles in 《》: held-out 0.494.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

from conftest import SEED_EN, SEED_TERMS, SEED_ZH
from termalign.model import Lang, Participant, TermCategory
from termalign.readers import read_document
from termalign.terms import is_general_word, is_person_or_date, names_two_things, vouches
from termalign.terms.candidates_en import EnCandidate, Source, _chunks, _qualifiers, capitalised_names, extract_en_candidates
from termalign.terms.glossary import Draft
from termalign.terms.header import header_lines
from termalign.terms.pairing import Rendering
from termalign.terms.heads import HeadKind, head_kind, phrase_head, zh_head_kind

TOOL = Path(__file__).resolve().parent.parent / "tools" / "terms_eval.py"


@pytest.fixture(scope="module")
def harness() -> ModuleType:
    spec = importlib.util.spec_from_file_location("terms_eval", TOOL)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["terms_eval"] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def ranking(harness: ModuleType):
    return harness.rank(fast=True)  # the aligner's fast mode: the figures are those of the accurate one


@pytest.fixture(scope="module")
def glossary(harness: ModuleType, ranking):
    return harness.glossary_from_ranking(ranking, top=200)


@pytest.fixture(scope="module")
def candidates():
    en = read_document(SEED_EN, lang=Lang.EN)
    return extract_en_candidates([(s.index, s.text) for s in en.sentences]).candidates


def test_the_gold_is_the_corpus_own(harness: ModuleType) -> None:
    """Every gold term is written in the English transcript and its Chinese in the Chinese one."""
    gold = harness.read_gold()
    assert len(gold) >= 150 and {t.split for t in gold} == {"tuning", "held-out"}
    assert {t.kind for t in gold} == {"institution", "acronym", "programme", "measure", "technology", "policy", "domain"}
    english = harness.form_key(SEED_EN.read_text(encoding="utf-8"))
    chinese = SEED_ZH.read_text(encoding="utf-8")
    for term in gold:
        assert any(key in english for key in term.keys), term.term
        assert term.zh in chinese, term.term
    split = {t.term: t.split for t in gold}
    assert sum(s == "held-out" for s in split.values()) >= 80


def test_matching_folds_case_quotes_and_plurals(harness: ModuleType) -> None:
    key = harness.form_key
    assert key('"Double Gigabit" networks') == key("“double gigabit” network") == key("Double Gigabit Networks")
    assert key("small- and medium-sized enterprises") == key("small and medium sized enterprise")
    assert key("charging piles") != key("charging stations")


@pytest.mark.slow
def test_recall_precision_and_chinese_on_the_gold(harness: ModuleType, glossary) -> None:
    evaluation = harness.evaluate(glossary)
    held_out, tuning = evaluation.by_split["held-out"], evaluation.by_split["tuning"]
    assert held_out.recall[200] >= 0.49 and tuning.recall[200] >= 0.70, (held_out.recall, tuning.recall)
    assert held_out.recall[100] >= 0.36 and tuning.recall[100] >= 0.45
    assert held_out.zh_correct >= 0.9 and tuning.zh_correct >= 0.9
    assert evaluation.precision.value >= 0.9, [e.en for e in evaluation.precision.unreviewed]
    assert evaluation.precision_200.value >= 0.82 and not evaluation.precision_200.unreviewed
    # every acronym defined in the text is found, with its expansion
    assert evaluation.by_kind[("acronym", "all")].recall[200] >= 0.85


@pytest.mark.slow
def test_the_issue_4_phrases_stay_in_the_top_100_of_200(glossary) -> None:
    top = {form: entry for entry in glossary.entries[:100] for form in entry.en_forms}
    for english, chinese in SEED_TERMS.items():
        assert top[english].zh == chinese, english


@pytest.mark.slow
def test_once_met_names_get_their_official_chinese(glossary) -> None:
    """A name met once is rendered by a group of words met once in Chinese, its head kept even
    where the dictionary does not know it (微电网)."""
    chinese = {form: entry.zh for entry in glossary.entries for form in entry.en_forms}
    assert chinese["implementation plan for carbon peak in the industrial sector"] == "工业领域碳达峰实施方案"
    assert chinese["national manufacturing innovation centers"] == "国家制造业创新中心"
    assert chinese["industrial green microgrids"] == "工业绿色微电网"
    assert chinese["industrial digitalization"] == "产业数字化"
    assert chinese["C919 large passenger aircraft"] == "C919大型客机"
    assert chinese["National Development and Reform Commission"] == "国家发展改革委"
    # a whole item of a Chinese enumeration (、电信网络诈骗等), though the dictionary finds one word in it
    assert chinese["telecom and internet fraud"] == "电信网络诈骗"


@pytest.mark.slow
def test_a_number_hyphened_to_a_name_need_not_be_in_its_chinese(glossary) -> None:
    """Chinese keeps a code's digits (5G基站, C919大型客机) but names "COVID-19" in words (新冠)."""
    ranked = {form: (rank, entry) for rank, entry in enumerate(glossary.entries, 1) for form in entry.en_forms}
    rank, entry = ranked["COVID-19"]
    assert entry.zh.startswith("新冠") and rank <= 200
    assert ranked["5G base stations"][1].zh == "5G基站"


@pytest.mark.slow
def test_bodies_and_programmes_are_categorised_by_their_head(glossary) -> None:
    by_form = {form: entry for entry in glossary.entries for form in entry.en_forms}
    assert by_form["National Development and Reform Commission"].category is TermCategory.INSTITUTION
    assert by_form["National Bureau of Statistics"].category is TermCategory.INSTITUTION
    assert by_form["implementation plan for carbon peak in the industrial sector"].category is TermCategory.PROGRAMME
    assert by_form["national manufacturing innovation centers"].category is TermCategory.INSTITUTION


def test_head_nouns_name_kinds() -> None:
    assert head_kind("Bureau") is HeadKind.INSTITUTION and head_kind("alliances") is HeadKind.INSTITUTION
    assert head_kind("catalog") is HeadKind.PROGRAMME and head_kind("consumption") is HeadKind.MEASURE
    assert head_kind("networks") is None
    assert phrase_head("National Bureau of Statistics".split()) == "Bureau"
    assert phrase_head("export delivery value".split()) == "value"
    assert zh_head_kind("信息通信管理局") is HeadKind.INSTITUTION and zh_head_kind("产业基础再造工程") is HeadKind.PROGRAMME
    assert zh_head_kind("规模以上工业增加值") is HeadKind.MEASURE and zh_head_kind("局") is None


@pytest.mark.parametrize(
    ("key", "evidence"),
    [
        # a head of a kind, with the complements a wide head needs
        ("implementation plan for carbon peak in the industrial sector", "head"),
        ("action plan to improve energy efficiency in industry", "head"),
        ("industry alliance for the industrial internet", "head"),
        ("policy package on stabilizing economy", "head"),
        # a campaign's complements may count its targets (百城千园行), four complements deep
        ("campaign to promote the application of the industrial internet in 1,000 industrial park of 100 city", "head"),
        ("export delivery value", "head"),
        ("national manufacturing innovation center", "head"),
        # a word of technical vocabulary ("self-developed" before it tells who made it)
        ("silicon heterojunction cell", "technical"),
        ("industrial green microgrid", "technical"),
        # a code
        ("c919 large passenger aircraft", "code"),
        ("ai chip", "code"),
        # an item of a list after "such as", "including", "concerning" (Hearst patterns)
        ("laser radar", "listed"),
        ("automotive operating system", "head"),
        ("new type of battery", "listed"),
        # a single word rarer than Zipf 2.8, capitalised but no pinyin (a drug's name)
        ("azvudine", "technical"),
    ],
)
def test_noun_phrases_met_once_that_their_form_marks(candidates, key: str, evidence: str) -> None:
    candidate = candidates[key]
    assert candidate.source is Source.NOUN_PHRASE and candidate.freq == 1
    assert candidate.evidence == evidence


def test_clauses_and_contexts_are_no_noun_phrases(candidates) -> None:
    for junk in (
        "miit attach great importance",  # a subject and its clause after an acronym
        "enterprise in term",  # "in terms of" is a preposition
        "project for industrial",  # "industrial" always modifies a word after it
        "designated size fluctuated",  # a verb after its subject
        "enterprise invested",
        "self-developed silicon heterojunction cell",
        "output of charging pile",  # a one-word measure in a context
        # "B" of "A and B" in a complement is a head only if it ends phrases: "cities | and summarize"
        "campaign to promote the application of the industrial internet in 1,000 industrial park of 100 city and summarize",
    ):
        assert junk not in candidates, junk
    assert "installed capacity of power battery" in candidates  # a context, folded into its term in the glossary


def test_a_programme_or_body_takes_its_complement_into_its_name(candidates) -> None:
    """"<head> for <a term>" is a context of the term ("large-scale application of the
    industrial internet"), unless the head names a programme or a body, which is named by it."""
    alliance = candidates["industry alliance for the industrial internet"]
    context = candidates["large-scale application of the industrial internet"]
    assert alliance.head is HeadKind.INSTITUTION and alliance.evidence == "head"
    assert alliance.score > 2 * context.score


def test_a_body_of_another_body_names_two() -> None:
    text = "She is deputy director general of the Press Bureau of the State Council Information Office."
    names = [" ".join(w.text for w in run) for run in capitalised_names(_chunks(text))]
    assert names == ["Press Bureau", "State Council Information Office"]


@pytest.fixture(scope="module")
def with_unmarked():
    en = read_document(SEED_EN, lang=Lang.EN)
    return extract_en_candidates([(s.index, s.text) for s in en.sentences], unmarked=True)


@pytest.mark.parametrize(
    "key",
    [
        "top-level design",  # "further improve the top-level design, make good …"
        "critical information infrastructure",  # a recurrent phrase with one more modifier: the Chinese decides
        "cooperation between industry and finance",  # N between A and B
        "data sharing and resource coordination",  # A and B, two words each
        "energy conservation and carbon reduction",  # "industrial | A and B": the modifier is the whole's
        "industrial sme above the designated size",  # a qualifier the text puts after several heads
    ],
)
def test_noun_phrases_nothing_marks_wait_for_the_chinese(with_unmarked, key: str) -> None:
    assert key in with_unmarked.unmarked and key not in with_unmarked.candidates
    assert with_unmarked.unmarked[key].evidence == "unmarked" and with_unmarked.unmarked[key].score > 0


def test_qualifiers_are_learnt_from_the_recurrent_phrases() -> None:
    """"above the designated size" follows two heads (industries, industrial enterprises): a
    qualifier of the statistics, part of a name; a relative clause after one head is none."""
    known = frozenset({
        ("industry", "above", "the", "designated", "size"),
        ("industrial", "enterprise", "above", "the", "designated", "size"),
        ("sme", "that", "produce", "new", "product"),
        ("sophisticated", "sme", "that", "produce", "new", "product"),
    })
    assert _qualifiers(known) == {"above": [("above", "the", "designated", "size")]}


def test_a_run_after_an_auxiliary_opens_with_a_verb(with_unmarked) -> None:
    """"the new energy vehicle industry has maintained rapid development", "We have guided
    enterprises to …": the word after has/have/we is a verb, not a modifier."""
    for clause in ("maintained rapid development", "guided enterprise"):
        assert clause not in with_unmarked.unmarked and clause not in with_unmarked.candidates, clause


def test_unmarked_noun_phrases_are_looked_for_only_when_asked(candidates) -> None:
    en = read_document(SEED_EN, lang=Lang.EN)
    found = extract_en_candidates([(s.index, s.text) for s in en.sentences])
    assert not found.unmarked and "top-level design" not in found.candidates
    assert "production and sales" not in extract_en_candidates([(0, "Production and sales of chips rose.")], unmarked=True).unmarked


def _rendering(text: str, *, cover: float = 1.0, found: float = 1.0, explained: float = 1.0, dice: float = 1.0) -> Rendering:
    return Rendering(text, 0.8, 1, 1, cover, found, explained, 5.0, dice, True)


def test_a_clean_chinese_compound_vouches_for_a_term() -> None:
    assert vouches(_rendering("顶层设计", found=0.5, explained=0.5))  # top-level design
    assert vouches(_rendering("绿色制造"))
    assert not vouches(_rendering("融合作", found=0.33, explained=0.67))  # three characters cut out of 产融合作
    assert not vouches(_rendering("平台", found=0.5))  # one word
    assert not vouches(_rendering("产业创新", dice=0.2))  # met far more often than the term
    assert not vouches(_rendering("驾驶汽车", cover=0.5))


def test_persons_and_calendar_names_are_no_terminology() -> None:
    def name(surface: str, source: Source = Source.NAME) -> EnCandidate:
        candidate = EnCandidate(surface.lower(), len(surface.split()), source, freq=1)
        candidate.surfaces[surface] += 1
        return candidate

    persons = frozenset({"Tian Yulong", "Xing Huina"})
    assert is_person_or_date(name("Tian Yulong"), persons) and is_person_or_date(name("Spring Festival"), persons)
    assert is_person_or_date(name("New Year's Day"), persons) and is_person_or_date(name("Year of Rabbit"), persons)
    assert not is_person_or_date(name("National Bureau of Statistics"), persons)
    assert not is_person_or_date(name("growth rate of the year", Source.PHRASE), persons)


def _draft(surface: str, zh: str, source: Source = Source.NOUN_PHRASE, head: HeadKind | None = None) -> Draft:
    candidate = EnCandidate(surface.lower(), len(surface.split()), source, freq=1, head=head)
    candidate.surfaces[surface] += 1
    return Draft(candidate, 1.0, zh=[_rendering(zh)])


def test_a_list_or_a_dictionary_word_is_not_one_term_of_the_text() -> None:
    assert names_two_things(_draft("wind and photovoltaic power", "风电、光伏", Source.PHRASE))
    assert not names_two_things(_draft("CPC Central Committee and the State Council", "党中央、国务院", Source.NAME))
    assert not names_two_things(_draft("transport and postal departments", "交通运输、邮政等部门", head=HeadKind.INSTITUTION))
    assert not names_two_things(_draft("energy conservation and carbon reduction", "节能降碳"))
    assert is_general_word(_draft("integrated circuits", "集成电路")) and is_general_word(_draft("cloud computing", "云计算"))
    # the official terms the supplement adds to CC-CEDICT, and phrases the text repeats, are no general words
    assert not is_general_word(_draft("industrial internet", "工业互联网"))
    assert not is_general_word(_draft("integrated circuits", "集成电路", Source.PHRASE))
    assert not is_general_word(_draft("top-level design", "顶层设计"))


@pytest.mark.slow
def test_lists_and_dictionary_words_met_once_rank_below_the_terms(ranking) -> None:
    """In the user's top 200, no rendering lists two things but those of bodies, and the general
    words named once ("cloud computing", "integrated circuits") are out of it."""
    top = ranking.drafts[:200]
    lists = {d.candidate.surface for d in top if "、" in d.best_zh}
    assert lists == {"CPC Central Committee and the State Council", "transport and postal departments"}
    surfaces = {d.candidate.surface for d in top}
    assert not surfaces & {"cloud computing", "integrated circuits", "lithium-ion batteries", "wind and photovoltaic power"}
    assert {"cloud computing", "integrated circuits"} <= {d.candidate.surface for d in ranking.drafts}  # kept, lower


def test_the_participants_titles_are_paired_across_the_headers() -> None:
    en = read_document(SEED_EN, lang=Lang.EN)
    zh = read_document(SEED_ZH, lang=Lang.ZH)
    lines = header_lines(en, zh)
    assert len(lines) == 4 and lines[0].index == len(en.sentences)
    press = lines[3]
    assert press.en.startswith("deputy director general of the Press Bureau") and press.zh == "国务院新闻办公室新闻局副局长、新闻发言人"
    assert all(line.zh for line in lines) and not any(line.zh for line in header_lines(en))
    # names that do not romanise pair by place when both headers list the same roles
    renamed = [Participant(f"Someone {i}", p.title, p.role) for i, p in enumerate(en.participants)]
    en.participants[:] = renamed
    assert [line.zh for line in header_lines(en, zh)] == [p.title for p in zh.participants]


@pytest.mark.slow
def test_a_body_named_only_in_the_header_is_a_term(ranking, glossary) -> None:
    """The Press Bureau is named only in the speakers' titles; the phrases around the bodies
    there ("director general of the Bureau of …"), which the host's introduction repeats, are no
    candidates."""
    by_form = {form: (rank, entry) for rank, entry in enumerate(glossary.entries, 1) for form in entry.en_forms}
    rank, entry = by_form["Press Bureau"]
    assert entry.zh == "新闻局" and rank <= 200
    assert [c.segment_id for c in entry.contexts] == ["header.4", "header.4"]  # the English title, then the Chinese
    assert not [key for key in ranking.found.candidates if key.startswith(("spokesperson of", "miit and director"))]


@pytest.mark.slow
def test_a_document_the_chinese_titles_is_named_to_the_end_of_its_clause(ranking, glossary) -> None:
    """《国家工业和信息化领域节能技术装备推荐目录》 marks the English catalog's name, whose words
    nothing else marks; the name stops at a verb ("… in the industrial sector | and coordinated in
    mapping out …") and before the time it was made for ("… | during the 14th Five-Year Plan")."""
    by_form = {form: (rank, entry) for rank, entry in enumerate(glossary.entries, 1) for form in entry.en_forms}
    rank, entry = by_form["catalog of selected and recommended energy-saving technologies and equipment in the field of industry and information technologies"]
    assert entry.zh == "国家工业和信息化领域节能技术装备推荐目录" and rank <= 100
    titled = {c.surface for c in ranking.found.candidates.values() if c.evidence == "title"}
    assert "plan for the green development of China's industrial sectors" in titled
    assert not [t for t in titled if "coordinated" in t or t.endswith(("during the", "and"))]


@pytest.mark.slow
def test_a_nested_form_rendered_as_its_term_is_a_variant(glossary) -> None:
    by_form = {form: entry for entry in glossary.entries for form in entry.en_forms}
    entry = by_form["equipment manufacturing industry"]
    assert entry.en == "equipment manufacturing" and entry.zh == "装备制造业"
    # a Chinese modifier before the term's rendering makes another term (关键信息基础设施)
    assert "critical information infrastructure" not in by_form.get("information infrastructure", entry).en_forms


@pytest.mark.slow
def test_a_recurrent_context_rendered_as_the_term_said_of_another_is_folded(glossary) -> None:
    """"A of the B", rendered B's Chinese then A's, is the term A in a context: one line, at the
    better place of the two, the context grouped under it as a related phrase (no other name of
    the term); a measure keeps its complement (an indicator of its own)."""
    by_form = {form: (rank, entry) for rank, entry in enumerate(glossary.entries, 1) for form in entry.en_forms}
    rank, entry = by_form["green and high-quality development"]
    assert entry.zh == "绿色高质量发展" and rank <= 200
    assert entry.en_related == ["green and high-quality development of the manufacturing industry"]
    assert "green and high-quality development of the manufacturing industry" not in by_form
    by_form = {form: entry for entry in glossary.entries for form in entry.en_forms}
    assert by_form["value added of industrial enterprises above the designated size"].en == "value added of industrial enterprises above the designated size"


@pytest.mark.slow
def test_longer_phrases_are_grouped_under_a_term_not_made_its_variants(glossary) -> None:
    """A phrase the term was met in ("installed capacity of power batteries", a coordination
    "industrial internet and 5G") is listed with the term for the reviewer, but is no other name
    of it: a CAT tool importing the variants as synonyms would match the wrong text."""
    by_form = {form: entry for entry in glossary.entries for form in entry.en_forms}
    capacity = by_form["installed capacity"]
    assert "installed capacity of power batteries" in capacity.en_related
    assert not any(v.startswith("installed capacity of") for v in capacity.en_variants)
    internet = by_form["industrial internet"]
    assert "industrial internet and 5G" in internet.en_related and "industrial internet and 5G" not in internet.en_variants
    # the forms of a term stay its variants: acronyms, sector words, word order
    assert "MIIT" in by_form["Ministry of Industry and Information Technology"].en_variants
    assert "equipment manufacturing industry" in by_form["equipment manufacturing"].en_variants
    assert "added value" in by_form["value added"].en_variants


@pytest.mark.slow
def test_the_diagnosis_classes_every_miss(harness: ModuleType, ranking, glossary) -> None:
    gold = [t for t in harness.read_gold() if t.split == "tuning"]
    misses = harness.diagnose(gold, ranking)
    found = harness.locate(gold, glossary)
    missed = {t.term for t in gold if found.rank.get(t.term, 201) > 200}
    assert {m.term.term for m in misses} == missed
    assert {m.klass for m in misses} <= set(harness.MISS_CLASSES)
    ranked = [m for m in misses if m.klass == "c"]
    assert ranked and all("rank" in m.detail for m in ranked)
    assert "(a)" in harness.diagnosis_report(misses)
