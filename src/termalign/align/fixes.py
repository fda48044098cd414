"""Reviewer corrections: beads marked wrong (or pairs given by hand) applied to an alignment.

The review report (`termalign report`, `termalign align --report`) lets a reviewer tick the
beads that are wrong and export them; `termalign align EN ZH --fix fixes.tsv` then keeps
every other bead and re-aligns only the stretches between the trusted beads around each
wrong one, never producing a bead that was marked wrong again.

The fixes file is "linear" TSV (UTF-8; one row per line; a backslash, tab, newline or
carriage return inside a value written as \\\\, \\t, \\n, \\r — as all termalign tables).
Lines starting with `#` are comments. The first other line is the header; columns are
found by name, in any order:

    bead        optional, informational: the bead's number in the report it came from
    action      `wrong`: the bead pairing exactly these sentences is wrong;
                `pair`: these sentences belong together, keep them as one bead (written by
                hand; one side may be empty: "this sentence has no counterpart")
    src         source sentence ids, space-separated (as in the report and `termalign segment`)
    tgt         target sentence ids, space-separated
    confidence  optional, informational
    src_text    optional: the source text of those sentences (English sentences joined by a
                space, Chinese ones without); when given it must equal the document's, which
                catches fixes made on another version of the texts
    tgt_text    optional: the target text, checked the same way

Example (the report writes the first two comment lines and the header):

    # termalign fixes: beads a reviewer marked as wrong in the alignment report
    # source: miit.en.txt · target: miit.zh.txt
    bead	action	src	tgt	confidence	src_text	tgt_text
    57	wrong	t05.p02.s03	t05.p02.s03	0.412	Exports grew.	出口下降。
    	pair	t05.p02.s04	t05.p02.s03 t05.p02.s04
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from enum import StrEnum
from typing import Callable, Iterable, Sequence

import numpy as np

# The aligner's own pieces: a stretch is scored by the aligner's `stretch_scorer`, with a
# constraint wrapped around it.
from termalign.align.aligner import (
    BAND_HALF_WIDTH,
    FULL_BAND_CELLS,
    AlignOptions,
    learn_document_lexicon,
    one_blas_thread,
    prepare_pair,
    stretch_scorer,
)
from termalign.align.anchors import anchor_path
from termalign.align.dp import NEG, Band, PathBead, RowScorer, bead_types, search
from termalign.align.scoring import LengthModel
from termalign.errors import InputError, TermalignError, UsageError
from termalign.model import Alignment, Bead, Document, Lang, Sentence
from termalign.progress import NO_PROGRESS, Progress
from termalign.readers.encoding import read_text


REQUIRED_COLUMNS = ("action", "src", "tgt")
KNOWN_COLUMNS = ("bead", "action", "src", "tgt", "confidence", "src_text", "tgt_text")
# A bead the reviewer wrote by hand is as sure as it gets.
HAND_CONFIDENCE = 1.0


class FixAction(StrEnum):
    WRONG = "wrong"
    PAIR = "pair"


@dataclass(frozen=True, slots=True)
class Fix:
    """One correction, with sentence indices resolved against the alignment's documents."""

    action: FixAction
    src: tuple[int, ...]
    tgt: tuple[int, ...]
    line: int  # in the fixes file, for messages

    @property
    def key(self) -> tuple[tuple[int, ...], tuple[int, ...]]:
        return self.src, self.tgt


@dataclass(frozen=True, slots=True)
class Constraint:
    """What a re-aligned stretch must respect: pairings marked wrong, sentences kept unmatched."""

    forbidden: frozenset[tuple[tuple[int, ...], tuple[int, ...]]] = frozenset()
    unmatched_src: frozenset[int] = frozenset()  # must end up in 1-0 beads (hand pairs)
    unmatched_tgt: frozenset[int] = frozenset()  # must end up in 0-1 beads

    def allows(self, src: tuple[int, ...], tgt: tuple[int, ...]) -> bool:
        if (src, tgt) in self.forbidden:
            return False
        if src and tgt:
            return not any(i in self.unmatched_src for i in src) and not any(j in self.unmatched_tgt for j in tgt)
        return True


