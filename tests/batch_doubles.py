"""Test doubles for the batch tests (never used in src/).

`in_order_aligner_double` stands in for `termalign.align.align_documents` where a test is about
the batch machinery, not alignment quality: it pairs sentences 1-1 in order and leaves the
surplus as null beads, with a confidence from the length ratio. Deterministic and instant.
It is a module-level function so spawned workers can import it by name.
"""

from __future__ import annotations

from termalign.model import Alignment, Bead, Document


def in_order_aligner_double(src: Document, tgt: Document, *, fast: bool = False) -> Alignment:
    src_sentences, tgt_sentences = src.sentences, tgt.sentences
    beads = []
    for i in range(max(len(src_sentences), len(tgt_sentences))):
        s = (i,) if i < len(src_sentences) else ()
        t = (i,) if i < len(tgt_sentences) else ()
        if s and t:
            ratio = len(tgt_sentences[i].text) * 3 / max(1, len(src_sentences[i].text))
            confidence = round(min(ratio, 1 / ratio) if ratio else 0.0, 4)
        else:
            confidence = 0.0
        beads.append(Bead(s, t, confidence))
    return Alignment(src, tgt, beads, method="in-order test double")
