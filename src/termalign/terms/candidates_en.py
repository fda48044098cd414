"""English term candidates without a part-of-speech model.

Five sources, each a kind of evidence that a stretch of words is a name for something:

- *recurrent phrases*: word n-grams (up to `MAX_WORDS`) that recur, do not cross punctuation,
  auxiliaries, pronouns, possessives or number mentions (`text.numbers`: "4 trillion", "from
  January to November"), and begin and end with a content word (not a stopword, adverb, word
  this text uses as a verb, deictic or evaluative adjective — "last", "relevant", "steady" —
  and not beginning with a gerund: "promoting green …"; no phrase ends with a word that always
  modifies another, "mobile", "industrial", or crosses a complex preposition, "in terms of").
  Official phrases are formulaic, so
  they recur word for word; internal function words are allowed ("industries above the
  designated size", "specialized and sophisticated SMEs that produce new and unique products");
- *acronym definitions* ("small- and medium-sized enterprises (SMEs)"), see `acronyms`; an
  acronym's uses count for its long form, except inside a longer name (CPC in "CPC Central
  Committee");
- *quoted names* with their head noun ('"Double Gigabit" networks', '"5G+Industrial Internet"
  512 Project'), and quoted titles whole;
- *capitalised names* (National Development and Reform Commission, 14th Five-Year Plan); a
  body "of the" another body names two (Press Bureau | State Council Information Office);
- *noun phrases met once that their form marks* (`_PhraseReader`): a head noun that names a
  kind of thing (`heads`: "… alliance", "… plan", "… value"), with the complements a wide head
  needs ("implementation plan for carbon peak in the industrial sector", "policy package on
  stabilizing economy"); a word of technical vocabulary ("silicon heterojunction cells"); a code
  ("C919 large passenger aircraft", "AI chips"); an item of a list after "such as",
  "including", "concerning" (Hearst 1992: "technologies concerning laser radar, AI chips, and
  intelligent cabins").

Nothing here knows any particular term. Which words act as verbs is learned from the text
itself: a word that mostly follows "to", "will", "we", "has"… is a verb in this text; an -ing
form of one that never follows an article is a gerund.

Ranking: C-value (Frantzi, Ananiadou & Mima 2000) for unithood with nesting, to the power 0.8
(so that a name met once competes with a phrase met often), times weirdness against general
English (wordfreq) for termhood, times what the form says (`_form_weight`: a name of a body,
a quoted name, an acronym definition, a marked phrase). Nested official phrases: a phrase
that always stands after one preposition ("designated size" in "above the designated size")
is the shared core of the longer phrases that contain it, and passes its rank to the shortest
("industries above the designated size"); a term put in a context ("large-scale application
of the industrial internet", "development of SMEs") is ranked down, unless its head is a
term of its own ("value added of industrial enterprises above the designated size") or names a
programme or a body, which takes its complement into its name ("industry alliance for the
industrial internet").
"""

from __future__ import annotations

import functools
import itertools
import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Iterable, NamedTuple, Sequence

import regex
import wordfreq

from termalign.progress import NO_PROGRESS, Progress
from termalign.terms.acronyms import find_acronym_definitions, is_acronym
from termalign.terms.heads import COMPLEMENT_START, DOCUMENT_HEADS, NAMING_KINDS, HeadKind, head_kind, needs_modifier, phrase_head
from termalign.text import english
from termalign.text.names import is_pinyin
from termalign.text.numbers import extract_numbers

MAX_WORDS = 12  # longest recurrent phrase looked for ("specialized and sophisticated SMEs that…")


class Source(StrEnum):
    PHRASE = "phrase"
    ACRONYM = "acronym"  # the long form of an acronym definition
    QUOTED = "quoted"
    NAME = "name"
    NOUN_PHRASE = "noun phrase"  # met once, marked by its head, a technical word, a code, or a list it stands in


@dataclass(slots=True)
class EnCandidate:
    key: str  # normalised words (lower case, lemmatised), joined by spaces
    words: int
    source: Source
    freq: int = 0
    surfaces: Counter[str] = field(default_factory=Counter)
    sentences: list[int] = field(default_factory=list)  # sentence indices, one per occurrence
    acronym: str = ""  # for an acronym's long form: the short form ("SMEs")
    head: HeadKind | None = None  # what its head noun says it names (institution, programme, measure)
    evidence: str = ""  # for a noun phrase met once: what marks it ("head", "technical", "code", "listed")
    governed_by: Counter[str] = field(default_factory=Counter)  # the preposition before each occurrence ("" for none)
    cvalue: float = 0.0
    termhood: float = 0.0
    score: float = 0.0

    @property
    def surface(self) -> str:
        """The form to show: the most frequent spelling, lower case preferred on ties."""
        return max(self.surfaces.items(), key=lambda item: (item[1], item[0].islower(), -len(item[0])))[0]


class _Word(NamedTuple):  # a tuple: built for every word of the text, so cheap to make
    text: str
    start: int
    end: int
    key: str
    number: bool = False  # part of a number mention ("4 trillion", "20th", "the first 11 months")
    bound: bool = False  # part of a complex preposition ("in terms of", "as well as")


# ---------------------------------------------------------------- tokens and word classes


def _chunks(text: str) -> list[list[_Word]]:
    """The word runs of a sentence between punctuation marks (hyphens inside words stay);
    words inside a number mention (`text.numbers`: "1.2 trillion", "one-third", "20th") are
    marked, since a quantity is no part of a term ("trillion yuan")."""
    chunks: list[list[_Word]] = []
    current: list[_Word] = []
    previous_end = 0
    numbers = [(m.start, m.end) for m in extract_numbers(text, "en")] if _MAY_HOLD_NUMBER.search(text) else []
    next_number = 0
    bound = [(m.start(), m.end()) for m in _COMPLEX_PREPOSITION.finditer(text)]
    lemma = english.lemma
    for word, start, end in english.word_tokens(text):
        if current and start > previous_end and not text[previous_end:start].isspace():
            chunks.append(current)
            current = []
        in_number = False
        if numbers:
            while next_number < len(numbers) and numbers[next_number][1] <= start:
                next_number += 1
            # a whole token inside a number mention: "trillion" of "4 trillion", not "Five-Year" of "14th Five-Year Plan"
            in_number = next_number < len(numbers) and numbers[next_number][0] <= start and end <= numbers[next_number][1]
        in_preposition = bool(bound) and any(a <= start and end <= b for a, b in bound)
        current.append(_Word(word, start, end, lemma(word.lower()), in_number, in_preposition))
        previous_end = end
    if current:
        chunks.append(current)
    return chunks


# Prepositions of several words: "enterprises | in terms of | sales" holds no phrase "enterprises in terms".
_COMPLEX_PREPOSITION = regex.compile(
    r"\b(?i:in terms of|in accordance with|as well as|in line with|on the basis of|according to|due to|thanks to|"
    r"in addition to|with regard to|in order to|in response to|as a result of|by means of|in the form of)\b"
)

_VERB_CUES = frozenset({"to", "will", "would", "can", "could", "should", "must", "may", "shall", "we", "they", "i",
                        "i'll", "we'll", "we've", "they'll", "i'd", "we'd",
                        "has", "have", "had", "been", "be", "is", "are", "was", "were", "not", "also", "it",
                        "which", "who", "that"})
_NUMBER = regex.compile(r"^[0-9][0-9,.]*%?$")
# Sentences without a digit or a number word hold no number mention (the common case: skip the scan).
_MAY_HOLD_NUMBER = regex.compile(
    r"[0-9]|\b(?i:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|"
    r"hundred|thousand|million|billion|trillion|dozen|half|third|quarter|first|second|fifth|twice|double|triple)"
)


def _is_adverb(word: str) -> bool:
    return len(word) > 4 and word.endswith("ly") and not is_acronym(word)


@dataclass(frozen=True, slots=True)
class WordClasses:
    """What the text itself says about its words (there is no part-of-speech model)."""

    verbs: frozenset[str]  # keys used mostly as verbs: they follow a subject, modal or auxiliary
    verbal_ing: frozenset[str]  # -ing forms of those verbs never after an article: gerunds, which take an object


_ARTICLES = frozenset({"the", "a", "an"})


def _before_number(chunk: list[_Word], position: int) -> bool:
    """Is the word followed by a number, or by "by" and a number ("grew 3.6%", "rose by 5%")?"""
    following = position + 1
    if following >= len(chunk):
        return False
    text = chunk[following].text
    if text[:1].isdigit():
        return bool(_NUMBER.match(text))
    return text in ("by", "at") and following + 1 < len(chunk) and bool(_NUMBER.match(chunk[following + 1].text))


def learn_word_classes(sentences: Iterable[list[list[_Word]]]) -> WordClasses:
    """Verbs, and -ing forms that act as verbs ("promoting green development") rather than as
    adjectives or nouns ("the leading enterprises", "the upgrading of")."""
    after_cue: Counter[str] = Counter()
    seen: Counter[str] = Counter()
    ing_forms: set[str] = set()
    after_article: set[str] = set()
    for chunks in sentences:
        for chunk in chunks:
            previous = ""
            for position, word in enumerate(chunk):
                lower = word.text.lower()
                seen[word.key] += 1
                if word.key.endswith("ing"):
                    ing_forms.add(word.key)
                    if previous in _ARTICLES:
                        after_article.add(word.key)
                if previous in _VERB_CUES or _before_number(chunk, position):
                    if not word.text[:1].isupper() and not _NUMBER.match(lower):
                        after_cue[word.key] += 1
                if not _is_adverb(lower):  # "has thoroughly implemented": look past the adverb
                    previous = lower
    verbs = frozenset(key for key, n in after_cue.items() if n >= 1 and n * 3 >= seen[key] and key not in english.STOPWORDS)
    stems = {english.verb_stem(v) for v in verbs}
    verbal_ing = frozenset(w for w in ing_forms - after_article if english.verb_stem(w) in stems)
    return WordClasses(verbs, verbal_ing)


