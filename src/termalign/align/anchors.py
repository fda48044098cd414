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

from collections.abc import Sequence
from itertools import pairwise

import numpy as np

from termalign.align.dp import Band, search
from termalign.align.scoring import AnchorScorer, LengthModel
from termalign.progress import NO_PROGRESS, Progress

ANCHOR_TYPES = [(0, 1), (1, 0), (1, 1), (1, 2), (2, 1)]
FULL_CELLS = 2_000_000  # a lattice this small is searched whole
LEVEL_HALF_WIDTH = 6  # band half width at each refinement level (in that level's units)
STRETCH_ROWS = 100  # rows between the anchors that split a long search into stretches
MAX_FINE_ROWS = 8000  # levels with more rows are projected from the level above, not searched


def coarsen(vectors: np.ndarray, lengths: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Halve a side: neighbouring pairs averaged (a last odd sentence stays alone)."""
    n = len(vectors)
    pairs = n // 2
    head = vectors[: 2 * pairs].reshape(pairs, 2, -1).sum(1)
    lens = lengths[: 2 * pairs].reshape(pairs, 2).sum(1)
    if n % 2:
        head = np.concatenate([head, vectors[-1:]])
        lens = np.concatenate([lens, lengths[-1:]])
    norms = np.linalg.norm(head, axis=1, keepdims=True)
    return np.where(norms > 1e-6, head / np.maximum(norms, 1e-6), 0.0).astype(np.float32), lens


def project(path: list[tuple[int, int]], n: int, m: int, coarse_n: int, coarse_m: int) -> list[tuple[int, int]]:
    """Carry a coarse path to the finer level: coarse cell (I, J) ↦ (≈2I, ≈2J), with every
    fine row visited (linear interpolation between projected cells)."""
    cells = np.asarray(path, dtype=np.float64)
    rows = np.minimum(np.rint(cells[:, 0] * n / max(coarse_n, 1)), n)
    cols = np.minimum(np.rint(cells[:, 1] * m / max(coarse_m, 1)), m)
    # the column at every fine row: interpolated along the path (np.interp needs rising rows,
    # so a run of cells in one row keeps its last column there; the band covers the run)
    keep = np.concatenate([rows[1:] != rows[:-1], [True]])
    every_row = np.arange(n + 1)
    at_row = np.rint(np.interp(every_row, rows[keep], cols[keep])).astype(np.int64)
    out = list(zip(every_row.tolist(), at_row.tolist()))
    # cells of horizontal runs (0-1 beads of the coarse path) keep their first column too
    firsts = np.concatenate([[True], rows[1:] != rows[:-1]])
    out.extend(zip(rows[firsts].astype(np.int64).tolist(), cols[firsts].astype(np.int64).tolist()))
    out.sort()
    if out[-1] != (n, m):
        out.append((n, m))
    return out


def anchor_path(
    src_vecs: np.ndarray,
    tgt_vecs: np.ndarray,
    src_len: np.ndarray,
    tgt_len: np.ndarray,
    length: LengthModel,
    *,
    progress: Progress = NO_PROGRESS,
    level: int = 0,
    finest_rows: int = MAX_FINE_ROWS,
) -> tuple[list[tuple[int, int]], int]:
    """A monotone path of cells from (0, 0) to (n, m) (the ends of its beads), and how many
    sentences it may be off by: levels with more than `finest_rows` rows are not searched
    but projected from the level above (the second pass, searching a wider band, is the
    finer level)."""
    n, m = len(src_vecs), len(tgt_vecs)
    if (n + 1) * (m + 1) <= FULL_CELLS:
        return _solve(src_vecs, tgt_vecs, src_len, tgt_len, Band.full(n, m), None, length, progress), 0
    cs, cl = coarsen(src_vecs, src_len)
    ts, tl = coarsen(tgt_vecs, tgt_len)
    coarse, slack = anchor_path(cs, ts, cl, tl, length, progress=progress, level=level + 1, finest_rows=finest_rows)
    projected = project(coarse, n, m, len(cs), len(ts))
    if n > finest_rows:
        return projected, 2 * slack + 2
    band = Band.around(projected, n, m, LEVEL_HALF_WIDTH + slack)
    # stretches of this level start where the coarser level's were furthest from
    offset = STRETCH_ROWS // 2 if level % 2 else 0
    anchors = [cell for cell in projected if cell[0] % STRETCH_ROWS == offset and 0 < cell[0] < n]
    return _solve(src_vecs, tgt_vecs, src_len, tgt_len, band, _first_per_row(anchors), length, progress), 0


def stretch_anchors(beads: Sequence[tuple[int, int, int, int]], *, every: int = STRETCH_ROWS, offset: int = STRETCH_ROWS // 2) -> list[tuple[int, int]]:
    """Cells between two 1-1 beads of a path, one about every `every` rows (from row
    `offset`): where a path is most likely right, and where splitting the search costs least."""
    anchors: list[tuple[int, int]] = []
    target = offset
    for left, right in pairwise(beads):
        i0, i1, j0, j1 = left
        one_to_one = (i1 - i0, j1 - j0) == (1, 1) and (right[1] - right[0], right[3] - right[2]) == (1, 1)
        if one_to_one and i1 >= target:
            anchors.append((i1, j1))
            target = i1 + every
    return anchors


def _first_per_row(cells: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for cell in cells:
        if not out or (cell[0] > out[-1][0] and cell[1] >= out[-1][1]):
            out.append(cell)
    return out


def _solve(src_vecs, tgt_vecs, src_len, tgt_len, band: Band, anchors, length: LengthModel, progress: Progress) -> list[tuple[int, int]]:
    scorer = AnchorScorer(src_vecs, tgt_vecs, src_len, tgt_len, ANCHOR_TYPES, band, length)
    result = search(ANCHOR_TYPES, band, scorer, temperature=None, anchors=anchors, progress=progress, description="anchoring")
    cells = [(0, 0)]
    for bead in result.beads:
        cells.append((bead.i1, bead.j1))
    return cells
