"""The aligner end to end on real text: mac-dev excerpts with gold beads, the bundled SCIO
transcript (hand-made gold for three turns), speaker turns deleted or merged, fast mode,
Traditional Chinese, the embedding cache."""

from __future__ import annotations

import numpy as np
import pytest
from conftest import SEED_EN, SEED_ZH, TEST_DATA

from termalign.align import align_documents
from termalign.align.aligner import SEGMENTED_VIEW, AlignOptions, prepare_pair, span_embeddings
from termalign.align.encoder import CachedEncoder, EmbeddingCache, UseEncoder, text_key
from termalign.align.evaluate import score_file
from termalign.formats.beads import read_beads
from termalign.model import Alignment, Bead, Document, Lang
from termalign.progress import NO_PROGRESS
from termalign.readers import parse_text, read_document
from termalign.text.chinese import spaced_words
from termalign.text.scripts import to_traditional


@pytest.fixture(scope="session")
def encoder(tmp_path_factory) -> CachedEncoder:
    """The real model, caching in a throw-away folder (tests never touch ~/.cache)."""
    model = UseEncoder()
    return CachedEncoder(model, EmbeddingCache(model.name, tmp_path_factory.mktemp("embeddings")))


def presplit(lines: list[str], lang: str, name: str) -> Document:
    return parse_text("\n".join(lines) + "\n", name, lang=lang, kind="presplit")


def excerpt(mac_dev, name: str, zh_count: int, en_count: int) -> tuple[Document, Document, list[Bead]]:
    """The first sentences of a mac-dev file and the gold beads inside them."""
    zh = (mac_dev / "zh" / f"{name}.zh").read_text(encoding="utf-8").splitlines()[:zh_count]
    en = (mac_dev / "en" / f"{name}.en").read_text(encoding="utf-8").splitlines()[:en_count]
    gold = [b for b in read_beads(mac_dev / "gold" / f"{name}.align") if all(i < zh_count for i in b.src) and all(j < en_count for j in b.tgt)]
    covered = sorted(i for b in gold for i in b.src)
    assert covered == list(range(zh_count)), "the excerpt must end on a gold bead boundary"
    return presplit(zh, "zh", f"{name}.zh"), presplit(en, "en", f"{name}.en"), gold


def assert_covers_in_order(alignment: Alignment) -> None:
    assert [i for b in alignment.beads for i in b.src] == list(range(len(alignment.src.sentences)))
    assert [j for b in alignment.beads for j in b.tgt] == list(range(len(alignment.tgt.sentences)))


def align_lines(mac_dev, encoder, name: str, zh_lines: range, en_lines: range) -> tuple[set, set]:
    """The beads of a mac-dev file's lines `zh_lines` × `en_lines` aligned on their own, and the
    gold beads of those Chinese lines, both as (source ids, target ids) counted from the first line."""
    zh = (mac_dev / "zh" / f"{name}.zh").read_text(encoding="utf-8").splitlines()[zh_lines.start : zh_lines.stop]
    en = (mac_dev / "en" / f"{name}.en").read_text(encoding="utf-8").splitlines()[en_lines.start : en_lines.stop]
    gold = [b for b in read_beads(mac_dev / "gold" / f"{name}.align") if b.src and b.src[0] in zh_lines]
    alignment = align_documents(presplit(zh, "zh", f"{name}.zh"), presplit(en, "en", f"{name}.en"), encoder=encoder)
    local = {(tuple(i - zh_lines.start for i in b.src), tuple(j - en_lines.start for j in b.tgt)) for b in gold}
    return {(b.src, b.tgt) for b in alignment.beads}, local


def test_mac_dev_excerpt_is_aligned_like_the_gold(mac_dev, encoder):
    zh, en, gold = excerpt(mac_dev, "001", 45, 45)
    alignment = align_documents(zh, en, encoder=encoder)
    assert_covers_in_order(alignment)
    score = score_file("001", gold, alignment.beads)
    assert score.strict.f1 >= 0.93
    assert any(b.kind == "2-1" for b in alignment.beads)  # [0, 1]:[0] and [43, 44]:[44]


