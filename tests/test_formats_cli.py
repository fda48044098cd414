"""Format detection, read_glossary/read_units, and `termalign export | convert | validate`."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from lxml import etree
from typer.testing import CliRunner

from formats_corpus import seed_glossary, seed_units
from termalign.cli import app
from termalign.errors import InputError, UsageError
from termalign.formats import content_kind, convert_file, detect_format, read_glossary, read_units, write_glossary, write_units
from termalign.formats.tables import write_glossary_table
from termalign.formats.tbx import write_tbx

runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, list(args))


@pytest.fixture
def glossary_tsv(tmp_path: Path) -> Path:
    path = tmp_path / "miit.glossary.tsv"
    write_glossary_table(seed_glossary(), path)
    return path


@pytest.fixture
def units_tmx(tmp_path: Path) -> Path:
    path = tmp_path / "seed.tmx"
    write_units(seed_units(), path)
    return path


def test_detect_format_by_extension_and_content(tmp_path: Path, glossary_tsv: Path, units_tmx: Path) -> None:
    v2 = tmp_path / "terms.tbx"
    write_tbx(seed_glossary(), v2, version=2)
    xml = tmp_path / "memory.xml"
    xml.write_bytes(units_tmx.read_bytes())
    omegat = tmp_path / "glossary.tsv"
    omegat.write_text("MIIT\t工信部\n", encoding="utf-8")
    units_table = tmp_path / "units.tsv"
    write_units(seed_units(), units_table)
    assert [detect_format(p) for p in (glossary_tsv, units_tmx, v2, xml, omegat, units_table)] == ["table", "tmx", "tbx2", "tmx", "omegat", "table"]
    assert (content_kind(glossary_tsv), content_kind(units_table)) == ("glossary", "units")
    hand = tmp_path / "glossary.txt"  # a hand-written OmegaT glossary opening with a comment
    hand.write_text("# MIIT terms\nMIIT\t工信部\n", encoding="utf-8")
    assert detect_format(hand) == "omegat" and content_kind(hand) == "glossary"
    odd = tmp_path / "notes.doc"
    odd.write_text("x", encoding="utf-8")
    with pytest.raises(InputError, match="unknown file type"):
        detect_format(odd)


@pytest.mark.parametrize("fmt", ["table", "tbx", "tbx2", "omegat", "csv", "xlsx"])
def test_every_glossary_format_reads_back_through_read_glossary(tmp_path: Path, fmt: str) -> None:
    ext = {"table": ".tsv", "tbx": ".tbx", "tbx2": ".v2.tbx", "omegat": ".utf8", "csv": ".csv", "xlsx": ".xlsx"}[fmt]
    path = tmp_path / f"terms{ext}"
    write_glossary(seed_glossary(), path)
    back = read_glossary(path)
    by_en = {e.en: e for e in back.entries}
    ministry = by_en["Ministry of Industry and Information Technology"]
    assert (ministry.zh, ministry.zh_variants[0]) == ("工业和信息化部", "工信部")


@pytest.mark.parametrize("name", ["seed.tmx", "seed.tsv", "seed.jsonl", "seed.parquet"])
def test_every_unit_format_reads_back_through_read_units(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    assert write_units(seed_units(), path) == 10
    assert list(read_units(path)) == seed_units()


def test_kinds_do_not_mix(tmp_path: Path, glossary_tsv: Path, units_tmx: Path) -> None:
    with pytest.raises(UsageError, match="holds translation units, not a glossary"):
        read_glossary(units_tmx)
    with pytest.raises(UsageError, match="holds terms, not translation units"):
        read_units(tmp_path / "x.tbx", "tbx")
    with pytest.raises(UsageError, match="holds a glossary; TMX holds translation units"):
        convert_file(glossary_tsv, tmp_path / "out.tmx")
    with pytest.raises(UsageError, match="is the input file"):
        convert_file(glossary_tsv, glossary_tsv)


def test_cli_export_writes_next_to_the_input(glossary_tsv: Path, schemas: Path) -> None:
    for to, name in [("tbx", "miit.glossary.tbx"), ("tbx2", "miit.glossary.v2.tbx"), ("omegat", "miit.glossary.utf8"), ("csv", "miit.glossary.csv"), ("xlsx", "miit.glossary.xlsx")]:
        result = run("export", str(glossary_tsv), "--to", to)
        assert result.exit_code == 0, result.output
        assert (glossary_tsv.parent / name).exists(), to
        assert f"→ {glossary_tsv.parent / name} ({to})" in result.stderr
    tbx = glossary_tsv.parent / "miit.glossary.tbx"
    assert read_glossary(tbx).entries == [dataclasses.replace(e, zh_candidates=[]) for e in seed_glossary().entries]


def test_cli_export_tmx_with_languages(tmp_path: Path) -> None:
    units = tmp_path / "aligned.tsv"
    write_units(seed_units(), units)
    out = tmp_path / "memory.tmx"
    result = run("export", str(units), "--to", "tmx", "-o", str(out), "--src-lang", "en-GB", "--tgt-lang", "zh-Hans")
    assert result.exit_code == 0, result.output
    tree = etree.parse(str(out))
    assert tree.find("header").get("srclang") == "en-GB"
    assert {u.tgt_lang for u in read_units(out)} == {"zh-Hans"}
    assert "10 translation units" in result.stderr


def test_cli_convert_and_stdout(tmp_path: Path, units_tmx: Path) -> None:
    result = run("convert", str(units_tmx), "-", "--to", "table")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].split("\t")[:6] == ["id", "source", "target", "src_lang", "tgt_lang", "note"]
    assert lines[1].split("\t")[:3] == ["t01.p01.s01", "Friends from the media, good afternoon.", "各位媒体朋友，大家下午好！"]
    result = run("convert", str(units_tmx), str(tmp_path / "out.tbx"))
    assert result.exit_code == 2 and "can be written as tmx, xliff, table" in result.stderr


def test_cli_validate_exit_codes(tmp_path: Path, glossary_tsv: Path, schemas: Path) -> None:
    tbx = tmp_path / "terms.tbx"
    write_tbx(seed_glossary(), tbx)
    result = run("validate", str(tbx), "--schemas", str(schemas))
    assert result.exit_code == 0 and "valid TBX v3 (TBX-Basic, dca)" in result.stdout
    bad = tmp_path / "bad.tbx"
    bad.write_text(tbx.read_text(encoding="utf-8").replace('type="partOfSpeech"', 'type="pos"', 1), encoding="utf-8")
    result = run("validate", str(bad), "--schemas", str(schemas))
    assert result.exit_code == 1
    assert result.stdout.startswith(f"{bad}:") and "Permitted type value(s)" in result.stdout
    assert "1 schema violation(s)" in result.stderr
    broken = tmp_path / "broken.tbx"
    broken.write_text(tbx.read_text(encoding="utf-8")[:400], encoding="utf-8")
    result = run("validate", str(broken), "--schemas", str(schemas))
    assert result.exit_code == 2 and f"{broken}:" in result.stderr and "not well-formed XML" in result.stderr
    result = run("validate", str(tbx), "--schemas", str(tmp_path / "nowhere"))
    assert result.exit_code == 2 and "not a folder" in result.stderr


def test_cli_bad_glossary_exits_2_without_output(tmp_path: Path) -> None:
    bad = tmp_path / "terms.csv"
    bad.write_text("ID,en-US,zh-CN\nT1,,工信部\n", encoding="utf-8")
    result = run("export", str(bad), "--to", "tbx")
    assert result.exit_code == 2
    assert f"{bad}:2: row without a term in the en-US column" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["terms.csv"]


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("terms.jsonl", b'{"id": "T1", "en": "MIIT"}\n{"id": "T2", en: "SCIO"}\n', "terms.jsonl:2:14: not a JSON object"),
        ("terms.jsonl", b'{"id": "T1", "en": "MIIT"}\n["T2", "SCIO"]\n', "terms.jsonl:2:1: expected a JSON object"),
        ("terms.xlsx", b"ID,en-US,zh-CN\n", "terms.xlsx: not a readable XLSX workbook"),
        ("terms.parquet", b"PAR1 not parquet", "terms.parquet: cannot read as PARQUET"),
    ],
    ids=["jsonl-syntax", "jsonl-array", "xlsx", "parquet"],
)
def test_cli_unreadable_glossary_files_exit_2_naming_the_place(tmp_path: Path, name: str, content: bytes, expected: str) -> None:
    bad = tmp_path / name
    bad.write_bytes(content)
    result = run("export", str(bad), "--to", "tbx")
    assert result.exit_code == 2, result.output
    assert expected in result.stderr
    assert [p.name for p in tmp_path.iterdir()] == [name]


def test_help_texts_carry_examples() -> None:
    for command in ("export", "convert", "validate"):
        result = run(command, "--help")
        assert result.exit_code == 0 and "termalign " + command in result.stdout
