"""Readers: encodings, pre-split and plain text, SCIO transcripts in English and Chinese."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

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
    assert "byte offset 24" in str(caught.value) and "line 2" in str(caught.value)


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