def test_a_hard_excerpt_keeps_its_one_to_many_beads(mac_dev, encoder):
    # Hawkes' Story of the Stone: 32 Chinese sentences, 46 English, beads up to 1-4
    zh, en, gold = excerpt(mac_dev, "003", 32, 46)
    alignment = align_documents(zh, en, encoder=encoder)
    assert_covers_in_order(alignment)
    assert score_file("003", gold, alignment.beads).strict.f1 >= 0.8
    assert {b.kind for b in alignment.beads} >= {"1-1", "1-2"}
    assert any(len(b.tgt) >= 3 for b in alignment.beads)


def test_a_speech_split_differently_in_each_language_keeps_its_quotation_together(mac_dev, encoder):
    # Minford's Deer and the Cauldron, ch. 1: 海老公哼了一声，道：“你又在想求我教武功了。 is
    # "Old Hai humphed. 'You want to wangle some moves out of me, don't you?" and the speech
    # ends in the next sentence on both sides; the quotation marks tell where 'You want…' goes
    predicted, local = align_lines(mac_dev, encoder, "002", range(169, 182), range(281, 301))
    assert predicted == local
    assert ((8,), (12, 13)) in local


def test_time_stamps_place_the_morse_lines(mac_dev, encoder):
    # Liu Cixin's Three-Body Problem: three lines of Morse, each ending in a time stamp
    # (这是1108：21：37。); the English gives the first two stamps and drops the third line. The
    # stamps' last parts tell the lines apart: a chain of colons is no clock time, on either side
    predicted, local = align_lines(mac_dev, encoder, "006", range(86, 96), range(121, 133))
    # the line stamped 37 takes the English that says 37
    assert ((5,), (6, 7)) in local and ((5,), (6, 7)) in predicted
    # the dropped third line goes with its neighbour (the whole document gets it as 1-0)
    assert predicted - local == {((6, 7), (8,))}


def test_fast_mode_embeds_words_not_sentences(mac_dev, encoder, tmp_path):
    zh, en, gold = excerpt(mac_dev, "001", 45, 45)
    fresh = CachedEncoder(encoder.encoder, EmbeddingCache(encoder.name, tmp_path))  # the model, an empty cache
    alignment = align_documents(zh, en, fast=True, encoder=fresh)
    assert_covers_in_order(alignment)
    assert score_file("001", gold, alignment.beads).strict.f1 >= 0.8
    assert fresh.computed > 0  # the excerpt's words (once each, in the cache from now on)
    sentences = [s.text for s in (*zh.sentences, *en.sentences)]
    found = fresh.cache.fill([text_key(t) for t in sentences], np.zeros((len(sentences), 512), np.float16))
    assert not found.any()  # no sentence was embedded


def test_max_beads_limits_the_bead_sizes(mac_dev, encoder):
    zh, en, _gold = excerpt(mac_dev, "003", 32, 46)
    alignment = align_documents(zh, en, encoder=encoder, max_beads=2)
    assert_covers_in_order(alignment)
    assert all(len(b.src) <= 2 and len(b.tgt) <= 2 for b in alignment.beads)


def test_a_chinese_sentence_rendered_as_five_english_ones_is_one_bead(mac_dev, encoder):
    # mac-dev 006: the translator made five English sentences of Chinese sentence 32. The default
    # beads reach 6 sentences a side (the long runs summed from encoded ones); with 4 they cannot.
    zh, en, gold = excerpt(mac_dev, "006", 40, 58)
    five = Bead((32,), (43, 44, 45, 46, 47))
    assert five in gold
    found = {(b.src, b.tgt) for b in align_documents(zh, en, encoder=encoder).beads}
    assert (five.src, five.tgt) in found
    at_most_four = {(b.src, b.tgt) for b in align_documents(zh, en, encoder=encoder, max_beads=4).beads}
    assert (five.src, five.tgt) not in at_most_four


def test_long_runs_are_normalised_sums_of_encoded_runs(encoder):
    texts = [f"Sentence number {i} of a short text." for i in range(9)]
    tables = span_embeddings(texts, Lang.EN, 6, encoder, NO_PROGRESS)
    assert [len(tables[size]) for size in range(1, 7)] == [9, 8, 7, 6, 5, 4]
    five = tables[5].astype(np.float32)
    expected = 4 * tables[4][:5].astype(np.float32) + tables[1][4:9].astype(np.float32)
    expected /= np.linalg.norm(expected, axis=1, keepdims=True)
    np.testing.assert_allclose(five, expected, atol=2e-3)
    assert tables[6].shape[1] == tables[1].shape[1]


