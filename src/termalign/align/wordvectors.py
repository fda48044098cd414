"""Sentence vectors for fast mode: weighted sums of word vectors, not sentence embeddings.

Embedding every sentence and every run of up to four sentences is what makes accurate mode
slow (about 45 sentences a second). The same multilingual encoder embeds a *word* in a
fraction of that time, and its word vectors are bilingual too (palace · 皇宫 0.70, tree · 树
0.93), so fast mode embeds each distinct word of the two documents once (cached on disk like
every embedding) and gives a sentence the sum of its words' vectors:

- words: the content-word lemmas of an English sentence (`text.english.content_words`), the
  CC-CEDICT words found in a Chinese one (the dictionary matches the aligner makes anyway);
- weights: smooth inverse frequency, a / (a + p(w)) with p(w) the word's share of the
  document's words (Arora et al. 2017), so frequent words weigh little;
- the vocabulary of both documents projected on its own first DIM principal components (the
  vectors of a 30,000-sentence document stay small), and each side's mean direction removed
  from its sentence vectors (what every sentence shares says nothing about where it goes);
- a run of sentences: the normalised sum of its sentences' vectors.

On mac-dev (`tools/bench/bench_align_macdev.py --fast`) these vectors are worth about three
points of strict F1 over the dictionary and lengths alone.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import numpy as np

from termalign.align.encoder import CachedEncoder
from termalign.progress import NO_PROGRESS, Progress

SIF_A = 1e-3
_CHUNK = 4096  # sentences summed at once
DIM = 128  # principal components kept (mac-dev fast F1: 0.861 with 128, 0.867 with all 512)


def document_word_vectors(
    src_words: Sequence[Sequence[str]],
    tgt_words: Sequence[Sequence[str]],
    encoder: CachedEncoder,
    progress: Progress = NO_PROGRESS,
) -> tuple[np.ndarray, np.ndarray]:
    """Sentence vectors (float32, not normalised) of both documents, from their words."""
    vocabulary = sorted({w for words in (*src_words, *tgt_words) for w in words})
    if not vocabulary:
        return np.zeros((len(src_words), 1), np.float32), np.zeros((len(tgt_words), 1), np.float32)
    table = _projected(encoder.encode(vocabulary, progress=progress))
    row_of = {word: k for k, word in enumerate(vocabulary)}
    return _sentence_sums(src_words, table, row_of), _sentence_sums(tgt_words, table, row_of)


def _projected(vectors: np.ndarray) -> np.ndarray:
    """The vocabulary's vectors on their first DIM principal components (centred first)."""
    vectors = vectors.astype(np.float32)
    centred = vectors - vectors.mean(axis=0)
    if len(vectors) <= DIM:
        return centred
    # eigenvectors of the covariance: cheaper than an SVD of a tall vocabulary matrix
    _values, eigenvectors = np.linalg.eigh(centred.T @ centred)
    return centred @ eigenvectors[:, ::-1][:, :DIM]


def _sentence_sums(sentences: Sequence[Sequence[str]], table: np.ndarray, row_of: dict[str, int]) -> np.ndarray:
    counts = Counter(w for words in sentences for w in words)
    total = sum(counts.values()) or 1
    sizes = np.fromiter((len(words) for words in sentences), dtype=np.int64, count=len(sentences))
    rows = np.fromiter((row_of[w] for words in sentences for w in words), dtype=np.int64, count=int(sizes.sum()))
    weights = np.zeros(len(row_of), np.float32)
    for word, count in counts.items():
        weights[row_of[word]] = SIF_A / (SIF_A + count / total)
    weighted = table * weights[:, None]
    sums = np.zeros((len(sentences), table.shape[1]), np.float32)
    bounds = np.concatenate([[0], np.cumsum(sizes)])
    for start in range(0, len(sentences), _CHUNK):  # bounded temporaries: words × DIM of a chunk
        stop = min(start + _CHUNK, len(sentences))
        a, b = int(bounds[start]), int(bounds[stop])
        filled = np.flatnonzero(sizes[start:stop])
        if len(filled):
            offsets = bounds[start:stop][filled] - a
            sums[start + filled] = np.add.reduceat(weighted[rows[a:b]], offsets, axis=0)
    # remove the direction every sentence of the side shares (norm kept: longer sentences weigh more in a run)
    norms = np.linalg.norm(sums, axis=1, keepdims=True)
    mean_direction = (sums / np.maximum(norms, 1e-9)).mean(axis=0)
    return sums - norms * mean_direction


def span_vectors(sentence_vectors: np.ndarray, k: int) -> dict[int, np.ndarray]:
    """Normalised sums of every run of 1 … k consecutive sentence vectors (float16)."""
    cum = np.concatenate([np.zeros((1, sentence_vectors.shape[1]), np.float32), np.cumsum(sentence_vectors, axis=0, dtype=np.float32)])
    spans = {}
    for size in range(1, k + 1):
        sums = cum[size:] - cum[:-size] if len(sentence_vectors) >= size else np.zeros((0, cum.shape[1]), np.float32)
        norms = np.linalg.norm(sums, axis=1, keepdims=True)
        spans[size] = np.where(norms > 1e-9, sums / np.maximum(norms, 1e-9), 0.0).astype(np.float16)
    return spans
