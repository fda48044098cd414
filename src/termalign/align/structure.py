"""Structure first: which stretches of the two documents must align with each other.

Transcripts: speaker turns are paired before any sentence is. A turn pair is scored by who
speaks (Chinese names matched to English ones through every pinyin reading, `text.names`;
media outlets through the dictionary and pinyin: 第一财经 ↔ Yi Cai, 中国电子报 ↔ China
Electronics News), by role (主持人 ↔ host, journalist ↔ journalist) and by what is said (the
mean sentence vector of each turn, and the turn lengths). A dynamic programme over turns
allows a turn to be missing on one side (1-0, 0-1) or two turns to be merged on one side
(1-2, 2-1).

Only turn pairs the programme is sure of (posterior ≥ SURE, or ≥ SURE_NAMED when both labels
name the same person; roles compatible) become hard
boundaries ("paired" segments). Everything between two sure pairs — a missing turn, two
merged turns, a doubtful pair — becomes one "open" segment that the sentence aligner
aligns freely, turn ends counting only as soft paragraph evidence. So when the structure of
one side is wrong, the result degrades to plain sentence alignment of that stretch instead
of forcing a wrong pairing.

Plain documents: one segment; paragraph ends are soft evidence in the sentence search
(`scoring`: beads that end paragraphs on both sides score higher, beads crossing one lose).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from termalign.align.dp import NEG, Band, BeadType, search
from termalign.model import Document, DocumentKind, Lang, Role, Turn
from termalign.text.dictionary import lexical_overlap
from termalign.text.names import name_score

SURE = 0.9  # posterior a turn pair needs to become a hard boundary …
SURE_NAMED = 0.6  # … or this much when both sides name the same person (Tian Yulong = 田玉龙)
SAME_PERSON = 1.5  # the speaker agreement of a named match (see speaker_agreement)
TURN_TYPES: list[BeadType] = [(0, 1), (1, 0), (1, 1), (1, 2), (2, 1)]


@dataclass(frozen=True, slots=True)
class Segment:
    """Sentence ranges [src_start, src_stop) × [tgt_start, tgt_stop) aligned together."""

    src_start: int
    src_stop: int
    tgt_start: int
    tgt_stop: int
    paired: bool = False  # True: exactly one turn on each side, matched with confidence
    src_turns: tuple[str, ...] = ()
    tgt_turns: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class TurnPair:
    src: tuple[int, ...]  # turn positions
    tgt: tuple[int, ...]
    posterior: float
    speaker: float  # the speaker/role part of the score (for reports and tests)


@dataclass(frozen=True, slots=True)
class TurnAgreement:
    """Which turns the turn programme paired (within beads of any shape, 2-1 included), for
    the sentence search of open segments: a bead joining turns it did not pair is doubtful."""

    src_turn: np.ndarray  # turn position of each source sentence (-1: none)
    tgt_turn: np.ndarray
    paired: np.ndarray  # bool (source turns × target turns)


@dataclass(frozen=True, slots=True)
class StructurePlan:
    segments: list[Segment]
    turns: TurnAgreement | None = None


def plan_structure(src: Document, tgt: Document, src_vectors: np.ndarray, tgt_vectors: np.ndarray) -> StructurePlan:
    """Segments, and for transcripts which turns were paired."""
    n, m = len(src.sentences), len(tgt.sentences)
    if not _both_transcripts(src, tgt):
        return StructurePlan([Segment(0, n, 0, m)])
    src_turns = [t for t in src.turns if any(True for _ in t.sentences())]
    tgt_turns = [t for t in tgt.turns if any(True for _ in t.sentences())]
    pairs = pair_turns(src, tgt, src_turns, tgt_turns, src_vectors, tgt_vectors)
    paired = np.zeros((len(src_turns), len(tgt_turns)), dtype=bool)
    for pair in pairs:
        for i in pair.src:
            paired[i, list(pair.tgt)] = True
    agreement = TurnAgreement(_turn_of(src_turns, n), _turn_of(tgt_turns, m), paired)
    return StructurePlan(segments_from_pairs(pairs, src_turns, tgt_turns, n, m), agreement)


def _turn_of(turns: Sequence[Turn], size: int) -> np.ndarray:
    out = np.full(size, -1, dtype=np.int64)
    for k, turn in enumerate(turns):
        out[[s.index for s in turn.sentences()]] = k
    return out


def _both_transcripts(src: Document, tgt: Document) -> bool:
    return (
        src.kind is DocumentKind.TRANSCRIPT
        and tgt.kind is DocumentKind.TRANSCRIPT
        and len(src.turns) > 1
        and len(tgt.turns) > 1
    )


def _range(turn: Turn) -> tuple[int, int]:
    indices = [s.index for s in turn.sentences()]
    return indices[0], indices[-1] + 1


def pair_turns(
    src: Document,
    tgt: Document,
    src_turns: Sequence[Turn],
    tgt_turns: Sequence[Turn],
    src_vectors: np.ndarray,
    tgt_vectors: np.ndarray,
) -> list[TurnPair]:
    """The best sequence of turn pairs, with each pair's posterior probability."""
    scorer = _TurnScorer(src, tgt, src_turns, tgt_turns, src_vectors, tgt_vectors)
    band = Band.full(len(src_turns), len(tgt_turns))
    result = search(TURN_TYPES, band, scorer, temperature=1.0, description="pairing turns")
    pairs = []
    for bead in result.beads:
        s = tuple(range(bead.i0, bead.i1))
        t = tuple(range(bead.j0, bead.j1))
        speaker = scorer.speaker_score(s, t) if s and t else 0.0
        pairs.append(TurnPair(s, t, bead.posterior, speaker))
    return pairs