# Re-aligns the consecutive sentences `src` × `tgt` into beads covering exactly them, in
# order, each allowed by the constraint; None when no such beads exist.
Realigner = Callable[[range, range, Constraint], "list[Bead] | None"]


# ── reading ──────────────────────────────────────────────────────────────────────────────


def read_fixes(path: str | os.PathLike[str], alignment: Alignment) -> list[Fix]:
    """Read a fixes file and resolve its sentence ids against `alignment`'s documents."""
    return parse_fixes(read_text(path).text, str(path), alignment)


def parse_fixes(text: str, path: str, alignment: Alignment) -> list[Fix]:
    """Parse the fixes TSV in `text` (`path` names it in errors); see the module doc for the format."""
    header: list[str] | None = None
    src_side = _Side(alignment.src)
    tgt_side = _Side(alignment.tgt)
    beads = {(b.src, b.tgt) for b in alignment.beads}
    fixes: list[Fix] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip() or raw.startswith("#"):
            continue
        cells = [_unescape(cell) for cell in raw.split("\t")]
        if header is None:
            header = [cell.strip() for cell in cells]
            _check_header(header, path, number)
            continue
        if len(cells) > len(header):
            raise InputError(path, f"{len(cells)} fields but the header names {len(header)}", line=number)
        row = dict(zip(header, cells + [""] * (len(header) - len(cells))))
        fix = _fix_from_row(row, path, number, src_side, tgt_side)
        if fix.action is FixAction.WRONG and fix.key not in beads:
            raise InputError(
                path,
                "no bead of the alignment pairs exactly these sentences (was the alignment made with other "
                "options or texts, or is this fix already applied?)",
                line=number,
            )
        fixes.append(fix)
    if header is None:
        raise InputError(path, f"no header line: expected the columns {', '.join(KNOWN_COLUMNS)}")
    _check_consistent(fixes, path)
    return fixes


def _check_header(header: list[str], path: str, line: int) -> None:
    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    if missing:
        raise InputError(
            path, f"the header lacks the column(s) {', '.join(missing)}: expected {', '.join(KNOWN_COLUMNS)}", line=line
        )
    unknown = [c for c in header if c not in KNOWN_COLUMNS]
    if unknown:
        raise InputError(path, f"unknown column(s) {', '.join(unknown)}: expected {', '.join(KNOWN_COLUMNS)}", line=line)


class _Side:
    """A document's sentences by id, its language's name and how its sentences join."""

    def __init__(self, document: Document) -> None:
        self.by_id = {s.id: s for s in document.sentences}
        self.name = "English" if document.lang is Lang.EN else "Chinese"
        self.join = " " if document.lang is Lang.EN else ""


def _fix_from_row(row: dict[str, str], path: str, line: int, src_side: _Side, tgt_side: _Side) -> Fix:
    try:
        action = FixAction(row["action"].strip())
    except ValueError:
        raise InputError(path, f"unknown action {row['action']!r}: expected wrong or pair", line=line) from None
    src = _resolve(row["src"], src_side.by_id, src_side.name, path, line)
    tgt = _resolve(row["tgt"], tgt_side.by_id, tgt_side.name, path, line)
    if not src and not tgt:
        raise InputError(path, "both src and tgt are empty: name the sentences of the bead", line=line)
    _check_text(row.get("src_text", ""), src_side.join.join(s.text for s in src), src_side.name, path, line)
    _check_text(row.get("tgt_text", ""), tgt_side.join.join(s.text for s in tgt), tgt_side.name, path, line)
    return Fix(action, tuple(s.index for s in src), tuple(s.index for s in tgt), line)


def _resolve(cell: str, by_id: dict[str, Sentence], side: str, path: str, line: int) -> list[Sentence]:
    sentences: list[Sentence] = []
    for sentence_id in cell.split():
        if sentence_id not in by_id:
            raise InputError(path, f"no {side} sentence has the id {sentence_id!r}", line=line)
        sentences.append(by_id[sentence_id])
    indices = [s.index for s in sentences]
    if indices != sorted(set(indices)) or (indices and indices[-1] - indices[0] != len(indices) - 1):
        raise InputError(path, f"the {side} sentences {cell.strip()!r} are not consecutive, in order", line=line)
    return sentences