# ---------------------------------------------------------------- recurrent phrases


class _Corpus:
    """All words of the text as one array of ids; -1 marks a boundary no phrase crosses."""

    def __init__(self, sentences: Sequence[tuple[int, list[list[_Word]]]], classes: WordClasses) -> None:
        self.ids: list[int] = []
        self.sentence: list[int] = []
        self.surface: list[str] = []
        self.vocabulary: dict[str, int] = {}
        self.keys: list[str] = []
        self.edge: list[bool] = []  # can a phrase begin or end with this id?
        self.opens: list[bool] = []  # and begin with it? (not a gerund: "promoting green")
        self.coded: list[bool] = []  # an acronym or a code (5G, COVID-19): a name even where it modifies
        self.plural: list[bool] = []  # first met in the plural
        self.verbal_ing = classes.verbal_ing
        self.verbs = classes.verbs
        for index, chunks in sentences:
            for chunk in chunks:
                for word in chunk:
                    self._add(word, index)
                self._boundary(index)
        self.ends = self._phrase_ends()  # how often each id ends a noun phrase
        # can a phrase end with it? Not with a word met three times or more that nearly always
        # stands before another: a modifier only ("mobile", "industrial", "key")
        self.closes = [
            n < _MODIFIER_ONLY_SEEN or e > _MODIFIER_ONLY_ENDS * n or coded for n, e, coded in zip(self.seen, self.ends, self.coded)
        ]

    def after_subject(self, previous: int, word: int) -> bool:
        """Is `word` an -ed form after a plural noun that ends phrases elsewhere, so a verb after
        its subject ("enterprises invested in …")? A participle after a noun in the singular is
        the fixed "value added"."""
        key = self.keys[word]
        return (
            len(key) > 4 and key.endswith("ed") and not key.endswith("eed") and "-" not in key
            and self.ends[previous] >= 2 and self.plural[previous]
        )

    def _phrase_ends(self) -> list[int]:
        """How often each word ends a noun phrase: before a boundary or a function word other than
        a conjunction ("projects for industrial" and "service capacity of mobile" end with words
        that never do)."""
        self.seen = seen = [0] * len(self.keys)
        ends = [0] * len(self.keys)
        ids, keys = self.ids, self.keys
        for position, word_id in enumerate(ids):
            if word_id == -1:
                continue
            seen[word_id] += 1
            following = ids[position + 1] if position + 1 < len(ids) else -1
            if following == -1 or (keys[following] in english.STOPWORDS and keys[following] not in ("and", "or")):
                ends[word_id] += 1
        return ends

    def _add(self, word: _Word, sentence: int) -> None:
        lower = word.text.lower()
        if word.number or word.bound or lower in _BLOCKERS or _NUMBER.match(lower):
            self._boundary(sentence)
            return
        word_id = self.vocabulary.get(word.key)
        if word_id is None:
            word_id = self.vocabulary[word.key] = len(self.keys)
            self.keys.append(word.key)
            self.edge.append(
                word.key not in english.STOPWORDS and lower not in english.STOPWORDS and word.key not in self.verbs
                and word.key not in _NOT_AT_EDGE and not _is_adverb(lower) and len(lower) > 1
            )
            self.opens.append(word.key not in self.verbal_ing)
            self.coded.append(is_acronym(word.text) or any(ch.isdigit() for ch in word.text))
            self.plural.append(word.key != lower)  # the lemma took off a plural ending
        self.ids.append(word_id)
        self.sentence.append(sentence)
        self.surface.append(word.text)
        if word.text.endswith(_POSSESSIVE):
            self._boundary(sentence)  # "China's | industrial and supply chains": a possessive is a determiner

    def _boundary(self, sentence: int) -> None:
        if self.ids and self.ids[-1] != -1:
            self.ids.append(-1)
            self.sentence.append(sentence)
            self.surface.append("")


_POSSESSIVE = ("'s", "’s", "s'", "s’")
_MODIFIER_ONLY_SEEN = 3  # occurrences after which a word that (nearly) never ends a phrase is a modifier only
_MODIFIER_ONLY_ENDS = 0.03  # "nearly": an enumeration may leave one stranded ("national standards, industrial, and group standards")

# Adjectives that point into the discourse or judge rather than name a kind: deictic time
# ("last year", "next step"), vague reference ("relevant departments", "various measures") and
# praise ("influential platforms", "steady growth"). They may sit inside a term but never begin
# or end one.
_NOT_AT_EDGE = frozenset(
    "last next past previous coming recent latest relevant related respective various certain "
    "corresponding concerned specific particular given numerous influential important significant "
    "remarkable notable outstanding positive effective steady stable strong solid good great sound "
    "higher stronger greater wider better faster larger bigger deeper broader "
    "rapid fast quick sharp slow overall whole main common general normal current full entire healthy "
    "promising favorable favourable precise tremendous huge enormous considerable substantial massive excellent "
    "reliable convenient satisfactory considerate smooth orderly".split()
)

# Words that never sit inside a term: auxiliaries, modals, pronouns.
_BLOCKERS = frozenset(
    "am is are was were be been being has have had having do does did will would shall should can could may "
    "might must we you they i he she it its our their his her us them me my your this these those there "
    "which who whom whose what when where why how not".split()
)


def recurrent_phrases(corpus: _Corpus, *, min_freq: int, max_words: int = MAX_WORDS, progress: Progress = NO_PROGRESS) -> dict[str, EnCandidate]:
    """Word n-grams that occur at least `min_freq` times, found level by level (apriori:
    an n-gram can only be frequent if both its (n-1)-grams are)."""
    ids = corpus.ids
    length = len(ids)
    unigram_counts = Counter(i for i in ids if i != -1)
    positions = [p for p in range(length) if ids[p] != -1 and unigram_counts[ids[p]] >= min_freq]
    found: dict[str, EnCandidate] = {}
    _collect(corpus, positions, 1, found)
    progress.start("recurrent phrases", max_words)
    progress.advance()
    for n in range(2, max_words + 1):
        starts = set(positions)
        counts: Counter[tuple[int, ...]] = Counter()
        extendable = [p for p in positions if p + n <= length and ids[p + n - 1] != -1 and (p + 1) in starts]
        for p in extendable:
            counts[tuple(ids[p : p + n])] += 1
        positions = [p for p in extendable if counts[tuple(ids[p : p + n])] >= min_freq]
        progress.advance()
        if not positions:
            break
        _collect(corpus, positions, n, found)
    progress.finish()
    return found


def _collect(corpus: _Corpus, positions: list[int], n: int, found: dict[str, EnCandidate]) -> None:
    ids, edge, opens, closes = corpus.ids, corpus.edge, corpus.opens, corpus.closes
    for p in positions:
        if not (edge[ids[p]] and opens[ids[p]] and edge[ids[p + n - 1]] and closes[ids[p + n - 1]]):
            continue
        if n > 1 and corpus.after_subject(ids[p + n - 2], ids[p + n - 1]):
            continue  # "enterprises invested": a subject and its verb
        key = " ".join(corpus.keys[i] for i in ids[p : p + n])
        candidate = found.get(key)
        if candidate is None:
            candidate = found[key] = EnCandidate(key, n, Source.PHRASE)
        candidate.freq += 1
        candidate.sentences.append(corpus.sentence[p])
        if n > 1:
            before = p - 1 if p > 0 and corpus.surface[p - 1].lower() not in _ARTICLES else p - 2
            candidate.governed_by[corpus.surface[before].lower() if before >= 0 and ids[before] != -1 else ""] += 1
        # spell it as written where it stands alone (not as a modifier of a following word)
        follower = p + n
        standalone = follower >= len(ids) or ids[follower] == -1 or not edge[ids[follower]]
        candidate.surfaces[" ".join(corpus.surface[p : p + n])] += 2 if standalone else 1


# ---------------------------------------------------------------- marked forms


_QUOTED = regex.compile(r'["“](?P<name>[^"“”\n]{2,160}?)["”]')


def quoted_names(text: str, *, with_offsets: bool = False) -> list:
    """(name as written, key) for each quoted name with its head words ('"Double Gigabit" networks'),
    and its start and end offsets with `with_offsets`.

    A quotation that is a sentence or has more than six words is a quote, not a name, unless
    it is a title: every content word capitalised ('"Measures for Assisting in Growth
    Stabilization, Structural Adjustment, and Capacity Enhancement of MSMEs."'), taken whole.
    """
    names: list = []
    for match in _QUOTED.finditer(text):
        inner = match.group("name").strip()
        words = english.word_tokens(inner)
        if not words:
            continue
        title = _is_title(words)
        if title and inner[-1] in ".,;:!?":  # a title quoted as a sentence: the title alone, unquoted
            written = inner.rstrip(".,;:!? ")
            key = " ".join(english.lemma(w.text.lower()) for w in english.word_tokens(written))
            names.append((written, "q: " + key, match.start(), match.end()) if with_offsets else (written, "q: " + key))
            continue
        if (len(words) > 6 and not title) or inner[-1] in ".,;:!?":
            continue
        head = _head_words(text, match.end())
        end = head[1] if head else match.end()
        written = text[match.start() : end].replace("“", '"').replace("”", '"')
        key = " ".join(english.lemma(w.text.lower()) for w in english.word_tokens(written))
        names.append((written, "q: " + key, match.start(), end) if with_offsets else (written, "q: " + key))
    return names


