"""What the aligner knows about each sentence of one side, computed once per document.

Lengths, sentence-final punctuation, and "items" a sentence shares with its translation:
numbers (`text.numbers`: 887,000 = 88.7万), Latin strings (`text.english.latin_tokens`:
5G, C919), dictionary words (`text.dictionary`, CC-CEDICT), romanised names (陈清扬 =
Chen Qingyang) and, after a first pass, the document's own learned word pairs
(`align.selflex`). Items are small integers; `pair_counts` counts the items two sentences
share for the sentence pairs near the diagonal (an inverted index, so the cost follows the
band, not n × m).

Chinese text is scored in Simplified characters (`text.scripts.to_simplified`); the
document keeps its original text.
"""

from __future__ import annotations

import itertools
import re
from array import array
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
import regex
from pypinyin import Style, pinyin

from termalign.model import Lang
from termalign.text import dictionary
from termalign.text.chinese import HAN_RUN
from termalign.text.english import latin_tokens
from termalign.text.numbers import extract_numbers
from termalign.text.scripts import to_simplified


@dataclass(frozen=True, slots=True)
class Items:
    """Item ids per sentence, compressed: sentence k holds ids[indptr[k]:indptr[k+1]] (distinct)."""

    indptr: np.ndarray  # int64, len = sentences + 1
    ids: np.ndarray  # int64
    weights: np.ndarray | None = None  # float64 per id (None: every item weighs 1)

    @classmethod
    def from_lists(cls, lists: Sequence[Iterable[int]]) -> Items:
        rows = [list(items) for items in lists]
        sizes = np.fromiter((len(r) for r in rows), dtype=np.int64, count=len(rows))
        flat = np.fromiter(itertools.chain.from_iterable(rows), dtype=np.int64, count=int(sizes.sum()))
        return cls.from_pairs(np.repeat(np.arange(len(rows), dtype=np.int64), sizes), flat, len(rows))

    @classmethod
    def from_pairs(cls, sentences: np.ndarray, ids: np.ndarray, count: int) -> Items:
        """From parallel arrays of (sentence, id), duplicates dropped."""
        if len(ids):
            width = int(ids.max()) + 1
            keys = np.sort(sentences.astype(np.int64) * width + ids)
            keys = keys[np.concatenate([[True], keys[1:] != keys[:-1]])]  # sorted unique, cheaper than np.unique here
            sentences, ids = keys // width, keys % width
        indptr = np.zeros(count + 1, dtype=np.int64)
        np.cumsum(np.bincount(sentences, minlength=count)[:count], out=indptr[1:])
        return cls(indptr, ids.astype(np.int64))

    @classmethod
    def empty(cls, count: int) -> Items:
        return cls(np.zeros(count + 1, dtype=np.int64), np.zeros(0, dtype=np.int64))

    def __len__(self) -> int:
        return len(self.indptr) - 1

    def row(self, k: int) -> frozenset[int]:
        return frozenset(self.ids[self.indptr[k] : self.indptr[k + 1]].tolist())

    def sizes(self) -> np.ndarray:
        return np.diff(self.indptr)

    def owners(self) -> np.ndarray:
        """The sentence of each entry of `ids`."""
        return np.repeat(np.arange(len(self)), self.sizes())

    def slice(self, start: int, stop: int) -> Items:
        a, b = int(self.indptr[start]), int(self.indptr[stop])
        return Items(self.indptr[start : stop + 1] - a, self.ids[a:b], None if self.weights is None else self.weights[a:b])

    @classmethod
    def weighted(cls, rows: Sequence[dict[int, float]]) -> Items:
        """From one {id: weight} per sentence."""
        sizes = np.fromiter((len(r) for r in rows), dtype=np.int64, count=len(rows))
        ids = np.fromiter((k for r in rows for k in r), dtype=np.int64, count=int(sizes.sum()))
        weights = np.fromiter((v for r in rows for v in r.values()), dtype=np.float64, count=int(sizes.sum()))
        indptr = np.zeros(len(rows) + 1, dtype=np.int64)
        np.cumsum(sizes, out=indptr[1:])
        return cls(indptr, ids, weights)


