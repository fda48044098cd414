"""`termalign batch` from the command line: exit codes, failures, and --resume after a killed run."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import polars as pl
import pytest
from typer.testing import CliRunner

from conftest import SEED_EN, SEED_ZH
from termalign.batch import TaskOptions, load_pairs, run_batch
from termalign.cli import app
from termalign.formats.tables import read_frame

runner = CliRunner()


def write_manifest(path: Path, rows: list[tuple[object, ...]]) -> Path:
    path.write_text("id\ten\tzh\tkind\n" + "".join("\t".join(map(str, row)) + "\n" for row in rows), encoding="utf-8")
    return path


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    bad = tmp_path / "bad.tsv"
    bad.write_text("only-an-id\n", encoding="utf-8")
    result = runner.invoke(app, ["batch", str(bad), "-o", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert f"{bad}:1" in result.output and "expected 3 or 4 tab-separated columns" in result.output
    good = write_manifest(tmp_path / "m.tsv", [("a", SEED_EN, SEED_ZH)])
    result = runner.invoke(app, ["batch", str(good), "-o", str(tmp_path / "out"), "--scheduler", "tcp://127.0.0.1:1"])
    assert result.exit_code == 2 and "--scheduler needs --engine dask" in result.output
    assert not (tmp_path / "out").exists()


@pytest.mark.slow
def test_a_failed_pair_exits_1_and_is_listed(tmp_path: Path, mac_dev: Path) -> None:
    corrupted = tmp_path / "corrupted.en"
    corrupted.write_bytes(b"\xff\xfe\x00garbage\x80\x81" * 100)
    manifest = write_manifest(
        tmp_path / "m.tsv",
        [("good", mac_dev / "en" / "006.en", mac_dev / "zh" / "006.zh", "presplit"), ("broken", corrupted, mac_dev / "zh" / "006.zh", "presplit")],
    )
    result = runner.invoke(app, ["batch", str(manifest), "-o", str(tmp_path / "out"), "--fast", "--jobs", "1", "--quiet"])
    assert result.exit_code == 1, result.output
    assert "1 aligned" in result.output and "1 failed" in result.output and "failed: broken" in result.output
    failures = read_frame(tmp_path / "out" / "failures.tsv")
    assert failures["id"].to_list() == ["broken"] and str(corrupted) in failures["error"][0]
    assert pl.read_parquet(tmp_path / "out" / "beads.parquet")["pair"].unique().to_list() == ["good"]


@pytest.mark.slow
def test_two_folders_pair_by_name_and_report_the_unmatched(tmp_path: Path, mac_dev: Path) -> None:
    en, zh = tmp_path / "en", tmp_path / "zh"
    en.mkdir(), zh.mkdir()
    (en / "006.en").symlink_to(mac_dev / "en" / "006.en")  # read in place
    (zh / "006.zh").symlink_to(mac_dev / "zh" / "006.zh")
    (en / "007.en").write_text("A chapter without its translation.\n", encoding="utf-8")
    result = runner.invoke(app, ["batch", str(en), str(zh), "-o", str(tmp_path / "out"), "--kind", "presplit", "--fast", "-j", "1", "-q"])
    assert result.exit_code == 0, result.output
    assert f"unmatched: {en / '007.en'} has no counterpart" in " ".join(result.output.split())
    assert "1 aligned" in result.output
    beads = pl.read_parquet(tmp_path / "out" / "beads.parquet")
    assert beads["pair"].unique().to_list() == ["006"] and beads["document"][0] == "006.en"
    assert read_frame(tmp_path / "out" / "pairs.tsv")["en_sentences"].to_list() == ["272"]  # TSV cells read as text


def _batch_command(manifest: Path, out: Path, *extra: str) -> list[str]:
    return [sys.executable, "-c", "from termalign.cli import main; main()", "batch", str(manifest), "-o", str(out), "--fast", "--jobs", "1", "--quiet", *extra]


def _wait_for(paths: list[Path], process: subprocess.Popen, timeout: float = 300) -> None:
    deadline = time.monotonic() + timeout
    while not all(p.exists() for p in paths):
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline, "the batch did not get to the blocked pair in time"
        time.sleep(0.2)


@pytest.mark.slow
def test_resume_after_a_killed_run_gives_the_uninterrupted_result(tmp_path: Path, mac_dev: Path) -> None:
    # The third pair's English file is a named pipe: reading it blocks, so the run is killed
    # for certain after two pairs and while it is inside the third.
    blocking = tmp_path / "blocking.en"
    os.mkfifo(blocking)
    manifest = write_manifest(
        tmp_path / "pairs.tsv",
        [
            ("a-mac-004", mac_dev / "en" / "004.en", mac_dev / "zh" / "004.zh", "presplit"),
            ("b-mac-006", mac_dev / "en" / "006.en", mac_dev / "zh" / "006.zh", "presplit"),
            ("c-blocked", blocking, mac_dev / "zh" / "005.zh", "presplit"),
            ("d-mac-001", mac_dev / "en" / "001.en", mac_dev / "zh" / "001.zh", "presplit"),
        ],
    )
    killed = tmp_path / "killed"
    process = subprocess.Popen(_batch_command(manifest, killed), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        _wait_for([killed / "parts" / "a-mac-004.done.json", killed / "parts" / "b-mac-006.done.json"], process)
        time.sleep(0.5)
        assert process.poll() is None  # blocked on the pipe
    finally:
        process.send_signal(signal.SIGKILL)
        process.communicate()
    assert not (killed / "beads.parquet").exists()

    blocking.unlink()
    blocking.symlink_to(mac_dev / "en" / "005.en")  # the file is there now (read in place)
    resumed = subprocess.run(_batch_command(manifest, killed, "--resume"), capture_output=True, text=True)
    assert resumed.returncode == 0, resumed.stderr
    assert "2 aligned, 2 kept from an earlier run, 0 failed" in resumed.stderr

    whole = tmp_path / "whole"  # the same batch, uninterrupted (in this process: same code, one start-up less)
    assert run_batch(load_pairs([manifest]), whole, options=TaskOptions(fast=True)).aligned == 4
    for name in ("memory.tmx", "glossary.tsv", "failures.tsv"):
        assert (killed / name).read_bytes() == (whole / name).read_bytes(), name
    beads = pl.read_parquet(killed / "beads.parquet")
    assert beads.equals(pl.read_parquet(whole / "beads.parquet"))
    assert beads.select("pair", "bead").is_duplicated().sum() == 0
    stable = pl.exclude("seconds", "cpu_seconds", "status")
    assert read_frame(killed / "pairs.tsv").select(stable).equals(read_frame(whole / "pairs.tsv").select(stable))
    assert read_frame(killed / "pairs.tsv")["status"].to_list() == ["resumed", "resumed", "aligned", "aligned"]
