"""What a batch came to: pairs, sentences, beads by type, confidence, pairs to review, failures.

The summary is built from the per-pair results (those computed in this run and those read back
by `--resume`), so it describes the whole corpus, not only the part this run did.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from termalign.batch.tasks import PairFailure, PairResult

REVIEW_FIRST = 10  # how many pairs the summary names for review


@dataclass(frozen=True, slots=True)
class PairReview:
    """A pair to look at first: low mean confidence, many low-confidence beads."""

    id: str
    mean_confidence: float
    low_confidence_beads: int
    beads: int


@dataclass(frozen=True, slots=True)
class BatchOutputs:
    folder: Path
    beads: Path  # beads.parquet: every bead of every pair, sorted by pair id
    tmx: Path  # memory.tmx: the translation memory (null beads left out)
    glossary: Path  # glossary.tsv: one glossary over the whole corpus
    failures: Path  # failures.tsv: id, en, zh, error (header only when none failed)
    pairs: Path  # pairs.tsv: per-pair figures
    summary: Path  # summary.json
    bead_rows: int = 0
    translation_units: int = 0
    terms: int = 0


@dataclass(slots=True)
class BatchSummary:
    pairs: int  # pairs in the manifest
    aligned: int  # aligned in this run
    resumed: int  # complete from an earlier run (--resume)
    failed: int
    en_sentences: int
    zh_sentences: int
    beads_by_kind: dict[str, int]  # "1-1" → count, sorted by kind
    mean_confidence: float  # over all beads of the successful pairs
    review_first: list[PairReview]  # lowest mean confidence first
    seconds: float  # the whole run: resume checks, pairs, merge
    failures: list[PairFailure] = field(default_factory=list)
    unmatched: list[str] = field(default_factory=list)  # folder mode: files without counterpart
    merge_seconds: float = 0.0  # of `seconds`: merging the parts into the corpus outputs
    engine: str = ""
    workers: int = 1
    outputs: BatchOutputs | None = None

    @property
    def beads(self) -> int:
        return sum(self.beads_by_kind.values())

    @property
    def succeeded(self) -> int:
        return self.aligned + self.resumed

    @property
    def pairs_per_minute(self) -> float:
        """Pairs done in this run per minute of wall time (resumed pairs cost nothing)."""
        return 60.0 * (self.aligned + self.failed) / self.seconds if self.seconds > 0 else 0.0


def summarise(
    results: Iterable[PairResult],
    failures: list[PairFailure],
    *,
    seconds: float,
    pairs: int,
    review: int = REVIEW_FIRST,
) -> BatchSummary:
    done = [r for r in results if r.ok]
    kinds: Counter[str] = Counter()
    for result in done:
        kinds.update(dict(result.beads_by_kind))
    bead_count = sum(kinds.values())
    confidence = sum(r.confidence_sum for r in done)
    ranked = sorted(
        (r for r in done if r.beads),
        key=lambda r: (r.mean_confidence, -r.low_confidence_beads / r.beads, r.id),
    )
    return BatchSummary(
        pairs=pairs,
        aligned=sum(1 for r in done if not r.resumed),
        resumed=sum(1 for r in done if r.resumed),
        failed=len(failures),
        en_sentences=sum(r.en_sentences for r in done),
        zh_sentences=sum(r.zh_sentences for r in done),
        beads_by_kind=dict(sorted(kinds.items(), key=lambda item: (*_kind_order(item[0]), item[0]))),
        mean_confidence=confidence / bead_count if bead_count else 0.0,
        review_first=[PairReview(r.id, r.mean_confidence, r.low_confidence_beads, r.beads) for r in ranked[:review]],
        seconds=seconds,
        failures=sorted(failures, key=lambda f: f.id),
    )


def _kind_order(kind: str) -> tuple[int, int]:
    """1-1 first, then by size: 1-2, 2-1, 2-2 … with the null beads (0-1, 1-0) last."""
    src, _, tgt = kind.partition("-")
    a, b = int(src or 0), int(tgt or 0)
    return (1 if a == 0 or b == 0 else 0, a + b) if (a, b) != (1, 1) else (-1, 0)