@dataclass(frozen=True, slots=True)
class SideTokens:
    """The distinct tokens (words, bigrams) of each sentence of a side, as ids into `names`:
    compact where sets of strings per sentence would not be (align.selflex, align.wordvectors)."""

    items: Items
    names: tuple[str, ...]

    @classmethod
    def of(cls, token_sets: Iterable[frozenset[str]]) -> SideTokens:
        ids: dict[str, int] = {}
        flat, sizes = array("q"), array("q")  # machine integers: no Python int per token
        for tokens in token_sets:
            # in sorted order: a set's order changes with each process's string hashing, and the
            # ids (so the order of every sum over them) must not
            flat.extend(ids.setdefault(token, len(ids)) for token in sorted(tokens))
            sizes.append(len(tokens))
        indptr = np.zeros(len(sizes) + 1, dtype=np.int64)
        np.cumsum(np.frombuffer(sizes, dtype=np.int64), out=indptr[1:])
        return cls(Items(indptr, np.frombuffer(flat, dtype=np.int64).copy()), tuple(ids))

    def __len__(self) -> int:
        return len(self.items)

    def slice(self, start: int, stop: int) -> SideTokens:
        return SideTokens(self.items.slice(start, stop), self.names)


class Vocabulary:
    """Strings → small integers, shared by both sides of one alignment."""

    def __init__(self) -> None:
        self._ids: dict[str, int] = {}

    def id(self, item: str) -> int:
        found = self._ids.get(item)
        if found is None:
            found = self._ids[item] = len(self._ids)
        return found

    def ids(self, items: Iterable[str]) -> frozenset[int]:
        return frozenset(self.id(item) for item in items)

    def __len__(self) -> int:
        return len(self._ids)


@dataclass(slots=True)
class SideEvidence:
    """Per-sentence facts of one side; arrays are indexed by sentence position."""

    lang: Lang
    texts: list[str]  # as scored (Chinese in Simplified characters)
    lengths: np.ndarray  # characters without spaces (zh) / with spaces (en), at least 1
    ends_question: np.ndarray  # bool
    ends_exclamation: np.ndarray
    ends_quote: np.ndarray
    starts_quote: np.ndarray  # opens a quotation near its start: a new utterance begins
    numbers: Items | None = None
    strong_numbers: np.ndarray = field(default_factory=lambda: np.zeros(0))  # numbers that must be matched
    latin: Items | None = None
    names: Items | None = None
    words: Items | None = None  # dictionary units (en) / units found (zh)
    word_counts: np.ndarray = field(default_factory=lambda: np.zeros(0))  # dictionary units (en only)

    def __len__(self) -> int:
        return len(self.texts)

    def slice(self, start: int, stop: int) -> SideEvidence:
        def cut(value):
            if value is None:
                return None
            if isinstance(value, Items):
                return value.slice(start, stop)
            return value[start:stop]

        return SideEvidence(
            self.lang,
            cut(self.texts),
            cut(self.lengths),
            cut(self.ends_question),
            cut(self.ends_exclamation),
            cut(self.ends_quote),
            cut(self.starts_quote),
            cut(self.numbers),
            cut(self.strong_numbers),
            cut(self.latin),
            cut(self.names),
            cut(self.words),
            cut(self.word_counts),
        )


_TRAILING = regex.compile(r"[\s\"'”’」』）)\]】》]+$")
_CLOSING_QUOTE = regex.compile(r"[\"'”’」』]\s*$")


def scoring_text(text: str, lang: Lang) -> str:
    return to_simplified(text) if lang is Lang.ZH else text


def text_length(text: str, lang: Lang) -> int:
    """Characters that carry content: Chinese without spaces, English as written."""
    if lang is Lang.ZH:
        return max(1, len(text) - text.count(" ") - text.count("\u3000"))
    return max(1, len(text.strip()))


def _ends(text: str) -> tuple[bool, bool, bool]:
    core = _TRAILING.sub("", text)
    return core.endswith(("?", "？")), core.endswith(("!", "！")), bool(_CLOSING_QUOTE.search(text))


# English opens a quotation with the sentence ('Yes, sir!' he said); Chinese after a short lead-in
# (韦小宝道：“…”, 他说：「…」)
_OPENS_EN = regex.compile(r"^\s*[\"'“‘]")
_OPENS_ZH = regex.compile(r"^[^“「」”。！？]{0,12}[“「]")


