"""Benchmark: batch throughput and scaling, local process pool against a Dask LocalCluster, worker memory.

The corpus is synthetic and built in a temporary folder (never in the project): windows of
about --lines English sentences cut from the mac-dev chapters (read from ../shared in place) at
gold bead boundaries, so each window's English and Chinese still translate each other. Every
pair gets its own tag (`[17]` / `〔17〕`) on each sentence, so no two pairs share a text and the
embedding cache cannot make later pairs free. Each configuration starts with an empty
embedding cache ($TERMALIGN_CACHE in a temporary folder; the dictionary index kept there is built
once, before the first run, so that no run pays for it).

    .venv/bin/python tools/bench/bench_batch.py scaling --fast --pairs 60 --lines 150 --repeat 3
    .venv/bin/python tools/bench/bench_batch.py scaling --pairs 16 --lines 60 --repeat 2   # accurate mode
    .venv/bin/python tools/bench/bench_batch.py memory --fast --pairs 1200              # RSS over a long batch
    .venv/bin/python tools/bench/bench_batch.py memory --pairs 40                       # accurate mode

`scaling` runs the same batch on: the local process pool with 1 and 2 workers, and a Dask
LocalCluster (processes) with 1 and 2 workers, in --repeat interleaved rounds (the report keeps
each configuration's best round); it reports wall time (worker start-up included)
and the steady pairs per minute, counted from the moment every worker has finished its first
pair (start-up, model loading and first-use warm-up excluded), and checks that every run's
merged outputs are identical. `memory` samples the resident memory of each worker process every
half second over a long batch and reports it at each tenth of the batch.

The machine's load average is printed before and after each run, and a control before and after
all runs: how much faster two processes running a pure-Python loop at once get through it than one
("machine ceiling", 2.0 on two free cores). Other processes on the same two cores (or on the
host) depress the scaling figures; the batch can at best reach the ceiling. To shield a
measurement from other work on a shared machine, run it under `nice -n -10` (as root).
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import os
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))

MAC_DEV = Path(os.environ.get("TERMALIGN_SHARED", ROOT.parent / "shared")) / "data" / "mac-dev"
MERGED = ("memory.tmx", "glossary.tsv", "beads.parquet")


# ------------------------------------------------------------------ corpus


def gold_beads(path: Path) -> list[tuple[list[int], list[int]]]:
    """(Chinese ids, English ids) per line of a mac-dev .align file."""
    beads = []
    for line in path.read_text(encoding="utf-8").splitlines():
        zh, en = line.split(":")
        beads.append(([int(i) for i in zh.strip("[] ").split(",") if i.strip()], [int(i) for i in en.strip("[] ").split(",") if i.strip()]))
    return beads


def windows(number: str, lines: int) -> list[tuple[list[str], list[str]]]:
    """Consecutive (English lines, Chinese lines) windows of one chapter, cut between gold beads."""
    en = (MAC_DEV / "en" / f"{number}.en").read_text(encoding="utf-8").splitlines()
    zh = (MAC_DEV / "zh" / f"{number}.zh").read_text(encoding="utf-8").splitlines()
    cut: list[tuple[list[str], list[str]]] = []
    en_ids: list[int] = []
    zh_ids: list[int] = []
    for zh_bead, en_bead in gold_beads(MAC_DEV / "gold" / f"{number}.align"):
        en_ids += en_bead
        zh_ids += zh_bead
        if len(en_ids) >= lines and zh_ids:
            cut.append(([en[i] for i in sorted(en_ids)], [zh[i] for i in sorted(zh_ids)]))
            en_ids, zh_ids = [], []
    return cut


def build_corpus(folder: Path, pairs: int, lines: int) -> Path:
    """`pairs` tagged windows as pre-split files in `folder`, and their manifest."""
    pool = [w for number in sorted(p.stem for p in (MAC_DEV / "en").glob("*.en")) for w in windows(number, lines)]
    (folder / "en").mkdir(parents=True, exist_ok=True)
    (folder / "zh").mkdir(parents=True, exist_ok=True)
    rows = ["id\ten\tzh\tkind"]
    for k in range(pairs):
        en_lines, zh_lines = pool[k % len(pool)]
        pair_id = f"p{k:05d}"
        (folder / "en" / f"{pair_id}.en").write_text("".join(f"{t} [{k}]\n" if t.strip() else "\n" for t in en_lines), encoding="utf-8")
        (folder / "zh" / f"{pair_id}.zh").write_text("".join(f"{t}〔{k}〕\n" if t.strip() else "\n" for t in zh_lines), encoding="utf-8")
        rows.append(f"{pair_id}\ten/{pair_id}.en\tzh/{pair_id}.zh\tpresplit")
    manifest = folder / "pairs.tsv"
    manifest.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return manifest


# ------------------------------------------------------------------ measuring


class Stamps:
    """A Progress that records when each pair completes (not the TMX writing that follows)."""

    def __init__(self) -> None:
        self.times: list[float] = []
        self._counting = False

    def start(self, description: str, total: int | None) -> None:
        self._counting = description == "pairs"

    def advance(self, amount: int = 1) -> None:
        if self._counting:
            self.times.extend([time.perf_counter()] * amount)

    def finish(self) -> None:
        pass


@dataclass
class RssSampler:
    """Resident memory of the worker processes (children of this one, or this one), every `every` s."""

    inline: bool
    every: float = 0.5
    samples: list[tuple[float, int, dict[int, int]]] = field(default_factory=list)  # (time, pairs done, pid → RSS)
    progress: Stamps | None = None

    def __post_init__(self) -> None:
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> RssSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        import psutil

        me = psutil.Process()
        while not self._stop.wait(self.every):
            processes = [me] if self.inline else [p for p in me.children(recursive=True) if _is_worker(p)]
            sizes = {}
            for process in processes:
                try:
                    sizes[process.pid] = process.memory_info().rss
                except psutil.Error:
                    pass
            done = len(self.progress.times) if self.progress else 0
            self.samples.append((time.perf_counter(), done, sizes))


def _is_worker(process) -> bool:  # noqa: ANN001 — a psutil.Process
    """Worker processes: pool workers and Dask workers, not Dask nannies or resource trackers."""
    try:
        command = " ".join(process.cmdline())
    except Exception:  # noqa: BLE001 — the process ended meanwhile
        return False
    return "resource_tracker" not in command and not process.children()


@dataclass
class Run:
    label: str
    workers: int
    pairs: int
    wall: float
    steady_ppm: float
    load_before: float
    load_after: float
    digest: str
    cpu_per_pair: float  # mean CPU seconds of a worker per pair: equal across runs when nothing serialises
    wall_per_pair: float  # mean wall seconds of a worker per pair: above cpu_per_pair when the worker waits for a core
    first_pair: float  # seconds from the start to the first completed pair (worker start-up included)
    merge: float  # seconds merging the parts at the end
    samples: list[tuple[float, int, dict[int, int]]]
    ceiling: float = float("nan")  # the machine ceiling measured just before the run

    @property
    def ppm(self) -> float:
        return 60 * self.pairs / self.wall


def run_config(label: str, engine_name: str, workers: int, manifest: Path, work: Path, fast: bool, sample: bool = False) -> Run:
    import polars as pl

    from termalign.batch import DaskEngine, InlineEngine, LocalEngine, TaskOptions, load_pairs, run_batch
    from termalign.formats.tables import read_frame

    for stale in (work / "cache").glob("embeddings-*"):
        stale.unlink()  # an empty embedding cache for every run (workers inherit $TERMALIGN_CACHE)
    out = work / f"out-{label}"
    stamps = Stamps()
    load_before = os.getloadavg()[0]
    started = time.perf_counter()
    if engine_name == "inline":
        engine_context = contextlib.nullcontext(InlineEngine())
    elif engine_name == "local":
        engine_context = LocalEngine(workers, fast)
    else:
        engine_context = DaskEngine(workers=workers, fast=fast, processes=True)
    with RssSampler(inline=engine_name == "inline", progress=stamps) if sample else contextlib.nullcontext(None) as sampler:
        with engine_context as engine:
            summary = run_batch(load_pairs([manifest]), out, engine=engine, options=TaskOptions(fast=fast), progress=stamps)
    wall = time.perf_counter() - started
    if summary.failed:
        raise SystemExit(f"{label}: {summary.failed} pairs failed: {summary.failures[:3]}")
    times = stamps.times[: summary.pairs]
    steady = 60 * (len(times) - workers) / (times[-1] - times[workers - 1]) if len(times) > workers else float("nan")
    digest = hashlib.sha256(b"".join((out / name).read_bytes() for name in MERGED if name != "beads.parquet")).hexdigest()[:16]
    per_pair = read_frame(out / "pairs.tsv", schema={"cpu_seconds": pl.Float64, "seconds": pl.Float64})
    cpu, busy = per_pair["cpu_seconds"].mean(), per_pair["seconds"].mean()
    return Run(
        label, workers, summary.pairs, wall, steady, load_before, os.getloadavg()[0], digest, cpu, busy,
        times[0] - started, summary.merge_seconds, sampler.samples if sampler else [],
    )


def _spin(loops: int) -> float:
    started = time.perf_counter()
    total = 0
    for i in range(loops):
        total += i
    return time.perf_counter() - started


def machine_ceiling(loops: int = 20_000_000) -> float:
    """How much faster two processes spinning at once get through the same work than one:
    2.0 on two free cores, less when other processes (or the host) take CPU time. The batch
    figures can at best reach this ratio."""
    import multiprocessing

    context = multiprocessing.get_context("spawn")
    with context.Pool(1) as one:
        alone = one.apply(_spin, (loops,))
    with context.Pool(2) as two:
        started = time.perf_counter()
        two.map(_spin, [loops, loops])
        together = time.perf_counter() - started
    return 2 * alone / together


def report(all_runs: list[Run], fast: bool) -> None:
    labels = list(dict.fromkeys(run.label for run in all_runs))
    runs = [max((r for r in all_runs if r.label == label), key=lambda r: r.steady_ppm) for label in labels]
    rounds = len(all_runs) // len(labels)
    print(f"\nmode: {'fast' if fast else 'accurate'}, {runs[0].pairs} pairs, {os.cpu_count()} cores, best of {rounds} round(s)")
    print(
        f"{'run':<10}{'wall s':>8}{'1st pair s':>11}{'merge s':>9}{'pairs/min':>11}{'steady/min':>12}{'cpu s/pair':>12}"
        f"{'wall s/pair':>12}{'ceiling':>9}{'load before→after':>20}  outputs"
    )
    for run in runs:
        print(
            f"{run.label:<10}{run.wall:>8.1f}{run.first_pair:>11.1f}{run.merge:>9.1f}{run.ppm:>11.1f}{run.steady_ppm:>12.1f}"
            f"{run.cpu_per_pair:>12.2f}{run.wall_per_pair:>12.2f}{run.ceiling:>8.2f}×{run.load_before:>12.2f} → {run.load_after:<5.2f}  {run.digest}"
        )
    by = {run.label: run for run in runs}
    for engine in ("local", "dask"):
        one, two = by.get(f"{engine}-1"), by.get(f"{engine}-2")
        if one and two:
            print(
                f"{engine}: 2 workers / 1 worker = {two.ppm / one.ppm:.2f}× (wall), "
                f"{two.steady_ppm / one.steady_ppm:.2f}× (steady), against a machine ceiling of {two.ceiling:.2f}× "
                f"measured just before: {100 * two.steady_ppm / one.steady_ppm / two.ceiling:.0f}% of what the machine gave"
            )
    for n in (1, 2):
        local, dask = by.get(f"local-{n}"), by.get(f"dask-{n}")
        if local and dask:
            print(
                f"dask overhead, {n} worker(s): wall {100 * (dask.wall / local.wall - 1):+.1f}%, "
                f"steady throughput {100 * (dask.steady_ppm / local.steady_ppm - 1):+.1f}%"
            )
    print("identical merged outputs (every round):", len({run.digest for run in all_runs}) == 1)


def report_memory(run: Run) -> None:
    print(f"\nmemory: {run.label}, {run.pairs} pairs, wall {run.wall:.1f} s, load {run.load_before:.2f} → {run.load_after:.2f}")
    pids = sorted({pid for _, _, sizes in run.samples for pid in sizes})
    print(f"{'pairs done':>11}" + "".join(f"{'worker ' + str(i + 1) + ' MB':>14}" for i in range(len(pids))))
    marks = [run.pairs * k // 10 for k in range(1, 11)]
    for mark in marks:
        sample = next((s for s in run.samples if s[1] >= mark), run.samples[-1] if run.samples else None)
        if sample is None:
            continue
        print(f"{sample[1]:>11}" + "".join(f"{sample[2].get(pid, 0) / 2**20:>14.0f}" for pid in pids))
    for i, pid in enumerate(pids):
        series = [sizes[pid] for _, done, sizes in run.samples if pid in sizes and run.pairs // 10 <= done < run.pairs]
        if series:
            print(f"worker {i + 1}: after the first tenth {series[0] / 2**20:.0f} MB, peak {max(series) / 2**20:.0f} MB, last {series[-1] / 2**20:.0f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("what", choices=("scaling", "memory"))
    parser.add_argument("--pairs", type=int, default=12)
    parser.add_argument("--lines", type=int, default=60, help="English sentences per pair (about)")
    parser.add_argument("--fast", action="store_true")
    parser.add_argument("--configs", default="local-1,local-2,dask-1,dask-2", help="comma-separated: inline-1, local-N, dask-N")
    parser.add_argument("--repeat", type=int, default=1, help="rounds; the report takes each configuration's best round")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-batch-") as tmp:
        work = Path(tmp)
        os.environ["TERMALIGN_CACHE"] = str(work / "cache")
        from termalign.text.dictionary import load_lexicon

        load_lexicon()  # builds the dictionary index into the cache once
        manifest = build_corpus(work / "corpus", args.pairs, args.lines)
        if args.what == "memory":
            label = args.configs.split(",")[0] if args.configs != parser.get_default("configs") else "local-2"
            engine_name, workers = label.split("-")
            report_memory(run_config(label, engine_name, int(workers), manifest, work, args.fast, sample=True))
            return
        runs = []
        for round_number in range(args.repeat):  # rounds interleave the configurations: noise hits them alike
            for label in args.configs.split(","):
                engine_name, workers = label.split("-")
                ceiling = machine_ceiling()
                run = run_config(label, engine_name, int(workers), manifest, work, args.fast)
                run.ceiling = ceiling
                runs.append(run)
                print(f"  round {round_number + 1} {label}: {run.wall:.1f} s, steady {run.steady_ppm:.1f}/min, ceiling {ceiling:.2f}×", flush=True)
        report(runs, args.fast)


if __name__ == "__main__":
    main()
