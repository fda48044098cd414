"""Chinese characters: Han classes, counts for the length model, full-width folding.

- `HAN` matches one Han character (`\\p{Han}`: CJK ideographs of every block, 〇 included).
- `han_count(text)` / `han_share(text)`: how much of a text is Chinese; the aligner's length
  model counts Han characters, since Latin strings and digits inside Chinese text (5G, 2022)
  are about as long as in English.
- `fold_fullwidth(text)`: full-width ASCII (５Ｇ, ＧＤＰ, ３．６％) and the ideographic space
  to their half-width forms, one character for one, so offsets survive.
- `word_tokenizer()`: jieba with its default dictionary, loaded once per process and shared.
- `spaced_words(text)`: the text with jieba's words spaced apart (a second view of Chinese for
  the sentence encoder, `align.aligner.span_embeddings`).
- `GENERIC_HEADS`: the category nouns a Chinese term may end with and a translation may leave
  out or exchange (信息通信业 / 信息通信行业 / 信息通信, 新能源汽车产业 / 新能源汽车).
"""

from __future__ import annotations

import functools
import logging
from typing import TYPE_CHECKING

import regex

if TYPE_CHECKING:
    import jieba

__all__ = ["HAN", "HAN_RUN", "GENERIC_HEADS", "is_han", "han_count", "han_share", "fold_fullwidth", "has_han", "word_tokenizer", "spaced_words"]

HAN = regex.compile(r"\p{Han}")
HAN_RUN = regex.compile(r"\p{Han}+")
_NOT_SPACE = regex.compile(r"\S")

# Category nouns closing a term ("industry", "sector", "field", "technology"): Chinese leaves
# them implicit where the context names the category (新能源汽车是… for "the new energy
# vehicle industry is…", 信息通信服务 for "ICT services") and uses them interchangeably
# (信息通信业 = 信息通信行业). Longest first, so 产业 is taken before 业.
GENERIC_HEADS: tuple[str, ...] = ("产业", "行业", "领域", "技术", "业")

# U+FF01..U+FF5E are ASCII 0x21..0x7E shifted by 0xFEE0; U+3000 is the ideographic space.
_FULLWIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_FULLWIDTH[0x3000] = 0x20
_HAS_FULLWIDTH = regex.compile(r"[\uFF01-\uFF5E\u3000]")


def is_han(ch: str) -> bool:
    """True for a single Han character."""
    return HAN.match(ch) is not None


def has_han(text: str) -> bool:
    return HAN.search(text) is not None


def han_count(text: str) -> int:
    """Number of Han characters in `text`."""
    if text.isascii():
        return 0
    return len(HAN.findall(text))


def han_share(text: str) -> float:
    """Han characters as a share of the non-space characters (0.0 for an empty text)."""
    if text.isascii():
        return 0.0
    total = len(_NOT_SPACE.findall(text))
    return han_count(text) / total if total else 0.0


def fold_fullwidth(text: str) -> str:
    """Full-width ASCII and the ideographic space to half-width; same length as `text`.

    >>> fold_fullwidth("５Ｇ基站增长３．６％")
    '5G基站增长3.6%'
    """
    if text.isascii() or _HAS_FULLWIDTH.search(text) is None:
        return text
    return text.translate(_FULLWIDTH)


@functools.cache
def word_tokenizer() -> jieba.Tokenizer:
    """jieba's tokenizer with its default dictionary, loaded on first use (about a second) and
    shared by everyone in the process. Callers that add words make their own copy (see
    `terms.candidates_zh.private_tokenizer`)."""
    import jieba  # imported here: most runs never segment Chinese words

    logging.getLogger("jieba").setLevel(logging.WARNING)  # its "Building prefix dict" chatter
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    return tokenizer


def spaced_words(text: str) -> str:
    """Chinese text with its words (jieba) separated by single spaces.

    >>> spaced_words("5G基站超过230万个")
    '5G 基站 超过 230 万个'
    """
    return " ".join(word for word in word_tokenizer().lcut(text) if not word.isspace())
