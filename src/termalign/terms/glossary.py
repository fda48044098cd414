"""Build glossary entries from ranked candidates; merge variants and glossaries.

An entry is one concept: its preferred English form and the variants that name the same
thing (acronym, case, plural, hyphenation, word order, wording), its Chinese rendering
with the runners-up, frequencies, score, category and a few contexts.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace
from typing import Iterable, Sequence

from termalign.model import Glossary, GlossaryEntry, Lang, TermCategory, TermContext, TermStatus
from termalign.terms.candidates_en import EnCandidate, Source
from termalign.terms.heads import COMPLEMENT_START, NAMING_KINDS, HeadKind, head_kind, phrase_head, zh_head_kind
from termalign.terms.pairing import Rendering
from termalign.text import english

# Persons are recognised from the document's participants and their title words; institutions
# and programmes by their head noun (`heads`), in English or, for a phrase in lower case, in Chinese.
_PERSON_TITLES = frozenset("comrade president premier secretary minister mr mrs ms dr".split())

_STATUS_RANK = {TermStatus.APPROVED: 2, TermStatus.CANDIDATE: 1, TermStatus.DEPRECATED: 0}
MAX_CONTEXTS = 3


@dataclass(slots=True)
class Draft:
    """An entry being built: the candidate, its forms and its Chinese, before ids are given."""

    candidate: EnCandidate
    score: float
    variants: Counter[str] = field(default_factory=Counter)  # other forms of the term itself
    related: Counter[str] = field(default_factory=Counter)  # longer phrases it was met in, folded into it
    zh: list[Rendering] = field(default_factory=list)
    sentences: list[int] = field(default_factory=list)

    @property
    def best_zh(self) -> str:
        return self.zh[0].text if self.zh else ""

    @property
    def fit(self) -> float:
        """How well the dictionary relates the term to its best rendering (0 without one)."""
        return self.zh[0].fit if self.zh else 0.0


def content_words(key: str) -> frozenset[str]:
    return frozenset(w for w in key.split() if w not in english.STOPWORDS)


def category(candidate: EnCandidate, persons: frozenset[str], zh: str = "") -> TermCategory:
    words = candidate.surface.replace('"', " ").split()
    lower = [w.lower().strip("'’s") for w in words]
    if candidate.surface in persons or (lower and lower[0] in _PERSON_TITLES):
        return TermCategory.PERSON
    named = candidate.source in (Source.NAME, Source.ACRONYM, Source.NOUN_PHRASE)
    kinds = {candidate.head, head_kind(phrase_head(words))}
    if named and (HeadKind.INSTITUTION in kinds or (candidate.source is Source.NOUN_PHRASE and zh_head_kind(zh) is HeadKind.INSTITUTION)):
        return TermCategory.INSTITUTION
    if candidate.source is Source.ACRONYM:
        return TermCategory.ACRONYM
    if candidate.source in (Source.NAME, Source.QUOTED) or (candidate.source is Source.NOUN_PHRASE and HeadKind.PROGRAMME in kinds):
        return TermCategory.PROGRAMME
    return TermCategory.DOMAIN


def merge_drafts(drafts: list[Draft], absorbed: dict[str, str] | None = None) -> list[Draft]:
    """Fold variants into the better-ranked draft (`drafts` is best first); `absorbed`, when
    given, records where each draft that did not stay went (its key → the key of its home).

    - same content words in any order or spelling ("value added" / "added value", plural,
      case, hyphenation) → variant;
    - same Chinese rendering and mostly the same words (Dice ≥ 0.6 on content words) → variant;
    - same Chinese rendering, and the words of one are all in the other: one concept, named by
      the wording whose words explain the rendering better (dictionary fit). A longer wording
      that explains no better is a term in context ("application of the industrial internet"):
      dropped. A shorter one that explains worse is a fragment: the shared core of several
      nested official phrases ("designated size", in four longer phrases, 规模以上工业), whose
      salience passes to the wording that names it ("industries above the designated size");
    - same Chinese rendering and the same modifiers on another head ("manufacturing sector" /
      "manufacturing industry") → variant;
    - a noun phrase met once that is a candidate with a complement → a related phrase of that
      candidate, and so is a recurrent "A of the B" rendered B's Chinese then A's, which takes
      A's place when it ranks better (`_fold_contexts`);
    - a noun phrase that is a candidate with one word more, rendered as it → a related phrase
      (`_nested_form`), or a variant when the word is a sector word (`_sector_form`).
    """
    log: dict[str, str] = {} if absorbed is None else absorbed
    drafts = _fold_contexts(drafts, log)
    kept: list[Draft] = []
    for draft in drafts:
        words = content_words(draft.candidate.key)
        home: Draft | None = None
        into: Counter[str] | None = None  # where the draft's forms go: the home's variants or related phrases
        for other in kept:
            other_words = content_words(other.candidate.key)
            same_zh = bool(draft.best_zh) and draft.best_zh == other.best_zh
            wording = (
                same_zh and min(len(words), len(other_words)) >= 3 and not (words <= other_words or other_words <= words)
                and _dice(words, other_words) >= 0.6
            )
            if words == other_words or wording or (same_zh and _other_head(draft.candidate.key, other.candidate.key)):
                home, into = other, other.variants
            elif _nested_form(draft, other, words, other_words):
                home = other
                into = other.variants if _sector_form(draft.candidate.key, other.candidate.key) else other.related
            elif same_zh and words < other_words and draft.candidate.source is Source.PHRASE and other.candidate.source is Source.PHRASE:
                home, into = other, other.variants  # a shorter wording of the same concept ("specialized and sophisticated SMEs")
            elif same_zh and words < other_words and other.fit > draft.fit:
                home = other  # a fragment of a better-explained wording
            elif same_zh and draft.candidate.source is Source.PHRASE and any(
                form and form < words for form in (other_words, _acronym_words(other))
            ):
                if other_words < words and draft.fit > other.fit and other.candidate.source is Source.PHRASE:
                    kept[kept.index(other)] = draft  # the better name of the concept takes the fragment's place
                    draft.score = max(draft.score, other.score)
                    log[other.candidate.key] = draft.candidate.key
                    home = draft
                else:
                    home = other
            if home is not None:
                break
        if home is None:
            kept.append(draft)
            continue
        if home is not draft:
            log[draft.candidate.key] = home.candidate.key
        if into is not None:
            _take_forms(draft, home, into)
    return kept


def _take_forms(draft: Draft, home: Draft, into: Counter[str]) -> None:
    """`draft` joins `home`: its own forms (its surface and variants) go `into` the home's variants
    or related phrases, its related phrases and sentences to the home's."""
    for spelling, n in (draft.variants + Counter({draft.candidate.surface: draft.candidate.freq})).items():
        into[spelling] += n
    home.related.update(draft.related)
    home.sentences.extend(i for i in draft.sentences if i not in home.sentences)


