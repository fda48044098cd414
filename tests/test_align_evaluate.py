"""Bead files (formats.beads) and bead precision/recall/F1 (align.evaluate)."""

from __future__ import annotations

import io

import pytest
from hypothesis import given
from hypothesis import strategies as st

from termalign.align.evaluate import (
    evaluate_paths,
    lax_counts,
    score_file,
    strict_counts,
)
from termalign.errors import InputError
from termalign.formats.beads import format_bead, parse_beads, read_beads, write_beads
from termalign.model import Bead


def beads(*pairs):
    return [Bead(tuple(s), tuple(t)) for s, t in pairs]


def test_bead_lines_read_with_or_without_spaces_and_with_a_confidence():
    text = "[0,1]:[0]\n[2]:[1, 2]\n\n[3]:[]\n[]:[3]:0.25\n"
    read = parse_beads(text)
    assert [(b.src, b.tgt) for b in read] == [((0, 1), (0,)), ((2,), (1, 2)), ((3,), ()), ((), (3,))]
    assert read[3].confidence == 0.25 and read[0].confidence == 1.0


def test_bead_lines_are_written_as_in_the_gold_files():
    assert format_bead(Bead((0, 1), (0,))) == "[0, 1]:[0]"
    assert format_bead(Bead((7,), ())) == "[7]:[]"
    assert format_bead(Bead((), (9,), 0.5), confidence=True) == "[]:[9]:0.5000"


@given(
    st.lists(
        st.tuples(st.lists(st.integers(0, 500), max_size=4), st.lists(st.integers(0, 500), max_size=4)).filter(lambda p: p[0] or p[1]),
        max_size=20,
    )
)
def test_bead_files_round_trip(pairs):
    original = beads(*pairs)
    stream = io.StringIO()
    write_beads(original, stream)
    assert [(b.src, b.tgt) for b in parse_beads(stream.getvalue())] == [(b.src, b.tgt) for b in original]


@pytest.mark.parametrize(
    ("line", "column", "expected"),
    [
        ("[0]-[1]", 1, "expected a bead"),
        ("[0, x]:[1]", 5, "expected a sentence id"),
        ("[0]:[-1]", 6, "expected a sentence id"),
        ("[]:[]", 1, "at least one id"),
        ("[0]:[1]:high", 9, "expected a number"),
    ],
)
def test_bad_bead_lines_name_the_line_and_column(line, column, expected):
    with pytest.raises(InputError) as caught:
        parse_beads(f"[0]:[0]\n{line}\n", "gold.align")
    error = caught.value
    assert (error.path, error.line, error.column) == ("gold.align", 2, column)
    assert expected in error.message


def test_strict_counts_need_the_very_same_ids_and_count_null_beads():
    gold = beads(([0, 1], [0]), ([2], [1]), ([3], []), ([4], [2, 3]))
    auto = beads(([0], [0]), ([1], []), ([2], [1]), ([3], []), ([4], [2, 3]))
    counts = strict_counts(gold, auto)
    assert (counts.tp_pred, counts.n_pred, counts.n_gold) == (3, 5, 4)
    assert counts.precision == pytest.approx(3 / 5)
    assert counts.recall == pytest.approx(3 / 4)
    assert counts.f1 == pytest.approx(2 * 0.6 * 0.75 / 1.35)


def test_lax_counts_accept_overlaps_on_both_sides():
    gold = beads(([0, 1], [0]), ([2], [1]), ([3], []))
    auto = beads(([0], [0]), ([1], []), ([2], [1]), ([3], []))
    counts = lax_counts(gold, auto)
    # [0]:[0] overlaps [0,1]:[0]; [1]:[] is a deletion where the gold has none
    assert (counts.tp_pred, counts.n_pred) == (3, 4)
    assert (counts.tp_gold, counts.n_gold) == (3, 3)


def test_evaluate_folders_pools_the_files(tmp_path):
    (tmp_path / "gold").mkdir()
    (tmp_path / "auto").mkdir()
    (tmp_path / "gold" / "a.align").write_text("[0]:[0]\n[1]:[1]\n")
    (tmp_path / "auto" / "a.align").write_text("[0]:[0]\n[1]:[1]\n")
    (tmp_path / "gold" / "b.align").write_text("[0]:[0, 1]\n")
    (tmp_path / "auto" / "b.align").write_text("[0]:[0]\n[]:[1]\n")
    result = evaluate_paths(tmp_path / "gold", tmp_path / "auto")
    assert [f.name for f in result.files] == ["a.align", "b.align"]
    assert result.files[0].strict.f1 == 1.0
    assert result.files[1].strict.f1 == 0.0
    assert (result.strict.tp_pred, result.strict.n_pred, result.strict.n_gold) == (2, 4, 3)


def test_evaluate_refuses_a_missing_counterpart_and_a_file_against_a_folder(tmp_path):
    (tmp_path / "gold").mkdir()
    (tmp_path / "auto").mkdir()
    (tmp_path / "gold" / "a.align").write_text("[0]:[0]\n")
    with pytest.raises(InputError, match="missing"):
        evaluate_paths(tmp_path / "gold", tmp_path / "auto")
    with pytest.raises(InputError, match="expected a folder"):
        evaluate_paths(tmp_path / "gold", tmp_path / "gold" / "a.align")


def test_mac_dev_gold_scores_perfectly_against_itself(mac_dev):
    gold = read_beads(mac_dev / "gold" / "001.align")
    score = score_file("001", gold, gold)
    assert score.strict.f1 == 1.0 and score.lax.f1 == 1.0
    assert len(gold) == 272
