"""`termalign report`: a bead table and its documents in, one HTML file out."""

from __future__ import annotations

import shutil

import lxml.html
import pytest
from conftest import GLOSSARIES, SEED_EN, SEED_ZH
from report_corpus import corpus_alignment
from typer.testing import CliRunner

from termalign.cli import app
from termalign.formats.tables import beads_frame, write_frame

runner = CliRunner()


@pytest.fixture()
def bead_table(tmp_path):
    """The corpus alignment written as `termalign align` writes it, beside copies of its documents."""
    shutil.copy(SEED_EN, tmp_path / SEED_EN.name)
    shutil.copy(SEED_ZH, tmp_path / SEED_ZH.name)
    path = tmp_path / "beads.tsv"
    write_frame(beads_frame(corpus_alignment()), path, "tsv")
    return path


def test_report_command_writes_the_review_report(bead_table, tmp_path):
    out = tmp_path / "out" / "report.html"
    result = runner.invoke(app, ["report", str(bead_table), "-o", str(out), "--title", "MIIT 2022"])
    assert result.exit_code == 0, result.output
    tree = lxml.html.fromstring(out.read_text(encoding="utf-8"))
    assert tree.xpath("string(//h1)") == "MIIT 2022"
    assert len(tree.xpath('//tr[contains(@class, "bead")]')) == len(corpus_alignment().beads)
    assert "428 beads" in result.stderr


def test_report_finds_the_documents_by_option_when_they_are_elsewhere(bead_table, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (tmp_path / SEED_EN.name).rename(elsewhere / "en.txt")
    out = tmp_path / "r.html"
    result = runner.invoke(app, ["report", str(bead_table), "-o", str(out)])
    assert result.exit_code == 2 and "pass --source PATH" in result.stderr and not out.exists()
    result = runner.invoke(app, ["report", str(bead_table), "--source", str(elsewhere / "en.txt"), "-o", str(out)])
    assert result.exit_code == 0, result.output


def test_a_bead_table_from_other_texts_is_refused_with_its_line(bead_table, tmp_path):
    lines = bead_table.read_text(encoding="utf-8").splitlines()
    k = next(k for k, line in enumerate(lines) if "Ladies and gentlemen" in line)
    lines[k] = lines[k].replace("Ladies and gentlemen", "Dear guests")
    bead_table.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "r.html"
    result = runner.invoke(app, ["report", str(bead_table), "-o", str(out)])
    assert result.exit_code == 2
    assert f"{bead_table}:{k + 1}:" in result.stderr and "src_ids/src_text differ" in result.stderr
    assert not out.exists()


def test_report_help_has_an_example():
    result = runner.invoke(app, ["report", "--help"])
    assert result.exit_code == 0 and "termalign report out/beads.tsv" in result.output
def test_report_with_the_bundled_glossary(bead_table, tmp_path):
    glossary = GLOSSARIES / "scio-2023-01-18-miit.glossary.tsv"
    out = tmp_path / "r.html"
    result = runner.invoke(app, ["report", str(bead_table), "--glossary", str(glossary), "-o", str(out)])
    assert result.exit_code == 0, result.output
    tree = lxml.html.fromstring(out.read_text(encoding="utf-8"))
    en_terms = tree.xpath('//td[@lang="en"]//mark[contains(@class, "term")]')
    zh_terms = tree.xpath('//td[@lang="zh-Hans"]//mark[contains(@class, "term")]')
    assert en_terms and zh_terms
    assert any(m.text_content() == "工业和信息化部" and "Ministry of Industry and Information Technology" in m.get("title") for m in zh_terms)


