"""`termalign report` (a bead table and its documents in, one HTML file out) and
`termalign align --report / --fix` (the review report and the reviewer's fixes round trip)."""

from __future__ import annotations

import shutil

import lxml.html
import pytest
from conftest import GLOSSARIES, SEED_EN, SEED_ZH
from report_corpus import aligned_corpus
from typer.testing import CliRunner

from termalign.cli import app
from termalign.formats.tables import beads_frame, write_frame

runner = CliRunner()


@pytest.fixture()
def bead_table(tmp_path):
    """The aligner's output on the corpus as `termalign align` writes it, beside copies of its documents."""
    shutil.copy(SEED_EN, tmp_path / SEED_EN.name)
    shutil.copy(SEED_ZH, tmp_path / SEED_ZH.name)
    path = tmp_path / "beads.tsv"
    write_frame(beads_frame(aligned_corpus()), path, "tsv")
    return path


def test_report_command_writes_the_review_report(bead_table, tmp_path):
    out = tmp_path / "out" / "report.html"
    result = runner.invoke(app, ["report", str(bead_table), "-o", str(out), "--title", "MIIT 2022"])
    assert result.exit_code == 0, result.output
    tree = lxml.html.fromstring(out.read_text(encoding="utf-8"))
    assert tree.xpath("string(//h1)") == "MIIT 2022"
    beads = aligned_corpus().beads
    assert len(tree.xpath('//tr[contains(@class, "bead")]')) == len(beads)
    assert f"{len(beads)} beads ({sum(b.confidence < 0.8 for b in beads)} below 0.80)" in result.stderr


def test_report_finds_the_documents_by_option_when_they_are_elsewhere(bead_table, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (tmp_path / SEED_EN.name).rename(elsewhere / "en.txt")
    out = tmp_path / "r.html"
    result = runner.invoke(app, ["report", str(bead_table), "-o", str(out)])
    assert result.exit_code == 2 and "pass --source PATH" in result.stderr and not out.exists()
    result = runner.invoke(app, ["report", str(bead_table), "--source", str(elsewhere / "en.txt"), "-o", str(out)])
    assert result.exit_code == 0, result.output


def test_report_reads_jsonl_bead_tables_too(bead_table, tmp_path):
    jsonl = tmp_path / "beads.jsonl"
    write_frame(beads_frame(aligned_corpus()), jsonl, "jsonl")
    out = tmp_path / "r.html"
    result = runner.invoke(app, ["report", str(jsonl), "-o", str(out), "-q"])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").count('<tr id="b') == len(aligned_corpus().beads)
    lines = jsonl.read_text(encoding="utf-8").splitlines()
    lines[2] = lines[2].replace('"confidence":', '"confidence": 7, "_":')
    jsonl.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["report", str(jsonl), "-o", str(out)])
    assert result.exit_code == 2 and f"{jsonl}:3:" in result.stderr and "expected a number from 0 to 1" in result.stderr


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




def _align(tmp_path, *extra: str):
    return runner.invoke(app, ["align", str(SEED_EN), str(SEED_ZH), "--fast", "-q", *extra])


def test_align_writes_the_report_and_applies_the_fixes_exported_from_it(tmp_path):
    beads, report = tmp_path / "beads.tsv", tmp_path / "report.html"
    result = _align(tmp_path, "-o", str(beads), "--report", str(report))
    assert result.exit_code == 0, result.output
    rows = lxml.html.fromstring(report.read_text(encoding="utf-8")).xpath('//tr[contains(@class, "bead")]')
    table = [line.split("\t") for line in beads.read_text(encoding="utf-8").splitlines()]
    header, body = table[0], table[1:]
    assert len(rows) == len(body)
    # the reviewer ticks a 2-1 bead; the report's export writes it as below (see test_report_browser)
    col = {name: k for k, name in enumerate(header)}
    ticked = next(r for r in body if r[col["kind"]] == "2-1")
    row = next(r for r in rows if r.get("data-src") == ticked[col["src_ids"]])
    assert row.get("data-tgt") == ticked[col["tgt_ids"]]
    fixes = tmp_path / "fixes.tsv"
    fixes.write_text(
        "# termalign fixes\nbead\taction\tsrc\ttgt\tconfidence\tsrc_text\ttgt_text\n"
        + "\t".join([ticked[col["bead"]], "wrong", ticked[col["src_ids"]], ticked[col["tgt_ids"]], ticked[col["confidence"]],
                     ticked[col["src_text"]], ticked[col["tgt_text"]]]) + "\n",
        encoding="utf-8",
    )
    fixed = tmp_path / "fixed.tsv"
    result = _align(tmp_path, "-o", str(fixed), "--fix", str(fixes))
    assert result.exit_code == 0, result.output
    after = [line.split("\t") for line in fixed.read_text(encoding="utf-8").splitlines()[1:]]
    pairs_before = [(r[col["src_ids"]], r[col["tgt_ids"]]) for r in body]
    pairs_after = [(r[col["src_ids"]], r[col["tgt_ids"]]) for r in after]
    wrong = (ticked[col["src_ids"]], ticked[col["tgt_ids"]])
    assert wrong in pairs_before and wrong not in pairs_after
    assert len(set(pairs_before) - set(pairs_after)) == 1  # only the ticked bead changed …
    changed = [p for p in pairs_after if p not in pairs_before]
    assert " ".join(p[0] for p in changed if p[0]).split() == wrong[0].split()  # … into beads over its sentences


def test_align_refuses_fixes_made_on_other_texts(tmp_path):
    fixes = tmp_path / "fixes.tsv"
    fixes.write_text("bead\taction\tsrc\ttgt\n1\twrong\tt01.p01.s01\tt09.p01.s01\n", encoding="utf-8")
    out = tmp_path / "beads.tsv"
    result = _align(tmp_path, "-o", str(out), "--fix", str(fixes))
    assert result.exit_code == 2 and f"{fixes}:2:" in result.stderr and not out.exists()
