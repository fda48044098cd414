"""TMX 1.4: our writer against the DTD, our reader on our files and on other tools' files."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from formats_corpus import seed_units
from termalign.formats.tmx import read_tmx, same_language, write_tmx
from termalign.formats.units import PROP_BEAD, PROP_CONFIDENCE, PROP_PARAGRAPH, PROP_SPEAKER, alignment_units
from termalign.formats.xmlsafe import FORBIDDEN_XML_CHARS, UnrepresentableTextError
from termalign.errors import InputError
from termalign.model import Alignment, Bead, TranslationUnit

FORBIDDEN = [chr(c) for c in [*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0xFFFE, 0xFFFF]]
# Any Unicode text XML 1.0 can carry: everything except the characters above and surrogates.
xml_text = st.text(st.characters(exclude_categories=("Cs",), exclude_characters=FORBIDDEN), max_size=40)
xml_unit = st.builds(
    TranslationUnit,
    id=xml_text.filter(bool),
    source=xml_text,
    target=xml_text,
    props=st.dictionaries(xml_text.filter(bool), xml_text, max_size=3),
    note=xml_text,
)


def test_seed_units_written_as_tmx_are_valid_against_the_dtd(tmp_path: Path, schemas: Path) -> None:
    path = tmp_path / "seed.tmx"
    count = write_tmx(seed_units(), path)
    dtd = etree.DTD(str(schemas / "tmx14.dtd"))
    tree = etree.parse(str(path))
    assert count == 10
    assert dtd.validate(tree), dtd.error_log
    header = tree.find("header")
    for attribute in ("creationtool", "creationtoolversion", "segtype", "o-tmf", "adminlang", "srclang", "datatype"):
        assert header.get(attribute), attribute
    assert tree.getroot().get("version") == "1.4"
    assert tree.docinfo.system_url == "tmx14.dtd"


def test_seed_units_round_trip_with_their_props(tmp_path: Path) -> None:
    units = seed_units()
    path = tmp_path / "seed.tmx"
    write_tmx(units, path)
    back = list(read_tmx(path))
    assert back == units
    two_to_one = back[2]
    assert two_to_one.id == "t01.p01.s03+t01.p01.s04"
    assert two_to_one.target.startswith("今天，我们邀请到工业和信息化部总工程师")
    assert two_to_one.props[PROP_BEAD] == "2-1"
    assert two_to_one.props[PROP_CONFIDENCE] == "0.6200"
    assert two_to_one.props[PROP_SPEAKER] == "Xing Huina"
    assert two_to_one.props[PROP_PARAGRAPH] == "t01.p01"


def test_language_codes_are_configurable(tmp_path: Path) -> None:
    path = tmp_path / "gb.tmx"
    write_tmx(seed_units()[:2], path, src_lang="en-GB", tgt_lang="zh-Hans-CN")
    tree = etree.parse(str(path))
    assert tree.find("header").get("srclang") == "en-GB"
    langs = tree.xpath("//tuv/@xml:lang", namespaces={"xml": "http://www.w3.org/XML/1998/namespace"})
    assert langs == ["en-GB", "zh-Hans-CN"] * 2
    back = list(read_tmx(path))
    assert [(u.src_lang, u.tgt_lang) for u in back] == [("en-GB", "zh-Hans-CN")] * 2


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(units=st.lists(xml_unit, max_size=5))
def test_any_text_xml_can_carry_round_trips_exactly(tmp_path: Path, units: list[TranslationUnit]) -> None:
    path = tmp_path / "prop.tmx"
    write_tmx(units, path)
    assert list(read_tmx(path)) == units


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(before=xml_text, bad=st.sampled_from(FORBIDDEN + ["\ud800", "\udfff"]), after=xml_text, field=st.sampled_from(["source", "target", "note"]))
def test_characters_xml_forbids_are_refused_and_nothing_is_written(tmp_path: Path, before: str, bad: str, after: str, field: str) -> None:
    unit = TranslationUnit(id="t01.p01.s01", source="Friends from the media", target="各位媒体朋友")
    setattr(unit, field, before + bad + after)
    path = tmp_path / "refused.tmx"
    with pytest.raises(UnrepresentableTextError) as caught:
        write_tmx([seed_units()[0], unit], path)
    message = str(caught.value)
    assert "t01.p01.s01" in message and field in message
    assert f"U+{ord(bad):04X}" in message
    assert f"at character {len(before) + 1}" in message
    assert not path.exists()
    assert list(tmp_path.iterdir()) == []  # no temporary file left either


def test_forbidden_character_pattern_matches_the_xml_char_production() -> None:
    allowed = ["\t", "\n", "\r", " ", "\ud7ff", "\ue000", "\ufffd", "\U00010000", "\U0010ffff", "\x7f", "\x85"]
    assert all(FORBIDDEN_XML_CHARS.search(c) is None for c in allowed)
    assert all(FORBIDDEN_XML_CHARS.search(c) for c in [*FORBIDDEN, "\ud800"])


def test_null_beads_are_left_out_unless_asked(tmp_path: Path) -> None:
    base = seed_units()  # builds the cached alignment
    from formats_corpus import seed_alignment

    aligned = seed_alignment()
    with_null = Alignment(aligned.src, aligned.tgt, [*aligned.beads, Bead((), (10,), 0.2), Bead((11,), (), 0.1)])
    assert len(list(alignment_units(with_null))) == len(base)
    units = list(alignment_units(with_null, include_null=True))
    assert [u.props[PROP_BEAD] for u in units[-2:]] == ["0-1", "1-0"]
    assert units[-2].id == "zh:t02.p02.s02" and units[-2].source == ""
    assert units[-1].id == "t02.p02.s02" and units[-1].target == ""


def test_units_carry_the_documents_languages_unless_told() -> None:
    from formats_corpus import seed_alignment

    en_zh = seed_alignment()
    zh_en = Alignment(en_zh.tgt, en_zh.src, [Bead(b.tgt, b.src, b.confidence) for b in en_zh.beads])
    [first, *_] = alignment_units(zh_en)
    assert (first.src_lang, first.tgt_lang) == ("zh-CN", "en-US") and first.source.startswith("各位媒体朋友")
    assert {(u.src_lang, u.tgt_lang) for u in seed_units()} == {("en-US", "zh-CN")}
    [told, *_] = alignment_units(en_zh, src_lang="en-GB", tgt_lang="zh-Hans")
    assert (told.src_lang, told.tgt_lang) == ("en-GB", "zh-Hans")


FOREIGN_TMX = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE tmx SYSTEM "tmx14.dtd">
<tmx version="1.4">
  <header creationtool="OtherTool" creationtoolversion="1" segtype="sentence" o-tmf="x"
          adminlang="en" srclang="*all*" datatype="html"/>
  <body>
    <tu tuid="a1" srclang="en-US">
      <prop type="x-client">SCIO</prop>
      <tuv xml:lang="de-DE"><seg>Freunde von den Medien</seg></tuv>
      <tuv xml:lang="EN-US"><seg>Click <bpt i="1" x="1">&lt;b&gt;</bpt>here<ept i="1">&lt;/b&gt;</ept> for <hi type="x-em">growth</hi> of 3.6%<ph x="2"/>.</seg></tuv>
      <tuv xml:lang="zh-CN"><seg>点击<bpt i="1" x="1">&lt;b&gt;</bpt>此处<ept i="1">&lt;/b&gt;</ept>查看<hi>增长</hi>3.6%<ph x="2"/>。</seg></tuv>
    </tu>
    <tu>
      <tuv lang="EN-US"><seg>Only English<ut>{x}</ut></seg></tuv>
    </tu>
  </body>
</tmx>
"""