def basic_evidence(texts: Sequence[str], lang: Lang) -> SideEvidence:
    """Lengths and punctuation only (what every mode needs)."""
    scored = [scoring_text(t, lang) for t in texts]
    ends = np.array([_ends(t) for t in scored], dtype=bool).reshape(len(scored), 3)
    opens = _OPENS_ZH if lang is Lang.ZH else _OPENS_EN
    return SideEvidence(
        lang,
        scored,
        np.array([text_length(t, lang) for t in scored], dtype=np.float64),
        ends[:, 0],
        ends[:, 1],
        ends[:, 2],
        np.array([bool(opens.search(t)) for t in scored], dtype=bool),
    )


@dataclass(frozen=True, slots=True)
class SentenceFacts:
    """What the text/ modules say about one sentence, as plain values (cheap to pickle)."""

    numbers: tuple[str, ...]
    strong_numbers: int
    latin: tuple[str, ...]
    names: tuple[str, ...]
    units: tuple[int, ...]  # English: its dictionary units, as keys of `FactSet.units`
    words: tuple[int, ...]  # Chinese: the dictionary words it holds (positions in `dictionary.chinese_word_list()`)


@dataclass(slots=True)
class FactSet:
    """The facts of a document's sentences, and the dictionary units they refer to by key
    (each unit — the Chinese translations of one English word or phrase — stored once)."""

    facts: list[SentenceFacts]
    units: dict[int, tuple[str, ...]]


@dataclass(frozen=True, slots=True)
class UnitMap:
    """Chinese dictionary word (its position in `dictionary.chinese_word_list()`) → ids of the
    English units it translates: units[indptr[w] : indptr[w + 1]]."""

    indptr: np.ndarray  # int64, len = dictionary words + 1
    units: np.ndarray  # int64


@dataclass(frozen=True, slots=True)
class DocumentTexts:
    """One document's sentences for `documents_facts`: as written (numbers and Latin strings are
    read there) and as scored (Chinese dictionary words are looked up in Simplified characters)."""

    texts: Sequence[str]
    lang: Lang
    scored: Sequence[str] | None = None  # None: derived with `scoring_text`


def sentence_facts(
    text: str,
    lang: Lang,
    names: bool,
    words: bool,
    unit_table: dict[int, tuple[str, ...]] | None = None,
    scored: str | None = None,
) -> SentenceFacts:
    """The facts of one sentence; English dictionary units are added to `unit_table`."""
    mentions = extract_numbers(text, lang.value)
    keys = tuple(repr(m.key) for m in mentions)
    strong = sum(1 for m in mentions if not m.weak)
    latin = tuple(t.key for t in latin_tokens(text)) if _MAY_HOLD_LATIN.search(text) else ()
    name_keys: tuple[str, ...] = ()
    if names:
        name_keys = tuple(pinyin_keys(text) if lang is Lang.ZH else romanised_keys(text))
    units: tuple[int, ...] = ()
    found_words: tuple[int, ...] = ()
    if words:
        if lang is Lang.EN:
            found_units = dictionary.english_unit_translations(text)
            units = tuple(hash(unit) for unit in found_units)
            if unit_table is not None:
                for key, unit in zip(units, found_units):
                    unit_table.setdefault(key, unit)
        elif lang is Lang.ZH:
            positions = dictionary.chinese_word_positions()
            simplified = scoring_text(text, lang) if scored is None else scored
            found_words = tuple(map(positions.__getitem__, dictionary.chinese_words_in(simplified)))
    return SentenceFacts(keys, strong, latin, name_keys, units, found_words)


# latin_tokens keys the tokens that hold a letter and a digit, or a capital after a letter or
# digit (5G, C919, GDP, IoT; full-width forms too, ５Ｇ, ＥＣＭＯ): a sentence without such a pair
# has none, and a bare number is no key. A token's closest letter–digit pair has only hyphens
# between them, so the guard needs no backtracking (the stdlib `re` runs it fastest).
_LETTER, _DIGIT, _UPPER, _HYPHENS = "A-Za-zＡ-Ｚａ-ｚ", "0-9０-９", "A-ZＡ-Ｚ", "\\-－"
_MAY_HOLD_LATIN = re.compile(f"[{_LETTER}][{_HYPHENS}]*[{_DIGIT}]|[{_DIGIT}][{_HYPHENS}]*[{_LETTER}]|[{_LETTER}{_DIGIT}][{_UPPER}]")

