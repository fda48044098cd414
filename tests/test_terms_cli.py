"""`termalign terms` end to end: every output format written from the bundled corpus, read back,
and the XML ones validated against the published TBX schemas."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import SEED_EN, SEED_ZH
from termalign.cli import app
from termalign.formats import read_glossary
from termalign.formats.tables import beads_frame, read_glossary_table, write_frame
from termalign.model import Alignment, Bead, Lang
from termalign.readers import read_document

runner = CliRunner()


@pytest.fixture(scope="module")
def bead_table(tmp_path_factory) -> Path:
    """The two transcripts aligned paragraph to paragraph, as `termalign align` writes beads."""
    en = read_document(SEED_EN, lang=Lang.EN)
    zh = read_document(SEED_ZH, lang=Lang.ZH)
    beads = [Bead(tuple(s.index for s in a.sentences), tuple(s.index for s in b.sentences)) for a, b in zip(en.paragraphs, zh.paragraphs)]
    path = tmp_path_factory.mktemp("beads") / "miit.beads.tsv"
    write_frame(beads_frame(Alignment(en, zh, beads, method="paragraphs")), path)
    return path


def terms(*args: str):
    result = runner.invoke(app, ["terms", *args, "--quiet"])
    assert result.exit_code == 0, result.output
    return result


@pytest.mark.parametrize(
    ("fmt", "name"),
    [("tbx", "g.tbx"), ("tbx2", "g.v2.tbx"), ("omegat", "g.utf8"), ("csv", "g.csv"), ("xlsx", "g.xlsx"),
     ("tsv", "g.tsv"), ("jsonl", "g.jsonl"), ("parquet", "g.parquet")],
)
def test_every_format_written_and_read_back(tmp_path: Path, bead_table: Path, fmt: str, name: str) -> None:
    out = tmp_path / name
    terms(str(SEED_EN), "--alignment", str(bead_table), "--top", "15", "--format", fmt, "-o", str(out))
    glossary = read_glossary(out)
    chinese = {form: e.zh for e in glossary.entries for form in e.en_forms}
    assert chinese.get("MIIT") == "工业和信息化部" or chinese.get("Ministry of Industry and Information Technology") == "工业和信息化部"
    assert chinese.get("industrial internet") == "工业互联网"


def test_format_from_the_output_name(tmp_path: Path, bead_table: Path) -> None:
    out = tmp_path / "miit.v2.tbx"
    terms(str(SEED_EN), "--alignment", str(bead_table), "--top", "5", "-o", str(out))
    assert "<martif type=\"TBX\"" in out.read_text(encoding="utf-8")  # .v2.tbx → TBX v2


@pytest.mark.parametrize("fmt", ["tbx", "tbx2"])
def test_tbx_output_is_valid(tmp_path: Path, bead_table: Path, schemas: Path, fmt: str) -> None:
    from termalign.formats.validate import validate_file

    out = tmp_path / f"g.{fmt}.tbx"
    terms(str(SEED_EN), "--alignment", str(bead_table), "--top", "40", "--format", fmt, "-o", str(out))
    report = validate_file(out, schemas)
    assert report.valid, [str(i) for i in report.issues[:5]]
    result = runner.invoke(app, ["validate", str(out), "--schemas", str(schemas)])
    assert result.exit_code == 0 and "valid TBX" in result.output


def test_merge_joins_glossaries(tmp_path: Path, bead_table: Path) -> None:
    first, merged = tmp_path / "a.tsv", tmp_path / "merged.tbx"
    terms(str(SEED_EN), "--alignment", str(bead_table), "--top", "10", "-o", str(first))
    terms("--merge", str(first), str(first), "-o", str(merged))
    again = read_glossary(merged)
    once = read_glossary_table(first)
    assert len(again.entries) == len(once.entries)
    assert again.entries[0].freq_en == 2 * once.entries[0].freq_en


def test_bad_input_exits_2_without_output(tmp_path: Path) -> None:
    out = tmp_path / "never.tsv"
    result = runner.invoke(app, ["terms", str(tmp_path / "missing.en.txt"), "-o", str(out), "--quiet"])
    assert result.exit_code == 2 and not out.exists()
    result = runner.invoke(app, ["terms", str(SEED_EN), str(SEED_ZH), "--alignment", str(out), "-o", str(out), "--quiet"])
    assert result.exit_code == 2 and not out.exists()
    swapped = runner.invoke(app, ["terms", str(SEED_ZH), str(SEED_EN), "-o", str(out), "--quiet"])
    assert swapped.exit_code == 2 and f"{SEED_ZH.name}: expected an English document, got zh" in swapped.stderr
    assert not out.exists()


@pytest.mark.slow
def test_terms_of_two_texts_aligned_on_the_fly_as_valid_tbx(tmp_path: Path, schemas: Path) -> None:
    """`termalign terms EN ZH --format tbx -o x.tbx`, then `termalign validate x.tbx`."""
    out = tmp_path / "x.tbx"
    terms(str(SEED_EN), str(SEED_ZH), "--top", "30", "--format", "tbx", "-o", str(out))
    result = runner.invoke(app, ["validate", str(out), "--schemas", str(schemas)])
    assert result.exit_code == 0, result.output
    chinese = {form: e.zh for e in read_glossary(out).entries for form in e.en_forms}
    assert chinese["MIIT"] == "工业和信息化部" and chinese["new energy vehicles"] == "新能源汽车"


def test_a_beads_file_needs_the_chinese_text(tmp_path: Path) -> None:
    en = read_document(SEED_EN, lang=Lang.EN)
    zh = read_document(SEED_ZH, lang=Lang.ZH)
    lines = [f"[{', '.join(str(s.index) for s in a.sentences)}]:[{', '.join(str(s.index) for s in b.sentences)}]"
             for a, b in zip(en.paragraphs, zh.paragraphs)]
    beads = tmp_path / "miit.align"
    beads.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "g.tsv"
    terms(str(SEED_EN), str(SEED_ZH), "--alignment", str(beads), "--top", "5", "--no-embeddings", "-o", str(out))
    assert read_glossary_table(out).entries[0].zh == "工业和信息化部"
    result = runner.invoke(app, ["terms", str(SEED_EN), "--alignment", str(beads), "-o", str(tmp_path / "no.tsv"), "--quiet"])
    assert result.exit_code == 2 and "give the Chinese text ZH too" in result.output
    beads.write_text("[0]:[99999]\n", encoding="utf-8")
    result = runner.invoke(app, ["terms", str(SEED_EN), str(SEED_ZH), "--alignment", str(beads), "-o", str(tmp_path / "no.tsv"), "--quiet"])
    assert result.exit_code == 2 and "miit.align:1" in result.output
    beads.write_text("\n[0]:[1, 99999]\n", encoding="utf-8")  # the file's line and column, blank lines counted
    result = runner.invoke(app, ["terms", str(SEED_EN), str(SEED_ZH), "--alignment", str(beads), "-o", str(tmp_path / "no.tsv"), "--quiet"])
    assert result.exit_code == 2 and "miit.align:2:9: sentence id 99999 is beyond the target text" in result.output