def _check_text(given: str, actual: str, side: str, path: str, line: int) -> None:
    if given and given != actual:
        raise InputError(
            path,
            f"the {side} text differs from the document's at these sentences (fixes made on another version?): "
            f"file has {given[:60]!r}, document has {actual[:60]!r}",
            line=line,
        )


def _check_consistent(fixes: list[Fix], path: str) -> None:
    """Hand pairs may not share a sentence, nor cross each other."""
    pairs = [f for f in fixes if f.action is FixAction.PAIR]
    for side in ("src", "tgt"):
        owner: dict[int, Fix] = {}
        for fix in pairs:
            for index in getattr(fix, side):
                if index in owner:
                    raise InputError(
                        path, f"this pair shares a sentence with the pair on line {owner[index].line}", line=fix.line
                    )
                owner[index] = fix
    marked = {f.key: f for f in fixes if f.action is FixAction.WRONG}
    for fix in pairs:
        if fix.key in marked:
            raise InputError(path, f"this pair is marked wrong on line {marked[fix.key].line}", line=fix.line)
    two_sided = sorted((f for f in pairs if f.src and f.tgt), key=lambda f: f.src[0])
    for before, after in zip(two_sided, two_sided[1:]):
        if after.tgt[0] < before.tgt[0]:
            raise InputError(path, f"this pair crosses the pair on line {before.line} (the order differs)", line=after.line)


def _unescape(cell: str) -> str:
    if "\\" not in cell:
        return cell
    out: list[str] = []
    chars = iter(cell)
    for ch in chars:
        if ch == "\\":
            nxt = next(chars, "")
            out.append({"t": "\t", "n": "\n", "r": "\r", "\\": "\\"}.get(nxt, "\\" + nxt))
        else:
            out.append(ch)
    return "".join(out)


# ── applying ─────────────────────────────────────────────────────────────────────────────


