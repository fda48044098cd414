"""Sentence splitting for English and Chinese paragraphs.

`sentence_spans(text, lang)` returns (start, end) character spans into `text`, in order,
non-overlapping, each stripped of surrounding whitespace and never empty; nothing but
whitespace lies between or around them. Readers add the paragraph's offset to place the
spans in the whole file.

English: a sentence ends at . ! ? or an ellipsis, followed by closing quotes/brackets and
whitespace, unless the next word starts in lower case, or the period closes an
abbreviation (Mr., Jan., e.g., No. 5, U.S. Treasury). Decimals (3.6%) and thousands
(1,973) never split since no whitespace follows their separator.

Chinese: a sentence ends at 。！？；… (and ASCII ! ?) with the closing quotes and brackets
that follow (”’」』）), except inside 《》 titles, between digits, or when a comma-like
mark follows (……，), or after an ellipsis inside a quotation that goes on (“您能…… 说具体些吗？”).
"""

from __future__ import annotations

import regex

from termalign.model import Lang

Span = tuple[int, int]

# --- English ---------------------------------------------------------------------------

_EN_CANDIDATE = regex.compile(r"""(?P<stop>[.!?…]+)(?P<close>["'”’)\]}»]*)(?=\s|\Z)""")
_EN_OPENERS = "\"'“‘([{«"

# Abbreviations after which a sentence never ends (titles, months, Latin, units of reference).
_NEVER_FINAL = frozenset(
    """
    mr mrs ms messrs dr prof st mt ft hon rev gen lt col capt sgt sen rep gov pres supt
    jan feb mar apr jun jul aug sep sept oct nov dec
    e.g i.e cf vs approx viz al
    """.split()
)
# Abbreviations before a number: "No. 5", "Art. 12", "Fig. 3".
_BEFORE_NUMBER = frozenset("no nos art arts para paras pp p vol fig figs sec ch op".split())
# Abbreviations that may close a sentence: split only when a typical sentence opener follows.
_MAY_END = frozenset("etc a.m p.m u.s u.k u.n e.u inc ltd co corp jr sr bros plc".split())
_SENTENCE_OPENERS = frozenset(
    """
    the this that these those there it its we i you he she they our my his her their
    in on at as for from with by to but and or so yet if when while since after before during
    although though however meanwhile moreover furthermore also thus therefore then now next
    first second third finally a an what how why where who which thank thanks please let all
    some many most each every both such over under according
    """.split()
)
_DOTTED = regex.compile(r"^(?:\p{L}\.)+\p{L}$")
_INITIAL = regex.compile(r"\p{Lu}")
_TRAILING_PUNCTUATION = regex.compile(r"\W+$")
_NEXT_WORD = regex.compile(r"\s*[\"'“‘(\[{«]*(\S*)")
_ENUMERATOR = regex.compile(r"^(?:\d{1,3}|[ivxlc]{1,5}|[IVXLC]{1,5}|\p{L})$")


def _token_before(text: str, end: int) -> tuple[str, int]:
    """The whitespace-delimited token ending at `end` (opening quotes/brackets removed)."""
    start = end
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    token = text[start:end]
    stripped = token.lstrip(_EN_OPENERS)
    return stripped, start + len(token) - len(stripped)


def _next_word(text: str, pos: int) -> str:
    """The next word after `pos` (skipping whitespace and opening quotes/brackets)."""
    match = _NEXT_WORD.match(text, pos)
    return match.group(1) if match else ""


def _abbreviation_holds(text: str, period: int, after: int, sentence_start: int) -> bool:
    """True when the period at `period` belongs to an abbreviation and does not end a sentence."""
    token, token_start = _token_before(text, period)
    key = token.lower()
    following = _next_word(text, after)
    opener = _TRAILING_PUNCTUATION.sub("", following).lower()
    if key in _NEVER_FINAL:
        return True
    if key in _BEFORE_NUMBER and following[:1].isdigit():
        return True
    if key in _MAY_END or _DOTTED.match(token) or _INITIAL.fullmatch(token):
        return opener not in _SENTENCE_OPENERS
    if _ENUMERATOR.match(token) and not text[sentence_start:token_start].strip():
        return True  # "1. The first point": a list number opening a sentence
    return False


