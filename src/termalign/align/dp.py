"""The bead search: a dynamic programme over a band of the (source × target) lattice.

Cell (i, j) of the lattice means "the first i source and j target sentences are aligned".
A bead of type (a, b) goes from (i - a, j - b) to (i, j) and covers source sentences
i-a … i-1 and target sentences j-b … j-1. The search finds the path from (0, 0) to (n, m)
with the highest total score; the scores themselves come from a `RowScorer` (see
`align.scoring`), so this module knows nothing about embeddings, lengths or numbers.

The band: row i only holds the cells lo[i] ≤ j < hi[i] (ragged rows; the full lattice for
small documents). Cost is O(cells × bead types), so a band a few dozen cells wide around a
first-pass path makes the search linear in the document length.

Rows are processed one at a time with numpy over the whole row: every bead type with a ≥ 1
reads an earlier row; the 0-1 bead (a target sentence without source) reads the same row,
which would be sequential — it is solved in one pass with a running maximum (max-plus
prefix scan), and with a running log-sum-exp for the forward sums.

Besides the best path, the search computes each chosen bead's posterior probability under
P(path) ∝ exp(score(path) / temperature) by forward–backward over the same band: that is the
bead's confidence (low where other paths of nearly the same score disagree with it).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Protocol

import numpy as np

from termalign.progress import NO_PROGRESS, Progress

NEG = -1e30  # "impossible": large enough to lose every comparison, small enough to add safely

BeadType = tuple[int, int]  # (source sentences, target sentences)


def bead_types(max_size: int = 4) -> list[BeadType]:
    """Null beads, then every (a, b) with 1 ≤ a, b ≤ max_size and a + b ≤ max_size + 1.

    max_size=4 gives 1-1, 1-2, 2-1, 1-3, 2-2, 3-1, 1-4, 2-3, 3-2, 4-1.
    """
    if max_size < 1:
        raise ValueError("max_size must be at least 1")
    types: list[BeadType] = [(0, 1), (1, 0)]
    for total in range(2, max_size + 2):
        for a in range(1, total):
            types.append((a, total - a))
    return types


@dataclass(slots=True)
class Band:
    """Allowed cells: row i (0 … n) holds columns lo[i] … hi[i] - 1 (0 … m)."""

    lo: np.ndarray
    hi: np.ndarray
    n: int
    m: int

    @classmethod
    def full(cls, n: int, m: int) -> Band:
        return cls(np.zeros(n + 1, dtype=np.int64), np.full(n + 1, m + 1, dtype=np.int64), n, m)

    @classmethod
    def around(cls, path: Sequence[tuple[int, int]], n: int, m: int, half_width: int) -> Band:
        """Cells within `half_width` columns of a monotone path of cells from (0, 0) to (n, m).

        Consecutive rows always overlap (a path may jump several columns between rows), so the
        band holds a path from corner to corner."""
        cells = np.asarray(path, dtype=np.int64)
        rows, cols = cells[:, 0], cells[:, 1]
        first = np.full(n + 1, m + 1, dtype=np.int64)
        last = np.full(n + 1, -1, dtype=np.int64)
        np.minimum.at(first, rows, cols)
        np.maximum.at(last, rows, cols)
        # rows the path skipped (a 2-1 bead steps over one) take the last column of the row
        # visited before them (0 before the first)
        skipped = last < 0
        if skipped.any():
            visited_before = np.maximum.accumulate(np.where(skipped, -1, np.arange(n + 1)))
            carried = np.where(visited_before >= 0, last[np.maximum(visited_before, 0)], 0)
            first[skipped] = last[skipped] = carried[skipped]
        first = np.minimum.accumulate(first[::-1])[::-1]
        last = np.maximum.accumulate(last)
        lo = np.minimum(first, np.concatenate([[0], last[:-1]]))  # reach back to where the row above ended
        hi = np.maximum(last, np.concatenate([first[1:], [m]])) + 1  # and on to where the next row starts
        lo = np.maximum(lo - half_width, 0)
        hi = np.minimum(hi + half_width, m + 1)
        return cls(lo, hi, n, m)

    @property
    def cells(self) -> int:
        return int((self.hi - self.lo).sum())

    def width(self, i: int) -> int:
        return int(self.hi[i] - self.lo[i])


class RowScorer(Protocol):
    """Bead scores for the cells of one band row: array (len(types), hi - lo), NEG where impossible."""

    def row_scores(self, i: int, lo: int, hi: int) -> np.ndarray: ...


@dataclass(frozen=True, slots=True)
class PathBead:
    """A bead on the best path: source sentences i0…i1-1, target sentences j0…j1-1."""

    i0: int
    i1: int
    j0: int
    j1: int
    score: float
    posterior: float


@dataclass(slots=True)
class SearchResult:
    beads: list[PathBead]
    total: float


def search(
    types: Sequence[BeadType],
    band: Band,
    scorer: RowScorer,
    *,
    temperature: float | None = 1.0,
    anchors: Sequence[tuple[int, int]] | None = None,
    progress: Progress = NO_PROGRESS,
    description: str = "aligning",
) -> SearchResult:
    """Best path through `band` and, unless `temperature` is None, each bead's posterior.

    `anchors`: cells (i, j) the path must pass through, increasing in both coordinates. The
    stretches between them are independent searches, and they are run side by side — step
    r handles row r of every stretch in the same numpy operations — so a long document costs
    as many Python steps as its longest stretch has rows, not as many as it has rows.
    Stretches are grouped by band width, so one wide place (a long passage missing on one
    side) does not widen the arrays of all the others. Without anchors the whole band is one
    stretch (exact search).
    """
    chunks = _chunks(band, anchors)
    for i0, j0, i1, j1 in chunks:
        if not (band.lo[i0] <= j0 < band.hi[i0] and band.lo[i1] <= j1 < band.hi[i1]):
            raise ValueError("no path through the band: it does not connect (0, 0) to (n, m)")
    scores = _RowScores.collect(scorer, band, len(types), progress, description)
    forward = temperature is not None
    inv_t = 1.0 / temperature if forward else 1.0
    row_width = band.hi - band.lo
    groups: dict[int, list[tuple[int, int, int, int]]] = {}
    for chunk in chunks:
        widest = int(row_width[chunk[0] : chunk[2] + 1].max())
        groups.setdefault(_group_width(widest), []).append(chunk)
    found: dict[tuple[int, int, int, int], list[PathBead]] = {}
    total = 0.0
    for width, group in sorted(groups.items()):
        plan = _Plan(types, band, group, width)
        with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
            best, back, alpha = _forward(plan, scores, inv_t, forward)
            ends = plan.end_cells()
            end_values = best[plan.chunk_ids, plan.length, ends]
            if np.any(end_values <= NEG / 2):
                raise ValueError("no path through the band: it does not connect (0, 0) to (n, m)")
            beta = _backward(plan, scores, inv_t) if forward else None
        total += float(end_values.sum())
        log_z = alpha[plan.chunk_ids, plan.length, ends] if forward else None  # type: ignore[index]
        for (i0, i1, j0, j1), t, c in _backtrack(plan, back):
            if not forward:
                bead = PathBead(i0, i1, j0, j1, float("nan"), float("nan"))
            else:
                r0, r1 = i0 - plan.first_row[c], i1 - plan.first_row[c]
                s = scores.at(i1, t, j1 - band.lo[i1])
                value = alpha[c, r0, j0 - band.lo[i0]] + s * inv_t + beta[c, r1, j1 - band.lo[i1]] - log_z[c]  # type: ignore[index]
                bead = PathBead(i0, i1, j0, j1, s, float(np.exp(min(0.0, value))))
            found.setdefault(group[c], []).append(bead)
    return SearchResult([bead for chunk in chunks for bead in found[chunk]], total)


_WIDTH_STEP = 16  # stretches are grouped by their widest row rounded up to this


def _group_width(widest: int) -> int:
    """The array width a stretch is searched in. Rounded up to a small step, not to a power of
    two: the padding is computed like real cells, and a power of two wasted up to half of
    them (a 1,251-column coarse lattice searched in 2,048 columns)."""
    return -(-widest // _WIDTH_STEP) * _WIDTH_STEP


def _chunks(band: Band, anchors: Sequence[tuple[int, int]] | None) -> list[tuple[int, int, int, int]]:
    """Stretches (i0, j0, i1, j1) between consecutive anchors, corners included."""
    cells = [(0, 0)]
    for i, j in anchors or ():
        if cells[-1][0] < i < band.n and cells[-1][1] <= j <= band.m and band.lo[i] <= j < band.hi[i]:
            cells.append((int(i), int(j)))
    cells.append((band.n, band.m))
    return [(i0, j0, i1, j1) for (i0, j0), (i1, j1) in pairwise(cells)]


class _RowScores:
    """Every band row's scores in one flat float32 array: row i holds types × width(i) values."""

    def __init__(self, flat: np.ndarray, start: np.ndarray, width: np.ndarray) -> None:
        self.flat, self.start, self.width = flat, start, width

    @classmethod
    def collect(cls, scorer: RowScorer, band: Band, k_types: int, progress: Progress, description: str) -> _RowScores:
        width = (band.hi - band.lo).astype(np.int64)
        start = np.concatenate([[0], np.cumsum(width * k_types)]).astype(np.int64)
        flat = np.empty(int(start[-1]), dtype=np.float32)
        progress.start(description, band.n + 1)
        for i in range(band.n + 1):
            lo, hi = int(band.lo[i]), int(band.hi[i])
            flat[start[i] : start[i + 1]] = np.asarray(scorer.row_scores(i, lo, hi), dtype=np.float32).ravel()
            progress.advance()
        progress.finish()
        return cls(flat, start, width)

    def take(self, rows: np.ndarray, types: np.ndarray, cols: np.ndarray) -> np.ndarray:
        """Scores at broadcast (rows, types, cols); NEG where a column is outside its row."""
        ok = (cols >= 0) & (cols < self.width[rows])
        index = self.start[rows] + types * self.width[rows] + np.where(ok, cols, 0)
        values = self.flat[index].astype(np.float64)
        return np.where(ok & (values > NEG / 2), values, NEG)

    def at(self, row: int, t: int, col: int) -> float:
        return float(self.flat[self.start[row] + t * self.width[row] + col])


