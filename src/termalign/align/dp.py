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
from typing import Protocol

import numpy as np

from termalign.progress import NO_PROGRESS, Progress

NEG = -1e30  # "impossible": large enough to lose every comparison, small enough to add safely
_DROPPED = np.zeros(0)

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
        """Cells within `half_width` columns of a monotone path of cells (i, j) from (0,0) to (n,m)."""
        lo = np.full(n + 1, m + 1, dtype=np.int64)
        hi = np.zeros(n + 1, dtype=np.int64)
        cells = np.asarray(path, dtype=np.int64)
        rows, cols = cells[:, 0], cells[:, 1]
        np.minimum.at(lo, rows, cols)
        np.maximum.at(hi, rows, cols + 1)
        # widen, and make both edges non-decreasing so consecutive rows overlap
        lo = np.maximum(lo - half_width, 0)
        hi = np.minimum(hi + half_width, m + 1)
        for i in range(1, n + 1):  # rows a path skipped (never: paths visit every row) stay valid
            if lo[i] > m:
                lo[i], hi[i] = lo[i - 1], hi[i - 1]
        lo = np.minimum.accumulate(lo[::-1])[::-1]
        hi = np.maximum.accumulate(hi)
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
    progress: Progress = NO_PROGRESS,
    description: str = "aligning",
) -> SearchResult:
    """Best path through `band` and, unless `temperature` is None, each bead's posterior."""
    n, m = band.n, band.m
    k_types = len(types)
    type_a = np.array([a for a, _ in types], dtype=np.int64)
    type_b = np.array([b for _, b in types], dtype=np.int64)
    skip_column = next((t for t, (a, b) in enumerate(types) if a == 0 and b == 1), None)
    forward = temperature is not None
    # types grouped by how many source rows they reach back (0-1 handled apart)
    by_a: dict[int, np.ndarray] = {}
    for t, (a, b) in enumerate(types):
        if a >= 1:
            by_a.setdefault(a, []).append(t)  # type: ignore[arg-type]
    groups = [(a, np.array(ts, dtype=np.int64)) for a, ts in sorted(by_a.items())]
    reach = max(a for a, _ in types)

    best: list[np.ndarray] = []  # Viterbi scores per row
    back: list[np.ndarray] = []  # chosen type per cell (int8)
    alpha: list[np.ndarray] = []  # forward log-sums per row (scores / temperature)
    stored: list[np.ndarray] = []  # row scores, kept for the backward pass
    inv_t = 1.0 / temperature if forward else 1.0

    progress.start(description, n + 1)
    for i in range(n + 1):
        lo, hi = int(band.lo[i]), int(band.hi[i])
        width = hi - lo
        cols = np.arange(lo, hi)
        scores = np.asarray(scorer.row_scores(i, lo, hi), dtype=np.float64)
        if forward:
            stored.append(scores.astype(np.float32))
        row = np.full(width, NEG)
        arg = np.full(width, -1, dtype=np.int8)
        fwd = np.full(width, NEG) if forward else None
        if i == 0 and lo == 0:
            row[0] = 0.0
            if forward:
                fwd[0] = 0.0
        cand_all = np.full((k_types, width), NEG)
        fcand_all = np.full((k_types, width), NEG) if forward else None
        for a, ts in groups:
            r = i - a
            if r < 0:
                continue
            plo, phi = int(band.lo[r]), int(band.hi[r])
            src_cols = cols[None, :] - type_b[ts][:, None]  # (len(ts), width)
            ok = (src_cols >= plo) & (src_cols < phi)
            idx = np.where(ok, src_cols - plo, 0)
            prev = best[r][idx]
            cand_all[ts] = np.where(ok, prev + scores[ts], NEG)
            if forward:
                fcand_all[ts] = np.where(ok, alpha[r][idx] + scores[ts] * inv_t, NEG)
        if i > 0 or lo > 0:
            choice = np.argmax(cand_all, axis=0)
            value = cand_all[choice, np.arange(width)]
            better = value > row
            row = np.where(better, value, row)
            arg = np.where(better, choice, arg).astype(np.int8)
            if forward:
                top = np.max(fcand_all, axis=0)
                safe = np.where(top > NEG / 2, top, 0.0)
                summed = safe + np.log(np.sum(np.exp(fcand_all - safe), axis=0))
                fwd = np.where(top > NEG / 2, np.logaddexp(fwd, summed), fwd)
        if skip_column is not None and width > 1:
            row, arg = _skip_scan(row, arg, scores[skip_column], skip_column)
            if forward:
                fwd = _skip_scan_sum(fwd, scores[skip_column] * inv_t)
        best.append(row)
        back.append(arg)
        if forward:
            alpha.append(fwd)
        if i - reach >= 0 and i < n:
            best[i - reach] = _DROPPED  # rows further back than any bead reaches are not read again
        progress.advance()
    progress.finish()

    if not (band.lo[n] <= m < band.hi[n]) or best[n][m - band.lo[n]] <= NEG / 2:
        raise ValueError("no path through the band: it does not connect (0, 0) to (n, m)")
    path = _backtrack(types, band, back)
    total = float(best[n][m - band.lo[n]])
    if not forward:
        return SearchResult([PathBead(i0, i1, j0, j1, float("nan"), float("nan")) for (i0, i1, j0, j1), _t in path], total)
    beta = _backward(types, band, stored, inv_t, skip_column, groups)
    log_z = float(alpha[n][m - band.lo[n]])
    beads = []
    for (i0, i1, j0, j1), t in path:
        s = float(stored[i1][t, j1 - band.lo[i1]])
        a_prev = alpha[i0][j0 - band.lo[i0]]
        b_here = beta[i1][j1 - band.lo[i1]]
        posterior = float(np.exp(min(0.0, a_prev + s * inv_t + b_here - log_z)))
        beads.append(PathBead(i0, i1, j0, j1, s, posterior))
    return SearchResult(beads, total)


