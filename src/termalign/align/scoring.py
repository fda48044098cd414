"""Bead scores: every piece of evidence as its own term, added up in one place.

The score of a bead (source sentences S, target sentences T, sizes a and b) is

    g·(cos(S, T) − β)                          sentence embeddings of the real concatenated text
  + piece_w·(a+b−1)·min(piece − piece_t, 0)    every sentence of the bead must resemble the
                                               other side (the weakest one counts)
  + length_w·log P(length | Gale–Church)       target/source character ratio from the data
  + selflex_w·g·(selflex − selflex_0)         word pairs learned from this document's first pass
  + dict_w·g·(dict − dict_0)                   CC-CEDICT: share of English words found translated
  + numbers_w·matched − numbers_miss·missing   numbers equal across languages (88.7万 = 887,000)
  + latin_w·shared + names_w·shared            5G, C919 …; names in pinyin (陈清扬 = Chen Qingyang)
  + punct_w·agreement                          both end with a question / exclamation / quote
  − quote_w·[quotations left open differ]      opened − closed quotation marks, on each side
  + opening_w·agreement                        both open a quotation (fast mode only)
  + paragraph_w·agreement − paragraph_cross    bead ends where paragraphs end, on both sides
  − role_w·[roles differ]                      transcripts: host / official / journalist turns
  − turn_w·[turns not paired]                  transcripts: turns the turn programme kept apart
  − size_1·[max(a,b) > 1] − size_2·[min(a,b) > 1]
with g = ((a + b) / 2)^γ. Null beads (1-0, 0-1) score `skip` − skip_len·(relative length).
A bead never holds sentences of two speaker turns of one side (hard).

`BlockScorer` computes these for blocks of band rows at once (numpy over the band cells of the
rows; only the pair counts are prepared over the rectangle around them) and hands them row by
row to the search in `align.dp`. The weights were
tuned on mac-dev (`tools/bench/bench_align_macdev.py --tune`, coordinate search on strict
F1; the ablation there shows what each term is worth); the number, Latin, paragraph, role and
turn terms, which mac-dev (novels, no numbers to speak of, no paragraphs) cannot inform, were
set by hand and checked on the bundled SCIO transcript.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, fields, replace

import numpy as np

from termalign.align.dp import NEG, Band, BeadType
from termalign.align.evidence import PairCounts, SideEvidence
from termalign.align.quotes import quote_balance

# the terms an ablation can switch off, and the weights each one owns
COMPONENTS: dict[str, tuple[str, ...]] = {
    "embeddings": ("cos_w", "piece_w"),
    "length": ("length_w",),
    "selflex": ("selflex_w",),
    "dictionary": ("dict_w",),
    "numbers": ("numbers_w", "numbers_miss"),
    "latin": ("latin_w",),
    "names": ("names_w",),
    "punctuation": ("punct_w", "opening_w"),
    "quotes": ("quote_w",),
    "paragraphs": ("paragraph_w", "paragraph_cross"),
    "roles": ("role_w", "turn_w"),
}


@dataclass(frozen=True, slots=True)
class Weights:
    skip: float = -0.2
    cos_w: float = 1.0
    beta: float = 0.1
    gamma: float = 0.25
    piece_w: float = 0.1
    piece_t: float = 0.4
    length_w: float = 0.01
    length_var: float = 4.0  # Gale–Church variance per source character (s²)
    selflex_w: float = 0.2
    selflex_0: float = 0.2
    dict_w: float = 0.0
    dict_0: float = 0.2
    numbers_w: float = 0.15
    numbers_miss: float = 0.1
    latin_w: float = 0.15
    names_w: float = 0.1
    punct_w: float = 0.1
    opening_w: float = 0.0  # both beads open a quotation (a new utterance)
    skip_len: float = 0.0  # a long sentence is rarely left untranslated
    paragraph_w: float = 0.15
    paragraph_cross: float = 0.3
    role_w: float = 0.4  # transcripts: a host's words are not an official's, nor a journalist's
    turn_w: float = 1.0  # transcripts: a bead joining turns the turn programme did not pair
    size_1: float = 0.05
    size_2: float = 0.1
    quote_w: float = 0.07  # the bead leaves a quotation open on one side only (align.quotes)

    def without(self, component: str) -> Weights:
        """These weights with one evidence component switched off (for ablations)."""
        names = COMPONENTS[component]
        return replace(self, **{name: 0.0 for name in names})

    def with_values(self, **values: float) -> Weights:
        return replace(self, **values)

    def as_dict(self) -> dict[str, float]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


# Fast mode: no sentence embeddings. Sentence vectors made of word vectors (align.wordvectors),
# lengths, numbers, the dictionary and the learned lexicon carry the decision. The free weights
# (cos_w, beta, skip, length_w, dict_w, selflex_w, size_1 = size_2 / 2) chosen by
# `tools/bench/bench_align_macdev.py --fast --tune`; the rest set by hand.
FAST_WEIGHTS = Weights(
    cos_w=0.75,
    piece_w=0.0,
    beta=0.0,
    skip=-0.4,
    skip_len=0.1,
    length_w=0.04,
    selflex_w=0.2,
    selflex_0=0.1,
    dict_w=0.3,
    dict_0=0.1,
    names_w=0.0,
    opening_w=0.05,
    quote_w=0.0,
    size_1=0.1,
    size_2=0.2,
)


@dataclass(slots=True)
class LengthModel:
    """Gale–Church: target length ≈ ratio × source length, variance ∝ source length."""

    ratio: float
    variance: float

    @classmethod
    def from_totals(cls, src: SideEvidence, tgt: SideEvidence, variance: float) -> LengthModel:
        total_src = float(src.lengths.sum()) or 1.0
        total_tgt = float(tgt.lengths.sum()) or 1.0
        return cls(total_tgt / total_src, variance)

    @classmethod
    def from_beads(
        cls, src: SideEvidence, tgt: SideEvidence, beads: Sequence[tuple[int, int, int, int]], fallback: LengthModel
    ) -> LengthModel:
        """Ratio re-estimated from (confident) non-null beads; the variance kept, since the
        score weights were tuned with it (the ratio is what varies between documents)."""
        ls = np.array([src.lengths[i0:i1].sum() for i0, i1, j0, j1 in beads if i1 > i0 and j1 > j0])
        lt = np.array([tgt.lengths[j0:j1].sum() for i0, i1, j0, j1 in beads if i1 > i0 and j1 > j0])
        if len(ls) < 10:
            return fallback
        return cls(float(lt.sum() / ls.sum()), fallback.variance)

    def log_tail(self, src_len: np.ndarray, tgt_len: np.ndarray) -> np.ndarray:
        """log P(|δ| ≥ observed) of the standardised length difference (two-sided)."""
        delta = np.abs(tgt_len - self.ratio * src_len) / np.sqrt(self.variance * self.ratio * np.maximum(src_len, 1.0))
        return log_erfc(delta / math.sqrt(2.0))


def log_erfc(x: np.ndarray) -> np.ndarray:
    """log erfc(x) for x ≥ 0, stable for large x (Abramowitz & Stegun 7.1.26, error < 1.5e-7)."""
    t = 1.0 / (1.0 + 0.3275911 * x)
    poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))))
    return np.log(poly) - x * x


@dataclass(slots=True)
class PairEvidence:
    """Shared-item counts of sentence pairs near the band, by family."""

    numbers: PairCounts
    latin: PairCounts
    names: PairCounts
    words: PairCounts  # dictionary units of the English side found in the Chinese side
    selflex: PairCounts  # learned pairs of the English side found in the Chinese side
    units_side: str = "tgt"  # which side `words`/`selflex` count units on ("src" or "tgt")
    selflex_units: np.ndarray | None = None  # learned-pair words per unit-side sentence


class _BlockRows:
    """Hands the search one band row at a time from blocks of rows computed together.

    A block's scores are laid out by band offset: row i, offset w ↦ column band.lo[i] + w."""

    band: Band
    types: list[BeadType]
    n: int
    block_cells: int
    _block: tuple[int, int, np.ndarray] | None

    def row_scores(self, i: int, lo: int, hi: int) -> np.ndarray:
        if self._block is None or not (self._block[0] <= i < self._block[1]):
            self._compute_block(i)
        r0, _r1, scores = self._block  # type: ignore[misc]
        start = int(self.band.lo[i])
        return scores[i - r0, :, lo - start : hi - start]

    def _compute_block(self, r0: int) -> None:
        """Rows r0 … r1-1 and the rectangle of columns they span: as many rows as keep the
        rectangle small, and not much wider than the band (a diagonal band's rectangle is
        mostly cells outside it)."""
        band = self.band
        r1 = r0 + 1
        c0, c1 = int(band.lo[r0]), int(band.hi[r0])
        widest = c1 - c0
        while r1 <= self.n:
            lo, hi = min(c0, int(band.lo[r1])), max(c1, int(band.hi[r1]))
            widest = max(widest, int(band.hi[r1] - band.lo[r1]))
            if (r1 + 1 - r0) * (hi - lo) * len(self.types) > self.block_cells or hi - lo > 3 * widest + 32:
                break
            c0, c1 = lo, hi
            r1 += 1
        self._block = (r0, r1, self.block(r0, r1, c0, c1))

    def block(self, r0: int, r1: int, c0: int, c1: int) -> np.ndarray:
        """Scores (rows r1-r0, types, widest band row) of the band cells of rows r0 … r1-1,
        whose columns lie in [c0, c1)."""
        raise NotImplementedError

    def band_cells(self, r0: int, r1: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Rows (r1-r0, 1), their band columns (r1-r0, widest) and which of these are inside the
        band (narrower rows are padded with their first column, whose score is never read)."""
        rows = np.arange(r0, r1)
        lo, hi = self.band.lo[rows], self.band.hi[rows]
        cols = lo[:, None] + np.arange(int((hi - lo).max()))[None, :]
        inside = cols < hi[:, None]
        return rows[:, None], np.where(inside, cols, lo[:, None]), inside


class BlockScorer(_BlockRows):
    """Scores of every bead type for the band cells, computed a block of rows at a time."""

    def __init__(
        self,
        src: SideEvidence,
        tgt: SideEvidence,
        types: Sequence[BeadType],
        band: Band,
        weights: Weights,
        length: LengthModel,
        pairs: PairEvidence,
        src_vecs: dict[int, np.ndarray] | None = None,
        tgt_vecs: dict[int, np.ndarray] | None = None,
        src_paragraph_ends: np.ndarray | None = None,
        tgt_paragraph_ends: np.ndarray | None = None,
        block_cells: int = 400_000,
        cos_cache: dict | None = None,
        src_turn_ends: np.ndarray | None = None,
        tgt_turn_ends: np.ndarray | None = None,
        src_roles: np.ndarray | None = None,
        tgt_roles: np.ndarray | None = None,
        turn_pairs: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None,
    ) -> None:
        self.src, self.tgt = src, tgt
        self.n, self.m = len(src), len(tgt)
        self.types = list(types)
        self.band = band
        self.w = weights
        self.length = length
        self.pairs = pairs
        self.src_vecs, self.tgt_vecs = src_vecs, tgt_vecs
        self.k = max(max(a, b) for a, b in self.types)
        self.src_cum = np.concatenate([[0.0], np.cumsum(src.lengths)])
        self.tgt_cum = np.concatenate([[0.0], np.cumsum(tgt.lengths)])
        self.src_mean = float(src.lengths.mean()) if self.n else 1.0
        self.tgt_mean = float(tgt.lengths.mean()) if self.m else 1.0
        self.src_strong = np.concatenate([[0.0], np.cumsum(src.strong_numbers)]) if len(src.strong_numbers) else None
        self.tgt_strong = np.concatenate([[0.0], np.cumsum(tgt.strong_numbers)]) if len(tgt.strong_numbers) else None
        self.src_quotes = _quote_sums(src, weights.quote_w)
        self.tgt_quotes = _quote_sums(tgt, weights.quote_w)
        self.src_par = _paragraph_flags(src_paragraph_ends, self.n)
        self.tgt_par = _paragraph_flags(tgt_paragraph_ends, self.m)
        self.block_cells = block_cells
        # a bead never holds sentences of two speaker turns of one side (hard)
        self.src_turns = _paragraph_flags(src_turn_ends, self.n)
        self.tgt_turns = _paragraph_flags(tgt_turn_ends, self.m)
        self.src_roles, self.tgt_roles = src_roles, tgt_roles  # role codes per sentence, 0 = unknown
        self.turn_pairs = turn_pairs  # (source turn per sentence, target turn per sentence, paired)
        # cosine tables do not depend on the weights: passes over the same band share them
        self.cos_cache = cos_cache
        self._block = None  # (r0, r1, scores) of the rows last computed

    # -- the scores of a rectangle of cells ----------------------------------------------------
    def block(self, r0: int, r1: int, c0: int, c1: int) -> np.ndarray:
        """Scores of the band cells of rows r0 … r1-1 (laid out as `_BlockRows.block` says).

        Every term is evaluated at band cells only (rows as a column, their band columns as a
        row each, so row and column terms broadcast): a diagonal band's rectangle is mostly
        cells outside it. Only the pair counts and cosines, which every bead type reads, are
        prepared over the rectangle with k halo rows and columns (the sentences a bead ending
        in the block may hold)."""
        k = self.k
        w = self.w
        rect_rows, rect_cols = np.arange(r0 - k, r1), np.arange(c0 - k, c1)
        rows, cols, inside = self.band_cells(r0, r1)
        at = (rows - (r0 - k), cols - (c0 - k))  # the band cells' places in the rectangle
        out = np.full((r1 - r0, len(self.types), cols.shape[1]), NEG, dtype=np.float64)

        cos = None
        if self.src_vecs is not None and (w.cos_w or w.piece_w):
            key = (r0, r1, c0, c1)
            if self.cos_cache is not None and key in self.cos_cache:
                cos = self.cos_cache[key]
            else:
                cos = self._cosines(rect_rows, rect_cols)
                if self.cos_cache is not None:
                    self.cos_cache[key] = cos
        dense = self._dense_pairs(rect_rows, rect_cols)
        common = self._boundary_terms(rows, cols)  # punctuation and paragraph ends

        for t, (a, b) in enumerate(self.types):
            valid = inside & (rows - a >= 0) & (rows <= self.n) & (cols - b >= 0) & (cols <= self.m)
            if a == 0 or b == 0:
                score = np.full(cols.shape, w.skip)
                if w.skip_len:
                    if a:
                        score = score - w.skip_len * np.minimum(self._span_lengths(self.src_cum, rows, 1) / self.src_mean, 3.0)
                    else:
                        score = score - w.skip_len * np.minimum(self._span_lengths(self.tgt_cum, cols, 1) / self.tgt_mean, 3.0)
                score = score - self._quote_mismatch(rows, cols, a, b)  # an untranslated sentence opens no quotation
                out[:, t, :] = np.where(valid, score, NEG)
                continue
            g = ((a + b) / 2.0) ** w.gamma
            score = np.zeros(cols.shape)
            if cos is not None:
                c = cos[(a, b)][at]
                score += w.cos_w * g * (c - w.beta)
                if w.piece_w:
                    piece = _piece_min(cos, a, b, *at)
                    score += w.piece_w * (a + b - 1) * np.minimum(piece - w.piece_t, 0.0)
            if w.length_w:
                ls = self._span_lengths(self.src_cum, rows, a)
                lt = self._span_lengths(self.tgt_cum, cols, b)
                score += w.length_w * self.length.log_tail(ls, lt)
            score += self._pair_terms(dense, rows, cols, (rect_rows, rect_cols), at, a, b, g)
            score -= self._quote_mismatch(rows, cols, a, b)
            score += common
            if w.opening_w and self.n and self.m:
                fs = self.src.starts_quote[np.clip(rows - a, 0, self.n - 1)].astype(np.float64)
                ft = self.tgt.starts_quote[np.clip(cols - b, 0, self.m - 1)].astype(np.float64)
                score += w.opening_w * (3 * fs * ft - fs - ft)
            score -= w.size_1 * (max(a, b) > 1) + w.size_2 * (min(a, b) > 1)
            if self.src_par is not None and w.paragraph_cross:
                score -= w.paragraph_cross * _crossings(self.src_par, rows, a)
            if self.tgt_par is not None and w.paragraph_cross:
                score -= w.paragraph_cross * _crossings(self.tgt_par, cols, b)
            if self.src_turns is not None:
                valid &= _crossings(self.src_turns, rows, a) == 0
            if self.tgt_turns is not None:
                valid &= _crossings(self.tgt_turns, cols, b) == 0
            out[:, t, :] = np.where(valid, score, NEG)
        return out

    def _cosines(self, rows: np.ndarray, cols: np.ndarray) -> dict[BeadType, np.ndarray]:
        """cos of the span of a source sentences ending at row i with b target sentences ending at j."""
        assert self.src_vecs is not None and self.tgt_vecs is not None
        sizes_a = sorted({a for a, b in self.types if a and b} | {1})
        sizes_b = sorted({b for a, b in self.types if a and b} | {1})
        src_side = {a: _span_rows(self.src_vecs[a], rows, a) for a in sizes_a}
        tgt_side = {b: _span_rows(self.tgt_vecs[b], cols, b) for b in sizes_b}
        cos: dict[BeadType, np.ndarray] = {}
        needed = {(a, b) for a, b in self.types if a and b} | {(a, 1) for a in sizes_a} | {(1, b) for b in sizes_b}
        for a, b in needed:
            cos[(a, b)] = (src_side[a] @ tgt_side[b].T).astype(np.float64)
        return cos

    def _quote_mismatch(self, rows: np.ndarray, cols: np.ndarray, a: int, b: int) -> np.ndarray | float:
        """quote_w where the two sides of the bead leave different numbers of quotations open."""
        if self.src_quotes is None or self.tgt_quotes is None:
            return 0.0
        src = self._span_lengths(self.src_quotes, rows, a) if a else np.zeros(rows.shape)
        tgt = self._span_lengths(self.tgt_quotes, cols, b) if b else np.zeros(cols.shape)
        return self.w.quote_w * (src != tgt)

    def _span_lengths(self, cum: np.ndarray, ends: np.ndarray, size: int) -> np.ndarray:
        top = len(cum) - 1
        e = np.minimum(np.maximum(ends, 0), top)
        s = np.minimum(np.maximum(ends - size, 0), top)
        return cum[e] - cum[s]

    def _dense_pairs(self, rows: np.ndarray, cols: np.ndarray) -> dict[str, np.ndarray | None]:
        """Pair counts as dense (H, W) arrays: entry [I, J] is the pair (rows[I]-1, cols[J]-1);
        None when no pair of the block shares an item of that family."""
        out: dict[str, np.ndarray | None] = {}
        for name in ("numbers", "latin", "names", "words", "selflex"):
            counts: PairCounts = getattr(self.pairs, name)
            dense = _densify(counts, rows, cols)
            out[name] = dense if dense.any() else None
        for name in ("numbers", "latin", "names"):  # 2-D prefix sums, shared by every bead type
            dense = out[name]
            out[name + "_ps"] = _prefix_sums(dense) if dense is not None else None
        return out

    def _pair_terms(
        self,
        dense: dict[str, np.ndarray | None],
        rows: np.ndarray,
        cols: np.ndarray,
        rect: tuple[np.ndarray, np.ndarray],
        at: tuple[np.ndarray, np.ndarray],
        a: int,
        b: int,
        g: float,
    ) -> np.ndarray:
        """Shared-item terms at the band cells (rows, cols), whose places in the rectangle `rect`
        (its rows and columns) that `dense` covers are `at`."""
        w = self.w
        total = np.zeros(cols.shape)
        if w.numbers_w or w.numbers_miss:
            matched = _rect_at(dense["numbers_ps"], a, b, *at) if dense["numbers_ps"] is not None else 0.0
            total += w.numbers_w * np.minimum(matched, 4.0)
            if w.numbers_miss and self.src_strong is not None and self.tgt_strong is not None:
                strong = self._span_lengths(self.src_strong, rows, a) + self._span_lengths(self.tgt_strong, cols, b)
                total -= w.numbers_miss * np.minimum(np.maximum(strong - 2.0 * matched, 0.0), 4.0)
        if w.latin_w and dense["latin_ps"] is not None:
            total += w.latin_w * np.minimum(_rect_at(dense["latin_ps"], a, b, *at), 3.0)
        if w.names_w and dense["names_ps"] is not None:
            total += w.names_w * np.minimum(_rect_at(dense["names_ps"], a, b, *at), 2.0)
        units_src = self.pairs.units_side == "src"
        if w.dict_w:
            caps = self.src.word_counts if units_src else self.tgt.word_counts
            share = self._share(dense, "words", caps, rect, at, a, b, units_src)
            total += w.dict_w * g * (share - w.dict_0)
        if w.selflex_w and self.pairs.selflex_units is not None:
            share = self._share(dense, "selflex", self.pairs.selflex_units, rect, at, a, b, units_src)
            total += w.selflex_w * g * (share - w.selflex_0)
        return total

    def _share(
        self,
        dense: dict[str, np.ndarray | None],
        name: str,
        caps: np.ndarray,
        rect: tuple[np.ndarray, np.ndarray],
        at: tuple[np.ndarray, np.ndarray],
        a: int,
        b: int,
        units_src: bool,
    ) -> np.ndarray | float:
        """Share of the unit side's words found on the other side, Σ_u min(found_u, cap_u) / Σ_u cap_u,
        at the band cells; the capped counts, which depend on the other side's span size only,
        are kept in `dense` (as prefix sums) for the block's other bead types."""
        counts = dense[name]
        if counts is None:
            return 0.0  # no shared unit anywhere in the block
        rows, cols = rect
        inner = b if units_src else a
        key = f"{name}_found_{inner}"
        found = dense.get(key)
        if found is None:
            found = dense[key] = _outer_prefix(_capped_found(counts, caps, rows, cols, inner, units_src), units_src)
        return _share_at(found, caps, rows, cols, at, a if units_src else b, units_src)

    def _boundary_terms(self, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
        """Terms that depend only on the bead's last sentences: punctuation and paragraph ends."""
        w = self.w
        total = np.zeros(np.broadcast_shapes(rows.shape, cols.shape))
        si = np.clip(rows - 1, 0, max(self.n - 1, 0))
        tj = np.clip(cols - 1, 0, max(self.m - 1, 0))
        if w.punct_w and self.n and self.m:
            for flag_s, flag_t in (
                (self.src.ends_question, self.tgt.ends_question),
                (self.src.ends_exclamation, self.tgt.ends_exclamation),
                (self.src.ends_quote, self.tgt.ends_quote),
            ):
                fs = flag_s[si].astype(np.float64)
                ft = flag_t[tj].astype(np.float64)
                total += w.punct_w * (3 * fs * ft - fs - ft)  # +1 both, −1 one of them, 0 neither
        if w.role_w and self.src_roles is not None and self.tgt_roles is not None and self.n and self.m:
            rs = self.src_roles[si]
            rt = self.tgt_roles[tj]
            total -= w.role_w * ((rs != rt) & (rs > 0) & (rt > 0))
        if w.turn_w and self.turn_pairs is not None and self.n and self.m:
            src_turn, tgt_turn, paired = self.turn_pairs
            ts, tt = src_turn[si], tgt_turn[tj]
            known = (ts >= 0) & (tt >= 0)
            together = paired[np.maximum(ts, 0), np.maximum(tt, 0)]
            total -= w.turn_w * (known & ~together)
        if w.paragraph_w and self.src_par is not None and self.tgt_par is not None:
            ps = self.src_par[si]
            pt = self.tgt_par[tj]
            total += w.paragraph_w * (ps * pt - np.abs(ps - pt))
        return total


def _quote_sums(side: SideEvidence, weight: float) -> np.ndarray | None:
    """Prefix sums of the sentences' quotation balance (None when the term is off)."""
    if not weight:
        return None
    return np.concatenate([[0.0], np.cumsum(quote_balance(side.texts, side.lang))])


def _paragraph_flags(ends: np.ndarray | None, size: int) -> np.ndarray | None:
    if ends is None or not np.any(ends[: max(size - 1, 0)]):
        return None  # one paragraph (pre-split files, novels): no paragraph evidence
    return ends.astype(np.float64)


def _span_rows(vectors: np.ndarray, ends: np.ndarray, size: int) -> np.ndarray:
    """Rows of a span-vector table for spans of `size` ending at each lattice position (zeros when invalid)."""
    starts = ends - size
    ok = (starts >= 0) & (starts < len(vectors))
    if not len(vectors):
        return np.zeros((len(ends), vectors.shape[1]), np.float32)
    picked = vectors[np.clip(starts, 0, len(vectors) - 1)]
    return np.where(ok[:, None], picked, 0.0).astype(np.float32)


def _piece_min(cos: dict[BeadType, np.ndarray], a: int, b: int, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
    """The weakest sentence of the bead against the other side's whole span, at the cells
    (rows, cols) of the cosine tables (at least a rows and b columns in: the halo)."""
    if a == 1 and b == 1:
        return cos[(1, 1)][rows, cols]
    result = None
    if b > 1:  # each target sentence j-1-db against the source span
        base = cos[(a, 1)]
        for db in range(b):
            shifted = base[rows, cols - db]
            result = shifted if result is None else np.minimum(result, shifted)
    if a > 1:
        base = cos[(1, b)]
        for da in range(a):
            shifted = base[rows - da, cols]
            result = shifted if result is None else np.minimum(result, shifted)
    return result  # type: ignore[return-value]


def _densify(counts: PairCounts, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
    """Dense (len(rows), len(cols)) array of the counts for pairs (rows[I]-1, cols[J]-1)."""
    dense = np.zeros((len(rows), len(cols)))
    if not len(counts.src):
        return dense
    s0, s1 = int(rows[0]) - 1, int(rows[-1]) - 1
    t0, t1 = int(cols[0]) - 1, int(cols[-1]) - 1
    first = np.searchsorted(counts.src, s0, side="left")
    last = np.searchsorted(counts.src, s1, side="right")
    s = counts.src[first:last]
    t = counts.tgt[first:last]
    c = counts.count[first:last]
    keep = (t >= t0) & (t <= t1)
    dense[s[keep] - s0, t[keep] - t0] = c[keep]
    return dense


def _prefix_sums(dense: np.ndarray) -> np.ndarray:
    ps = np.zeros((dense.shape[0] + 1, dense.shape[1] + 1))
    ps[1:, 1:] = dense.cumsum(0).cumsum(1)
    return ps


def _rect_from_prefix(ps: np.ndarray, a: int, b: int) -> np.ndarray:
    """Sum over the a × b pairs of a bead ending at each cell, from 2-D prefix sums."""
    H, W = ps.shape[0] - 1, ps.shape[1] - 1
    ia = np.clip(np.arange(1, H + 1) - a, 0, None)
    jb = np.clip(np.arange(1, W + 1) - b, 0, None)
    inner = ps[1:, 1:]
    return inner - ps[ia, 1:] - ps[1:, jb] + ps[ia][:, jb]


def _rect_at(ps: np.ndarray, a: int, b: int, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
    """`_rect_from_prefix` at the cells (rows, cols) only (the same sums, term by term)."""
    ia = np.maximum(rows + 1 - a, 0)
    jb = np.maximum(cols + 1 - b, 0)
    return ps[rows + 1, cols + 1] - ps[ia, cols + 1] - ps[rows + 1, jb] + ps[ia, jb]


def _rect_sum(dense: np.ndarray, a: int, b: int) -> np.ndarray:
    """Sum over the a × b pairs of a bead ending at each cell (2-D prefix sums)."""
    return _rect_from_prefix(_prefix_sums(dense), a, b)


def _window_sum(x: np.ndarray, size: int, axis: int) -> np.ndarray:
    """Sum of the `size` entries ending at each position along `axis` (fewer at the start)."""
    c = np.cumsum(x, axis=axis)
    shifted = np.zeros_like(c)
    if axis == 0:
        shifted[size:] = c[:-size] if size < len(c) else 0
    else:
        shifted[:, size:] = c[:, :-size] if size < c.shape[1] else 0
    return c - shifted


def _unit_caps(caps: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """The unit count of the sentence ending at each lattice position (0 before the first)."""
    cap = caps[np.clip(ends - 1, 0, max(len(caps) - 1, 0))] if len(caps) else np.zeros(len(ends))
    return np.where(ends >= 1, cap, 0.0)


def _capped_found(dense: np.ndarray, caps: np.ndarray, rows: np.ndarray, cols: np.ndarray, inner: int, units_src: bool) -> np.ndarray:
    """Units of each unit-side sentence found in the `inner` other-side sentences ending at each
    cell, capped at the sentence's unit count."""
    if units_src:
        return np.minimum(_window_sum(dense, inner, axis=1), _unit_caps(caps, rows)[:, None])
    return np.minimum(_window_sum(dense, inner, axis=0), _unit_caps(caps, cols)[None, :])


def _outer_prefix(found: np.ndarray, units_src: bool) -> np.ndarray:
    """Prefix sums of the capped found units along the unit side (a zero line first)."""
    axis = 0 if units_src else 1
    shape = (1, found.shape[1]) if units_src else (found.shape[0], 1)
    return np.concatenate([np.zeros(shape), np.cumsum(found, axis=axis)], axis=axis)


def _share_at(
    found_ps: np.ndarray, caps: np.ndarray, rows: np.ndarray, cols: np.ndarray, at: tuple[np.ndarray, np.ndarray], outer: int, units_src: bool
) -> np.ndarray:
    """Capped found units summed over the `outer` unit-side sentences, over their unit count, at
    the cells `at` of the rectangle (rows, cols). The counts are whole numbers, so differences of
    prefix sums are exact."""
    I, J = at
    if units_src:
        num = found_ps[I + 1, J] - found_ps[np.maximum(I + 1 - outer, 0), J]
        den = _window_sum(_unit_caps(caps, rows), outer, axis=0)[I]
    else:
        num = found_ps[I, J + 1] - found_ps[I, np.maximum(J + 1 - outer, 0)]
        den = _window_sum(_unit_caps(caps, cols), outer, axis=0)[J]
    return num / np.maximum(den, 1.0)


def _crossings(par_ends: np.ndarray, ends: np.ndarray, size: int) -> np.ndarray:
    """1 where a span of `size` sentences ending at each position crosses a paragraph end."""
    if size < 2:
        return np.zeros(ends.shape)
    cum = np.concatenate([[0.0], np.cumsum(par_ends)])
    top = len(par_ends)
    # paragraph ends among the span's sentences except its last one
    hi = np.clip(ends - 1, 0, top)
    lo = np.clip(ends - size, 0, top)
    return (cum[hi] - cum[lo] > 0).astype(np.float64)


class AnchorScorer(_BlockRows):
    """First-pass scores on single-sentence vectors (or block averages of them, when the pass
    runs coarse-to-fine): cosine of summed vectors plus the length term; beads up to 2-1."""

    def __init__(
        self,
        src_vecs: np.ndarray,
        tgt_vecs: np.ndarray,
        src_len: np.ndarray,
        tgt_len: np.ndarray,
        types: Sequence[BeadType],
        band: Band,
        length: LengthModel,
        *,
        cos_w: float = 1.0,
        beta: float = 0.3,
        length_w: float = 0.05,
        skip: float = -0.3,
        block_cells: int = 400_000,
    ) -> None:
        self.types = list(types)
        self.band = band
        self.n, self.m = len(src_vecs), len(tgt_vecs)
        self.k = max(max(a, b) for a, b in self.types)
        self.src_spans = {a: _summed_spans(src_vecs, a) for a in range(1, self.k + 1)}
        self.tgt_spans = {b: _summed_spans(tgt_vecs, b) for b in range(1, self.k + 1)}
        self.src_cum = np.concatenate([[0.0], np.cumsum(src_len)])
        self.tgt_cum = np.concatenate([[0.0], np.cumsum(tgt_len)])
        self.length = length
        self.cos_w, self.beta, self.length_w, self.skip = cos_w, beta, length_w, skip
        self.block_cells = block_cells
        self._block = None

    def block(self, r0: int, r1: int, c0: int, c1: int) -> np.ndarray:
        """Scores of the band cells only (laid out as `_BlockRows.block` says)."""
        row_column, cols, inside = self.band_cells(r0, r1)
        rows = row_column[:, 0]
        band_scores = np.full((len(rows), len(self.types), cols.shape[1]), NEG)
        for t, (a, b) in enumerate(self.types):
            valid = inside & ((rows - a >= 0) & (rows <= self.n))[:, None] & (cols - b >= 0) & (cols <= self.m)
            if a == 0 or b == 0:
                band_scores[:, t, :] = np.where(valid, self.skip, NEG)
                continue
            cos = self._band_cosines(rows, cols, a, b)
            ls = self.src_cum[np.clip(rows, 0, self.n)] - self.src_cum[np.clip(rows - a, 0, self.n)]
            lt = self.tgt_cum[np.clip(cols, 0, self.m)] - self.tgt_cum[np.clip(cols - b, 0, self.m)]
            score = self.cos_w * (cos - self.beta) + self.length_w * self.length.log_tail(ls[:, None], lt)
            band_scores[:, t, :] = np.where(valid, score, NEG)
        return band_scores

    def _band_cosines(self, rows: np.ndarray, cols: np.ndarray, a: int, b: int) -> np.ndarray:
        """cos of the a source spans ending at `rows` with the b target spans ending at `cols`
        (rows, width), a few rows at a time: the gathered target vectors of a wide band
        (rows × width × dimensions) would otherwise be the largest array of the alignment."""
        src = _span_rows(self.src_spans[a], rows, a)  # (rows, d)
        spans = self.tgt_spans[b]
        if not len(spans):
            return np.zeros(cols.shape, np.float32)
        tgt_index = np.clip(cols - b, 0, len(spans) - 1)
        step = max(1, _GATHER_CELLS // max(cols.shape[1], 1))
        return np.concatenate(
            [np.einsum("rd,rwd->rw", src[k : k + step], spans[tgt_index[k : k + step]]) for k in range(0, len(rows), step)]
        )


_GATHER_CELLS = 32_768  # (row, column) cells whose target vectors are gathered at once


def _summed_spans(vectors: np.ndarray, size: int) -> np.ndarray:
    """Normalised sums of `size` consecutive vectors (zero vectors stay zero)."""
    if len(vectors) < size:
        return np.zeros((0, vectors.shape[1]), np.float32)
    cum = np.concatenate([np.zeros((1, vectors.shape[1]), np.float32), np.cumsum(vectors, 0, dtype=np.float32)])
    sums = cum[size:] - cum[:-size]
    norms = np.linalg.norm(sums, axis=1, keepdims=True)
    return np.where(norms > 1e-6, sums / np.maximum(norms, 1e-6), 0.0).astype(np.float32)