MAX_POSTINGS = 400  # an item in more sentences than this is too common to place a sentence
PARALLEL_FROM = 6000  # sentences in all: below this, worker processes cost more than they save


def all_facts(texts: Sequence[str], lang: Lang, *, names: bool, words: bool, scored: Sequence[str] | None = None) -> FactSet:
    """`sentence_facts` of every sentence of one document (see `documents_facts`)."""
    return documents_facts([DocumentTexts(texts, lang, scored)], names=names, words=words)[0]


def documents_facts(documents: Sequence[DocumentTexts], *, names: bool, words: bool) -> list[FactSet]:
    """`sentence_facts` of every sentence of each document. Long inputs are split over the
    machine's cores, both documents' parts in one pool (the Chinese facts do not depend on the
    English ones): forked workers inherit the loaded dictionary, and a unit's key is its
    hash, the same in every forked worker."""
    import os

    jobs = [(d.texts, d.lang, d.scored) for d in documents]
    cores = min(os.cpu_count() or 1, 4)
    total = sum(len(texts) for texts, _lang, _scored in jobs)
    if total < PARALLEL_FROM or cores < 2 or not _can_fork():
        return [_merge([_facts_of_part(texts, lang, names, words, scored)]) for texts, lang, scored in jobs]
    import multiprocessing

    if words:  # load the lexicon and its automaton once, before the fork
        for lang in {d.lang for d in documents}:
            sentence_facts("warm 预热", lang, names=False, words=True)
    size = -(-total // (cores * 4))
    parts = [
        (number, texts[k : k + size], lang, scored[k : k + size] if scored is not None else None)
        for number, (texts, lang, scored) in enumerate(jobs)
        for k in range(0, len(texts), size)
    ]
    with multiprocessing.get_context("fork").Pool(cores) as pool:
        results = pool.starmap(_facts_of_part, [(list(texts), lang, names, words, scored) for _n, texts, lang, scored in parts])
    return [_merge([r for (n, *_rest), r in zip(parts, results) if n == number]) for number in range(len(jobs))]


def _facts_of_part(
    texts: Sequence[str], lang: Lang, names: bool, words: bool, scored: Sequence[str] | None
) -> tuple[list[SentenceFacts], dict[int, tuple[str, ...]]]:
    table: dict[int, tuple[str, ...]] = {}
    if scored is None:
        return [sentence_facts(t, lang, names, words, table) for t in texts], table
    return [sentence_facts(t, lang, names, words, table, s) for t, s in zip(texts, scored, strict=True)], table


def _merge(results: Sequence[tuple[list[SentenceFacts], dict[int, tuple[str, ...]]]]) -> FactSet:
    merged: dict[int, tuple[str, ...]] = {}
    for _facts, table in results:
        merged.update(table)
    return FactSet([facts for part, _table in results for facts in part], merged)


def _can_fork() -> bool:
    import multiprocessing
    import threading

    # forking a process that runs other threads can deadlock; only fork from a single thread
    return "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1


def add_items(side: SideEvidence, facts: Sequence[SentenceFacts] | FactSet, vocab: Vocabulary) -> None:
    """Numbers, Latin strings and romanised names, as item ids."""
    if isinstance(facts, FactSet):
        facts = facts.facts
    side.numbers = Items.from_lists([[vocab.id("#" + k) for k in f.numbers] for f in facts])
    side.strong_numbers = np.array([f.strong_numbers for f in facts], dtype=np.float64)
    side.latin = Items.from_lists([[vocab.id("L" + k) for k in f.latin] for f in facts])
    side.names = Items.from_lists([[vocab.id("P" + k) for k in f.names] for f in facts])


def english_unit_ids(en: SideEvidence, en_facts: FactSet) -> UnitMap:
    """Give each English dictionary unit an id (stored as the side's `words`), and return
    the map from each Chinese translation to the units it translates."""
    # units found in very many sentences ("be", "say") tell nothing about where a sentence goes
    # (pair_counts ignores them too): left out, so the Chinese side does not collect them
    frequency: dict[int, int] = {}
    for f in en_facts.facts:
        for u in set(f.units):
            frequency[u] = frequency.get(u, 0) + 1
    unit_ids: dict[int, int] = {}
    kept = [[unit_ids.setdefault(u, len(unit_ids)) for u in f.units if frequency[u] <= MAX_POSTINGS] for f in en_facts.facts]
    en.words = Items.from_lists(kept)
    en.word_counts = np.array([len(k) for k in kept], dtype=np.float64)
    positions = dictionary.chinese_word_positions()
    word_of: list[int] = []
    unit_of: list[int] = []
    for key, uid in unit_ids.items():
        for word in en_facts.units[key]:
            word_of.append(positions[word])
            unit_of.append(uid)
    words, units = np.array(word_of, dtype=np.int64), np.array(unit_of, dtype=np.int64)
    order = np.argsort(words, kind="stable")
    indptr = np.zeros(len(positions) + 1, dtype=np.int64)
    np.cumsum(np.bincount(words, minlength=len(positions)), out=indptr[1:])
    return UnitMap(indptr, units[order])


_EXPAND_ROWS = 4096  # Chinese sentences expanded at once: bounds the temporary (sentence, unit) arrays


def chinese_unit_ids(zh: SideEvidence, zh_facts: FactSet, unit_map: UnitMap) -> None:
    """The English units each Chinese sentence holds a translation of (the side's `words`)."""
    count = len(zh_facts.facts)
    sizes = np.fromiter((len(f.words) for f in zh_facts.facts), dtype=np.int64, count=count)
    flat = np.fromiter(itertools.chain.from_iterable(f.words for f in zh_facts.facts), dtype=np.int64, count=int(sizes.sum()))
    bounds = np.concatenate([[0], np.cumsum(sizes)])
    indptr = np.zeros(count + 1, dtype=np.int64)
    ids_parts = []
    for start in range(0, count, _EXPAND_ROWS):
        stop = min(start + _EXPAND_ROWS, count)
        a, b = int(bounds[start]), int(bounds[stop])
        owners = np.repeat(np.arange(stop - start, dtype=np.int64), sizes[start:stop])
        units, unit_owner = _expand(unit_map, flat[a:b])
        part = Items.from_pairs(owners[unit_owner], units, stop - start)
        indptr[start + 1 : stop + 1] = part.indptr[1:] + indptr[start]
        ids_parts.append(part.ids)
    zh.words = Items(indptr, np.concatenate(ids_parts) if ids_parts else np.zeros(0, dtype=np.int64))
    zh.word_counts = np.zeros(count)


def _expand(unit_map: UnitMap, words: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The units of each word (concatenated), and for each the index of its word in `words`."""
    first = unit_map.indptr[words]
    counts = unit_map.indptr[words + 1] - first
    total = int(counts.sum())
    which = np.repeat(np.arange(len(words)), counts)
    within = np.arange(total) - np.repeat(np.cumsum(counts) - counts, counts)
    return unit_map.units[np.repeat(first, counts) + within], which


# ---------------------------------------------------------------------------------------------
# Names written in pinyin. text.names matches a *given* Chinese name with an English one; the
# aligner has no list of names, so it compares every 2–3 character run of Han characters, read
# with all its heteronym readings, with the capitalised words of the English sentence
# ("Chen Qingyang" → chenqingyang, "Bao-yu" → baoyu). (Reported to the lead: a sentence scan
# like this belongs beside text.names.)

_CAPITALISED = regex.compile(r"\b[A-Z][a-z]+(?:-[A-Za-z][a-z]*)?\b")
_MIN_KEY = 4  # at least two syllables' worth of letters: "Li" alone would match too much


@lru_cache(maxsize=1 << 14)
def _readings(ch: str) -> tuple[str, ...]:
    found = pinyin(ch, style=Style.NORMAL, heteronym=True, errors="ignore")
    if not found:
        return ()
    return tuple(dict.fromkeys(r.replace("ü", "v") for r in found[0]))[:4]


def pinyin_keys(text: str) -> set[str]:
    """Every reading of every run of 2–3 Han characters, letters only: 陈清扬 → chenqingyang, …"""
    keys: set[str] = set()
    for run in HAN_RUN.findall(text):
        readings = [_readings(ch) for ch in run]
        for size in (2, 3):
            for start in range(len(run) - size + 1):
                for combo in itertools.product(*readings[start : start + size]):
                    key = "".join(combo)
                    if len(key) >= _MIN_KEY:
                        keys.add(key)
    return keys


def romanised_keys(text: str) -> set[str]:
    """Capitalised words of at least four letters and adjacent pairs of capitalised words, lower
    case without hyphens: "Chen Qingyang" → chen, qingyang, chenqingyang; "Bao-yu" → baoyu."""
    words = [(m.group(), m.start(), m.end()) for m in _CAPITALISED.finditer(text)]
    keys: set[str] = set()
    for k, (word, _start, end) in enumerate(words):
        key = word.lower().replace("-", "")
        if len(key) >= _MIN_KEY:
            keys.add(key)
        if k + 1 < len(words) and words[k + 1][1] == end + 1:
            keys.add(key + words[k + 1][0].lower().replace("-", ""))
    return keys


# ---------------------------------------------------------------------------------------------
# Shared items between sentence pairs near the diagonal


@dataclass(slots=True)
class PairCounts:
    """Shared-item counts for sentence pairs (s, t): a sparse list sorted by s."""

    src: np.ndarray  # int64
    tgt: np.ndarray
    count: np.ndarray  # float64

    @classmethod
    def empty(cls) -> PairCounts:
        z = np.zeros(0, dtype=np.int64)
        return cls(z, z, np.zeros(0))


def pair_counts(
    src_items: Items,
    tgt_items: Items,
    window: Callable[[np.ndarray], tuple[np.ndarray, np.ndarray]],
    *,
    max_postings: int = MAX_POSTINGS,
) -> PairCounts:
    """Count, for every sentence pair (s, t) with t inside `window(s)` = (lo, hi), the items
    both hold. Items found in more than `max_postings` sentences of a side are ignored (they
    say nothing about where a sentence goes and would cost quadratic time).

    All in numpy: the target postings sorted by (item, sentence); each source posting finds
    the run of target postings of its item inside its window with two binary searches."""
    if not len(src_items.ids) or not len(tgt_items.ids):
        return PairCounts.empty()
    top = int(max(src_items.ids.max(), tgt_items.ids.max())) + 1
    frequent = (np.bincount(src_items.ids, minlength=top) > max_postings) | (np.bincount(tgt_items.ids, minlength=top) > max_postings)
    s_owner, s_item = src_items.owners(), src_items.ids
    s_weight = src_items.weights
    keep = ~frequent[s_item]
    s_owner, s_item = s_owner[keep], s_item[keep]
    s_weight = None if s_weight is None else s_weight[keep]
    t_owner, t_item = tgt_items.owners(), tgt_items.ids
    t_weight = tgt_items.weights
    keep = ~frequent[t_item]
    t_owner, t_item = t_owner[keep], t_item[keep]
    t_weight = None if t_weight is None else t_weight[keep]
    if not len(s_item) or not len(t_item):
        return PairCounts.empty()
    span = len(tgt_items) + 1
    order = np.argsort(t_item * span + t_owner, kind="stable")
    t_keys = (t_item * span + t_owner)[order]
    t_weight = None if t_weight is None else t_weight[order]
    lo, hi = window(s_owner)
    m = len(tgt_items)
    lo = np.clip(lo, 0, m)
    hi = np.clip(hi, lo, m)  # keys stay inside their item's range: item * span + [0, m]
    first = np.searchsorted(t_keys, s_item * span + lo, side="left")
    last = np.searchsorted(t_keys, s_item * span + hi, side="left")
    sizes = last - first
    total = int(sizes.sum())
    if not total:
        return PairCounts.empty()
    rows = np.repeat(s_owner, sizes)
    within = np.arange(total) - np.repeat(np.cumsum(sizes) - sizes, sizes)
    hits = np.repeat(first, sizes) + within
    cols = t_keys[hits] % span
    if s_weight is None and t_weight is None:
        keys, counts = np.unique(rows * span + cols, return_counts=True)
        return PairCounts(keys // span, keys % span, counts.astype(np.float64))
    weight = np.ones(total)
    if s_weight is not None:
        weight = weight * np.repeat(s_weight, sizes)
    if t_weight is not None:
        weight = weight * t_weight[hits]
    keys, inverse = np.unique(rows * span + cols, return_inverse=True)
    return PairCounts(keys // span, keys % span, np.bincount(inverse, weights=weight, minlength=len(keys)))
