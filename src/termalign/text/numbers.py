"""Numbers in English and Chinese text: find them, normalise them, compare them across languages.

`extract_numbers(text, lang)` returns every number mention with its character span, its kind
(cardinal, percent, percentage point, multiplier, year, month, date, ordinal, fraction, time)
and its exact value (a `Decimal`; a `Fraction` for fractions such as 1/3), so that

    887,000 = 88.7万          2.312 million = 231.2万        1.84 billion = 18.4亿
    4 trillion yuan = 4万亿元  3.6% = ３．６％ = 百分之三点六     one-third = 三分之一
    20th = 第二十 = 二十(大)    2021-2025 = 2021—2025年       the first 11 months = 1—11月
    Jan. 17 = 1月17日          2.75 times = 2.75倍           1.1 percentage points = 1.1个百分点
    eight (consecutive years) = 8(年)                        four (aspects) = 四(个方面)
    15:00 = 下午3时 = 3 p.m.    three o'clock in the afternoon = 下午三点
    eighteen or nineteen = 十八九 (a range, 18–19)           20,000 to 30,000 = 两三万

compare equal. `match_numbers(source, target)` pairs the mentions of two texts and returns the
matched pairs (exact / equal but written differently / approximate), the source-only and the
target-only mentions; the checker reports changed numbers from it, the aligner uses
`NumberMatch.dice` as an overlap score.

Design notes
- Spans index the text as given. Full-width digits and the Traditional forms of the numeral
  characters (兩 萬 億 點 個 …) are folded one character for one character before matching,
  so offsets never shift.
- Every value keeps the precision it was written with (`precision`: the place value of the last
  written digit, 2.312 million → 1000, 231万 → 10000). Two values are *approximately* equal
  when the finer one rounds to the coarser one (within half a unit of its last digit:
  2,312,000 ~ 231万, 3.6% ~ 4%, but not 3.6% ~ 3%).
- EXACT vs EQUAL: the notation (case, spaces and thousands separators ignored) is the same
  (1,973 ↔ 1973, 3.6% ↔ 3.6%) or differs (887,000 ↔ 88.7万, four ↔ 四).
- Ranges are one mention with `value` (low) and `high`; a range also matches its two ends
  written as separate numbers on the other side (2021-2025 ~ 2021年至2025年). Chinese
  approximate numbers (概数: two consecutive digits, 十七八, 七八十, 三四天) are ranges.
- Dates: `value` is month*100 + day (Jan. 17 → 117); months: `value` is the month number;
  times: minutes after midnight. A bare HH:MM is a time on both sides, but not inside a chain
  of colons (1108:21:37, a time stamp) or before a thousands group (1:50,000, a scale).
- Signs are not read: Chinese and English both say "down 1.4%" / 下降1.4% in words.
- List markers ("First," at the start of a sentence, 一是, 第一，, （一）) are flagged
  `ignorable` and left out unless `include_ignorable=True`. Numbers written in words with a value
  of at most ten (four aspects, 两台, 第一) are `weak`: they count in a match when paired, but a
  weak number left over is no evidence against a translation (translators drop and add them).
- Digits glued to Latin letters are codes, not numbers (5G, C919, COVID-19, 38T, 1000M): see
  `termalign.text.english.latin_tokens` for those.
"""

from __future__ import annotations

import itertools
import re
from collections import defaultdict, deque
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from decimal import Decimal
from fractions import Fraction

from ahocorasick_rs import AhoCorasick, MatchKind

__all__ = [
    "NumberKind",
    "MatchQuality",
    "NumberMention",
    "NumberPair",
    "NumberMatch",
    "extract_numbers",
    "same_number",
    "match_numbers",
    "compare_numbers",
    "parse_zh_numeral",
    "format_zh",
]


class NumberKind(StrEnum):
    CARDINAL = "cardinal"
    ORDINAL = "ordinal"  # 20th, 第二十, first, 二十大
    YEAR = "year"  # 2022, 2022年
    PERCENT = "percent"  # 3.6%, 3.6 percent, 百分之三点六
    PERCENTAGE_POINT = "percentage_point"  # 1.1 percentage points, 1.1个百分点
    MULTIPLIER = "multiplier"  # 2.75 times, 1.2-fold, 2.75倍
    FRACTION = "fraction"  # one-third, 三分之一
    MONTH = "month"  # April, 4月; ranges: the first 11 months, 1—11月
    DATE = "date"  # Jan. 17, 1月17日 (value month*100+day)
    TIME = "time"  # 3 p.m., 15:00, 下午3时 (value minutes after midnight)


class MatchQuality(StrEnum):
    EXACT = "exact"  # same value, same notation (3.6% ↔ 3.6%)
    EQUAL = "equal"  # same value, written differently (887,000 ↔ 88.7万, four ↔ 四)
    APPROXIMATE = "approximate"  # one is a rounding of the other (2.312 million ↔ 231万)


# Kinds that compare with each other: a year, an ordinal and a count are all plain numbers
# (二十大 is an ordinal written without 第; 2000 may be a year or a count).
_CLASS: dict[NumberKind, str] = {
    NumberKind.CARDINAL: "n",
    NumberKind.ORDINAL: "n",
    NumberKind.YEAR: "n",
    NumberKind.PERCENT: "%",
    NumberKind.PERCENTAGE_POINT: "pp",
    NumberKind.MULTIPLIER: "x",
    NumberKind.FRACTION: "frac",
    NumberKind.MONTH: "month",
    NumberKind.DATE: "date",
    NumberKind.TIME: "time",
}

# Exact values: Decimal for everything written in decimal notation (fast to build), Fraction for
# fractions without a finite decimal (1/3). The two compare and hash exactly with each other.
Value = Decimal | Fraction
_ONE = Decimal(1)


@dataclass(slots=True)
class NumberMention:
    """One number found in a text. Treat it as read-only.

    `text == source_text[start:end]` always holds. `value` is exact; `high` is the upper end
    of a range (None otherwise); `precision` is the place value of the last written digit.
    (Not frozen: a frozen dataclass costs five times as much to build, and extraction runs on
    every segment of a corpus.)
    """

    text: str
    start: int
    end: int
    kind: NumberKind
    value: Value
    high: Value | None = None
    precision: Decimal = _ONE
    spelled: bool = False  # written in words or Chinese numerals, not Arabic digits
    ignorable: bool = False  # a list marker (First, / 一是), not a fact
    # what must be equal for two mentions to be the same number (kind class, value, high)
    key: tuple[str, Value, Value | None] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self.key = (_CLASS[self.kind], self.value, self.high)

    @property
    def is_range(self) -> bool:
        return self.high is not None

    @property
    def weak(self) -> bool:
        """Small numbers written in words and list markers: evidence only when paired."""
        if self.ignorable:
            return True
        return self.spelled and self.high is None and _CLASS[self.kind] == "n" and self.value <= 10

    @property
    def notation(self) -> str:
        """The mention as written, without spaces and thousands separators, lower case."""
        return _fold(self.text).replace(",", "").replace(" ", "").lower()

    def __str__(self) -> str:
        return self.text


# ---------------------------------------------------------------------------------------------
# Character folding (one char → one char, so spans stay valid)

