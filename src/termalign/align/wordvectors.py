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

import numpy as np

from termalign.align.encoder import CachedEncoder
from termalign.align.evidence import SideTokens
from termalign.progress import NO_PROGRESS, Progress

SIF_A = 1e-3
_CHUNK = 1024  # sentences (or vocabulary rows) handled at once: bounded temporaries
DIM = 128  # principal components kept (mac-dev fast F1: 0.861 with 128, 0.867 with all 512)


def document_word_vectors(
    src: SideTokens, tgt: SideTokens, encoder: CachedEncoder, progress: Progress = NO_PROGRESS
) -> tuple[np.ndarray, np.ndarray]:
    """Sentence vectors (float32, not normalised) of both documents, from their words."""
    src_used, tgt_used = np.unique(src.items.ids), np.unique(tgt.items.ids)
    vocabulary = sorted({src.names[i] for i in src_used.tolist()} | {tgt.names[i] for i in tgt_used.tolist()})
    if not vocabulary:
        return np.zeros((len(src), 1), np.float32), np.zeros((len(tgt), 1), np.float32)
    table = _projected(encoder.encode(vocabulary, progress=progress, dtype=np.float16))
    row_of = {word: k for k, word in enumerate(vocabulary)}
    return _sentence_sums(src, src_used, table, row_of), _sentence_sums(tgt, tgt_used, table, row_of)


def _projected(vectors: np.ndarray) -> np.ndarray:
    """The vocabulary's vectors (float16 rows) on their first DIM principal components, centred;
    in pieces, so no float32 copy of the whole table is ever made."""
    mean = np.zeros(vectors.shape[1])
    for start in range(0, len(vectors), _CHUNK):
        mean += vectors[start : start + _CHUNK].astype(np.float64).sum(axis=0)
    mean /= len(vectors)
    if len(vectors) <= DIM:
        return (vectors.astype(np.float32) - mean).astype(np.float32)
    # eigenvectors of the covariance: cheaper than an SVD of a tall vocabulary matrix
    scatter = np.zeros((vectors.shape[1], vectors.shape[1]))
    for start in range(0, len(vectors), _CHUNK):
        piece = vectors[start : start + _CHUNK].astype(np.float64) - mean
        scatter += piece.T @ piece
    _values, eigenvectors = np.linalg.eigh(scatter)
    components = eigenvectors[:, ::-1][:, :DIM].astype(np.float32)
    out = np.empty((len(vectors), DIM), np.float32)
    for start in range(0, len(vectors), _CHUNK):
        out[start : start + _CHUNK] = (vectors[start : start + _CHUNK].astype(np.float32) - mean.astype(np.float32)) @ components
    return out


def _sentence_sums(tokens: SideTokens, used: np.ndarray, table: np.ndarray, row_of: dict[str, int]) -> np.ndarray:
    """Each sentence's SIF-weighted sum of its words' rows of `table`, each side's mean direction removed."""
    items = tokens.items
    # the side's own table: a row per token id it uses, weighted by the token's frequency there
    local = np.zeros(len(tokens.names) + 1, dtype=np.int64)  # token id → row of `weighted`
    local[used] = np.arange(len(used))
    counts = np.bincount(items.ids, minlength=len(tokens.names) + 1)[used].astype(np.float64)
    weights = SIF_A / (SIF_A + counts / max(len(items.ids), 1))
    weighted = table[[row_of[tokens.names[i]] for i in used.tolist()]] * weights[:, None].astype(np.float32)
    rows = local[items.ids]
    sizes = items.sizes()
    sums = np.zeros((len(tokens), table.shape[1]), np.float32)
    for start in range(0, len(tokens), _CHUNK):  # bounded temporaries: words × DIM of a chunk
        stop = min(start + _CHUNK, len(tokens))
        a, b = int(items.indptr[start]), int(items.indptr[stop])
        filled = np.flatnonzero(sizes[start:stop])
        if len(filled):
            offsets = items.indptr[start:stop][filled] - a
            sums[start + filled] = np.add.reduceat(weighted[rows[a:b]], offsets, axis=0)
    # remove the direction every sentence of the side shares (norm kept: longer sentences weigh more in a run)
    norms = np.linalg.norm(sums, axis=1, keepdims=True)
    mean_direction = (sums / np.maximum(norms, 1e-9)).mean(axis=0)
    sums -= norms * mean_direction
    return sums


def span_vectors(sentence_vectors: np.ndarray, k: int) -> dict[int, np.ndarray]:
    """Normalised sums of every run of 1 … k consecutive sentence vectors (float16), made a
    piece at a time (a float32 table of every run would be the largest array of a long pair)."""
    n, dim = sentence_vectors.shape
    spans = {}
    for size in range(1, k + 1):
        count = max(n - size + 1, 0)
        out = np.zeros((count, dim), np.float16)
        for start in range(0, count, _CHUNK):
            stop = min(start + _CHUNK, count)
            window = sentence_vectors[start : stop + size - 1]
            cum = np.concatenate([np.zeros((1, dim), np.float32), np.cumsum(window, axis=0, dtype=np.float32)])
            sums = cum[size:] - cum[:-size]
            norms = np.linalg.norm(sums, axis=1, keepdims=True)
            out[start:stop] = np.where(norms > 1e-9, sums / np.maximum(norms, 1e-9), 0.0)
        spans[size] = out
    return spans