def test_foreign_tmx_inline_markup_is_kept_as_text(tmp_path: Path) -> None:
    path = tmp_path / "foreign.tmx"
    path.write_text(FOREIGN_TMX, encoding="utf-8")
    first, second = read_tmx(path, tgt_lang="zh")
    assert first.source == "Click <b>here</b> for growth of 3.6%{ph:2}."
    assert first.target == "点击<b>此处</b>查看增长3.6%{ph:2}。"
    assert (first.src_lang, first.tgt_lang) == ("EN-US", "zh-CN")
    assert first.props == {"x-client": "SCIO"}
    # TMX 1.1 `lang`, no srclang: the first tuv is the source, no target.
    assert (second.id, second.source, second.target) == ("2", "Only English{x}", "")


def test_reader_picks_languages_asked_for(tmp_path: Path) -> None:
    path = tmp_path / "foreign.tmx"
    path.write_text(FOREIGN_TMX, encoding="utf-8")
    first = next(read_tmx(path, src_lang="de", tgt_lang="en"))
    assert first.source == "Freunde von den Medien"
    assert first.target.startswith("Click <b>here</b>")


@pytest.mark.parametrize(
    ("code", "wanted", "expected"),
    [("zh-CN", "zh", True), ("ZH_cn", "zh-CN", True), ("zh", "zh-TW", True), ("zh-TW", "zh-CN", False), ("en-US", "zh", False)],
)
def test_language_matching(code: str, wanted: str, expected: bool) -> None:
    assert same_language(code, wanted) is expected


def test_structural_errors_name_the_line(tmp_path: Path) -> None:
    path = tmp_path / "nolang.tmx"
    path.write_text(FOREIGN_TMX.replace('<tuv xml:lang="zh-CN">', "<tuv>"), encoding="utf-8")
    with pytest.raises(InputError) as caught:
        list(read_tmx(path))
    assert f"{path}:11: <tuv> has no xml:lang" in str(caught.value)


def test_reader_frees_each_unit(tmp_path: Path) -> None:
    """The streaming reader leaves no finished <tu> attached to the tree (flat memory)."""
    units = [TranslationUnit(id=str(i), source=f"Sentence {i}.", target=f"句子{i}。") for i in range(5000)]
    path = tmp_path / "many.tmx"
    write_tmx(units, path)
    reader = read_tmx(path)
    seen = 0
    for _unit in reader:
        seen += 1
        if seen == 4000:
            frame = reader.gi_frame
            element = frame.f_locals["element"]
            # nothing before the current <tu> (what follows is the parser reading ahead)
            assert element.getprevious() is None
            assert len(element.getparent()) < 1000
    assert seen == 5000


@settings(max_examples=200, deadline=None)
@given(unit=xml_unit)
def test_fast_path_writes_what_the_escaping_path_writes(unit: TranslationUnit) -> None:
    from termalign.formats.tmx import _tu_markup, _tu_markup_escaped

    assert _tu_markup(unit, "en-US", "zh-CN") == _tu_markup_escaped(unit, "en-US", "zh-CN")


def test_utf16_tmx_as_older_cat_tools_write_it(tmp_path: Path) -> None:
    ours = tmp_path / "utf8.tmx"
    write_tmx(seed_units()[:3], ours)
    text = ours.read_text(encoding="utf-8").replace("encoding='utf-8'", "encoding='UTF-16'")
    utf16 = tmp_path / "utf16.tmx"
    utf16.write_text(text, encoding="utf-16")  # with BOM
    assert list(read_tmx(utf16)) == seed_units()[:3]