def apply_fixes(
    alignment: Alignment,
    fixes: Iterable[Fix],
    realign: Realigner | None = None,
    *,
    options: AlignOptions | None = None,
    progress: Progress = NO_PROGRESS,
) -> Alignment:
    """`alignment` with the fixes applied: trusted beads kept, the stretches around wrong ones re-aligned.

    Trusted anchors are the hand pairs and every bead with sentences on both sides that is
    neither marked wrong nor in conflict with a hand pair (sharing a sentence with it, or
    crossing it). Between two consecutive anchors the old beads stay as they were, unless one
    of them is wrong or was dropped: then `realign` re-aligns that stretch, told which
    pairings it must not produce and which sentences stay unmatched (one-sided hand pairs).
    A stretch that admits no other answer (a wrong 1-0 bead with no Chinese sentence beside
    it) grows over its neighbouring anchors until it does.

    `realign` defaults to the aligner's own bead search (`DPRealigner`) with `options` (those
    the alignment was made with), taught its length ratio and lexicon by the trusted beads.
    """
    fixes = list(fixes)
    hand = [Bead(f.src, f.tgt, HAND_CONFIDENCE) for f in fixes if f.action is FixAction.PAIR]
    # a pair given by hand wins over a wrong mark on the same sentences (read_fixes refuses both)
    wrong = frozenset(f.key for f in fixes if f.action is FixAction.WRONG) - {(b.src, b.tgt) for b in hand}
    if not wrong and not hand:
        return Alignment(alignment.src, alignment.tgt, list(alignment.beads), alignment.method)
    fixed_anchors = [b for b in hand if b.src and b.tgt]
    lone_hand = [b for b in hand if not (b.src and b.tgt)]
    held = {i for b in hand for i in b.src}, {j for b in hand for j in b.tgt}
    dropped = {
        id(b)
        for b in alignment.beads
        if (b.src, b.tgt) in wrong
        or any(i in held[0] for i in b.src)
        or any(j in held[1] for j in b.tgt)
        or any(_crosses(b, anchor) for anchor in fixed_anchors)
    }
    old_anchors = [b for b in alignment.beads if b.src and b.tgt and id(b) not in dropped]
    anchors = sorted([*old_anchors, *fixed_anchors], key=lambda b: b.src[0])
    is_fixed = {id(b) for b in fixed_anchors}
    n_src, n_tgt = len(alignment.src.sentences), len(alignment.tgt.sentences)
    if realign is None:
        trusted = [b for b in alignment.beads if id(b) not in dropped]
        realign = DPRealigner(alignment, trusted, options=options, progress=progress)
    constraint = Constraint(
        wrong,
        frozenset(i for b in lone_hand for i in b.src),
        frozenset(j for b in lone_hand for j in b.tgt),
    )
    lone_keys = {(b.src, b.tgt) for b in lone_hand}

    stretches = _stretches(anchors, n_src, n_tgt)

    # Where each sentence sits: place 2k is stretch k, place 2k+1 is anchor k.
    src_place = [0] * n_src
    tgt_place = [0] * n_tgt
    for k, stretch in enumerate(stretches):
        for i in stretch.src:
            src_place[i] = 2 * k
        for j in stretch.tgt:
            tgt_place[j] = 2 * k
        for i in stretch.anchor_src:
            src_place[i] = 2 * k + 1
        for j in stretch.anchor_tgt:
            tgt_place[j] = 2 * k + 1

    def places(bead: Bead) -> set[int]:
        return {src_place[i] for i in bead.src} | {tgt_place[j] for j in bead.tgt}

    old_by_place: dict[int, list[Bead]] = {}
    for bead in alignment.beads:
        for place in places(bead):
            old_by_place.setdefault(place, []).append(bead)
    lone_places = {min(places(b)) for b in lone_hand}

    def is_clean(k: int) -> bool:
        touching = old_by_place.get(2 * k, [])
        return (
            2 * k not in lone_places
            and all(id(b) not in dropped and places(b) == {2 * k} for b in touching)
            and _covers(touching, list(stretches[k].src), list(stretches[k].tgt))
        )

    def attempt(first: int, last: int) -> list[Bead] | None:
        src, tgt = _span(stretches, first, last)
        if not src or not tgt:  # one side empty: only null beads can cover it
            beads = [Bead((i,), (), 0.0) for i in src] + [Bead((), (j,), 0.0) for j in tgt]
            return beads if all(constraint.allows(b.src, b.tgt) for b in beads) else None
        beads = realign(src, tgt, constraint)
        if beads is not None:
            _check_cover(beads, src, tgt, constraint)
        return beads

    # Stretches re-aligned: (first, last, beads); a stretch that grows into the previous one
    # is merged with it and solved again.
    solved: list[tuple[int, int, list[Bead]]] = []
    dirty = [k for k in range(len(stretches)) if not is_clean(k)]
    progress.start("re-aligning around fixes", len(dirty))
    for k in dirty:
        first, last = k, k
        if solved and solved[-1][1] >= first:
            continue  # already re-aligned inside a grown stretch
        while True:
            if solved and first <= solved[-1][1]:
                first = solved.pop()[0]
            beads = attempt(first, last)
            if beads is not None:
                break
            can_left = first > 0 and id(anchors[first - 1]) not in is_fixed
            can_right = last < len(anchors) and id(anchors[last]) not in is_fixed
            if not (can_left or can_right):
                src, tgt = _span(stretches, first, last)
                raise UsageError(
                    f"no alignment of English sentences {src.start}–{src.stop - 1} with Chinese sentences "
                    f"{tgt.start}–{tgt.stop - 1} respects the fixes (the beads marked wrong are the only "
                    "answers left between the hand pairs): drop a wrong mark or a pair"
                )
            first, last = first - can_left, last + can_right
        solved.append((first, last, [_hand_sure(b, lone_keys) for b in beads]))
        progress.advance()
    progress.finish()

    result: list[Bead] = []
    k = 0
    for first, last, beads in [*solved, (len(stretches), len(stretches), [])]:
        for clean in range(k, min(first, len(stretches))):
            result.extend(old_by_place.get(2 * clean, []))
            if clean < len(anchors):
                result.append(anchors[clean])
        if first == len(stretches):
            break
        result.extend(beads)
        if last < len(anchors):
            result.append(anchors[last])
        k = last + 1
    method = alignment.method + ("+" if alignment.method else "") + "reviewer fixes"
    return Alignment(alignment.src, alignment.tgt, result, method)