def _is_title(words: Sequence[english.WordToken]) -> bool:
    """Four or more words, every one that is not a function word capitalised."""
    content = [w.text for w in words if w.text.lower() not in english.STOPWORDS]
    return len(words) >= 4 and len(content) >= 3 and all(w[:1].isupper() or w[:1].isdigit() for w in content)


def _head_words(text: str, position: int) -> tuple[int, int] | None:
    """The head noun after a quoted name: one content word, or a number and a capitalised word."""
    following = english.word_tokens(text[position : position + 40])
    if not following or text[position : position + following[0].start].strip():
        return None
    first = following[0]
    lower = first.text.lower()
    if _NUMBER.match(lower) and len(following) > 1 and following[1].text[:1].isupper():
        if not text[position + first.end : position + following[1].start].strip():
            return position, position + following[1].end
        return None
    if lower in english.STOPWORDS or lower in _BLOCKERS or _NUMBER.match(lower) or _is_adverb(lower):
        return None
    return position, position + first.end


_CONNECTORS = frozenset({"of", "and", "for", "on", "the", "in", "to"})


def capitalised_names(chunks: list[list[_Word]], lowercase: frozenset[str] = frozenset()) -> list[list[_Word]]:
    """Runs of capitalised words, joined by of/and/for/on/the/in/to, with two or more capitalised words.

    The first word of a sentence is capitalised anyway: it starts a name only if the text
    never writes it in lower case (`lowercase`: words seen in lower case) and it is no stopword.
    Month names belong to dates ("from January to November"), not names; ordinals start names
    ("14th Five-Year Plan").
    """
    names: list[list[_Word]] = []
    for chunk_index, chunk in enumerate(chunks):
        run: list[_Word] = []
        position = 0
        while position < len(chunk):
            word = chunk[position]
            lower = word.text.lower()
            sentence_start = chunk_index == 0 and position == 0
            if _capitalised(word.text) and not word.bound and not (word.number and not _ORDINAL.match(word.text)) and not (
                sentence_start and (lower.split("'")[0].split("’")[0] in english.STOPWORDS or word.key in lowercase or lower in _BLOCKERS)
            ):
                run.append(word)
            elif run and word.text in _CONNECTORS and _joins_capitalised(chunk, position):
                run.append(word)
                if position + 1 < len(chunk) and chunk[position + 1].text == "the":
                    run.append(chunk[position + 1])
                    position += 1
            else:
                _close_name(run, names)
                run = []
            position += 1
        _close_name(run, names)
    return names


def _joins_capitalised(chunk: list[_Word], position: int) -> bool:
    """A connector ("of", "and") or a preposition with "the" ("of the"), then a capitalised
    word that is not an acronym after "the" ("… Coordination of the MIIT" names two things)."""
    word = chunk[position].text
    if word == "the":  # after a verb in a title: "Guidelines for Accelerating the Green…"
        return position + 1 < len(chunk) and _capitalised(chunk[position + 1].text)
    following = position + 1
    if word != "and" and following < len(chunk) and chunk[following].text == "the":
        following += 1
        if following < len(chunk) and is_acronym(chunk[following].text):
            return False
    return following < len(chunk) and _capitalised(chunk[following].text)


_ORDINAL = regex.compile(r"^[0-9]+(?:st|nd|rd|th)$")


def _capitalised(word: str) -> bool:
    return word[:1].isupper() or (word[:1].isdigit() and bool(_ORDINAL.match(word)))


def _close_name(run: list[_Word], names: list[list[_Word]]) -> None:
    while run and run[-1].text in _CONNECTORS:
        run.pop()
    if sum(1 for w in run if w.text not in _CONNECTORS) >= 2:
        names.extend(_bodies(run))


def _bodies(run: list[_Word]) -> list[list[_Word]]:
    """A name of a body "of the" another body names two ("Press Bureau | of the | State Council
    Information Office"); any other name is one."""
    for position in range(1, len(run) - 2):
        if run[position].text == "of" and run[position + 1].text == "the" and head_kind(run[position - 1].text) is HeadKind.INSTITUTION:
            rest = run[position + 2 :]
            if len(rest) >= 2 and head_kind(rest[-1].text) is HeadKind.INSTITUTION:
                return [part for part in (run[:position], rest) if sum(1 for w in part if w.text not in _CONNECTORS) >= 2]
    return [list(run)]


# ---------------------------------------------------------------- noun phrases marked by their form


# Words that end a noun phrase though a tagger-less reader might take them for nouns: prepositions
# in -ing form ("MIIT regarding energy saving", "technologies concerning laser radar").
_PREPOSITIONAL = frozenset("regarding concerning including involving according excluding following".split())
# Prepositions that attach a complement to a head of each kind: "catalog of …", "plan for …",
# "plan to improve …" (programmes), "alliance for …", "office of …" (bodies), "consumption per unit
# of …" (measures; a definite complement is a context there: "growth rate of the added value").
# A one-word head takes its first complement with of, for or to ("plans in the sector" is a context).
_COMPLEMENTS = {
    HeadKind.PROGRAMME: frozenset({"of", "for", "on", "to", "in"}),
    HeadKind.INSTITUTION: frozenset({"of", "for", "on"}),
    HeadKind.MEASURE: frozenset({"of", "per"}),
}
_FIRST_COMPLEMENTS = frozenset({"of", "for", "to", "per"})
_CLASSIFIERS = frozenset({"type", "kind", "sort", "form", "variety", "category", "class"})
_MAX_COMPLEMENTS = 4
# Hearst (1992): the items after "such as" and "including" are instances of a kind ("key
# technologies, including new types of batteries, automotive-grade chips, and automotive
# operating systems"), so each is a name for something.
_LIST_CUES = ("such as", "including", "concerning")
_COMMON_WORD = 1e-5  # general-English frequency (Zipf 4) above which a word is everyday vocabulary
# Noun phrases that nothing in their form marks are looked at only with a Chinese side to vouch
# for them, from two words ("top-level design") to three (longer ones are mostly descriptions).
_MIN_UNMARKED = 2
_MAX_UNMARKED = 3
_RARE_NOUN = 10**-6.2  # a single word met once is a term only when rarer still (Zipf 2.8: azvudine, polysilicon)


_MAX_TITLE_WORDS = 20
_BEFORE_ADJECTIVE = frozenset({"of", "and", "the", "for", "a", "an"})  # "of | selected and | recommended …"
_TIME_ADJUNCTS = frozenset({"during", "since", "until", "before", "after", "from"})


@dataclass(frozen=True, slots=True)
class NounPhrase:
    words: tuple[_Word, ...]
    evidence: str  # "head", "technical", "code", "listed" or "title"
    head: HeadKind | None


