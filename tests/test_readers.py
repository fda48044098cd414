"""Readers: encodings, pre-split and plain text, SCIO transcripts in English and Chinese."""

from __future__ import annotations

import codecs
import datetime as dt
from pathlib import Path

import pytest

from conftest import SEED_EN, SEED_ZH
from termalign.errors import InputError, UsageError
from termalign.model import DocumentKind, Lang, Role
from termalign.readers import detect_lang, parse_text, read_document
from termalign.readers.encoding import decode_bytes

ZH_SAMPLE = "工业和信息化部总工程师田玉龙表示，2022年规模以上工业增加值同比增长3.6%。\n"

# --- encodings --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "codec"),
    [
        (ZH_SAMPLE.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + ZH_SAMPLE.encode("utf-8"), "utf-8-sig"),
        (codecs.BOM_UTF16_LE + ZH_SAMPLE.encode("utf-16-le"), "utf-16"),
        (codecs.BOM_UTF16_BE + ZH_SAMPLE.encode("utf-16-be"), "utf-16"),
        (ZH_SAMPLE.encode("gb18030"), "gb18030"),
        (ZH_SAMPLE.encode("gbk"), "gb18030"),
    ],
)
def test_encodings_are_detected(data: bytes, codec: str) -> None:
    decoded = decode_bytes(data, "x.txt")
    assert decoded.text == ZH_SAMPLE
    assert decoded.encoding == codec


def test_explicit_encoding_is_used() -> None:
    assert decode_bytes(ZH_SAMPLE.encode("gbk"), "x.txt", "gbk").text == ZH_SAMPLE
    assert decode_bytes(codecs.BOM_UTF8 + b"abc", "x.txt", "utf-8").text == "abc"


def test_undecodable_input_names_file_and_byte_offset() -> None:
    data = "Good afternoon.\nFriends ".encode() + b"\xff\xfe\xfa more"
    with pytest.raises(InputError) as caught:
        decode_bytes(data, "bad.txt")
    assert caught.value.path == "bad.txt"
    assert caught.value.offset == 24
    assert str(caught.value).startswith("bad.txt (byte offset 24): cannot decode as UTF-8")
    assert "line 2" in str(caught.value)


@pytest.mark.parametrize("encoding", [None, "utf-8"])
def test_undecodable_input_after_a_bom_names_the_files_offset_and_line(encoding: str | None) -> None:
    data = codecs.BOM_UTF8 + "各位媒体朋友，\n大家下午好".encode() + b"\xff!"
    with pytest.raises(InputError) as caught:
        decode_bytes(data, "bom.txt", encoding)
    assert caught.value.offset == len(data) - 2
    assert "bytes ff 21 on line 2" in str(caught.value)


def test_lines_of_utf16_are_counted_as_text() -> None:
    """上 is U+4E0A: its UTF-16 bytes hold 0x0A, which is no line break."""
    data = codecs.BOM_UTF16_LE + "上海\n上午".encode("utf-16-le") + b"\x00\xdc"
    with pytest.raises(InputError, match="on line 2"):
        decode_bytes(data, "u16.txt")


def test_wrong_explicit_encoding_names_the_offset() -> None:
    with pytest.raises(InputError) as caught:
        decode_bytes("abc 中文".encode("gbk"), "zh.txt", "utf-8")
    assert caught.value.offset == 4
    with pytest.raises(InputError, match="unknown encoding"):
        decode_bytes(b"abc", "zh.txt", "klingon")


def test_latin1_bytes_are_not_mistaken_for_chinese() -> None:
    with pytest.raises(InputError):
        decode_bytes("Café, naïve, déjà vu in São Paulo.".encode("latin-1"), "fr.txt")


def test_read_document_decodes_gbk_file(tmp_path: Path) -> None:
    path = tmp_path / "zh-gbk.txt"
    path.write_bytes(ZH_SAMPLE.encode("gbk"))
    doc = read_document(path)
    assert doc.lang is Lang.ZH
    assert doc.text == ZH_SAMPLE
    assert [s.text for s in doc.sentences] == [ZH_SAMPLE.strip()]


# --- language, presplit, plain ----------------------------------------------------------