# The words a branch of the economy is named with or without ("equipment manufacturing" /
# "equipment manufacturing industry"): adding one is another form of the same term.
_SECTOR_WORDS = frozenset({"industry", "sector"})


def _sector_form(key: str, other: str) -> bool:
    """`key` is `other` with a sector word after it: a form of the term, not a longer phrase."""
    words, other_words = key.split(), other.split()
    return len(words) == len(other_words) + 1 and words[:-1] == other_words and english.lemma(words[-1]) in _SECTOR_WORDS


def _nested_form(draft: Draft, other: Draft, words: frozenset[str], other_words: frozenset[str]) -> bool:
    """A noun phrase met once that is a better-ranked term with one word more, and that the
    Chinese renders as that term ("equipment manufacturing industry", 装备制造业, beside
    "equipment manufacturing"): a variant of it, not another line. Its rendering may run on after
    the term's, into the sentence (装备制造业|增长), but a Chinese modifier comes first: 关键信息基础设施
    for "critical information infrastructure" is another term than 信息基础设施."""
    return (
        draft.candidate.source is Source.NOUN_PHRASE and bool(other.best_zh) and len(other_words) >= 2
        and other_words < words and len(words - other_words) == 1
        and draft.best_zh.startswith(other.best_zh)
    )


def _other_head(key: str, other: str) -> bool:
    """The same modifiers on another head, for the same Chinese: the English alternates heads
    for one concept ("manufacturing sector" / "manufacturing industry", both 制造业)."""
    words, other_words = key.split(), other.split()
    return len(words) == len(other_words) >= 2 and words[:-1] == other_words[:-1] and words[-1] != other_words[-1]


