"""Chinese term candidates: recurrent character strings, then jieba words and word groups.

Chinese has no spaces, so candidates come from two sides that check each other:
- character n-grams that recur and are *closed* (no one-character extension occurs as often:
  工业互联网 is closed, 业互联网 is not, because it is always preceded by 工);
- jieba segmentation with those strings as a per-call user dictionary (a private
  `jieba.Tokenizer`, so callers of jieba elsewhere are not affected), whose words and
  groups of 2–3 adjacent words are candidates too.
Termhood: how much more often the string occurs here than in general Chinese (wordfreq).
"""

from __future__ import annotations

import functools
import math
from collections import Counter
from dataclasses import dataclass
from typing import Iterable

import jieba
import regex
import wordfreq

from termalign.text.chinese import word_tokenizer

# Runs of text a term can live in: Han, Latin letters, digits, the quotation marks of
# programme names (“双千兆”网络) and the enumeration comma of coordinated names (党中央、国务院);
# anything else (punctuation, spaces) ends a run.
TERM_RUN = regex.compile(r"[\p{Han}A-Za-z0-9+“”、]+")
_HAN_OR_LATIN = regex.compile(r"[\p{Han}A-Za-z]")
# Characters that do not begin or end a term: particles, conjunctions, prepositions,
# pronouns, adverbs of degree, measure words. They may sit inside one (工业和信息化部).
# Not listed although they are also function words: 能 会 要 (能源, 节能, 智能, 会议, 协会, 要素)
# and, at the end, 所 向 (研究所, 导向).
_NOT_FIRST = frozenset("的了和与及在是为对等将把被也都并而向于从其之这那我你他她它们个着过就还又或但让使给由到已此该各每所如若则即且呢吗吧啊更很最不没有")
_NOT_LAST = frozenset("的了和与及在是为对将把被也都并而于从其之这那我你他她它个着过就还又或但让使给由到要已此该各每如若则即且呢吗吧啊更很最不没“")
# A number followed by a counter or unit is a quantity, not part of a term name.
# Digits at an edge without a Latin letter beside them are a cut-off number ("平台超过240").
_LOOSE_DIGITS = regex.compile(r"(?<![A-Za-z0-9.])[0-9.]+$|^[0-9.]+(?![A-Za-z0-9]|工程)")
_QUANTITY = regex.compile(r"(?:第)?[0-9][0-9.,]*\s*(?:[年月日号个家台万亿元倍座辆项户条次人%％]|个百分点)|^[0-9.,%]+$")


@dataclass(frozen=True, slots=True)
class ZhCandidate:
    text: str
    freq: int  # occurrences in the text (substring count, overlapping forms counted each)
    weirdness: float  # log10(frequency here / frequency in general Chinese)
    title: bool = False  # marked as a title: 《工业领域碳达峰实施方案》


# A number with its unit or measure word ("2022年", "45个", "1800多家", "231.2万个", "1—11月") ends
# a run like punctuation: 年规模以上工业增加值 and 家重点企业 are not names. Digits beside Latin
# letters are codes (5G, C919) and digits before 工程 name a project ("512工程"): they stay.
_QUANTITY_RUN = regex.compile(
    r"(?<![A-Za-z0-9.+])[0-9][0-9.,]*(?:[—\-~][0-9][0-9.,]*)?[多余]?(?:个百分点|[年月日号个家台万亿元倍座辆项户条次人%％])+"
)


def runs(text: str) -> list[str]:
    """The stretches of `text` between punctuation marks and quantities."""
    if any("0" <= ch <= "9" for ch in text):
        text = _QUANTITY_RUN.sub("，", text)
    return TERM_RUN.findall(text)


def is_well_formed(candidate: str) -> bool:
    """Could `candidate` be a term name by its edges and content?"""
    if len(candidate) < 2 or not _HAN_OR_LATIN.search(candidate):
        return False
    if candidate[0] in _NOT_FIRST or candidate[-1] in _NOT_LAST or candidate[0] == "”" or candidate[-1] == "“":
        return False
    if "、" in candidate and (candidate[0] == "、" or candidate[-1] == "、" or candidate.count("、") > 1):
        return False  # two coordinated names at most; longer lists are enumerations
    if candidate.count("“") != candidate.count("”") or candidate.find("”") < candidate.find("“"):
        return False
    if _QUANTITY.search(candidate) or _LOOSE_DIGITS.search(candidate):
        return False
    return not (candidate.isascii() and not any(ch.isalpha() for ch in candidate))