def test_language_is_detected_from_han_share() -> None:
    assert detect_lang(ZH_SAMPLE) is Lang.ZH
    assert detect_lang("The MIIT (工业和信息化部) said so.") is Lang.EN
    assert detect_lang("12345") is Lang.EN


def test_presplit_keeps_line_numbers_as_ids_and_blank_lines() -> None:
    text = "First line.\n  Second line.  \n\nFourth line.\r\nFifth\n"
    doc = parse_text(text, "p.en", kind="presplit")
    assert doc.kind is DocumentKind.PRESPLIT
    assert [s.id for s in doc.sentences] == ["0", "1", "2", "3", "4"]
    assert [s.index for s in doc.sentences] == [0, 1, 2, 3, 4]
    assert [s.text for s in doc.sentences] == ["First line.", "Second line.", "", "Fourth line.", "Fifth"]
    assert all(doc.text[s.start : s.end] == s.text for s in doc.sentences)
    assert len(doc.turns) == 1 and len(doc.paragraphs) == 1


def test_presplit_reads_gold_set_line_for_line(mac_dev: Path) -> None:
    for path in sorted((mac_dev / "zh").glob("*.zh")):
        doc = read_document(path, kind="presplit")
        lines = path.read_text(encoding="utf-8").splitlines()
        assert doc.lang is Lang.ZH
        assert [s.text for s in doc.sentences] == [line.strip() for line in lines]


def test_plain_text_paragraphs_and_offsets() -> None:
    text = "Title line\n\nFirst paragraph. It has two sentences.\nStill the same paragraph.\n\n\n  Last one.  "
    doc = parse_text(text, "plain.txt", kind="plain")
    assert doc.kind is DocumentKind.PLAIN
    assert [p.id for p in doc.paragraphs] == ["t01.p01", "t01.p02", "t01.p03"]
    assert [s.id for s in doc.paragraphs[1].sentences] == ["t01.p02.s01", "t01.p02.s02", "t01.p02.s03"]
    assert [s.text for s in doc.sentences][-1] == "Last one."
    assert all(doc.text[s.start : s.end] == s.text for s in doc.sentences)
    assert [s.index for s in doc.sentences] == list(range(5))
    assert doc.turns[0].role is Role.NONE and doc.turns[0].speaker is None


