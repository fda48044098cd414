"""`run_batch`: every pair of a manifest through an engine, then the merge, the tables and the summary.

Output folder::

    OUTDIR/parts/<id>.beads.parquet, <id>.glossary.parquet, <id>.done.json   (per pair)
    OUTDIR/beads.parquet  memory.tmx  glossary.tsv                           (merged, see merge)
    OUTDIR/failures.tsv   pairs.tsv   summary.json
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import time
from dataclasses import asdict
from pathlib import Path
from typing import Iterator

import polars as pl

from termalign.batch.engines import Engine, InlineEngine
from termalign.batch.manifest import Manifest
from termalign.batch.merge import BEADS_FILE, GLOSSARY_FILE, TMX_FILE, merge_parts
from termalign.batch.summary import BatchOutputs, BatchSummary, summarise
from termalign.batch.tasks import PairResult, PairTask, TaskOptions, completed_result, failure_of, forget_pair
from termalign.errors import InputError, UsageError
from termalign.fileio import atomic_output, remove_unfinished
from termalign.formats.tables import write_frame
from termalign.progress import NO_PROGRESS, Progress

PARTS = "parts"
FAILURES_FILE = "failures.tsv"
PAIRS_FILE = "pairs.tsv"
SUMMARY_FILE = "summary.json"
LOCK_FILE = ".lock"
FAILURE_SCHEMA: dict[str, type[pl.DataType]] = {"id": pl.String, "en": pl.String, "zh": pl.String, "error": pl.String}


def run_batch(
    manifest: Manifest,
    outdir: str | Path,
    *,
    engine: Engine | None = None,
    options: TaskOptions = TaskOptions(),
    resume: bool = False,
    progress: Progress = NO_PROGRESS,
    sentence_progress: Progress = NO_PROGRESS,
) -> BatchSummary:
    """Align every pair of `manifest` on `engine` (default: one after the other in this process),
    write the per-pair parts and the merged outputs into `outdir`, and return the summary.

    A pair that fails is recorded (failures.tsv, `BatchSummary.failures`), never raised. With
    `resume`, pairs complete from an earlier run with the same inputs and options are kept as
    they are; without it every pair is done again. `progress` counts pairs, `sentence_progress`
    English sentences."""
    started = time.perf_counter()
    folder = Path(outdir).absolute()  # workers write their parts here: the same path for all
    if folder.exists() and not folder.is_dir():
        raise InputError(str(folder), "exists and is not a folder: expected an output folder")
    parts = folder / PARTS
    parts.mkdir(parents=True, exist_ok=True)
    run = engine or InlineEngine()
    with _only_run_in(folder):
        remove_unfinished(parts)  # writes a killed run left half done
        results = _align_pairs(manifest, parts, run, options, resume, progress, sentence_progress)
        ordered = [results[pair_id] for pair_id in sorted(results)]
        pairs = {pair.id: pair for pair in manifest.pairs}
        failures = [failure_of(pairs[r.id], r) for r in ordered if not r.ok]
        merge_started = time.perf_counter()
        merged = merge_parts([r.id for r in ordered if r.ok], parts, folder, progress=progress)
        merge_seconds = time.perf_counter() - merge_started
        outputs = BatchOutputs(
            folder=folder,
            beads=folder / BEADS_FILE,
            tmx=folder / TMX_FILE,
            glossary=folder / GLOSSARY_FILE,
            failures=folder / FAILURES_FILE,
            pairs=folder / PAIRS_FILE,
            summary=folder / SUMMARY_FILE,
            bead_rows=merged.bead_rows,
            translation_units=merged.translation_units,
            terms=merged.terms,
        )
        write_frame(pl.DataFrame([asdict(f) for f in failures], schema=FAILURE_SCHEMA), outputs.failures, "tsv")
        write_frame(_pairs_frame(manifest, results), outputs.pairs, "tsv")
        summary = summarise(ordered, failures, seconds=time.perf_counter() - started, pairs=len(pairs))
        summary.unmatched = [str(p) for p in manifest.unmatched]
        summary.merge_seconds = merge_seconds
        summary.engine = type(run).__name__
        summary.workers = run.workers
        summary.outputs = outputs
        with atomic_output(outputs.summary) as handle:
            json.dump(summary_record(summary), handle, ensure_ascii=False, indent=1)
    return summary


def _align_pairs(
    manifest: Manifest,
    parts: Path,
    run: Engine,
    options: TaskOptions,
    resume: bool,
    progress: Progress,
    sentence_progress: Progress,
) -> dict[str, PairResult]:
    """Every pair's result: kept from an earlier run (`resume`) or computed on `run`."""
    results: dict[str, PairResult] = {}
    todo: list[PairTask] = []
    progress.start("pairs", len(manifest.pairs))
    sentence_progress.start("sentences", None)
    for pair in manifest.pairs:
        task = PairTask(pair, parts, options)
        earlier = completed_result(task) if resume else None
        if earlier is None:
            if not resume:
                forget_pair(parts, pair.id)
            todo.append(task)
            continue
        results[pair.id] = earlier
        progress.advance()
        sentence_progress.advance(earlier.en_sentences)
    for result in run.run(todo):
        results[result.id] = result
        progress.advance()
        sentence_progress.advance(result.en_sentences)
    sentence_progress.finish()
    progress.finish()
    return results


@contextlib.contextmanager
def _only_run_in(folder: Path) -> Iterator[None]:
    """Hold OUTDIR/.lock for the run: two batches merging into one folder would mix their outputs."""
    with open(folder / LOCK_FILE, "a") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise UsageError(f"another batch is writing to {folder} (it holds {folder / LOCK_FILE})") from None
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _pairs_frame(manifest: Manifest, results: dict[str, PairResult]) -> pl.DataFrame:
    rows = []
    for pair in manifest.pairs:
        result = results[pair.id]
        rows.append(
            {
                "id": pair.id,
                "status": "failed" if not result.ok else ("resumed" if result.resumed else "aligned"),
                "en": str(pair.en),
                "zh": str(pair.zh),
                "en_sentences": result.en_sentences,
                "zh_sentences": result.zh_sentences,
                "beads": result.beads,
                "mean_confidence": round(result.mean_confidence, 4),
                "low_confidence_beads": result.low_confidence_beads,
                "terms": result.terms,
                "seconds": round(result.seconds, 3),
                "cpu_seconds": round(result.cpu_seconds, 3),
            }
        )
    return pl.DataFrame(rows)


def summary_record(summary: BatchSummary) -> dict[str, object]:
    """The summary as JSON-ready data (paths as text)."""
    record = asdict(summary)
    record["beads"] = summary.beads
    record["pairs_per_minute"] = round(summary.pairs_per_minute, 2)
    if summary.outputs is not None:
        record["outputs"] = {k: str(v) if isinstance(v, Path) else v for k, v in asdict(summary.outputs).items()}
    return record
