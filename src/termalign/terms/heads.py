"""Head nouns that tell what kind of thing a noun phrase names, in English and in Chinese.

Official texts name their institutions, programmes and indicators with a small set of head
nouns: "… Bureau", "… Commission", "… Fund" (局, 委员会, 基金); "… plan", "… project",
"catalog of …" (计划, 工程, 目录); "… value", "… consumption per unit of …", "… efficiency"
(值, 能耗, 效率). A phrase built on such a head is a name or an indicator even when it occurs
once and in lower case ("industry alliance for the industrial internet", "export delivery
value"). These are classes of the language, not phrases of any one text.
"""

from __future__ import annotations

from enum import StrEnum

from termalign.text.english import lemma


class HeadKind(StrEnum):
    INSTITUTION = "institution"
    PROGRAMME = "programme"
    MEASURE = "measure"


# Bodies, and the mechanisms and groups that official texts treat as bodies.
INSTITUTION_HEADS = frozenset(
    "ministry commission office bureau council committee administration congress conference party fund "
    "center centre department government association federation agency institute academy bank court "
    "procuratorate corporation company group union league assembly alliance board authority".split()
)

# Plans, projects, campaigns, documents and the systems and mechanisms they set up.
PROGRAMME_HEADS = frozenset(
    "plan programme program project campaign initiative action catalog catalogue guideline "
    "roadmap package strategy forum mechanism provision scheme pilot zone system measure outline".split()
)

# Statistical quantities: what an indicator measures.
MEASURE_HEADS = frozenset(
    "value consumption efficiency density capacity income revenue sales traffic balance margin rate ratio "
    "index output share profit intensity".split()
)

# Heads of the documents Chinese titles in 《》: plans, catalogs, measures, guidelines, opinions …
DOCUMENT_HEADS = frozenset(
    "plan programme program catalog catalogue guideline guidance initiative measure provision scheme outline "
    "roadmap strategy opinion regulation rule notice circular list".split()
)

# Heads that name a kind only with a modifier or a complement: "system" alone, "rate" alone,
# "measures" alone are common words; "white list system", "growth rate of …" are not.
_NEEDS_MODIFIER = frozenset("system measure action mechanism package rate share value group office center centre".split())


def head_kind(word: str) -> HeadKind | None:
    """The kind of thing a phrase with this head word names, if its head is one of the classes."""
    key = lemma(word.lower())
    if key in INSTITUTION_HEADS:
        return HeadKind.INSTITUTION
    if key in PROGRAMME_HEADS:
        return HeadKind.PROGRAMME
    if key in MEASURE_HEADS:
        return HeadKind.MEASURE
    return None


# The prepositions that open a complement of a head noun ("catalog | of …", "alliance | for …").
COMPLEMENT_START = frozenset({"of", "for", "on", "in", "to", "per"})

# Kinds whose names take their complement into the name: "industry alliance for the industrial
# internet" is an alliance, "action plan to improve energy efficiency" a plan, neither a context
# of the term in the complement.
NAMING_KINDS = frozenset({HeadKind.INSTITUTION, HeadKind.PROGRAMME})


def phrase_head(words: list[str]) -> str:
    """The head word of an English noun phrase: English puts complements after the head, so the
    head is the last word before the first preposition ("Ministry | of Industry …", "catalog |
    of …", "National Bureau | of Statistics"), else the last word."""
    for position, word in enumerate(words):
        if word.lower() in COMPLEMENT_START and position > 0:
            return words[position - 1]
    return words[-1] if words else ""


def needs_modifier(word: str) -> bool:
    return lemma(word.lower()) in _NEEDS_MODIFIER


# Chinese: the last characters of a name tell its kind the same way (信息通信管理局, 产业基础再造工程).
ZH_INSTITUTION_ENDINGS = ("部", "局", "办公室", "委员会", "委", "基金", "中心", "联盟", "小组", "组", "院", "会议", "协会", "办")
ZH_PROGRAMME_ENDINGS = ("计划", "方案", "工程", "行动", "目录", "指南", "办法", "意见", "规划", "倡议", "论坛", "机制", "制度", "体系", "措施", "政策", "路线图", "试点", "先行区", "活动")
ZH_MEASURE_ENDINGS = ("值", "率", "量", "额", "能耗", "密度", "效率", "容量", "收入", "余额", "数")


def zh_head_kind(text: str) -> HeadKind | None:
    """The kind a Chinese term's ending names (one character heads only on names of 3+ characters)."""
    plain = text.replace("“", "").replace("”", "").rstrip("》")
    for kind, endings in (
        (HeadKind.INSTITUTION, ZH_INSTITUTION_ENDINGS),
        (HeadKind.PROGRAMME, ZH_PROGRAMME_ENDINGS),
        (HeadKind.MEASURE, ZH_MEASURE_ENDINGS),
    ):
        for ending in endings:
            if plain.endswith(ending) and len(plain) >= len(ending) + (2 if len(ending) == 1 else 1):
                return kind
    return None