_FOLD_MAP: dict[str, str] = {chr(0xFF10 + i): str(i) for i in range(10)}
_FOLD_MAP.update(
    {
        "．": ".",
        "％": "%",
        "：": ":",
        "－": "-",
        "～": "~",
        "兩": "两",
        "萬": "万",
        "億": "亿",
        "點": "点",
        "個": "个",
        "號": "号",
        "臺": "台",
        "項": "项",
        "種": "种",
        "輛": "辆",
        "類": "类",
        "輪": "轮",
        "屆": "届",
        "張": "张",
        "組": "组",
        "處": "处",
        "場": "场",
        "層": "层",
        "級": "级",
        "縣": "县",
        "國": "国",
        "歲": "岁",
        "時": "时",
        "鐘": "钟",
        "週": "周",
    }
)
_FOLD = str.maketrans(_FOLD_MAP)
_NEEDS_FOLD = re.compile("[" + "".join(_FOLD_MAP) + "]")


def _fold(text: str) -> str:
    """Full-width digits and Traditional numeral characters to their plain forms (same length)."""
    return text.translate(_FOLD) if _NEEDS_FOLD.search(text) else text


# ---------------------------------------------------------------------------------------------
# Value helpers


# precisions are always powers of ten: shared
_POW10 = {e: Decimal(1).scaleb(e) for e in range(-40, 41)}


def _digits_value(s: str, exponent: int = 0) -> tuple[Decimal, Decimal]:
    """Value and precision of digits times 10**exponent: ('1,973', 0) → (1973, 1);
    ('2.312', 6) → (2312000, 1000)."""
    whole, _, frac = s.replace(",", "").partition(".")
    e = exponent - len(frac)
    mantissa = int(whole + frac)
    if e >= 0:
        return Decimal(mantissa * 10**e), _POW10[e]
    return Decimal(mantissa).scaleb(e), _POW10[e]


def _trailing_zero_unit(n: int) -> int:
    unit = 1
    while n and n % (unit * 10) == 0:
        unit *= 10
    return unit


# --- Chinese numerals ---------------------------------------------------------------------------

_ZH_DIGIT = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}

# one section below 10,000: [D千][零][D百][零][D]十[零][D]
_ZH_SECTION = re.compile(
    r"(?:(?P<q>[一二两三四五六七八九])千)?零?"
    r"(?:(?P<b>[一二两三四五六七八九])百)?零?"
    r"(?:(?P<s>[一二三四五六七八九])?(?P<ten>十))?零?"
    r"(?P<u>[一二三四五六七八九])?"
)


def _zh_section(s: str, before_unit: bool = False) -> int | None:
    """A numeral below 10,000; `before_unit`: it stands before 万/亿, where 两 may end it (两万)."""
    if not s:
        return None
    if before_unit and s[-1] == "两":
        s = s[:-1] + "二"
    m = _ZH_SECTION.fullmatch(s)
    if m is None or not any(m.group(g) for g in ("q", "b", "ten", "u")):
        return None
    # 两 stands for 2 only before a unit; 二十 not 两十 (excluded by the pattern)
    value = 0
    if m.group("q"):
        value += _ZH_DIGIT[m.group("q")] * 1000
    if m.group("b"):
        value += _ZH_DIGIT[m.group("b")] * 100
    if m.group("ten"):
        if m.group("s"):
            value += _ZH_DIGIT[m.group("s")] * 10
        elif value == 0:
            value += 10  # 十五 = 15
        else:
            value += 10  # 一百十 (colloquial) = 110
    if m.group("u"):
        value += _ZH_DIGIT[m.group("u")]
    return value


def _zh_below_1e8(s: str, before_unit: bool = False) -> int | None:
    if "万" in s:
        head, _, tail = s.partition("万")
        high = _zh_section(head, before_unit=True)
        if high is None:
            return None
        if not tail:
            return high * 10_000
        tail = tail[1:] if tail.startswith("零") else tail
        low = _zh_section(tail)
        return None if low is None else high * 10_000 + low
    return _zh_section(s, before_unit)


def parse_zh_numeral(s: str) -> int | None:
    """Value of a Chinese numeral (二十一 → 21, 两千 → 2000, 四万亿 → 4×10¹², 二〇二二 → 2022).

    Returns None when `s` is not a well-formed numeral (千万, 一一, 四五). Digit-by-digit
    forms (二〇二二) are accepted when they contain 〇/零 or have four digits (years).
    """
    return _parse_zh(_fold(s))


def _parse_zh(s: str) -> int | None:
    if not s:
        return None
    if all(c in _ZH_DIGIT for c in s):
        if len(s) == 1:
            return _ZH_DIGIT[s]
        if "〇" in s or "零" in s or len(s) == 4:
            return int("".join(str(_ZH_DIGIT[c]) for c in s))
        return None
    if s[0] == "零" or s[-1] == "零":
        return None
    if "亿" in s:
        head, _, tail = s.partition("亿")
        high = _zh_below_1e8(head, before_unit=True) if head != "万" else None
        if high is None:
            return None
        if not tail:
            return high * 100_000_000
        tail = tail[1:] if tail.startswith("零") else tail
        low = _zh_below_1e8(tail)
        return None if low is None else high * 100_000_000 + low
    return _zh_below_1e8(s)


def _zh_numeral_prefix(run: str) -> tuple[int, int] | None:
    """Longest prefix of a run of numeral characters that is a numeral: (length, value)."""
    for n in range(len(run), 0, -1):
        value = _parse_zh(run[:n])
        if value is not None:
            if n > 1 and all(c in _ZH_DIGIT for c in run[:n]) and "〇" not in run[:n] and "零" not in run[:n]:
                continue  # 四位 digit strings only as years; decided by the caller
            return n, value
    return None


def _zh_decimal_digits(s: str) -> str:
    return "".join(str(_ZH_DIGIT[c]) for c in s)


# --- magnitudes ---------------------------------------------------------------------------------

# as powers of ten
_EN_MAGNITUDE = {"thousand": 3, "million": 6, "mln": 6, "mn": 6, "billion": 9, "bn": 9, "trillion": 12}
_ZH_MAGNITUDE = {"十": 1, "百": 2, "千": 3, "万": 4, "亿": 8}


def _zh_magnitude(s: str | None) -> int:
    """Power of ten of a magnitude suffix: 万 → 4, 万亿 → 12, 千万 → 7."""
    return sum(_ZH_MAGNITUDE[c] for c in s) if s else 0


# --- English number words -----------------------------------------------------------------------

_EN_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
_EN_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
_EN_SCALES = {"hundred": 100, "thousand": 1000, "million": 10**6, "billion": 10**9, "trillion": 10**12}
_EN_ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50,
    "sixtieth": 60, "seventieth": 70, "eightieth": 80, "ninetieth": 90, "hundredth": 100,
    "firstly": 1, "secondly": 2, "thirdly": 3, "fourthly": 4, "fifthly": 5,
}  # fmt: skip
_EN_DENOMINATORS = {
    "half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4, "fourth": 4,
    "fourths": 4, "fifth": 5, "fifths": 5, "sixth": 6, "sixths": 6, "seventh": 7, "sevenths": 7,
    "eighth": 8, "eighths": 8, "ninth": 9, "ninths": 9, "tenth": 10, "tenths": 10,
}  # fmt: skip
_EN_MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4,
    "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9,
    "sept": 9, "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12,
    "december": 12,
}  # fmt: skip


