"""The bead search: exact against brute force on small lattices, and its invariants."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from termalign.align.dp import NEG, Band, bead_types, search


class TableScorer:
    """Random but fixed bead scores, looked up per (i, j, type)."""

    def __init__(self, n: int, m: int, types, seed: int) -> None:
        rng = np.random.default_rng(seed)
        self.types = types
        self.table = rng.normal(size=(n + 1, len(types), m + 1))
        for t, (a, b) in enumerate(types):
            self.table[:a, t, :] = NEG
            self.table[:, t, :b] = NEG

    def row_scores(self, i: int, lo: int, hi: int) -> np.ndarray:
        return self.table[i, :, lo:hi]


def all_paths(i: int, j: int, types):
    if i == 0 and j == 0:
        yield []
        return
    for t, (a, b) in enumerate(types):
        if i - a >= 0 and j - b >= 0:
            for path in all_paths(i - a, j - b, types):
                yield [*path, (i - a, i, j - b, j, t)]


def path_score(path, scorer: TableScorer) -> float:
    return sum(scorer.table[i1, t, j1] for _i0, i1, _j0, j1, t in path)


def test_bead_types_cover_the_sizes_asked_for():
    types = bead_types(4)
    assert types[:2] == [(0, 1), (1, 0)]
    assert {(1, 1), (1, 2), (2, 1), (2, 2), (1, 3), (3, 1), (1, 4), (4, 1), (2, 3), (3, 2)} == set(types[2:])
    assert (2, 4) not in types and (5, 1) not in types
    assert bead_types(1) == [(0, 1), (1, 0), (1, 1)]
    with pytest.raises(ValueError):
        bead_types(0)


@pytest.mark.parametrize("seed", range(6))
def test_best_path_and_posteriors_match_brute_force(seed):
    types = bead_types(3)
    n, m = 4, 5
    scorer = TableScorer(n, m, types, seed)
    temperature = 0.8
    paths = list(all_paths(n, m, types))
    scores = np.array([path_score(p, scorer) for p in paths])
    best = paths[int(np.argmax(scores))]
    log_z = np.logaddexp.reduce(scores / temperature)

    result = search(types, Band.full(n, m), scorer, temperature=temperature)

    assert result.total == pytest.approx(scores.max())
    assert [(b.i0, b.i1, b.j0, b.j1) for b in result.beads] == [p[:4] for p in best]
    for bead in result.beads:
        key = (bead.i0, bead.i1, bead.j0, bead.j1)
        holding = [s for p, s in zip(paths, scores) if any(step[:4] == key for step in p)]
        expected = np.exp(np.logaddexp.reduce(np.array(holding) / temperature) - log_z)
        assert bead.posterior == pytest.approx(expected, rel=1e-6)


@settings(max_examples=40, deadline=None)
@given(
    n=st.integers(0, 12),
    m=st.integers(0, 12),
    max_size=st.integers(1, 4),
    seed=st.integers(0, 10_000),
)
def test_beads_cover_every_sentence_once_in_order(n, m, max_size, seed):
    if n == 0 and m == 0:
        return
    types = bead_types(max_size)
    result = search(types, Band.full(n, m), TableScorer(n, m, types, seed), temperature=1.0)
    src = [i for b in result.beads for i in range(b.i0, b.i1)]
    tgt = [j for b in result.beads for j in range(b.j0, b.j1)]
    assert src == list(range(n))
    assert tgt == list(range(m))
    for bead in result.beads:
        assert (bead.i1 - bead.i0, bead.j1 - bead.j0) in types
        assert 0.0 <= bead.posterior <= 1.0


@settings(max_examples=25, deadline=None)
@given(n=st.integers(5, 40), m=st.integers(5, 40), seed=st.integers(0, 10_000), half=st.integers(2, 6))
def test_banded_search_stays_in_its_band_and_agrees_with_full_search_inside_it(n, m, seed, half):
    types = bead_types(2)
    scorer = TableScorer(n, m, types, seed)
    diagonal = [(i, round(i * m / n)) for i in range(n + 1)]
    band = Band.around(diagonal, n, m, half)
    result = search(types, band, scorer, temperature=None)
    for bead in result.beads:
        assert band.lo[bead.i1] <= bead.j1 < band.hi[bead.i1]
    # scores outside the band made impossible: the full search then finds the same path
    masked = TableScorer(n, m, types, seed)
    for i in range(n + 1):
        masked.table[i, :, : band.lo[i]] = NEG
        masked.table[i, :, band.hi[i] :] = NEG
    full = search(types, Band.full(n, m), masked, temperature=None)
    assert full.total == pytest.approx(result.total)


def test_a_band_that_does_not_reach_the_corner_is_an_error():
    types = bead_types(1)
    band = Band(np.zeros(4, dtype=np.int64), np.full(4, 2, dtype=np.int64), 3, 5)
    with pytest.raises(ValueError, match="no path"):
        search(types, band, TableScorer(3, 5, types, 0))


def test_null_beads_win_when_nothing_matches():
    types = bead_types(2)
    n, m = 3, 2
    scorer = TableScorer(n, m, types, 0)
    scorer.table[:] = np.where(scorer.table > NEG / 2, -5.0, NEG)
    for t, (a, b) in enumerate(types):
        if a == 0 or b == 0:
            scorer.table[:, t, :] = np.where(scorer.table[:, t, :] > NEG / 2, -0.1, NEG)
    result = search(types, Band.full(n, m), scorer)
    assert all((b.i1 - b.i0) + (b.j1 - b.j0) == 1 for b in result.beads)
    assert len(result.beads) == n + m

