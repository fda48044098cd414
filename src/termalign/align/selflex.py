"""Word pairs learned from the document itself, after a first alignment pass.

A translation keeps its own vocabulary consistent: the same names (韦小宝 is "Trinket" all
through Minford's translation, where no dictionary or pinyin would say so), the same terms
(专精特新 "specialized and sophisticated"). Counting how often an English word and a
Chinese character bigram fall in the same bead of a first pass, and keeping the pairs whose
Dice coefficient is high, gives a small lexicon of exactly the document's own correspondences
(Hunalign builds its dictionary the same way; Moore 2002 too). The second pass uses it as
one more score term.

English words are the content words of `text.english` (lemmas, no stopwords); the Chinese
side uses character bigrams, which need no word segmentation and catch names. A side's tokens
are kept as small integers per sentence (`SideTokens`): a 40,000-sentence Chinese document
holds some two million bigrams, which as Python string sets would take more memory than every
other fact of the alignment.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from termalign.align.evidence import Items, SideTokens
from termalign.text.chinese import HAN_RUN
from termalign.text.english import content_words

MIN_COUNT = 2  # beads that must hold the pair
MIN_DICE = 0.4
MAX_BEADS = 4000  # a sample of the first pass is enough, and bounds the cost on huge inputs


def english_tokens(text: str) -> frozenset[str]:
    return frozenset(content_words(text))


def chinese_bigrams(text: str) -> frozenset[str]:
    grams: set[str] = set()
    for run in HAN_RUN.findall(text):
        grams.update(run[k : k + 2] for k in range(len(run) - 1))
    return frozenset(grams)


def side_tokens(texts: Sequence[str], english: bool) -> SideTokens:
    return SideTokens.of(english_tokens(t) if english else chinese_bigrams(t) for t in texts)


@dataclass(frozen=True, slots=True)
class DocumentLexicon:
    """The learned pairs (English word id, Chinese bigram id) of a document, strength (0–1] each;
    ids are those of the two sides' `SideTokens`."""

    words: np.ndarray  # int64, English token ids
    grams: np.ndarray  # int64, Chinese token ids
    strength: np.ndarray  # float64
    en_names: tuple[str, ...] = ()
    zh_names: tuple[str, ...] = ()

    def __len__(self) -> int:
        return len(np.unique(self.words))

    @property
    def pairs(self) -> dict[str, dict[str, float]]:
        """English word → the Chinese bigrams learned for it (for reading, not for scoring)."""
        out: dict[str, dict[str, float]] = {}
        for w, g, s in zip(self.words.tolist(), self.grams.tolist(), self.strength.tolist()):
            out.setdefault(self.en_names[w], {})[self.zh_names[g]] = s
        return out


def learn_lexicon(
    beads: Sequence[tuple[Sequence[int], Sequence[int]]],
    en: SideTokens,
    zh: SideTokens,
    *,
    min_count: int = MIN_COUNT,
    min_dice: float = MIN_DICE,
) -> DocumentLexicon:
    """Pairs (English word, Chinese bigram) that share beads often: Dice ≥ min_dice over at
    least min_count beads. `beads` hold (English sentence ids, Chinese sentence ids)."""
    usable = [(e, z) for e, z in beads if e and z]
    if len(usable) > MAX_BEADS:
        step = len(usable) / MAX_BEADS
        usable = [usable[int(k * step)] for k in range(MAX_BEADS)]
    width = max(len(zh.names), 1)
    pair_keys: list[np.ndarray] = []
    word_bead: list[np.ndarray] = []
    gram_bead: list[np.ndarray] = []
    for en_ids, zh_ids in usable:
        words = _bead_tokens(en.items, en_ids)
        grams = _bead_tokens(zh.items, zh_ids)
        if not len(words) or not len(grams):
            continue
        word_bead.append(words)
        gram_bead.append(grams)
        pair_keys.append((words[:, None] * width + grams[None, :]).ravel())
    if not pair_keys:
        return _empty(en, zh)
    keys, together = np.unique(np.concatenate(pair_keys), return_counts=True)
    word_count = np.bincount(np.concatenate(word_bead), minlength=len(en.names))
    gram_count = np.bincount(np.concatenate(gram_bead), minlength=len(zh.names))
    w_of, g_of = keys // width, keys % width
    dice = 2.0 * together / (word_count[w_of] + gram_count[g_of])
    keep = (together >= min_count) & (dice >= min_dice)
    return DocumentLexicon(w_of[keep], g_of[keep], np.ones(int(keep.sum())), en.names, zh.names)


def _bead_tokens(items: Items, sentences: Sequence[int]) -> np.ndarray:
    """The distinct token ids of a bead's sentences."""
    parts = [items.ids[items.indptr[i] : items.indptr[i + 1]] for i in sentences]
    return np.unique(np.concatenate(parts)) if parts else np.zeros(0, dtype=np.int64)


def _empty(en: SideTokens, zh: SideTokens) -> DocumentLexicon:
    nothing = np.zeros(0, dtype=np.int64)
    return DocumentLexicon(nothing, nothing, np.zeros(0), en.names, zh.names)


def lexicon_items(lexicon: DocumentLexicon, en: SideTokens, zh: SideTokens) -> tuple[Items, Items, np.ndarray]:
    """Item sets for `evidence.pair_counts`: an English sentence holds its learned words, a
    Chinese sentence the learned words one of whose bigrams it contains (weighted by the
    strongest such link); plus the number of learned words per English sentence (the
    denominator of the share). Item ids are the English token ids of the learned words."""
    learned = np.zeros(len(lexicon.en_names) + 1, dtype=bool)
    learned[lexicon.words] = True
    en_ids, en_owner = en.items.ids, en.items.owners()
    held = learned[en_ids]
    en_items = Items.from_pairs(en_owner[held], en_ids[held], len(en))
    units = np.bincount(en_owner[held], minlength=len(en)).astype(np.float64)
    # Chinese: each (sentence, bigram) entry expanded to the learned words of that bigram
    order = np.argsort(lexicon.grams, kind="stable")
    grams, words, strength = lexicon.grams[order], lexicon.words[order], lexicon.strength[order]
    zh_ids, zh_owner = zh.items.ids, zh.items.owners()
    first = np.searchsorted(grams, zh_ids, side="left")
    last = np.searchsorted(grams, zh_ids, side="right")
    sizes = last - first
    total = int(sizes.sum())
    if not total:
        return en_items, Items.empty(len(zh)), units
    within = np.arange(total) - np.repeat(np.cumsum(sizes) - sizes, sizes)
    hits = np.repeat(first, sizes) + within
    owner = np.repeat(zh_owner, sizes)
    width = len(lexicon.en_names) + 1
    keys = owner * width + words[hits]
    unique, inverse = np.unique(keys, return_inverse=True)
    best = np.zeros(len(unique))
    np.maximum.at(best, inverse, strength[hits])  # the strongest link of each (sentence, word)
    sentences = unique // width
    indptr = np.zeros(len(zh) + 1, dtype=np.int64)
    np.cumsum(np.bincount(sentences, minlength=len(zh)), out=indptr[1:])
    return en_items, Items(indptr, unique % width, best), units
