"""Bead precision, recall and F1 of an automatic alignment against a gold one.

Strict (the metric of Thompson & Koehn 2019 and Liu & Zhu 2022 on MAC and Bible data): a
predicted bead counts only when the gold holds the same bead, the very same ids on both sides;
null beads (`[7]:[]`) count like any other. Lax: a predicted bead counts when some gold bead
shares at least one id with it on every non-empty side and has the same empty sides (a 2-1
found as 1-1 is lax-right, strict-wrong); recall is computed the same way from the gold side.

Scores over several files are pooled (micro-averaged over beads), as in Vecalign's scorer,
and listed per file.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from termalign.errors import InputError
from termalign.formats.beads import read_beads
from termalign.model import Bead

BEAD_SUFFIX = ".align"

BeadKey = tuple[tuple[int, ...], tuple[int, ...]]


@dataclass(frozen=True, slots=True)
class Counts:
    """True positives among the predicted beads and among the gold beads (lax: they differ)."""

    tp_pred: int
    n_pred: int
    tp_gold: int
    n_gold: int

    @property
    def precision(self) -> float:
        return self.tp_pred / self.n_pred if self.n_pred else 0.0

    @property
    def recall(self) -> float:
        return self.tp_gold / self.n_gold if self.n_gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: Counts) -> Counts:
        return Counts(
            self.tp_pred + other.tp_pred, self.n_pred + other.n_pred, self.tp_gold + other.tp_gold, self.n_gold + other.n_gold
        )


ZERO = Counts(0, 0, 0, 0)


@dataclass(frozen=True, slots=True)
class FileScore:
    name: str
    strict: Counts
    lax: Counts


@dataclass(frozen=True, slots=True)
class Evaluation:
    files: list[FileScore]

    @property
    def strict(self) -> Counts:
        return sum((f.strict for f in self.files), ZERO)

    @property
    def lax(self) -> Counts:
        return sum((f.lax for f in self.files), ZERO)


def bead_key(bead: Bead) -> BeadKey:
    return (tuple(bead.src), tuple(bead.tgt))


def strict_counts(gold: Sequence[Bead], auto: Sequence[Bead]) -> Counts:
    gold_keys = {bead_key(b) for b in gold}
    auto_keys = {bead_key(b) for b in auto}
    hits = len(gold_keys & auto_keys)
    return Counts(hits, len(auto_keys), hits, len(gold_keys))


def lax_counts(gold: Sequence[Bead], auto: Sequence[Bead]) -> Counts:
    gold_keys = [bead_key(b) for b in gold]
    auto_keys = [bead_key(b) for b in auto]
    return Counts(_lax_hits(auto_keys, gold_keys), len(auto_keys), _lax_hits(gold_keys, auto_keys), len(gold_keys))


def _lax_hits(beads: list[BeadKey], reference: list[BeadKey]) -> int:
    """How many of `beads` overlap some bead of `reference` (same empty sides, shared ids)."""
    by_src: dict[int, list[int]] = {}
    by_tgt: dict[int, list[int]] = {}
    for position, (src, tgt) in enumerate(reference):
        for i in src:
            by_src.setdefault(i, []).append(position)
        for j in tgt:
            by_tgt.setdefault(j, []).append(position)
    hits = 0
    for src, tgt in beads:
        src_near = {p for i in src for p in by_src.get(i, ())}
        tgt_near = {p for j in tgt for p in by_tgt.get(j, ())}
        if src and tgt:
            near = src_near & tgt_near
        elif src:  # a deletion matches a deletion
            near = {p for p in src_near if not reference[p][1]}
        else:
            near = {p for p in tgt_near if not reference[p][0]}
        if near:
            hits += 1
    return hits


def score_file(name: str, gold: Sequence[Bead], auto: Sequence[Bead]) -> FileScore:
    return FileScore(name, strict_counts(gold, auto), lax_counts(gold, auto))


def evaluate_paths(gold: str | os.PathLike[str], auto: str | os.PathLike[str]) -> Evaluation:
    """Score bead files, or every `*.align` file of a gold folder against its namesake in `auto`.

    Raises InputError when a gold file has no counterpart, or when one path is a folder and
    the other a file.
    """
    gold_path, auto_path = Path(gold), Path(auto)
    for path in (gold_path, auto_path):
        if not path.exists():
            raise InputError(str(path), "no such file or folder")
    if gold_path.is_dir() != auto_path.is_dir():
        raise InputError(str(auto_path), f"expected a {'folder' if gold_path.is_dir() else 'file'} like {gold_path}")
    if not gold_path.is_dir():
        return Evaluation([score_file(gold_path.name, read_beads(gold_path), read_beads(auto_path))])
    gold_files = sorted(p for p in gold_path.iterdir() if p.suffix == BEAD_SUFFIX)
    if not gold_files:
        raise InputError(str(gold_path), f"no {BEAD_SUFFIX} files in this folder")
    scores = []
    for gold_file in gold_files:
        auto_file = auto_path / gold_file.name
        if not auto_file.exists():
            raise InputError(str(auto_file), f"missing: the gold folder has {gold_file.name}")
        scores.append(score_file(gold_file.name, read_beads(gold_file), read_beads(auto_file)))
    return Evaluation(scores)
