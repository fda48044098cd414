"""What `termalign check` reads: bilingual files, folders of them, manifests, document pairs."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import SEED_EN, SEED_ZH
from termalign.check.inputs import is_manifest, load_inputs, read_bilingual, read_folder
from termalign.errors import InputError, UsageError
from termalign.formats import write_units
from termalign.model import TranslationUnit

EN_1 = "In 2022, China's added value of industries above the designated size grew by 3.6% year on year."
ZH_1 = "2022年，全国规模以上工业增加值同比增长3.6%。"
EN_2 = "The number of 5G users reached 561 million."
ZH_2 = "5G用户达到5.61亿户。"


def write_tsv(path: Path, rows: list[tuple[str, str, str]], header: str = "id\tsource\ttarget") -> Path:
    path.write_text(header + "\n" + "".join(f"{a}\t{b}\t{c}\n" for a, b, c in rows), encoding="utf-8")
    return path


def test_bilingual_tsv_units_carry_their_document(tmp_path: Path) -> None:
    path = write_tsv(tmp_path / "new.tsv", [("1", EN_1, ZH_1), ("2", EN_2, ZH_2)])
    units = read_bilingual(path)
    assert [(u.id, u.target, u.src_lang, u.tgt_lang) for u in units] == [("1", ZH_1, "en-US", "zh-CN"), ("2", ZH_2, "en-US", "zh-CN")]
    assert {u.props["x-document"] for u in units} == {"new.tsv"}


def test_chinese_source_table_is_read_as_zh_to_en(tmp_path: Path) -> None:
    path = write_tsv(tmp_path / "zh-en.tsv", [("1", ZH_1, EN_1), ("2", ZH_2, EN_2)])
    assert {(u.src_lang, u.tgt_lang) for u in read_bilingual(path)} == {("zh-CN", "en-US")}
    forced = read_bilingual(path, src_lang="zh-TW", tgt_lang="en-GB")
    assert {(u.src_lang, u.tgt_lang) for u in forced} == {("zh-TW", "en-GB")}


def test_two_column_pairs_without_header_are_units(tmp_path: Path) -> None:
    # what a user cuts from `termalign align`'s beads: source<TAB>target, no header, any name
    for name in ("pairs.tsv", "pairs.txt"):
        path = tmp_path / name
        path.write_text(f"# cut -f13,14\n{EN_1}\t{ZH_1}\n\n{EN_2}\t{ZH_2}\n", encoding="utf-8")
        units = load_inputs(path).units
        assert [(u.id, u.source, u.target, u.src_lang) for u in units] == [("2", EN_1, ZH_1, "en-US"), ("4", EN_2, ZH_2, "en-US")]
    reversed_pairs = tmp_path / "zh-en.tsv"
    reversed_pairs.write_text(f"{ZH_1}\t{EN_1}\n{ZH_2}\t{EN_2}\n", encoding="utf-8")
    assert {(u.src_lang, u.tgt_lang) for u in read_bilingual(reversed_pairs)} == {("zh-CN", "en-US")}
    (tmp_path / "bad.tsv").write_text(f"{EN_1}\t{ZH_1}\n{EN_2}\n", encoding="utf-8")
    with pytest.raises(InputError, match="no tab") as error:
        load_inputs(tmp_path / "bad.tsv")
    assert error.value.line == 2


def test_beads_columns_alone_number_their_units(tmp_path: Path) -> None:
    # `cut -f13,14` of a beads table keeps its src_text/tgt_text header but loses the ids
    path = write_tsv(tmp_path / "cut.tsv", [], header="src_text\ttgt_text")
    path.write_text(path.read_text(encoding="utf-8") + f"{EN_1}\t{ZH_1}\n{EN_2}\t{ZH_2}\n", encoding="utf-8")
    assert [u.id for u in load_inputs(path).units] == ["1", "2"]


def test_folder_reads_every_bilingual_file_and_skips_glossaries(tmp_path: Path) -> None:
    write_tsv(tmp_path / "a.tsv", [("1", EN_1, ZH_1)])
    (tmp_path / "sub").mkdir()
    write_units([TranslationUnit("t1", EN_2, ZH_2)], tmp_path / "sub" / "b.tmx")
    (tmp_path / "glossary.tsv").write_text("id\ten\tzh\nmiit\tMIIT\t工业和信息化部\n", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("not bilingual", encoding="utf-8")
    units = read_folder(tmp_path)
    assert [(u.props["x-document"], u.id) for u in units] == [("a.tsv", "1"), ("sub/b.tmx", "t1")]
    loaded = load_inputs(tmp_path)
    assert loaded.documents == ["a.tsv", "sub/b.tmx"] and len(loaded.units) == 2


def test_empty_folder_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no bilingual files"):
        read_folder(tmp_path)


def test_manifest_is_told_from_a_bilingual_table(tmp_path: Path) -> None:
    manifest = tmp_path / "pairs.tsv"
    manifest.write_text(f"id\ten\tzh\nmiit\t{SEED_EN}\t{SEED_ZH}\n", encoding="utf-8")
    assert is_manifest(manifest)
    assert not is_manifest(write_tsv(tmp_path / "units.tsv", [("1", EN_1, ZH_1)]))


def test_usage_errors(tmp_path: Path) -> None:
    bilingual = write_tsv(tmp_path / "a.tsv", [("1", EN_1, ZH_1)])
    with pytest.raises(UsageError, match="not both"):
        load_inputs(bilingual, SEED_EN, SEED_ZH)
    with pytest.raises(UsageError, match="nothing to check"):
        load_inputs(None, SEED_EN, None)
    with pytest.raises(UsageError, match="both be files or both be folders"):
        load_inputs(None, SEED_EN, tmp_path)
    with pytest.raises(InputError, match="no such file or folder"):
        load_inputs(tmp_path / "missing.tmx")
