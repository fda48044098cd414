"""Pair English terms with Chinese renderings through the aligned beads.

For an English term, every Chinese candidate that occurs in a bead where the term occurs is
a possible rendering. Evidence, all computed per bead (a bead is the unit both sides share):

- association: Dice = 2·both / (beads with term + beads with rendering), and the
  log-likelihood ratio G² of the 2×2 bead table (Dunning 1993) — how unlikely the
  co-occurrence is by chance;
- dictionary: how much of the term's words a bilingual lexicon (CC-CEDICT through
  `text.dictionary`) finds in the rendering and how much of the rendering those translations
  explain. Spans of up to four content words are looked up whole, so a lexicalised phrase
  counts as one unit ("above the designated size" → 规模以上, "new energy vehicles" →
  新能源汽车), and an acronym's own entry counts for the whole term (MIIT → 工业和信息化部).
  For "industries above the designated size", 规模以上工业 is fully explained while
  规模以上工业增加值 leaves 增加值 unexplained;
- literal strings: Latin letters and digits in the term ("5G", "C919", "512") must be in
  the rendering (not a number hyphened to a name: COVID-19 新冠);
- enumeration: a whole item of a Chinese list (、电信网络诈骗等) is a name as the Chinese
  delimits it, supported when the dictionary finds one of the term's words in it;
- specificity: a rendering that general Chinese uses often (发展, 企业) is a weak name.

- similarity of meaning (optional): the cosine of the two phrases' multilingual embeddings,
  weighed in for each term's best few renderings.

Several candidates are kept with their scores and evidence; the first is the best.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, replace
from typing import Callable, Iterable, Mapping, Sequence

import ahocorasick_rs
import regex

from termalign.model import Alignment, TranslationCandidate
from termalign.progress import NO_PROGRESS, Progress
from termalign.terms.candidates_zh import TERM_RUN, ZhCandidate, is_well_formed, private_tokenizer, zh_weirdness
from termalign.text.chinese import HAN_RUN, word_tokenizer
from termalign.text.english import adjective_bases, content_words, lemma, term_key, verb_bases
from termalign.text.names import is_pinyin, name_score

Lexicon = Callable[[str], Iterable[str]]  # English word or phrase → Chinese translations
# (English phrase, Chinese phrase) pairs → similarity of meaning in [-1, 1] (cosine of embeddings)
Similarity = Callable[[Sequence[tuple[str, str]]], Sequence[float]]

MAX_UNIT_WORDS = 4  # longest span of content words looked up whole in the lexicon
_LITERAL_WORD = regex.compile(r"[0-9]")


def _no_lexicon(_phrase: str) -> Iterable[str]:
    return ()

# Codes with digits (5G, C919, "512"): Chinese writes them as English does. Acronyms are not
# required: the Chinese of a defined acronym is its long form (ICT 信息通信). Nor is a number
# hyphened to a name, which Chinese names in words or numerals (COVID-19 新冠, Shenzhou-15 神舟十五号).
_LITERAL = regex.compile(r"(?<![A-Za-z0-9+.\-])[A-Za-z]*[0-9][A-Za-z0-9+.]*")


@dataclass(frozen=True, slots=True)
class BeadTexts:
    """The two sides of an alignment as the pairing needs them: which bead holds each English
    sentence, the Chinese text of each bead, and the items of the Chinese lists in it."""

    bead_of_sentence: dict[int, int]
    zh_text: list[str]
    zh_items: list[frozenset[str]]  # per bead, the items of its Chinese lists (_ENUMERATION_ITEM)

    @classmethod
    def from_alignment(cls, alignment: Alignment) -> BeadTexts:
        bead_of_sentence: dict[int, int] = {}
        zh_text: list[str] = []
        zh_sentences = alignment.tgt.sentences
        for number, bead in enumerate(alignment.beads):
            for index in bead.src:
                bead_of_sentence[index] = number
            zh_text.append("".join(zh_sentences[i].text for i in bead.tgt))
        return cls(bead_of_sentence, zh_text, [frozenset(_ENUMERATION_ITEM.findall(text)) for text in zh_text])

    def with_lines(self, lines: Sequence[tuple[int, str]]) -> BeadTexts:
        """These beads and one more for each (English sentence index, Chinese text) of `lines`
        (the header's titles, which the alignment does not hold)."""
        if not lines:
            return self
        bead_of_sentence = dict(self.bead_of_sentence)
        zh_text = list(self.zh_text)
        for index, text in lines:
            bead_of_sentence[index] = len(zh_text)
            zh_text.append(text)
        extra = [frozenset(_ENUMERATION_ITEM.findall(text)) for _, text in lines]
        return BeadTexts(bead_of_sentence, zh_text, [*self.zh_items, *extra])

    def beads_of(self, sentences: Iterable[int]) -> set[int]:
        """The beads that hold these English sentences."""
        return {self.bead_of_sentence[i] for i in sentences if i in self.bead_of_sentence}

    def zh_count(self, text: str) -> int:
        """How often `text` occurs on the Chinese side."""
        return sum(t.count(text) for t in self.zh_text)

    def zh_of(self, beads: Iterable[int]) -> str:
        """The Chinese text of these beads, run together."""
        return "".join(self.zh_text[b] for b in beads)


@dataclass(frozen=True, slots=True)
class TermToPair:
    key: str
    surface: str  # the English term as shown
    words: tuple[str, ...]  # its content words, lower case, for the lexicon
    sentences: tuple[int, ...]  # English sentence indices of its occurrences
    acronym: str = ""  # its short form, if the text defines one ("MIIT"): looked up as the whole term
    name: bool = False  # a capitalised name of a document, plan or event: Chinese marks those 《》


@dataclass(frozen=True, slots=True)
class DictionaryUnit:
    """Translations the lexicon gives for the content words `first` … `last - 1` of a term."""

    first: int
    last: int
    translations: tuple[str, ...]


def dictionary_units(
    term: TermToPair,
    lexicon: Lexicon | None,
    *,
    acronyms: Mapping[str, str] | None = None,
    max_words: int = MAX_UNIT_WORDS,
) -> list[DictionaryUnit]:
    """Every span of up to `max_words` content words of `term` that the lexicon translates,
    the acronym as a unit spanning the whole term, and each acronym word of the term through
    its long form (`acronyms`: acronym in lower case → long form; "cpc" → "Communist Party of
    China" gives 党 for the "CPC" of "20th CPC National Congress")."""
    words = term.words
    if lexicon is None:
        lexicon = _no_lexicon
    units: list[DictionaryUnit] = []
    for first in range(len(words)):
        for last in range(first + 1, min(len(words), first + max_words) + 1):
            forms = [" ".join(words[first:last])]
            if last == first + 2:
                forms.append(_closed_compound(words[first], words[first + 1]))
            if last == first + 1:  # industrial: 产业 only, industry: 工业 too; transformation → transform: 转型
                singular = lemma(words[first])
                forms += [*adjective_bases(singular), *verb_bases(singular)]
            found = tuple(sorted({t for form in forms for t in lexicon(form) if t}))
            if found:
                units.append(DictionaryUnit(first, last, found))
    if term.acronym:
        found = tuple(sorted({t for t in lexicon(term.acronym) if t}))
        if found:
            units.append(DictionaryUnit(0, len(words), found))
    for position, word in enumerate(words):
        if _LITERAL_WORD.search(word):  # 5G, C919: Chinese writes them as English does
            units.append(DictionaryUnit(position, position + 1, (word.upper(),)))
        long_form = (acronyms or {}).get(lemma(word))
        if long_form:
            parts = [w.lower() for w in content_words(long_form)]
            found = {
                t
                for first in range(len(parts))
                for last in range(first + 1, min(len(parts), first + max_words) + 1)
                for t in lexicon(" ".join(parts[first:last]))
                if t
            }
            if found:
                units.append(DictionaryUnit(position, position + 1, tuple(sorted(found))))
    return units


def _closed_compound(first: str, second: str) -> str:
    """Two words written as one, as English writes many compounds three ways ("white list",
    "white-list", "whitelist"; "data base", "database") and the dictionary lists one: CC-CEDICT has
    白名单 under "whitelist" only."""
    return first.replace("-", "") + second.replace("-", "")


def log_likelihood(both: int, term_only: int, rendering_only: int, neither: int) -> float:
    """Dunning's G² for a 2×2 contingency table."""
    total = both + term_only + rendering_only + neither
    if total == 0:
        return 0.0
    cells = (
        (both, both + term_only, both + rendering_only),
        (term_only, both + term_only, term_only + neither),
        (rendering_only, rendering_only + neither, both + rendering_only),
        (neither, rendering_only + neither, term_only + neither),
    )
    g2 = 0.0
    for observed, row, column in cells:
        expected = row * column / total
        if observed > 0 and expected > 0:
            g2 += observed * math.log(observed / expected)
    return 2.0 * g2


def pair_terms(
    terms: Sequence[TermToPair],
    zh_candidates: dict[str, ZhCandidate],
    beads: BeadTexts,
    *,
    lexicon: Lexicon | None = None,
    acronyms: Mapping[str, str] | None = None,
    similarity: Similarity | None = None,
    keep: int = 3,
    progress: Progress = NO_PROGRESS,
) -> dict[str, list[Rendering]]:
    """Ranked Chinese renderings for each term (by key), best first; empty when none is supported.

    Two passes: the second adds, as dictionary evidence for a longer term, the renderings the
    first pass found for the terms nested in it ("new energy vehicles" → 新能源汽车 explains
    新能源汽车产业 for "new energy vehicle industry"; "SMEs" → 中小企业 explains 专精特新中小企业),
    so the text's own terminology serves as a dictionary for its longer terms.
    """
    zh_candidates = {**zh_candidates, **_chinese_names(terms, beads)}
    zh_candidates.update(_local_groups(terms, beads, zh_candidates))
    units_of = {term.key: dictionary_units(term, lexicon, acronyms=acronyms) for term in terms}
    zh_candidates.update(_dictionary_renderings(terms, units_of, beads, zh_candidates))
    zh_candidates.update(_composed_renderings(terms, units_of, beads, zh_candidates))
    names = sorted(zh_candidates)
    if not names:
        return {term.key: [] for term in terms}
    index = _BeadIndex(names, beads)
    progress.start("pairing terms", 2 * len(terms))
    first: dict[str, list[Rendering]] = {}
    for term in terms:
        first[term.key] = _rank(term, units_of[term.key], index, zh_candidates, beads)
        progress.advance()
    renderings = {term.key: ranked[0].text for term in terms if (ranked := first[term.key]) and _reliable(ranked[0])}
    nested = _nested_units(terms, renderings)
    result: dict[str, list[Rendering]] = {}
    for term in terms:
        ranked = first[term.key]
        if nested.get(term.key):
            ranked = _rank(term, units_of[term.key] + nested[term.key], index, zh_candidates, beads)
        result[term.key] = ranked
        progress.advance()
    progress.finish()
    if similarity is not None:
        _add_similarity(terms, result, similarity, zh_candidates)
    return {key: _distinct(ranked, keep) for key, ranked in result.items()}


SIMILARITY_WEIGHT = 0.35  # beside dictionary 0.55, precision 0.2, length 0.15, specificity 0.1
SIMILARITY_DEPTH = 8  # renderings per term compared by meaning (the best by the other evidence)


def _add_similarity(
    terms: Sequence[TermToPair],
    result: dict[str, list[Rendering]],
    similarity: Similarity,
    zh_candidates: dict[str, ZhCandidate],
) -> None:
    """Re-rank each term's best renderings with the similarity of meaning of the two phrases
    (multilingual sentence embeddings): it tells 中小微企业 from 小微企业 for "micro-, small- and
    medium-sized enterprises", and 制造业 from 制造 for "manufacturing sector", where the
    dictionary knows the words only one by one."""
    pairs = [(term.surface, r.text) for term in terms for r in result[term.key][:SIMILARITY_DEPTH]]
    if not pairs:
        return
    scores = iter(similarity(pairs))
    for term in terms:
        ranked = result[term.key]
        head = [
            replace(r, score=r.score + SIMILARITY_WEIGHT * math.sqrt(r.cover) * cosine, similarity=cosine)
            for r, cosine in zip(ranked[:SIMILARITY_DEPTH], scores)
        ]
        result[term.key] = _ordered(term, head, zh_candidates) + ranked[SIMILARITY_DEPTH:]



class _BeadIndex:
    """Which Chinese candidates each bead holds, and in how many beads each occurs."""

    def __init__(self, names: list[str], beads: BeadTexts) -> None:
        matcher = ahocorasick_rs.AhoCorasick(names)
        self.names = names
        self.in_bead: list[set[int]] = []
        self.bead_count: Counter[int] = Counter()
        for text in beads.zh_text:
            ids = {i for i, _s, _e in matcher.find_matches_as_indexes(text, overlapping=True)} if text else set()
            self.in_bead.append(ids)
            self.bead_count.update(ids)
        self.total = len(beads.zh_text)


def _rank(
    term: TermToPair,
    units: list[DictionaryUnit],
    index: _BeadIndex,
    zh_candidates: dict[str, ZhCandidate],
    beads: BeadTexts,
) -> list[Rendering]:
    """The supported renderings of `term`, best first."""
    term_beads = beads.beads_of(term.sentences)
    together: Counter[int] = Counter()
    for bead in term_beads:
        together.update(index.in_bead[bead])
    units = _present(units, beads.zh_of(term_beads))
    literals = set(_LITERAL.findall(term.surface))
    if '"' in term.surface or "“" in term.surface:
        literals.add("“")  # a quoted English name keeps its quotation marks in Chinese
    person = _looks_like_name(term.surface)
    items = frozenset().union(*(beads.zh_items[bead] for bead in term_beads))
    scored: list[Rendering] = []
    unsupported: list[Rendering] = []
    for name_id, both in together.items():
        if both < max(1, len(term_beads) // 3):
            continue
        name = index.names[name_id]
        evidence = _evidence(
            term, term_beads, both, index.bead_count[name_id], index.total, name, zh_candidates[name], units, literals, person,
            item=name in items,
        )
        (scored if evidence.supported else unsupported).append(evidence)
    # a supported rendering with the word after it is kept too, whatever its own support: it may
    # hold the head the dictionary does not know (产业数字化 after 产业, see `_head_first`)
    starts = {e.text for e in scored if not e.head}
    scored += [e for e in unsupported if any(e.text.startswith(start) for start in starts)]
    return _ordered(term, scored, zh_candidates)


def _ordered(term: TermToPair, scored: list[Rendering], zh_candidates: dict[str, ZhCandidate]) -> list[Rendering]:
    """By score, then the preferences that scores do not express: the core present in more
    beads, the rendering of every word, the whole title."""
    scored = sorted(scored, key=lambda e: (-e.score, len(e.text), e.text))  # ties: the shorter, the rest is context
    ranked = _head_first(_complete_first(_core_first(scored)))
    if term.name and ranked:
        return _title_first(ranked, zh_candidates)
    return ranked


def _title_first(ranked: list[Rendering], zh_candidates: dict[str, ZhCandidate]) -> list[Rendering]:
    """For a capitalised English name, put first a Chinese title (《》) that contains the best
    rendering and is in as many of the term's beads: the whole title, not a stretch of it
    (《关于加快推动制造业绿色高质量发展的指导意见》 for "Guidelines for Accelerating the Green and
    High-Quality Development of the Manufacturing Industry")."""
    best = ranked[0]
    titles = [e for e in ranked if zh_candidates[e.text].title and best.text in e.text and e.both >= best.both]
    if not titles or titles[0] is best:
        return ranked
    title = max(titles, key=lambda e: e.score)
    return [title] + [e for e in ranked if e is not title]


def _reliable(best: Rendering) -> bool:
    """Good enough to explain other terms: it recurs with the term and the dictionary agrees
    (a wrong rendering passed on would mislead every longer term)."""
    return best.cover >= 0.5 and best.found > 0 and best.explained >= 0.5


def _nested_units(terms: Sequence[TermToPair], renderings: dict[str, str]) -> dict[str, list[DictionaryUnit]]:
    """For each term, units made of the renderings of the terms nested in it: by their words
    (in either order of a "value added" compound) or by an acronym the text defines."""
    by_words: dict[str, str] = {}
    for term in terms:
        rendering = renderings.get(term.key)
        if rendering is None:
            continue
        by_words.setdefault(term_key(" ".join(term.words)), rendering)
        if term.acronym:
            by_words.setdefault(term_key(term.acronym.lower()), rendering)
    nested: dict[str, list[DictionaryUnit]] = {}
    for term in terms:
        words = term.words
        units = []
        for first in range(len(words)):
            for last in range(first + 1, len(words) + 1):
                if last - first == len(words):
                    continue
                rendering = by_words.get(term_key(" ".join(words[first:last])))
                if rendering is not None:
                    units.append(DictionaryUnit(first, last, (rendering,)))
        nested[term.key] = units
    return nested


def _chinese_names(terms: Sequence[TermToPair], beads: BeadTexts) -> dict[str, ZhCandidate]:
    """Chinese person names that romanise to a name-like English term, found in its beads
    (田玉龙 for "Tian Yulong": a name seldom recurs as a closed string, 田玉龙先生 does)."""
    found: dict[str, ZhCandidate] = {}
    for term in terms:
        if not _looks_like_name(term.surface):
            continue
        for bead in beads.beads_of(term.sentences):
            for run in HAN_RUN.findall(beads.zh_text[bead]):  # a run of one character yields no name
                for length in (2, 3, 4):
                    for start in range(len(run) - length + 1):
                        text = run[start : start + length]
                        if text not in found and name_score(text, term.surface) == 1.0:
                            freq = beads.zh_count(text)
                            found[text] = ZhCandidate(text, freq, 3.0)  # a name is as specific as a term gets
    return found


_RARE_TERM_BEADS = 2  # a term met in this few beads may be rendered by a word group met once
_GROUP_WORDS = 5  # 工业/能效/提升/行动计划: a once-met name is a group of up to five words


def _local_groups(terms: Sequence[TermToPair], beads: BeadTexts, known: dict[str, ZhCandidate]) -> dict[str, ZhCandidate]:
    """Groups of adjacent words in the beads of the terms met once or twice: a name met once in
    Chinese is no recurrent string and no single word, so the segmenter's candidates miss it
    (工业绿色微电网, 电信网络诈骗, 产业数字化). The words are jieba's with the text's recurrent
    strings as words (重点领域 stays whole), tagged; a name neither begins nor ends with a function
    word or a numeral, nor begins with a verb (实施 | 工业互联网创新发展工程)."""
    import jieba.posseg

    rare = [t for t in terms if len(t.words) >= 2 and len(beads.beads_of(t.sentences)) <= _RARE_TERM_BEADS]
    if not rare:
        return {}
    recurrent = (text for text, candidate in known.items() if len(text) >= 3 and candidate.freq >= 2)
    tagger = jieba.posseg.POSTokenizer(private_tokenizer(recurrent))
    default_tagger = jieba.posseg.POSTokenizer(word_tokenizer())

    def tags(word: str, flag: str) -> tuple[str, str]:
        """Tags of the word's first and last parts: the text's own strings are untagged (x)."""
        if flag != "x" or not HAN_RUN.fullmatch(word):
            return flag, flag
        parts = list(default_tagger.cut(word))
        return parts[0].flag, parts[-1].flag

    found: dict[str, ZhCandidate] = {}
    total_chars = sum(len(t) for t in beads.zh_text)
    segmented: dict[int, list[list[tuple[str, str, str]]]] = {}  # (word, first tag, last tag)
    for term in rare:
        longest = 4 * len(term.words) + 2
        for bead in beads.beads_of(term.sentences):
            if bead not in segmented:
                segmented[bead] = [
                    [(w.word, *tags(w.word, w.flag)) for w in tagger.cut(run)] for run in TERM_RUN.findall(beads.zh_text[bead])
                ]
            for words in segmented[bead]:
                for start in range(len(words)):
                    if words[start][1] in _NOT_FIRST_TAGS:
                        continue
                    for end in range(start + 2, min(len(words), start + _GROUP_WORDS) + 1):
                        text = "".join(w for w, _, _ in words[start:end])
                        if len(text) > longest:
                            break
                        if words[end - 1][2] in _NOT_LAST_TAGS or "、" in text or text in known or text in found or not is_well_formed(text):
                            continue
                        found[text] = _met_in_beads(text, beads, total_chars)
    return found


# jieba's tags of words that do not begin or end a name: verbs (begin only), numerals, measure
# words, prepositions, conjunctions, particles, adverbs, pronouns
_NOT_FIRST_TAGS = frozenset({"v", "m", "q", "p", "c", "u", "d", "ad", "r"})
_NOT_LAST_TAGS = frozenset({"m", "q", "p", "c", "u", "d", "ad", "r"})


def _dictionary_renderings(
    terms: Sequence[TermToPair],
    units_of: dict[str, list[DictionaryUnit]],
    beads: BeadTexts,
    known: dict[str, ZhCandidate],
) -> dict[str, ZhCandidate]:
    """What the dictionary gives for a whole term (ECMO → 体外膜肺氧合), where it occurs in the
    term's beads: a candidate even when it occurs once and no segmenter proposes it."""
    found: dict[str, ZhCandidate] = {}
    total_chars = sum(len(t) for t in beads.zh_text)
    for term in terms:
        whole = [u for u in units_of[term.key] if u.first == 0 and u.last == len(term.words)]
        if not whole:
            continue
        text = beads.zh_of(beads.beads_of(term.sentences))
        for unit in whole:
            for option in unit.translations:
                if len(option) >= 2 and option not in known and option not in found and option in text:
                    found[option] = _met_in_beads(option, beads, total_chars)
    return found


def _composed_renderings(
    terms: Sequence[TermToPair],
    units_of: dict[str, list[DictionaryUnit]],
    beads: BeadTexts,
    known: dict[str, ZhCandidate],
) -> dict[str, ZhCandidate]:
    """Stretches of a bead that the dictionary builds from the term's words: from the first to
    the last translation found in one run of text (one-character ones included, so the stretch
    takes in every word rendered there), when they render most of the term (运行监测协调局 for
    "Bureau of Operation Monitoring and Coordination", met once, in a title)."""
    found: dict[str, ZhCandidate] = {}
    total_chars = sum(len(t) for t in beads.zh_text)
    for term in terms:
        if len(term.words) < 2:
            continue
        needed = max(2, math.ceil(len(term.words) / 2))
        term_beads = beads.beads_of(term.sentences)
        units = _present(units_of[term.key], beads.zh_of(term_beads))
        if len({i for u in units for i in range(u.first, u.last)}) < needed:
            continue
        for bead in term_beads:
            for run in TERM_RUN.findall(beads.zh_text[bead]):
                spans = [(start, start + len(option), unit) for unit in units for option in unit.translations
                         for start in _positions(run, option)]
                if len({i for s_, e_, u in spans if e_ - s_ > 1 for i in range(u.first, u.last)}) < needed:
                    continue  # one-character translations widen a stretch but do not found one
                start, end = _word_bounds(run, min(s for s, _e, _u in spans), max(e for _s, e, _u in spans))
                text = run[start:end]
                if text not in known and text not in found and len(text) <= 4 * len(term.words) and is_well_formed(text):
                    found[text] = _met_in_beads(text, beads, total_chars)
    return found


def _met_in_beads(text: str, beads: BeadTexts, total_chars: int) -> ZhCandidate:
    """A Chinese candidate the pairing found itself, counted and weighed as `zh_candidates`
    counts and weighs the segmenter's."""
    freq = beads.zh_count(text)
    return ZhCandidate(text, freq, zh_weirdness(text, freq, total_chars))


def _word_bounds(run: str, start: int, end: int) -> tuple[int, int]:
    """The stretch widened to whole words (jieba): 运行监测协调 → 运行监测协调局, 小企业 → 中小企业."""
    boundaries = [0]
    for word in word_tokenizer().cut(run, HMM=True):
        boundaries.append(boundaries[-1] + len(word))
    return max(b for b in boundaries if b <= start), min(b for b in boundaries if b >= end)


def _positions(text: str, part: str) -> list[int]:
    """Where `part` starts in `text`, overlapping occurrences included."""
    out, start = [], text.find(part)
    while start != -1:
        out.append(start)
        start = text.find(part, start + 1)
    return out


def _present(units: list[DictionaryUnit], text: str) -> list[DictionaryUnit]:
    """The units with only the translations that occur in `text` (the term's beads): the
    others cannot explain any rendering there."""
    kept = [DictionaryUnit(u.first, u.last, tuple(t for t in u.translations if t in text)) for u in units]
    return [u for u in kept if u.translations]


@dataclass(frozen=True, slots=True)
class Rendering:
    """A Chinese rendering of a term: the evidence for it, and the score made of it."""

    text: str
    score: float
    both: int  # beads with the term and the rendering
    term_beads: int
    cover: float  # both / term_beads: is the rendering there wherever the term is?
    found: float  # share of the term's content words the dictionary finds in the rendering
    explained: float  # share of the rendering's Han characters those translations explain
    llr: float
    dice: float
    supported: bool
    similarity: float | None = None  # cosine of the two phrases' embeddings, when compared
    head: bool = True  # does the dictionary find the term's head (its last word) in the rendering?

    @property
    def fit(self) -> float:
        """How well the dictionary relates term and rendering (0–2): words found + characters explained."""
        return self.found + self.explained

    def candidate(self) -> TranslationCandidate:
        evidence = (
            f"dice={self.dice:.2f} llr={self.llr:.1f} dict={0.5 * (self.found + self.explained):.2f} "
            f"beads={self.both}/{self.term_beads}"
        )
        if self.similarity is not None:
            evidence += f" sim={self.similarity:.2f}"
        return TranslationCandidate(self.text, round(self.score, 4), evidence)


def _evidence(
    term: TermToPair,
    term_beads: set[int],
    both: int,
    rendering_beads: int,
    total: int,
    name: str,
    candidate: ZhCandidate,
    units: list[DictionaryUnit],
    literals: set[str],
    person: bool,
    *,
    item: bool = False,
) -> Rendering:
    """Association through the beads, dictionary, literal strings, specificity and length, combined.

    The rendering must be present where the term is (`cover`, a factor, softened by a square
    root because a misaligned bead or a translator's ellipsis loses some); then the dictionary
    (how much of each side the other explains) weighs most, co-variation (`precision`: how
    many of the rendering's beads hold the term) next. Precision alone would prefer a rendering
    as rare as the term, but a core term (规模以上工业) is rarer in English than in Chinese when
    English words it several ways: the dictionary then decides.
    """
    n_term = len(term_beads)
    term_only = n_term - both
    rendering_only = rendering_beads - both
    dice = 2 * both / (n_term + rendering_beads)
    llr = log_likelihood(both, term_only, rendering_only, total - both - term_only - rendering_only)
    plain = name.replace("“", "").replace("”", "")
    if person and name_score(plain, term.surface) == 1.0:
        found, explained = 1.0, 1.0  # a romanised Chinese name: 田玉龙 for "Tian Yulong"
    else:
        found, explained = _dictionary(name, units, len(term.words))
    literal = 1.0 if not literals else sum(1 for lit in literals if lit in name) / len(literals)
    specific = min(1.0, max(0.0, candidate.weirdness) / 3.0)
    shape = _shape(plain, len(term.words))
    cover = both / n_term
    precision = both / rendering_beads
    dictionary = 0.5 * (found + explained)
    score = math.sqrt(cover) * (0.2 * precision + 0.55 * dictionary + 0.1 * specific + 0.15 * shape) * (0.25 + 0.75 * literal)
    if len(plain) == 1:
        score *= 0.5
    # One shared bead is thin evidence: without a literal string in common, a rendering must
    # recur with the term or the dictionary must explain a fair part of both.
    # A whole item of a Chinese enumeration (、电信网络诈骗等) that renders one of the term's
    # words is a name as the Chinese text delimits it.
    supported = both >= 2 or found + explained >= 1.0 or (bool(literals) and literal == 1.0) or (item and found > 0)
    last = len(term.words)
    head = last == 0 or any(u.last == last and any(t in name for t in u.translations) for u in units)
    return Rendering(name, score, both, n_term, cover, found, explained, llr, dice, supported, head=head)


# An item of an enumeration: between two enumeration commas, or between one and 等 ("and so on").
_ENUMERATION_ITEM = regex.compile(r"(?<=、)[^、，。；：！？（）《》\s等]{2,16}(?=、|等)")


def _shape(plain: str, words: int) -> float:
    """How usual the rendering's length is: official Chinese spends about 1.7 characters per
    English content word (新能源汽车 for "new energy vehicles" rather than 新能源)."""
    expected = 1.7 * max(1, words)
    return math.exp(-abs(len(plain) - expected) / expected)


def _core_first(scored: list[Rendering]) -> list[Rendering]:
    """Put first, over a best rendering, a shorter one inside it that is present in more of the
    term's beads, renders as many of its words and explains itself as well: the best was the
    core with its context (节能 over 节能监察 for "energy conservation", where 监察 is one context
    among several)."""
    if not scored:
        return scored
    best = scored[0]
    while True:
        cores = [
            e for e in scored
            if e.text in best.text and e.text != best.text and e.both > best.both
            and e.found >= best.found and e.explained >= best.explained
        ]
        if not cores:
            break
        best = max(cores, key=lambda e: (e.both, e.score))
    return [best] + [e for e in scored if e is not best]


def _complete_first(scored: list[Rendering]) -> list[Rendering]:
    """Put first, over a best rendering that leaves some of the term's words unrendered, one
    that renders more of them and explains itself as well, when it recurs with the term:
    规模以上工业企业 over 规模以上工业 for "industrial enterprises above the designated size", and
    信息通信业 over 行业 for "ICT industry", though translators shorten a term where the
    context allows (行业规模 for "the scale of the ICT industry"). Recurring means in two beads,
    or in one when the dictionary explains the whole rendering by the whole term."""
    if not scored:
        return scored
    best = scored[0]
    while True:
        fuller = [
            e for e in scored
            if e.found > best.found and e.explained >= best.explained and e.cover >= 1 / 3
            and (e.both >= 2 or e.term_beads == 1 or e.found + e.explained == 2.0)
        ]
        if not fuller:
            break
        best = max(fuller, key=lambda e: (e.found, e.score))
    return [best] + [e for e in scored if e is not best]


def _head_first(scored: list[Rendering]) -> list[Rendering]:
    """Put first, over a best rendering that lacks the term's head, the same rendering with the
    word after it, in the same beads: Chinese puts the head last, as English does, and a head
    the dictionary does not know is still there (工业绿色微电网 over 工业绿色 for "industrial green
    microgrids", 先进制造业集群 over 先进制造业 for "advanced manufacturing clusters")."""
    if not scored or scored[0].head or not scored[0].supported:
        return scored  # an unsupported best is already a head added to a supported one
    best = scored[0]
    longer = [
        e for e in scored
        if e.text.startswith(best.text) and 0 < _han_count(e.text) - _han_count(best.text) <= _HEAD_CHARACTERS
        and e.both == best.both and e.found >= best.found and e.text[len(best.text)] not in _NOT_A_HEAD
    ]
    if not longer:
        return scored
    chosen = min(longer, key=lambda e: (len(e.text), -e.score))
    return [chosen] + [e for e in scored if e is not chosen]


_HEAD_CHARACTERS = 4  # a Chinese head noun: 集群, 微电网, 数字化
_NOT_A_HEAD = frozenset("的和与及在是为对等将把被也都并而于从其之、，。；")


def _han_count(text: str) -> int:
    return sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff")


_TITLES = frozenset("comrade mr mr. mrs mrs. ms ms. dr dr. president premier vice-premier minister".split())


def _looks_like_name(surface: str) -> bool:
    """A romanised Chinese person's name, maybe after a title: two or three capitalised
    pinyin words ("Tian Yulong", "Comrade Xi Jinping"; not "State Council")."""
    words = surface.split()
    while words and words[0].lower() in _TITLES:
        words = words[1:]
    return 2 <= len(words) <= 3 and all(w[:1].isupper() and is_pinyin(w) for w in words)


def _dictionary(name: str, units: list[DictionaryUnit], word_count: int) -> tuple[float, float]:
    """(share of the term's content words that the dictionary finds in `name`, share of
    `name`'s Han characters those translations explain).

    Matches are linked competitively: each character is explained by one unit only (in
    规模以上工业, 业 belongs to 工业 for "industries" and cannot also stand for "enterprises" →
    业). Linking is greedy, longest match first, tried also with each match placed first; the
    linking that explains most wins. A one-character translation counts only as part of a
    compound, beside another match (制造 + 业 in 制造业): alone it is too easily found by chance
    (中 for "China" in 稳中有进).
    """
    if not units or word_count == 0:
        return 0.0, 0.0
    matches: list[tuple[int, int, DictionaryUnit]] = []  # (start, end, unit)
    for unit in units:
        for option in unit.translations:
            matches.extend((start, start + len(option), unit) for start in _positions(name, option))
    if not matches:
        return 0.0, 0.0
    matches.sort(key=lambda m: (-(m[1] - m[0]), -(m[2].last - m[2].first), m[0]))
    han = [i for i, ch in enumerate(name) if ("\u4e00" <= ch <= "\u9fff" and ch not in _PARTICLES) or (ch.isascii() and ch.isalnum())]
    best = (0.0, 0.0)
    for first in range(len(matches)):
        order = [matches[first], *matches[:first], *matches[first + 1 :]]
        found, explained = _link(name, order, word_count, han)
        if found + explained > sum(best):
            best = (found, explained)
    return best


_PARTICLES = frozenset("的之")  # grammar, not content: neither explained nor unexplained (党的二十大)


def _link(name: str, matches: list[tuple[int, int, DictionaryUnit]], word_count: int, han: list[int]) -> tuple[float, float]:
    owner: list[DictionaryUnit | None] = [None] * len(name)
    singles: list[tuple[int, DictionaryUnit]] = []
    for start, end, unit in matches:
        if any(owner[i] is not None for i in range(start, end)):
            continue
        if end - start == 1:
            singles.append((start, unit))
            continue
        for i in range(start, end):
            owner[i] = unit
    single_at = {position: unit for position, unit in singles}
    for position, unit in singles:  # beside a longer match or another single (节 + 能), across 的 (党的二十大)
        neighbours = []
        for step in (-1, 1):
            j = position + step
            while 0 <= j < len(name) and name[j] in _PARTICLES:
                j += step
            neighbours.append(j)
        beside = any(
            0 <= j < len(name) and (owner[j] is not None or (j in single_at and single_at[j] is not unit))
            for j in neighbours
        )
        if owner[position] is None and beside:
            owner[position] = unit
    found = [False] * word_count
    for unit in {id(u): u for u in owner if u is not None}.values():
        for i in range(unit.first, unit.last):
            found[i] = True
    explained = sum(1 for i in han if owner[i] is not None) / len(han) if han else 0.0
    return sum(found) / word_count, explained


def _distinct(scored: list[Rendering], keep: int) -> list[Rendering]:
    """The best `keep`, skipping near-copies that differ only in quotation marks."""
    chosen: list[Rendering] = []
    seen: set[str] = set()
    for candidate in scored:
        plain = candidate.text.replace("“", "").replace("”", "")
        if plain in seen:
            continue
        seen.add(plain)
        chosen.append(candidate)
        if len(chosen) == keep:
            break
    return chosen