class _Plan:
    """Index arithmetic shared by the forward and backward passes over a group of stretches."""

    def __init__(self, types: Sequence[BeadType], band: Band, chunks: list[tuple[int, int, int, int]], width: int) -> None:
        self.types = list(types)
        self.band = band
        self.lo = band.lo.astype(np.int64)
        self.row_width = (band.hi - band.lo).astype(np.int64)
        self.width = width
        c = np.array(chunks, dtype=np.int64).reshape(-1, 4)
        self.first_row, self.first_col, self.last_row, self.last_col = c[:, 0], c[:, 1], c[:, 2], c[:, 3]
        self.length = self.last_row - self.first_row  # local index of each stretch's last row
        self.rows = int(self.length.max()) + 1
        self.chunk_ids = np.arange(len(c))
        self.offsets = np.arange(self.width)
        self.k_types = len(types)
        self.skip_type = next((t for t, (a, b) in enumerate(types) if a == 0 and b == 1), None)
        self.moves = np.array([t for t, (a, _b) in enumerate(types) if a >= 1], dtype=np.int64)
        self.move_a = np.array([types[t][0] for t in self.moves], dtype=np.int64)
        self.move_b = np.array([types[t][1] for t in self.moves], dtype=np.int64)

    def global_rows(self, r: int) -> tuple[np.ndarray, np.ndarray]:
        """Global row of local row r in every stretch (clipped), and which stretches have it."""
        rows = self.first_row + r
        active = r <= self.length
        return np.minimum(rows, self.band.n), active

    def cell_mask(self, rows: np.ndarray, active: np.ndarray) -> np.ndarray:
        """(chunks, width): cells of these rows inside the band and inside their stretch."""
        cols = self.lo[rows][:, None] + self.offsets[None, :]
        return (
            active[:, None]
            & (self.offsets[None, :] < self.row_width[rows][:, None])
            & (cols >= self.first_col[:, None])
            & (cols <= self.last_col[:, None])
        )

    def end_cells(self) -> np.ndarray:
        return self.last_col - self.lo[self.last_row]


