"""Reviewer fixes: the TSV the report exports, read back and applied (align/fixes.py)."""

from __future__ import annotations

from typing import Sequence

import pytest
from hypothesis import given, settings, strategies as st
from report_corpus import corpus_alignment

from termalign.align.fixes import Fix, FixAction, apply_fixes, parse_fixes
from termalign.errors import InputError
from termalign.model import Alignment, Bead, Lang
from termalign.readers import parse_text

HEADER = "bead\taction\tsrc\ttgt\tconfidence\tsrc_text\ttgt_text"


def in_order(alignment: Alignment, src: Sequence[int], tgt: Sequence[int], forbidden) -> list[Bead]:
    """A plain realigner for testing the anchor logic: pairs sentences in order, one to one,
    and splits a forbidden pairing into two unmatched beads; leftovers stay unmatched."""
    beads: list[Bead] = []
    for i, j in zip(src, tgt):
        if ((i,), (j,)) in forbidden:
            beads += [Bead((i,), (), 0.1), Bead((), (j,), 0.1)]
        else:
            beads.append(Bead((i,), (j,), 0.5))
    beads += [Bead((i,), (), 0.1) for i in src[len(tgt):]] + [Bead((), (j,), 0.1) for j in tgt[len(src):]]
    return beads


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
    assert fixed.beads[k : len(fixed.beads) - len(tail)] == [Bead(wrong.src, wrong.tgt[:1], 0.5), Bead((), wrong.tgt[1:], 0.1)]
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
        a = draw(st.integers(0 if j < n_tgt else 1, min(2, n_src - i)))
        b = draw(st.integers(0 if a else 1, min(2, n_tgt - j))) if j < n_tgt else 0
        if a == 0 and b == 0:
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
    fixed = apply_fixes(alignment, fixes, in_order)
    assert_partition(fixed)
    wrong = {f.key for f in fixes if f.action is FixAction.WRONG}
    assert not any((b.src, b.tgt) in wrong for b in fixed.beads if b.src and b.tgt)
    for fix in fixes:
        if fix.action is FixAction.PAIR:
            assert Bead(fix.src, fix.tgt, 1.0) in fixed.beads
