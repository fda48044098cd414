"""XLIFF 1.2 and 2.x as returned by translators: units, languages, states, inline codes."""

from __future__ import annotations

from pathlib import Path

import pytest

from termalign.errors import InputError
from termalign.formats.xliff import read_xliff

XLIFF_12 = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
  <file original="scio-2023-01-18.en.txt" source-language="en-US" target-language="zh-CN" datatype="plaintext">
    <body>
      <group id="t01">
        <trans-unit id="t01.p01.s01" approved="yes" resname="greeting">
          <source>Friends from the media, <g id="1">good afternoon</g>.<x id="2"/></source>
          <target state="final">各位媒体朋友，<g id="1">大家下午好</g>！<x id="2"/></target>
          <note>opening line</note>
          <alt-trans match-quality="80"><source>Friends, good afternoon.</source><target>朋友们，下午好。</target></alt-trans>
        </trans-unit>
      </group>
      <trans-unit id="t02.p02.s01">
        <source>In 2022, the added value of industries above the designated size grew by 3.6%<ph id="3">&lt;br/&gt;</ph></source>
        <target state="needs-review-translation">2022年，全国规模以上工业增加值同比增长3.6%<ph id="3">&lt;br/&gt;</ph></target>
      </trans-unit>
      <trans-unit id="t02.p02.s02"><source>Not translated yet.</source></trans-unit>
    </body>
  </file>
</xliff>
"""

XLIFF_2 = """<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.1" srcLang="en-US" trgLang="zh-CN">
  <file id="f1" original="scio-2023-01-18.en.txt">
    <group id="g1">
      <unit id="u1" name="highlights">
        <notes><note>two sentences, one unit</note></notes>
        <segment id="s1" state="final">
          <source>First, the <sm id="m1" type="term"/>industrial economy<em startRef="m1"/> has <pc id="1">resumed its steady growth</pc>.</source>
          <target>一是工业经济<pc id="1">企稳回升</pc>。</target>
        </segment>
        <ignorable><source> </source></ignorable>
        <segment id="s2" state="translated">
          <source>Manufacturing grew by 3%<ph id="2" equiv="{0}"/><cp hex="2028"/>.</source>
          <target>制造业增加值增长3%<ph id="2"/><cp hex="2028"/>。</target>
        </segment>
      </unit>
    </group>
    <unit id="u2"><segment><source>Alone.</source></segment></unit>
  </file>
</xliff>
"""


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_xliff_12_units_with_states_notes_and_inline_codes(tmp_path: Path) -> None:
    first, second, third = read_xliff(_write(tmp_path, "returned.xlf", XLIFF_12))
    assert (first.id, first.source, first.target) == ("t01.p01.s01", "Friends from the media, good afternoon.{x:2}", "各位媒体朋友，大家下午好！{x:2}")
    assert (first.src_lang, first.tgt_lang, first.note) == ("en-US", "zh-CN", "opening line")
    assert first.props == {"x-file": "scio-2023-01-18.en.txt", "x-state": "final", "x-approved": "yes", "x-resname": "greeting"}
    assert second.source.endswith("grew by 3.6%<br/>") and second.target.endswith("增长3.6%<br/>")
    assert second.props["x-state"] == "needs-review-translation"
    assert (third.target, "x-state" in third.props) == ("", False)


def test_xliff_2_one_unit_per_segment(tmp_path: Path) -> None:
    first, second, alone = read_xliff(_write(tmp_path, "returned.xliff", XLIFF_2))
    assert (first.id, second.id, alone.id) == ("u1#s1", "u1#s2", "u2")
    assert first.source == "First, the industrial economy has resumed its steady growth."
    assert first.target == "一是工业经济企稳回升。"
    # the same placeholder on both sides, whatever equiv says; <cp> is the character it names
    assert second.source == "Manufacturing grew by 3%{ph:2}\u2028." and second.target == "制造业增加值增长3%{ph:2}\u2028。"
    assert (second.props["x-state"], second.props["x-name"], second.note) == ("translated", "highlights", "two sentences, one unit")
    assert (alone.src_lang, alone.tgt_lang, alone.target) == ("en-US", "zh-CN", "")


def test_xliff_errors(tmp_path: Path) -> None:
    missing = _write(tmp_path, "nosource.xlf", XLIFF_12.replace("<source>Not translated yet.</source>", ""))
    with pytest.raises(InputError, match=r"nosource\.xlf:\d+: <trans-unit> has no <source>"):
        list(read_xliff(missing))
    tmx = _write(tmp_path, "memory.xlf", '<?xml version="1.0"?>\n<tmx version="1.4"/>')
    with pytest.raises(InputError, match="expected <xliff> as the root element, found <tmx>"):
        list(read_xliff(tmx))


def test_xliff_12_written_by_us_reads_back_here_and_in_translate_toolkit(tmp_path: Path) -> None:
    from translate.storage.xliff import xlifffile

    from formats_corpus import seed_units
    from termalign.formats.xliff import write_xliff

    units = seed_units()
    units[0].note = "opening line\r\nkept exactly"
    units[1].target = ""
    path = tmp_path / "job.xlf"
    assert write_xliff(units, path) == 10
    back = list(read_xliff(path))
    assert [(u.id, u.source, u.target, u.note, u.src_lang, u.tgt_lang) for u in back] == [
        (u.id, u.source, u.target, u.note, u.src_lang, u.tgt_lang) for u in units
    ]
    assert [u.props["x-state"] for u in back[:2]] == ["translated", "needs-translation"]
    assert back[0].props["x-file"] == "scio-2023-01-18-miit-industry-it-2022.en.txt"
    with path.open("rb") as handle:
        theirs = xlifffile(handle).units
    assert [(u.source, u.target or "") for u in theirs] == [(u.source, u.target) for u in units]