def closed_ngrams(texts: Iterable[str], *, min_freq: int = 2, max_len: int = 16) -> Counter[str]:
    """Recurrent character strings (2–`max_len` characters) that no longer string always contains."""
    counts: Counter[str] = Counter()
    for text in texts:
        for run in runs(text):
            for start in range(len(run) - 1):
                for end in range(start + 2, min(len(run), start + max_len) + 1):
                    counts[run[start:end]] += 1
    frequent = {gram: n for gram, n in counts.items() if n >= min_freq}
    longest_extension: Counter[str] = Counter()
    for gram, n in frequent.items():
        if len(gram) > 2:
            for part in (gram[1:], gram[:-1]):
                if n > longest_extension[part]:
                    longest_extension[part] = n
    return Counter({gram: n for gram, n in frequent.items() if n > longest_extension[gram]})


def private_tokenizer(user_words: Iterable[str] = ()) -> jieba.Tokenizer:
    """A jieba tokenizer with the default dictionary plus `user_words`, sharing no state."""
    base = word_tokenizer()
    tokenizer = jieba.Tokenizer(base.dictionary)
    tokenizer.FREQ = dict(base.FREQ)
    tokenizer.total = base.total
    tokenizer.initialized = True
    for word in user_words:
        tokenizer.add_word(word)
    return tokenizer


def segment(tokenizer: jieba.Tokenizer, text: str) -> list[list[str]]:
    """The words of each run of `text` (runs end at punctuation)."""
    return [list(tokenizer.cut(run, HMM=True)) for run in runs(text)]


def zh_weirdness(candidate: str, freq: int, total_chars: int) -> float:
    """log10 of how much more frequent `candidate` is here than in general Chinese."""
    # frequency per word: one Chinese word is about 1.6 characters in running text
    here = freq / max(1.0, total_chars / 1.6)
    return math.log10(here / general_frequency(candidate))


_MINIMUM_FREQUENCY = 1e-9
_INFERRED_SPACE = 10.0  # wordfreq's penalty per inferred word break
_LONGEST_WORD = 8


def _digits_frequency(digits: str) -> float | None:
    """wordfreq's frequency of a digit string: that of its length, shared out by its value."""
    from wordfreq.numbers import digit_freq

    shape = _general_chinese().get("0" * len(digits))
    return shape * digit_freq(digits) if shape else None


@functools.cache
def _general_chinese() -> dict[str, float]:
    return wordfreq.get_frequency_dict("zh")


def general_frequency(text: str) -> float:
    """How often `text` occurs in general Chinese, from wordfreq's word list, combined as
    wordfreq combines the words of a phrase (1/f = Σ 1/fᵢ, a factor 10 per inferred word break)
    over the likeliest segmentation into listed words. The same as `wordfreq.word_frequency`
    up to segmentation, without loading a second jieba dictionary."""
    freqs = _general_chinese()
    text = text.replace("“", "").replace("”", "").replace("、", "").lower()
    n = len(text)
    # best[i]: (log-probability, 1/f sum, words) of the likeliest segmentation of text[:i]
    best: list[tuple[float, float, int] | None] = [None] * (n + 1)
    best[0] = (0.0, 0.0, 0)
    for end in range(1, n + 1):
        for start in range(max(0, end - _LONGEST_WORD), end):
            previous = best[start]
            if previous is None:
                continue
            word = text[start:end]
            frequency = freqs.get(word) or (_digits_frequency(word) if word.isdigit() else None)
            if not frequency:
                continue
            option = (previous[0] + math.log(frequency), previous[1] + 1.0 / frequency, previous[2] + 1)
            if best[end] is None or option[0] > best[end][0]:
                best[end] = option
    final = best[n]
    if final is None or final[1] == 0.0:
        return _MINIMUM_FREQUENCY
    return max(_MINIMUM_FREQUENCY, (1.0 / final[1]) / _INFERRED_SPACE ** (final[2] - 1))