class _PhraseReader:
    """Reads the noun phrases of a sentence: runs of nominal words (no function word, verb,
    adverb, possessive or number), with the complements of a classed head."""

    def __init__(
        self, classes: WordClasses, known: frozenset[tuple[str, ...]], nominal_ing: frozenset[str], corpus: _Corpus
    ) -> None:
        self.classes = classes
        self.modifiers = frozenset(k for k, closes in zip(corpus.keys, corpus.closes) if not closes)  # "mobile", "key"
        self.heads = frozenset(k for k, n in zip(corpus.keys, corpus.ends) if n >= 2)  # words that end phrases
        self.known = known  # word keys of the recurrent phrases, which may hold function words
        lengths: dict[str, set[int]] = defaultdict(set)
        for phrase in known:
            lengths[phrase[0]].add(len(phrase))
        self.known_lengths = {first: sorted(n, reverse=True) for first, n in lengths.items()}
        self._nominal_words: dict[tuple[str, str], bool] = {}
        self._technical_words: dict[tuple[str, str, bool], bool] = {}
        self.nominal_ing = nominal_ing  # -ing words the text uses as nouns or adjectives
        self.qualifiers = _qualifiers(known)  # "above the designated size"
        self.general = _general_english()

    def nominal(self, word: _Word) -> bool:
        if word.number or word.bound:
            return False
        known = self._nominal_words.get((word.text, word.key))
        if known is None:
            lower = word.text.lower()
            known = self._nominal_words[(word.text, word.key)] = not (
                lower in _BLOCKERS or lower in english.STOPWORDS or word.key in english.STOPWORDS
                or word.key in self.classes.verbs or lower in _PREPOSITIONAL or _is_adverb(lower) or bool(_NUMBER.match(lower))
                or word.text.endswith(_POSSESSIVE)
            )
        return known

    def run_from(self, chunk: list[_Word], start: int, *, in_complement: bool = False) -> int:
        """End of the nominal run that begins at `start`. A recurrent phrase is taken whole, with
        its function words ("key | antipyretic and analgesic drugs"). "A and B C" shares the head
        when A is one word and "B C" no phrase of its own ("antipyretic and analgesic drugs", not
        "5G and gigabit optical networks"); in a complement, two coordinated heads share it
        ("guidance for integration and application of …") when the second is a word that ends
        noun phrases elsewhere (not a verb the text uses once: "cities | and summarize"). A
        plural acronym is a head, never a modifier ("SMEs | connect …")."""
        end = start
        while end < len(chunk):
            known = self.known_from(chunk, end)
            if known > end + 1 and any(w.key in english.STOPWORDS for w in chunk[end:known]):
                end = known
            elif self.nominal(chunk[end]):
                if end > start and self._past_tense(chunk, end):
                    break  # "the equipment manufacturing industry | registered fast growth"
                end += 1
                if is_acronym(chunk[end - 1].text) and chunk[end - 1].text.endswith("s"):
                    break
                if chunk[end - 1].key in _CLASSIFIERS and end + 1 < len(chunk) and chunk[end].text == "of" and self.nominal(chunk[end + 1]):
                    end += 1  # "new types | of | batteries": the head is what the classifier sorts
            elif (
                chunk[end].text in ("and", "or") and end == start + 1 and end + 1 < len(chunk)
                and self.nominal(chunk[end + 1]) and self.known_from(chunk, end + 1) == end + 1
                and ((in_complement and chunk[end + 1].key in self.heads) or (end + 2 < len(chunk) and self.nominal(chunk[end + 2])))
            ):
                end += 1
            else:
                break
        return end

    def _past_tense(self, chunk: list[_Word], position: int) -> bool:
        """An -ed word after a noun that ends phrases, with words after it (other than "of": "the
        value added of …"), is a verb after its subject."""
        word = chunk[position]
        key = word.key
        return (
            len(key) > 4 and key.endswith("ed") and not key.endswith("eed") and "-" not in key
            and chunk[position - 1].key in self.heads and position + 1 < len(chunk) and chunk[position + 1].text != "of"
        )

    def trimmed(self, chunk: list[_Word], start: int, end: int) -> tuple[int, int]:
        """The run without the words that do not begin or end a term: judging and pointing
        adjectives ("various", "latest"), gerunds ("alleviating loan difficulties"), a leading
        manner participle ("self-developed silicon heterojunction cells"), and a trailing verb
        form ("the designated size fluctuated", "obstacles hindering")."""
        while start < end and self._not_first(chunk[start], end - start):
            start += 1
        while end > start and self._not_last(chunk, start, end):
            end -= 1
        return start, end

    def _not_first(self, word: _Word, length: int) -> bool:
        key = word.key
        if key in _NOT_AT_EDGE or key in self.classes.verbal_ing:
            return True
        if key.endswith("ing") and key not in self.nominal_ing and length >= 2:
            return True
        return "-" in word.text and key.endswith(("ed", "en")) and length >= 3

    def _not_last(self, chunk: list[_Word], start: int, end: int) -> bool:
        key = chunk[end - 1].key
        if key in _NOT_AT_EDGE or key in self.modifiers:
            return True
        if end - start >= 2 and len(key) > 4 and key.endswith("ed") and not key.endswith("eed"):
            return True
        return end - start >= 2 and key.endswith("ing") and chunk[end - 2].text.endswith("s")

    def known_from(self, chunk: list[_Word], start: int) -> int:
        """End of the longest recurrent phrase that begins at `start` (start if none)."""
        if start >= len(chunk):
            return start
        for length in self.known_lengths.get(chunk[start].key, ()):
            if length >= 2 and start + length <= len(chunk) and tuple(w.key for w in chunk[start : start + length]) in self.known:
                return start + length
        return start

    def complements(self, chunk: list[_Word], start: int, end: int, kind: HeadKind) -> int:
        """End of the head's complements: "plan | for carbon peak | in the industrial sector". A
        recurrent phrase is a unit: the complements stop where one ends."""
        allowed = _COMPLEMENTS[kind]
        for number in range(_MAX_COMPLEMENTS):
            if end >= len(chunk) or chunk[end].text not in allowed:
                break
            if number == 0 and end - start == 1 and chunk[end].text not in _FIRST_COMPLEMENTS:
                break
            position = end + 1
            if position < len(chunk) and chunk[position].text == "the":
                if kind is HeadKind.MEASURE:
                    break
                position += 1
            if position < len(chunk) and (
                (chunk[end].text == "to" and number == 0 and chunk[position].key in self.classes.verbs)
                or chunk[position].key in self.classes.verbal_ing
            ):
                position += 1  # "to improve …", "on stabilizing …", "for promoting …"
                if position < len(chunk) and chunk[position].text == "the":
                    position += 1
            if kind is HeadKind.PROGRAMME and number > 0 and self._count_of_targets(chunk, position):
                position += 1  # a campaign names what it covers: "… in 1,000 industrial parks of 100 cities" (百城千园行)
            stop = self.trimmed(chunk, position, self.run_from(chunk, position, in_complement=True))[1]
            if stop <= position:
                break
            end = stop
            if tuple(w.key for w in chunk[start:end]) in self.known:
                break
        return end

    @staticmethod
    def _count_of_targets(chunk: list[_Word], position: int) -> bool:
        """Is the word a plain cardinal (no unit, no per cent) before a noun, as in the targets
        of a campaign ("1,000 industrial parks")? Programme names in Chinese count theirs too
        (百城千园, 双千兆)."""
        if position + 1 >= len(chunk):
            return False
        word = chunk[position].text
        return bool(_NUMBER.match(word)) and not word.endswith("%") and not chunk[position + 1].number

    def everyday(self, words: Sequence[_Word]) -> bool:
        """A short phrase of everyday words ("action plan", "energy consumption"): a kind too wide
        to name one thing without its complement."""
        return len(words) <= 2 and all(self.general.get(w.key, 0.0) >= _COMMON_WORD for w in words)

    def technical(self, words: Sequence[_Word]) -> bool:
        """Does the phrase hold a word of technical vocabulary (rare in general English)? A lone
        word must be rarer still and no romanised Chinese name (Hubei, Fujian)."""
        alone = len(words) == 1
        for w in words:
            cached = (w.key, w.text, alone)
            found = self._technical_words.get(cached)
            if found is None:
                found = self._technical_words[cached] = self._technical_word(w, _RARE_NOUN if alone else _RARE_WORD)
            if found:
                return True
        return False

    def _technical_word(self, word: _Word, limit: float) -> bool:
        plain = word.key.replace("-", "")
        if len(plain) <= 3 or not plain.isalpha() or is_acronym(word.text) or (word.text[:1].isupper() and is_pinyin(word.text)):
            return False
        if word.key.endswith("ed"):
            return False  # a rare participle judges ("unimpeded", "undisputed") or acts ("ramped"): no technical word
        return self.general.get(word.key, 0.0) < limit and wordfreq.word_frequency(word.key, "en") < limit

    def named(self, words: Sequence[_Word], sentence_start: bool) -> bool:
        """Capitalised words belong to a capitalised name, which that source reads whole."""
        return any(
            w.text[:1].isupper() and not is_acronym(w.text) and not _LITERAL_CODE.match(w.text)
            and not (sentence_start and i == 0) and not (len(words) == 1 and not is_pinyin(w.text))
            for i, w in enumerate(words)
        )

    def phrases(self, chunks: list[list[_Word]], unmarked: list[NounPhrase] | None = None) -> list[NounPhrase]:
        """The noun phrases their form marks; with `unmarked`, the others of two or three words
        (`_MIN_UNMARKED`, `_MAX_UNMARKED`) are added to it, with coordinated pairs ("energy
        conservation and carbon reduction") and relations ("cooperation between industry and
        finance"): the Chinese side may vouch for them (`terms.vouches`)."""
        found: list[NounPhrase] = []
        for number, chunk in enumerate(chunks):
            position = 0
            while position < len(chunk):
                end = self.run_from(chunk, position)
                if end == position:
                    position += 1
                    continue
                start, stop = self.trimmed(chunk, position + _after_auxiliary(chunk, position), end)
                sentence_start = number == 0 and start == 0
                phrase = self._classify(chunk, start, stop, sentence_start) if stop > start else None
                if phrase is not None:
                    found.append(phrase)
                elif unmarked is not None and self._plain(chunk[start:stop], sentence_start):
                    qualified = self.qualified(chunk, stop) if stop == end else stop
                    unmarked.append(NounPhrase(tuple(chunk[start:qualified]), "unmarked", head_kind(chunk[stop - 1].text)))
                if unmarked is not None and stop > start:
                    unmarked.extend(self._joined(chunk, start, stop, end, sentence_start))
                position = end  # a complement is read again on its own: it may name a thing too
        return found

    def titled(self, chunks: list[list[_Word]]) -> list[NounPhrase]:
        """The names of documents in a sentence whose Chinese titles one in 《》: a document head
        (`DOCUMENT_HEADS`) with the nominal words before it and everything after it to the end of
        the clause ("catalog of selected and recommended energy-saving technologies and
        equipment in the field of industry and information technologies", 《…推荐目录》). The
        title marks the name, so its words need no other mark; the clause ends at punctuation,
        a verb, a conjunction before a determiner or a verb, or after `_MAX_TITLE_WORDS`."""
        found: list[NounPhrase] = []
        for chunk in chunks:
            for position, word in enumerate(chunk):
                if word.key not in DOCUMENT_HEADS or not self.nominal(word):
                    continue
                start = position
                while start > 0 and self.nominal(chunk[start - 1]) and not self._not_first(chunk[start - 1], 2):
                    start -= 1
                end = self._clause_end(chunk, position + 1)
                start, end = self.trimmed(chunk, start, end)
                if end - start >= 3 and end > position + 1:
                    found.append(NounPhrase(tuple(chunk[start:end]), "title", HeadKind.PROGRAMME))
        return found

    def _clause_end(self, chunk: list[_Word], position: int) -> int:
        end = position
        while end < len(chunk) and end - position < _MAX_TITLE_WORDS:
            word = chunk[end]
            lower = word.text.lower()
            following = chunk[end + 1] if end + 1 < len(chunk) else None
            if lower in _BLOCKERS or word.number or (lower in _VERB_CUES and not (lower == "to" and end == position)):
                break
            if lower in _TIME_ADJUNCTS:
                break  # "… during the 14th Five-Year Plan period": when, not what
            if word.key in self.classes.verbs and not (
                end > position and chunk[end - 1].text.lower() in _BEFORE_ADJECTIVE
                and following is not None and (self.nominal(following) or following.text.lower() == "and")
            ):
                break  # a verb ends the clause; a participle between "of", "and", "the" and a noun qualifies it
            if lower in ("and", "or") and (
                end == position or following is None or following.text.lower() in english.STOPWORDS
                or ((following.key in self.classes.verbs or following.text.endswith("ed")) and not self._participle_before_noun(chunk, end + 1))
            ):
                break  # a second document ("schemes | and action plans"), or a second clause
            end += 1
        while end > position and chunk[end - 1].text.lower() in english.STOPWORDS:
            end -= 1
        return end

    def _participle_before_noun(self, chunk: list[_Word], position: int) -> bool:
        return position + 1 < len(chunk) and self.nominal(chunk[position + 1])

    def qualified(self, chunk: list[_Word], end: int) -> int:
        """End of the noun phrase with the text's qualifier after it, if one follows: "industrial
        SMEs | above the designated size" (规模以上工业中小企业) is one name, as "industrial enterprises
        above the designated size" is."""
        for qualifier in self.qualifiers.get(chunk[end].key, ()) if end < len(chunk) else ():
            stop = end + len(qualifier)
            if stop <= len(chunk) and tuple(w.key for w in chunk[end:stop]) == qualifier:
                return stop
        return end

    def _plain(self, words: Sequence[_Word], sentence_start: bool) -> bool:
        # a recurrent phrase with one more modifier may be a term of its own (关键信息基础设施
        # beside 信息基础设施): the Chinese decides
        return _MIN_UNMARKED <= len(words) <= _MAX_UNMARKED and not self.named(words, sentence_start)

    def _joined(self, chunk: list[_Word], start: int, stop: int, end: int, sentence_start: bool) -> list[NounPhrase]:
        """Policy formulations made of short noun phrases: "A and B" (two phrases of one or two
        words each, 节能降碳) and "N between A and B" (one word each, 产融合作). A modifier-only
        word before A modifies the whole formulation ("industrial | energy conservation and
        carbon reduction"), which stands without it."""
        if stop - start == 3 and chunk[start].key in self.modifiers:
            start += 1
        first = stop - start
        if end + 1 >= len(chunk) or first > 2 or chunk[end].text not in ("and", "between"):
            return []
        relation = chunk[end].text == "between"
        if relation and first != 1:
            return []
        second_start = end + 1
        second_end = self.trimmed(chunk, second_start, self.run_from(chunk, second_start))[1]
        if relation:
            if second_end != second_start + 1 or second_end + 1 >= len(chunk) or chunk[second_end].text != "and":
                return []
            last = second_end + 1
            last_end = self.run_from(chunk, last)
            if last_end != last + 1:
                return []
            words = chunk[start:last_end]
        else:
            if not 1 <= second_end - second_start <= 2 or (first == 1 and second_end - second_start == 1):
                return []  # two single words are a stock pair ("production and sales"), not a formulation
            words = chunk[start:second_end]
        if self.named(words, sentence_start):
            return []
        return [NounPhrase(tuple(words), "unmarked", head_kind(words[-1].text))]

    def _classify(self, chunk: list[_Word], start: int, end: int, sentence_start: bool) -> NounPhrase | None:
        words = chunk[start:end]
        if self.named(words, sentence_start) or self._known_with_modifier(words):
            return None
        head = words[-1]
        kind = head_kind(head.text)
        if kind is not None and (len(words) >= 2 or not needs_modifier(head.text)):
            # a one-word measure is too wide to take a complement: "output of charging piles" is a context
            extended = end if kind is HeadKind.MEASURE and len(words) == 1 else self.complements(chunk, start, end, kind)
            if extended > end and self.everyday(words) and not self.named(chunk[start:extended], sentence_start):
                return NounPhrase(tuple(chunk[start:extended]), "head", kind)
            if len(words) >= 2 and not self.everyday(words):
                return NounPhrase(tuple(words), "head", kind)
        if self.technical(words):
            return NounPhrase(tuple(words), "technical", kind)
        # a code anywhere before the head ("C919 large passenger aircraft"); an acronym before it
        # only in a compound of two (a longer run after one is its clause: "MIIT attaches great importance")
        if 2 <= len(words) <= 4 and (
            any(_LITERAL_CODE.match(w.text) for w in words[:-1]) or (len(words) == 2 and is_acronym(words[0].text))
        ):
            return NounPhrase(tuple(words), "code", kind)
        return None

    def _known_with_modifier(self, words: Sequence[_Word]) -> bool:
        """A recurrent phrase with one more modifier ("new 5G base stations", "medical oxygen
        concentrators") is that phrase: the recurrent one names it."""
        return len(words) >= 3 and tuple(w.key for w in words[1:]) in self.known

    def listed(self, text: str, chunks: list[list[_Word]]) -> list[NounPhrase]:
        """The items of the lists that follow "such as", "including", "concerning"."""
        lowered = text.lower()
        found: list[NounPhrase] = []
        for cue in _LIST_CUES:
            at = lowered.find(cue)
            while at != -1:
                found.extend(self._items(text, chunks, at + len(cue)))
                at = lowered.find(cue, at + 1)
        return found

    def _items(self, text: str, chunks: list[list[_Word]], after: int) -> list[NounPhrase]:
        items: list[NounPhrase] = []
        for number, chunk in enumerate(chunks):
            if not chunk or chunk[-1].end <= after:
                continue
            position = next(i for i, w in enumerate(chunk) if w.start >= after)
            while position < len(chunk):
                if chunk[position].text in ("and", "or", "the", "a", "an"):
                    position += 1
                    continue
                end = self.run_from(chunk, position)
                if end == position:
                    return items  # the list ended inside this chunk
                start, stop = self.trimmed(chunk, position, end)
                words = chunk[start:stop]
                if words and not self.named(words, False) and (len(words) >= 2 or self.technical(words)):
                    items.append(NounPhrase(tuple(words), "listed", head_kind(words[-1].text)))
                position = end
                if position < len(chunk) and chunk[position].text not in ("and", "or"):
                    return items
            following = chunks[number + 1] if number + 1 < len(chunks) else None
            if following is None or text[chunk[-1].end : following[0].start].strip() != ",":
                return items
            after = following[0].start
        return items


