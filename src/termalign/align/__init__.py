"""Sentence alignment of an English and a Chinese document (either may be the source).

`align_documents(src, tgt)` → `Alignment` (beads with confidences); `evaluate` scores bead
files against gold ones. See `aligner` for the passes, `scoring` for the evidence, `dp` for
the search and `structure` for speaker turns.
"""

from termalign.align.aligner import (
    AlignOptions,
    align_documents,
    align_files,
    align_with_options,
)
from termalign.align.scoring import Weights

__all__ = ["AlignOptions", "Weights", "align_documents", "align_files", "align_with_options"]
