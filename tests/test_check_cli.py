"""`termalign check` as a CI gate: exit codes, report formats, no half-written report."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
import typer
import typer.core
from typer.testing import CliRunner

from termalign.cli import app

runner = CliRunner()
GLOSSARY = Path(__file__).parent / "data" / "check_glossary.tsv"

EN_1 = "In 2022, China's added value of industries above the designated size grew by 3.6% year on year."
ZH_1 = "2022年，全国规模以上工业增加值同比增长3.6%。"
EN_2 = "China built 887,000 new 5G base stations in 2022, and the total number amounted to 2.312 million."
ZH_2 = "2022年全年新建5G基站88.7万个，总数达到231.2万个。"


def run(*args: str):
    command = typer.main.get_command(app)
    argv = ["check", *args] if isinstance(command, typer.core.TyperGroup) else list(args)
    return runner.invoke(app, argv)


def bilingual(tmp_path: Path, rows: list[tuple[str, str]]) -> Path:
    path = tmp_path / "new.tsv"
    path.write_text("id\tsource\ttarget\n" + "".join(f"s{i}\t{a}\t{b}\n" for i, (a, b) in enumerate(rows, 1)), encoding="utf-8")
    return path


def test_clean_translation_exits_0(tmp_path: Path) -> None:
    result = run(str(bilingual(tmp_path, [(EN_1, ZH_1), (EN_2, ZH_2)])), "--glossary", str(GLOSSARY))
    assert result.exit_code == 0, result.output
    assert "2 segments checked, 0 flagged" in result.stdout


def test_errors_exit_1_and_the_table_shows_them(tmp_path: Path) -> None:
    path = bilingual(tmp_path, [(EN_1, ZH_1.replace("3.6%", "3.5%")), (EN_2, ZH_2.replace("5G基站", "5G基地站"))])
    result = run(str(path), "--glossary", str(GLOSSARY))
    assert result.exit_code == 1
    assert "numbers.changed" in result.stdout and "terms.missing" in result.stdout
    assert "new.tsv#s1" in result.stdout
    never = run(str(path), "--glossary", str(GLOSSARY), "--fail-on", "never")
    assert never.exit_code == 0


def test_fail_on_warning_counts_warnings(tmp_path: Path) -> None:
    path = bilingual(tmp_path, [(EN_1, ZH_1 + "占比为12%。")])  # an extra number: a warning
    assert run(str(path), "--fail-on", "error").exit_code == 0
    assert run(str(path), "--fail-on", "warning").exit_code == 1


def test_json_and_csv_reports(tmp_path: Path) -> None:
    path = bilingual(tmp_path, [(EN_1, ZH_1.replace("3.6%", "3.5%"))])
    out = tmp_path / "report.json"
    result = run(str(path), "-g", str(GLOSSARY), "--format", "json", "-o", str(out))
    assert result.exit_code == 1
    data = json.loads(out.read_text(encoding="utf-8"))
    assert [f["check"] for f in data["findings"]] == ["numbers.changed"]
    assert data["summary"]["documents"] == ["new.tsv"]
    out = tmp_path / "report.csv"
    assert run(str(path), "--format", "csv", "-o", str(out)).exit_code == 1
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert rows[0]["check"] == "numbers.changed" and rows[0]["target_spans"] == "21-25"


def test_html_report_is_one_self_contained_page(tmp_path: Path) -> None:
    path = bilingual(tmp_path, [(EN_1, ZH_1.replace("3.6%", "3.5%"))])
    out = tmp_path / "report.html"
    assert run(str(path), "--format", "html", "-o", str(out)).exit_code == 1
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "numbers.changed" in page and "3.5%" in page
    assert "http://" not in page.replace("http://www.w3.org", "") and "https://" not in page


def test_checks_option_limits_the_run(tmp_path: Path) -> None:
    path = bilingual(tmp_path, [(EN_1, ZH_1.replace("3.6%", "3.5%"))])
    assert run(str(path), "--checks", "completeness,script").exit_code == 0
    assert run(str(path), "--checks", "numbers.changed").exit_code == 1


@pytest.mark.parametrize(
    "args, message",
    [
        (["missing.tsv"], "no such file or folder"),
        ([], "nothing to check"),
        (["--checks", "spelling", "{bilingual}"], "unknown check 'spelling'"),
        (["{bilingual}", "--glossary", "nope.tbx"], "nope.tbx"),
    ],
)
def test_bad_input_exits_2_without_a_report(tmp_path: Path, args: list[str], message: str) -> None:
    path = bilingual(tmp_path, [(EN_1, ZH_1)])
    out = tmp_path / "report.json"
    result = run(*[a.format(bilingual=path) for a in args], "--format", "json", "-o", str(out))
    assert result.exit_code == 2
    assert message in result.output
    assert not out.exists()


@pytest.mark.slow
def test_document_pairs_from_a_manifest_and_from_folders_give_one_combined_report(tmp_path: Path) -> None:
    from conftest import SEED_EN, SEED_ZH

    manifest = tmp_path / "pairs.tsv"
    manifest.write_text(f"id\ten\tzh\nmiit-2023\t{SEED_EN}\t{SEED_ZH}\n", encoding="utf-8")
    out = tmp_path / "manifest.json"
    result = run(str(manifest), "-g", str(GLOSSARY), "--fast", "--format", "json", "-o", str(out), "--fail-on", "never")
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["summary"]["documents"] == ["miit-2023"] and data["summary"]["segments"] > 300
    assert all(f["document"] == "miit-2023" for f in data["findings"])

    en_dir, zh_dir = tmp_path / "en", tmp_path / "zh"
    en_dir.mkdir(), zh_dir.mkdir()
    (en_dir / "miit.en.txt").write_bytes(SEED_EN.read_bytes())
    (zh_dir / "miit.zh.txt").write_bytes(SEED_ZH.read_bytes())
    (zh_dir / "orphan.zh.txt").write_text("谢谢。\n", encoding="utf-8")
    out = tmp_path / "folders.json"
    result = run("--source", str(en_dir), "--target", str(zh_dir), "--fast", "-f", "json", "-o", str(out), "--fail-on", "never")
    assert result.exit_code == 0, result.output
    assert "orphan.zh.txt has no partner" in result.output
    assert json.loads(out.read_text(encoding="utf-8"))["summary"]["documents"] == ["miit"]


def test_reference_adds_bleu_chrf_and_ter(tmp_path: Path) -> None:
    path = bilingual(tmp_path, [(EN_1, ZH_1), (EN_2, ZH_2)])
    reference = tmp_path / "reference.tsv"
    reference.write_text(f"id\tsource\ttarget\ns1\t{EN_1}\t{ZH_1}\ns2\t{EN_2}\t2022年新建5G基站88.7万个，总数为231.2万个。\n", encoding="utf-8")
    result = run(str(path), "--reference", str(reference))
    assert result.exit_code == 0, result.output
    assert "Against the reference (2 segments): BLEU" in result.stdout and "chrF" in result.stdout and "TER" in result.stdout
    out = tmp_path / "report.json"
    run(str(path), "--reference", str(reference), "-f", "json", "-o", str(out))
    metrics = json.loads(out.read_text(encoding="utf-8"))["summary"]["metrics"]
    assert 40 < metrics["bleu"] < 100 and metrics["segments"] == 2 and "tok:zh" in metrics["bleu_signature"]


def test_text_report_to_a_file_is_plain_text(tmp_path: Path) -> None:
    path = bilingual(tmp_path, [(EN_1, ZH_1.replace("3.6%", "3.5%"))])
    out = tmp_path / "report.txt"
    result = run(str(path), "-o", str(out))
    assert result.exit_code == 1
    text = out.read_text(encoding="utf-8")
    assert "numbers.changed" in text and "1 segments checked, 1 flagged: 1 error" in text
    assert "\x1b[" not in text  # no terminal colour codes in a file
    assert "1 segments checked" in result.output  # the summary also goes to stderr