_LITERAL_CODE = regex.compile(r"^(?=.*[0-9])(?=.*[A-Za-z])[A-Za-z0-9+]+$")  # 5G, C919, 1000M


# Words after which a verb comes: auxiliaries, modals and subject pronouns ("has | maintained rapid
# development", "we | guide enterprises"). Not "to" (also a preposition) nor "may" (also a month).
_AUXILIARIES = frozenset("has have had will would can could should must shall we they it".split())


def _after_auxiliary(chunk: list[_Word], position: int) -> int:
    """1 when the run at `position` opens right after an auxiliary, a modal or a subject pronoun:
    its first word is a verb, whatever else the text does with it; else 0."""
    return int(position > 0 and chunk[position - 1].text.lower() in _AUXILIARIES)


def _qualifiers(known: frozenset[tuple[str, ...]]) -> dict[str, list[tuple[str, ...]]]:
    """Post-modifiers the text attaches to several heads in its recurrent phrases, by first word:
    "above the designated size" after "industries" and after "industrial enterprises" is a
    qualifier of the statistics (规模以上), part of the name of what it qualifies. A qualifier
    opens with a preposition that is no complement of a head ("above", "below", "with"), and
    the heads before it must end in at least two different words: "SMEs that produce new and
    unique products" qualifies only SMEs, however they are modified. Longest first."""
    heads: dict[tuple[str, ...], set[str]] = defaultdict(set)
    for phrase in known:
        for position in range(1, len(phrase) - 1):
            word = phrase[position]
            if word in english.STOPWORDS and word not in COMPLEMENT_START and word not in _NOT_QUALIFYING:
                heads[phrase[position:]].add(phrase[position - 1])
    found: dict[str, list[tuple[str, ...]]] = defaultdict(list)
    for tail, last_words in heads.items():
        if len(last_words) >= 2:
            found[tail[0]].append(tail)
    return {first: sorted(tails, key=len, reverse=True) for first, tails in found.items()}


_NOT_QUALIFYING = frozenset({"and", "or", "the", "a", "an", "that", "which", "who", "is", "are", "was", "were", "will", "has", "have"})