def _fold_contexts(drafts: list[Draft], log: dict[str, str]) -> list[Draft]:
    """Fold a noun phrase met once that is another candidate with a complement into that
    candidate, as a related phrase: "installed capacity of power batteries" is the term "installed
    capacity" in a context and does not take a line of its own (a recurrent one does: "value
    added of industrial enterprises above the designated size" is an indicator), unless its
    Chinese shows the context (`_context_of`). A programme or a body takes its complement into
    its name ("action plan to improve energy efficiency in industries" is no "action plan" in a
    context)."""
    by_key = {d.candidate.key: d for d in drafts}
    folded: set[int] = set()
    moved: dict[int, Draft] = {}  # id of a folded context → the term that takes its place
    for draft in drafts:
        candidate = draft.candidate
        if candidate.source is Source.PHRASE:
            head = _context_of(draft, by_key)
            if head is not None and id(head) not in folded:
                _fold(draft, head, folded, log)
                if draft.score > head.score:  # the term takes the better place of its context
                    head.score = draft.score
                    moved[id(draft)] = head
            continue
        if candidate.source is not Source.NOUN_PHRASE or candidate.head in NAMING_KINDS:
            continue
        words = candidate.key.split()
        for split in range(len(words) - 2, 0, -1):
            head = by_key.get(" ".join(words[:split]))
            if words[split] in COMPLEMENT_START and head is not None and head is not draft:
                _fold(draft, head, folded, log)
                break
    kept: list[Draft] = []
    seen: set[int] = set()
    for draft in drafts:
        if id(draft) in folded and id(draft) not in moved:
            continue
        draft = moved.get(id(draft), draft)
        if id(draft) not in seen:  # a term moved up is not kept again at its own place
            seen.add(id(draft))
            kept.append(draft)
    return kept


def _fold(draft: Draft, term: Draft, folded: set[int], log: dict[str, str]) -> None:
    """`draft`, a phrase the term was met in, is grouped under `term`: its form and count join
    the term's related phrases (not its variants: "installed capacity of power batteries" is no
    other name of "installed capacity"), its sentences the term's."""
    _take_forms(draft, term, term.related)
    folded.add(id(draft))
    log[draft.candidate.key] = term.candidate.key


def _context_of(draft: Draft, by_key: dict[str, Draft]) -> Draft | None:
    """The term of which a recurrent phrase is a context, by its Chinese: "A of the B" rendered as
    B's rendering then A's (制造业 + 绿色低碳转型 for "green and low-carbon transformation of the
    manufacturing industry") is the term A said of B, when A is no measure, programme or body,
    which take their complement into their name ("value added of industrial enterprises above the
    designated size" is an indicator of its own)."""
    words = draft.candidate.key.split()
    for split in range(1, len(words) - 1):
        if words[split] not in COMPLEMENT_START:
            continue
        head = by_key.get(" ".join(words[:split]))
        rest = words[split + 1 :]
        complement = by_key.get(" ".join(rest[1:] if rest[:1] == ["the"] else rest))
        if head is None or complement is None or head is draft or not head.best_zh or not complement.best_zh:
            continue
        if head.candidate.head is not None or head_kind(head.candidate.surface.split()[-1]) is not None:
            continue
        if draft.best_zh == complement.best_zh + head.best_zh:
            return head
    return None


def _dice(a: frozenset[str], b: frozenset[str]) -> float:
    return 2 * len(a & b) / (len(a) + len(b)) if a or b else 0.0


def _acronym_words(draft: Draft) -> frozenset[str]:
    acronym = draft.candidate.acronym
    return frozenset({english.lemma(acronym.lower())}) if acronym else frozenset()


def pick_contexts(
    sentences: Sequence[int],
    en_text: dict[int, tuple[str, str]],
    zh_of: dict[int, list[tuple[str, str]]],
    zh_term: str,
    document: str,
    zh_document: str,
) -> list[TermContext]:
    """Up to three English example sentences (the shorter first among the first few
    occurrences), each followed by the Chinese sentence that renders it, if it holds `zh_term`."""
    distinct = list(dict.fromkeys(sentences))
    chosen = sorted(distinct[:8], key=lambda i: (len(en_text[i][1]) > 300, distinct.index(i)))[:MAX_CONTEXTS]
    contexts: list[TermContext] = []
    for index in sorted(chosen):
        segment_id, text = en_text[index]
        contexts.append(TermContext(segment_id, text, Lang.EN, document))
        if zh_term:
            for zh_id, zh_text in zh_of.get(index, []):
                if zh_term in zh_text:
                    contexts.append(TermContext(zh_id, zh_text, Lang.ZH, zh_document))
                    break
    return contexts