_STEP_FLOOR = -1e4  # an impossible 0-1 step inside a row: large, yet safe inside running sums


def _forward(plan: _Plan, scores: _RowScores, inv_t: float, forward: bool) -> tuple[np.ndarray, np.ndarray, np.ndarray | None]:
    C, R, W = len(plan.chunk_ids), plan.rows, plan.width
    best = np.full((C, R, W), NEG)
    back = np.full((C, R, W), -1, dtype=np.int8)
    alpha = np.full((C, R, W), NEG) if forward else None
    start = plan.first_col - plan.lo[plan.first_row]
    best[plan.chunk_ids, 0, start] = 0.0
    if forward:
        alpha[plan.chunk_ids, 0, start] = 0.0  # type: ignore[index]
    moves, move_a, move_b = plan.moves, plan.move_a, plan.move_b
    all_types = np.arange(plan.k_types)
    chunk_index = plan.chunk_ids[:, None, None]
    for r in range(R):
        rows, active = plan.global_rows(r)
        mask = plan.cell_mask(rows, active)
        row_scores = scores.take(rows[:, None, None], all_types[None, :, None], plan.offsets[None, None, :])  # (C, T, W)
        row = best[:, r].copy()
        arg = back[:, r].copy()
        fwd = alpha[:, r].copy() if forward else None  # type: ignore[index]
        if r > 0:
            local = r - move_a  # (M,)
            live = local >= 0
            local_c = np.where(live, local, 0)
            prev_rows = np.maximum(rows[:, None] - move_a[None, :], 0)  # (C, M)
            cols = plan.lo[rows][:, None, None] + plan.offsets[None, None, :] - move_b[None, :, None]  # (C, M, W)
            w_prev = cols - plan.lo[prev_rows][:, :, None]
            ok = live[None, :, None] & (w_prev >= 0) & (w_prev < plan.row_width[prev_rows][:, :, None]) & mask[:, None, :]
            w_c = np.where(ok, w_prev, 0)
            move_scores = row_scores[:, moves, :]  # (C, M, W)
            cand = np.where(ok, best[chunk_index, local_c[None, :, None], w_c] + move_scores, NEG)
            choice = np.argmax(cand, axis=1)  # (C, W)
            value = np.take_along_axis(cand, choice[:, None, :], axis=1)[:, 0, :]
            better = value > row
            row = np.where(better, value, row)
            arg = np.where(better, moves[choice], arg).astype(np.int8)
            if forward:
                fcand = np.where(ok, alpha[chunk_index, local_c[None, :, None], w_c] + move_scores * inv_t, NEG)  # type: ignore[index]
                top = fcand.max(axis=1)
                summed = top + np.log(np.exp(fcand - top[:, None, :]).sum(axis=1))
                fwd = np.where(top > NEG / 2, np.logaddexp(fwd, summed), fwd)
        row = np.where(mask, row, NEG)
        if plan.skip_type is not None and W > 1:
            steps = np.where(mask, np.maximum(row_scores[:, plan.skip_type, :], _STEP_FLOOR), 0.0)
            steps[:, 0] = 0.0
            c = np.cumsum(steps, axis=1)
            closed = np.maximum.accumulate(row - c, axis=1) + c
            via = mask & (closed > row + 1e-9)
            row = np.where(via, closed, row)
            arg = np.where(via, np.int8(plan.skip_type), arg).astype(np.int8)
            if forward:
                fc = np.cumsum(steps * inv_t, axis=1)
                fwd = np.where(mask, fwd, NEG)
                fwd = np.logaddexp.accumulate(fwd - fc, axis=1) + fc
        best[:, r] = np.where(mask, row, NEG)
        back[:, r] = np.where(mask, arg, -1)
        if forward:
            alpha[:, r] = np.where(mask, fwd, NEG)  # type: ignore[index]
    return best, back, alpha


