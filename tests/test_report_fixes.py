"""Reviewer fixes: the TSV the report exports, read back and applied (align/fixes.py)."""

from __future__ import annotations

from functools import cache

import pytest
from hypothesis import given, settings, strategies as st
from report_corpus import corpus_alignment

from termalign.align import AlignOptions, align_documents
from termalign.align.fixes import Constraint, DPRealigner, Fix, FixAction, apply_fixes, parse_fixes
from termalign.errors import InputError, UsageError
from termalign.model import Alignment, Bead, Lang
from termalign.readers import parse_text

HEADER = "bead\taction\tsrc\ttgt\tconfidence\tsrc_text\ttgt_text"


def in_order(src: range, tgt: range, constraint: Constraint) -> list[Bead] | None:
    """A plain realigner for testing the anchor logic: the first path (by preference 1-1, 1-0,
    0-1, 2-1, 1-2, 2-2 at each step) whose beads the constraint allows; None when there is none."""

    @cache
    def path(i: int, j: int) -> tuple[Bead, ...] | None:
        if i == src.stop and j == tgt.stop:
            return ()
        options = []
        for a, b in ((1, 1), (1, 0), (0, 1), (2, 1), (1, 2), (2, 2)):
            if i + a <= src.stop and j + b <= tgt.stop:
                options.append((Bead(tuple(range(i, i + a)), tuple(range(j, j + b)), 0.5), i + a, j + b))
        for bead, ni, nj in options:
            if constraint.allows(bead.src, bead.tgt):
                rest = path(ni, nj)
                if rest is not None:
                    return (bead, *rest)
        return None

    found = path(src.start, tgt.start)
    return None if found is None else list(found)


def assert_partition(alignment: Alignment) -> None:
    """Every sentence in exactly one bead, and the beads in reading order on both sides."""
    assert [i for b in alignment.beads for i in b.src] == list(range(len(alignment.src.sentences)))
    assert [j for b in alignment.beads for j in b.tgt] == list(range(len(alignment.tgt.sentences)))


def ids(alignment: Alignment, bead: Bead) -> tuple[str, str]:
    return (
        " ".join(alignment.src.sentences[i].id for i in bead.src),
        " ".join(alignment.tgt.sentences[j].id for j in bead.tgt),
    )


def row(alignment: Alignment, bead: Bead, action: str = "wrong", texts: bool = True) -> str:
    src, tgt = ids(alignment, bead)
    src_text = " ".join(alignment.src.sentences[i].text for i in bead.src) if texts else ""
    tgt_text = "".join(alignment.tgt.sentences[j].text for j in bead.tgt) if texts else ""
    return f"\t{action}\t{src}\t{tgt}\t{bead.confidence:.3f}\t{src_text}\t{tgt_text}"


def test_report_style_fixes_are_read_with_comments_and_resolved_to_indices():
    alignment = corpus_alignment()
    bead = next(b for b in alignment.beads if b.kind == "1-2")
    text = "# termalign fixes\n# English: a · Chinese: b\n" + HEADER + "\n" + "57" + row(alignment, bead) + "\n"
    assert parse_fixes(text, "fixes.tsv", alignment) == [Fix(FixAction.WRONG, bead.src, bead.tgt, 4)]


@pytest.mark.parametrize(
    ("change", "message", "line"),
    [
        (lambda r: r.replace("\twrong\t", "\tbad\t"), "unknown action 'bad'", 2),
        (lambda r: r.replace("t02.p01.s01\t", "t99.p01.s01\t", 1), "no English sentence has the id 't99.p01.s01'", 2),
        (lambda r: r[: r.rindex("\t")] + "\t改过的译文。", "Chinese text differs", 2),
        (lambda r: r + "\textra", "8 fields but the header names 7", 2),
    ],
)
def test_bad_fix_rows_name_the_file_and_line(change, message, line):
    alignment = corpus_alignment()
    bead = next(b for b in alignment.beads if b.src == (alignment.src.turns[1].paragraphs[0].sentences[0].index,))
    text = HEADER + "\n" + change("1" + row(alignment, bead)) + "\n"
    with pytest.raises(InputError) as error:
        parse_fixes(text, "fixes.tsv", alignment)
    assert message in str(error.value) and error.value.line == line and error.value.path == "fixes.tsv"


