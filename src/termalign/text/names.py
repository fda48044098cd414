"""Chinese person names in English: every pinyin romanisation, and matching a Chinese name to an
English one.

A name is split into surname (compound surnames such as 欧阳, 司马, 尉迟 included) and given
name. Every reading of every character counts (pypinyin heteronyms: 单 dan/shan/chan, 曾
zeng/ceng, 解 jie/xie, 仇 chou/qiu, 朴 pu/piao); a table of surname readings puts the reading
a character has *as a surname* first (单 Shan, 曾 Zeng, 解 Xie, 仇 Qiu, 朴 Piao, 区 Ou, 查 Zha).

English texts write a name surname first ("Tian Yulong", the SCIO style), given name first
("Yulong Tian"), with a hyphenated given name ("Tian Yu-long"), in capitals ("TIAN Yulong"),
with a title ("Mr. Tian Yulong"). Matching ignores case, spaces, hyphens, apostrophes and
titles, and accepts ü written u, v or yu (吕 Lü, Lu, Lv, Lyu).

Not covered: Wade-Giles and Cantonese spellings (Tseng, Cheung, Lam) and English given
names (Carrie Lam): those do not match.
"""

from __future__ import annotations

import itertools
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import regex
from pypinyin import Style, pinyin

__all__ = ["ChineseName", "split_name", "romanisations", "name_score", "name_matches", "is_pinyin"]

COMPOUND_SURNAMES = frozenset(
    """欧阳 司马 上官 诸葛 东方 皇甫 尉迟 公孙 慕容 令狐 长孙 宇文 司徒 夏侯 端木 澹台 万俟 单于 闻人 轩辕
    呼延 百里 东郭 南宫 西门 独孤 公冶 太史 申屠 钟离 宗政 濮阳 淳于 拓跋 完颜 歐陽 司馬 諸葛 東方 尉遲
    公孫 長孫 夏侯 萬俟 單于 聞人 軒轅 東郭 獨孤 鍾離""".split()
)

# The reading a character (or compound) has as a surname, where it differs from its commonest one.
SURNAME_READINGS: dict[str, str] = {
    "单": "shan", "單": "shan", "曾": "zeng", "解": "xie", "仇": "qiu", "朴": "piao", "樸": "piao",
    "区": "ou", "區": "ou", "查": "zha", "盖": "ge", "蓋": "ge", "乐": "yue", "樂": "yue", "覃": "qin",
    "翟": "zhai", "缪": "miao", "繆": "miao", "邢": "xing", "陶": "tao", "华": "hua", "華": "hua",
    "任": "ren", "召": "shao", "种": "chong", "種": "chong", "秘": "bi", "折": "she", "员": "yun",
    "員": "yun", "黑": "he", "繁": "po", "句": "gou", "洗": "xian", "冼": "xian", "能": "nai",
    "隗": "wei", "阚": "kan", "闞": "kan", "逄": "pang", "莘": "shen", "藏": "zang", "祭": "zhai",
    "柏": "bai", "薄": "bo", "石": "shi", "沈": "shen", "宁": "ning", "寧": "ning", "纪": "ji",
    "紀": "ji", "葛": "ge", "燕": "yan", "相": "xiang", "车": "che", "車": "che", "卜": "bu",
    "重": "chong", "都": "du", "贾": "jia", "賈": "jia", "尉迟": "yuchi", "尉遲": "yuchi",
    "万俟": "moqi", "萬俟": "moqi", "单于": "chanyu", "單于": "chanyu", "长孙": "zhangsun",
    "長孫": "zhangsun", "澹台": "tantai",
}  # fmt: skip

_TITLES = frozenset("mr mrs ms miss madam madame dr prof professor sir comrade mister".split())
_MAX_READINGS = 256  # readings of one name considered (heteronyms multiply)


@dataclass(frozen=True, slots=True)
class ChineseName:
    """A Chinese name split into surname and given name (each a string of characters)."""

    surname: str
    given: str

    @property
    def full(self) -> str:
        return self.surname + self.given


def split_name(name: str) -> ChineseName:
    """Surname and given name: a compound surname when the name starts with one and is longer.

    >>> split_name("欧阳修"), split_name("田玉龙")
    (ChineseName(surname='欧阳', given='修'), ChineseName(surname='田', given='玉龙'))
    """
    name = "".join(name.split())
    if len(name) >= 3 and name[:2] in COMPOUND_SURNAMES:
        return ChineseName(name[:2], name[2:])
    return ChineseName(name[:1], name[1:])


def _char_readings(ch: str) -> list[str]:
    found = pinyin(ch, style=Style.NORMAL, heteronym=True, errors="ignore")
    return [r for r in (found[0] if found else []) if r.isalpha()]


@lru_cache(maxsize=4096)
def _surname_readings(surname: str) -> tuple[str, ...]:
    """Readings of a surname as one string per reading ("ouyang"), the surname reading first."""
    readings: list[str] = []
    preferred = SURNAME_READINGS.get(surname)
    if preferred:
        readings.append(preferred)
    if len(surname) == 1:
        readings.extend(_char_readings(surname))
    else:
        phrase = pinyin(surname, style=Style.NORMAL, heteronym=False, errors="ignore")
        readings.append("".join(p[0] for p in phrase if p))
        per_char = [_char_readings(ch) or [""] for ch in surname]
        readings.extend("".join(combo) for combo in itertools.product(*per_char))
    return tuple(dict.fromkeys(r for r in readings if r))