def _nominal_ing(tokenized: list[tuple[int, list[list[_Word]]]]) -> frozenset[str]:
    """-ing words the text uses as nouns or adjectives: after an article or inside a phrase
    ("the driving motor", "battery charging")."""
    found: set[str] = set()
    for _, chunks in tokenized:
        for chunk in chunks:
            for previous, word in zip(chunk, chunk[1:]):
                if word.key.endswith("ing") and (previous.text.lower() in _ARTICLES or previous.key not in english.STOPWORDS):
                    found.add(word.key)
    return frozenset(found)


def _add_noun_phrases(
    found: dict[str, EnCandidate],
    sentences: Sequence[tuple[int, str]],
    tokenized: list[tuple[int, list[list[_Word]]]],
    classes: WordClasses,
    corpus: _Corpus,
    unmarked: dict[str, EnCandidate] | None = None,
    titled: frozenset[int] = frozenset(),
) -> None:
    """Add the noun phrases met once that their form marks as names (see `_PhraseReader`);
    a recurrent phrase that is such a noun phrase takes its head's kind. With `unmarked`, the
    noun phrases nothing marks go there (the Chinese side may vouch for them). `titled`: the
    sentences whose Chinese holds a title in 《》, read for the names of documents too."""
    known = frozenset(tuple(key.split()) for key, c in found.items() if c.source is Source.PHRASE and c.words >= 2)
    reader = _PhraseReader(classes, known, _nominal_ing(tokenized), corpus)
    for (index, text), (_, chunks) in zip(sentences, tokenized):
        plain: list[NounPhrase] | None = [] if unmarked is not None else None
        marked = reader.phrases(chunks, plain) + reader.listed(text, chunks)
        if index in titled:
            marked += reader.titled(chunks)
        if unmarked is not None and plain:
            _add_unmarked(unmarked, plain, text, index)
        for phrase in marked:
            key = " ".join(w.key for w in phrase.words)
            candidate = found.get(key)
            if candidate is not None:
                if candidate.head is None:
                    candidate.head = phrase.head
                if candidate.source is Source.NOUN_PHRASE and index not in candidate.sentences:
                    candidate.freq += 1
                    candidate.sentences.append(index)
                continue
            written = text[phrase.words[0].start : phrase.words[-1].end]
            candidate = found[key] = EnCandidate(
                key, len(phrase.words), Source.NOUN_PHRASE, freq=1, sentences=[index], head=phrase.head, evidence=phrase.evidence
            )
            candidate.surfaces[written] += 1
    for key, candidate in found.items():
        if candidate.head is None and candidate.source is not Source.QUOTED:
            head = phrase_head(key.split())
            if candidate.words >= 2 or not needs_modifier(head):
                candidate.head = head_kind(head)
        if candidate.source is Source.PHRASE and candidate.words >= 2 and not candidate.evidence:
            texts, keys = candidate.surface.split(), key.split()
            if len(texts) == len(keys) and reader.technical([_Word(t, 0, 0, k) for t, k in zip(texts, keys)]):
                candidate.evidence = "technical"  # a recurrent phrase is marked by its words as one met once is


def _add_unmarked(unmarked: dict[str, EnCandidate], phrases: list[NounPhrase], text: str, index: int) -> None:
    for phrase in phrases:
        key = " ".join(w.key for w in phrase.words)
        candidate = unmarked.get(key)
        if candidate is None:
            candidate = unmarked[key] = EnCandidate(key, len(phrase.words), Source.NOUN_PHRASE, head=phrase.head, evidence="unmarked")
        if index not in candidate.sentences:
            candidate.freq += 1
            candidate.sentences.append(index)
            candidate.surfaces[text[phrase.words[0].start : phrase.words[-1].end]] += 1


# ---------------------------------------------------------------- all together


@dataclass(slots=True)
class EnCandidates:
    """What the English side found: candidates by key, and acronym links short → long key."""

    candidates: dict[str, EnCandidate]
    acronyms: dict[str, str]  # short-form key ("sme") → long-form candidate key
    sentence_count: int
    word_count: int
    texts: list[tuple[int, str, list[list[_Word]]]] = field(default_factory=list)  # (index, text, chunks)
    dropped: dict[str, str] = field(default_factory=dict)  # key of a candidate removed in scoring → why
    # noun phrases that nothing in their form marks, not among `candidates` (with `unmarked=True`)
    unmarked: dict[str, EnCandidate] = field(default_factory=dict)


def extract_en_candidates(
    sentences: Sequence[tuple[int, str]],
    *,
    min_freq: int = 2,
    unmarked: bool = False,
    titled: frozenset[int] = frozenset(),
    name_lines: Sequence[tuple[int, str]] = (),
    progress: Progress = NO_PROGRESS,
) -> EnCandidates:
    """Candidates of a text given as (sentence index, sentence text) pairs, scored and ranked.
    With `unmarked`, also the noun phrases nothing in their form marks, scored as marked ones
    would be, for a Chinese side to vouch for (`EnCandidates.unmarked`). `titled`: the indices of
    the sentences whose Chinese counterpart holds a title in 《》 (`_PhraseReader.titled`).
    `name_lines`: lines read only for the bodies they name, such as a transcript's participant
    titles ("deputy director general of the Press Bureau of …"): the phrases around the bodies
    there, which the host's introduction of the speakers repeats, are no candidates."""
    progress.start("reading English", len(sentences))
    tokenized: list[tuple[int, list[list[_Word]]]] = []
    for index, text in sentences:
        tokenized.append((index, _chunks(text)))
        progress.advance()
    progress.finish()
    classes = learn_word_classes(chunks for _, chunks in tokenized)
    corpus = _Corpus(tokenized, classes)
    found = recurrent_phrases(corpus, min_freq=min_freq, progress=progress)
    acronyms = _add_marked_forms(found, sentences, tokenized)
    plain: dict[str, EnCandidate] | None = {} if unmarked else None
    _add_noun_phrases(found, sentences, tokenized, classes, corpus, plain, titled)
    word_count = sum(1 for i in corpus.ids if i != -1)
    weirdness = _weirdness(corpus, word_count)
    dropped = _score(found, weirdness, acronyms)
    others = {key: c for key, c in (plain or {}).items() if key not in found and key not in dropped}
    for candidate in others.values():
        _score_one(candidate, weirdness, _UNMARKED_WEIGHT)
    texts = [(index, text, chunks) for (index, text), (_, chunks) in zip(sentences, tokenized)]
    if name_lines:
        lines = [(index, text, _chunks(text)) for index, text in name_lines]
        lowercase = _lowercase_words(tokenized)
        _add_bodies_named_in(found, lines, lowercase, _weirdness(corpus, word_count, [(i, c) for i, _, c in lines]))
    return EnCandidates(found, acronyms, len(sentences), word_count, texts, dropped, others)



def _add_bodies_named_in(
    found: dict[str, EnCandidate],
    lines: Sequence[tuple[int, str, list[list[_Word]]]],
    lowercase: frozenset[str],
    weirdness: dict[str, float],
) -> None:
    """The bodies that `lines` name (capitalised names with an institution head): a body found
    already gets the lines' occurrences, a new one is scored as a name met once (`weirdness`
    counts the lines' words)."""
    for index, text, chunks in lines:
        for run in capitalised_names(chunks, lowercase):
            key = " ".join(w.key for w in run)
            if head_kind(phrase_head(key.split())) is not HeadKind.INSTITUTION:
                continue
            candidate = found.get(key)
            if candidate is None:
                candidate = found[key] = EnCandidate(key, len(run), Source.NAME, freq=1, head=HeadKind.INSTITUTION)
                candidate.surfaces[text[run[0].start : run[-1].end]] += 1
                _score_one(candidate, weirdness, _form_weight(candidate))
            candidate.sentences.append(index)

def _lowercase_words(tokenized: Sequence[tuple[int, list[list[_Word]]]]) -> frozenset[str]:
    """The words the text writes in lower case somewhere (a capitalised one of them opens no name)."""
    return frozenset(w.key for _, chunks in tokenized for chunk in chunks for w in chunk if w.text[:1].islower())


