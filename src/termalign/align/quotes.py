"""Quotation balance of sentences: the quotations a sentence opens minus those it closes.

A bead and its translation leave the same quotation open: when the Chinese bead opens a
speech (韦小宝道：“你一提，我便记起了) that goes on in the next bead, so does the English one.
Sentence splitting happens inside quotations on both sides, but at different places, so a
wrong split point often leaves a quotation open on one side only. The balance adds up over
sentences, so it says nothing against merging or splitting beads that agree; it only tells
which side of a quotation boundary a sentence belongs to. On mac-dev the opens − closes of a
gold bead agree on both sides 95 % of the time, those of the aligner's wrong beads 82 %.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import regex

from termalign.model import Lang

_ZH_OPEN = regex.compile(r"[“「『]")
_ZH_CLOSE = regex.compile(r"[”」』]")
# English quotes are also apostrophes: an opening quote starts a word, a closing one ends one
# after a letter or punctuation (the plural possessive "boys' " counts as one: rare enough)
_EN_OPEN = regex.compile(r"(?:^|(?<=[\s(\[—–-]))['\"“‘](?=[\w.…])")
_EN_CLOSE = regex.compile(r"(?<=[\w.!?,…\-—])['\"”’](?=\s|$|[)\]—,.;:])")


def quote_balance(texts: Sequence[str], lang: Lang) -> np.ndarray:
    """Quotations opened minus quotations closed, per sentence."""
    opening, closing = (_ZH_OPEN, _ZH_CLOSE) if lang is Lang.ZH else (_EN_OPEN, _EN_CLOSE)
    return np.array([len(opening.findall(t)) - len(closing.findall(t)) for t in texts], dtype=np.float64)
