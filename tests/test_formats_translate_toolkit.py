"""translate-toolkit (a real, independent TMX/TBX implementation) opens our files and sees the same content."""

from __future__ import annotations

from pathlib import Path

from translate.storage import tbx as tt_tbx
from translate.storage import tmx as tt_tmx

from formats_corpus import seed_glossary, seed_units
from termalign.formats.tbx import write_tbx
from termalign.formats.tmx import read_tmx, write_tmx
from termalign.model import TranslationUnit


def test_translate_toolkit_reads_our_tmx(tmp_path: Path) -> None:
    units = seed_units()
    units[1].note = "SCIO: 国新办 on first mention"
    path = tmp_path / "seed.tmx"
    write_tmx(units, path)
    with path.open("rb") as handle:
        store = tt_tmx.tmxfile(handle, sourcelanguage="en-US", targetlanguage="zh-CN")
    assert [(u.getid(), u.source, u.target) for u in store.units] == [(u.id, u.source, u.target) for u in units]
    assert store.units[1].getnotes() == "SCIO: 国新办 on first mention"


def test_translate_toolkit_tmx_reads_back_with_our_reader(tmp_path: Path) -> None:
    """The other direction: a TMX written by translate-toolkit comes in intact."""
    store = tt_tmx.tmxfile(sourcelanguage="en-US", targetlanguage="zh-CN")
    for unit in seed_units()[:4]:
        store.addsourceunit(unit.source).target = unit.target
    path = tmp_path / "toolkit.tmx"
    path.write_bytes(bytes(store))
    back = list(read_tmx(path))
    assert [(u.source, u.target) for u in back] == [(u.source, u.target) for u in seed_units()[:4]]
    assert {(u.src_lang, u.tgt_lang) for u in back} == {("en-US", "zh-CN")}


def test_translate_toolkit_reads_our_tbx_v2(tmp_path: Path) -> None:
    glossary = seed_glossary()
    path = tmp_path / "terms.v2.tbx"
    write_tbx(glossary, path, version=2)
    with path.open("rb") as handle:
        store = tt_tbx.tbxfile(handle, sourcelanguage="en-US", targetlanguage="zh-CN")
    seen = [(u.getid(), u.source, u.target or "") for u in store.units]
    assert seen == [(e.id, e.en, e.zh) for e in glossary.entries]


def test_units_with_markup_like_text_survive_both_readers(tmp_path: Path) -> None:
    unit = TranslationUnit(id="u1", source='Use <b> & "quotes" for 3 < 4', target="使用<b>和“引号”：3 < 4")
    path = tmp_path / "markup.tmx"
    write_tmx([unit], path)
    with path.open("rb") as handle:
        (theirs,) = tt_tmx.tmxfile(handle, sourcelanguage="en-US", targetlanguage="zh-CN").units
    (ours,) = read_tmx(path)
    assert (theirs.source, theirs.target) == (ours.source, ours.target) == (unit.source, unit.target)
