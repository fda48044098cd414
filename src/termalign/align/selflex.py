"""Word pairs learned from the document itself, after a first alignment pass.

A translation keeps its own vocabulary consistent: the same names (韦小宝 is "Trinket" all
through Minford's translation, where no dictionary or pinyin would say so), the same terms
(专精特新 "specialized and sophisticated"). Counting how often an English word and a
Chinese character bigram fall in the same bead of a first pass, and keeping the pairs whose
Dice coefficient is high, gives a small lexicon of exactly the document's own correspondences
(Hunalign builds its dictionary the same way; Moore 2002 too). The second pass uses it as
one more score term.

English words are the content words of `text.english` (lemmas, no stopwords); the Chinese
side uses character bigrams, which need no word segmentation and catch names.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from termalign.align.evidence import Items
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


@dataclass(slots=True)
class DocumentLexicon:
    """English word → the Chinese bigrams learned for it, with how strongly (0–1]."""

    pairs: dict[str, dict[str, float]]

    def __len__(self) -> int:
        return len(self.pairs)


def learn_lexicon(
    beads: Sequence[tuple[Sequence[int], Sequence[int]]],
    en_tokens: Sequence[frozenset[str]],
    zh_grams: Sequence[frozenset[str]],
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
    word_ids: dict[str, int] = {}
    gram_ids: dict[str, int] = {}
    pair_keys: list[np.ndarray] = []
    word_bead: list[int] = []
    gram_bead: list[int] = []
    for en_ids, zh_ids in usable:
        words = {word_ids.setdefault(w, len(word_ids)) for i in en_ids for w in en_tokens[i]}
        grams = {gram_ids.setdefault(g, len(gram_ids)) for i in zh_ids for g in zh_grams[i]}
        if not words or not grams:
            continue
        w_arr = np.fromiter(words, dtype=np.int64)
        g_arr = np.fromiter(grams, dtype=np.int64)
        word_bead.extend(words)
        gram_bead.extend(grams)
        pair_keys.append((w_arr[:, None] * (1 << 32) + g_arr[None, :]).ravel())
    if not pair_keys:
        return DocumentLexicon({})
    keys, together = np.unique(np.concatenate(pair_keys), return_counts=True)
    word_count = np.bincount(np.asarray(word_bead, dtype=np.int64), minlength=len(word_ids))
    gram_count = np.bincount(np.asarray(gram_bead, dtype=np.int64), minlength=len(gram_ids))
    w_of = keys >> 32
    g_of = keys & ((1 << 32) - 1)
    dice = 2.0 * together / (word_count[w_of] + gram_count[g_of])
    keep = (together >= min_count) & (dice >= min_dice)
    words_by_id = list(word_ids)
    grams_by_id = list(gram_ids)
    pairs: dict[str, dict[str, float]] = {}
    for w, g in zip(w_of[keep].tolist(), g_of[keep].tolist()):
        pairs.setdefault(words_by_id[w], {})[grams_by_id[g]] = 1.0
    return DocumentLexicon(pairs)


def lexicon_items(
    lexicon: DocumentLexicon, en_tokens: Sequence[frozenset[str]], zh_grams: Sequence[frozenset[str]]
) -> tuple[Items, Items, np.ndarray]:
    """Item sets for `evidence.pair_counts`: an English sentence holds its learned words, a
    Chinese sentence the learned words one of whose bigrams it contains (weighted by the
    strongest such link); plus the number of learned words per English sentence (the
    denominator of the share)."""
    word_id = {w: k for k, w in enumerate(lexicon.pairs)}
    by_gram: dict[str, list[tuple[int, float]]] = {}
    for word, grams in lexicon.pairs.items():
        for gram, strength in grams.items():
            by_gram.setdefault(gram, []).append((word_id[word], strength))
    en_items = [frozenset(word_id[w] for w in tokens if w in word_id) for tokens in en_tokens]
    zh_rows: list[dict[int, float]] = []
    for grams in zh_grams:
        found: dict[int, float] = {}
        for gram in grams:
            for wid, strength in by_gram.get(gram, ()):
                if strength > found.get(wid, 0.0):
                    found[wid] = strength
        zh_rows.append(found)
    units = np.array([len(items) for items in en_items], dtype=np.float64)
    return Items.from_lists(en_items), Items.weighted(zh_rows), units

