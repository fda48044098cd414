"""Terminology: required renderings present, deprecated renderings absent, no target term
without its source term.

Matching is multi-pattern (Aho-Corasick, `ahocorasick_rs`) over normalised text, so a
10,000-term glossary costs one pass per segment side, not one regex per term:

- English is reduced to its word keys (`text.english.word_key`: lower case, singular;
  acronyms keep their case, so "it" is not "IT"; hyphenated words split), each key wrapped
  in its own pair of spaces (" new  energy  vehicle "), so a pattern only matches whole
  words and "New Energy Vehicles", "new-energy vehicle" and "new energy vehicles" are one
  term.
- Chinese is matched as Simplified (`text.scripts`), with full-width Latin and digits folded
  and quotation marks, 《》 and spaces ignored (“双千兆”网络 = 双千兆网络 = 雙千兆網絡).

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

Severities: a missing or deprecated rendering is an error; an approved rendering interrupted
by a short modifier (经济社会高质量发展 for 经济社会发展: `terms.interrupted`) and a target
term without its source term (Chinese names the ministry where English says "we", adds 同比
where English says "from a year earlier") are information: worth a look, not a failure.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from itertools import islice
from typing import NamedTuple, Sequence

import ahocorasick_rs

from termalign.check.consistency import TermRendering
from termalign.check.segments import Direction, finding, span_of
from termalign.model import Finding, Glossary, GlossaryEntry, Severity, TermStatus, TextSpan, TranslationUnit
from termalign.text import english, scripts
from termalign.text.chinese import word_tokenizer

MISSING = "terms.missing"
DEPRECATED = "terms.deprecated"
UNEXPECTED_TARGET = "terms.unexpected_target"
INTERRUPTED = "terms.interrupted"
CHECK_IDS = (MISSING, DEPRECATED, UNEXPECTED_TARGET, INTERRUPTED)

# An approved Chinese rendering may be interrupted by a modifier the sentence needs
# (经济社会高质量发展 for 经济社会发展, 规模以上工业单位增加值 for 规模以上工业增加值):
# at most this many characters, in one place.
_MAX_INSERTED = 3

# Characters Chinese matching ignores: quotation marks, title marks and spaces.
_ZH_IGNORED = "“”‘’\"'「」『』《》〈〉 \u3000\t\n\r"
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
    China's, I'll), keyed by `text.english.word_key`. Splitting with str.translate and
    str.split instead of the tokeniser's regular expression makes the run over every
    segment about three times faster (tools/bench/bench_check.py).
    """

    __slots__ = ("text", "haystack", "_words")

    def __init__(self, text: str) -> None:
        self.text = text
        self._words = _words_only(text)
        self.haystack = " " + "  ".join(map(_word_key, self._words.split())) + " "

    def originals(self, matches: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
        """Original offsets of the words matched at each haystack[start:end]."""
        # Keys hold no spaces, so a word's index is the number of "  " separators before it.
        count = self.haystack.count
        indices = [(count("  ", 0, start + 1), count("  ", 0, end - 1)) for start, end in matches]
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
        self._en_keys, self._en_owners = list(en_owners), list(en_owners.values())
        self._zh_keys, self._zh_owners = list(zh_owners), list(zh_owners.values())
        self._en = ahocorasick_rs.AhoCorasick(self._en_keys) if self._en_keys else None
        self._zh = ahocorasick_rs.AhoCorasick(self._zh_keys) if self._zh_keys else None

    def __len__(self) -> int:
        return len(self.entries)

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


@lru_cache(maxsize=65536)
def _word_cuts(form: str) -> tuple[int, ...]:
    """Positions in `form` between two of its words (jieba), each side at least two characters."""
    cuts, at = [], 0
    for word in word_tokenizer().lcut(form)[:-1]:  # loads jieba's dictionary on the first call
        at += len(word)
        if 2 <= at <= len(form) - 2:
            cuts.append(at)
    return tuple(cuts)


def interrupted_rendering(
    text: str, forms: Sequence[str], key: str | None = None
) -> tuple[tuple[int, int], str, str] | None:
    """An accepted Chinese form written with a few characters inserted between two of its
    words: ((start, end) in `text`, the form, the inserted characters), or None.

    Only between words (经济社会|发展, 规模以上工业|增加值), never inside one: 中小型企业 is not
    中小企业 interrupted, and no punctuation may come in between. `key` is `chinese_key(text)`
    when the caller has it."""
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
                gap_end = key.find(tail, after + 1, after + _MAX_INSERTED + len(tail))
                if gap_end > after and not any(unicodedata.category(ch)[0] in "PZ" for ch in key[after:gap_end]):
                    if offsets is None:
                        offsets = _chinese_offsets(text) if len(key) != len(text) else list(range(len(text)))
                    start, end = offsets[at], offsets[gap_end + len(tail) - 1] + 1
                    inserted = text[offsets[after] : offsets[gap_end - 1] + 1]
                    return (start, end), form, inserted
                at = key.find(head, at + 1)
    return None


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
            (start, end), form, inserted = interrupted
            findings.append(
                finding(
                    INTERRUPTED,
                    Severity.INFO,
                    unit,
                    f"“{written}” in the source: the target has “{unit.target[start:end]}”, the approved {form} "
                    f"with “{inserted}” inserted; check that it is meant.",
                    source_spans=_spans(unit.source, hits),
                    target_spans=(span_of(unit.target, start, end),),
                )
            )
            continue
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

    in_source = {h.entry for h in source_all if h.kind is not FormKind.DEPRECATED}
    by_stretch: dict[tuple[int, int], list[TermHit]] = {}
    for hit in accepted:
        by_stretch.setdefault((hit.start, hit.end), []).append(hit)
    reported: set[int] = set()
    for (start, end), owners in by_stretch.items():
        if any(h.entry in in_source for h in owners) or _inside_longer(owners[0], accepted):
            continue  # explained by the source, or part of a longer term (中小企业 in 专精特新中小企业)
        hit = next((h for h in owners if index.required[h.entry] and h.entry not in reported), None)
        if hit is None:
            continue
        reported.add(hit.entry)
        entry = index.entries[hit.entry]
        source_term = entry.zh if english_target else entry.en
        findings.append(
            finding(
                UNEXPECTED_TARGET,
                Severity.INFO,
                unit,
                f"The target has “{unit.target[start:end]}”, the glossary rendering of “{source_term}”, "
                f"but the source has no form of “{source_term}”: possible mistranslation or addition.",
                target_spans=(span_of(unit.target, start, end),),
            )
        )
    return TermResult(findings, renderings)