@lru_cache(maxsize=4096)
def _given_readings(given: str) -> tuple[tuple[str, ...], ...]:
    """Readings of a given name as tuples of syllables ("yu", "long"), commonest first."""
    if not given:
        return ((),)
    phrase = pinyin(given, style=Style.NORMAL, heteronym=True, errors="ignore")
    per_char: list[list[str]] = []
    for i, ch in enumerate(given):
        from_phrase = [r for r in (phrase[i] if i < len(phrase) else []) if r.isalpha()]
        per_char.append(list(dict.fromkeys(from_phrase + _char_readings(ch))) or [""])
    combos = itertools.islice(itertools.product(*per_char), _MAX_READINGS)
    return tuple(combos)


def _u_variants(syllable: str) -> list[str]:
    """lv → lv, lu, lyu, lü (pypinyin writes ü as v)."""
    if "v" not in syllable:
        return [syllable]
    return [syllable, syllable.replace("v", "u"), syllable.replace("v", "yu"), syllable.replace("v", "ü")]


def romanisations(name: str) -> list[str]:
    """The romanised forms of a Chinese name as English texts write them, the likeliest first.

    >>> romanisations("田玉龙")[:3]
    ['Tian Yulong', 'Yulong Tian', 'Tian Yu-long']
    >>> "Shan Jixiang" in romanisations("单霁翔") and "Dan Jixiang" in romanisations("单霁翔")
    True
    """
    parts = split_name(name)
    forms: list[str] = []
    for surname in _surname_readings(parts.surname):
        for syllables in _given_readings(parts.given):
            s = surname.replace("v", "ü").capitalize()
            given = "".join(syllables).replace("v", "ü").capitalize()
            hyphenated = "-".join(syllables).replace("v", "ü").capitalize()
            if given:
                forms.extend([f"{s} {given}", f"{given} {s}"])
                if len(syllables) > 1:
                    forms.append(f"{s} {hyphenated}")
            else:
                forms.append(s)
    return list(dict.fromkeys(forms))


@lru_cache(maxsize=8192)
def _keys(name: str) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """Normalised (lower case, no separators) keys of a Chinese name: full names in both
    orders, surnames alone, given names alone."""
    parts = split_name(name)
    full: set[str] = set()
    surnames: set[str] = set()
    givens: set[str] = set()
    for surname in _surname_readings(parts.surname):
        for s in _u_variants(surname):
            surnames.add(s)
        for syllables in _given_readings(parts.given):
            for variant in itertools.product(*(_u_variants(x) for x in syllables)):
                given = "".join(variant)
                if not given:
                    continue
                givens.add(given)
                for s in _u_variants(surname):
                    full.add(s + given)
                    full.add(given + s)
    return frozenset(full), frozenset(surnames), frozenset(givens)


_EN_WORD = regex.compile(r"[\p{L}]+")


def _en_key(english: str) -> str:
    """'Mr. Tian Yu-long' → 'tianyulong' (titles, case, accents and separators dropped;
    ü kept as written: Lü → lü)."""
    words = [w.lower() for w in _EN_WORD.findall(english)]
    while words and words[0] in _TITLES:
        words = words[1:]
    key = "".join(words)
    # strip accents other than ü (tone marks: Tián → tian)
    decomposed = unicodedata.normalize("NFD", key.replace("ü", "\x00"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).replace("\x00", "ü")


def name_score(zh_name: str, en_name: str) -> float:
    """How well an English name renders a Chinese one: 1.0 the full name (any reading, either
    order), 0.6 the surname alone ("Mr. Tian"), 0.4 the given name alone, else 0.0.

    >>> name_score("田玉龙", "Tian Yulong"), name_score("田玉龙", "Mr. Tian"), name_score("田玉龙", "Zhao Zhiguo")
    (1.0, 0.6, 0.0)
    """
    key = _en_key(en_name)
    zh = "".join(zh_name.split())
    if not key or not zh:
        return 0.0
    full, surnames, givens = _keys(zh)
    if key in full:
        return 1.0
    if key in surnames:
        return 0.6
    if key in givens:
        return 0.4
    return 0.0


def name_matches(zh_name: str, en_name: str, *, surname_only: bool = False) -> bool:
    """True when `en_name` is a romanisation of the full Chinese name (or, with
    `surname_only`, of its surname alone).

    >>> name_matches("单霁翔", "Shan Jixiang"), name_matches("曾培炎", "Zeng Peiyan"), name_matches("田玉龙", "Tian Yulin")
    (True, True, False)
    """
    score = name_score(zh_name, en_name)
    return score == 1.0 or (surname_only and score >= 0.6)


# One Mandarin syllable without tones: an optional initial, then a final. ü (written v or ü)
# follows only n and l; after j, q, x, y it is written u (ju, xue), which the other finals cover,
# so that an English word with "zv" or "dv" is no pinyin (Azvudine).
_SYLLABLE = (
    r"(?:[nl](?:[vü]an|[vü]n|[vü]e|[vü])"
    r"|(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?"
    r"(?:iang|iong|uang|ueng|ang|eng|ing|ong|ian|iao|uai|uan|ai|ei|ao|ou|an|en|in|un|ia|ie|iu|ua|uo|ue|ui|er|a|e|i|o|u))"
)
_PINYIN_WORD = regex.compile(rf"(?:{_SYLLABLE})+(?:['’-]?(?:{_SYLLABLE}))*")


def is_pinyin(word: str) -> bool:
    """Could `word` be a romanised Chinese name part (one or more toneless pinyin syllables)?
    A cheap test before `name_score`: English words rarely are.

    >>> [is_pinyin(w) for w in ("Tian", "Yulong", "Zhiguo", "Yu-long", "Lü", "State", "Council", "Festival")]
    [True, True, True, True, True, False, False, False]
    """
    return bool(_PINYIN_WORD.fullmatch(word.lower()))
