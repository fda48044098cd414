"""The first pass: a cheap path through the whole lattice, to put the band of the second pass around.

Small documents need none (the second pass searches the whole lattice). For long ones the
path is found coarse-to-fine, as in Vecalign: both sides are shrunk by averaging the vectors
of neighbouring sentences (and adding their lengths) until the lattice is small, aligned there
in full, and the path is carried back to finer levels, each searched only near the projected
path. Every level costs O(rows × band width), so the whole pass is near-linear.

The vectors are sentence embeddings in accurate mode and hashed bags of shared items
(numbers, Latin strings, dictionary units) in fast mode; lengths are used in both.
"""

from __future__ import annotations

import numpy as np

from termalign.align.dp import Band, search
from termalign.align.scoring import AnchorScorer, LengthModel
from termalign.progress import NO_PROGRESS, Progress

ANCHOR_TYPES = [(0, 1), (1, 0), (1, 1), (1, 2), (2, 1)]
FULL_CELLS = 3_000_000  # a lattice this small is searched whole
LEVEL_HALF_WIDTH = 6  # band half width at each refinement level (in that level's units)
MAX_FINE_ROWS = 6000  # stop refining above this many rows; the band is widened instead


def coarsen(vectors: np.ndarray, lengths: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Halve a side: neighbouring pairs averaged (a last odd sentence stays alone)."""
    n = len(vectors)
    pairs = n // 2
    head = vectors[: 2 * pairs].reshape(pairs, 2, -1).sum(1)
    lens = lengths[: 2 * pairs].reshape(pairs, 2).sum(1)
    if n % 2:
        head = np.concatenate([head, vectors[-1:]])
        lens = np.concatenate([lens, lengths[-1:]])
    norms = np.maximum(np.linalg.norm(head, axis=1, keepdims=True), 1e-9)
    return (head / norms).astype(np.float32), lens


def project(path: list[tuple[int, int]], n: int, m: int, coarse_n: int, coarse_m: int) -> list[tuple[int, int]]:
    """Carry a coarse path to the finer level: coarse cell (I, J) ↦ (≈2I, ≈2J), with every
    fine row visited (linear interpolation between projected cells)."""
    scale_i = n / max(coarse_n, 1)
    scale_j = m / max(coarse_m, 1)
    cells: list[tuple[int, int]] = []
    previous = (0, 0)
    for I, J in path:
        i, j = min(round(I * scale_i), n), min(round(J * scale_j), m)
        pi, pj = previous
        for r in range(pi, i + 1):
            frac = (r - pi) / (i - pi) if i > pi else 1.0
            cells.append((r, round(pj + frac * (j - pj))))
        if i == pi:
            cells.append((i, j))
        previous = (i, j)
    if previous != (n, m):
        cells.append((n, m))
    return cells


def anchor_path(
    src_vecs: np.ndarray,
    tgt_vecs: np.ndarray,
    src_len: np.ndarray,
    tgt_len: np.ndarray,
    length: LengthModel,
    *,
    cos_w: float = 1.0,
    progress: Progress = NO_PROGRESS,
) -> tuple[list[tuple[int, int]], int]:
    """A monotone path of cells from (0, 0) to (n, m), and how many sentences one of its
    steps may be off by (the band of the second pass must be at least that wide)."""
    n, m = len(src_vecs), len(tgt_vecs)
    if (n + 1) * (m + 1) <= FULL_CELLS:
        return _solve(src_vecs, tgt_vecs, src_len, tgt_len, Band.full(n, m), length, cos_w, progress), 0
    cs, cl = coarsen(src_vecs, src_len)
    ts, tl = coarsen(tgt_vecs, tgt_len)
    coarse, slack = anchor_path(cs, ts, cl, tl, length, cos_w=cos_w, progress=progress)
    projected = project(coarse, n, m, len(cs), len(ts))
    if n > MAX_FINE_ROWS and m > MAX_FINE_ROWS // 2:
        # refining this level would cost more than it saves: hand the projection on, wider
        return projected, 2 * slack + 2 * LEVEL_HALF_WIDTH
    band = Band.around(projected, n, m, LEVEL_HALF_WIDTH + 2 * slack)
    return _solve(src_vecs, tgt_vecs, src_len, tgt_len, band, length, cos_w, progress), 0


def _solve(src_vecs, tgt_vecs, src_len, tgt_len, band: Band, length: LengthModel, cos_w: float, progress: Progress) -> list[tuple[int, int]]:  # noqa: ANN001
    scorer = AnchorScorer(src_vecs, tgt_vecs, src_len, tgt_len, ANCHOR_TYPES, length, cos_w=cos_w)
    result = search(ANCHOR_TYPES, band, scorer, temperature=None, progress=progress, description="anchoring")
    cells = [(0, 0)]
    for bead in result.beads:
        cells.append((bead.i1, bead.j1))
    return cells