def segments_from_pairs(
    pairs: Sequence[TurnPair], src_turns: Sequence[Turn], tgt_turns: Sequence[Turn], n: int, m: int
) -> list[Segment]:
    segments: list[Segment] = []
    open_src: list[int] = []
    open_tgt: list[int] = []

    def flush() -> None:
        if open_src or open_tgt:
            segments.append(_open_segment(open_src, open_tgt, src_turns, tgt_turns, segments))
            open_src.clear()
            open_tgt.clear()

    for pair in pairs:
        needed = SURE_NAMED if pair.speaker >= SAME_PERSON else SURE
        sure = len(pair.src) == 1 and len(pair.tgt) == 1 and pair.posterior >= needed and pair.speaker >= 0
        if sure:
            flush()
            s0, s1 = _range(src_turns[pair.src[0]])
            t0, t1 = _range(tgt_turns[pair.tgt[0]])
            segments.append(Segment(s0, s1, t0, t1, True, (src_turns[pair.src[0]].id,), (tgt_turns[pair.tgt[0]].id,)))
        else:
            open_src.extend(pair.src)
            open_tgt.extend(pair.tgt)
    flush()
    return _cover(segments, n, m)


def _open_segment(
    src_ids: list[int], tgt_ids: list[int], src_turns: Sequence[Turn], tgt_turns: Sequence[Turn], before: list[Segment]
) -> Segment:
    s_prev = before[-1].src_stop if before else 0
    t_prev = before[-1].tgt_stop if before else 0
    s0 = _range(src_turns[src_ids[0]])[0] if src_ids else s_prev
    s1 = _range(src_turns[src_ids[-1]])[1] if src_ids else s_prev
    t0 = _range(tgt_turns[tgt_ids[0]])[0] if tgt_ids else t_prev
    t1 = _range(tgt_turns[tgt_ids[-1]])[1] if tgt_ids else t_prev
    return Segment(
        s0, s1, t0, t1, False, tuple(src_turns[i].id for i in src_ids), tuple(tgt_turns[i].id for i in tgt_ids)
    )


def _cover(segments: list[Segment], n: int, m: int) -> list[Segment]:
    """Stretch segments so they tile [0, n) × [0, m) (sentences outside any turn join a neighbour)."""
    out: list[Segment] = []
    s_pos = t_pos = 0
    for k, seg in enumerate(segments):
        last = k == len(segments) - 1
        s_stop = n if last else seg.src_stop
        t_stop = m if last else seg.tgt_stop
        exact = (s_pos, s_stop, t_pos, t_stop) == (seg.src_start, seg.src_stop, seg.tgt_start, seg.tgt_stop)
        out.append(Segment(s_pos, s_stop, t_pos, t_stop, seg.paired and exact, seg.src_turns, seg.tgt_turns))
        s_pos, t_pos = s_stop, t_stop
    if not out:
        out.append(Segment(0, n, 0, m))
    return out


