"""The work for one document pair, as a worker runs it: read, segment, align, extract terms, write.

`run_pair` never raises for a bad pair: whatever goes wrong (unreadable file, empty side, wildly
mismatched lengths, an aligner error) comes back as a failed `PairResult` with the error text,
so one pair never stops a batch.

A finished pair leaves three files in the parts folder, each written atomically:
``<id>.beads.parquet`` (its bead table, with a leading ``pair`` column), ``<id>.glossary.parquet``
(its glossary table) and, last, ``<id>.done.json`` — the marker that says the pair is complete and
records what it was made from (input sizes and times, options) and its figures. `--resume`
trusts a pair only when its marker exists, matches the current inputs and options, and both
tables are there; anything less is done again and overwritten, so beads are never duplicated.
"""

from __future__ import annotations

import json
import os
import time
from collections import Counter
from dataclasses import asdict, dataclass
from pathlib import Path
from urllib.parse import quote

import polars as pl

from termalign import __version__
from termalign.batch.manifest import DocumentPair
from termalign.errors import InputError
from termalign.fileio import atomic_output
from termalign.model import Document, Lang
from termalign.terms import DEFAULT_MIN_FREQ, DEFAULT_TOP

# A bead below this confidence counts as one to look at (the summary ranks pairs by them).
LOW_CONFIDENCE = 0.5
# A pair is refused when one side has more than RATIO × the other's sentences plus SLACK.
MAX_SENTENCE_RATIO = 3.0
SENTENCE_SLACK = 10

@dataclass(frozen=True, slots=True)
class TaskOptions:
    """What every pair of a batch is done with (`fast` and `max_beads` as in `align_documents`;
    `top_terms` and `min_freq` as in `extract_glossary`). `fast` means no sentence embeddings
    at all: neither in the alignment nor in the pairing of terms."""

    fast: bool = False
    max_beads: int | None = None  # None: the aligner's default for the mode
    max_sentence_ratio: float = MAX_SENTENCE_RATIO
    top_terms: int = DEFAULT_TOP
    min_freq: int = DEFAULT_MIN_FREQ
    low_confidence: float = LOW_CONFIDENCE

    def fingerprint(self) -> dict[str, object]:
        """The options as they bear on the outputs (recorded in done markers)."""
        from termalign.align.aligner import AlignOptions  # here: the batch CLI starts without the aligner

        return {
            "termalign": __version__,
            "fast": self.fast,
            "max_beads": AlignOptions(fast=self.fast, max_beads=self.max_beads).bead_limit,  # as resolved: None and 6 are one run
            "max_sentence_ratio": self.max_sentence_ratio,
            "top_terms": self.top_terms,
            "min_freq": self.min_freq,
        }


@dataclass(frozen=True, slots=True)
class PairTask:
    pair: DocumentPair
    parts_dir: Path
    options: TaskOptions


@dataclass(frozen=True, slots=True)
class PairResult:
    """What one pair came to; `error` is set (and the figures zero) when it failed."""

    id: str
    en_sentences: int = 0
    zh_sentences: int = 0
    beads_by_kind: tuple[tuple[str, int], ...] = ()  # sorted by kind
    confidence_sum: float = 0.0
    low_confidence_beads: int = 0
    terms: int = 0
    seconds: float = 0.0  # wall time on the worker
    cpu_seconds: float = 0.0  # CPU time of the worker thread for this pair (workers are single-threaded)
    error: str = ""
    resumed: bool = False  # read back from a done marker, not computed in this run

    @property
    def ok(self) -> bool:
        return not self.error

    @property
    def beads(self) -> int:
        return sum(count for _, count in self.beads_by_kind)

    @property
    def mean_confidence(self) -> float:
        return self.confidence_sum / self.beads if self.beads else 0.0


@dataclass(frozen=True, slots=True)
class PartPaths:
    beads: Path
    glossary: Path
    done: Path


def part_paths(parts_dir: Path, pair_id: str) -> PartPaths:
    """Where a pair's outputs go; the id is percent-encoded so any id is one safe file name."""
    stem = quote(pair_id, safe="")
    return PartPaths(parts_dir / f"{stem}.beads.parquet", parts_dir / f"{stem}.glossary.parquet", parts_dir / f"{stem}.done.json")


def run_pair(task: PairTask) -> PairResult:
    """Do one pair and write its parts; any failure is returned as a failed result, not raised."""
    started = (time.perf_counter(), time.thread_time())
    try:
        return _run(task, started)
    except Exception as error:  # noqa: BLE001 — one bad pair must not stop the batch
        wall, cpu = _elapsed(started)
        return PairResult(task.pair.id, seconds=wall, cpu_seconds=cpu, error=describe_error(error))
    finally:
        # the sentence-keyed caches of text knowledge serve one pair; kept, they would make a
        # worker's memory grow with every pair it has done
        from termalign.text.dictionary import forget_texts

        forget_texts()


def _elapsed(started: tuple[float, float]) -> tuple[float, float]:
    return time.perf_counter() - started[0], time.thread_time() - started[1]


def describe_error(error: BaseException) -> str:
    """One line for failures.tsv: input errors already name the file and line."""
    text = " ".join(str(error).split())
    if isinstance(error, InputError):
        return text
    return f"{type(error).__name__}: {text}" if text else type(error).__name__


