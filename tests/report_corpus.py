"""The bundled corpus as Alignments for the report tests.

`aligned_corpus()` is the aligner's own output (fast mode: no embeddings, so quick even on a
cold cache). `corpus_alignment()` is built by hand from the readers' structure, for tests that
need beads the aligner does not produce on this corpus (unmatched 1-0 beads, a known split):
the Chinese text's paragraphs correspond one to one to the English ones (corpora/README.md),
so each paragraph pair is split into beads — one to one with confidence 0.95 where both have
the same number of sentences, otherwise sentences grouped in proportion with confidence 0.35
(a guess the report should flag).
"""

from __future__ import annotations

from functools import cache

from conftest import SEED_EN, SEED_ZH

from termalign.model import Alignment, Bead
from termalign.readers import read_document

CLEAN = 0.95
GUESSED = 0.35


@cache
def aligned_corpus() -> Alignment:
    from termalign.align import align_documents

    return align_documents(read_document(SEED_EN), read_document(SEED_ZH), fast=True)


@cache
def corpus_alignment() -> Alignment:
    en = read_document(SEED_EN)
    zh = read_document(SEED_ZH)
    beads: list[Bead] = []
    for en_par, zh_par in zip(en.paragraphs, zh.paragraphs, strict=True):
        src = [s.index for s in en_par.sentences]
        tgt = [s.index for s in zh_par.sentences]
        if len(src) == len(tgt):
            beads.extend(Bead((i,), (j,), CLEAN) for i, j in zip(src, tgt))
            continue
        taken = 0
        for k, i in enumerate(src):
            upto = round((k + 1) * len(tgt) / len(src))
            beads.append(Bead((i,), tuple(tgt[taken:upto]), GUESSED))
            taken = upto
    return Alignment(en, zh, beads, method="by hand for tests: paragraphs, then proportion")