def test_empty_file_and_bad_options_are_clear_errors(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n\n", encoding="utf-8")
    with pytest.raises(InputError, match="empty"):
        read_document(empty)
    with pytest.raises(UsageError, match="unknown language"):
        parse_text("text", "x", lang="fr")
    with pytest.raises(UsageError, match="unknown document kind"):
        parse_text("text", "x", kind="poem")


# --- English SCIO transcript: the seed ----------------------------------------------------

SEED_TURNS = [
    ("Xing Huina", Role.HOST), ("Tian Yulong", Role.SPEAKER), ("Xing Huina", Role.HOST),
    ("Yi Cai", Role.QUESTION), ("Tian Yulong", Role.SPEAKER),
    ("China Electronics News", Role.QUESTION), ("Zhao Zhiguo", Role.SPEAKER),
    (None, Role.QUESTION), ("Tian Yulong", Role.SPEAKER), ("Tao Qing", Role.SPEAKER),
    (None, Role.QUESTION), ("Tian Yulong", Role.SPEAKER),
    (None, Role.QUESTION), ("Tian Yulong", Role.SPEAKER), ("Tao Qing", Role.SPEAKER),
    ("Economic Daily", Role.QUESTION), ("Tian Yulong", Role.SPEAKER),
    ("Southern Metropolis Daily", Role.QUESTION), ("Zhao Zhiguo", Role.SPEAKER),
    ("Shangyou News", Role.QUESTION), ("Tao Qing", Role.SPEAKER),
    ("People's Post and Telecommunications News", Role.QUESTION), ("Zhao Zhiguo", Role.SPEAKER),
    ("Hong Kong Bauhinia Magazine", Role.QUESTION), ("Tian Yulong", Role.SPEAKER),
    ("Xing Huina", Role.HOST),
]


@pytest.fixture(scope="module")
def seed_en():
    return read_document(SEED_EN)


@pytest.fixture(scope="module")
def seed_zh():
    if not SEED_ZH.exists():
        pytest.skip(f"{SEED_ZH} is not there yet")
    return read_document(SEED_ZH)


def test_seed_header_facts(seed_en) -> None:
    assert seed_en.kind is DocumentKind.TRANSCRIPT and seed_en.lang is Lang.EN
    assert seed_en.title == "SCIO briefing on development of industry and information technology in 2022"
    assert seed_en.date == dt.date(2023, 1, 18)
    assert seed_en.place == "Beijing"


def test_seed_participants_once_each_with_the_host(seed_en) -> None:
    people = {p.name: p for p in seed_en.participants}
    assert list(people) == ["Tian Yulong", "Zhao Zhiguo", "Tao Qing", "Xing Huina"]
    assert len(seed_en.participants) == 4
    assert people["Xing Huina"].role is Role.HOST
    assert {people[n].role for n in ("Tian Yulong", "Zhao Zhiguo", "Tao Qing")} == {Role.SPEAKER}
    assert people["Tian Yulong"].title.startswith("chief engineer and spokesperson of the Ministry")


def test_seed_has_26_turns_with_speakers_and_roles_in_order(seed_en) -> None:
    assert [(t.speaker, t.role) for t in seed_en.turns] == SEED_TURNS
    assert [t.id for t in seed_en.turns] == [f"t{i:02d}" for i in range(1, 27)]


def test_seed_unlabelled_questions_are_their_own_turns(seed_en) -> None:
    unlabelled = [t for t in seed_en.turns if t.speaker is None]
    assert [t.label for t in unlabelled] == ["", "", ""]
    assert [t.paragraphs[0].sentences[0].text[:30] for t in unlabelled] == [
        "The report to the 20th CPC Nat",
        "Recently, the demand for medic",
        "As we all know, China has been",
    ]
    # the answers before them end with their own "Thank you!"
    before = [seed_en.turns[seed_en.turns.index(t) - 1] for t in unlabelled]
    assert [b.paragraphs[-1].sentences[-1].text for b in before] == ["Thank you!"] * 3


def test_seed_has_no_page_furniture_in_any_sentence(seed_en) -> None:
    texts = [s.text for s in seed_en.sentences]
    furniture = ("Read in Chinese", "Translated and edited", "/5", "Group photo", "Jan. 18, 2023")
    assert not [t for t in texts if any(f in t for f in furniture)]
    labels = {t.label for t in seed_en.turns}
    assert not [t for t in texts if t in labels]  # labels are not text
    assert texts[0] == "Friends from the media, good afternoon."
    assert texts[-1] == "Goodbye."


def test_seed_offsets_ids_and_indices(seed_en) -> None:
    sentences = seed_en.sentences
    assert all(seed_en.text[s.start : s.end] == s.text for s in sentences)
    assert [s.index for s in sentences] == list(range(len(sentences)))
    assert all(b.start >= a.end for a, b in zip(sentences, sentences[1:]))
    assert sentences[0].id == "t01.p01.s01"
    assert seed_en.turns[1].paragraphs[2].id == "t02.p03"
    assert seed_en.turns[1].paragraphs[2].sentences[0].text.startswith("First, the industrial economy")
    assert len(sentences) > 400


# --- English SCIO-style samples --------------------------------------------------------


def test_inline_labels_and_chairperson_marker() -> None:
    text = (
        "SCIO briefing on foreign trade\r\nBeijing | 10 a.m. March 2, 2024\r\n\r\n"
        "Speakers:\r\nLi Wei, vice minister of commerce\r\nChen Lin, director of the trade department\r\n\r\n"
        "Chairperson:\r\nShou Xiaoli, spokesperson of the SCIO\r\n\r\n"
        "Shou Xiaoli: Good morning. Mr. Li will brief you.\r\n\r\n"
        "  Li Wei:  Thank you. Trade grew 5.2% in 2023.\r\n\r\n"
        "China Daily: What will be done next? Thank you.\r\n\r\n"
        "Chen Lin: We will keep going.\r\n"
    )
    doc = parse_text(text, "trade.en.txt")
    assert doc.kind is DocumentKind.TRANSCRIPT
    assert doc.date == dt.date(2024, 3, 2)
    assert [(p.name, p.role) for p in doc.participants] == [
        ("Li Wei", Role.SPEAKER), ("Chen Lin", Role.SPEAKER), ("Shou Xiaoli", Role.HOST)
    ]
    assert [(t.speaker, t.role) for t in doc.turns] == [
        ("Shou Xiaoli", Role.HOST), ("Li Wei", Role.SPEAKER), ("China Daily", Role.QUESTION), ("Chen Lin", Role.SPEAKER)
    ]
    assert [t.label for t in doc.turns] == ["Shou Xiaoli:", "Li Wei:", "China Daily:", "Chen Lin:"]
    assert doc.turns[1].speaker_title == "vice minister of commerce"
    assert [s.text for s in doc.turns[1].sentences()] == ["Thank you.", "Trade grew 5.2% in 2023."]
    assert all(doc.text[s.start : s.end] == s.text for s in doc.sentences)


def test_missing_header_roles_come_from_content() -> None:
    text = (
        "Press conference on rural revitalisation\n\n"
        "Zhang Min:\n\nGood afternoon. The floor is open.\n\n"
        "Wang Gang:\n\nThank you. Output rose.\n\nThank you!\n\n\n"
        "What is the plan for 2024? Thank you.\n\n"
        "Wang Gang:\n\nWe will do more.\n\n"
        "Xinhua News Agency:\n\nHow about grain? Thank you.\n\n"
        "Liu Yang:\n\nCan you give figures?\n\n"
        "Zhang Min:\n\nThat concludes the briefing. Goodbye.\n"
    )
    doc = parse_text(text, "rural.en.txt")
    assert doc.participants == []
    assert [(t.speaker, t.role) for t in doc.turns] == [
        ("Zhang Min", Role.HOST),
        ("Wang Gang", Role.SPEAKER),
        (None, Role.QUESTION),
        ("Wang Gang", Role.SPEAKER),
        ("Xinhua News Agency", Role.QUESTION),
        ("Liu Yang", Role.QUESTION),
        ("Zhang Min", Role.HOST),
    ]


def test_question_after_thanks_within_a_question_turn_is_not_split() -> None:
    text = (
        "Briefing\n\nHost:\n\nWelcome.\n\nMa Rui:\n\nHello.\n\n"
        "Economic Daily:\n\nThank you.\n\nWhat about exports? And imports?\n\n"
        "Ma Rui:\n\nBoth grew.\n"
    )
    doc = parse_text(text, "x.en.txt")
    assert [(t.speaker, t.role, len(t.paragraphs)) for t in doc.turns] == [
        (None, Role.HOST, 1), ("Ma Rui", Role.SPEAKER, 1), ("Economic Daily", Role.QUESTION, 2), ("Ma Rui", Role.SPEAKER, 1)
    ]


def test_plain_english_text_is_not_taken_for_a_transcript() -> None:
    text = "Notes:\n\nThe economy grew. Exports rose.\n\nSummary:\n\nAll good.\n"
    assert parse_text(text, "notes.txt").kind is DocumentKind.PLAIN
    with pytest.raises(InputError, match="no speaker labels"):
        parse_text("Just one paragraph. Nothing else.", "p.txt", kind="transcript")


# --- Chinese SCIO transcript -------------------------------------------------------------


def test_seed_zh_header_and_participants(seed_zh) -> None:
    assert seed_zh.kind is DocumentKind.TRANSCRIPT and seed_zh.lang is Lang.ZH
    assert seed_zh.date == dt.date(2023, 1, 18)
    assert seed_zh.title.endswith("新闻发布会")
    assert [(p.name, p.role) for p in seed_zh.participants] == [
        ("田玉龙", Role.SPEAKER), ("赵志国", Role.SPEAKER), ("陶青", Role.SPEAKER), ("邢慧娜", Role.HOST)
    ]
    assert seed_zh.participants[0].title == "工业和信息化部总工程师、新闻发言人"


def test_seed_zh_turns_pair_one_to_one_with_english(seed_en, seed_zh) -> None:
    assert len(seed_zh.turns) == 26
    # both headers list the same people in the same order: that pairs the names here
    zh_to_en = {zh.name: en.name for zh, en in zip(seed_zh.participants, seed_en.participants)}
    for zh, en in zip(seed_zh.turns, seed_en.turns):
        assert zh.role is en.role, (zh.id, zh.label)
        if en.role is not Role.QUESTION:
            assert zh_to_en[zh.speaker] == en.speaker, zh.id
        else:
            assert (zh.speaker is None) == (en.speaker is None), zh.id
        assert len(zh.paragraphs) == len(en.paragraphs), zh.id


def test_seed_zh_labels_titles_and_outlets(seed_zh) -> None:
    turns = seed_zh.turns
    assert turns[1].label == "工业和信息化部总工程师、新闻发言人 田玉龙："
    assert (turns[1].speaker, turns[1].speaker_title) == ("田玉龙", "工业和信息化部总工程师、新闻发言人")
    assert (turns[4].label, turns[4].speaker) == ("田玉龙：", "田玉龙")
    assert turns[4].speaker_title == "工业和信息化部总工程师、新闻发言人"  # from the header
    assert (turns[3].label, turns[3].speaker, turns[3].role) == ("第一财经记者：", "第一财经", Role.QUESTION)
    assert [t.label for t in turns if t.speaker is None] == ["记者：", "记者：", "记者："]


def test_seed_zh_sentences_and_offsets(seed_zh) -> None:
    sentences = seed_zh.sentences
    assert all(seed_zh.text[s.start : s.end] == s.text for s in sentences)
    labels = {t.label for t in seed_zh.turns}
    assert not [s.text for s in sentences if s.text in labels or s.text.startswith(("发布人", "主持人", "时间", "地点"))]
    assert sentences[0].text == "各位媒体朋友，大家下午好！"
    assert sentences[-1].text.endswith("再见！") or sentences[-1].text.endswith("再见。")
    assert len(sentences) > 300


ZH_SAMPLE_TRANSCRIPT = (
    "国新办举行2024年商务工作新闻发布会\n\n"
    "时间：2024年3月2日（星期六）10:00\n地点：国务院新闻办新闻发布厅\n\n"
    "发布人：\n商务部副部长 李伟\n商务部外贸司司长 陈琳\n\n"
    "主持人：\n国务院新闻办公室新闻局局长、新闻发言人 寿小丽\n\n"
    "国务院新闻办公室新闻局局长、新闻发言人寿小丽：各位媒体朋友，上午好！\n\n"
    "商务部副部长李伟：谢谢主持人。2023年外贸增长5.2%。\n\n谢谢。\n\n"
    "中国日报记者：\n\n下一步有什么举措？谢谢。\n\n"
    "陈琳：我们将继续努力。\n\n谢谢！\n\n"
    "请问外资情况如何？\n\n"
    "主持人：\n\n今天的发布会到此结束。\n"
)


def test_zh_inline_labels_and_labels_without_space() -> None:
    doc = parse_text(ZH_SAMPLE_TRANSCRIPT, "trade.zh.txt")
    assert doc.kind is DocumentKind.TRANSCRIPT and doc.lang is Lang.ZH
    assert doc.date == dt.date(2024, 3, 2) and doc.place == "国务院新闻办新闻发布厅"
    assert [(p.name, p.role) for p in doc.participants] == [
        ("李伟", Role.SPEAKER), ("陈琳", Role.SPEAKER), ("寿小丽", Role.HOST)
    ]
    assert [(t.speaker, t.role) for t in doc.turns] == [
        ("寿小丽", Role.HOST), ("李伟", Role.SPEAKER), ("中国日报", Role.QUESTION),
        ("陈琳", Role.SPEAKER), (None, Role.QUESTION), (None, Role.HOST),
    ]
    assert doc.turns[1].speaker_title == "商务部副部长"
    assert [s.text for s in doc.turns[1].sentences()] == ["谢谢主持人。", "2023年外贸增长5.2%。", "谢谢。"]
    assert all(doc.text[s.start : s.end] == s.text for s in doc.sentences)


def test_zh_without_header_reads_title_name_labels() -> None:
    text = (
        "农业农村部新闻发言人 王刚：\n\n大家好。\n\n"
        "新华社记者：\n\n粮食产量如何？\n\n"
        "王刚：\n\n稳中有增。\n\n"
        "记者：\n\n还有问题吗？\n"
    )
    doc = parse_text(text, "nohead.zh.txt")
    assert [(t.speaker, t.role, t.speaker_title) for t in doc.turns] == [
        ("王刚", Role.HOST, "农业农村部新闻发言人"),
        ("新华社", Role.QUESTION, ""),
        ("王刚", Role.HOST, ""),
        (None, Role.QUESTION, ""),
    ]