def _english_cuts(text: str) -> list[int]:
    cuts: list[int] = []
    for match in _EN_CANDIDATE.finditer(text):
        after = match.end()
        following = _next_char(text, after)
        if not following or following.islower():
            continue
        stop = match.group("stop")
        sentence_start = cuts[-1] if cuts else 0
        if stop == "." and _abbreviation_holds(text, match.start("stop"), after, sentence_start):
            continue
        cuts.append(after)
    return cuts


# --- Chinese ---------------------------------------------------------------------------

_ZH_STOPS = frozenset("。！？；…!?")
_ZH_CLOSERS = frozenset("”’」』）)】〕\"'")
_ZH_CONTINUATIONS = frozenset("，、,：:；;")
_ZH_TITLE_OPEN = "《〈"
_ZH_TITLE_CLOSE = "》〉"
_ZH_QUOTE_OPEN = "“「『"
_ZH_QUOTE_CLOSE = "”」』"
_ZH_ELLIPSIS = frozenset("…⋯")


def _chinese_cuts(text: str) -> list[int]:
    cuts: list[int] = []
    depth = 0
    quoted = 0  # open “…” / 「…」 quotations
    i, n = 0, len(text)
    while i < n:
        char = text[i]
        if char in _ZH_TITLE_OPEN:
            depth += 1
        elif char in _ZH_TITLE_CLOSE:
            depth = max(0, depth - 1)
        elif char in _ZH_QUOTE_OPEN:
            quoted += 1
        elif char in _ZH_QUOTE_CLOSE:
            quoted = max(0, quoted - 1)
        if char not in _ZH_STOPS or depth:
            i += 1
            continue
        start = i
        while i < n and text[i] in _ZH_STOPS:
            i += 1
        if i - start == 1 and 0 < start and i < n and text[start - 1].isdigit() and text[i].isdigit():
            continue  # "3。6": a stop between digits is a decimal point typed in full width
        trailing_ellipsis = set(text[start:i]) <= _ZH_ELLIPSIS
        closed = i < n and text[i] in _ZH_CLOSERS
        while i < n and text[i] in _ZH_CLOSERS:
            if text[i] in _ZH_QUOTE_CLOSE:
                quoted = max(0, quoted - 1)
            i += 1
        if trailing_ellipsis and quoted and not closed:
            continue  # “您能…… 说具体些吗？”: a speaker trailing off mid-quotation goes on
        following = _next_char(text, i)
        if following and following not in _ZH_CONTINUATIONS:
            cuts.append(i)
    return cuts


# --- both ------------------------------------------------------------------------------

_NEXT_CHAR = regex.compile(r"\s*+(\S)")


def _next_char(text: str, pos: int) -> str:
    """The first non-whitespace character at or after `pos` ("" at the end of the text)."""
    match = _NEXT_CHAR.match(text, pos)
    return match.group(1) if match else ""



def _spans_between(text: str, cuts: list[int]) -> list[Span]:
    spans: list[Span] = []
    for start, end in zip([0, *cuts], [*cuts, len(text)]):
        piece = text[start:end]
        stripped_start = start + (len(piece) - len(piece.lstrip()))
        stripped_end = start + len(piece.rstrip())
        if stripped_start < stripped_end:
            spans.append((stripped_start, stripped_end))
    return spans


def sentence_spans(text: str, lang: Lang | str) -> list[Span]:
    """(start, end) spans of the sentences of `text`, stripped, in order, never empty."""
    language = Lang(lang)
    cuts = _chinese_cuts(text) if language is Lang.ZH else _english_cuts(text)
    return _spans_between(text, cuts)


def split_sentences(text: str, lang: Lang | str) -> list[str]:
    """The sentences of `text` as strings (see `sentence_spans`)."""
    return [text[start:end] for start, end in sentence_spans(text, lang)]