def _en_words_value(words: list[str]) -> int | None:
    """'one hundred and twenty' → 120; 'a hundred' → 100; None when not a number phrase."""
    total = 0
    current = 0
    last = ""  # "unit", "ten", "hundred", "scale"
    for w in words:
        if w == "and":
            if last != "hundred" and last != "scale":
                return None
            continue
        if w == "a":
            if last:
                return None
            current, last = 1, "a"
            continue
        if w in _EN_UNITS:
            v = _EN_UNITS[w]
            if last in ("unit", "a") or (last == "ten" and v >= 10):
                return None
            current += v
            last = "unit"
        elif w in _EN_TENS:
            if last in ("unit", "ten", "a"):
                return None
            current += _EN_TENS[w]
            last = "ten"
        elif w == "hundred":
            if last == "hundred" or current >= 100:
                return None
            current = (current or 1) * 100
            last = "hundred"
        elif w == "dozen":
            current = (current or 1) * 12
            last = "scale"
        elif w in _EN_SCALES:
            total += (current or 1) * _EN_SCALES[w]
            current = 0
            last = "scale"
        else:
            return None
    return total + current


# ---------------------------------------------------------------------------------------------
# English

_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_EN_WORD = (
    r"(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen"
    r"|fifteen|sixteen|seventeen|eighteen|nineteen"
    r"|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:-(?:one|two|three|four|five|six|seven|eight|nine))?"
    r"|hundred|thousand|million|billion|trillion|dozen)"
)
_EN_MONTH_RE = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan\.|Feb\.|Mar\.|Apr\.|Jun\.|Jul\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)"
)
_EN_ORD_WORD = "|".join(sorted(_EN_ORDINALS, key=len, reverse=True))
_EN_TENS_RE = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_EN_DENOM_RE = "|".join(sorted(_EN_DENOMINATORS, key=len, reverse=True))

# A clock time "15:00" ends there: not "1108:21:37" (a chain of colons) nor "1:50,000" (a scale).
_CLOCK_END = r"(?![\d:]|[.,]\d)"

_EN_MASTER = re.compile(
    rf"""
    (?:
      (?<![A-Za-z0-9])(?P<month>{_EN_MONTH_RE})(?:\s+(?P<mday>\d{{1,2}})(?:st|nd|rd|th)?(?![\d,]*\d)(?!\.\d))?
    | (?<![A-Za-z0-9.])(?P<dday>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<dmonth>{_EN_MONTH_RE})
    | (?<![A-Za-z0-9.:])(?P<hour>\d{{1,2}})(?:(?::(?P<minute>\d{{2}}))?\s*(?P<ampm>[ap]\.m\.|[ap]m\b)|:(?P<clock>\d{{2}}){_CLOCK_END})
    | (?<![A-Za-z0-9])(?i:(?P<oc>\d{{1,2}}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+o['’]clock\b)
      (?:\s*(?P<ocpart>(?i:in\s+the\s+(?:morning|afternoon|evening)|at\s+night|[ap]\.m\.|[ap]m\b)))?
    | (?<![A-Za-z0-9])(?i:(?P<fm>first|past|last)\s+(?P<fmn>\d{{1,2}}|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+months)\b
    | (?<![A-Za-z0-9])(?i:(?P<fnum>one|two|three|four|five|six|seven|eight|nine|a)(?P<fsep>-|\s+)(?P<fden>{_EN_DENOM_RE}))\b(?P<fof>\s+of)?
    | (?<![A-Za-z0-9])No\.\s?(?P<no>\d+)\b
    | (?:(?<![A-Za-z0-9.])|(?<=[a-z])(?=[\d.]+%))(?P<num>{_NUM})
      (?:(?P<rsep>\s*[-–—]\s*|\s+to\s+)(?P<num2>{_NUM}))?
      (?P<mag>\s*-?\s*(?:thousand|million|billion|trillion|mln|mn|bn)\b)?
      (?P<plus>-plus\b|\+)?
      (?:
        (?P<pct>\s?%|\s?per\s?cent\b)
      | (?P<pp>\s+percentage\s+points?\b)
      | (?P<times>\s+times\b|-?fold\b)
      | (?P<ordsuf>(?:st|nd|rd|th)\b)
      | (?P<unit>(?:km|kg|kWh|kW|MW|GW|GB|TB|mm|cm)\b)
      )?
    | (?<![A-Za-z0-9])(?i:(?P<ordtens>{_EN_TENS_RE})-(?P<ordunit>first|second|third|fourth|fifth|sixth|seventh|eighth|ninth))\b
    | (?<![A-Za-z0-9])(?i:(?P<words>(?:a\s+(?=(?:hundred|thousand|million|billion|trillion|dozen)\b))?{_EN_WORD}(?:(?:\s+and\s+|\s+|-){_EN_WORD})*))\b
      (?:(?P<wpct>\s+percent\b|\s+per\s?cent\b)|(?P<wpp>\s+percentage\s+points?\b)|(?P<wtimes>\s+times\b|-?fold\b))?
    | (?<![A-Za-z0-9])(?i:(?P<ordw>{_EN_ORD_WORD}))\b
    )
    """,
    re.VERBOSE,
)
_EN_SINGLE_NUM = re.compile(_NUM)
_EN_WORD_SPLIT = re.compile(r"\s+and\s+|\s+|-(?=[a-z])", re.IGNORECASE)
_EN_CLAUSE_START = re.compile(r"(?:^|[.!?:;\n\"“(]\s*|\n\s*)$")
_EN_MAY_CONTEXT = re.compile(
    r"(?:\b(?:in|since|of|early|mid|late|last|next|this|until|by|from|to|before|after)[\s-]*)$", re.I
)
_YEAR_MIN, _YEAR_MAX = 1800, 2199


def _is_clause_start(text: str, start: int) -> bool:
    return _EN_CLAUSE_START.search(text, max(0, start - 3), start) is not None


_EN_MARKER_TAIL = re.compile(r"\s*[,:]|\s+of\s+all\b")
_EN_THE_FIRST_IS = re.compile(r"\s+(?:[a-z]+\s+)?is\b")


def _is_en_list_marker(text: str, start: int, end: int, word: str) -> bool:
    """'First, …' / 'Secondly: …' at the start of a clause; 'The first (achievement) is …'."""
    if word[0].isupper() and _is_clause_start(text, start):
        return _EN_MARKER_TAIL.match(text, end) is not None
    if start >= 4 and text[start - 4 : start] == "The " and _is_clause_start(text, start - 4):
        return _EN_THE_FIRST_IS.match(text, end) is not None
    return False


def _next_is_letter(text: str, end: int) -> bool:
    return end < len(text) and (text[end].isascii() and text[end].isalpha())


class _Builder:
    """Collects mentions for one text; keeps spans aligned to the original string."""

    __slots__ = ("text", "out")

    def __init__(self, text: str) -> None:
        self.text = text
        self.out: list[NumberMention] = []

    def add(
        self,
        start: int,
        end: int,
        kind: NumberKind,
        value: Value,
        *,
        high: Value | None = None,
        precision: Decimal = _ONE,
        spelled: bool = False,
        ignorable: bool = False,
    ) -> None:
        self.out.append(
            NumberMention(self.text[start:end], start, end, kind, value, high, precision, spelled, ignorable)
        )


_EN_TRIGGERS = sorted(
    {*_EN_UNITS, *_EN_TENS, *_EN_SCALES, *_EN_ORDINALS, "dozen", "past", "last", "no."}
    | {name for name in _EN_MONTHS if len(name) > 4 or name == "may" or name == "june" or name == "july"}
    | {f"{name}." for name in _EN_MONTHS if len(name) <= 4 and name not in ("may", "june", "july")}
)
_EN_TRIGGER_AC = AhoCorasick(_EN_TRIGGERS, matchkind=MatchKind.LeftmostLongest)
_DIGIT_RUN = re.compile(r"\d+")
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def _en_candidates(text: str) -> list[int]:
    """Where a mention may start: digit runs and whole number words (found with Aho-Corasick,
    which is far faster than trying the master pattern at every character)."""
    candidates = [m.start() for m in _DIGIT_RUN.finditer(text)]
    lower = text.lower() if text.isascii() else text.translate(_ASCII_LOWER)
    n = len(lower)
    for _, s, e in _EN_TRIGGER_AC.find_matches_as_indexes(lower):
        if s and lower[s - 1].isascii() and lower[s - 1].isalnum():
            continue
        if e < n and lower[e].isascii() and lower[e].isalpha() and lower[e - 1] != ".":
            continue
        if s >= 2 and lower[s - 2 : s] == "a " and (s == 2 or not lower[s - 3].isalnum()):
            candidates.append(s - 2)  # "a hundred", "a third of"
        candidates.append(s)
    candidates.sort()
    return candidates