def _add_marked_forms(
    found: dict[str, EnCandidate],
    sentences: Sequence[tuple[int, str]],
    tokenized: list[tuple[int, list[list[_Word]]]],
) -> dict[str, str]:
    """Add acronym long forms, quoted names and capitalised names; link acronyms to long forms.

    A marked form that also recurs as a phrase keeps the phrase's count (which saw every
    occurrence); otherwise it counts its marked occurrences.
    """
    lowercase = _lowercase_words(tokenized)
    acronyms: dict[str, str] = {}
    short_forms: dict[str, str] = {}
    marked: dict[str, tuple[Source, Counter[str], list[int]]] = {}

    seen: set[tuple[str, int, int]] = set()

    def mark(key: str, source: Source, written: str, sentence: int, start: int) -> None:
        old_source, spellings, where = marked.setdefault(key, (source, Counter(), []))
        if old_source is not Source.ACRONYM and source is Source.ACRONYM:
            marked[key] = (source, spellings, where)
        spellings[written] += 1
        if (key, sentence, start) not in seen:  # an acronym's long form is often a capitalised name too
            seen.add((key, sentence, start))
            where.append(sentence)

    # sentence → start offsets of words that are no independent use of an acronym: inside a
    # capitalised name, or the parenthesised short form of a definition
    not_alone: dict[int, set[int]] = defaultdict(set)
    for (index, text), (_, chunks) in zip(sentences, tokenized):
        for definition in find_acronym_definitions(text):
            key = _key(definition.long)
            mark(key, Source.ACRONYM, definition.long, index, definition.start)
            acronyms.setdefault(_key(definition.short), key)
            short_forms[key] = definition.short
            not_alone[index].update(w.start for chunk in chunks for w in chunk if definition.start <= w.start < definition.end)
        quoted: list[tuple[int, int]] = []
        for written, key, start, end in quoted_names(text, with_offsets=True):
            mark(key, Source.QUOTED, written, index, start)
            quoted.append((start, end))
        for run in capitalised_names(chunks, lowercase):
            not_alone[index].update(w.start for w in run)
            if any(start <= run[0].start and run[-1].end <= end for start, end in quoted):
                continue  # inside a quoted name, found whole above
            mark(" ".join(w.key for w in run), Source.NAME, text[run[0].start : run[-1].end], index, run[0].start)
    for key, (source, spellings, where) in marked.items():
        candidate = found.get(key)
        if candidate is None:
            candidate = found[key] = EnCandidate(key, len(key.split()), source, freq=len(where), sentences=list(where))
        elif source is Source.NAME and 2 * len(where) < candidate.freq:
            continue  # mostly written in lower case: a phrase that a title capitalised once
        candidate.source = source
        for written, n in spellings.items():
            candidate.surfaces[written] += 3 * n  # the marked spelling is the one to show
    for long_key, short in short_forms.items():
        found[long_key].acronym = short
    # A long form counts its acronym's own uses too, but not those inside a longer name: CPC in
    # "CPC Central Committee" names part of the Committee's name, not the Party on its own.
    by_sentence = dict(tokenized)
    for short_key, long_key in acronyms.items():
        short_candidate = found.pop(short_key, None)
        if short_candidate is None or short_key == long_key:
            continue
        for index in dict.fromkeys(short_candidate.sentences):
            inside = not_alone.get(index, set())
            for chunk in by_sentence[index]:
                for word in chunk:
                    if word.key == short_key and word.start not in inside:
                        found[long_key].freq += 1
                        found[long_key].sentences.append(index)
    return acronyms


def _key(phrase: str) -> str:
    return " ".join(english.lemma(w.text.lower()) for w in english.word_tokens(phrase))


# Prepositions that embed a complete noun phrase: "added value of | industries above the
# designated size" does not make "industries above the designated size" a fragment.
_EMBEDDING = frozenset({"of", "for", "in", "on", "to", "with", "by", "from", "about", "between", "the"})


def _containers(found: dict[str, EnCandidate]) -> dict[str, list[tuple[EnCandidate, bool]]]:
    """For each candidate, the longer candidates that contain it, each with whether the
    shorter one stands there as a complete phrase (after a preposition or "and")."""
    containers: dict[str, list[tuple[EnCandidate, bool]]] = defaultdict(list)
    for candidate in found.values():
        words = candidate.key.split()
        if candidate.source is Source.QUOTED:
            words = words[1:]  # "q: double gigabit network" holds "double gigabit" ("Double Gigabit" with its quotes dropped)
        if len(words) < 2:
            continue
        content = [w not in english.STOPWORDS for w in words]
        for start in range(len(words)):
            if not content[start]:
                continue  # candidates begin and end with a content word
            for end in range(start + 1, min(len(words), start + len(words) - 1) + 1):
                if end - start == len(words) or not content[end - 1]:
                    continue
                inner = " ".join(words[start:end])
                if inner in found:
                    embedded = start > 0 and words[start - 1] in _EMBEDDING and end == len(words)
                    containers[inner].append((candidate, embedded))
    return containers


def _drop_fragments(found: dict[str, EnCandidate], containers: dict[str, list[tuple[EnCandidate, bool]]]) -> list[str]:
    """Remove phrases that never occur outside a longer phrase ("energy vehicles" inside
    "new energy vehicles", "CPC Central" inside "CPC Central Committee", "industrial internet
    development" inside the two names of the innovative projects for it). Returns their keys."""
    dropped = []
    for key in list(found):
        candidate = found[key]
        if candidate.source is not Source.PHRASE:
            continue
        in_names = sum(other.freq for other, _ in containers.get(key, ()) if other.source in _NAMES)
        around = [other for other, embedded in containers.get(key, ()) if not embedded]
        marked = [other for other in around if other.source is not Source.PHRASE]
        if in_names >= candidate.freq or any(other.freq >= candidate.freq for other in around) or _covered(candidate, marked):
            del found[key]
            dropped.append(key)
    return dropped


def _covered(candidate: EnCandidate, containers: list[EnCandidate]) -> bool:
    """Is every occurrence inside a marked container (a name, a noun phrase marked by its form)?
    Sentence by sentence, some container occurs there as often as the phrase. (A phrase inside
    many different recurrent phrases is the core they share, as C-value has it: "value added"
    in "value added of the sector", "value added of industrial enterprises …".)"""
    if not containers:
        return False
    counts = [Counter(c.sentences) for c in containers]
    return all(max(c[sentence] for c in counts) >= n for sentence, n in Counter(candidate.sentences).items())


_HEAD_PREPOSITIONS = frozenset({"of", "for", "in", "on", "to"})
# Marked forms that name one thing whole: a phrase met only inside them is a piece of a name.
# (A noun phrase met once is no such name: "power batteries" stands whole inside "installed
# capacity of power batteries".)
_NAMES = frozenset({Source.ACRONYM, Source.QUOTED, Source.NAME})


def _pass_fixed_objects(found: dict[str, EnCandidate]) -> list[str]:
    """A phrase that is always the object of one preposition ("designated size", 7 times, each
    in "above the designated size") is no term but the core of the longer ones that contain it
    ("industries above the designated size", "industrial enterprises above the designated size").
    As C-value attributes a nested phrase's occurrences to the phrases that contain it, its
    rank passes to the shortest of those, which names the shared core; the fragment goes.
    Returns the keys of the fragments dropped."""
    fragments: dict[tuple[str, str], EnCandidate] = {}  # (preposition, key) → the phrase always after it
    for key, candidate in found.items():
        if candidate.source is Source.PHRASE and candidate.freq >= 3 and len(candidate.governed_by) == 1:
            preposition = next(iter(candidate.governed_by))
            if preposition in english.STOPWORDS and preposition not in _NOT_GOVERNING:
                fragments[(preposition, key)] = candidate
    if not fragments:
        return []
    prepositions = {preposition for preposition, _ in fragments}
    containers_of: dict[tuple[str, str], list[EnCandidate]] = defaultdict(list)
    for candidate in found.values():
        if candidate.source is not Source.PHRASE:
            continue
        words = candidate.key.split()
        for i, word in enumerate(words[1:-1], start=1):
            if word in prepositions:
                rest = words[i + 2 :] if words[i + 1] == "the" else words[i + 1 :]
                for end in range(1, len(rest) + 1):
                    inner = (word, " ".join(rest[:end]))
                    if inner in fragments:
                        containers_of[inner].append(candidate)
    dropped = []
    for (preposition, key), candidate in fragments.items():
        containers = containers_of.get((preposition, key))
        if not containers or key not in found:
            continue
        core = min(containers, key=lambda c: (c.words, -c.freq, c.key))
        core.score = max(core.score, candidate.score)
        del found[key]
        dropped.append(key)
    return dropped


# "of" and the conjunctions introduce complete noun phrases ("development of SMEs"); a phrase
# always after them is not thereby a fragment
# Nouns that carry no meaning of their own before "of": the complement is what is named.
_LIGHT_NOUNS = frozenset({"field", "sphere", "domain", "series", "realm"})
_NOT_GOVERNING = frozenset({"of", "and", "or", "nor", "but", "than", "as", "if", "while", "because", "although"})


def _collocation(words: list[str], found: dict[str, EnCandidate], freq: int, acronyms: dict[str, str]) -> bool:
    """Is this a term in a context rather than a term?

    - "<head of one to four words> of <a term that stands on its own elsewhere>": "large-scale
      application of the industrial internet", "development of SMEs", "guiding principles of
      the 20th CPC National Congress". The inner term must be marked (acronym, name, quoted)
      or a multiword phrase at least twice as frequent; a single general word is not a term.
      A head that is itself a term ("value added") makes a compound term, not a context.
    - a definite reference to one word of the discourse: "value added of the sector";
    - a light noun and its complement: "field of industry and information technologies", "series
      of policies" name their complement, whether or not it stands alone elsewhere.
    """
    if len(words) >= 3 and words[0] in _LIGHT_NOUNS and words[1] == "of":
        return True
    for split in range(1, 5):
        if len(words) < split + 2 or words[split] not in _HEAD_PREPOSITIONS:
            continue
        rest = words[split + 1 :]
        definite = rest[0] == "the"
        if definite:
            rest = rest[1:]
        if not rest or rest == words[:1]:
            continue
        if definite and len(rest) == 1:
            return True
        key = " ".join(rest)
        inner = found.get(acronyms.get(key, key))
        if inner is None or (len(rest) == 1 and key not in acronyms):
            continue
        marked = inner.source is not Source.PHRASE or inner.surface[:1].isupper()  # names, acronyms, quoted
        if inner.freq > freq and (marked or inner.freq >= 2 * freq) and not _is_term_head(words[:split], found, freq):
            return True
    return False


def _named_by_complement(candidate: EnCandidate) -> bool:
    """A programme or a body marked by its head takes its complement into its name: "industry
    alliance for the industrial internet" is an alliance, no context of the industrial internet."""
    return candidate.evidence == "head" and candidate.head in NAMING_KINDS


