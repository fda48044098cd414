"""Fast mode's sentence vectors made of word vectors (align.wordvectors), on mac-dev text."""

from __future__ import annotations

import numpy as np
import pytest

from termalign.align.aligner import AlignOptions, prepare_pair
from termalign.align.encoder import CachedEncoder, EmbeddingCache, UseEncoder
from termalign.align.evidence import SideTokens
from termalign.align.wordvectors import DIM, document_word_vectors, span_vectors
from termalign.formats.beads import read_beads
from termalign.readers import parse_text


@pytest.fixture(scope="module")
def encoder(tmp_path_factory) -> CachedEncoder:
    model = UseEncoder()
    return CachedEncoder(model, EmbeddingCache(model.name, tmp_path_factory.mktemp("embeddings")))


def test_a_translation_is_the_nearest_of_its_neighbours(mac_dev, encoder) -> None:
    # the first 120 Chinese sentences of The Golden Age and their English, as fast mode reads them
    zh_lines = (mac_dev / "zh" / "001.zh").read_text(encoding="utf-8").splitlines()[:120]
    en_lines = (mac_dev / "en" / "001.en").read_text(encoding="utf-8").splitlines()[:130]
    zh = parse_text("\n".join(zh_lines) + "\n", "001.zh", lang="zh", kind="presplit")
    en = parse_text("\n".join(en_lines) + "\n", "001.en", lang="en", kind="presplit")
    prepared = prepare_pair(zh, en, AlignOptions(fast=True), encoder=encoder)
    src, tgt = prepared.src_side.vectors[1].astype(np.float32), prepared.tgt_side.vectors[1].astype(np.float32)
    assert src.shape[1] == tgt.shape[1] == DIM
    ones = [b for b in read_beads(mac_dev / "gold" / "001.align") if len(b.src) == len(b.tgt) == 1 and b.src[0] < 120 and b.tgt[0] < 130]
    nearest = 0
    for bead in ones:
        i, j = bead.src[0], bead.tgt[0]
        window = range(max(j - 5, 0), min(j + 6, len(tgt)))
        nearest += max(window, key=lambda c: float(src[i] @ tgt[c])) == j
    # by chance about 1 in 11; the dictionary-free word vectors alone find most translations
    assert nearest / len(ones) > 0.6


def test_sentences_without_words_and_runs(encoder) -> None:
    src_words = SideTokens.of([frozenset({"palace", "emperor"}), frozenset(), frozenset({"tree"})])
    tgt_words = SideTokens.of([frozenset({"皇宫", "皇帝"}), frozenset({"树"}), frozenset()])
    src, tgt = document_word_vectors(src_words, tgt_words, encoder)
    assert src.shape == tgt.shape == (3, 512)  # five words, fewer than DIM: not projected
    assert not src[1].any() and not tgt[2].any()
    spans = span_vectors(src, 2)
    assert spans[1].shape == (3, 512) and spans[2].shape == (2, 512)
    norms = np.linalg.norm(spans[2].astype(np.float32), axis=1)
    assert np.allclose(norms, 1.0, atol=1e-2)
    assert not spans[1][1].any()  # a sentence without words stays a zero vector
    assert encoder.encode(["palace"]).shape == (1, 512)