def _extract_en(original: str, text: str) -> list[NumberMention]:
    b = _Builder(original)
    cursor = 0
    for candidate in _en_candidates(text):
        if candidate < cursor:
            continue
        m = _EN_MASTER.match(text, candidate)
        if m is not None:
            cursor = _read_en(b, text, m)
    return b.out


def _read_en(b: _Builder, text: str, m: re.Match[str]) -> int:
    """Record the mention(s) of one master match; return where reading goes on."""
    pos = m.end()
    start, end = m.span()
    g = m.group
    if g("month") is not None:
        month = _EN_MONTHS[g("month").rstrip(".").lower()]
        if g("mday") is not None:
            day = int(g("mday"))
            if 1 <= day <= 31:
                b.add(start, end, NumberKind.DATE, Decimal(month * 100 + day))
                return pos
            pos = m.end("month")
            end = pos
        if g("month") in ("May", "March") and g("mday") is None:
            # the verbs "May I…", "March on": only a month after a time word
            if not _EN_MAY_CONTEXT.search(text, max(0, start - 12), start):
                pos = m.end("month")
                return pos
        b.add(start, m.end("month"), NumberKind.MONTH, Decimal(month))
        pos = m.end("month")
    elif g("dday") is not None:
        day = int(g("dday"))
        month = _EN_MONTHS[g("dmonth").rstrip(".").lower()]
        if 1 <= day <= 31:
            b.add(start, end, NumberKind.DATE, Decimal(month * 100 + day))
        else:
            pos = m.end("dday")
            _add_en_plain(b, text, start, m.end("dday"))
    elif g("hour") is not None:
        hour = int(g("hour"))
        ampm = g("ampm")
        minute = int(g("minute") or g("clock") or 0)
        if hour > (12 if ampm else 24) or minute > 59:
            pos = start + len(g("hour"))
            _add_en_plain(b, text, start, pos)
            return pos
        if ampm and ampm[0] == "p" and hour != 12:
            hour += 12
        elif ampm and ampm[0] == "a" and hour == 12:
            hour = 0
        b.add(start, end, NumberKind.TIME, Decimal(hour * 60 + minute))
    elif g("oc") is not None:
        hour_text = g("oc").lower()
        hour = int(hour_text) if hour_text.isdigit() else _EN_UNITS[hour_text]
        if hour > 12:
            return start + len(g("oc"))
        part = (g("ocpart") or "").lower()
        if (part.startswith(("p", "in the afternoon", "in the evening", "at night")) and hour != 12) or (
            part.startswith("a") and hour == 12
        ):
            hour = (hour + 12) % 24
        b.add(start, end, NumberKind.TIME, Decimal(hour * 60), spelled=not hour_text.isdigit())
    elif g("fm") is not None:
        count_text = g("fmn").lower()
        count = int(count_text) if count_text.isdigit() else _EN_UNITS[count_text]
        if g("fm").lower() == "first":
            b.add(start, end, NumberKind.MONTH, _ONE, high=Decimal(count), spelled=not count_text.isdigit())
        else:  # the past 11 months: a duration
            s = m.start("fmn")
            b.add(s, m.end("fmn"), NumberKind.CARDINAL, Decimal(count), spelled=not count_text.isdigit())
    elif g("fden") is not None:
        numerator_text = g("fnum").lower()
        if g("fof") is None and (numerator_text == "a" or g("fsep") != "-"):
            # "a third meeting", "the first three quarters": not fractions
            if numerator_text == "a":
                pos = m.start("fden")
            else:
                pos = _add_en_words_at(b, text, start, m.end("fnum"))
            return pos
        numerator = 1 if numerator_text == "a" else _EN_UNITS[numerator_text]
        denominator = _EN_DENOMINATORS[g("fden").lower()]
        if numerator >= denominator:
            pos = m.end("fnum")
            return pos
        end = m.end("fden")
        b.add(start, end, NumberKind.FRACTION, Fraction(numerator, denominator), spelled=True)
        pos = end
    elif g("no") is not None:
        b.add(start, end, NumberKind.ORDINAL, Decimal(int(g("no"))))
    elif g("num") is not None:
        pos = _add_en_numeric(b, text, m)
    elif g("ordtens") is not None:
        value = _EN_TENS[g("ordtens").lower()] + _EN_ORDINALS[g("ordunit").lower()]
        b.add(start, end, NumberKind.ORDINAL, Decimal(value), spelled=True)
    elif g("words") is not None:
        pos = _add_en_words(b, text, m)
    elif g("ordw") is not None:
        word = g("ordw")
        value = _EN_ORDINALS[word.lower()]
        marker = _is_en_list_marker(text, start, end, word)
        b.add(start, end, NumberKind.ORDINAL, Decimal(value), spelled=True, ignorable=marker)
    return pos


def _add_en_plain(b: _Builder, text: str, start: int, end: int) -> None:
    value, precision = _digits_value(text[start:end])
    b.add(start, end, _year_or_cardinal(text[start:end], value), value, precision=precision)


def _year_or_cardinal(digits: str, value: Value) -> NumberKind:
    if len(digits) == 4 and digits.isdigit() and _YEAR_MIN <= value <= _YEAR_MAX:
        return NumberKind.YEAR
    return NumberKind.CARDINAL


def _letters_before(text: str, start: int) -> bool:
    """Digits glued to a code: C919, COVID-19, G20 (a lower-case word glued by a typo is not)."""
    if start == 0:
        return False
    c = text[start - 1]
    if c.isascii() and c.isalpha():
        return c.isupper()  # lower case only reaches here glued to a percent: "and15.0%"
    return c == "-" and start >= 2 and text[start - 2].isascii() and text[start - 2].isalpha()


def _add_en_numeric(b: _Builder, text: str, m: re.Match[str]) -> int:
    g = m.group
    start = m.start()
    end = m.end()
    if _letters_before(text, start) or _next_is_letter(text, end):
        # a code such as 5G or C919: skip the whole alphanumeric token
        j = end
        while j < len(text) and (text[j].isalnum() and text[j].isascii()):
            j += 1
        return max(j, m.end("num"))
    num = g("num")
    magnitude = _EN_MAGNITUDE[g("mag").strip(" -").lower()] if g("mag") is not None else 0
    value, precision = _digits_value(num, magnitude)
    high = None
    if g("num2") is not None:
        sep = g("rsep").strip()
        num2 = g("num2")
        if len(num) == 4 and len(num2) == 2 and num.isdigit() and num2.isdigit() and int(num2) > int(num[2:]):
            num2 = num[:2] + num2  # 2021-22: the second year abbreviated
        high, high_precision = _digits_value(num2, magnitude)
        years = (
            magnitude == 0
            and len(num) == 4
            and len(num2) == 4
            and all(_YEAR_MIN <= v <= _YEAR_MAX for v in (value, high))
        )
        ordered = high > value
        if sep == "to" and not years or not ordered:
            # "grew from 5 to 10": two numbers, read the first alone and continue after it
            one = _EN_SINGLE_NUM.match(text, start)
            assert one is not None
            return _add_en_numeric_single(b, text, start, one.end())
        precision = min(precision, high_precision)
    if g("pct") is not None:
        kind = NumberKind.PERCENT
    elif g("pp") is not None:
        kind = NumberKind.PERCENTAGE_POINT
    elif g("times") is not None:
        kind = NumberKind.MULTIPLIER
    elif g("ordsuf") is not None:
        kind = NumberKind.ORDINAL
    elif magnitude == 0 and "," not in num and "." not in num and len(num) == 4 and _YEAR_MIN <= value <= _YEAR_MAX:
        kind = NumberKind.YEAR
    else:
        kind = NumberKind.CARDINAL
    b.add(start, end, kind, value, high=high, precision=precision)
    return end


