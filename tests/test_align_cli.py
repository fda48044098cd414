"""`termalign align` and `termalign evaluate` from the command line."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from termalign.cli import app
from termalign.formats.beads import read_beads

runner = CliRunner()


@pytest.fixture()
def excerpt(mac_dev, tmp_path, monkeypatch):
    """The first 45 sentences of mac-dev 001 on each side, pre-split, with their gold beads."""
    monkeypatch.setenv("TERMALIGN_CACHE", str(tmp_path / "cache"))
    zh = tmp_path / "001.zh"
    en = tmp_path / "001.en"
    zh.write_text("\n".join((mac_dev / "zh" / "001.zh").read_text(encoding="utf-8").splitlines()[:45]) + "\n", encoding="utf-8")
    en.write_text("\n".join((mac_dev / "en" / "001.en").read_text(encoding="utf-8").splitlines()[:45]) + "\n", encoding="utf-8")
    gold = tmp_path / "gold" / "001.align"
    gold.parent.mkdir()
    lines = [line for line in (mac_dev / "gold" / "001.align").read_text().splitlines()]
    kept = [line for line in lines if all(int(x) < 45 for side in line.split(":") for x in side.strip("[]").split(",") if x.strip())]
    gold.write_text("\n".join(kept) + "\n")
    return zh, en, gold


def test_align_writes_beads_that_evaluate_reads(excerpt, tmp_path):
    zh, en, gold = excerpt
    out = tmp_path / "auto" / "001.align"
    result = runner.invoke(app, ["align", str(zh), str(en), "--presplit", "--fast", "-o", str(out)])
    assert result.exit_code == 0, result.output
    beads = read_beads(out)
    assert [i for b in beads for i in b.src] == list(range(45))
    assert "beads" in result.stderr  # the summary line
    result = runner.invoke(app, ["evaluate", str(gold.parent), str(out.parent)])
    assert result.exit_code == 0, result.output
    assert "001.align" in result.stdout and "strict P" in result.stdout


def test_align_tsv_and_jsonl_carry_ids_texts_kinds_and_confidences(excerpt, tmp_path):
    zh, en, _gold = excerpt
    result = runner.invoke(app, ["align", str(zh), str(en), "--presplit", "--fast", "--format", "jsonl", "--quiet"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert rows[0]["src_ids"].split()[0] == "0" and rows[0]["src_text"].startswith("那天晚上")
    assert {"kind", "confidence", "tgt_text", "src_indices"} <= set(rows[0])
    assert all(0.0 <= row["confidence"] <= 1.0 for row in rows)
    tsv = tmp_path / "beads.tsv"
    assert runner.invoke(app, ["align", str(zh), str(en), "--presplit", "--fast", "-o", str(tsv), "-q"]).exit_code == 0
    assert tsv.read_text(encoding="utf-8").splitlines()[0].startswith("bead\tkind\tconfidence")


def test_align_writes_tmx(excerpt, tmp_path):
    zh, en, _gold = excerpt
    out = tmp_path / "beads.tmx"
    result = runner.invoke(app, ["align", str(zh), str(en), "--presplit", "--fast", "-o", str(out), "-q"])
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert "<tmx" in text and 'xml:lang="zh-CN"' in text and "x-confidence" in text


def test_max_beads_is_checked_and_bad_input_is_refused(excerpt, tmp_path):
    zh, en, _gold = excerpt
    result = runner.invoke(app, ["align", str(zh), str(en), "--presplit", "--fast", "--max-beads", "0"])
    assert result.exit_code == 2
    result = runner.invoke(app, ["align", str(zh), str(tmp_path / "missing.en"), "--presplit", "--fast"])
    assert result.exit_code == 2 and "missing.en" in result.stderr
    bad = tmp_path / "bad.align"
    bad.write_text("[0]:[0]\n[1]-[1]\n")
    result = runner.invoke(app, ["evaluate", str(bad), str(bad)])
    assert result.exit_code == 2 and "bad.align:2:1" in result.stderr
