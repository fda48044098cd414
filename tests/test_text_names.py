"""Chinese names and their romanisations (text/names.py)."""

from __future__ import annotations

import pytest

from termalign.text.names import is_pinyin, name_matches, name_score, romanisations, split_name


@pytest.mark.parametrize(
    ("zh", "en"),
    [
        ("田玉龙", "Tian Yulong"),
        ("赵志国", "Zhao Zhiguo"),
        ("陶青", "Tao Qing"),
        ("邢慧娜", "Xing Huina"),
        ("单霁翔", "Shan Jixiang"),
        ("曾培炎", "Zeng Peiyan"),
        ("解振华", "Xie Zhenhua"),
        ("仇和", "Qiu He"),
        ("欧阳修", "Ouyang Xiu"),
        ("吕布", "Lü Bu"),
        ("吕布", "Lyu Bu"),
        ("田玉龙", "Yulong Tian"),
        ("田玉龙", "Tian Yu-long"),
        ("田玉龙", "TIAN Yulong"),
        ("田玉龙", "Mr. Tian Yulong"),
        ("邢慧娜", "Ms. Xing Huina"),
        ("趙志國", "Zhao Zhiguo"),  # Traditional characters
    ],
)
def test_names_of_the_corpus_and_heteronym_surnames(zh: str, en: str) -> None:
    assert name_matches(zh, en)
    assert name_score(zh, en) == 1.0


@pytest.mark.parametrize(
    ("zh", "en"),
    [("田玉龙", "Zhao Zhiguo"), ("陶青", "Tao Qi"), ("田玉龙", "Tian Yulin"), ("单霁翔", "Shan Jiang")],
)
def test_different_names_do_not_match(zh: str, en: str) -> None:
    assert not name_matches(zh, en)


def test_surname_alone_is_a_partial_match() -> None:
    assert name_score("田玉龙", "Mr. Tian") == 0.6
    assert not name_matches("田玉龙", "Mr. Tian")
    assert name_matches("田玉龙", "Mr. Tian", surname_only=True)
    assert name_score("单霁翔", "Shan") == 0.6 and name_score("单霁翔", "Dan") == 0.6


def test_romanisations_list_surname_readings_first() -> None:
    forms = romanisations("单霁翔")
    assert forms[0] == "Shan Jixiang"
    assert {"Dan Jixiang", "Jixiang Shan", "Shan Ji-xiang"} <= set(forms)
    assert romanisations("曾培炎")[0] == "Zeng Peiyan"
    assert romanisations("陶青")[:2] == ["Tao Qing", "Qing Tao"]


def test_split_name() -> None:
    assert (split_name("欧阳修").surname, split_name("欧阳修").given) == ("欧阳", "修")
    assert (split_name("欧阳").surname, split_name("欧阳").given) == ("欧", "阳")  # two characters: a name
    assert split_name("田 玉龙").full == "田玉龙"


def test_u_umlaut_follows_only_n_and_l() -> None:
    """ü (v) stands after n and l only (Lü, Nüe); after j, q, x, y it is written u (Xue, Jun):
    an English word that reads as syllables only with "zv" is no pinyin."""
    assert all(is_pinyin(w) for w in ("Lü", "Lv", "Nüe", "Xue", "Jun", "Yulong"))
    assert not any(is_pinyin(w) for w in ("Azvudine", "Zvan", "State"))