def _add_en_numeric_single(b: _Builder, text: str, start: int, end: int) -> int:
    _add_en_plain(b, text, start, end)
    return end


def _add_en_words_at(b: _Builder, text: str, start: int, end: int) -> int:
    """A single number word at [start, end) ("three" of "three quarters")."""
    word = text[start:end].lower()
    value = _EN_UNITS.get(word)
    if value is not None and word != "one":
        b.add(start, end, NumberKind.CARDINAL, Decimal(value), spelled=True)
    return end


def _add_en_words(b: _Builder, text: str, m: re.Match[str]) -> int:
    g = m.group
    start = m.start()
    words_text = g("words")
    words = [w.lower() for w in _EN_WORD_SPLIT.split(words_text) if w]
    value = _en_words_value(words)
    words_end = m.end("words")
    if value is None:
        # "two three": take the first word only and read on from there
        first = re.match(r"(?i:a\s+)?[a-z]+(?:-[a-z]+)?", words_text)
        assert first is not None
        end = start + first.end()
        value = _en_words_value([w.lower() for w in _EN_WORD_SPLIT.split(first.group()) if w])
        if value is None:
            return end
        words_end = end
        suffix_end = end
        kind = NumberKind.CARDINAL
    else:
        suffix_end = m.end()
        if g("wpct") is not None:
            kind = NumberKind.PERCENT
        elif g("wpp") is not None:
            kind = NumberKind.PERCENTAGE_POINT
        elif g("wtimes") is not None:
            kind = NumberKind.MULTIPLIER
        else:
            kind = NumberKind.CARDINAL
    if words == ["one"] and kind is NumberKind.CARDINAL:
        return words_end  # "one of", "no one", "this one": a pronoun far more often than a count
    end = suffix_end if kind is not NumberKind.CARDINAL else words_end
    last = words[-1] if value is not None else ""
    precision = Decimal(_EN_SCALES.get(last, 1)) if last in ("thousand", "million", "billion", "trillion") else _ONE
    b.add(start, end, kind, Decimal(value), precision=precision, spelled=True)
    return end


# ---------------------------------------------------------------------------------------------
# Chinese

_ZH_NUM_CLASS = "〇零一二三四五六七八九两十百千万亿"
_ZH_SEP = r"—{1,2}|[–\-~至到]"
_ZH_MAG = r"(?:[十百千](?![瓦克米兆帕伏赫字])(?:万亿|万|亿)?|万亿|万|亿)"
_ZH_AMPM = r"上午|下午|晚上|中午|凌晨|早上|傍晚"

_ZH_MASTER = re.compile(
    rf"""
      (?P<plan>十[一二三四五六七八九])五(?=[”"’」』]|规划|时期|期间|以来|开局|末|初)
    | (?P<pct>百分之)(?P<pctn>[{_ZH_NUM_CLASS}]+|\d+(?:\.\d+)?)(?:点(?P<pctd>[〇零一二三四五六七八九]+))?
    | (?P<fden>[{_ZH_NUM_CLASS}]+|\d+)分之(?P<fnum>[{_ZH_NUM_CLASS}]+|\d+)
    | (?P<ampm>{_ZH_AMPM})?(?<![\d.:])(?P<hh>\d{{1,2}}):(?P<mi>\d{{2}}){_CLOCK_END}
    | (?P<ampm2>{_ZH_AMPM})(?P<hh2>\d{{1,2}}|[一二三四五六七八九十]{{1,3}})(?:时|点)(?:(?P<mi2>\d{{1,2}}|[一二三四五六七八九十]{{1,3}})分)?
    | (?<![\d.])(?P<dm>\d{{1,2}}|[一二三四五六七八九十]{{1,2}})月(?P<dd>\d{{1,2}}|[一二三四五六七八九十]{{1,3}})[日号]
    | (?P<pre>第|前)?(?<![A-Za-z0-9.])(?P<n1>{_NUM})(?:[多余](?={_ZH_MAG}))?(?P<m1>{_ZH_MAG})?(?P<p1>%)?
      (?:(?P<sep>{_ZH_SEP})(?P<n2>{_NUM})(?P<m2>{_ZH_MAG})?)?
    | (?P<pre2>第|前)?(?P<zr>[{_ZH_NUM_CLASS}]+)(?:点(?P<zd>[〇零一二三四五六七八九]+))?
    """,
    re.VERBOSE,
)

# Measure words and units after which a single numeral character is a count.
_ZH_MEASURE = re.compile(
    r"个(?!别|人|体|性)|家|台|项|种|次|位|名|条|件|款|架|辆|座|所|大类|类|轮|届|倍|年|月|日|天|周|季度"
    r"|方面|部(?!分|门|署)|只|张|份|组|套|处|支|例|场|篇|批次|层|级|省|市|县|人次|小时|分钟|元"
)
_ZH_CLAUSE_START = frozenset("。；！？：，、\n（(“”\"' \t　")
# 一 inside common words (统一, 唯一, 之一 = "one of"): not a count
_ZH_ONE_BLOCKERS = frozenset("统唯同万之逐划专单均合归整某另")
_ZH_ONE_BLOCKED_WORDS = ("一方面", "一部分", "一系列", "一批", "一道", "一致", "一流", "一点一滴")


def _zh_suffix(text: str, end: int) -> tuple[str, int]:
    """The unit after a Chinese number: ('%'|'pp'|'x'|'年'|'月'|'个月'|'', end after it)."""
    if text.startswith("%", end):
        return "%", end + 1
    if text.startswith("个百分点", end):
        return "pp", end + 4
    if text.startswith("百分点", end):
        return "pp", end + 3
    if text.startswith("倍", end):
        return "x", end + 1
    if text.startswith("个月", end):
        return "个月", end
    if text.startswith("月份", end):
        return "月", end + 2
    if text.startswith("月", end):
        return "月", end + 1
    if text.startswith("年", end):
        return "年", end + 1
    return "", end


def _zh_kind(suffix: str, value: Value, exponent: int) -> NumberKind | None:
    """The kind a unit after a Chinese number gives it; None for plain counts."""
    if suffix == "%":
        return NumberKind.PERCENT
    if suffix == "pp":
        return NumberKind.PERCENTAGE_POINT
    if suffix == "x":
        return NumberKind.MULTIPLIER
    if exponent == 0 and value == int(value):
        if suffix == "年" and _YEAR_MIN <= value <= _YEAR_MAX:
            return NumberKind.YEAR
        if suffix == "月" and 1 <= value <= 12:
            return NumberKind.MONTH
    return None


_ZH_TRIGGER = re.compile(rf"[0-9{_ZH_NUM_CLASS}第前上下晚中凌早傍]")