def test_a_wrong_row_must_name_an_existing_bead_and_pairs_may_not_overlap():
    alignment = corpus_alignment()
    first, second = alignment.beads[0], alignment.beads[1]
    not_a_bead = Bead(first.src, second.tgt)
    with pytest.raises(InputError, match="no bead of the alignment pairs exactly these sentences"):
        parse_fixes(HEADER + "\n" + row(alignment, not_a_bead, texts=False) + "\n", "f.tsv", alignment)
    overlapping = HEADER + "\n" + row(alignment, first, "pair") + "\n" + row(alignment, Bead(first.src, second.tgt), "pair", False)
    with pytest.raises(InputError, match="shares a sentence with the pair on line 2"):
        parse_fixes(overlapping + "\n", "f.tsv", alignment)
    crossing = HEADER + "\n" + row(alignment, Bead(first.src, second.tgt), "pair", False) + "\n" + row(
        alignment, Bead(second.src, first.tgt), "pair", False
    )
    with pytest.raises(InputError, match="crosses the pair on line 2"):
        parse_fixes(crossing + "\n", "f.tsv", alignment)
    contradicting = HEADER + "\n" + row(alignment, first) + "\n" + row(alignment, first, "pair")
    with pytest.raises(InputError, match="this pair is marked wrong on line 2"):
        parse_fixes(contradicting + "\n", "f.tsv", alignment)
    with pytest.raises(InputError, match="lacks the column"):
        parse_fixes("bead\taction\tsrc\n", "f.tsv", alignment)


def test_a_wrong_bead_is_re_aligned_and_everything_else_is_kept():
    alignment = corpus_alignment()
    k = next(k for k, b in enumerate(alignment.beads) if b.kind == "1-2")
    wrong = alignment.beads[k]
    fixed = apply_fixes(alignment, [Fix(FixAction.WRONG, wrong.src, wrong.tgt, 2)], in_order)
    assert_partition(fixed)
    assert wrong not in fixed.beads
    # the beads before and after the stretch between the neighbouring trusted beads are untouched
    assert fixed.beads[:k] == alignment.beads[:k]
    tail = alignment.beads[k + 1 :]
    assert fixed.beads[-len(tail) :] == tail
    assert fixed.beads[k : len(fixed.beads) - len(tail)] == [Bead(wrong.src, wrong.tgt[:1], 0.5), Bead((), wrong.tgt[1:], 0.5)]
    assert fixed.method.endswith("reviewer fixes")


def test_a_hand_pair_replaces_the_beads_it_overlaps():
    alignment = corpus_alignment()
    k = next(k for k, b in enumerate(alignment.beads) if b.kind == "1-0" and alignment.beads[k - 1].kind == "1-1")
    before, null = alignment.beads[k - 1], alignment.beads[k]
    pair = Fix(FixAction.PAIR, before.src + null.src, before.tgt, 3)  # the left-over sentence joins its neighbour
    fixed = apply_fixes(alignment, [pair], in_order)
    assert_partition(fixed)
    assert Bead(pair.src, pair.tgt, 1.0) in fixed.beads
    assert before not in fixed.beads and null not in fixed.beads
    assert len(fixed.beads) == len(alignment.beads) - 1


def test_a_one_sided_hand_pair_stays_unmatched_inside_a_re_aligned_stretch():
    src = parse_text("One. Two. Three. Four.\n", "en.txt", lang=Lang.EN)
    tgt = parse_text("一。二。三。\n", "zh.txt", lang=Lang.ZH)
    alignment = Alignment(src, tgt, [Bead((0,), (0,)), Bead((1, 2), (1,)), Bead((3,), (2,))])
    fixes = [Fix(FixAction.WRONG, (1, 2), (1,), 2), Fix(FixAction.PAIR, (1,), (), 3)]
    fixed = apply_fixes(alignment, fixes, in_order)
    assert fixed.beads == [Bead((0,), (0,)), Bead((1,), (), 1.0), Bead((2,), (1,), 0.5), Bead((3,), (2,))]


def test_a_wrong_null_bead_with_nothing_opposite_grows_over_its_neighbours():
    src = parse_text("One. Two. Three.\n", "en.txt", lang=Lang.EN)
    tgt = parse_text("一。三。\n", "zh.txt", lang=Lang.ZH)
    alignment = Alignment(src, tgt, [Bead((0,), (0,)), Bead((1,), ()), Bead((2,), (1,))])
    fixed = apply_fixes(alignment, [Fix(FixAction.WRONG, (1,), (), 2)], in_order)
    assert_partition(fixed)
    assert Bead((1,), (), 0.0) not in fixed.beads and Bead((1,), ()) not in fixed.beads
    assert fixed.beads[:2] == [Bead((0,), (0,), 0.5), Bead((1,), (1,), 0.5)]


