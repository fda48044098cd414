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
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
import regex
from pypinyin import Style, pinyin

from termalign.model import Lang
from termalign.text import dictionary
from termalign.text.english import latin_tokens
from termalign.text.numbers import extract_numbers
from termalign.text.scripts import to_simplified

ItemSets = list[frozenset[int]]


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
    numbers: ItemSets = field(default_factory=list)
    strong_numbers: np.ndarray = field(default_factory=lambda: np.zeros(0))  # numbers that must be matched
    latin: ItemSets = field(default_factory=list)
    names: ItemSets = field(default_factory=list)
    words: ItemSets = field(default_factory=list)  # dictionary units (en) / units found (zh)
    word_counts: np.ndarray = field(default_factory=lambda: np.zeros(0))  # dictionary units (en only)

    def __len__(self) -> int:
        return len(self.texts)

    def slice(self, start: int, stop: int) -> SideEvidence:
        def cut(value):  # noqa: ANN001 - lists and arrays alike
            return value[start:stop]

        return SideEvidence(
            self.lang,
            cut(self.texts),
            cut(self.lengths),
            cut(self.ends_question),
            cut(self.ends_exclamation),
            cut(self.ends_quote),
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


def basic_evidence(texts: Sequence[str], lang: Lang) -> SideEvidence:
    """Lengths and punctuation only (what every mode needs)."""
    scored = [scoring_text(t, lang) for t in texts]
    ends = np.array([_ends(t) for t in scored], dtype=bool).reshape(len(scored), 3)
    return SideEvidence(
        lang,
        scored,
        np.array([text_length(t, lang) for t in scored], dtype=np.float64),
        ends[:, 0],
        ends[:, 1],
        ends[:, 2],
    )


def add_items(side: SideEvidence, vocab: Vocabulary, *, names: bool = True) -> None:
    """Numbers, Latin strings and (unless names=False) romanised names, as item ids."""
    side.numbers = []
    strong = []
    for text in side.texts:
        mentions = extract_numbers(text, side.lang.value)
        side.numbers.append(vocab.ids("#" + repr(m.key) for m in mentions))
        strong.append(sum(1 for m in mentions if not m.weak))
    side.strong_numbers = np.array(strong, dtype=np.float64)
    side.latin = [vocab.ids("L" + t.key for t in latin_tokens(text)) for text in side.texts]
    if names:
        keys = pinyin_keys if side.lang is Lang.ZH else romanised_keys
        side.names = [vocab.ids("P" + k for k in keys(text)) for text in side.texts]
    else:
        side.names = [frozenset()] * len(side.texts)


def add_dictionary(en: SideEvidence, zh: SideEvidence) -> None:
    """Dictionary units: each English unit (a content word or multiword key the lexicon knows)
    gets an id; a Chinese sentence holds the ids of the units whose translation it contains."""
    unit_ids: dict[tuple[str, ...], int] = {}
    en_items: ItemSets = []
    counts = []
    for text in en.texts:
        units = english_units(text)
        ids = frozenset(unit_ids.setdefault(u, len(unit_ids)) for u in units)
        en_items.append(ids)
        counts.append(len(units))
    by_word: dict[str, list[int]] = {}
    for unit, uid in unit_ids.items():
        for word in unit:
            by_word.setdefault(word, []).append(uid)
    zh_items: ItemSets = []
    for text in zh.texts:
        found: set[int] = set()
        for word in chinese_words(text):
            found.update(by_word.get(word, ()))
        zh_items.append(frozenset(found))
    en.words, zh.words = en_items, zh_items
    en.word_counts = np.array(counts, dtype=np.float64)
    zh.word_counts = np.zeros(len(zh.texts))


# ---------------------------------------------------------------------------------------------
# Adapters to text/ knowledge the aligner needs per sentence rather than per sentence pair.
# text.dictionary exposes `lexical_match(en, zh)` for a pair; the aligner compares each sentence
# with dozens of candidates, so it reads the per-side analyses that function caches.
# (Reported to the lead: text.dictionary could expose these two publicly.)


def english_units(text: str) -> tuple[tuple[str, ...], ...]:
    """The Chinese translations of each dictionary unit of an English sentence."""
    return dictionary._english_side(text)[0]  # noqa: SLF001 - see the note above


def chinese_words(text: str) -> frozenset[str]:
    """The dictionary's Chinese words found in a (Simplified) Chinese sentence."""
    return dictionary._chinese_side(text)[1]  # noqa: SLF001


# ---------------------------------------------------------------------------------------------
# Names written in pinyin. text.names matches a *given* Chinese name with an English one; the
# aligner has no list of names, so it compares every 2–3 character run of Han characters, read
# with all its heteronym readings, with the capitalised words of the English sentence
# ("Chen Qingyang" → chenqingyang, "Bao-yu" → baoyu). (Reported to the lead: a sentence scan
# like this belongs beside text.names.)

_HAN_RUN = regex.compile(r"\p{Han}+")
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
    for run in _HAN_RUN.findall(text):
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
    src_items: ItemSets,
    tgt_items: ItemSets,
    window: Callable[[np.ndarray], tuple[np.ndarray, np.ndarray]],
    *,
    max_postings: int = 2000,
) -> PairCounts:
    """Count, for every sentence pair (s, t) with t inside `window(s)` = (lo, hi), the items
    both hold. Items found in more than `max_postings` sentences of a side are ignored (they
    say nothing about where a sentence goes and would cost quadratic time)."""
    postings_src: dict[int, list[int]] = {}
    for s, items in enumerate(src_items):
        for item in items:
            postings_src.setdefault(item, []).append(s)
    postings_tgt: dict[int, list[int]] = {}
    for t, items in enumerate(tgt_items):
        for item in items:
            postings_tgt.setdefault(item, []).append(t)
    chunks_s: list[np.ndarray] = []
    chunks_t: list[np.ndarray] = []
    for item, ss in postings_src.items():
        ts = postings_tgt.get(item)
        if not ts or len(ss) > max_postings or len(ts) > max_postings:
            continue
        s_arr = np.asarray(ss, dtype=np.int64)
        t_arr = np.asarray(ts, dtype=np.int64)
        lo, hi = window(s_arr)
        first = np.searchsorted(t_arr, lo, side="left")
        last = np.searchsorted(t_arr, hi, side="left")
        sizes = last - first
        total = int(sizes.sum())
        if not total:
            continue
        rows = np.repeat(s_arr, sizes)
        offsets = np.arange(total) - np.repeat(np.cumsum(sizes) - sizes, sizes)
        cols = t_arr[np.repeat(first, sizes) + offsets]
        chunks_s.append(rows)
        chunks_t.append(cols)
    if not chunks_s:
        return PairCounts.empty()
    rows = np.concatenate(chunks_s)
    cols = np.concatenate(chunks_t)
    width = int(cols.max()) + 1
    keys, counts = np.unique(rows * width + cols, return_counts=True)
    return PairCounts(keys // width, keys % width, counts.astype(np.float64))