def _extract_zh(original: str, text: str) -> list[NumberMention]:
    b = _Builder(original)
    cursor = 0
    for candidate in _ZH_TRIGGER.finditer(text):
        pos = candidate.start()
        if pos < cursor:
            continue
        m = _ZH_MASTER.match(text, pos)
        if m is not None:
            cursor = _read_zh(b, text, m)
    return b.out


def _read_zh(b: _Builder, text: str, m: re.Match[str]) -> int:
    """Record the mention(s) of one master match; return where reading goes on."""
    start, end = m.span()
    pos = end
    g = m.group
    if g("plan") is not None:
        # “十四五”: the 14th Five-Year Plan, an ordinal and the 5 of "Five-Year"
        ordinal = parse_zh_numeral(g("plan"))
        assert ordinal is not None
        b.add(start, start + 2, NumberKind.ORDINAL, Decimal(ordinal), spelled=True)
        b.add(start + 2, end, NumberKind.CARDINAL, Decimal(5), spelled=True)
    elif g("pct") is not None:
        pos = _add_zh_percent_words(b, text, m)
    elif g("fden") is not None:
        den = _zh_int(g("fden"))
        num = _zh_int(g("fnum"))
        if den is None or num is None or den == 0:
            return start + 1
        spelled = not g("fden").isdigit()
        b.add(start, end, NumberKind.FRACTION, Fraction(num, den), spelled=spelled)
    elif g("hh") is not None or g("hh2") is not None:
        pos = _add_zh_time(b, text, m)
    elif g("dm") is not None:
        month = _zh_int(g("dm"))
        day = _zh_int(g("dd"))
        if month is None or day is None or not (1 <= month <= 12 and 1 <= day <= 31):
            return start + 1
        b.add(start, end, NumberKind.DATE, Decimal(month * 100 + day), spelled=not g("dm").isdigit())
    elif g("n1") is not None:
        pos = _add_zh_digits(b, text, m)
    else:
        pos = _add_zh_numeral(b, text, m)
    return pos


def _zh_int(s: str) -> int | None:
    return int(s) if s.isdigit() else parse_zh_numeral(s)


def _add_zh_percent_words(b: _Builder, text: str, m: re.Match[str]) -> int:
    start, end = m.span()
    g = m.group
    integer_text = g("pctn")
    if integer_text[0].isdigit():
        value, precision = _digits_value(integer_text)
        spelled = False
    else:
        prefix = _zh_numeral_prefix(integer_text)
        if prefix is None:
            return m.start("pctn")
        length, integer = prefix
        if length < len(integer_text):
            end = m.start("pctn") + length
            value, precision = Decimal(integer), _ONE
            b.add(start, end, NumberKind.PERCENT, value, precision=precision, spelled=True)
            return end
        value, precision = Decimal(integer), _ONE
        spelled = True
    if g("pctd") is not None:
        decimals = _zh_decimal_digits(g("pctd"))
        value += Decimal(int(decimals)).scaleb(-len(decimals))
        precision = _POW10[-len(decimals)]
    b.add(start, end, NumberKind.PERCENT, value, precision=precision, spelled=spelled)
    return end


def _add_zh_time(b: _Builder, text: str, m: re.Match[str]) -> int:
    g = m.group
    start, end = m.span()
    ampm = g("ampm") or g("ampm2")
    hour = _zh_int(g("hh") if g("hh") is not None else g("hh2"))
    minute_text = g("mi") if g("hh") is not None else g("mi2")
    minute = _zh_int(minute_text) if minute_text else 0
    if hour is None or minute is None or hour > 24 or minute > 59:
        return start + 1
    if ampm in ("下午", "晚上", "傍晚") and hour < 12:
        hour += 12
    b.add(start, end, NumberKind.TIME, Decimal(hour * 60 + minute), spelled=not (g("hh") or g("hh2")).isdigit())
    return end


def _add_zh_digits(b: _Builder, text: str, m: re.Match[str]) -> int:
    """Arabic digits in Chinese text, with 万/亿 magnitudes, ranges (1—11月, 2021—2025年),
    prefixes (第20, 前11个月) and units (%, 个百分点, 倍, 年, 月)."""
    g = m.group
    pre = g("pre")
    start = m.start("n1") if pre != "第" else m.start()
    end = m.end()
    # digits glued to Latin letters are codes: 5G, 38T (the lookbehind already excludes C919)
    if _next_is_letter(text, end) and not (g("m1") or g("m2") or g("p1")):
        j = end
        while j < len(text) and text[j].isascii() and text[j].isalnum():
            j += 1
        return j
    if g("n2") is not None and g("p1") is not None and not text.startswith("%", end):
        return _emit_zh_single(b, text, m, start, m.end("p1"))  # "10%-15": read "10%" alone
    exponent = _zh_magnitude(g("m1"))
    high: Decimal | None = None
    if g("n2") is not None:
        exponent2 = _zh_magnitude(g("m2"))
        if not g("m1"):
            exponent = exponent2  # 10—15万 = 10万—15万
        high, high_precision = _digits_value(g("n2"), exponent2)
        value, precision = _digits_value(g("n1"), exponent)
        if high <= value:
            # not a range (3-1, a telephone number): read the first number alone
            return _emit_zh_single(b, text, m, start, m.end("m1") if g("m1") else m.end("n1"))
        precision = min(precision, high_precision)
        if g("p1") is not None:
            b.add(start, end + 1, NumberKind.PERCENT, value, high=high, precision=precision)
            return end + 1
    else:
        value, precision = _digits_value(g("n1"), exponent)
        if g("p1") is not None:
            b.add(start, end, NumberKind.PERCENT, value, precision=precision)
            return end
    suffix, suffix_end = _zh_suffix(text, end)
    if pre == "前" and suffix == "个月" and exponent == 0 and high is None:
        b.add(m.start(), end + 2, NumberKind.MONTH, _ONE, high=value, precision=precision)
        return end + 2
    kind = _zh_kind(suffix, value, exponent)
    if kind is None:
        kind = NumberKind.ORDINAL if pre == "第" else NumberKind.CARDINAL
        suffix_end = end
    b.add(start, suffix_end, kind, value, high=high, precision=precision)
    return suffix_end


def _emit_zh_single(b: _Builder, text: str, m: re.Match[str], start: int, end: int) -> int:
    """The first number of a failed range, alone."""
    g = m.group
    exponent = _zh_magnitude(g("m1"))
    value, precision = _digits_value(g("n1"), exponent)
    if g("p1") is not None and end == m.end("p1"):
        b.add(start, end, NumberKind.PERCENT, value, precision=precision)
        return end
    suffix, suffix_end = _zh_suffix(text, end)
    kind = _zh_kind(suffix, value, exponent)
    if kind is None:
        kind = NumberKind.ORDINAL if g("pre") == "第" else NumberKind.CARDINAL
        suffix_end = end
    b.add(start, suffix_end, kind, value, precision=precision)
    return suffix_end


