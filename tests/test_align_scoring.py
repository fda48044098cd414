"""Score components of the aligner: length model, shared items, rectangle sums, names, lexicon."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from termalign.align.dp import Band
from termalign.align.evidence import (
    _MAY_HOLD_LATIN,
    Items,
    PairCounts,
    Vocabulary,
    add_items,
    all_facts,
    basic_evidence,
    chinese_unit_ids,
    english_unit_ids,
    pair_counts,
    pinyin_keys,
    romanised_keys,
)
from termalign.align.quotes import quote_balance
from termalign.align.scoring import (
    COMPONENTS,
    BlockScorer,
    LengthModel,
    PairEvidence,
    Weights,
    _rect_sum,
    log_erfc,
)
from termalign.align.selflex import (
    chinese_bigrams,
    english_tokens,
    learn_lexicon,
    lexicon_items,
    side_tokens,
)
from termalign.model import Lang
from termalign.text.english import latin_tokens


@pytest.mark.parametrize("x", [0.0, 0.1, 0.5, 1.0, 2.0, 4.0, 8.0])
def test_log_erfc_is_accurate_and_stable_far_out(x):
    value = float(log_erfc(np.array([x]))[0])
    assert value == pytest.approx(math.log(math.erfc(x)), rel=1e-3, abs=1e-6)  # A&S 7.1.26: plenty for a score term
    assert np.isfinite(log_erfc(np.array([40.0]))).all()


def test_length_model_prefers_the_ratio_it_learned():
    zh = basic_evidence(["新能源汽车产业保持快速发展。", "谢谢。"], Lang.ZH)
    en = basic_evidence(["The new energy vehicle industry has maintained rapid development.", "Thank you!"], Lang.EN)
    model = LengthModel.from_totals(zh, en, variance=4.0)
    assert model.ratio == pytest.approx(en.lengths.sum() / zh.lengths.sum())
    right = model.log_tail(np.array([14.0]), np.array([14.0 * model.ratio]))[0]
    wrong = model.log_tail(np.array([14.0]), np.array([3.0]))[0]
    assert right == pytest.approx(0.0, abs=1e-6) and wrong < -1.0


def test_evidence_lengths_and_final_punctuation():
    zh = basic_evidence(["能不能翻身？", "好！”", "走了。"], Lang.ZH)
    en = basic_evidence(["Can he turn over?'", "Good!", "Gone."], Lang.EN)
    assert list(zh.ends_question) == [True, False, False]
    assert list(en.ends_question) == [True, False, False]
    assert list(zh.ends_exclamation) == [False, True, False]
    assert list(zh.ends_quote) == [False, True, False] and list(en.ends_quote) == [True, False, False]
    assert zh.lengths[0] == 6


def test_traditional_chinese_is_scored_in_simplified_characters():
    side = basic_evidence(["新能源汽車產業"], Lang.ZH)
    assert side.texts == ["新能源汽车产业"]


def test_numbers_latin_and_names_become_shared_items():
    vocab = Vocabulary()
    zh_text = ["2022年，我国5G基站达到231.2万个，陈清扬说。"]
    en_text = ["In 2022, China had 2.312 million 5G base stations, Chen Qingyang said."]
    zh, en = basic_evidence(zh_text, Lang.ZH), basic_evidence(en_text, Lang.EN)
    add_items(zh, all_facts(zh.texts, Lang.ZH, names=True, words=False), vocab)
    add_items(en, all_facts(en.texts, Lang.EN, names=True, words=False), vocab)
    assert len(zh.numbers.row(0) & en.numbers.row(0)) == 2  # 2022 and 231.2万 = 2.312 million
    assert len(zh.latin.row(0) & en.latin.row(0)) == 1  # 5G
    assert zh.names.row(0) & en.names.row(0)  # chenqingyang


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="aZ9-. 基ＥＣｂ８－", max_size=14))
def test_the_latin_guard_never_skips_a_sentence_with_latin_keys(text):
    # the aligner skips latin_tokens where the guard finds nothing: it must never lose a key
    if not _MAY_HOLD_LATIN.search(text):
        assert latin_tokens(text) == []


def test_pinyin_keys_read_every_heteronym():
    assert "chenqingyang" in pinyin_keys("陈清扬把我拽住")
    assert "shanjixiang" in pinyin_keys("单霁翔")  # 单 as a surname is Shan
    assert romanised_keys("Chen Qingyang caught me. Bao-yu left.") >= {"chen", "qingyang", "chenqingyang", "baoyu"}
    assert "the" not in romanised_keys("The boy")


def test_dictionary_units_are_found_across_languages():
    zh = basic_evidence(["我国新建5G基站。", "谢谢。"], Lang.ZH)
    en = basic_evidence(["China built new base stations.", "Thank you."], Lang.EN)
    unit_map = english_unit_ids(en, all_facts(en.texts, Lang.EN, names=False, words=True))
    chinese_unit_ids(zh, all_facts(zh.texts, Lang.ZH, names=False, words=True), unit_map)
    assert en.word_counts[0] >= 2
    assert len(en.words.row(0) & zh.words.row(0)) >= 1
    assert not (en.words.row(0) & zh.words.row(1))


@settings(max_examples=30, deadline=None)
@given(
    src=st.lists(st.frozensets(st.integers(0, 8), max_size=4), min_size=1, max_size=15),
    tgt=st.lists(st.frozensets(st.integers(0, 8), max_size=4), min_size=1, max_size=15),
    half=st.integers(0, 6),
)
def test_pair_counts_equal_brute_force_inside_the_window(src, tgt, half):
    m = len(tgt)

    def window(s):
        return np.maximum(s - half, 0), np.minimum(s + half + 1, m)

    counts = pair_counts(Items.from_lists(src), Items.from_lists(tgt), window)
    got = {(int(s), int(t)): c for s, t, c in zip(counts.src, counts.tgt, counts.count)}
    expected = {}
    for s, items in enumerate(src):
        for t in range(max(s - half, 0), min(s + half + 1, m)):
            shared = len(items & tgt[t])
            if shared:
                expected[(s, t)] = shared
    assert got == expected
    assert list(counts.src) == sorted(counts.src)


def test_items_slice_like_lists():
    items = Items.from_lists([[3, 1, 3], [], [2], [5, 4]])
    assert [items.row(k) for k in range(4)] == [{1, 3}, set(), {2}, {4, 5}]
    part = items.slice(1, 4)
    assert [part.row(k) for k in range(3)] == [set(), {2}, {4, 5}]
    assert list(part.owners()) == [1, 2, 2]


@settings(max_examples=30, deadline=None)
@given(h=st.integers(1, 8), w=st.integers(1, 8), a=st.integers(1, 4), b=st.integers(1, 4), seed=st.integers(0, 999))
def test_rectangle_sums_equal_brute_force(h, w, a, b, seed):
    dense = np.random.default_rng(seed).integers(0, 3, size=(h, w)).astype(float)
    got = _rect_sum(dense, a, b)
    for i in range(h):
        for j in range(w):
            assert got[i, j] == dense[max(i - a + 1, 0) : i + 1, max(j - b + 1, 0) : j + 1].sum()


def test_the_document_lexicon_learns_names_no_dictionary_knows():
    en = side_tokens(["Trinket would fight.", "Trinket laughs.", "Misty laughs.", "Trinket!"], english=True)
    zh = side_tokens(["韦小宝打架", "韦小宝笑了", "小玄子笑了", "韦小宝"], english=False)
    lexicon = learn_lexicon([([k], [k]) for k in range(4)], en, zh)
    assert "韦小" in lexicon.pairs["trinket"] and "笑了" in lexicon.pairs["laugh"]
    assert "打架" not in lexicon.pairs.get("laugh", {})
    en_items, zh_items, units = lexicon_items(lexicon, en, zh)
    assert en_items.row(0) & zh_items.row(0)  # "trinket" ↔ 韦小 in the first pair
    assert not en_items.row(2) & zh_items.row(0)  # Misty's sentence holds nothing 韦小宝打架 does
    assert units[3] >= 1
    assert english_tokens("The boys were fighting") == frozenset({"boy", "fighting"})
    assert chinese_bigrams("韦小宝。") == frozenset({"韦小", "小宝"})


def test_every_component_can_be_switched_off():
    weights = Weights()
    for component, names in COMPONENTS.items():
        off = weights.without(component)
        assert all(getattr(off, name) == 0.0 for name in names)
        assert off.skip == weights.skip


def test_quote_balance_counts_quotations_left_open_not_apostrophes():
    zh = quote_balance(
        ["海老公哼了一声，道：“你又在想求我教武功了。", "我说过不教，便是不教，你再绕弯儿也没用。”", "韦小宝道：“你一提，我便记起了，所以高兴。”", "两人同时跌倒。"],
        Lang.ZH,
    )
    en = quote_balance(
        ["'You want to wangle some moves out of me, don't you?", "The answer's no, so it's no use trying.'", "'I know,' said Trinket.", "Trinket's \"Kid\" came."],
        Lang.EN,
    )
    assert list(zh) == [1, -1, 0, 0]
    assert list(en) == [1, -1, 0, 0]


def test_a_bead_leaving_a_quotation_open_on_one_side_scores_lower():
    zh = basic_evidence(["海老公哼了一声，道：“你又在想求我教武功了。", "我说过不教，便是不教，你再绕弯儿也没用。”"], Lang.ZH)
    en = basic_evidence(["Old Hai humphed.", "'You want to wangle some moves out of me, don't you?", "The answer's no, so it's no use trying.'"], Lang.EN)
    types = [(0, 1), (1, 0), (1, 1), (1, 2)]
    pairs = PairEvidence(PairCounts.empty(), PairCounts.empty(), PairCounts.empty(), PairCounts.empty(), PairCounts.empty())
    length = LengthModel.from_totals(zh, en, 4.0)

    def scores(weights: Weights) -> np.ndarray:
        scorer = BlockScorer(zh, en, types, Band.full(2, 3), weights, length, pairs)
        return scorer.row_scores(1, 0, 4)  # beads ending after the first Chinese sentence: (types, columns)

    with_quotes, without = scores(Weights()), scores(Weights().without("quotes"))
    difference = without - with_quotes
    assert difference[types.index((1, 2)), 2] == 0.0  # 海老公…“ ↔ Old Hai humphed. 'You want …: both open one
    assert difference[types.index((1, 1)), 1] == pytest.approx(Weights().quote_w)  # ↔ Old Hai humphed.: English opens none