@st.composite
def alignments_with_fixes(draw):
    n_src, n_tgt = draw(st.integers(1, 12)), draw(st.integers(1, 12))
    src = parse_text(" ".join(f"S{i}." for i in range(n_src)) + "\n", "en.txt", lang=Lang.EN)
    tgt = parse_text("".join(f"句{i}。" for i in range(n_tgt)) + "\n", "zh.txt", lang=Lang.ZH)
    beads: list[Bead] = []
    i = j = 0
    while i < n_src or j < n_tgt:
        a, b = draw(st.sampled_from([(1, 1), (1, 0), (0, 1), (2, 1), (1, 2), (2, 2)]))
        a, b = min(a, n_src - i), min(b, n_tgt - j)
        if (a, b) in ((0, 0), (2, 0), (0, 2)):
            continue
        beads.append(Bead(tuple(range(i, i + a)), tuple(range(j, j + b))))
        i, j = i + a, j + b
    alignment = Alignment(src, tgt, beads)
    wrong = draw(st.lists(st.sampled_from(beads), unique_by=lambda b: (b.src, b.tgt), max_size=3))
    fixes = [Fix(FixAction.WRONG, b.src, b.tgt, 2 + n) for n, b in enumerate(wrong)]
    if draw(st.booleans()):
        s0, t0 = draw(st.integers(0, n_src - 1)), draw(st.integers(0, n_tgt - 1))
        fixes.append(Fix(FixAction.PAIR, (s0,), (t0,), 99))
    return alignment, fixes


@settings(max_examples=150, deadline=None)
@given(alignments_with_fixes())
def test_fixed_alignments_stay_a_partition_without_wrong_beads(case):
    alignment, fixes = case
    try:
        fixed = apply_fixes(alignment, fixes, in_order)
    except UsageError:
        # refused only when hand pairs box a wrong bead in, or when no alignment at all avoids the wrong beads
        wrong = frozenset(f.key for f in fixes if f.action is FixAction.WRONG)
        whole = in_order(range(len(alignment.src.sentences)), range(len(alignment.tgt.sentences)), Constraint(wrong))
        assert any(f.action is FixAction.PAIR for f in fixes) or whole is None
        return
    assert_partition(fixed)
    wrong = {f.key for f in fixes if f.action is FixAction.WRONG} - {f.key for f in fixes if f.action is FixAction.PAIR}
    assert not any((b.src, b.tgt) in wrong for b in fixed.beads)
    for fix in fixes:
        if fix.action is FixAction.PAIR:
            assert Bead(fix.src, fix.tgt, 1.0) in fixed.beads


@pytest.fixture(scope="module")
def fast_alignment() -> Alignment:
    """The bundled corpus aligned by the aligner's fast mode (no embeddings: quick on a cold cache)."""
    hand = corpus_alignment()
    return align_documents(hand.src, hand.tgt, fast=True)


def test_the_aligner_re_aligns_a_wrong_bead_and_keeps_the_rest(fast_alignment):
    alignment = fast_alignment
    k = next(k for k, b in enumerate(alignment.beads) if b.kind == "2-1")
    wrong = alignment.beads[k]
    fixed = apply_fixes(alignment, [Fix(FixAction.WRONG, wrong.src, wrong.tgt, 2)], options=AlignOptions(fast=True))
    assert_partition(fixed)
    assert all((b.src, b.tgt) != (wrong.src, wrong.tgt) for b in fixed.beads)
    assert fixed.beads[:k] == alignment.beads[:k]
    tail = alignment.beads[k + 1 :]
    assert fixed.beads[-len(tail) :] == tail
    new = fixed.beads[k : len(fixed.beads) - len(tail)]
    assert [i for b in new for i in b.src] == list(wrong.src) and all(0.0 <= b.confidence <= 1.0 for b in new)


def test_hand_pairs_split_a_bead_and_the_aligner_respects_them(fast_alignment):
    alignment = fast_alignment
    merged = next(b for b in alignment.beads if b.kind == "2-1")
    first, second = merged.src
    fixes = [Fix(FixAction.PAIR, (first,), merged.tgt, 2), Fix(FixAction.PAIR, (second,), (), 3)]
    fixed = apply_fixes(alignment, fixes, options=AlignOptions(fast=True))
    assert_partition(fixed)
    assert Bead((first,), merged.tgt, 1.0) in fixed.beads and Bead((second,), (), 1.0) in fixed.beads
    assert len(fixed.beads) == len(alignment.beads) + 1


def test_the_constrained_search_never_uses_a_forbidden_bead(fast_alignment):
    alignment = fast_alignment
    realign = DPRealigner(alignment, alignment.beads, options=AlignOptions(fast=True))
    stretch = alignment.beads[10:16]
    src = range(stretch[0].src[0], stretch[-1].src[-1] + 1)
    tgt = range(stretch[0].tgt[0], stretch[-1].tgt[-1] + 1)
    # unconstrained, the search over a stretch finds the aligner's own beads again
    assert [(b.src, b.tgt) for b in realign(src, tgt, Constraint())] == [(b.src, b.tgt) for b in stretch]
    forbidden = frozenset((b.src, b.tgt) for b in stretch)
    held = frozenset({src.start})
    beads = realign(src, tgt, Constraint(forbidden, unmatched_src=held))
    assert beads is not None
    assert [i for b in beads for i in b.src] == list(src) and [j for b in beads for j in b.tgt] == list(tgt)
    assert not any((b.src, b.tgt) in forbidden for b in beads)
    assert Bead((src.start,), (), beads[0].confidence) == beads[0]