class _TurnScorer:
    """Scores for pairing turns: speaker, role, content and length."""

    def __init__(
        self,
        src: Document,
        tgt: Document,
        src_turns: Sequence[Turn],
        tgt_turns: Sequence[Turn],
        src_vectors: np.ndarray,
        tgt_vectors: np.ndarray,
    ) -> None:
        self.src_doc, self.tgt_doc = src, tgt
        self.src_turns, self.tgt_turns = list(src_turns), list(tgt_turns)
        self.src_mean = _turn_vectors(src_turns, src_vectors)
        self.tgt_mean = _turn_vectors(tgt_turns, tgt_vectors)
        self.src_len = np.array([sum(len(s.text) for s in t.sentences()) for t in src_turns], float)
        self.tgt_len = np.array([sum(len(s.text) for s in t.sentences()) for t in tgt_turns], float)
        self.ratio = (self.tgt_len.sum() or 1.0) / (self.src_len.sum() or 1.0)
        self.content = self.src_mean @ self.tgt_mean.T if len(self.src_mean) and len(self.tgt_mean) else np.zeros((len(src_turns), len(tgt_turns)))
        self._speaker: dict[tuple[int, int], float] = {}

    def speaker_score(self, s: tuple[int, ...], t: tuple[int, ...]) -> float:
        """Mean speaker/role agreement of the turns involved (−1 … +1.5)."""
        values = [self._speaker_pair(i, j) for i in s for j in t]
        return float(np.mean(values)) if values else 0.0

    def _speaker_pair(self, i: int, j: int) -> float:
        key = (i, j)
        if key not in self._speaker:
            self._speaker[key] = speaker_agreement(self.src_turns[i], self.src_doc.lang, self.tgt_turns[j], self.tgt_doc.lang)
        return self._speaker[key]

    def row_scores(self, i: int, lo: int, hi: int) -> np.ndarray:
        out = np.full((len(TURN_TYPES), hi - lo), NEG)
        for t, (a, b) in enumerate(TURN_TYPES):
            if i - a < 0:
                continue
            for col in range(lo, hi):
                if col - b < 0:
                    continue
                out[t, col - lo] = self._score(i - a, i, col - b, col)
        return out

    def _score(self, i0: int, i1: int, j0: int, j1: int) -> float:
        if i0 == i1 or j0 == j1:
            return -1.5  # a turn without counterpart
        s_ids, t_ids = tuple(range(i0, i1)), tuple(range(j0, j1))
        src_vec = self.src_mean[i0:i1].sum(0)
        tgt_vec = self.tgt_mean[j0:j1].sum(0)
        denominator = float(np.linalg.norm(src_vec) * np.linalg.norm(tgt_vec))
        content = float(src_vec @ tgt_vec / denominator) if denominator > 0 else 0.0
        ls, lt = self.src_len[i0:i1].sum(), self.tgt_len[j0:j1].sum()
        length = -abs(np.log(max(lt, 1.0) / max(self.ratio * ls, 1.0)))
        merged = 0.0 if (len(s_ids) == 1 and len(t_ids) == 1) else -1.0
        return 3.0 * (content - 0.35) + 1.5 * self.speaker_score(s_ids, t_ids) + 1.0 * length + merged + 1.0


def _turn_vectors(turns: Sequence[Turn], vectors: np.ndarray) -> np.ndarray:
    if not len(vectors):
        return np.zeros((len(turns), 1))
    out = []
    for turn in turns:
        s0, s1 = _range(turn)
        v = vectors[s0:s1].mean(0)
        norm = float(np.linalg.norm(v))
        out.append(v / norm if norm > 0 else v)
    return np.array(out)


def speaker_agreement(a: Turn, a_lang: Lang, b: Turn, b_lang: Lang) -> float:
    """+1.5 same named speaker, +0.5 same role without names to compare, −1 a clear clash."""
    roles_known = a.role is not Role.NONE and b.role is not Role.NONE
    if roles_known and a.role is not b.role:
        # a host is never a journalist; an official answering is neither
        return -1.0
    if a.speaker and b.speaker:
        same = _same_speaker(a.speaker, a_lang, b.speaker, b_lang, a.role)
        if same is not None:
            return 1.5 if same else -1.0
    return 0.5 if roles_known else 0.0


def _same_speaker(a: str, a_lang: Lang, b: str, b_lang: Lang, role: Role) -> bool | None:
    """True/False when the names can be compared, None when not (e.g. two scripts we cannot read)."""
    if a_lang is b_lang:
        return a.casefold() == b.casefold()
    zh, en = (a, b) if a_lang is Lang.ZH else (b, a)
    if role is Role.QUESTION:
        # media outlets: translated (中国电子报 ↔ China Electronics News) or transcribed (第一财经 ↔ Yi Cai)
        if lexical_overlap(en, zh) >= 0.5:
            return True
        return _pinyin_contains(zh, en) or None
    return name_score(zh, en) >= 0.6


def _pinyin_contains(zh: str, en: str) -> bool:
    # the same heteronym readings the names evidence uses
    from termalign.align.evidence import _readings

    key = "".join(ch for ch in en.lower() if ch.isalpha())
    if len(key) < 4:
        return False
    readings = [_readings(ch) or ("",) for ch in zh]
    # any reading of any run of characters spelling the English name
    for start in range(len(zh)):
        partial = {""}
        for r in readings[start:]:
            partial = {p + x for p in partial for x in r if key.startswith(p + x)}
            if not partial:
                break
            if key in partial:
                return True
    return False
