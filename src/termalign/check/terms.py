"""Terminology: required renderings present, deprecated renderings absent, no target term
without its source term.

Matching is multi-pattern (Aho-Corasick, `ahocorasick_rs`) over normalised text, so a
10,000-term glossary costs one pass per segment side, not one regex per term:

- English is reduced to its word keys (`text.english.word_key`: lower case, singular;
  acronyms keep their case, so "it" is not "IT"; hyphenated words split; "the" left out),
  each key wrapped in its own pair of spaces (" new  energy  vehicle "), so a pattern only
  matches whole words and "New Energy Vehicles", "new-energy vehicle" and "new energy
  vehicles" are one term, as are "industries above designated size" and "industries above
  the designated size".
- Chinese is matched as Simplified (`text.scripts`), with full-width Latin and digits folded
  and quotation marks, 《》, 【】, 〔〕, the enumeration comma 、, the middle dot and spaces
  ignored (“双千兆”网络 = 双千兆网络 = 雙千兆網絡, 党中央、国务院 = 党中央国务院).

Every match is mapped back to exact character offsets of the original text.

Glossary semantics: entries with status `approved` (TBX `preferred`) are required: when
their source term occurs, one of their accepted target forms (the preferred term or an
admitted variant) must occur in the target. `zh_deprecated` forms (TBX `deprecated` /
`superseded` terms) are forbidden in any target, unless an approved entry accepts the same
form. A whole entry with status `deprecated` is a rejected pairing (what the term extractor
marks when review refuses its Chinese): it is not enforced — except when an approved entry
has the same source term, in which case its renderings are that entry's forbidden
alternatives (a spreadsheet glossary with "MIIT 工业和信息化部 approved" and "MIIT 工信部
deprecated" rows). Candidate entries are matched (reports highlight them) but not enforced.

A required term whose renderings are all absent may be there in another accepted form,
which `terms.variant_form` names: the rendering of the entry that its acronym names or that
names it by acronym (an OmegaT glossary's "MIIT 工信部" and "Ministry of Industry and
Information Technology 工业和信息化部" lines are one name: full form / short form); one of its
renderings without its generic head or with another one (信息通信 for 信息通信技术, 信息通信行业
for 信息通信业: `text.chinese.GENERIC_HEADS`); its parts in another order (社会经济发展 for
经济社会发展). Only when none of these is there is it `terms.missing`.

Severities: a missing or deprecated rendering is an error; a rendering in another word order
is a warning (the approved list may not admit it); a full or short form and a generic head are
information, noted once per document and convention (`gather_variant_notes`). An approved
rendering interrupted by a short modifier (经济社会高质量发展 for 经济社会发展:
`terms.interrupted`) is information, and nothing when the source has the modifier's words
("high-quality", CC-CEDICT) or it is a bracketed aside (“十四五”（2021—2025年）规划). A
target term without its source term (`terms.unexpected_target`, information) is reported only
beside a missing term, as its likely mistranslation (中小微企业 where "SMEs" has no
rendering): on its own it is what Chinese does (it names the ministry where English says "we",
the sector where English says "this sector").
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from enum import StrEnum
from functools import lru_cache
from itertools import combinations, islice, permutations
from typing import NamedTuple, Sequence

import ahocorasick_rs

from termalign.check.consistency import TermRendering
from termalign.check.segments import Direction, finding, span_of
from termalign.model import Finding, Glossary, GlossaryEntry, Severity, TermStatus, TextSpan, TranslationUnit
from termalign.text import acronyms, english, scripts
from termalign.text.chinese import GENERIC_HEADS, word_tokenizer

MISSING = "terms.missing"
DEPRECATED = "terms.deprecated"
UNEXPECTED_TARGET = "terms.unexpected_target"
INTERRUPTED = "terms.interrupted"
VARIANT_FORM = "terms.variant_form"
CHECK_IDS = (MISSING, DEPRECATED, UNEXPECTED_TARGET, INTERRUPTED, VARIANT_FORM)

# An approved Chinese rendering may be interrupted by a modifier the sentence needs
# (经济社会高质量发展 for 经济社会发展, 规模以上工业单位增加值 for 规模以上工业增加值):
# at most this many characters, in one place.
_MAX_INSERTED = 3

# A bracketed aside inside a rendering (“十四五”（2021—2025年）规划) is no modifier: up to this
# many characters between the brackets.
_MAX_ASIDE = 20
_ASIDE_OPEN, _ASIDE_CLOSE = "（(", "）)"

# A rendering with its generic head left out must keep this many characters (信息通信 for
# 信息通信技术): a bare two-character word (制造 of 制造业) no longer names the term.
_MIN_HEADLESS = 3
# A word-order variant puts the rendering's parts (two characters or more each) in another
# order: at most this many parts.
_MAX_ORDER_WORDS = 4

# Characters Chinese matching ignores: quotation marks, title marks, brackets that mark names
# (【】〔〕), the enumeration comma (党中央、国务院 = 党中央国务院, 碳达峰、碳中和), the middle dot
# of names, and spaces.
_ZH_IGNORED = "“”‘’\"'「」『』《》〈〉【】〔〕、·・ \u3000\t\n\r"

# The one English word matching leaves out: glossaries write "industries above designated
# size" for "industries above the designated size".
_ARTICLE = "the"
# Full-width ASCII (Ｇ, ５, ＋) to its half-width form, one character for one.
_ZH_TABLE = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_ZH_TABLE.update({ord(ch): None for ch in _ZH_IGNORED})


class FormKind(StrEnum):
    SOURCE = "source"  # an English form (term or variant)
    ACCEPTED = "accepted"  # preferred Chinese term or admitted variant
    DEPRECATED = "deprecated"  # forbidden Chinese form


class TermHit(NamedTuple):
    """A glossary form found in a text: which entry, which form, where (original offsets).

    A named tuple, not a dataclass: a run creates several per segment."""

    entry: int  # index into TermIndex.entries
    form: str  # the form as written in the glossary
    kind: FormKind
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class _Owner:
    entry: int
    form: str
    kind: FormKind


# ---------------------------------------------------------------------------------------------
# Normalisation


def _separator_table() -> dict[int, str]:
    """Every character that is neither a letter nor a digit (nor an apostrophe) → a space."""
    table = {code: " " for code in range(0x3000) if not chr(code).isalnum() and chr(code) not in "'’"}
    table.update({ord(ch): " " for ch in "、。〃〈〉《》「」『』【】〔〕〖〗〘〙〚〛〜〝〞〟〰\uff01\uff08\uff09\uff0c\uff1a\uff1b\uff1f"})
    return table


_SEPARATORS = _separator_table()
_WORD_RUN = re.compile(r"\S+")


@lru_cache(maxsize=262144)
def _word_key(word: str) -> str:
    return english.word_key(word)


def _words_only(text: str) -> str:
    """`text` with punctuation, and apostrophes that are quotation marks, turned into spaces:
    the same length, so a word's offsets in it are its offsets in `text`."""
    padded = " " + text.translate(_SEPARATORS) + " "
    for quote in ("'", "’"):
        padded = padded.replace(" " + quote, "  ").replace(quote + " ", "  ")
    return padded[1:-1]


