"""Corpus-scale runs: many document pairs aligned in parallel, resumable, merged into one corpus.

    manifest = load_pairs(["pairs.tsv"])                 # or load_pairs([EN_DIR, ZH_DIR])
    with open_engine("local", jobs=2, fast=True) as engine:   # or open_engine("dask", scheduler="tcp://…")
        summary = run_batch(manifest, "out", engine=engine, options=TaskOptions(fast=True), resume=True)

Per pair (`tasks.run_pair`, on any worker): read, segment, align, extract terms, write its bead
and glossary tables as Parquet parts and a done marker, atomically. Then (`merge`) one
``beads.parquet``, one ``memory.tmx`` and one ``glossary.tsv`` over the whole corpus, in pair-id
order, identical whatever the engine; failures in ``failures.tsv``; figures in `BatchSummary`.
"""

from __future__ import annotations

from termalign.batch.engines import DaskEngine, Engine, InlineEngine, LocalEngine, default_jobs, open_engine
from termalign.batch.manifest import DocumentPair, Manifest, load_pairs, pair_folders, pair_key, read_manifest
from termalign.batch.merge import merge_parts
from termalign.batch.runner import run_batch
from termalign.batch.summary import BatchOutputs, BatchSummary, PairReview
from termalign.batch.tasks import PairFailure, PairResult, PairTask, TaskOptions, run_pair

__all__ = [
    "run_batch",
    "load_pairs",
    "read_manifest",
    "pair_folders",
    "pair_key",
    "open_engine",
    "default_jobs",
    "Engine",
    "InlineEngine",
    "LocalEngine",
    "DaskEngine",
    "merge_parts",
    "run_pair",
    "DocumentPair",
    "Manifest",
    "TaskOptions",
    "PairTask",
    "PairResult",
    "PairFailure",
    "BatchSummary",
    "BatchOutputs",
    "PairReview",
]