def _hand_sure(bead: Bead, lone_keys: set[tuple[tuple[int, ...], tuple[int, ...]]]) -> Bead:
    """A re-aligned null bead that a one-sided hand pair asked for carries the hand's confidence."""
    return Bead(bead.src, bead.tgt, HAND_CONFIDENCE) if (bead.src, bead.tgt) in lone_keys else bead


def _check_cover(beads: list[Bead], src: range, tgt: range, constraint: Constraint) -> None:
    if [i for b in beads for i in b.src] != list(src) or [j for b in beads for j in b.tgt] != list(tgt):
        raise TermalignError("the realigner returned beads that do not cover its stretch in order")
    if not all(constraint.allows(b.src, b.tgt) for b in beads):
        raise TermalignError("the realigner returned a bead its constraint forbids")


def _crosses(bead: Bead, anchor: Bead) -> bool:
    """True when `bead` lies before `anchor` on one side and after it on the other."""
    before_src = any(i < anchor.src[0] for i in bead.src)
    after_src = any(i > anchor.src[-1] for i in bead.src)
    before_tgt = any(j < anchor.tgt[0] for j in bead.tgt)
    after_tgt = any(j > anchor.tgt[-1] for j in bead.tgt)
    return (before_src and after_tgt) or (after_src and before_tgt)


@dataclass(frozen=True, slots=True)
class _Stretch:
    src: range
    tgt: range
    anchor_src: tuple[int, ...]  # the anchor closing the stretch (empty past the last one)
    anchor_tgt: tuple[int, ...]


def _stretches(anchors: list[Bead], n_src: int, n_tgt: int) -> list[_Stretch]:
    """The gaps before each anchor and after the last one."""
    stretches: list[_Stretch] = []
    src_from = tgt_from = 0
    for anchor in anchors:
        stretches.append(_Stretch(range(src_from, anchor.src[0]), range(tgt_from, anchor.tgt[0]), anchor.src, anchor.tgt))
        src_from, tgt_from = anchor.src[-1] + 1, anchor.tgt[-1] + 1
    stretches.append(_Stretch(range(src_from, n_src), range(tgt_from, n_tgt), (), ()))
    return stretches


def _span(stretches: list[_Stretch], first: int, last: int) -> tuple[range, range]:
    """The sentences of stretches first..last and of the anchors between them: consecutive."""
    return (
        range(stretches[first].src.start, stretches[last].src.stop),
        range(stretches[first].tgt.start, stretches[last].tgt.stop),
    )


def _covers(beads: list[Bead], src: list[int], tgt: list[int]) -> bool:
    return sorted(i for b in beads for i in b.src) == src and sorted(j for b in beads for j in b.tgt) == tgt


# ── the aligner's search, constrained ────────────────────────────────────────────────────


class DPRealigner:
    """The aligner's bead search (`align.dp.search` over `align.scoring.BlockScorer`) on one stretch.

    Prepared once per document pair (evidence and embeddings; the embeddings come from the
    on-disk cache when the pair was aligned before). The trusted beads teach it what the
    aligner's own first pass would: the length ratio and the document's word-pair lexicon.
    Beads the constraint forbids score as impossible, so the search finds the best path
    without them; the beads' confidences are their posteriors within the stretch.
    """

    def __init__(
        self,
        alignment: Alignment,
        trusted: Sequence[Bead],
        *,
        options: AlignOptions | None = None,
        progress: Progress = NO_PROGRESS,
    ) -> None:

        self.options = options or AlignOptions()
        with one_blas_thread():
            self.prepared = prepare_pair(alignment.src, alignment.tgt, self.options, progress=progress)
        self.types = bead_types(self.options.bead_limit)
        self.weights = self.options.resolved_weights()
        src, tgt = self.prepared.src_side, self.prepared.tgt_side
        spans = [(b.src[0], b.src[-1] + 1, b.tgt[0], b.tgt[-1] + 1) for b in trusted if b.src and b.tgt]
        prior = LengthModel.from_totals(src.evidence, tgt.evidence, self.weights.length_var)
        self.length = LengthModel.from_beads(src.evidence, tgt.evidence, spans, prior)
        self.lexicon = None
        if self.prepared.english is not None and self.weights.selflex_w and self.options.self_train and not self.options.fast:
            taught = [PathBead(i0, i1, j0, j1, 0.0, 1.0) for i0, i1, j0, j1 in spans]
            self.lexicon = learn_document_lexicon(taught, src, tgt, self.prepared.english == "src")

    def __call__(self, src: range, tgt: range, constraint: Constraint) -> list[Bead] | None:

        prepared = self.prepared
        src_side, tgt_side = prepared.src_side, prepared.tgt_side
        s0, s1, t0, t1 = src.start, src.stop, tgt.start, tgt.stop
        n, m = s1 - s0, t1 - t0
        if (n + 1) * (m + 1) <= FULL_BAND_CELLS:
            band = Band.full(n, m)
        else:
            path, slack = anchor_path(
                src_side.sentence_vectors[s0:s1],
                tgt_side.sentence_vectors[t0:t1],
                src_side.evidence.lengths[s0:s1],
                tgt_side.evidence.lengths[t0:t1],
                self.length,
            )
            band = Band.around(path, n, m, BAND_HALF_WIDTH + slack)
        scorer = stretch_scorer(
            src_side, tgt_side, src, tgt, self.types, band, self.weights, self.length, prepared.english or "tgt", self.lexicon
        )
        constrained = _ConstrainedScorer(scorer, self.types, src, tgt, constraint)
        try:
            with one_blas_thread():
                result = search(self.types, band, constrained, temperature=self.options.temperature)
        except ValueError:  # every path through the stretch uses a forbidden bead
            return None
        return [
            Bead(tuple(range(b.i0 + s0, b.i1 + s0)), tuple(range(b.j0 + t0, b.j1 + t0)), round(float(b.posterior), 4))
            for b in result.beads
        ]


