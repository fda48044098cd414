"""Corpus-level BLEU, chrF and TER of the checked targets against a reference translation.

sacrebleu does the scoring; for Chinese targets BLEU uses its `zh` tokeniser and TER its
Asian-script support (each CJK character a token), since Chinese has no spaces to split on.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from sacrebleu.metrics import BLEU, CHRF, TER

from termalign.check.segments import document_of, is_chinese
from termalign.errors import UsageError
from termalign.model import TranslationUnit


@dataclass(frozen=True, slots=True)
class Metrics:
    bleu: float
    chrf: float
    ter: float
    segments: int  # pairs scored
    bleu_signature: str
    chrf_signature: str
    ter_signature: str


def pair_references(units: Sequence[TranslationUnit], reference: Sequence[TranslationUnit]) -> list[str]:
    """The reference target for each unit: by (document, id) when every unit finds one,
    otherwise by position when both have the same number of segments."""
    by_key = {(document_of(r), r.id): r.target for r in reference}
    by_id = {r.id: r.target for r in reference}
    if all((document_of(u), u.id) in by_key for u in units):
        return [by_key[(document_of(u), u.id)] for u in units]
    if len(by_id) == len(reference) and all(u.id in by_id for u in units):
        return [by_id[u.id] for u in units]
    if len(reference) == len(units):
        return [r.target for r in reference]
    raise UsageError(
        f"the reference has {len(reference)} segments and matches the ids of only "
        f"{sum(u.id in by_id for u in units)} of the {len(units)} checked segments: "
        "give a reference with the same segment ids, or the same number of segments in the same order"
    )


def compute_metrics(hypotheses: Sequence[str], references: Sequence[str], tgt_lang: str) -> Metrics:
    """BLEU, chrF and TER (0–100) of `hypotheses` against one reference each."""
    if len(hypotheses) != len(references):
        raise ValueError("one reference per hypothesis")
    if not hypotheses:
        raise UsageError("there are no segments to score against the reference")
    chinese = is_chinese(tgt_lang)
    bleu = BLEU(tokenize="zh" if chinese else "13a")
    chrf = CHRF()
    ter = TER(normalized=True, asian_support=chinese)
    hyps, refs = list(hypotheses), [list(references)]
    return Metrics(
        bleu=bleu.corpus_score(hyps, refs).score,
        chrf=chrf.corpus_score(hyps, refs).score,
        ter=ter.corpus_score(hyps, refs).score,
        segments=len(hyps),
        bleu_signature=str(bleu.get_signature()),
        chrf_signature=str(chrf.get_signature()),
        ter_signature=str(ter.get_signature()),
    )
