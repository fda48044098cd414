"""Real material for the format tests: beads over the bundled transcripts and a glossary of their terms.

The beads are hand-checked against the two texts (first two turns of the press conference),
so the format tests do not depend on the aligner.
"""

from __future__ import annotations

from functools import cache

from conftest import SEED_EN, SEED_ZH

from termalign.model import (
    Alignment,
    Bead,
    Glossary,
    GlossaryEntry,
    Lang,
    TermCategory,
    TermContext,
    TermStatus,
    TranslationCandidate,
    TranslationUnit,
)
from termalign.readers import read_document

# (English sentence indices) ↔ (Chinese sentence indices), checked by reading both texts.
SEED_BEADS = [
    ((0,), (0,)),  # Friends from the media, good afternoon. ↔ 各位媒体朋友，大家下午好！
    ((1,), (1,)),
    ((2, 3), (2,)),  # invited Mr. Tian … will brief you ↔ 今天，我们邀请到…并回答大家关心的问题。
    ((4,), (3,)),
    ((5,), (4,)),
    ((6,), (5,)),
    ((7,), (6,)),
    ((8,), (7,)),
    ((9,), (8,)),
    ((10,), (9,)),
]


@cache
def seed_alignment() -> Alignment:
    en = read_document(SEED_EN)
    zh = read_document(SEED_ZH)
    beads = [Bead(src, tgt, confidence=0.9 if len(src) == 1 else 0.62) for src, tgt in SEED_BEADS]
    return Alignment(en, zh, beads, method="hand-checked")


def seed_units() -> list[TranslationUnit]:
    from termalign.formats.units import alignment_units

    return list(alignment_units(seed_alignment()))


def seed_glossary() -> Glossary:
    """Terms of the transcript with the official renderings used in the Chinese text."""
    return Glossary(
        name="MIIT briefing 2022",
        entries=[
            GlossaryEntry(
                id="T0001",
                en="Ministry of Industry and Information Technology",
                zh="工业和信息化部",
                en_variants=["MIIT"],
                zh_variants=["工信部"],
                zh_deprecated=["工业信息化部"],
                category=TermCategory.INSTITUTION,
                freq_en=31,
                freq_zh=28,
                score=0.9731,
                status=TermStatus.APPROVED,
                contexts=[
                    TermContext(
                        "t01.p01.s03",
                        "Today, we have invited Mr. Tian Yulong, chief engineer and spokesperson of the Ministry of Industry and Information Technology (MIIT).",
                        Lang.EN,
                        "scio-2023-01-18-miit-industry-it-2022.en.txt",
                    ),
                    TermContext(
                        "t01.p01.s03",
                        "今天，我们邀请到工业和信息化部总工程师、新闻发言人田玉龙先生",
                        Lang.ZH,
                        "scio-2023-01-18-miit-industry-it-2022.zh.txt",
                    ),
                ],
                sources=["scio-2023-01-18-miit-industry-it-2022.en.txt"],
                note="ministry; 工信部 in headlines only",
                zh_candidates=[TranslationCandidate("工业和信息化部", 0.97, "dice=0.91 dict=1"), TranslationCandidate("工信部", 0.41, "dice=0.38")],
            ),
            GlossaryEntry(
                id="T0002",
                en="State Council Information Office",
                zh="国务院新闻办公室",
                en_variants=["SCIO"],
                zh_variants=["国新办"],
                category=TermCategory.INSTITUTION,
                freq_en=4,
                freq_zh=3,
                score=0.88,
                status=TermStatus.APPROVED,
            ),
            GlossaryEntry(
                id="T0003",
                en="industries above the designated size",
                zh="规模以上工业",
                category=TermCategory.DOMAIN,
                freq_en=3,
                freq_zh=3,
                score=0.74,
            ),
            GlossaryEntry(
                id="T0004",
                en="added value",
                zh="增加值",
                category=TermCategory.DOMAIN,
                freq_en=5,
                freq_zh=6,
                score=0.66,
                status=TermStatus.CANDIDATE,
            ),
            GlossaryEntry(
                id="T0005",
                en="specialized and sophisticated SMEs that produce novel and unique products",
                zh="专精特新中小企业",
                category=TermCategory.PROGRAMME,
                freq_en=2,
                freq_zh=2,
                score=0.58,
            ),
            GlossaryEntry(id="T0006", en="Tian Yulong", zh="田玉龙", category=TermCategory.PERSON, freq_en=9, freq_zh=9, score=0.99, status=TermStatus.APPROVED),
            GlossaryEntry(id="T0007", en="gigabit optical network", category=TermCategory.DOMAIN, freq_en=1, score=0.21),
        ],
    )