def _add_zh_numeral(b: _Builder, text: str, m: re.Match[str]) -> int:
    g = m.group
    run = g("zr")
    run_start = m.start("zr")
    pre = g("pre2")
    # runs that start with a unit are words, not numbers: 千兆, 万众, 百姓, 亿万
    if run[0] in "百千万亿":
        return run_start + 1
    if pre is None:
        approximate = _zh_approximate(run, text, run_start)
        if approximate is not None:
            length, low, high = approximate
            end = run_start + length
            suffix, suffix_end = _zh_suffix(text, end)
            kind = _zh_kind(suffix, Decimal(low), 0)
            if kind is None:
                kind, suffix_end = NumberKind.CARDINAL, end
            b.add(run_start, suffix_end, kind, Decimal(low), high=Decimal(high), spelled=True)
            return suffix_end
    # digit-by-digit years: 二〇二二年
    if len(run) >= 2 and all(c in _ZH_DIGIT for c in run):
        digits_len = len(run)
        if ("〇" in run or "零" in run or digits_len == 4) and text.startswith("年", run_start + digits_len):
            year = _parse_zh(run)
            assert year is not None
            end = run_start + digits_len + 1
            b.add(run_start, end, NumberKind.YEAR, Decimal(year), spelled=True)
            return end
        if pre is None:
            return run_start + len(run)  # 一一, 四五, 三三两两: idioms, not numbers
    prefix = _zh_numeral_prefix(run)
    if prefix is None:
        return run_start + 1
    length, integer = prefix
    end = run_start + length
    value = Decimal(integer)
    precision = _ONE
    if run[length - 1] in "万亿":
        precision = Decimal(_trailing_zero_unit(integer))
    decimals_used = False
    if length == len(run) and g("zd") is not None:
        decimals = _zh_decimal_digits(g("zd"))
        value += Decimal(int(decimals)).scaleb(-len(decimals))
        precision = _POW10[-len(decimals)]
        end = m.end("zd")
        decimals_used = True
    start = m.start() if pre == "第" else run_start
    if not pre and not decimals_used and _is_zh_list_marker(text, run_start, end):
        b.add(run_start, end, NumberKind.ORDINAL, value, spelled=True, ignorable=True)
        return end + 1
    if length == 1 and not pre and not decimals_used:
        if run == "零" or run == "〇":
            return end
        if run == "一" and (
            (run_start > 0 and text[run_start - 1] in _ZH_ONE_BLOCKERS)
            or text.startswith(_ZH_ONE_BLOCKED_WORDS, run_start)
        ):
            return end
        if not _ZH_MEASURE.match(text, end):
            return end
    # 第一， at the start of a clause: a list marker
    if pre == "第" and _clause_start_before(text, m.start()) and text.startswith(("，", ",", "、", "：", ":"), end):
        b.add(start, end, NumberKind.ORDINAL, value, spelled=True, ignorable=True)
        return end
    if pre == "前":
        if text.startswith("个月", end):
            b.add(run_start, end + 2, NumberKind.MONTH, _ONE, high=value, spelled=True)
            return end + 2
        start = run_start
    suffix, suffix_end = _zh_suffix(text, end)
    kind = _zh_kind(suffix, value, 0)
    if kind is None:
        if pre == "第" or text.startswith(("大", "届"), end):
            kind = NumberKind.ORDINAL  # 第二十, 二十大, 十九届
        else:
            kind = NumberKind.CARDINAL
        suffix_end = end
    b.add(start, suffix_end, kind, value, precision=precision, spelled=True)
    return suffix_end


def _zh_approximate(run: str, text: str, run_start: int) -> tuple[int, int, int] | None:
    """An approximate number written as two consecutive digits (概数): 十七八 = 17–18,
    二十七八 = 27–28, 七八十 = 70–80, 三四百 = 300–400, 两三万 = 20,000–30,000, and 三四 before a
    measure word (三四个 = 3–4). Returns (length in the run, low, high) or None."""
    for i in range(len(run) - 1):
        low_digit, high_digit = _ZH_DIGIT.get(run[i]), _ZH_DIGIT.get(run[i + 1])
        if low_digit is None or high_digit is None or high_digit != low_digit + 1 or low_digit == 0:
            continue
        head, units = run[:i], run[i + 2 :]
        if head and units:
            return None
        if head:  # 十七八, 二十七八: the pair is the last place
            if head[-1] != "十":
                return None
            low = _parse_zh(head + run[i])
            return (i + 2, low, low + 1) if low is not None else None
        # 七八十, 三四百, 两三万: the pair before units; 三四个: before a measure word
        unit_run = "".join(itertools.takewhile(lambda c: c in "十百千万亿", units))
        if unit_run:
            low, high = _parse_zh(run[i] + unit_run), _parse_zh(run[i + 1] + unit_run)
            if low is None or high is None:
                return None
            return i + 2 + len(unit_run), low, high
        if units or not _ZH_MEASURE.match(text, run_start + i + 2):
            return None
        return i + 2, low_digit, high_digit
    return None


def _clause_start_before(text: str, pos: int) -> bool:
    return pos == 0 or text[pos - 1] in _ZH_CLAUSE_START


def _at_line_start(text: str, pos: int) -> bool:
    return pos == 0 or text[pos - 1] == "\n"


def _is_zh_list_marker(text: str, start: int, end: int) -> bool:
    """一是 / 二是 at the start of a clause; 一、 and （一） at the start of a line."""
    if text.startswith("是", end):
        return _clause_start_before(text, start)
    if text.startswith("、", end):
        return _at_line_start(text, start)
    if start > 0 and text[start - 1] in "（(" and text.startswith(("）", ")"), end):
        return _at_line_start(text, start - 1)
    return False


# ---------------------------------------------------------------------------------------------
# Public extraction

_HAS_DIGIT_OR_NUMERAL_ZH = re.compile(rf"[0-9０-９{_ZH_NUM_CLASS}兩萬億]")


def extract_numbers(text: str, lang: str, *, include_ignorable: bool = False) -> list[NumberMention]:
    """All number mentions of `text` in order; `lang` is "en" or "zh" (any "zh-…" tag).

    List markers (First, / 一是) are left out unless `include_ignorable` is true.

    >>> [(m.text, m.kind.value, str(m.value)) for m in extract_numbers("887,000 new 5G base stations", "en")]
    [('887,000', 'cardinal', '887000')]
    >>> [str(m.value) for m in extract_numbers("新建5G基站88.7万个", "zh")]
    ['887000']
    """
    if not text:
        return []
    folded = _fold(text)
    if lang.lower().startswith("zh"):
        if _HAS_DIGIT_OR_NUMERAL_ZH.search(text) is None:
            return []
        mentions = _extract_zh(text, folded)
    elif lang.lower().startswith("en"):
        mentions = _extract_en(text, folded)
    else:
        raise ValueError(f"extract_numbers: unsupported language {lang!r} (expected 'en' or 'zh')")
    if include_ignorable:
        return mentions
    return [m for m in mentions if not m.ignorable]


# ---------------------------------------------------------------------------------------------
# Comparison


def _approximately(a: NumberMention, b: NumberMention) -> bool:
    """One value is the other rounded to its coarser last written digit."""
    if _CLASS[a.kind] != _CLASS[b.kind] or a.is_range or b.is_range:
        return False
    if a.precision == b.precision:
        return False
    coarse, fine = (a, b) if a.precision > b.precision else (b, a)
    if coarse.value == 0:
        return False
    # rounding to the coarser last digit (half up or half even): within half a unit of it
    return abs(Fraction(fine.value) - Fraction(coarse.value)) * 2 <= coarse.precision


def _equal_quality(a: NumberMention, b: NumberMention) -> MatchQuality:
    if a.text == b.text or a.notation == b.notation:
        return MatchQuality.EXACT
    return MatchQuality.EQUAL


def same_number(a: NumberMention, b: NumberMention) -> MatchQuality | None:
    """How `a` and `b` relate: EXACT, EQUAL (written differently), APPROXIMATE, or None."""
    if a.key == b.key:
        return _equal_quality(a, b)
    if _approximately(a, b):
        return MatchQuality.APPROXIMATE
    return None


