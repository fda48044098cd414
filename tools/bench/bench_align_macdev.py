"""Accuracy of `termalign align` on mac-dev (six Chinese novels' chapters with gold beads).

    .venv/bin/python tools/bench/bench_align_macdev.py                 # per-file and overall F1
    .venv/bin/python tools/bench/bench_align_macdev.py --ablation      # … and each component off
    .venv/bin/python tools/bench/bench_align_macdev.py --calibration   # confidence vs correctness
    .venv/bin/python tools/bench/bench_align_macdev.py --fast          # fast mode (word vectors, no sentence embeddings)
    .venv/bin/python tools/bench/bench_align_macdev.py --tune          # coordinate search of weights
    .venv/bin/python tools/bench/bench_align_macdev.py --leave-one-out # tune on 5 files, test on the 6th (the headline)
    .venv/bin/python tools/bench/bench_align_macdev.py --leave-one-out --jobs 2  # … two folds at a time
    .venv/bin/python tools/bench/bench_align_macdev.py --cold          # seconds per 1,000 sentences, nothing cached

mac-dev is read in place from ../shared/data/mac-dev (Chinese is the source, gold ids Chinese
first), through the pre-split reader, exactly as `termalign align --presplit` reads it.
Embeddings come from the on-disk cache after the first run.
"""

from __future__ import annotations

import argparse
import contextlib
import itertools
import multiprocessing
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))

from termalign.align.aligner import (
    AlignOptions,
    PreparedPair,
    align_prepared,
    one_blas_thread,
    prepare_pair,
)
from termalign.align.evaluate import ZERO, Counts, score_file
from termalign.align.scoring import COMPONENTS, FAST_WEIGHTS, Weights
from termalign.formats.beads import read_beads
from termalign.model import Alignment, Bead
from termalign.readers import read_document

MAC_DEV = ROOT.parent / "shared" / "data" / "mac-dev"
FILES = ["001", "002", "003", "004", "005", "006"]

# The free weights: the only ones tuning chooses, each from a short list of values (a weight
# shared by two terms is tuned as one: `size` sets size_1 and size_2 = 2·size). Every other
# weight is fixed by hand in align.scoring, from what the evidence means, not from mac-dev.
# Tuning starts from the middle of each list, never from an earlier tuning's result, so a fold
# of the leave-one-out run knows nothing of its held-out file.
FREE: dict[str, list[float]] = {
    "skip": [-0.1, -0.2, -0.3, -0.4],
    "gamma": [0.0, 0.25, 0.5],
    "piece_w": [0.0, 0.1, 0.2],
    "length_w": [0.0, 0.01, 0.02],
    "selflex_w": [0.0, 0.1, 0.2, 0.3],
    "size": [0.0, 0.05, 0.1],
}
FAST_FREE: dict[str, list[float]] = {
    "cos_w": [0.25, 0.5, 0.75],
    "beta": [0.0, 0.1, 0.2],
    "skip": [-0.2, -0.3, -0.4],
    "length_w": [0.01, 0.02, 0.04],
    "dict_w": [0.3, 0.5, 0.7],
    "selflex_w": [0.0, 0.2, 0.4],
    "size": [0.05, 0.1, 0.2],
}


def set_free(weights: Weights, name: str, value: float) -> Weights:
    if name == "size":
        return weights.with_values(size_1=value, size_2=2 * value)
    return weights.with_values(**{name: value})


def free_value(weights: Weights, name: str) -> float:
    return weights.size_1 if name == "size" else getattr(weights, name)