def _run(task: PairTask, started: tuple[float, float]) -> PairResult:
    from termalign.align import align_documents
    from termalign.batch.worker import worker_encoder
    from termalign.formats.tables import beads_frame, glossary_frame, write_frame
    from termalign.readers import read_document
    from termalign.terms import extract_glossary

    pair, options = task.pair, task.options
    fingerprint = input_fingerprint(pair, options)  # before reading: a file changed meanwhile is redone next time
    en_doc = read_document(pair.en, lang=Lang.EN, kind=pair.kind)
    zh_doc = read_document(pair.zh, lang=Lang.ZH, kind=pair.kind)
    _check_sides(en_doc, zh_doc, options.max_sentence_ratio)
    alignment = align_documents(
        en_doc, zh_doc, fast=options.fast, max_beads=options.max_beads, encoder=worker_encoder()
    )
    glossary = extract_glossary(
        en_doc, alignment=alignment, top=options.top_terms, min_freq=options.min_freq, embeddings=not options.fast
    )
    beads = beads_frame(alignment)
    paths = part_paths(task.parts_dir, pair.id)
    write_frame(beads.select(pl.lit(pair.id).alias("pair"), pl.all()), paths.beads, "parquet")
    write_frame(glossary_frame(glossary), paths.glossary, "parquet")
    kinds = Counter(bead.kind for bead in alignment.beads)
    wall, cpu = _elapsed(started)
    result = PairResult(
        pair.id,
        en_sentences=len(en_doc.sentences),
        zh_sentences=len(zh_doc.sentences),
        beads_by_kind=tuple(sorted(kinds.items())),
        confidence_sum=float(sum(bead.confidence for bead in alignment.beads)),
        low_confidence_beads=sum(1 for bead in alignment.beads if bead.confidence < options.low_confidence),
        terms=len(glossary.entries),
        seconds=wall,
        cpu_seconds=cpu,
    )
    _write_marker(paths.done, pair, fingerprint, result, beads.height)
    return result


def _check_sides(en_doc: Document, zh_doc: Document, ratio: float) -> None:
    en_count = sum(1 for s in en_doc.sentences if s.text)
    zh_count = sum(1 for s in zh_doc.sentences if s.text)
    for doc, count in ((en_doc, en_count), (zh_doc, zh_count)):
        if count == 0:
            raise InputError(doc.path, "no sentences: this side of the pair is empty")
    small, large = sorted((en_count, zh_count))
    if large > ratio * small + SENTENCE_SLACK:
        raise InputError(
            en_doc.path,
            f"{en_count} English sentences against {zh_count} Chinese in {zh_doc.path}: "
            f"lengths too different to be translations of each other (limit {ratio:g}× + {SENTENCE_SLACK})",
        )


def input_fingerprint(pair: DocumentPair, options: TaskOptions) -> dict[str, object]:
    """What a pair's outputs depend on: its files (size, modification time), kind and options."""

    def stat(path: Path) -> list[int]:
        try:
            info = os.stat(path)
        except FileNotFoundError:
            raise InputError(str(path), "no such file") from None
        return [info.st_size, info.st_mtime_ns]

    return {
        "en": str(pair.en),
        "zh": str(pair.zh),
        "en_stat": stat(pair.en),
        "zh_stat": stat(pair.zh),
        "kind": pair.kind.value if pair.kind else None,
        "options": options.fingerprint(),
    }


def _write_marker(path: Path, pair: DocumentPair, fingerprint: dict[str, object], result: PairResult, rows: int) -> None:
    record = {"id": pair.id, "fingerprint": fingerprint, "bead_rows": rows, "result": asdict(result)}
    with atomic_output(path) as handle:
        json.dump(record, handle, ensure_ascii=False, indent=1)


def completed_result(task: PairTask) -> PairResult | None:
    """The result recorded by a complete earlier run of this pair with the same inputs and
    options, or None when it must be (re)done."""
    paths = part_paths(task.parts_dir, task.pair.id)
    try:
        record = json.loads(paths.done.read_text(encoding="utf-8"))
        if record.get("id") != task.pair.id or record.get("fingerprint") != input_fingerprint(task.pair, task.options):
            return None
        if not paths.glossary.is_file() or pl.scan_parquet(paths.beads).select(pl.len()).collect().item() != record["bead_rows"]:
            return None
        saved = record["result"]
        saved["beads_by_kind"] = tuple(tuple(item) for item in saved["beads_by_kind"])
        saved["resumed"] = True
        return PairResult(**saved)
    except (OSError, ValueError, KeyError, TypeError, pl.exceptions.PolarsError):
        return None


def forget_pair(parts_dir: Path, pair_id: str) -> None:
    """Remove a pair's done marker, so it counts as not done (a fresh run without --resume)."""
    part_paths(parts_dir, pair_id).done.unlink(missing_ok=True)


@dataclass(frozen=True, slots=True)
class PairFailure:
    id: str
    en: str
    zh: str
    error: str


def failure_of(pair: DocumentPair, result: PairResult) -> PairFailure:
    return PairFailure(pair.id, str(pair.en), str(pair.zh), result.error)


__all__ = [
    "TaskOptions",
    "PairTask",
    "PairResult",
    "PairFailure",
    "PartPaths",
    "part_paths",
    "run_pair",
    "completed_result",
    "forget_pair",
    "input_fingerprint",
    "describe_error",
    "failure_of",
]