def to_entry(
    number: int,
    draft: Draft,
    *,
    persons: frozenset[str],
    contexts: list[TermContext],
    zh_freq: int,
    sources: list[str],
) -> GlossaryEntry:
    candidate = draft.candidate
    en = candidate.surface
    variants = [v for v, _ in draft.variants.most_common() if v != en]
    if candidate.acronym and candidate.acronym not in variants:
        variants.insert(0, candidate.acronym)
    related = [v for v, _ in draft.related.most_common() if v != en and v not in variants]
    alternatives = [c.text for c in draft.zh[1:]]
    return GlossaryEntry(
        id=f"T{number:04d}",
        en=en,
        zh=draft.best_zh,
        en_variants=list(dict.fromkeys(variants)),
        en_related=list(dict.fromkeys(related)),
        category=category(candidate, persons, draft.best_zh),
        freq_en=len(draft.sentences) if draft.sentences else candidate.freq,
        freq_zh=zh_freq,
        score=round(draft.score, 3),
        status=TermStatus.CANDIDATE,
        contexts=contexts,
        sources=sources,
        note=("other renderings: " + ", ".join(alternatives)) if alternatives else "",
        zh_candidates=[r.candidate() for r in draft.zh],
    )


# ---------------------------------------------------------------- merging glossaries


def entry_keys(entry: GlossaryEntry) -> set[str]:
    """Normalised forms an entry answers to (its English and English variants)."""
    return {english.term_key(form) for form in entry.en_forms if form}


def merge_glossaries(glossaries: Iterable[Glossary]) -> Glossary:
    """One glossary from several (one per document): entries naming the same term merge.

    Frequencies add up, variants, sources and contexts are united (contexts up to three per
    language), the Chinese of an approved entry wins over a candidate's, and otherwise the
    Chinese of the entry with the higher score; a rendering one glossary deprecates stays
    deprecated. Entries are renumbered by score.
    """
    merged: list[GlossaryEntry] = []
    index: dict[str, GlossaryEntry] = {}
    names: list[str] = []
    for glossary in glossaries:
        names.append(glossary.name)
        for entry in glossary.entries:
            keys = entry_keys(entry)
            home = next((index[k] for k in keys if k in index), None)
            if home is None:
                home = _copy(entry)
                merged.append(home)
            else:
                _absorb(home, entry)
            for key in entry_keys(home):
                index[key] = home
    merged.sort(key=lambda e: (-_STATUS_RANK[e.status], -e.score, e.en.lower()))
    for number, entry in enumerate(merged, 1):
        entry.id = f"T{number:04d}"
    return Glossary(merged, name=" + ".join(n for n in names if n))


def _copy(entry: GlossaryEntry) -> GlossaryEntry:
    return replace(
        entry,
        en_variants=list(entry.en_variants),
        en_related=list(entry.en_related),
        zh_variants=list(entry.zh_variants),
        zh_deprecated=list(entry.zh_deprecated),
        contexts=list(entry.contexts),
        sources=list(entry.sources),
        zh_candidates=list(entry.zh_candidates),
    )


def _absorb(home: GlossaryEntry, other: GlossaryEntry) -> None:
    better = _STATUS_RANK[other.status] > _STATUS_RANK[home.status] or (
        other.status == home.status and other.score > home.score and not home.zh
    )
    if other.zh and (not home.zh or better):
        if home.zh and home.zh != other.zh:
            home.zh_variants.append(home.zh)
        home.zh = other.zh
    elif other.zh and other.zh != home.zh:
        home.zh_variants.append(other.zh)
    if _STATUS_RANK[other.status] > _STATUS_RANK[home.status]:
        home.status = other.status
    for form in other.en_forms:
        if form != home.en and form not in home.en_variants:
            home.en_variants.append(form)
    home.en_related = [r for r in dict.fromkeys(home.en_related + other.en_related) if r not in home.en_forms]
    home.zh_variants = [z for z in dict.fromkeys(home.zh_variants + other.zh_variants) if z != home.zh]
    home.zh_deprecated = list(dict.fromkeys(home.zh_deprecated + other.zh_deprecated))
    home.zh_variants = [z for z in home.zh_variants if z not in home.zh_deprecated]
    home.freq_en += other.freq_en
    home.freq_zh += other.freq_zh
    home.score = max(home.score, other.score)
    home.sources = list(dict.fromkeys(home.sources + other.sources))
    for lang in (Lang.EN, Lang.ZH):
        have = [c for c in home.contexts if c.lang == lang]
        for context in other.contexts:
            if context.lang == lang and len(have) < MAX_CONTEXTS and context not in have:
                have.append(context)
                home.contexts.append(context)
    if other.note and other.note not in home.note:
        home.note = "; ".join(n for n in (home.note, other.note) if n)
    seen = {c.text for c in home.zh_candidates}
    home.zh_candidates.extend(c for c in other.zh_candidates if c.text not in seen)
    if home.category == TermCategory.DOMAIN and other.category != TermCategory.DOMAIN:
        home.category = other.category
