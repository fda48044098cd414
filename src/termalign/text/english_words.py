"""English words for terminology: word tokens with offsets, stopwords, a light lemmatiser, term keys.

Written by the terminology work while `text.english` had not landed; when it has, this
module's users can move to it and this module can go (same names on purpose).

- `word_tokens(text)`: words with offsets; hyphenated words ("small-", "medium-sized",
  "Beijing-Tianjin-Hebei"), apostrophes ("China's") and "5G+Industrial" stay whole;
- `STOPWORDS`: function words (articles, prepositions, conjunctions, pronouns, auxiliaries,
  determiners) — not content words, which terms begin and end with;
- `lemma(word)`: plural nouns to singular by rule (enterprises → enterprise, industries →
  industry, batteries → battery, SMEs → sme); nothing else, so it never over-merges;
- `term_key(phrase)`: case, plural and hyphenation folded ("New-Energy Vehicles" ==
  "new energy vehicle"), for merging spelling variants.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

_WORD = regex.compile(r"[\p{L}\p{N}]+(?:['’][\p{L}]+)*(?:[-+/][\p{L}\p{N}]+(?:['’][\p{L}]+)*)*-?")


@dataclass(frozen=True, slots=True)
class WordToken:
    text: str
    start: int
    end: int


def word_tokens(text: str) -> list[WordToken]:
    return [WordToken(m.group(), m.start(), m.end()) for m in _WORD.finditer(text)]


STOPWORDS = frozenset(
    """a an the this that these those such some any all each every either neither both other another own same
    of and or nor but for to in on at by with from as into onto about above below over under between among
    through during before after since until upon within without against across along around behind beyond
    toward towards via per than then so if while because although though whether unless once
    is are was were be been being am has have had having do does did will would shall should can could may
    might must ought not no yes also very too just only even still again further more most less least much
    many few several
    we you they i he she it its our ours their theirs his her hers us them me my mine your yours itself
    themselves ourselves himself herself which who whom whose what when where why how there here
    up down out off""".split()
)

# Plural endings that are not plurals (or whose singular the rule below would spoil).
_NOT_PLURAL = ("ss", "us", "is", "ics", "ous", "ess", "sis")
_INVARIANT = frozenset("news series species data chassis means gas bus yes this its has was does goes".split())


def lemma(word: str) -> str:
    """The singular of a plural noun by rule (lower-case input); other words unchanged."""
    if len(word) <= 3 or word in _INVARIANT or not word.endswith("s") or word.endswith(_NOT_PLURAL):
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "xes", "sses", "zzes")):
        return word[:-2]
    return word[:-1]


def term_key(phrase: str) -> str:
    """A phrase folded for variant matching: lower case, singular, hyphens and quotes as spaces."""
    words = (w.text.lower().replace("’", "'") for w in word_tokens(phrase.replace("-", " ")))
    return " ".join(lemma(w) for w in words)
