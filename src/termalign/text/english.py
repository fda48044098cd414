"""English words: tokens with offsets, stopwords, a light lemmatiser, term keys, tolerant term
search, and the Latin strings (5G, C919, ECMO, IoT) that English and Chinese texts share.

- `word_tokens(text)`: words with offsets. Hyphenated words stay whole ("medium-sized",
  "Beijing-Tianjin-Hebei", and "small-" of "small- and medium-sized"), as do possessives
  ("China's"), codes ("5G+Industrial", "C919", "COVID-19"), decimals and thousands
  separators ("3.6", "1,500") and dotted abbreviations ("U.S.").
- `STOPWORDS`: function words (articles, prepositions, conjunctions, pronouns, auxiliaries,
  determiners, quantifiers). Content words are everything else.
- `lemma(word)`: plural nouns to their singular by rule (enterprises → enterprise, industries →
  industry, policies → policy, SMEs → sme, China's → china), with the usual exceptions kept
  (business, gas, analysis, series, news, economics). Nothing else changes, so it never merges
  two different terms. `verb_stem(word)` additionally folds -ing/-ed/-e (promoted, promoting,
  promote → promot) for callers that want verb tolerance.
- `term_key(phrase)`: a phrase folded for merging variants: case, plurals, hyphens and quotes
  ("Small- and Medium-Sized Enterprises" == "small and medium sized enterprise"), and the order
  of a two-word noun + participle compound ("value added" == "added value": English puts the
  participle after the noun in this fixed phrase; for any other two words order is meaning).
- `find_term(text, term)`: every occurrence of a term, tolerant to case (acronyms excepted:
  "IT" is not "it"), plurals and hyphenation, as spans of the original text.
- `latin_tokens(text)`: code-like Latin strings in English or Chinese text (5G, C919, ECMO, GDP,
  IoT, COVID-19), with a comparison key (upper case, acronym plural dropped: SMEs → SME).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

import regex

from termalign.model import TextSpan
from termalign.text.chinese import fold_fullwidth

__all__ = [
    "WordToken",
    "LatinToken",
    "STOPWORDS",
    "word_tokens",
    "lemma",
    "verb_stem",
    "word_key",
    "keyed_words",
    "word_keys",
    "content_words",
    "term_key",
    "find_term",
    "latin_tokens",
    "adjective_bases",
    "verb_bases",
]


class WordToken(NamedTuple):
    text: str
    start: int
    end: int


class LatinToken(NamedTuple):
    text: str
    start: int
    end: int
    key: str  # upper case, acronym plural dropped: "SMEs" → "SME", "IoT" → "IOT"


_WORD = regex.compile(
    r"""
      (?:\p{Lu}\.){2,}                                   # U.S., P.R.C.
    | \p{N}+(?:[.,]\p{N}+)+(?![\p{L}\p{N}])              # 3.6, 1,500, 2.312
    | [\p{L}\p{N}]+(?:['’]\p{L}+)*(?:[-+/][\p{L}\p{N}]+(?:['’]\p{L}+)*)*-?
    """,
    regex.VERBOSE,
)


def word_tokens(text: str) -> list[WordToken]:
    """Words with their offsets (see the module docstring for what stays whole).

    >>> [t.text for t in word_tokens('small- and medium-sized enterprises (SMEs) grew 3.6% in China\\'s 5G sector')]
    ['small-', 'and', 'medium-sized', 'enterprises', 'SMEs', 'grew', '3.6', 'in', "China's", '5G', 'sector']
    """
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

# Words ending in -s that are not plurals, or whose singular the rules below would spoil.
_NOT_PLURAL_ENDINGS = ("ss", "us", "is", "ics", "ous", "sis", "'s", "’s")
_INVARIANT = frozenset(
    """news series species data media chassis means gas bus yes this its has was does goes always
    perhaps whereas thus besides sometimes towards afterwards overseas lens chaos atlas alias bias canvas
    headquarters premises thanks plus""".split()
)
_IRREGULAR = {
    "children": "child",
    "men": "man",
    "women": "woman",
    "people": "people",
    "feet": "foot",
    "teeth": "tooth",
    "mice": "mouse",
    "criteria": "criterion",
    "phenomena": "phenomenon",
    "analyses": "analysis",
    "crises": "crisis",
    "theses": "thesis",
    "hypotheses": "hypothesis",
    "diagnoses": "diagnosis",
    "indices": "index",
    "matrices": "matrix",
    "lives": "life",
    "leaves": "leaf",
    "halves": "half",
    "shelves": "shelf",
    "knives": "knife",
    "wives": "wife",
    "wolves": "wolf",
    "thieves": "thief",
    "movies": "movie",
    "cookies": "cookie",
    "calories": "calorie",
    "buses": "bus",
    "gases": "gas",
    "statuses": "status",
    "viruses": "virus",
    "campuses": "campus",
    "censuses": "census",
}


@lru_cache(maxsize=65536)
def lemma(word: str) -> str:
    """The singular of a plural noun by rule, possessives dropped; other words unchanged.

    Expects lower case (acronyms too: "smes" → "sme").

    >>> [lemma(w) for w in "enterprises industries policies business gas analysis batteries china's".split()]
    ['enterprise', 'industry', 'policy', 'business', 'gas', 'analysis', 'battery', 'china']
    """
    if word.endswith(("'s", "’s")):
        word = word[:-2]
    elif word.endswith(("s'", "s’")):
        word = word[:-1]
    irregular = _IRREGULAR.get(word)
    if irregular is not None:
        return irregular
    if len(word) <= 3 or word in _INVARIANT or not word.endswith("s") or word.endswith(_NOT_PLURAL_ENDINGS):
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "xes", "sses", "zzes")):
        return word[:-2]
    return word[:-1]


@lru_cache(maxsize=65536)
def verb_stem(word: str) -> str:
    """`lemma`, then -ing / -ed / final -e folded, for verb tolerance (lower-case input).

    Not a dictionary form: promote, promoted, promoting → "promot"; planned → "plan";
    applied, applies → "apply".
    """
    word = lemma(word)
    if len(word) > 5 and word.endswith("ing"):
        base = word[:-3]
    elif len(word) > 4 and word.endswith("ed") and not word.endswith("eed"):
        base = word[:-2]
    else:
        base = word
    if base.endswith("i") and base is not word:
        base = base[:-1] + "y"  # applied → apply
    elif len(base) > 3 and base[-1] == base[-2] and base[-1] not in "lsz" and base is not word:
        base = base[:-1]  # planned → plan (installed, processed keep theirs)
    if len(base) > 3 and base.endswith("e") and not base.endswith("ee"):
        base = base[:-1]
    return base


def word_key(word: str, *, verbs: bool = False) -> str:
    """How a word is compared: acronyms keep their case without a plural -s (SMEs → SME, IT ≠
    it); other words are lower-cased and lemmatised (and verb-stemmed with `verbs`).
    An acronym's possessive is the acronym: MIIT's → MIIT, SMEs' → SME."""
    if len(word) >= 4 and word[-2:] in ("'s", "’s") and word[:-2].isupper():
        word = word[:-2]
    elif len(word) >= 4 and word[-2:] in ("s'", "s’") and word[:-2].isupper():
        word = word[:-1]
    if len(word) >= 2 and word.isupper():
        return word
    if len(word) >= 3 and word[-1] == "s" and word[:-1].isupper():
        return word[:-1]
    lower = word.lower()
    return verb_stem(lower) if verbs else lemma(lower)


@lru_cache(maxsize=262144)
def _cached_key(word: str, verbs: bool) -> str:
    return word_key(word, verbs=verbs)


_JOINER = regex.compile(r"[-+/]")


@lru_cache(maxsize=262144)
def _token_keys(token: str, verbs: bool) -> tuple[str, ...]:
    if "-" not in token and "+" not in token and "/" not in token:
        return (word_key(token, verbs=verbs),)
    return tuple(word_key(piece, verbs=verbs) for piece in _JOINER.split(token) if piece)


def word_keys(text: str, *, verbs: bool = False) -> list[str]:
    """The keys of `keyed_words(text)` without their offsets, for callers that need offsets
    only for the few texts that match: one C-level scan, keys cached per token. (Terminology
    checking keeps its own faster split, `check.terms._EnglishText`, keyed by `word_key`.)"""
    return [key for token in _WORD.findall(text) for key in _token_keys(token, verbs)]


def keyed_words(text: str, *, verbs: bool = False) -> list[tuple[str, int, int]]:
    """Each word piece of `text` as (key, start, end); hyphenated and slashed words are split
    ("medium-sized" → medium, sized), so hyphenation never matters."""
    # Hot path of terminology checking: one C-level scan, offsets found with str.find (every
    # letter and digit belongs to a token, so the next token is the next occurrence of its
    # text), keys cached per token.
    out: list[tuple[str, int, int]] = []
    position = 0
    for token in _WORD.findall(text):
        start = text.find(token, position)
        position = start + len(token)
        keys = _token_keys(token, verbs)
        if len(keys) == 1 and "-" not in token and "+" not in token and "/" not in token:
            out.append((keys[0], start, position))
            continue
        piece_start = start
        for piece in _JOINER.split(token):
            if piece:
                out.append((_cached_key(piece, verbs), piece_start, piece_start + len(piece)))
            piece_start += len(piece) + 1
    return out


_CONTENT_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")


def content_words(text: str) -> list[str]:
    """Lemmas of the alphabetic non-stopword words of `text`, in order (lower case); hyphenated
    words count as their parts ("medium-sized" → medium, sized).

    >>> content_words("The added value of small- and medium-sized enterprises grew by 3.6%")
    ['added', 'value', 'small', 'medium', 'sized', 'enterprise', 'grew']
    """
    words: list[str] = []
    for word in _CONTENT_WORD.findall(text):
        lower = word.lower()
        if len(lower) > 1 and lower not in STOPWORDS:
            words.append(lemma(lower))
    return words


def term_key(phrase: str) -> str:
    """A phrase folded for variant merging: lower case, singular, hyphens and quotes as spaces;
    a two-word noun + participle compound in one order ("value added" == "added value").

    >>> term_key("Small- and Medium-Sized Enterprises") == term_key("small and medium sized enterprise")
    True
    >>> term_key("value added") == term_key("added value")
    True
    """
    words = [lemma(w.text.lower().replace("’", "'")) for w in word_tokens(phrase.replace("-", " "))]
    if len(words) == 2 and (words[0].endswith("ed") != words[1].endswith("ed")):
        participle, noun = (words[1], words[0]) if words[1].endswith("ed") else (words[0], words[1])
        words = [participle, noun]
    return " ".join(words)


def find_term(text: str, term: str, *, verbs: bool = False) -> list[TextSpan]:
    """Every occurrence of `term` in `text`, tolerant to case, plurals and hyphenation (and
    verb inflection with `verbs`), as spans of the original text.

    >>> [s.text for s in find_term("Small and medium-sized enterprises (SMEs) and an SME", "small- and medium-sized enterprise")]
    ['Small and medium-sized enterprises']
    >>> [s.text for s in find_term("the SMEs and an SME", "SMEs")]
    ['SMEs', 'SME']
    """
    wanted = [key for key, _, _ in keyed_words(term, verbs=verbs)]
    if not wanted:
        return []
    words = keyed_words(text, verbs=verbs)
    n = len(wanted)
    first = wanted[0]
    spans: list[TextSpan] = []
    i = 0
    while i <= len(words) - n:
        if words[i][0] == first and all(words[i + k][0] == wanted[k] for k in range(1, n)):
            start, end = words[i][1], words[i + n - 1][2]
            spans.append(TextSpan(start, end, text[start:end]))
            i += n
        else:
            i += 1
    return spans


# Candidates only: tokens with a digit, or a capital after a letter or digit (IoT, GDP; not
# "China", not "Beijing-Tianjin"); `_latin_key` decides.
_LATIN = re.compile(r"(?<![A-Za-z0-9-])[A-Za-z0-9-]*(?:[0-9]|(?<=[A-Za-z0-9])[A-Z])[A-Za-z0-9-]*")


def _latin_key(token: str) -> str | None:
    """The comparison key of a code-like token, or None for an ordinary word or number."""
    has_digit = any(c.isdigit() for c in token)
    has_alpha = any(c.isalpha() for c in token)
    if not has_alpha:
        return None
    pieces = token.split("-")
    if has_digit:
        return token.upper()
    caps = [p for p in pieces if len(p) >= 2 and (p.isupper() or (p[-1] == "s" and p[:-1].isupper() and len(p) >= 3))]
    if caps:
        key = token.upper()
        if len(pieces) == 1 and token.endswith("s") and token[:-1].isupper():
            key = key[:-1]  # SMEs → SME
        return key
    if len(pieces) == 1 and any(c.isupper() for c in token[1:]):
        return token.upper()  # IoT, iPhone
    return None


def latin_tokens(text: str) -> list[LatinToken]:
    """Code-like Latin strings: with digits and letters (5G, C919, COVID-19), acronyms (ECMO,
    GDP, SMEs) and inner capitals (IoT). Works on English and Chinese text (5G基站, ＥＣＭＯ).

    >>> [t.key for t in latin_tokens("5G基站、C919大型客机和体外膜肺氧合（ＥＣＭＯ）")]
    ['5G', 'C919', 'ECMO']
    >>> [t.key for t in latin_tokens("China's GDP, IoT connections of SMEs in Beijing")]
    ['GDP', 'IOT', 'SME']
    """
    if not text:
        return []
    folded = fold_fullwidth(text)
    out: list[LatinToken] = []
    for m in _LATIN.finditer(folded):
        token = m.group()
        start = m.start() + (len(token) - len(token.lstrip("-")))
        token = token.strip("-")
        key = _latin_key(token) if token else None
        if key is not None:
            out.append(LatinToken(text[start : start + len(token)], start, start + len(token), key))
    return out


# Relational adjectives and the nouns they are made from (industrial ← industry): dictionaries
# often translate only the noun (CC-CEDICT: industry 工业, industrial 产业).
_ADJECTIVE_ENDINGS = (
    ("ological", ("ology",)),  # technological → technology
    ("ical", ("y", "ics")),  # economical → economy, political → politics
    ("ial", ("y", "e", "")),  # industrial → industry, financial → finance, presidential → president
    ("ural", ("ure",)),  # agricultural → agriculture
    ("ic", ("y", "e", "")),  # economic → economy, strategic → strategy, academic → academe
    ("al", ("", "e")),  # national → nation, digital → digit, regional → region
)


def adjective_bases(word: str) -> tuple[str, ...]:
    """Nouns a relational adjective may be derived from, by rule (lower-case input); empty for
    a word that does not look like one. Candidates, not facts: look them up, do not show them.

    >>> adjective_bases("industrial"), adjective_bases("economic"), adjective_bases("technological")
    (('industry', 'industre', 'industr'), ('economy', 'econome', 'econom'), ('technology',))
    >>> adjective_bases("digital"), adjective_bases("energy")
    (('digit', 'digite'), ())
    """
    for ending, replacements in _ADJECTIVE_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            stem = word[: -len(ending)]
            return tuple(dict.fromkeys(stem + r for r in replacements))
    return ()


# Action nouns and the verbs they are made from (transformation ← transform): dictionaries gloss
# the verb ("to transform" 转型) far more often than the noun.
_NOUN_ENDINGS = (
    ("ization", ("ize",)),  # utilization → utilize
    ("isation", ("ise", "ize")),
    ("ation", ("", "e", "ate")),  # transformation → transform, conservation → conserve, cooperation → cooperate
    ("ment", ("",)),  # development → develop, improvement → improve
    ("ance", ("", "e")),  # performance → perform, assurance → assure
    ("ence", ("", "e")),  # emergence → emerge
    ("al", ("", "e")),  # deferral → defer, approval → approve, renewal → renew
)


def verb_bases(word: str) -> tuple[str, ...]:
    """Verbs an action noun may be derived from, by rule (lower-case input, singular); empty
    for a word that does not look like one. Candidates, not facts: look them up, do not show them.

    >>> verb_bases("transformation"), verb_bases("utilization"), verb_bases("development")
    (('transform', 'transforme', 'transformate'), ('utilize',), ('develop',))
    >>> verb_bases("deferral"), verb_bases("vehicle")
    (('deferr', 'deferre', 'defer'), ())
    """
    for ending, replacements in _NOUN_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            stem = word[: -len(ending)]
            forms = [stem + r for r in replacements]
            if len(stem) > 3 and stem[-1] == stem[-2] and stem[-1] not in "aeiouls":
                forms.append(stem[:-1])  # deferral → defer, occurrence → occur
            return tuple(dict.fromkeys(forms))
    return ()
