"""Rebuild the reviewed glossary of the bundled corpus: run the extractor (sentence beads from the
aligner), then apply the terminologist's review recorded below (see README.md). Run from the
repository root:

    .venv/bin/python glossaries/build_reviewed.py

Writes scio-2023-01-18-miit.glossary.tsv (canonical table), .tbx (TBX v3, TBX-Basic),
.v2.tbx (TBX v2) and .utf8 (OmegaT), and prints what the review changed and what it did not
cover (an entry the extractor now proposes that nobody has reviewed stays a candidate).
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

from termalign.formats import write_glossary
from termalign.formats.tables import write_glossary_table
from termalign.model import Glossary, GlossaryEntry, Lang, TermStatus
from termalign.readers import read_document
from termalign.terms import extract_glossary

HERE = Path(__file__).resolve().parent
CORPUS = HERE.parent / "corpora"
STEM = "scio-2023-01-18-miit.glossary"


@dataclass(frozen=True)
class Approved:
    """An entry checked by hand: the official rendering, admitted variants, wrong renderings."""

    zh: str
    variants: tuple[str, ...] = ()
    deprecated: tuple[str, ...] = ()
    note: str = ""


# Review decisions by English form. Approved: real terms whose Chinese is the established official
# rendering (/work/team/TRANSLATION.md and standard usage), certain.
APPROVE: dict[str, Approved] = {
    "Ministry of Industry and Information Technology": Approved("工业和信息化部", deprecated=("工业与信息技术部",)),
    "small- and medium-sized enterprises": Approved("中小企业"),
    "information and communications technology": Approved("信息通信"),
    "industrial internet": Approved("工业互联网"),
    "industrial and supply chains": Approved("产业链供应链"),
    "5G": Approved("5G"),
    "manufacturing industry": Approved("制造业"),
    "industrial economy": Approved("工业经济"),
    "20th CPC National Congress": Approved("党的二十大"),
    "CPC Central Committee and the State Council": Approved("党中央、国务院"),
    "year on year": Approved("同比"),
    "industry and information technology sector": Approved(
        "工业和信息化", note="TRANSLATION.md: 工业和信息化（领域）; the sector's development: 工业和信息化发展"
    ),
    '"little giant" enterprises': Approved("“小巨人”企业", deprecated=("小巨头企业",)),
    "new energy vehicles": Approved("新能源汽车", deprecated=("新能量汽车",)),
    "Tao Qing": Approved("陶青"),
    "Tian Yulong": Approved("田玉龙"),
    "green and low-carbon": Approved("绿色低碳"),
    "industrial chains": Approved("产业链"),
    '"Double Gigabit" networks': Approved("“双千兆”网络"),
    "high-quality development": Approved("高质量发展"),
    "green energy equipment industry": Approved("绿色能源装备产业"),
    "green development": Approved("绿色发展"),
    "industrial enterprises above the designated size": Approved(
        "规模以上工业企业", deprecated=("指定规模以上的工业企业",), note="their value added: 规模以上工业增加值 in official statistics"
    ),
    "new energy vehicle industry": Approved("新能源汽车产业"),
    "micro-, small- and medium-sized enterprises": Approved("中小微企业", note="小微企业 is micro and small enterprises only"),
    "Central Economic Work Conference": Approved("中央经济工作会议"),
    "key industries": Approved("重点行业"),
    "finger pulse oximeters": Approved("指夹式脉搏血氧仪"),
    "oxygen concentrators": Approved("制氧机"),
    "State Council": Approved("国务院"),
    "new energy": Approved("新能源"),
    "specialized and sophisticated SMEs that produce new and unique products": Approved(
        "专精特新中小企业", deprecated=("专业化精细化中小企业", "专门化和精密化中小企业")
    ),
    "industries above the designated size": Approved("规模以上工业"),
    "value added of industrial enterprises above the designated size": Approved(
        "规模以上工业增加值", note="the official statistical indicator; also worded “added value of industries above the designated size”"
    ),
    "CPC Central Committee": Approved("党中央"),
    "comprehensive utilization of resources": Approved("资源综合利用"),
    "Measures for Assisting in Growth Stabilization, Structural Adjustment, and Capacity Enhancement of MSMEs": Approved(
        "助力中小微企业稳增长调结构强能力若干措施", note="document title, written 《》 in running text"
    ),
    "ICT industry": Approved("信息通信业", variants=("信息通信行业",)),
    "digital economy": Approved("数字经济"),
    "gigabit optical networks": Approved("千兆光网"),
    "carbon peak": Approved("碳达峰"),
    "industrial upgrading": Approved("产业升级"),
    "antipyretic and analgesic drugs": Approved("解热镇痛类药物"),
    "projects for upgrading foundational industrial infrastructure": Approved("产业基础再造工程"),
    "projects to achieve breakthroughs in core technologies in key fields": Approved("重点领域关键核心技术攻关工程"),
    "Initiative of International Cooperation on Resilient and Stable Industrial and Supply Chains": Approved(
        "产业链供应链韧性与稳定国际合作倡议", note="title, written 《》 in running text"
    ),
    "International Forum on Resilient and Stable Industrial and Supply Chains": Approved("产业链供应链韧性与稳定国际论坛"),
    "green and low-carbon development": Approved("绿色低碳发展"),
    "industrial enterprises": Approved("工业企业"),
    "manufacturing sector": Approved("制造业", note="same concept as “manufacturing industry”"),
    "key industrial and supply chains": Approved("重点产业链供应链"),
    "Zhao Zhiguo": Approved("赵志国"),
    "extracorporeal membrane oxygenation": Approved("体外膜肺氧合"),
    "recycling power batteries": Approved("动力电池回收"),
    "industrial energy conservation": Approved("工业节能"),
    "economic and social development": Approved("经济社会发展"),
    '"5G+Industrial Internet" 512 Project': Approved("“5G+工业互联网”512工程"),
    "transformation and upgrading": Approved("转型升级"),
    "leading enterprises": Approved("龙头企业"),
    "green transformation": Approved("绿色转型"),
    "market entities": Approved("市场主体"),
    "Internet of Things": Approved("物联网"),
    "value added": Approved("增加值"),
    "carbon peak and carbon neutrality goals": Approved("碳达峰碳中和目标"),
    "digital transformation": Approved("数字化转型"),
    "national economy": Approved("国民经济"),
    "tax and fee deferrals": Approved("缓税缓费"),
    "Bureau of Operation Monitoring and Coordination": Approved("运行监测协调局", note="a bureau of the MIIT"),
    "peaking industrial carbon emissions": Approved("工业领域碳达峰"),
    "key industrial chains": Approved("重点产业链"),
    "charging piles": Approved("充电桩"),
    "industrial internet platforms": Approved("工业互联网平台"),
    "industrial parks": Approved("工业园区"),
    "14th Five-Year Plan": Approved("“十四五”", variants=("“十四五”规划",), note="the period: “十四五”时期"),
    "energy conservation": Approved("节能"),
    "mobile Internet of Things": Approved("移动物联网"),
    "production capacity": Approved("产能"),
    "telecommunications services revenue": Approved("电信业务收入"),
    "Spring Festival": Approved("春节"),
    "Comrade Xi Jinping": Approved("习近平同志"),
    "basic telecommunication networks": Approved("基础电信网络"),
    "advanced manufacturing clusters": Approved("先进制造业集群"),
}

# Real terms left as candidates: the rendering is the Chinese text's, not one known to be official.
CANDIDATE_NOTES: dict[str, tuple[str, str]] = {  # English → (Chinese to show, note)
    "Guidelines for Accelerating the Green and High-Quality Development of the Manufacturing Industry": (
        "关于加快推动制造业绿色高质量发展的指导意见", "title as the Chinese text gives it; official title not verified"
    ),
    '"Together to Benefit Enterprises" service': (
        "“一起益企”中小企业服务行动", "the campaign's Chinese name; the English form is shortened"
    ),
    '"Broadband Frontier" project': ("“宽带边疆”建设工程", "as the Chinese text gives it; official name not verified"),
    "core technologies in key fields": ("重点领域关键核心技术", "an official phrase rather than a term"),
    "telecom services": ("电信服务", "the Chinese text varies: 电信服务, 电信业务; universal telecom services 电信普遍服务"),
    "telecommunications services": ("电信业务", "the Chinese text varies: 电信业务, 电信服务; universal ~ 电信普遍服务"),
    "installed capacity": ("装机容量", "of power plants; of batteries 装机量: no one rendering for every context"),
}

# Not terms: fragments, collocations that put a term in a context, stock phrases.
NOT_TERMS = frozenset(
    {
        "industrial sector", "industrial development", "growth rate", "field of industry and information technologies",
        "policies and measures", "recycling and utilization", "unimpeded and stable operations", "key enterprises",
        "application of 5G technologies", "industries and enterprises", "industrial internet development", "key areas",
        "economic growth",
    }
)


@dataclass
class ReviewLog:
    fixed: list[str] = field(default_factory=list)
    unreviewed: list[str] = field(default_factory=list)


def review(glossary: Glossary) -> ReviewLog:
    """Apply the decisions above to the extracted entries (matched by their English form)."""
    log = ReviewLog()
    for entry in glossary.entries:
        if entry.en in APPROVE:
            _approve(entry, APPROVE[entry.en], log)
        elif entry.en in NOT_TERMS:
            entry.status = TermStatus.DEPRECATED
            entry.note = "reviewed: not a term (fragment, collocation or stock phrase)"
        elif entry.en in CANDIDATE_NOTES:
            zh, note = CANDIDATE_NOTES[entry.en]
            if entry.zh != zh:
                log.fixed.append(f"{entry.en}: {entry.zh or '(none)'} → {zh} (candidate)")
                entry.zh_variants = [v for v in entry.zh_variants if v != zh]
                entry.zh = zh
            entry.note = f"reviewed: left as candidate ({note})"
        else:
            entry.note = "not reviewed" + (f"; {entry.note}" if entry.note else "")
            log.unreviewed.append(f"{entry.id} {entry.en} → {entry.zh}")
    return log


def _approve(entry: GlossaryEntry, decision: Approved, log: ReviewLog) -> None:
    proposed = entry.zh
    entry.zh = decision.zh
    entry.status = TermStatus.APPROVED
    entry.zh_variants = list(decision.variants)
    entry.zh_deprecated = list(decision.deprecated)
    if proposed != decision.zh:
        log.fixed.append(f"{entry.en}: {proposed or '(none)'} → {decision.zh}")
        entry.note = f"reviewed: extractor proposed {proposed or '(none)'}"
    else:
        entry.note = "reviewed: extractor's rendering confirmed"
    if decision.note:
        entry.note += f"; {decision.note}"


def main() -> None:
    en = read_document(CORPUS / "scio-2023-01-18-miit-industry-it-2022.en.txt", lang=Lang.EN)
    zh = read_document(CORPUS / "scio-2023-01-18-miit-industry-it-2022.zh.txt", lang=Lang.ZH)
    glossary = extract_glossary(en, zh, top=100)
    log = review(glossary)
    glossary.name = "scio-2023-01-18-miit (reviewed)"
    write_glossary_table(glossary, HERE / f"{STEM}.tsv")
    write_glossary(glossary, HERE / f"{STEM}.tbx", "tbx")
    write_glossary(glossary, HERE / f"{STEM}.v2.tbx", "tbx2")
    write_glossary(glossary, HERE / f"{STEM}.utf8", "omegat")
    counts = {status: sum(1 for e in glossary.entries if e.status is status) for status in TermStatus}
    print(", ".join(f"{n} {status.value}" for status, n in counts.items()), file=sys.stderr)
    for line in log.fixed:
        print(f"fixed: {line}", file=sys.stderr)
    for line in log.unreviewed:
        print(f"NOT REVIEWED: {line}", file=sys.stderr)


if __name__ == "__main__":
    main()