class _EnglishText:
    """English text as " w1  w2  w3 " (word keys), able to map matches back to the original.

    Words are the runs of letters and digits between punctuation (hyphens, slashes and plus
    signs split words, as `text.english.keyed_words` does; an apostrophe inside a word stays:
    China's, I'll), keyed by `text.english.word_key`; "the" is left out. Splitting with
    str.translate and str.split instead of the tokeniser's regular expression makes the run over every
    segment about three times faster (tools/bench/bench_check.py).
    """

    __slots__ = ("text", "haystack", "_words", "_kept")

    def __init__(self, text: str) -> None:
        self.text = text
        self._words = _words_only(text)
        keys = list(map(_word_key, self._words.split()))
        self._kept: list[int] | None = None  # indices of the words in the haystack, when "the" is left out
        if _ARTICLE in keys:
            self._kept = [i for i, key in enumerate(keys) if key != _ARTICLE]
            keys = [keys[i] for i in self._kept]
        self.haystack = " " + "  ".join(keys) + " "

    def originals(self, matches: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
        """Original offsets of the words matched at each haystack[start:end]."""
        # Keys hold no spaces, so a word's index is the number of "  " separators before it.
        count = self.haystack.count
        indices = [(count("  ", 0, start + 1), count("  ", 0, end - 1)) for start, end in matches]
        if self._kept is not None:
            kept = self._kept
            indices = [(kept[first], kept[last]) for first, last in indices]
        needed = max(last for _, last in indices) + 1
        spans = [m.span() for m in islice(_WORD_RUN.finditer(self._words), needed)]
        return [(spans[first][0], spans[last][1]) for first, last in indices]


def english_key(form: str) -> str:
    """The haystack form of a glossary term (empty when it has no words)."""
    text = _EnglishText(form)
    return text.haystack if text.haystack.strip() else ""


@lru_cache(maxsize=65536)
def _english_form_key(form: str) -> str:
    return english_key(form)


def chinese_key(text: str) -> str:
    """Chinese as matched: Simplified, half-width, without quotes, title marks and spaces."""
    return scripts.to_simplified(text).translate(_ZH_TABLE)


@lru_cache(maxsize=65536)
def _chinese_form_key(form: str) -> str:
    return chinese_key(form)  # forms recur (index, interrupted renderings); segments are not cached


def _chinese_offsets(text: str) -> list[int]:
    """For each character kept by `chinese_key`, its offset in `text` (ignored ones dropped)."""
    return [index for index, ch in enumerate(text) if ch not in _ZH_IGNORED]


# ---------------------------------------------------------------------------------------------
# The index


class TermIndex:
    """A glossary compiled into two Aho-Corasick automata (English and Chinese forms)."""

    def __init__(self, glossary: Glossary) -> None:
        self.entries: list[GlossaryEntry] = list(glossary.entries)
        self.required: list[bool] = [e.status is TermStatus.APPROVED and bool(e.zh_forms) for e in self.entries]
        en_owners: dict[str, list[_Owner]] = {}
        zh_owners: dict[str, list[_Owner]] = {}
        approved = [e for e in self.entries if e.status is TermStatus.APPROVED]
        accepted_by_approved = {_chinese_form_key(form) for e in approved for form in e.zh_forms}
        approved_terms = {_english_form_key(form) for e in approved for form in e.en_forms}
        # Only an entry with several accepted renderings can be rendered two ways.
        self.several_forms: list[bool] = [len(set(e.zh_forms)) > 1 for e in self.entries]
        self.zh_forms: list[list[str]] = [e.zh_forms for e in self.entries]
        for index, entry in enumerate(self.entries):
            if entry.status is TermStatus.DEPRECATED:
                # A rejected pairing, unless an approved entry has the same source term: then its
                # renderings are the forbidden alternatives of that entry's.
                if any(_english_form_key(form) in approved_terms for form in entry.en_forms):
                    for form in dict.fromkeys([*entry.zh_forms, *entry.zh_deprecated]):
                        key = _chinese_form_key(form)
                        if key and key not in accepted_by_approved:
                            zh_owners.setdefault(key, []).append(_Owner(index, form, FormKind.DEPRECATED))
                continue
            for form in dict.fromkeys(entry.en_forms):
                key = _english_form_key(form)
                if key:
                    en_owners.setdefault(key, []).append(_Owner(index, form, FormKind.SOURCE))
            for form in dict.fromkeys(entry.zh_forms):
                key = _chinese_form_key(form)
                if key:
                    zh_owners.setdefault(key, []).append(_Owner(index, form, FormKind.ACCEPTED))
            for form in dict.fromkeys(entry.zh_deprecated):
                key = _chinese_form_key(form)
                if key and key not in accepted_by_approved:
                    zh_owners.setdefault(key, []).append(_Owner(index, form, FormKind.DEPRECATED))
        self.related: list[frozenset[int]] = _related_by_acronym(self.entries)
        # the content words of each entry's English forms (unexpected_target: is the term in the source at all?)
        self._en_words: list[frozenset[str] | None] = [None] * len(self.entries)
        self._en_keys, self._en_owners = list(en_owners), list(en_owners.values())
        self._zh_keys, self._zh_owners = list(zh_owners), list(zh_owners.values())
        self._en = ahocorasick_rs.AhoCorasick(self._en_keys) if self._en_keys else None
        self._zh = ahocorasick_rs.AhoCorasick(self._zh_keys) if self._zh_keys else None

    def __len__(self) -> int:
        return len(self.entries)

    def english_words(self, entry: int) -> frozenset[str]:
        """The content words (lemmas) of an entry's English forms."""
        words = self._en_words[entry]
        if words is None:
            words = self._en_words[entry] = frozenset(w for form in self.entries[entry].en_forms for w in english.content_words(form))
        return words

    def english_hits(self, text: str) -> list[TermHit]:
        """Every English form in `text` (overlapping matches included), in text order."""
        if self._en is None or not text:
            return []
        normal = _EnglishText(text)
        matches = self._en.find_matches_as_indexes(normal.haystack, overlapping=True)
        if not matches:
            return []
        hits: list[TermHit] = []
        spans = normal.originals([(start, end) for _, start, end in matches])
        for (pattern, _, _), (begin, finish) in zip(matches, spans):
            hits.extend(TermHit(o.entry, o.form, o.kind, begin, finish) for o in self._en_owners[pattern])
        hits.sort(key=lambda h: (h.start, -h.end))
        return hits

    def chinese_hits(self, text: str) -> list[TermHit]:
        """Every Chinese form in `text` (overlapping matches included), in text order."""
        return self.chinese_hits_and_key(text)[0]

    def chinese_hits_and_key(self, text: str) -> tuple[list[TermHit], str]:
        """`chinese_hits(text)` and `chinese_key(text)`, which it computes anyway."""
        if self._zh is None or not text:
            return [], ""
        key = chinese_key(text)
        matches = self._zh.find_matches_as_indexes(key, overlapping=True)
        if not matches:
            return [], key
        offsets = None if len(key) == len(text) else _chinese_offsets(text)
        hits: list[TermHit] = []
        for pattern, start, end in matches:
            begin, finish = (start, end) if offsets is None else (offsets[start], offsets[end - 1] + 1)
            hits.extend(TermHit(o.entry, o.form, o.kind, begin, finish) for o in self._zh_owners[pattern])
        hits.sort(key=lambda h: (h.start, -h.end))
        return hits, key


def _related_by_acronym(entries: Sequence[GlossaryEntry]) -> list[frozenset[int]]:
    """For each entry, the entries that name the same thing by acronym: one has an English form
    that is an acronym of the other's (an OmegaT glossary gives "MIIT 工信部" and "Ministry of
    Industry and Information Technology 工业和信息化部" a line each). Rejected pairings have none."""
    by_letters: dict[str, list[int]] = {}
    for index, entry in enumerate(entries):
        if entry.status is not TermStatus.DEPRECATED:
            for form in entry.en_forms:
                letters = acronyms.acronym_letters(form)
                if letters:
                    by_letters.setdefault(letters, []).append(index)
    related: list[set[int]] = [set() for _ in entries]
    if by_letters:
        for index, entry in enumerate(entries):
            if entry.status is TermStatus.DEPRECATED:
                continue
            for form in entry.en_forms:
                for initials in acronyms.phrase_initials(form):
                    for other in by_letters.get(initials, ()):
                        if other != index:
                            related[index].add(other)
                            related[other].add(index)
    return [frozenset(r) for r in related]


@lru_cache(maxsize=65536)
def _word_cuts(form: str) -> tuple[int, ...]:
    """Positions in `form` between two of its words (jieba), each side at least two characters."""
    cuts, at = [], 0
    for word in word_tokenizer().lcut(form)[:-1]:  # loads jieba's dictionary on the first call
        at += len(word)
        if 2 <= at <= len(form) - 2:
            cuts.append(at)
    return tuple(cuts)


class Interruption(NamedTuple):
    """An accepted Chinese form found with characters inserted between two of its words."""

    start: int  # offsets in the text: the whole interrupted rendering
    end: int
    form: str  # the accepted form, as the glossary writes it
    inserted: str  # the inserted characters, as the text writes them
    aside: bool  # the insertion is a bracketed aside: （2021—2025年）


def interrupted_rendering(text: str, forms: Sequence[str], key: str | None = None) -> Interruption | None:
    """An accepted Chinese form written with a few characters inserted between two of its
    words, or with a bracketed aside there (“十四五”（2021—2025年）规划 for “十四五”规划), or None.

    Only between words (经济社会|发展, 规模以上工业|增加值), never inside one: 中小型企业 is not
    中小企业 interrupted, and no punctuation may come in between except around an aside. `key`
    is `chinese_key(text)` when the caller has it."""
    if key is None:
        key = chinese_key(text)
    offsets: list[int] | None = None
    for form in forms:
        wanted = _chinese_form_key(form)
        for cut in _word_cuts(wanted):
            head, tail = wanted[:cut], wanted[cut:]
            at = key.find(head)
            while at >= 0:
                after = at + len(head)
                gap_end, aside = _gap_before(key, after, tail)
                if gap_end > after:
                    if offsets is None:
                        offsets = _chinese_offsets(text) if len(key) != len(text) else list(range(len(text)))
                    start, end = offsets[at], offsets[gap_end + len(tail) - 1] + 1
                    inserted = text[offsets[after] : offsets[gap_end - 1] + 1]
                    return Interruption(start, end, form, inserted, aside)
                at = key.find(head, at + 1)
    return None


def _gap_before(key: str, after: int, tail: str) -> tuple[int, bool]:
    """Where `tail` resumes after a short insertion or a bracketed aside starting at `after`
    (and whether it was an aside); (-1, False) when it does not."""
    if after < len(key) and key[after] in _ASIDE_OPEN:
        close = min((i for i in (key.find(c, after + 2, after + _MAX_ASIDE + 2) for c in _ASIDE_CLOSE) if i > 0), default=-1)
        if close > 0 and key.startswith(tail, close + 1):
            return close + 1, True
    gap_end = key.find(tail, after + 1, after + _MAX_INSERTED + len(tail))
    if gap_end > after and not any(unicodedata.category(ch)[0] in "PZ" for ch in key[after:gap_end]):
        return gap_end, False
    return -1, False


def insertion_explained(interruption: Interruption, target: str, source: str) -> bool:
    """True when the characters inserted into an approved rendering translate words of the
    source (高质量 for "high-quality", 单位 for "per unit", 转型 for "transformation"), or are a
    suffix (CC-CEDICT glosses 化 as "-ization") that the rendering shares with the list it
    ends (数字化、绿色化发展: 化 is distributed over the list; 工业化经济 alone is another term).
    Dictionary: `text.dictionary` (CC-CEDICT); words are compared as lemmas, a gloss word of
    four letters or more also as the start of a source word (transform…)."""
    from termalign.text.dictionary import glosses_en  # loads the lexicon: only for interruptions

    source_words = frozenset(english.content_words(source))
    inserted = chinese_key(interruption.inserted)
    listed = target[: interruption.start].endswith(interruption.inserted + "、")

    def in_source(word: str) -> bool:
        return word in source_words or (len(word) >= 4 and any(w.startswith(word) for w in source_words))

    def explained(chinese: str) -> bool:
        for gloss in glosses_en(chinese):
            if gloss.startswith("-"):
                if listed:
                    return True
                continue
            words = english.content_words(gloss)
            if words and all(in_source(w) for w in words):
                return True
        return False

    if not inserted:
        return False
    if explained(inserted):
        return True
    words = word_tokenizer().lcut(inserted)
    return len(words) > 1 and all(explained(w) for w in words)


def leftmost_longest(hits: Sequence[TermHit]) -> list[TermHit]:
    """The hits left when nested and overlapping ones give way to the longest, leftmost one.

    "industrial internet identification analysis system" hides "industrial internet" inside it:
    only the longer term's rendering is required.
    """
    chosen: list[TermHit] = []
    reach = -1
    taken: tuple[int, int] | None = None
    for hit in hits:  # sorted by start, longest first
        if (hit.start, hit.end) == taken:
            chosen.append(hit)  # another entry owning the very same stretch
        elif hit.start >= reach:
            chosen.append(hit)
            reach, taken = hit.end, (hit.start, hit.end)
    return chosen


def _inside_longer(hit: TermHit, others: Sequence[TermHit]) -> bool:
    return any(o.start <= hit.start and hit.end <= o.end and (o.end - o.start) > (hit.end - hit.start) for o in others)


# ---------------------------------------------------------------------------------------------
# Variant forms: the term rendered in another accepted form than the glossary's


class VariantKind(StrEnum):
    FULL_FORM = "full form"  # the rendering of the long form its acronym names (工业和信息化部 for MIIT → 工信部)
    SHORT_FORM = "short form"  # the rendering of its acronym's entry (工信部 for the ministry → 工业和信息化部)
    HEADLESS = "generic head left out"  # 信息通信 for 信息通信技术
    OTHER_HEAD = "another generic head"  # 信息通信行业 for 信息通信业
    WORD_ORDER = "word order"  # 社会经济发展 for 经济社会发展


# A full or short form and a generic head are the same term; another word order may be a
# wording the approved list does not admit (社会经济发展 for 经济社会发展): worth a warning.
VARIANT_SEVERITY = {
    VariantKind.FULL_FORM: Severity.INFO,
    VariantKind.SHORT_FORM: Severity.INFO,
    VariantKind.HEADLESS: Severity.INFO,
    VariantKind.OTHER_HEAD: Severity.INFO,
    VariantKind.WORD_ORDER: Severity.WARNING,
}


class VariantForm(NamedTuple):
    kind: VariantKind
    start: int  # offsets in the target
    end: int
    form: str  # the glossary's rendering it is a variant of
    detail: str  # FULL/SHORT_FORM: the English of the entry whose rendering it is; heads: the head(s)


def variant_form(index: TermIndex, entry: int, target: str, target_key: str, accepted: Sequence[TermHit]) -> VariantForm | None:
    """The required entry `entry`, absent from `target` in every accepted form, found in
    another accepted form: the rendering of the entry its acronym names or that names it by
    acronym (both directions; also where the source defines the acronym, "Ministry of Industry
    and Information Technology (MIIT)": Chinese gives the name once), or, for a Chinese target,
    one of its renderings without or with another generic head (`text.chinese.GENERIC_HEADS`)
    or with its words in another order. `target_key` is `chinese_key(target)` ("" for an
    English target)."""
    related = index.related[entry]
    for hit in accepted:
        if hit.entry in related:
            other = index.entries[hit.entry]
            named = index.entries[entry]
            short = any(acronyms.abbreviates(form, long) for form in named.en_forms for long in other.en_forms)
            kind = VariantKind.FULL_FORM if short else VariantKind.SHORT_FORM
            return VariantForm(kind, hit.start, hit.end, hit.form, other.en)
    if not target_key:
        return None
    for form in index.zh_forms[entry]:
        key = _chinese_form_key(form)
        found = _headless(key, target_key) or _reordered(key, target_key)
        if found is not None:
            kind, start, end, detail = found
            offsets = _chinese_offsets(target) if len(target_key) != len(target) else None
            if offsets is not None:
                start, end = offsets[start], offsets[end - 1] + 1
            return VariantForm(kind, start, end, form, detail)
    return None


def _headless(key: str, target_key: str) -> tuple[VariantKind, int, int, str] | None:
    head = next((h for h in GENERIC_HEADS if key.endswith(h)), None)
    if head is None or len(key) - len(head) < _MIN_HEADLESS:
        return None
    stem = key[: -len(head)]
    at = target_key.find(stem)
    if at < 0:
        return None
    end = at + len(stem)
    # another two-character head right after (信息通信行业); a lone 业 there may begin 业务
    other = next((h for h in GENERIC_HEADS if len(h) > 1 and target_key.startswith(h, end)), None)
    if other is not None:
        return VariantKind.OTHER_HEAD, at, end + len(other), f"{other}\t{head}"
    return VariantKind.HEADLESS, at, end, head


def _reordered(key: str, target_key: str) -> tuple[VariantKind, int, int, str] | None:
    """A stretch of the target made of the rendering's parts in another order (社会经济发展 for
    经济社会发展, 供应链产业链 for 产业链供应链): the same characters, cut into two to
    `_MAX_ORDER_WORDS` parts of two characters or more."""
    size = len(key)
    if size < 4:
        return None
    letters = sorted(key)
    for at in range(len(target_key) - size + 1):
        window = target_key[at : at + size]
        if window != key and window[0] in key and sorted(window) == letters and _parts_reordered(key, window):
            return VariantKind.WORD_ORDER, at, at + size, ""
    return None


@lru_cache(maxsize=65536)
def _parts_reordered(key: str, window: str) -> bool:
    size = len(key)
    for parts in range(2, _MAX_ORDER_WORDS + 1):
        for cuts in combinations(range(2, size - 1), parts - 1):
            bounds = (0, *cuts, size)
            if any(b - a < 2 for a, b in zip(bounds, bounds[1:])):
                continue
            pieces = [key[a:b] for a, b in zip(bounds, bounds[1:])]
            if any("".join(order) == window for order in permutations(pieces)):
                return True
    return False


def _variant_message(entry: GlossaryEntry, variant: VariantForm, found: str, english_target: bool) -> str:
    """Names the entry, not the source's wording, so that notes on one convention read alike
    (the runner gathers them: `gather_variant_notes`)."""
    given = _renderings_list(entry, english_target)
    if variant.kind is VariantKind.FULL_FORM:
        return f"“{entry.en}”: the target writes the full form “{found}” (the glossary's rendering of “{variant.detail}”) where the glossary gives {given}."
    if variant.kind is VariantKind.SHORT_FORM:
        return f"“{entry.en}”: the target writes the short form “{found}” (the glossary's rendering of “{variant.detail}”) where the glossary gives {given}."
    if variant.kind is VariantKind.HEADLESS:
        return f"“{entry.en}”: the target writes “{found}”, the glossary's {variant.form} without its generic head “{variant.detail}”."
    if variant.kind is VariantKind.OTHER_HEAD:
        new, old = variant.detail.split("\t")
        return f"“{entry.en}”: the target writes “{found}”, the glossary's {variant.form} with the generic head “{new}” for “{old}”."
    return f"“{entry.en}”: the target writes “{found}”, the words of the glossary's {variant.form} in another order; check which order the text should use."


# A gathered note names at most this many of the other segments.
_LISTED_SEGMENTS = 10


def gather_variant_notes(per_unit: list[list[Finding]]) -> list[list[Finding]]:
    """One information note per convention and document: the same variant form of the same
    term noted in several segments stays on the first, which names the others; the rest go.
    (A translation that writes MIIT 工业和信息化部 throughout where the glossary says 工信部
    needs saying once.) Warnings stay on every segment."""
    first: dict[tuple[str, str], tuple[int, int]] = {}
    others: dict[tuple[int, int], list[str]] = {}
    kept: list[list[Finding]] = []
    for position, found in enumerate(per_unit):
        row: list[Finding] = []
        for item in found:
            if item.check == VARIANT_FORM and item.severity is Severity.INFO:
                key = (item.document, item.message)
                if key in first:
                    others[first[key]].append(item.segment_id)
                    continue
                first[key] = (position, len(row))
                others[first[key]] = []
            row.append(item)
        kept.append(row)
    for (position, at), ids in others.items():
        if ids:
            item = kept[position][at]
            shown = ", ".join(ids[:_LISTED_SEGMENTS]) + (", …" if len(ids) > _LISTED_SEGMENTS else "")
            kept[position][at] = replace(item, message=f"{item.message} Also in {len(ids)} other segment{'s' if len(ids) > 1 else ''} ({shown}).")
    return kept



# ---------------------------------------------------------------------------------------------
# The check


@dataclass(slots=True)
class TermResult:
    findings: list[Finding]
    # accepted renderings found of entries that have several, for consistency.term_two_ways
    renderings: list[TermRendering]


def _spans(text: str, hits: Sequence[TermHit]) -> tuple[TextSpan, ...]:
    return tuple(dict.fromkeys(span_of(text, h.start, h.end) for h in hits))


def _renderings_list(entry: GlossaryEntry, english_target: bool) -> str:
    forms = entry.en_forms if english_target else entry.zh_forms
    return "、".join(forms) if not english_target else " / ".join(forms)


def check_terms(unit: TranslationUnit, index: TermIndex) -> TermResult:
    """Terminology findings for one pair, and the accepted renderings it uses."""
    direction = Direction.of(unit)
    source, target = unit.source, unit.target
    if not source or not target or source.isspace() or target.isspace():
        return TermResult([], [])
    if direction.source_is_chinese == direction.target_is_chinese:
        return TermResult([], [])
    deprecated: list[TermHit] = []
    if direction.target_is_chinese:
        source_all = source_terms = index.english_hits(source)  # English hits are all SOURCE forms
        target_all, target_key = index.chinese_hits_and_key(target)
        accepted = []
        for hit in target_all:
            (accepted if hit.kind is FormKind.ACCEPTED else deprecated).append(hit)
    else:
        source_all = index.chinese_hits(source)
        target_all = accepted = index.english_hits(target)
        target_key = ""
        source_terms = [h for h in source_all if h.kind is FormKind.ACCEPTED]
    if not source_terms and not target_all:
        return TermResult([], [])
    english_target = not direction.target_is_chinese

    findings: list[Finding] = []
    renderings: list[TermRendering] = []
    missing: list[str] = []  # the source terms written with none of their renderings
    rendered = {h.entry for h in accepted}
    required_hits: dict[int, list[TermHit]] = {}
    for hit in leftmost_longest(source_terms):
        if index.required[hit.entry]:
            required_hits.setdefault(hit.entry, []).append(hit)
    for entry_index, hits in required_hits.items():
        entry = index.entries[entry_index]
        if entry_index in rendered:
            if not index.several_forms[entry_index]:
                continue
            first = next(h for h in accepted if h.entry == entry_index)
            renderings.append(
                TermRendering(
                    entry.id,
                    entry.en,
                    first.form,
                    span_of(unit.source, hits[0].start, hits[0].end),
                    span_of(unit.target, first.start, first.end),
                )
            )
            continue
        written = unit.source[hits[0].start : hits[0].end]
        interrupted = (
            None
            if english_target
            else interrupted_rendering(unit.target, index.zh_forms[entry_index], target_key)
        )
        if interrupted is not None:
            if interrupted.aside or insertion_explained(interrupted, unit.target, unit.source):
                continue  # the rendering with an aside, or with a modifier the source has too
            findings.append(
                finding(
                    INTERRUPTED,
                    Severity.INFO,
                    unit,
                    f"“{written}” in the source: the target has “{unit.target[interrupted.start:interrupted.end]}”, "
                    f"the approved {interrupted.form} with “{interrupted.inserted}” inserted; check that it is meant.",
                    source_spans=_spans(unit.source, hits),
                    target_spans=(span_of(unit.target, interrupted.start, interrupted.end),),
                )
            )
            continue
        variant = variant_form(index, entry_index, unit.target, target_key, accepted)
        if variant is not None:
            findings.append(
                finding(
                    VARIANT_FORM,
                    VARIANT_SEVERITY[variant.kind],
                    unit,
                    _variant_message(entry, variant, unit.target[variant.start : variant.end], english_target),
                    source_spans=_spans(unit.source, hits),
                    target_spans=(span_of(unit.target, variant.start, variant.end),),
                )
            )
            continue
        missing.append(written)
        findings.append(
            finding(
                MISSING,
                Severity.ERROR,
                unit,
                f"“{written}” in the source: the target has none of its approved renderings "
                f"({_renderings_list(entry, english_target)}).",
                source_spans=_spans(unit.source, hits),
            )
        )

    for hit in deprecated:
        if _inside_longer(hit, accepted):
            continue  # part of a longer accepted term
        entry = index.entries[hit.entry]
        preferred = entry.zh or "an approved term"
        findings.append(
            finding(
                DEPRECATED,
                Severity.ERROR,
                unit,
                f"The target uses the deprecated rendering “{unit.target[hit.start:hit.end]}” "
                f"(glossary: “{entry.en}” → {preferred}).",
                source_spans=_spans(unit.source, [h for h in source_terms if h.entry == hit.entry]),
                target_spans=(span_of(unit.target, hit.start, hit.end),),
            )
        )
    if missing:
        findings.extend(_unexpected_targets(unit, index, source_all, accepted, missing, english_target))
    return TermResult(findings, renderings)


def _unexpected_targets(
    unit: TranslationUnit,
    index: TermIndex,
    source_all: Sequence[TermHit],
    accepted: Sequence[TermHit],
    missing: Sequence[str],
    english_target: bool,
) -> list[Finding]:
    """Glossary renderings in the target whose term the source does not name, in a pair where
    a source term has none of its renderings: the likely wrong rendering of that term
    (中小微企业 for "SMEs"). Only then: a Chinese text names the ministry where English says
    "we" and the sector where English says "this sector", which is no error."""
    in_source = {h.entry for h in source_all if h.kind is not FormKind.DEPRECATED}
    explained = in_source.union(*(index.related[e] for e in in_source))  # MIIT in the source explains 工业和信息化部
    source_words = None if english_target else frozenset(english.content_words(unit.source))
    by_stretch: dict[tuple[int, int], list[TermHit]] = {}
    for hit in accepted:
        by_stretch.setdefault((hit.start, hit.end), []).append(hit)
    reported: set[int] = set()
    findings: list[Finding] = []
    for (start, end), owners in by_stretch.items():
        if any(h.entry in explained for h in owners) or _inside_longer(owners[0], accepted):
            continue  # explained by the source, or part of a longer term (中小企业 in 专精特新中小企业)
        if source_words is not None and any(index.english_words(h.entry) & source_words for h in owners):
            continue  # the source has the term's words, in another phrase
        hit = next((h for h in owners if index.required[h.entry] and h.entry not in reported), None)
        if hit is None:
            continue
        reported.add(hit.entry)
        entry = index.entries[hit.entry]
        source_term = entry.zh if english_target else entry.en
        wanted = "、".join(f"“{w}”" for w in dict.fromkeys(missing))
        findings.append(
            finding(
                UNEXPECTED_TARGET,
                Severity.INFO,
                unit,
                f"The target has “{unit.target[start:end]}”, the glossary rendering of “{source_term}”, which the "
                f"source does not name, while {wanted} in the source has none of its renderings: possibly a mistranslation.",
                target_spans=(span_of(unit.target, start, end),),
            )
        )
    return findings