def prior(base: Weights, free: dict[str, list[float]]) -> Weights:
    """The starting point of every tuning: the middle value of each free weight's list."""
    for name, values in free.items():
        base = set_free(base, name, values[(len(values) - 1) // 2])
    return base


@dataclass
class Item:
    name: str
    prepared: PreparedPair
    gold: list[Bead]


def load(fast: bool, max_beads: int | None) -> list[Item]:
    if not MAC_DEV.exists():
        sys.exit(f"{MAC_DEV} is absent")
    items = []
    for name in FILES:
        zh = read_document(MAC_DEV / "zh" / f"{name}.zh", lang="zh", kind="presplit")
        en = read_document(MAC_DEV / "en" / f"{name}.en", lang="en", kind="presplit")
        prepared = prepare_pair(zh, en, AlignOptions(fast=fast, max_beads=max_beads))
        items.append(Item(name, prepared, read_beads(MAC_DEV / "gold" / f"{name}.align")))
    return items


def run(items: list[Item], options: AlignOptions) -> tuple[Counts, list[tuple[str, Counts]], list[Alignment]]:
    total = ZERO
    per_file = []
    alignments = []
    for item in items:
        alignment = align_prepared(item.prepared, options)
        counts = score_file(item.name, item.gold, alignment.beads).strict
        total = total + counts
        per_file.append((item.name, counts))
        alignments.append(alignment)
    return total, per_file, alignments


def f1_of(items: list[Item], options: AlignOptions) -> float:
    return run(items, options)[0].f1


def tune(
    items: list[Item], start: Weights, free: dict[str, list[float]], fast: bool, max_beads: int | None, rounds: int = 3, quiet: bool = False
) -> tuple[Weights, float]:
    """Coordinate search of the free weights on strict F1 (pooled over `items`), from `start`,
    until a round changes nothing; then moves of two weights at once, each to a neighbouring
    value of its list, and the coordinate search again from the best such move, until neither
    improves.

    The pair moves are there because two weights can stand in for each other: on the five files
    other than 003 the coordinate search alone stopped at skip −0.3, selflex 0.1 (0.9297),
    where skip −0.2, selflex 0.2 scores 0.9327 on those same files, and no single move
    leads there."""

    def evaluate(weights: Weights) -> float:
        return f1_of(items, AlignOptions(fast=fast, max_beads=max_beads, weights=weights))

    best_w, best = _coordinate_search(evaluate, start, evaluate(start), free, rounds, quiet)
    while True:
        moved_w, moved = _best_pair_move(evaluate, best_w, free)
        if moved <= best + 1e-9:
            return best_w, best
        if not quiet:
            print(f"  pair move: {moved:.4f}", flush=True)
        best_w, best = _coordinate_search(evaluate, moved_w, moved, free, rounds, quiet)


def _coordinate_search(
    evaluate: Callable[[Weights], float], best_w: Weights, best: float, free: dict[str, list[float]], rounds: int, quiet: bool
) -> tuple[Weights, float]:
    if not quiet:
        print(f"start F1 {best:.4f}", flush=True)
    for _ in range(rounds):
        improved = False
        for name, values in free.items():
            for value in values:
                if value == free_value(best_w, name):
                    continue
                trial = set_free(best_w, name, value)
                f1 = evaluate(trial)
                if f1 > best + 1e-9:
                    best, best_w, improved = f1, trial, True
                    if not quiet:
                        print(f"  {name}={value}: {f1:.4f}", flush=True)
        if not improved:
            break
    return best_w, best


def _best_pair_move(evaluate: Callable[[Weights], float], weights: Weights, free: dict[str, list[float]]) -> tuple[Weights, float]:
    """The best of the moves of two free weights at once, each one step along its list."""
    best_w, best = weights, -1.0
    for (name_a, values_a), (name_b, values_b) in itertools.combinations(free.items(), 2):
        for value_a in _neighbours(values_a, free_value(weights, name_a)):
            for value_b in _neighbours(values_b, free_value(weights, name_b)):
                trial = set_free(set_free(weights, name_a, value_a), name_b, value_b)
                f1 = evaluate(trial)
                if f1 > best:
                    best, best_w = f1, trial
    return best_w, best


def _neighbours(values: list[float], current: float) -> list[float]:
    k = values.index(current)
    return [values[i] for i in (k - 1, k + 1) if 0 <= i < len(values)]


def leave_one_out(
    items: list[Item], base: Weights, free: dict[str, list[float]], fast: bool, max_beads: int | None, jobs: int = 1
) -> Counts:
    """Each file scored with the weights tuned on the other five (from the same prior start);
    `jobs` folds at a time, in forked processes."""
    folds = [(items, k, base, free, fast, max_beads) for k in range(len(items))]
    if jobs > 1:
        with multiprocessing.get_context("fork").Pool(jobs) as pool:
            results = pool.starmap(_fold, folds)
    else:
        results = [_fold(*fold) for fold in folds]
    total = ZERO
    for line, counts in results:
        print(line, flush=True)
        total = total + counts
    return total


def _fold(items: list[Item], k: int, base: Weights, free: dict[str, list[float]], fast: bool, max_beads: int | None) -> tuple[str, Counts]:
    held = items[k]
    rest = items[:k] + items[k + 1 :]
    with one_blas_thread():
        tuned, inside = tune(rest, prior(base, free), free, fast, max_beads, quiet=True)
        counts = run([held], AlignOptions(fast=fast, max_beads=max_beads, weights=tuned))[0]
    chosen = ", ".join(f"{name}={free_value(tuned, name)}" for name in free)
    return f"held out {held.name}: F1 {counts.f1:.4f} (tuned on the rest: {inside:.4f}; {chosen})", counts


def calibration(alignments: list[Alignment], items: list[Item]) -> None:
    confidences, correct = [], []
    for alignment, item in zip(alignments, items):
        gold = {(b.src, b.tgt) for b in item.gold}
        for bead in alignment.beads:
            confidences.append(bead.confidence)
            correct.append((bead.src, bead.tgt) in gold)
    c = np.array(confidences)
    ok = np.array(correct)
    print("\nconfidence vs correctness (strict) over all predicted beads")
    print(f"{'confidence':>14} {'beads':>6} {'mean conf':>10} {'correct':>8}")
    for lo, hi in [(0, 0.3), (0.3, 0.5), (0.5, 0.7), (0.7, 0.9), (0.9, 0.97), (0.97, 1.01)]:
        sel = (c >= lo) & (c < hi)
        if sel.any():
            print(f"{f'[{lo:.2f}, {min(hi, 1):.2f}' + (']' if hi > 1 else ')'):>14} {sel.sum():>6} {c[sel].mean():>10.3f} {ok[sel].mean():>8.3f}")
    wrong = c[~ok]
    right = c[ok]
    print(f"mean confidence of right beads {right.mean():.3f}, of wrong beads {wrong.mean():.3f}")


@contextlib.contextmanager
def cold_cache() -> Iterator[None]:
    """$TERMALIGN_CACHE set to an empty folder holding only the dictionary index (built once per
    installation, like an install step), so that every embedding is computed."""
    from termalign.text import dictionary

    dictionary.default_lexicon()  # built in the usual cache if it is not there yet
    index = dictionary.cache_dir() / dictionary._cache_name()
    previous = os.environ.get("TERMALIGN_CACHE")
    with tempfile.TemporaryDirectory() as folder:
        shutil.copy(index, folder)
        os.environ["TERMALIGN_CACHE"] = folder
        try:
            yield
        finally:
            if previous is None:
                os.environ.pop("TERMALIGN_CACHE", None)
            else:
                os.environ["TERMALIGN_CACHE"] = previous


def report(title: str, total: Counts, per_file: list[tuple[str, Counts]], seconds: float) -> None:
    print(f"\n{title}  ({seconds:.1f} s)")
    print(f"{'file':>6} {'P':>7} {'R':>7} {'F1':>7}")
    for name, counts in per_file:
        print(f"{name:>6} {counts.precision:>7.4f} {counts.recall:>7.4f} {counts.f1:>7.4f}")
    print(f"{'all':>6} {total.precision:>7.4f} {total.recall:>7.4f} {total.f1:>7.4f}")


def main() -> None:
    with one_blas_thread():
        _main()


def _main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--fast", action="store_true")
    parser.add_argument("--max-beads", type=int, default=None, help="default: the aligner's (6; 4 in fast mode)")
    parser.add_argument("--ablation", action="store_true")
    parser.add_argument("--calibration", action="store_true")
    parser.add_argument("--tune", action="store_true")
    parser.add_argument("--leave-one-out", action="store_true")
    parser.add_argument("--jobs", type=int, default=1, help="folds of --leave-one-out run at a time (one core each)")
    parser.add_argument("--cold", action="store_true", help="an empty embedding cache (the dictionary index copied in): what a first run costs")
    args = parser.parse_args()

    with contextlib.ExitStack() as stack:
        if args.cold:
            stack.enter_context(cold_cache())
        started = time.perf_counter()
        items = load(args.fast, args.max_beads)
        prepare_seconds = time.perf_counter() - started
    sentences = sum(len(item.prepared.src_side) + len(item.prepared.tgt_side) for item in items)
    where = "every embedding computed" if args.cold else "embeddings from the cache after a first run; --cold to compute them"
    print(f"prepared {len(items)} files ({sentences} sentences) in {prepare_seconds:.1f} s ({where})")
    weights = FAST_WEIGHTS if args.fast else Weights()
    options = AlignOptions(fast=args.fast, max_beads=args.max_beads, weights=weights)

    free = FAST_FREE if args.fast else FREE
    if args.tune:
        tuned, f1 = tune(items, prior(weights, free), free, args.fast, args.max_beads)
        chosen = {name: free_value(tuned, name) for name in free}
        print(f"tuned on all six files: F1 {f1:.4f}; free weights {chosen} (defaults: { {n: free_value(weights, n) for n in free} })")
        return
    if args.leave_one_out:
        total = leave_one_out(items, weights, free, args.fast, args.max_beads, args.jobs)
        print(f"leave-one-out strict F1 {total.f1:.4f} (P {total.precision:.4f}, R {total.recall:.4f})")
        return

    t = time.perf_counter()
    total, per_file, alignments = run(items, options)
    align_seconds = time.perf_counter() - t
    report("strict bead P/R/F1" + (" (fast mode)" if args.fast else ""), total, per_file, align_seconds)
    per_1000 = 1000 / max(sentences, 1)
    print(f"seconds per 1,000 sentences: {prepare_seconds * per_1000:.2f} preparing ({where}) + {align_seconds * per_1000:.2f} aligning")
    if args.calibration:
        calibration(alignments, items)
    if args.ablation:
        print("\nablation: strict F1 with one component off (self-training off = no lexicon, no ratio re-estimate)")
        print(f"{'component off':>16} {'F1':>7} {'Δ':>8}")
        print(f"{'(none)':>16} {total.f1:>7.4f} {0:>8.4f}")
        for component in COMPONENTS:
            off = run(items, AlignOptions(fast=args.fast, max_beads=args.max_beads, weights=weights.without(component)))[0]
            print(f"{component:>16} {off.f1:>7.4f} {off.f1 - total.f1:>+8.4f}", flush=True)
        off = run(items, AlignOptions(fast=args.fast, max_beads=args.max_beads, weights=weights, self_train=False))[0]
        print(f"{'self-training':>16} {off.f1:>7.4f} {off.f1 - total.f1:>+8.4f}")


if __name__ == "__main__":
    main()