class _ConstrainedScorer:
    """A row scorer with the beads a constraint forbids set to "impossible"."""

    def __init__(self, inner: RowScorer, types: Sequence[tuple[int, int]], src: range, tgt: range, constraint: Constraint) -> None:
        self.inner = inner
        self.types = list(types)
        self.type_of = {t: k for k, t in enumerate(self.types)}
        s0, t0 = src.start, tgt.start
        held_src = np.zeros(len(src), dtype=np.int64)
        held_tgt = np.zeros(len(tgt), dtype=np.int64)
        for i in constraint.unmatched_src:
            if i in src:
                held_src[i - s0] = 1
        for j in constraint.unmatched_tgt:
            if j in tgt:
                held_tgt[j - t0] = 1
        # held sentences among the last a (or b) before a lattice row (column): prefix sums
        self.src_cum = np.concatenate([[0], np.cumsum(held_src)])
        self.tgt_cum = np.concatenate([[0], np.cumsum(held_tgt)])
        # explicitly forbidden beads by lattice row: (type, column or None for every column)
        self.cells: dict[int, list[tuple[int, int | None]]] = {}
        self.every_row: list[tuple[int, int]] = []  # (type, column): a forbidden 0-1 bead, in any row
        for bead_src, bead_tgt in constraint.forbidden:
            kind = self.type_of.get((len(bead_src), len(bead_tgt)))
            inside = all(i in src for i in bead_src) and all(j in tgt for j in bead_tgt)
            if kind is None or not inside:
                continue
            column = bead_tgt[-1] + 1 - t0 if bead_tgt else None
            if bead_src:
                self.cells.setdefault(bead_src[-1] + 1 - s0, []).append((kind, column))
            elif column is not None:
                self.every_row.append((kind, column))

    def row_scores(self, i: int, lo: int, hi: int) -> np.ndarray:
        scores = np.array(self.inner.row_scores(i, lo, hi), dtype=np.float64, copy=True)
        columns = np.arange(lo, hi)
        for kind, (a, b) in enumerate(self.types):
            if not (a and b):
                continue
            if i - a >= 0 and self.src_cum[i] - self.src_cum[i - a] > 0:
                scores[kind, :] = NEG
                continue
            starts = np.maximum(columns - b, 0)
            scores[kind, self.tgt_cum[columns] - self.tgt_cum[starts] > 0] = NEG
        for kind, column in self.cells.get(i, ()):
            if column is None:
                scores[kind, :] = NEG
            elif lo <= column < hi:
                scores[kind, column - lo] = NEG
        for kind, column in self.every_row:
            if lo <= column < hi:
                scores[kind, column - lo] = NEG
        return scores
