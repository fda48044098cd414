"""Batch runs through the library: merged outputs, engines giving the same outputs, failures, resume."""

from __future__ import annotations

import shutil
from pathlib import Path

import polars as pl
import pytest
from conftest import SEED_EN, SEED_ZH

from termalign.batch import BatchSummary, DaskEngine, LocalEngine, PairTask, TaskOptions, load_pairs, run_batch
from termalign.batch.tasks import completed_result
from termalign.formats.tables import read_frame, read_glossary_table
from termalign.formats.tmx import read_tmx

pytestmark = pytest.mark.slow  # every test here aligns and extracts terms (a worker warms up in ~15 s)

OPTIONS = TaskOptions(fast=True)  # the real aligner, without embeddings (CI speed)
MERGED_TEXT_FILES = ("memory.tmx", "glossary.tsv", "failures.tsv")


def write_manifest(path: Path, rows: list[tuple[str, ...]]) -> Path:
    path.write_text("id\ten\tzh\tkind\n" + "".join("\t".join(map(str, row)) + "\n" for row in rows), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def manifest_file(tmp_path_factory: pytest.TempPathFactory, mac_dev: Path) -> Path:
    """The bundled transcript (twice, under two ids) and three mac-dev chapters read in place."""
    folder = tmp_path_factory.mktemp("manifest")
    return write_manifest(
        folder / "pairs.tsv",
        [
            ("scio-a", SEED_EN, SEED_ZH),
            ("mac-006", mac_dev / "en" / "006.en", mac_dev / "zh" / "006.zh", "presplit"),
            ("mac-004", mac_dev / "en" / "004.en", mac_dev / "zh" / "004.zh", "presplit"),
            ("scio-b", SEED_EN, SEED_ZH),
            ("mac-001", mac_dev / "en" / "001.en", mac_dev / "zh" / "001.zh", "presplit"),  # more pairs than in flight
        ],
    )


@pytest.fixture(scope="module")
def sequential(manifest_file: Path, tmp_path_factory: pytest.TempPathFactory) -> BatchSummary:
    return run_batch(load_pairs([manifest_file]), tmp_path_factory.mktemp("sequential"), options=OPTIONS)


def same_outputs(a: Path, b: Path) -> None:
    for name in MERGED_TEXT_FILES:
        assert (a / name).read_bytes() == (b / name).read_bytes(), name
    assert pl.read_parquet(a / "beads.parquet").equals(pl.read_parquet(b / "beads.parquet"))
    stable = pl.exclude("seconds", "cpu_seconds", "status")
    assert read_frame(a / "pairs.tsv").select(stable).equals(read_frame(b / "pairs.tsv").select(stable))


def test_merged_beads_are_every_pair_in_id_order(sequential: BatchSummary) -> None:
    outputs = sequential.outputs
    beads = pl.read_parquet(outputs.beads)
    assert sequential.pairs == sequential.aligned == 5 and sequential.failed == 0
    assert beads["pair"].unique(maintain_order=True).to_list() == ["mac-001", "mac-004", "mac-006", "scio-a", "scio-b"]
    assert beads.height == outputs.bead_rows == sequential.beads
    per_pair = dict(beads.group_by("pair").len().iter_rows())
    parts = {p.name.split(".")[0]: pl.read_parquet(p).height for p in (outputs.folder / "parts").glob("*.beads.parquet")}
    assert per_pair == parts
    # the two copies of the transcript give the same beads, numbered from 1 in each pair
    a, b = (beads.filter(pl.col("pair") == name).drop("pair") for name in ("scio-a", "scio-b"))
    assert a.equals(b) and a["bead"][0] == 1
    assert sequential.en_sentences == beads.filter(pl.col("src_indices") != "")["src_indices"].str.split(" ").list.len().sum()


def test_tmx_holds_the_non_null_beads_with_their_pair(sequential: BatchSummary) -> None:
    beads = pl.read_parquet(sequential.outputs.beads)
    units = list(read_tmx(sequential.outputs.tmx))
    assert len(units) == sequential.outputs.translation_units == beads.filter((pl.col("src_indices") != "") & (pl.col("tgt_indices") != "")).height
    assert len({u.id for u in units}) == len(units)
    first = units[0]
    assert first.id.startswith("mac-001:0") and first.props["x-pair"] == "mac-001" and first.props["x-document"] == "001.en"
    scio = next(u for u in units if u.props["x-pair"] == "scio-a" and u.props.get("x-speaker"))
    assert scio.props["x-role"] in {"host", "speaker", "question"} and scio.props["x-turn"].startswith("t")


def test_glossary_counts_terms_across_documents(sequential: BatchSummary) -> None:
    merged = read_glossary_table(sequential.outputs.glossary)
    one_copy = read_glossary_table(next((sequential.outputs.folder / "parts").glob("scio-a.glossary.parquet")))
    miit = next(e for e in merged.entries if e.en == "Ministry of Industry and Information Technology")
    single = next(e for e in one_copy.entries if e.en == miit.en)
    assert miit.freq_en == 2 * single.freq_en  # the transcript is in the corpus twice
    assert "scio-2023-01-18-miit-industry-it-2022.en.txt" in miit.sources
    assert any(c.document == "006.en" for e in merged.entries for c in e.contexts)
    assert len(merged.entries) == sequential.outputs.terms


def test_summary_ranks_pairs_for_review(sequential: BatchSummary) -> None:
    means = [r.mean_confidence for r in sequential.review_first]
    assert means == sorted(means) and len(means) == 5
    assert sum(sequential.beads_by_kind.values()) == sequential.beads
    assert list(sequential.beads_by_kind)[0] == "1-1"
    assert (sequential.outputs.failures).read_text() == "id\ten\tzh\terror\n"


def test_dask_local_cluster_gives_the_same_outputs(sequential: BatchSummary, manifest_file: Path, tmp_path: Path) -> None:
    with DaskEngine(workers=2, fast=True, processes=False) as engine:
        summary = run_batch(load_pairs([manifest_file]), tmp_path, engine=engine, options=OPTIONS)
    assert summary.engine == "DaskEngine" and summary.workers == 2 and summary.aligned == 5
    same_outputs(sequential.outputs.folder, tmp_path)


@pytest.mark.slow
def test_local_process_pool_gives_the_same_outputs(sequential: BatchSummary, manifest_file: Path, tmp_path: Path) -> None:
    with LocalEngine(2, fast=True) as engine:
        summary = run_batch(load_pairs([manifest_file]), tmp_path, engine=engine, options=OPTIONS)
    assert summary.workers == 2 and summary.aligned == 5
    same_outputs(sequential.outputs.folder, tmp_path)


def test_failing_pairs_are_recorded_and_the_batch_goes_on(tmp_path: Path, mac_dev: Path) -> None:
    corrupted = tmp_path / "corrupted.zh"
    corrupted.write_bytes(bytes(range(256)) * 8)  # neither UTF-8 nor Chinese GB18030
    empty = tmp_path / "empty.zh"
    empty.write_text("\n\n", encoding="utf-8")
    short = tmp_path / "short.zh"
    short.write_text("第一句。\n第二句。\n", encoding="utf-8")
    en, zh = mac_dev / "en" / "006.en", mac_dev / "zh" / "006.zh"
    manifest = write_manifest(
        tmp_path / "pairs.tsv",
        [
            ("good", en, zh, "presplit"),
            ("corrupted", en, corrupted, "presplit"),
            ("empty", en, empty, "presplit"),
            ("mismatched", en, short, "presplit"),
            ("missing", en, tmp_path / "absent.zh", "presplit"),
        ],
    )
    summary = run_batch(load_pairs([manifest]), tmp_path / "out", options=OPTIONS)
    assert (summary.aligned, summary.failed) == (1, 4)
    failures = read_frame(summary.outputs.failures)
    assert failures["id"].to_list() == ["corrupted", "empty", "mismatched", "missing"]
    errors = dict(zip(failures["id"], failures["error"]))
    assert str(corrupted) in errors["corrupted"] and "byte offset" in errors["corrupted"]
    assert str(empty) in errors["empty"] and "empty" in errors["empty"]
    assert "272 English sentences against 2 Chinese" in errors["mismatched"]
    assert str(tmp_path / "absent.zh") in errors["missing"] and "no such file" in errors["missing"]
    assert pl.read_parquet(summary.outputs.beads)["pair"].unique().to_list() == ["good"]
    assert not list((tmp_path / "out" / "parts").glob("corrupted.*"))


def test_resume_keeps_complete_pairs_and_redoes_the_rest(sequential: BatchSummary, manifest_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    shutil.copytree(sequential.outputs.folder, out)
    parts = out / "parts"
    manifest = load_pairs([manifest_file])

    again = run_batch(manifest, out, options=OPTIONS, resume=True)
    assert (again.aligned, again.resumed) == (0, 5)
    same_outputs(sequential.outputs.folder, out)

    # a pair killed between its tables and its marker, a lost table, a damaged marker
    (parts / "mac-004.done.json").unlink()
    (parts / "mac-006.beads.parquet").unlink()
    (parts / "scio-a.done.json").write_text("{", encoding="utf-8")
    again = run_batch(manifest, out, options=OPTIONS, resume=True)
    assert (again.aligned, again.resumed) == (3, 2)
    same_outputs(sequential.outputs.folder, out)
    assert pl.read_parquet(out / "beads.parquet").height == sequential.beads  # nothing twice

    # other options make other outputs: nothing is kept
    other = TaskOptions(fast=True, top_terms=20)
    assert all(completed_result(PairTask(pair, parts, other)) is None for pair in manifest.pairs)
    assert all(completed_result(PairTask(pair, parts, OPTIONS)) is not None for pair in manifest.pairs)


def test_resume_redoes_a_pair_whose_input_changed(tmp_path: Path, mac_dev: Path) -> None:
    zh = tmp_path / "006.zh"
    shutil.copy(mac_dev / "zh" / "006.zh", zh)
    manifest = load_pairs([write_manifest(tmp_path / "pairs.tsv", [("mac", mac_dev / "en" / "006.en", zh, "presplit")])])
    first = run_batch(manifest, tmp_path / "out", options=OPTIONS)
    zh.write_text(zh.read_text(encoding="utf-8") + "新加的一句。\n", encoding="utf-8")
    second = run_batch(manifest, tmp_path / "out", options=OPTIONS, resume=True)
    assert second.aligned == 1 and second.zh_sentences == first.zh_sentences + 1
    assert run_batch(manifest, tmp_path / "out", options=OPTIONS, resume=True).resumed == 1
    assert run_batch(manifest, tmp_path / "out", options=OPTIONS).aligned == 1  # without resume: done again


def test_one_batch_at_a_time_per_output_folder_and_leftovers_cleared(tmp_path: Path) -> None:
    import fcntl

    from termalign.errors import UsageError

    manifest = load_pairs([write_manifest(tmp_path / "pairs.tsv", [("gone", tmp_path / "gone.en", tmp_path / "gone.zh")])])
    out = tmp_path / "out"
    (out / "parts").mkdir(parents=True)
    leftover = out / "parts" / ".gone.beads.parquet.x1y2.part"  # a write a killed run left unfinished
    leftover.write_bytes(b"PAR1")
    with open(out / ".lock", "a") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        with pytest.raises(UsageError, match="another batch is writing to"):
            run_batch(manifest, out, options=OPTIONS)
        assert leftover.exists()
    summary = run_batch(manifest, out, options=OPTIONS)
    assert summary.failed == 1 and "no such file" in summary.failures[0].error
    assert not leftover.exists()
    assert pl.read_parquet(out / "beads.parquet").height == 0 and list(read_tmx(out / "memory.tmx")) == []


def test_a_dead_worker_fails_its_pair_and_the_pool_goes_on(tmp_path: Path, mac_dev: Path) -> None:
    import os
    import signal
    import threading
    import time

    import psutil

    blocking = tmp_path / "blocking.en"
    os.mkfifo(blocking)  # the worker that takes this pair blocks reading it, until it is killed
    manifest = load_pairs(
        [
            write_manifest(
                tmp_path / "pairs.tsv",
                [
                    ("a-blocked", blocking, mac_dev / "zh" / "006.zh", "presplit"),
                    ("b", mac_dev / "en" / "006.en", mac_dev / "zh" / "006.zh", "presplit"),
                    ("c", mac_dev / "en" / "004.en", mac_dev / "zh" / "004.zh", "presplit"),
                ],
            )
        ]
    )
    out = tmp_path / "out"

    def kill_workers_when_the_others_are_done() -> None:
        deadline = time.monotonic() + 300
        while not all((out / "parts" / f"{name}.done.json").exists() for name in "bc") and time.monotonic() < deadline:
            time.sleep(0.2)
        for child in psutil.Process().children():
            if "spawn_main" in " ".join(child.cmdline()):
                child.send_signal(signal.SIGKILL)

    killer = threading.Thread(target=kill_workers_when_the_others_are_done)
    killer.start()
    with LocalEngine(2, fast=True) as engine:
        summary = run_batch(manifest, out, engine=engine, options=OPTIONS)
    killer.join()
    assert (summary.aligned, summary.failed) == (2, 1)
    assert summary.failures[0].id == "a-blocked" and "worker process died" in summary.failures[0].error
    assert pl.read_parquet(out / "beads.parquet")["pair"].unique(maintain_order=True).to_list() == ["b", "c"]


def test_accurate_mode_embeds_once_per_text_through_the_shared_model(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from termalign.align.encoder import shared_model
    from termalign.batch.worker import worker_encoder
    from termalign.readers import read_document

    monkeypatch.setenv("TERMALIGN_CACHE", str(tmp_path / "cache"))
    en, zh = read_document(SEED_EN), read_document(SEED_ZH)
    rows = []
    for turn in (0, 2, 3):  # short turns of the transcript, one sentence a line
        for lang, doc in (("en", en), ("zh", zh)):
            (tmp_path / f"t{turn}.{lang}").write_text("".join(s.text + "\n" for s in doc.turns[turn].sentences()), encoding="utf-8")
        rows.append((f"turn-{turn}", tmp_path / f"t{turn}.en", tmp_path / f"t{turn}.zh", "presplit"))
    manifest = load_pairs([write_manifest(tmp_path / "pairs.tsv", rows)])
    accurate = TaskOptions(fast=False)

    first = run_batch(manifest, tmp_path / "first", options=accurate)
    assert first.aligned == 3 and first.failed == 0
    encoder = worker_encoder()
    assert encoder.encoder is shared_model() and encoder.cache.path.parent == tmp_path / "cache"
    computed = encoder.computed
    assert computed > 0 and encoder.cache.path.exists()
    again = run_batch(manifest, tmp_path / "again", options=accurate)  # not --resume: aligned again
    assert again.aligned == 3 and worker_encoder().computed == computed  # every text from the cache
    assert (tmp_path / "first" / "memory.tmx").read_bytes() == (tmp_path / "again" / "memory.tmx").read_bytes()
    units = list(read_tmx(tmp_path / "first" / "memory.tmx"))
    assert any(u.source == "Friends from the media, good afternoon." and u.target == "各位媒体朋友，大家下午好！" for u in units)


def test_a_pair_leaves_no_sentence_keyed_analyses_behind(tmp_path: Path, mac_dev: Path) -> None:
    """A worker goes through pair after pair: the dictionary's per-sentence analyses of one pair
    are dropped when it is done, so the worker's memory does not grow with the pairs it has seen
    (tools/bench/bench_batch.py memory measures the resident size over a long batch)."""
    from termalign.batch.tasks import run_pair
    from termalign.text import dictionary

    rows = [("mac-006", mac_dev / "en" / "006.en", mac_dev / "zh" / "006.zh", "presplit")]
    pair = load_pairs([write_manifest(tmp_path / "pairs.tsv", rows)]).pairs[0]
    (tmp_path / "parts").mkdir()
    result = run_pair(PairTask(pair, tmp_path / "parts", OPTIONS))
    assert not result.error and result.en_sentences > 100
    assert dictionary.lexical_overlap("new energy vehicles", "新能源汽车") > 0  # fills the caches; forgetting keeps it working
    run_pair(PairTask(pair, tmp_path / "parts", OPTIONS))
    assert dictionary._english_side.cache_info().currsize == 0
    assert dictionary._chinese_side.cache_info().currsize == 0