def _is_term_head(head: list[str], found: dict[str, EnCandidate], freq: int) -> bool:
    """Is the head a multiword term of its own, used elsewhere too? Then "<head> of <term>"
    compounds two terms into a third, as official indicators do ("value added of industrial
    enterprises above the designated size", 规模以上工业增加值), rather than putting a term in a context."""
    if len(head) < 2:
        return False
    candidate = found.get(" ".join(head))
    return candidate is not None and candidate.freq >= 2 * freq


_RARE_WORD = 1e-6  # general-English frequency below which a single word may be a term (Zipf 3)


@functools.cache
def _general_english() -> dict[str, float]:
    """Word frequencies of general English (wordfreq's offline lists), loaded once."""
    return wordfreq.get_frequency_dict("en")


# C-value counts occurrences; its power below 1 lets a name met once compete with a phrase met
# often: official texts name a body or a programme once and still need its official rendering.
_FREQUENCY_EXPONENT = 0.8
# What a candidate's form says of it: a capitalised name of a body (its head: Commission, Bureau,
# Fund), a quoted name or an acronym definition names one thing for certain; another capitalised
# name very likely; a compound on an acronym or a code, and a noun phrase marked by its head, a
# technical word, a code or the list it stands in, likely.
_BODY_NAME_WEIGHT = 4.0
_QUOTED_WEIGHT = 3.0
_NAME_WEIGHT = 3.0
_MARKED_WEIGHT = 2.0
_BINOMIAL_WEIGHT = 0.5
# A noun phrase nothing marks counts as a recurrent phrase does, once its Chinese vouches for it.
_UNMARKED_WEIGHT = 1.0


def _form_weight(candidate: EnCandidate) -> float:
    """How much a candidate's form says it is a name (a recurrent phrase: 1)."""
    source = candidate.source
    if source in (Source.NAME, Source.ACRONYM) and candidate.head is HeadKind.INSTITUTION:
        return _BODY_NAME_WEIGHT
    if source is Source.NAME:
        if all(is_pinyin(w) for w in candidate.surface.split()[-2:]):
            return 1.0  # a person or a place: named, but no term of the domain
        return _NAME_WEIGHT
    if source in (Source.QUOTED, Source.ACRONYM):
        return _QUOTED_WEIGHT
    if source is Source.NOUN_PHRASE or candidate.evidence or _holds_code(candidate.surface):
        return _MARKED_WEIGHT
    return 1.0


def _holds_code(surface: str) -> bool:
    """A compound on an acronym or a code ("ICT industry", "5G base stations"; not "application
    of 5G technologies", a context of one)."""
    words = surface.split()
    compound = list(itertools.takewhile(lambda w: w.lower() not in english.STOPWORDS, words))
    return len(compound) >= 2 and any(is_acronym(w) or _LITERAL_CODE.match(w) for w in compound[:-1])


def _binomial(words: list[str]) -> bool:
    """Two words coordinated with no head after them ("policies and measures", "production and
    sales"): a stock pair of the discourse more often than a name."""
    return len(words) == 3 and words[1] in ("and", "or")


def _weirdness(corpus: _Corpus, word_count: int, extra: Sequence[tuple[int, list[list[_Word]]]] = ()) -> dict[str, float]:
    """log10 of each word's frequency in the text (and the `extra` lines) over its frequency in
    general English."""
    word_freq = Counter(corpus.keys[i] for i in corpus.ids if i != -1)
    extra_words = [w.key for _, chunks in extra for chunk in chunks for w in chunk]
    word_freq.update(extra_words)
    word_count += len(extra_words)
    general = _general_english()
    weirdness: dict[str, float] = {}
    for key, n in word_freq.items():
        known = general.get(key)
        if known is None:  # hyphenated and possessive words are not listed whole: wordfreq splits them
            known = wordfreq.word_frequency(key, "en")
        weirdness[key] = math.log10((n / max(1, word_count)) / max(known, 1e-8))
    return weirdness


def _termhood(words: Sequence[str], weirdness: dict[str, float]) -> float:
    content = [weirdness.get(w, 3.0) for w in words if w not in english.STOPWORDS]
    return sum(max(0.0, w) for w in content) / max(1, len(content))


def _score_one(candidate: EnCandidate, weirdness: dict[str, float], bonus: float) -> None:
    """C-value (nothing nested) × termhood × `bonus`, for a candidate scored on its own."""
    words = candidate.key.split()
    candidate.cvalue = math.log2(len(words) + 1) * candidate.freq
    candidate.termhood = _termhood(words, weirdness)
    candidate.score = candidate.cvalue**_FREQUENCY_EXPONENT * candidate.termhood * bonus


def _score(found: dict[str, EnCandidate], weirdness: dict[str, float], acronyms: dict[str, str]) -> dict[str, str]:
    """C-value × termhood; marked forms get a bonus for the evidence their form gives. Removes
    fragments and fixed objects; returns their keys with why."""
    general = _general_english()
    containers = _containers(found)
    dropped = dict.fromkeys(_drop_fragments(found, containers), "fragment of a longer phrase")
    containers = _containers(found)
    short_forms = set(acronyms)
    for key, candidate in found.items():
        words = key.split()
        nested_in = [other for other, embedded in containers.get(key, []) if not embedded]
        nested = sum(c.freq for c in nested_in) / len(nested_in) if nested_in else 0.0
        candidate.cvalue = math.log2(len(words) + 1) * max(candidate.freq - nested, candidate.freq * 0.25)
        salience = candidate.cvalue**_FREQUENCY_EXPONENT
        candidate.termhood = _termhood(words, weirdness)
        bonus = _form_weight(candidate)
        if len(words) == 1 and candidate.source is Source.PHRASE:
            # one word is a term when it is an acronym or code (5G) or rare in general English
            # (oximeters, ibuprofen); "upgrading", "telecommunications" are words of the domain
            acronym_like = is_acronym(candidate.surface) or key in short_forms or any(ch.isdigit() for ch in key)
            rare = general.get(key, 0.0) < _RARE_WORD
            bonus = 1.5 if acronym_like else (0.5 if rare and candidate.termhood >= 2.5 else 0.0)
        elif (
            candidate.source in (Source.PHRASE, Source.NOUN_PHRASE) and not _named_by_complement(candidate)
            and _collocation(words, found, candidate.freq, acronyms)
        ):
            bonus = 0.3
        elif candidate.source is Source.PHRASE and _binomial(words):
            bonus = _BINOMIAL_WEIGHT
        candidate.score = salience * candidate.termhood * bonus
    dropped.update(dict.fromkeys(_pass_fixed_objects(found), "always the object of one preposition"))
    return dropped


# ---------------------------------------------------------------- wording variants


def phrase_starts(
    texts: Sequence[tuple[int, str, list[list[_Word]]]],
    wanted: set[tuple[str, str]] | None = None,
) -> dict[tuple[str, str], list[tuple[int, str, list[_Word], int]]]:
    """Where each pair of adjacent words occurs (only the `wanted` pairs, when given):
    (sentence index, text, chunk, position)."""
    starts: dict[tuple[str, str], list[tuple[int, str, list[_Word], int]]] = defaultdict(list)
    first_words = {first for first, _ in wanted} if wanted is not None else None
    for index, text, chunks in texts:
        for chunk in chunks:
            for position in range(len(chunk) - 1):
                key = chunk[position].key
                if first_words is not None and key not in first_words:
                    continue
                pair = (key, chunk[position + 1].key)
                if wanted is None or pair in wanted:
                    starts[pair].append((index, text, chunk, position))
    return starts


def wording_variants(
    candidate: EnCandidate,
    starts: dict[tuple[str, str], list[tuple[int, str, list[_Word], int]]],
    *,
    min_words: int = 5,
    similarity: float = 0.7,
) -> list[tuple[str, int]]:
    """Near-copies of a long phrase: same first two and last words, length within ±2 words,
    as many content words and all but one of them the same (a word replaced, not added or
    dropped), word overlap (Dice) ≥ `similarity` ("SMEs that could produce novel and unique
    products" beside "SMEs that produce new and unique products"; not "green and high-quality
    development of the manufacturing industry" beside "green and low-carbon transformation of
    …", two words replaced: another term). Returns (spelling, sentence index); `starts` is
    `phrase_starts(EnCandidates.texts)`."""
    words = candidate.key.split()
    found: list[tuple[str, int]] = []
    if len(words) < min_words or candidate.source is Source.QUOTED:
        return found
    target = Counter(words)
    target_content = _content_words(words)
    content = sum(target_content.values())
    for index, text, chunk, start in starts.get((words[0], words[1]), ()):
        keys = [w.key for w in chunk[start : start + len(words) + 2]]
        for length in range(len(words) - 2, len(words) + 3):
            if length < 2 or length > len(keys) or keys[length - 1] != words[-1] or keys[:length] == words:
                continue
            window = _content_words(keys[:length])
            if sum(window.values()) != content:
                continue  # a content word more or less is another term ("key industrial chains")
            if content - sum((window & target_content).values()) > 1:
                continue  # two content words replaced: another term
            overlap = sum((Counter(keys[:length]) & target).values())
            if 2 * overlap / (length + len(words)) >= similarity:
                found.append((text[chunk[start].start : chunk[start + length - 1].end], index))
    return found


def _content_words(keys: Sequence[str]) -> Counter[str]:
    return Counter(key for key in keys if key not in english.STOPWORDS)