def test_chinese_runs_mean_the_written_and_the_word_spaced_text(encoder):
    texts = ["海老公听出他言语中的喜悦之意。", "韦小宝道：“你一提，我便记起了，所以高兴。”", "两人打得兴起。"]
    tables = span_embeddings(texts, Lang.ZH, 2, encoder, NO_PROGRESS)
    assert spaced_words(texts[1]) == "韦小宝 道 ： “ 你 一提 ， 我 便 记起 了 ， 所以 高兴 。 ”"
    written = encoder.encode(["海老公听出他言语中的喜悦之意。韦小宝道：“你一提，我便记起了，所以高兴。”"]).astype(np.float32)
    spaced = encoder.encode([" ".join(spaced_words(t) for t in texts[:2])]).astype(np.float32)
    expected = (1 - SEGMENTED_VIEW) * written + SEGMENTED_VIEW * spaced
    expected /= np.linalg.norm(expected)
    np.testing.assert_allclose(tables[2][:1].astype(np.float32), expected, atol=2e-3)
    # the mean is neither view: the spaced text embeds to another point
    assert float(written[0] @ spaced[0]) < 0.99
    assert float(tables[2][0].astype(np.float32) @ written[0]) < 0.999


def test_a_foreign_sentence_gets_a_low_confidence(mac_dev, encoder):
    zh, en, _gold = excerpt(mac_dev, "001", 45, 45)
    lines = [s.text for s in en.sentences]
    lines[20] = "The committee approved the annual budget for road maintenance in the northern provinces."
    alignment = align_documents(zh, presplit(lines, "en", "001.en"), encoder=encoder)
    holding = next(b for b in alignment.beads if 20 in b.tgt)
    others = sorted(b.confidence for b in alignment.beads if 20 not in b.tgt)
    assert holding.confidence < 0.7
    assert others[len(others) // 2] > 0.9


def test_traditional_chinese_aligns_as_simplified_and_keeps_its_text(mac_dev, encoder):
    zh, en, _gold = excerpt(mac_dev, "001", 45, 45)
    traditional = presplit([to_traditional(s.text) for s in zh.sentences], "zh", "001.zh")
    simplified_beads = [(b.src, b.tgt) for b in align_documents(zh, en, encoder=encoder).beads]
    alignment = align_documents(traditional, en, encoder=encoder)
    assert [(b.src, b.tgt) for b in alignment.beads] == simplified_beads
    assert alignment.src_text(alignment.beads[1]) == traditional.sentences[alignment.beads[1].src[0]].text


def test_a_rerun_embeds_nothing_and_gives_the_same_beads(mac_dev, tmp_path):
    zh, en, _gold = excerpt(mac_dev, "006", 20, 30)
    model = UseEncoder()
    first_encoder = CachedEncoder(model, EmbeddingCache(model.name, tmp_path))
    first = align_documents(zh, en, encoder=first_encoder)
    assert first_encoder.computed > 0
    again = CachedEncoder(model, EmbeddingCache(model.name, tmp_path))  # a new process would look like this
    second = align_documents(zh, en, encoder=again)
    assert again.computed == 0
    assert second.beads == first.beads


# --- the bundled SCIO transcript ------------------------------------------------------------


def seed_documents() -> tuple[Document, Document]:
    return read_document(SEED_EN), read_document(SEED_ZH)


def turn_of(doc: Document) -> list[str]:
    return [turn.id for turn in doc.turns for _ in turn.sentences()]


def crossing_beads(alignment: Alignment, src_turns: list[str], tgt_turns: list[str]) -> list[Bead]:
    """Beads that pair sentences of different speaker turns (by the turns' original ids)."""
    return [b for b in alignment.beads if any(src_turns[i] != tgt_turns[j] for i in b.src for j in b.tgt)]


def test_every_scio_turn_is_paired_with_its_counterpart():
    en, zh = seed_documents()
    prepared = prepare_pair(en, zh, AlignOptions(fast=True))
    assert len(en.turns) == len(zh.turns) == 26
    assert [(s.src_turns, s.tgt_turns) for s in prepared.segments if s.paired] == [((t.id,), (t.id,)) for t in en.turns]
    alignment = align_documents(en, zh, fast=True)
    assert_covers_in_order(alignment)
    assert crossing_beads(alignment, turn_of(en), turn_of(zh)) == []


def _without_label(text: str, label: str, occurrence: int = 0) -> str:
    """The transcript with one speaker label line removed: that turn merges into the one before."""
    lines = text.split("\n")
    positions = [k for k, line in enumerate(lines) if line == label]
    del lines[positions[occurrence]]
    return "\n".join(lines)


def _without_turn(text: str, label: str) -> str:
    """The transcript with one whole speaker turn (label and paragraphs) removed."""
    lines = text.split("\n")
    start = lines.index(label)
    stop = start + 1
    while stop < len(lines) and not (lines[stop].endswith("：") and len(lines[stop]) < 40):
        stop += 1
    return "\n".join(lines[:start] + lines[stop:])


@pytest.mark.parametrize(
    ("change", "label"),
    [
        ("delete", "第一财经记者："),  # a journalist's question is missing
        ("delete", "工业和信息化部新闻发言人、信息通信管理局局长 赵志国："),  # an official's answer is missing
        ("merge", "田玉龙："),  # the answer runs on from the question (its label lost)
        ("merge", "工业和信息化部运行监测协调局负责人 陶青："),  # two officials' answers run together
    ],
)
@pytest.mark.parametrize("fast", [True, pytest.param(False, marks=pytest.mark.slow)])  # slow: embeds the transcript
def test_a_missing_or_merged_turn_never_forces_a_wrong_pairing(change, label, fast, encoder):
    en, zh = seed_documents()
    text = SEED_ZH.read_text(encoding="utf-8")
    original_turns = turn_of(zh)
    if change == "delete":
        changed = parse_text(_without_turn(text, label), str(SEED_ZH), lang="zh")
        dropped = next(t.id for t in zh.turns if t.label.endswith(label))
        kept = [turn for turn in original_turns if turn != dropped]
    else:
        changed = parse_text(_without_label(text, label), str(SEED_ZH), lang="zh")
        kept = original_turns
    assert len(changed.turns) == 25 and len(changed.sentences) == len(kept)
    alignment = align_documents(en, changed, fast=fast, encoder=None if fast else encoder)
    assert_covers_in_order(alignment)
    assert crossing_beads(alignment, turn_of(en), kept) == []
    if change == "delete":
        # the turn without counterpart is left unaligned, not paired with a neighbour
        orphan = [i for i, turn in enumerate(turn_of(en)) if turn == dropped]
        assert all(not b.tgt for b in alignment.beads if set(b.src) & set(orphan))


def load_scio_gold(en: Document, zh: Document) -> list[Bead]:
    en_index = {s.id: s.index for s in en.sentences}
    zh_index = {s.id: s.index for s in zh.sentences}
    en_text = {s.id: s.text for s in en.sentences}
    gold = []
    lines = (TEST_DATA / "scio_gold_turns.tsv").read_text(encoding="utf-8").splitlines()[1:]
    for line in lines:
        en_ids, zh_ids, text, _zh_text = line.split("\t")
        assert " ".join(en_text[i] for i in en_ids.split()) == text, "the segmenter changed: redo the gold ids"
        gold.append(Bead(tuple(en_index[i] for i in en_ids.split()), tuple(zh_index[i] for i in zh_ids.split())))
    return gold


@pytest.mark.slow
def test_scio_turns_match_the_hand_made_gold(encoder):
    en, zh = seed_documents()
    gold = load_scio_gold(en, zh)
    alignment = align_documents(en, zh, encoder=encoder)
    covered = {i for b in gold for i in b.src}
    predicted = [b for b in alignment.beads if set(b.src) & covered]
    assert score_file("scio", gold, predicted).strict.f1 >= 0.95
    assert crossing_beads(alignment, turn_of(en), turn_of(zh)) == []


@pytest.mark.slow
def test_one_whole_mac_dev_file(mac_dev, encoder):
    zh = read_document(mac_dev / "zh" / "004.zh", lang="zh", kind="presplit")
    en = read_document(mac_dev / "en" / "004.en", lang="en", kind="presplit")
    alignment = align_documents(zh, en, encoder=encoder)
    assert_covers_in_order(alignment)
    assert score_file("004", read_beads(mac_dev / "gold" / "004.align"), alignment.beads).strict.f1 >= 0.9