@dataclass(frozen=True, slots=True)
class NumberPair:
    source: NumberMention
    target: NumberMention
    quality: MatchQuality


@dataclass(slots=True)
class NumberMatch:
    """The numbers of a source and a target text, paired.

    A range on one side may be paired with its two ends written separately on the other side:
    then the range appears in two pairs.
    """

    matched: list[NumberPair] = field(default_factory=list)
    source_only: list[NumberMention] = field(default_factory=list)
    target_only: list[NumberMention] = field(default_factory=list)

    @property
    def dice(self) -> float | None:
        """Share of numbers that found their counterpart (weak leftovers not counted).

        None when neither side has a number that counts: no evidence either way.
        """
        src_matched = {id(p.source) for p in self.matched}
        tgt_matched = {id(p.target) for p in self.matched}
        left = sum(1 for m in self.source_only if not m.weak) + sum(1 for m in self.target_only if not m.weak)
        paired = len(src_matched) + len(tgt_matched)
        total = paired + left
        return paired / total if total else None

    @property
    def approximate(self) -> list[NumberPair]:
        return [p for p in self.matched if p.quality is MatchQuality.APPROXIMATE]

    def changed(self, *, include_weak: bool = False) -> list[tuple[NumberMention, NumberMention]]:
        """Leftover source and target numbers of the same kind, paired in order of appearance.

        These are the likely *changed* numbers (3.6% → 3.8%); what remains unpaired was
        dropped or added.
        """
        pool: dict[str, deque[NumberMention]] = defaultdict(deque)
        for t in self.target_only:
            if include_weak or not t.weak:
                pool[_CLASS[t.kind]].append(t)
        pairs: list[tuple[NumberMention, NumberMention]] = []
        for s in self.source_only:
            if not include_weak and s.weak:
                continue
            queue = pool.get(_CLASS[s.kind])
            if queue:
                pairs.append((s, queue.popleft()))
        return pairs


def match_numbers(
    source: Sequence[NumberMention], target: Sequence[NumberMention], *, approximate: bool = True
) -> NumberMatch:
    """Pair the numbers of two texts: equal values first (in order of appearance), then ranges
    against their two ends written separately, then approximations (unless `approximate` is
    false)."""
    result = NumberMatch()
    if not source or not target:
        result.source_only.extend(source)
        result.target_only.extend(target)
        return result
    by_key: dict[tuple[str, Value, Value | None], deque[int]] = defaultdict(deque)
    for j, t in enumerate(target):
        by_key[t.key].append(j)
    used_t = [False] * len(target)
    src_left: list[int] = []
    pairs: list[tuple[int, int, MatchQuality]] = []
    for i, s in enumerate(source):
        queue = by_key.get(s.key)
        if queue:
            j = queue.popleft()
            used_t[j] = True
            t = target[j]
            pairs.append((i, j, _equal_quality(s, t)))
        else:
            src_left.append(i)
    src_left = _match_ranges(source, target, src_left, used_t, pairs)
    if approximate and src_left:
        still: list[int] = []
        for i in src_left:
            s = source[i]
            for j, t in enumerate(target):
                if not used_t[j] and _approximately(s, t):
                    used_t[j] = True
                    pairs.append((i, j, MatchQuality.APPROXIMATE))
                    break
            else:
                still.append(i)
        src_left = still
    pairs.sort(key=lambda p: (p[0], p[1]))
    result.matched = [NumberPair(source[i], target[j], q) for i, j, q in pairs]
    result.source_only = [source[i] for i in src_left]
    result.target_only = [t for j, t in enumerate(target) if not used_t[j]]
    return result


def _match_ranges(
    source: Sequence[NumberMention],
    target: Sequence[NumberMention],
    src_left: list[int],
    used_t: list[bool],
    pairs: list[tuple[int, int, MatchQuality]],
) -> list[int]:
    """A range on one side against its two ends written as two numbers on the other side."""

    def ends(range_m: NumberMention, pool: Sequence[NumberMention], free: list[int]) -> tuple[int, int] | None:
        cls = _CLASS[range_m.kind]
        low = next(
            (
                k
                for k in free
                if _CLASS[pool[k].kind] == cls and pool[k].value == range_m.value and not pool[k].is_range
            ),
            None,
        )
        high = next(
            (
                k
                for k in free
                if _CLASS[pool[k].kind] == cls and pool[k].value == range_m.high and not pool[k].is_range and k != low
            ),
            None,
        )
        return (low, high) if low is not None and high is not None else None

    still: list[int] = []
    used_s: set[int] = set()
    for i in src_left:
        s = source[i]
        if s.is_range:
            free = [j for j in range(len(target)) if not used_t[j]]
            found = ends(s, target, free)
            if found:
                for j in found:
                    used_t[j] = True
                    pairs.append((i, j, MatchQuality.EQUAL))
                used_s.add(i)
    # target ranges against two separate source numbers
    for j, t in enumerate(target):
        if used_t[j] or not t.is_range:
            continue
        free_s = [i for i in src_left if i not in used_s]
        found = ends(t, source, free_s)
        if found:
            used_t[j] = True
            for i in found:
                used_s.add(i)
                pairs.append((i, j, MatchQuality.EQUAL))
    still = [i for i in src_left if i not in used_s]
    return still


def compare_numbers(source_text: str, source_lang: str, target_text: str, target_lang: str) -> NumberMatch:
    """Extract and pair the numbers of a source and a target text (list markers left out)."""
    return match_numbers(extract_numbers(source_text, source_lang), extract_numbers(target_text, target_lang))


# ---------------------------------------------------------------------------------------------
# Formatting in the official Chinese style


def _plain_decimal(value: Fraction) -> str | None:
    """Exact decimal notation of `value`, or None when it has no finite one (1/3)."""
    num, den = value.numerator, value.denominator
    twos = fives = 0
    d = den
    while d % 2 == 0:
        d //= 2
        twos += 1
    while d % 5 == 0:
        d //= 5
        fives += 1
    if d != 1:
        return None
    places = max(twos, fives)
    scaled = abs(num) * 10**places // den
    sign = "-" if num < 0 else ""
    if places == 0:
        return f"{sign}{scaled}"
    digits = str(scaled).rjust(places + 1, "0")
    whole, frac = digits[:-places], digits[-places:].rstrip("0")
    return f"{sign}{whole}.{frac}" if frac else f"{sign}{whole}"


def format_zh(value: Decimal | Fraction | int | str) -> str:
    """A number as official Chinese texts write it: 887000 → 88.7万, 2312000 → 231.2万,
    1840000000 → 18.4亿, 4×10¹² → 4万亿, 1973 → 1973 (no separators below 10,000).

    Values without a finite decimal (1/3) are written as 三分之一-style fractions.
    """
    v = Fraction(value)
    sign = "-" if v < 0 else ""
    v = abs(v)
    for unit, name in ((10**12, "万亿"), (10**8, "亿"), (10**4, "万")):
        if v >= unit:
            text = _plain_decimal(v / unit)
            if text is not None:
                return f"{sign}{text}{name}"
    text = _plain_decimal(v)
    if text is not None:
        return f"{sign}{text}"
    return f"{sign}{_zh_small(v.denominator)}分之{_zh_small(v.numerator)}"


def _zh_small(n: int) -> str:
    digits = "零一二三四五六七八九"
    if n < 10:
        return digits[n]
    if n < 20:
        return "十" + (digits[n % 10] if n % 10 else "")
    if n < 100:
        return digits[n // 10] + "十" + (digits[n % 10] if n % 10 else "")
    return str(n)
