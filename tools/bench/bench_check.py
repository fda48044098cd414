"""Benchmark: terminology checking of 100,000 segment pairs against a 10,000-term glossary.

Segments: the aligned sentence pairs of the bundled SCIO transcript and its Chinese version
(the clean set of the check test set, tests/data/check_testset/clean.tmx: 352 beads), cycled
until the count is reached, each made unique by a running number so no cache sees the same
segment twice.

Glossary: the reviewed glossary of the corpus (glossaries/), then synthetic entries up to the
size asked for. `--glossary sparse` (default) makes most synthetic terms absent from the
text, as in a real termbase: English = two or three words of the corpus vocabulary in random
order, Chinese = three to five random Chinese characters of the corpus. `--glossary dense` takes every
synthetic term from the corpus itself (English word n-grams, Chinese character n-grams of the
same paragraphs), so each segment matches dozens of terms: a worst case.

Target: 10,000 terms × 100,000 pairs in under 10 s (the terms checks: missing, deprecated,
unexpected target, plus term consistency), on the 2-core project machine.

    .venv/bin/python tools/bench/bench_check.py                       # terms checks, sparse glossary
    .venv/bin/python tools/bench/bench_check.py --glossary dense
    .venv/bin/python tools/bench/bench_check.py --checks all --segments 20000
    .venv/bin/python tools/bench/bench_check.py --jobs 1                # one process
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))

from termalign.check.runner import FAMILIES, check_units, default_jobs  # noqa: E402
from termalign.check.terms import TermIndex  # noqa: E402
from termalign.formats import read_glossary, read_units  # noqa: E402
from termalign.model import Glossary, GlossaryEntry, TermStatus, TranslationUnit  # noqa: E402
from termalign.text.english import STOPWORDS, word_tokens  # noqa: E402

CLEAN = ROOT / "tests" / "data" / "check_testset" / "clean.tmx"
REVIEWED = ROOT / "glossaries" / "scio-2023-01-18-miit.glossary.tsv"


def sentence_pairs() -> list[tuple[str, str]]:
    return [(u.source, u.target) for u in read_units(CLEAN)]


def build_units(pairs: list[tuple[str, str]], count: int) -> list[TranslationUnit]:
    units = []
    for i in range(count):
        source, target = pairs[i % len(pairs)]
        # a running number keeps every segment distinct (and matches on both sides)
        units.append(TranslationUnit(f"s{i}", f"{source} ({i})", f"{target}（{i}）"))
    return units


def _vocabulary(pairs: list[tuple[str, str]]) -> tuple[list[str], str]:
    words = sorted({t.text.lower() for s, _ in pairs for t in word_tokens(s) if t.text.isalpha() and t.text.lower() not in STOPWORDS})
    chinese = "".join(sorted({ch for _, t in pairs for ch in t if "\u4e00" <= ch <= "\u9fff"}))
    return words, chinese


def synthetic_entries(pairs: list[tuple[str, str]], count: int, dense: bool, rng: random.Random) -> list[GlossaryEntry]:
    words, chinese = _vocabulary(pairs)
    seen: set[str] = set()
    entries: list[GlossaryEntry] = []
    while len(entries) < count:
        if dense:
            source, target = rng.choice(pairs)
            tokens = [t.text for t in word_tokens(source)]
            n = rng.randint(1, 3)
            if len(tokens) < n:
                continue
            start = rng.randrange(len(tokens) - n + 1)
            en = " ".join(tokens[start : start + n])
            size = rng.randint(2, 4)
            if len(target) < size:
                continue
            at = rng.randrange(len(target) - size + 1)
            zh = target[at : at + size]
        else:
            en = " ".join(rng.sample(words, rng.randint(2, 3)))
            zh = "".join(rng.sample(chinese, rng.randint(3, 5)))
        if en.lower() in seen or not zh.strip():
            continue
        seen.add(en.lower())
        entries.append(GlossaryEntry(f"x{len(entries)}", en, zh, status=TermStatus.APPROVED))
    return entries


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--segments", type=int, default=100_000)
    parser.add_argument("--terms", type=int, default=10_000)
    parser.add_argument("--glossary", choices=("sparse", "dense"), default="sparse")
    parser.add_argument("--checks", choices=("terms", "all"), default="terms")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--jobs", type=int, default=None, help="processes (default: all cores for large runs)")
    args = parser.parse_args()

    rng = random.Random(args.seed)
    pairs = sentence_pairs()
    units = build_units(pairs, args.segments)
    reviewed = read_glossary(REVIEWED).entries if REVIEWED.exists() else []
    glossary = Glossary([*reviewed, *synthetic_entries(pairs, args.terms - len(reviewed), args.glossary == "dense", rng)])

    started = time.perf_counter()
    index = TermIndex(glossary)
    built = time.perf_counter() - started
    checks = ["terms", "consistency.term_two_ways"] if args.checks == "terms" else list(FAMILIES)
    started, cpu = time.perf_counter(), time.process_time()
    report = check_units(units, glossary, checks=checks, jobs=args.jobs)
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    hits = sum(1 for u in units[: len(pairs)] for _ in index.english_hits(u.source))
    print(
        f"{len(glossary.entries):,} terms ({args.glossary}; index built in {built:.2f} s, "
        f"~{hits / len(pairs):.1f} English term hits per segment) × {len(units):,} segment pairs, checks: {args.checks}"
    )
    print(
        f"check_units (jobs={args.jobs or default_jobs(len(units))}): {elapsed:.2f} s wall, {cpu:.2f} s CPU in the "
        f"main process ({len(units) / elapsed:,.0f} pairs/s), "
        f"{len(report.findings):,} findings; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"
    )
    print(f"by check: {report.summary.by_check}")
    print(f"machine calibration (shared machines vary): sum(range(10**7)) takes {_calibration():.2f} s CPU here")


def _calibration() -> float:
    started = time.process_time()
    sum(range(10**7))
    return time.process_time() - started


if __name__ == "__main__":
    main()