def _skip_scan(row: np.ndarray, arg: np.ndarray, skip: np.ndarray, skip_type: int) -> tuple[np.ndarray, np.ndarray]:
    """Close the row under 0-1 beads: row[j] = max(row[j], row[j-1] + skip[j])."""
    steps = np.where(skip > NEG / 2, skip, NEG)
    steps[0] = 0.0
    # a NEG step must break the chain: cumulative sums would otherwise recover from it
    if np.any(steps[1:] <= NEG / 2):
        return _skip_loop(row, arg, skip, skip_type)
    c = np.cumsum(steps)
    v = row - c
    run = np.maximum.accumulate(v)
    closed = run + c
    via = closed > row + 1e-9
    return np.where(via, closed, row), np.where(via, np.int8(skip_type), arg).astype(np.int8)


def _skip_loop(row: np.ndarray, arg: np.ndarray, skip: np.ndarray, skip_type: int) -> tuple[np.ndarray, np.ndarray]:
    row = row.copy()
    arg = arg.copy()
    for j in range(1, len(row)):
        if skip[j] > NEG / 2 and row[j - 1] + skip[j] > row[j] + 1e-9:
            row[j] = row[j - 1] + skip[j]
            arg[j] = skip_type
    return row, arg


def _skip_scan_sum(fwd: np.ndarray, skip: np.ndarray) -> np.ndarray:
    """Forward sums under 0-1 beads: f[j] = logaddexp(f[j], f[j-1] + skip[j])."""
    if np.any(skip[1:] <= NEG / 2):
        out = fwd.copy()
        for j in range(1, len(out)):
            if skip[j] > NEG / 2:
                out[j] = np.logaddexp(out[j], out[j - 1] + skip[j])
        return out
    steps = skip.copy()
    steps[0] = 0.0
    c = np.cumsum(steps)
    return np.logaddexp.accumulate(fwd - c) + c


def _backtrack(types: Sequence[BeadType], band: Band, back: list[np.ndarray]) -> list[tuple[tuple[int, int, int, int], int]]:
    i, j = band.n, band.m
    path = []
    while i > 0 or j > 0:
        t = int(back[i][j - band.lo[i]])
        if t < 0:
            raise ValueError(f"broken back-pointer at ({i}, {j})")
        a, b = types[t]
        path.append(((i - a, i, j - b, j), t))
        i, j = i - a, j - b
    path.reverse()
    return path


def _backward(
    types: Sequence[BeadType],
    band: Band,
    stored: list[np.ndarray],
    inv_t: float,
    skip_column: int | None,
    groups: list[tuple[int, np.ndarray]],
) -> list[np.ndarray]:
    """beta[i][j]: log-sum of exp(score/T) over all paths from (i, j) to (n, m)."""
    n, m = band.n, band.m
    type_b = np.array([b for _, b in types], dtype=np.int64)
    beta: list[np.ndarray | None] = [None] * (n + 1)
    for i in range(n, -1, -1):
        lo, hi = int(band.lo[i]), int(band.hi[i])
        width = hi - lo
        cols = np.arange(lo, hi)
        acc = np.full(width, NEG)
        if i == n and lo <= m < hi:
            acc[m - lo] = 0.0
        terms = []
        for a, ts in groups:
            r = i + a
            if r > n:
                continue
            nlo, nhi = int(band.lo[r]), int(band.hi[r])
            dst = cols[None, :] + type_b[ts][:, None]
            ok = (dst >= nlo) & (dst < nhi)
            idx = np.where(ok, dst - nlo, 0)
            nxt = beta[r][idx] + stored[r][ts[:, None], idx] * inv_t  # type: ignore[index]
            terms.append(np.where(ok, nxt, NEG))
        if terms:
            stack = np.concatenate(terms, axis=0)
            top = np.max(stack, axis=0)
            safe = np.where(top > NEG / 2, top, 0.0)
            summed = safe + np.log(np.sum(np.exp(stack - safe), axis=0))
            acc = np.where(top > NEG / 2, np.logaddexp(acc, summed), acc)
        if skip_column is not None and width > 1:
            # beta[j] = logaddexp(beta[j], skip[j+1] + beta[j+1]), from the right
            step = stored[i][skip_column].astype(np.float64) * inv_t
            acc = _skip_scan_sum(acc[::-1], np.concatenate([[0.0], step[:0:-1]]))[::-1]
        beta[i] = acc
    return beta  # type: ignore[return-value]
