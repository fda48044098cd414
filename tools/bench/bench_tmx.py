"""Benchmark: TMX write and read at a million translation units, and translate-toolkit beside it.

Units: the sentence pairs of the bundled SCIO transcript and its Chinese version (paired by
position inside each pair of paragraphs), cycled to the count asked for, each with a unique id
and the nine props `formats.units` gives an aligned bead (document, speaker, role, turn,
paragraph ids, bead type, confidence) — what `termalign align --format tmx` writes.

Each phase runs in its own Python process, so its peak resident memory (ru_maxrss from wait4)
is its own:

- generate : building the units only (the cost the write figure includes);
- write    : `write_tmx` of the generated units to a file;
- read     : `read_tmx` over that file (each unit touched: source/target lengths summed);
- floor    : lxml `iterparse` alone over that file, each <tu> cleared and nothing read from it:
             the most any lxml-based streaming reader can reach on this machine;
- toolkit  : translate-toolkit's `tmxfile` on the same file (or on the first --toolkit-units
             units, written to a second file: tmxfile holds the whole DOM in memory).

`--plain` drops the props: units as CAT tools usually exchange them (id and two segments).

Throughput is given in wall-clock time and in the process's CPU time (the machine is shared:
the CPU figure is what the code costs, the wall figure what a user waited). Targets: write
≥ 100k TU/s, read ≥ 100k TU/s, peak RSS < 200 MB each.

    .venv/bin/python tools/bench/bench_tmx.py                      # 1,000,000 units
    .venv/bin/python tools/bench/bench_tmx.py --plain
    .venv/bin/python tools/bench/bench_tmx.py --units 200000 --toolkit-units 100000
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))

CORPUS = ROOT / "corpora"


def sentence_pairs() -> list[tuple[str, str, dict[str, str]]]:
    from termalign.readers import read_document

    en = read_document(CORPUS / "scio-2023-01-18-miit-industry-it-2022.en.txt")
    zh = read_document(CORPUS / "scio-2023-01-18-miit-industry-it-2022.zh.txt")
    pairs = []
    for en_turn, zh_turn in zip(en.turns, zh.turns):
        for en_par, zh_par in zip(en_turn.paragraphs, zh_turn.paragraphs):
            for a, b in zip(en_par.sentences, zh_par.sentences):
                props = {
                    "x-document": en.doc_id,
                    "x-target-document": zh.doc_id,
                    "x-speaker": en_turn.speaker or "",
                    "x-role": str(en_turn.role),
                    "x-turn": en_turn.id,
                    "x-paragraph": en_par.id,
                    "x-target-paragraph": zh_par.id,
                    "x-bead": "1-1",
                    "x-confidence": "0.9132",
                }
                pairs.append((a.text, b.text, props))
    return pairs


def units(count: int, pairs: list[tuple[str, str, dict[str, str]]]) -> Iterator:
    from termalign.model import TranslationUnit

    size = len(pairs)
    for i in range(count):
        source, target, props = pairs[i % size]
        yield TranslationUnit(f"b{i}", source, target, "en-US", "zh-CN", props)


def phase(name: str, count: int, path: str, plain: bool) -> dict[str, float]:
    """Run one phase in this process and return its figures (the corpus is read before timing)."""
    pairs = [(a, b, {}) for a, b, _ in sentence_pairs()] if plain else sentence_pairs()
    from termalign.formats.tmx import read_tmx, write_tmx

    start, cpu_start = time.perf_counter(), time.process_time()
    if name == "generate":
        n = sum(1 for _ in units(count, pairs))
        chars = 0
    elif name == "write":
        n = write_tmx(units(count, pairs), path)
        chars = 0
    elif name == "read":
        n = chars = 0
        for unit in read_tmx(path):
            n += 1
            chars += len(unit.source) + len(unit.target)
    elif name == "floor":
        from lxml import etree

        n = chars = 0
        for _event, element in etree.iterparse(path, events=("end",), tag="tu", resolve_entities=False, no_network=True, load_dtd=False):
            n += 1
            element.clear(keep_tail=False)
            while element.getprevious() is not None:
                del element.getparent()[0]
    elif name == "toolkit":
        from translate.storage.tmx import tmxfile

        with open(path, "rb") as handle:
            store = tmxfile(handle, sourcelanguage="en-US", targetlanguage="zh-CN")
        n = chars = 0
        for unit in store.units:
            n += 1
            chars += len(unit.source) + len(unit.target)
    else:
        raise SystemExit(f"unknown phase {name}")
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu_start
    return {"units": n, "seconds": seconds, "cpu_seconds": cpu, "chars": chars}


def run_child(name: str, count: int, path: str, plain: bool) -> dict[str, float]:
    """Run a phase in a child process; add its peak RSS (MB) measured by wait4."""
    process = subprocess.Popen(
        [sys.executable, __file__, "--phase", name, "--units", str(count), "--file", path, *(["--plain"] if plain else [])],
        stdout=subprocess.PIPE,
    )
    assert process.stdout is not None
    output = process.stdout.read()
    _pid, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"phase {name} failed with exit code {process.returncode}")
    result = json.loads(output)
    result["peak_rss_mb"] = usage.ru_maxrss / 1024  # Linux: kilobytes
    return result


def report(label: str, result: dict[str, float]) -> None:
    rate = result["units"] / result["seconds"] if result["seconds"] else float("inf")
    cpu_rate = result["units"] / result["cpu_seconds"] if result["cpu_seconds"] else float("inf")
    print(
        f"{label:<34} {result['units']:>10,} TU  {result['seconds']:7.2f} s  {rate:>9,.0f} TU/s  "
        f"(CPU {cpu_rate:>9,.0f} TU/s)  peak RSS {result['peak_rss_mb']:6.1f} MB",
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--units", type=int, default=1_000_000)
    parser.add_argument("--toolkit-units", type=int, default=None, help="units for the translate-toolkit comparison (default: all)")
    parser.add_argument("--plain", action="store_true", help="units without props")
    parser.add_argument("--phase", help=argparse.SUPPRESS)
    parser.add_argument("--file", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.phase:
        print(json.dumps(phase(args.phase, args.units, args.file, args.plain)))
        return

    with tempfile.TemporaryDirectory(prefix="bench-tmx-") as folder:
        path = str(Path(folder) / "bench.tmx")
        print(f"{args.units:,} units{' without props' if args.plain else ' with 9 props each'}; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs", flush=True)
        generate = run_child("generate", args.units, path, args.plain)
        report("generate units (no I/O)", generate)
        write = run_child("write", args.units, path, args.plain)
        report("termalign write_tmx", write)
        net = write["seconds"] - generate["seconds"]
        net_cpu = write["cpu_seconds"] - generate["cpu_seconds"]
        print(
            f"{'  write without generation':<34} {'':>10}     {net:7.2f} s  {args.units / net:>9,.0f} TU/s  "
            f"(CPU {args.units / net_cpu:>9,.0f} TU/s)",
            flush=True,
        )
        size = os.path.getsize(path) / 1e6
        print(f"{'  file size':<34} {size:>10,.1f} MB", flush=True)
        read = run_child("read", args.units, path, args.plain)
        report("termalign read_tmx", read)
        report("  lxml iterparse alone (floor)", run_child("floor", args.units, path, args.plain))

        toolkit_units = args.toolkit_units or args.units
        toolkit_path = path
        ours = read
        if toolkit_units != args.units:
            toolkit_path = str(Path(folder) / "toolkit.tmx")
            run_child("write", toolkit_units, toolkit_path, args.plain)
            ours = run_child("read", toolkit_units, toolkit_path, args.plain)
            report(f"termalign read_tmx ({toolkit_units:,})", ours)
        toolkit = run_child("toolkit", toolkit_units, toolkit_path, args.plain)
        report(f"translate-toolkit tmxfile ({toolkit_units:,})", toolkit)
        assert toolkit["units"] == ours["units"] and toolkit["chars"] == ours["chars"], "the two readers disagree"
        speed = (ours["units"] / ours["seconds"]) / (toolkit["units"] / toolkit["seconds"])
        memory = toolkit["peak_rss_mb"] / ours["peak_rss_mb"]
        print(f"read_tmx vs tmxfile: {speed:.1f}x the speed, 1/{memory:.1f} of the peak memory (same units, same text)")


if __name__ == "__main__":
    main()