def _backward(plan: _Plan, scores: _RowScores, inv_t: float) -> np.ndarray:
    """beta[c, r, w]: log-sum of exp(score/T) over the paths from that cell to the stretch's end."""
    C, R, W = len(plan.chunk_ids), plan.rows, plan.width
    beta = np.full((C, R, W), NEG)
    moves, move_a, move_b = plan.moves, plan.move_a, plan.move_b
    ends = plan.end_cells()
    chunk_index = plan.chunk_ids[:, None, None]
    for r in range(R - 1, -1, -1):
        rows, active = plan.global_rows(r)
        mask = plan.cell_mask(rows, active)
        acc = np.full((C, W), NEG)
        at_end = active & (r == plan.length)
        acc[plan.chunk_ids[at_end], ends[at_end]] = 0.0
        local = r + move_a  # (M,)
        live = local[None, :] <= plan.length[:, None]  # (C, M)
        local_c = np.minimum(local, R - 1)
        next_rows = np.minimum(rows[:, None] + move_a[None, :], plan.band.n)
        cols = plan.lo[rows][:, None, None] + plan.offsets[None, None, :] + move_b[None, :, None]
        w_next = cols - plan.lo[next_rows][:, :, None]
        ok = live[:, :, None] & (w_next >= 0) & (w_next < plan.row_width[next_rows][:, :, None]) & mask[:, None, :]
        w_c = np.where(ok, w_next, 0)
        nxt_scores = scores.take(next_rows[:, :, None], moves[None, :, None], w_c)
        terms = np.where(ok & (nxt_scores > NEG / 2), beta[chunk_index, local_c[None, :, None], w_c] + nxt_scores * inv_t, NEG)
        top = terms.max(axis=1)
        summed = top + np.log(np.exp(terms - top[:, None, :]).sum(axis=1))
        acc = np.where(top > NEG / 2, np.logaddexp(acc, summed), acc)
        if plan.skip_type is not None and W > 1:
            # beta[w] = logaddexp(beta[w], skip[w+1]/T + beta[w+1]), scanned from the right
            skip = scores.take(rows[:, None], np.int64(plan.skip_type), plan.offsets[None, :])
            steps = np.where(mask, np.maximum(skip, _STEP_FLOOR), 0.0) * inv_t
            rev = np.where(mask, acc, NEG)[:, ::-1]
            rev_steps = np.concatenate([np.zeros((C, 1)), steps[:, :0:-1]], axis=1)
            c = np.cumsum(rev_steps, axis=1)
            acc = (np.logaddexp.accumulate(rev - c, axis=1) + c)[:, ::-1]
        beta[:, r] = np.where(mask, acc, NEG)
    return beta


def _backtrack(plan: _Plan, back: np.ndarray) -> list[tuple[tuple[int, int, int, int], int, int]]:
    path = []
    lo = plan.lo
    for c in plan.chunk_ids.tolist():
        i, j = int(plan.last_row[c]), int(plan.last_col[c])
        i0, j0 = int(plan.first_row[c]), int(plan.first_col[c])
        part = []
        while (i, j) != (i0, j0):
            t = int(back[c, i - i0, j - lo[i]])
            if t < 0:
                raise ValueError(f"broken back-pointer at ({i}, {j})")
            a, b = plan.types[t]
            part.append(((i - a, i, j - b, j), t, c))
            i, j = i - a, j - b
        path.extend(reversed(part))
    return path