_TITLE = regex.compile(r"《([^《》\n]{2,60})》")


def titles(text: str) -> list[str]:
    """The titles of documents, plans and initiatives, marked 《…》 in Chinese: names by their
    form, from one occurrence (《工业领域碳达峰实施方案》)."""
    return [m.group(1).strip() for m in _TITLE.finditer(text) if m.group(1).strip()]


_QUOTED = regex.compile(r"“[^“”\n]{1,20}”")
_CODE = regex.compile(r"[A-Za-z0-9+]+")


def quoted_names(text: str) -> list[str]:
    """Programme and slogan names in quotation marks with their head word, from one occurrence,
    as English writes them ('"5G+Industrial Internet" 512 Project'): “5G+工业互联网”512工程,
    “双千兆”网络. The head is the first word after the quotation (with a number before it)."""
    names: list[str] = []
    for match in _QUOTED.finditer(text):
        following = runs(text[match.end() : match.end() + 12])
        if not following or not text[match.end() :].startswith(following[0][:1]):
            continue
        words = list(word_tokenizer().cut(following[0], HMM=False))
        head = words[0] if words else ""
        if _CODE.fullmatch(head) and len(words) > 1:
            head += words[1]
        if head and regex.search(r"\p{Han}", head):
            names.append(match.group() + head)
    return names


def zh_candidates(texts: list[str], *, max_words: int = 3) -> dict[str, ZhCandidate]:
    """Candidate Chinese terms of `texts` (sentences or paragraphs), keyed by their text.

    Every closed recurrent string and every jieba word or group of up to `max_words`
    adjacent words that is well formed; a group must recur, a single word need not; every
    title in 《》 and every quoted name with its head word.
    """
    found = word_aligned(texts, [gram for gram in closed_ngrams(texts) if is_well_formed(gram)])
    tokenizer = private_tokenizer(gram for gram in found if len(gram) >= 3)
    groups: Counter[str] = Counter()
    singles: Counter[str] = Counter()
    for text in texts:
        for words in segment(tokenizer, text):
            for start in range(len(words)):
                singles[words[start]] += 1
                for end in range(start + 2, min(len(words), start + max_words) + 1):
                    groups["".join(words[start:end])] += 1
    names = {w for w in singles if is_well_formed(w)}
    names |= {g for g, n in groups.items() if n >= 2 and is_well_formed(g)}
    names |= {g for g in found if is_well_formed(g)}
    marked = {title for text in texts for title in titles(text)}
    names |= marked | {name for text in texts for name in quoted_names(text) if is_well_formed(name)}
    total_chars = sum(len(t) for t in texts)
    frequency = _substring_counts(texts, names)
    return {
        name: ZhCandidate(name, frequency[name], zh_weirdness(name, frequency[name], total_chars), name in marked)
        for name in names
        if frequency[name]
    }


def word_aligned(texts: list[str], grams: Iterable[str], *, max_len: int = 16) -> list[str]:
    """The `grams` that begin and end on jieba word boundaries in most of their occurrences.

    Closed strings can still cut words (化部 in 工业和信息化部); the default dictionary's
    boundaries reject those.
    """
    wanted = set(grams)
    aligned: Counter[str] = Counter()
    seen: Counter[str] = Counter()
    tokenizer = word_tokenizer()
    for text in texts:
        for run in runs(text):
            boundaries = {0}
            position = 0
            for word in tokenizer.cut(run, HMM=True):
                position += len(word)
                boundaries.add(position)
            for start in range(len(run) - 1):
                for end in range(start + 2, min(len(run), start + max_len) + 1):
                    gram = run[start:end]
                    if gram in wanted:
                        seen[gram] += 1
                        aligned[gram] += start in boundaries and end in boundaries
    return [gram for gram in wanted if 2 * aligned[gram] >= seen[gram]]


def _substring_counts(texts: list[str], names: set[str]) -> Counter[str]:
    import ahocorasick_rs

    if not names:
        return Counter()
    ordered = sorted(names)
    matcher = ahocorasick_rs.AhoCorasick(ordered)
    counts: Counter[str] = Counter()
    for text in texts:
        for index, _start, _end in matcher.find_matches_as_indexes(text, overlapping=True):
            counts[ordered[index]] += 1
    return counts
