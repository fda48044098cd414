"""Rebuild glossaries/scio-2023-01-18-miit.glossary.tsv: run the extractor, then apply the
terminologist's review recorded below (see README.md). Run from the repository root:

    .venv/bin/python glossaries/build_reviewed.py
"""

from __future__ import annotations

from pathlib import Path

from termalign.formats.tables import write_glossary_table
from termalign.model import Alignment, Bead, Lang, TermStatus
from termalign.readers import read_document
from termalign.terms import extract_glossary

HERE = Path(__file__).resolve().parent
CORPUS = HERE.parent / "corpora"

# Review decisions, by English form. APPROVE: (Chinese) — the official rendering, certain.
APPROVE = {
    "Ministry of Industry and Information Technology": "工业和信息化部",
    "small- and medium-sized enterprises": "中小企业",
    "information and communications technology": "信息通信",
    "industrial internet": "工业互联网",
    "industrial and supply chains": "产业链供应链",
    "Communist Party of China": "中国共产党",
    "manufacturing industry": "制造业",
    "industrial economy": "工业经济",
    "micro-, small- and medium-sized enterprises": "中小微企业",
    "20th CPC National Congress": "党的二十大",
    "year on year": "同比",
    '"little giant" enterprises': "“小巨人”企业",
    "new energy vehicles": "新能源汽车",
    "Tao Qing": "陶青",
    "Tian Yulong": "田玉龙",
    "Zhao Zhiguo": "赵志国",
    "industrial enterprises above the designated size": "规模以上工业企业",
    "green and low-carbon": "绿色低碳",
    "CPC Central Committee and the State Council": "党中央、国务院",
    '"Double Gigabit" networks': "“双千兆”网络",
    "high-quality development": "高质量发展",
    "new energy vehicle industry": "新能源汽车产业",
    "green development": "绿色发展",
    "finger pulse oximeters": "指夹式脉搏血氧仪",
    "industrial chains": "产业链",
    "Central Economic Work Conference": "中央经济工作会议",
    "oxygen concentrators": "制氧机",
    "key industries": "重点行业",
    "5G": "5G",
    "new energy": "新能源",
    "comprehensive utilization of resources": "资源综合利用",
    "State Council": "国务院",
    "carbon peak": "碳达峰",
    "gigabit optical networks": "千兆光网",
    "Internet of Things": "物联网",
    "antipyretic and analgesic drugs": "解热镇痛类药物",
    "digital economy": "数字经济",
    "industrial upgrading": "产业升级",
    "specialized and sophisticated SMEs that produce new and unique products": "专精特新中小企业",
    "CPC Central Committee": "党中央",
    "economic and social development": "经济社会发展",
    "extracorporeal membrane oxygenation": "体外膜肺氧合",
    "green energy equipment industry": "绿色能源装备产业",
    "value added of industrial enterprises above the designated size": "规模以上工业增加值",
    "added value of industries above the designated size": "规模以上工业增加值",
    "telecommunications": "电信",
    "policies and measures": "政策措施",
    "leading enterprises": "龙头企业",
    "transformation and upgrading": "转型升级",
    "market entities": "市场主体",
    "digital transformation": "数字化转型",
    "green transformation": "绿色转型",
    "value added": "增加值",
    "national economy": "国民经济",
    "recycling power batteries": "动力电池回收",
    "projects for upgrading foundational industrial infrastructure": "产业基础再造工程",
    "peaking industrial carbon emissions": "工业领域碳达峰",
    "market entities": "市场主体",
    "tax and fee deferrals": "缓税缓费",
    "key industrial chains": "重点产业链",
    "installed capacity": "装机容量",
    "Guidelines for Accelerating the Green and High-Quality Development of the Manufacturing Industry": "加快推动制造业绿色化发展指导意见",
    "Bureau of Operation Monitoring and Coordination": "运行监测协调局",
    "industrial energy conservation": "工业节能",
    "energy conservation": "节能",
}
# Renderings translators are known to use that are wrong for the approved term (only where certain).
DEPRECATED_ZH = {
    "Ministry of Industry and Information Technology": ["工业与信息技术部"],
    "specialized and sophisticated SMEs that produce new and unique products": ["专业化精细化中小企业", "专门化和精密化中小企业"],
    '"little giant" enterprises': ["小巨头企业"],
    "new energy vehicles": ["新能量汽车"],
    "industrial enterprises above the designated size": ["指定规模以上的工业企业"],
}
# Not terms: fragments, collocations and stock phrases the extractor ranked in.
NOT_TERMS = {
    "trillion yuan", "key industrial and supply chains", "decisions and plans of the CPC Central Committee and the State Council",
    "industrial sector", "large-scale development of the industrial internet", "development of SMEs", "designated size",
    "manufacturing sector", "guiding principles of the 20th CPC National Congress", "industrial development",
    "telecom services", "growth rate", "value added of the sector", "added value of the manufacturing", "ICT industry",
    "upgrading foundational industrial infrastructure", "industrial enterprises", "field of industry and information technologies",
    "core technologies in key fields", "relevant departments", "large-scale application of the industrial internet",
    "projects to achieve breakthroughs in core technologies in key fields", "China's industrial and supply chains",
    "recycling and utilization", "unimpeded and stable operations", "industries and enterprises",
    "steady growth with a promising outlook", "telecommunications services", "application of 5G technologies",
    "influential industrial internet platforms", "key enterprises", "green and low-carbon transformation of the manufacturing industry",
    "green and low-carbon development", "industry and information technology sector",
}


def main() -> None:
    en = read_document(CORPUS / "scio-2023-01-18-miit-industry-it-2022.en.txt", lang=Lang.EN)
    zh = read_document(CORPUS / "scio-2023-01-18-miit-industry-it-2022.zh.txt", lang=Lang.ZH)
    # The two transcripts correspond paragraph for paragraph: one bead per paragraph pair.
    beads = [Bead(tuple(s.index for s in a.sentences), tuple(s.index for s in b.sentences)) for a, b in zip(en.paragraphs, zh.paragraphs)]
    glossary = extract_glossary(en, alignment=Alignment(en, zh, beads, method="paragraphs"), top=100)
    for entry in glossary.entries:
        if entry.en in APPROVE:
            proposed = entry.zh
            entry.zh = APPROVE[entry.en]
            entry.status = TermStatus.APPROVED
            entry.zh_variants = [v for v in entry.zh_variants if v != entry.zh]
            entry.zh_deprecated = DEPRECATED_ZH.get(entry.en, [])
            if proposed != entry.zh:
                entry.note = f"reviewed: extractor proposed {proposed or '(none)'}"
            else:
                entry.note = "reviewed: extractor's rendering confirmed"
        elif entry.en in NOT_TERMS:
            entry.status = TermStatus.DEPRECATED
            entry.note = "reviewed: not a term (fragment, collocation or stock phrase)"
        else:
            entry.note = "reviewed: left as candidate (rendering not certain)" + (f"; {entry.note}" if entry.note else "")
    glossary.name = "scio-2023-01-18-miit (reviewed)"
    write_glossary_table(glossary, HERE / "scio-2023-01-18-miit.glossary.tsv")
    try:
        from termalign.formats.tbx import write_tbx

        write_tbx(glossary, HERE / "scio-2023-01-18-miit.glossary.tbx")
    except ImportError:
        pass


if __name__ == "__main__":
    main()
