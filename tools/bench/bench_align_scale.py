"""Speed and memory of `termalign align` on long inputs built from the texts we have.

    .venv/bin/python tools/bench/bench_align_scale.py fast                 # 30,000 × 40,000 sentences, --fast
    .venv/bin/python tools/bench/bench_align_scale.py accurate              # 5k, 10k, 20k, 40k sentences

The pair is built by concatenating mac-dev (six novels' chapters, Chinese and English) and the
bundled SCIO transcript (English; Chinese) again and again, one sentence per line (read as
pre-split files, like `termalign align --presplit`), and cut to the requested sizes. Each copy
carries its copy number in a short tag at the end of every sentence ("… ⟨7⟩"), so no sentence
repeats and the embedding cache cannot serve one copy from another; accurate-mode runs use an
empty cache folder, so every embedding is computed. Fast mode embeds words, not sentences: its
first run embeds the pair's vocabulary (the copies share it), the second finds it cached.

Each run happens in a fresh subprocess; peak memory is its maximum resident set size
(`resource.getrusage`; forked helper processes, which share the parent's pages, not counted),
time is wall-clock time of reading + aligning (not writing), with the CPU time of the process
and its helpers beside it (steadier than wall time on a busy machine); the load average is
printed with each run.

The CC-CEDICT dictionary index (`text.dictionary`) is derived once per installation and kept in
the cache folder, like an install step: each cache folder gets it built in a separate
process before the timed runs, and that one-off build time is reported on its own line
(before this, the first fast run paid for it: 27.9 s with the build, peak 541 MB).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MAC_DEV = ROOT.parent / "shared" / "data" / "mac-dev"
SEED_EN = ROOT / "corpora" / "scio-2023-01-18-miit-industry-it-2022.en.txt"
SEED_ZH = ROOT / "corpora" / "scio-2023-01-18-miit-industry-it-2022.zh.txt"


def source_sentences() -> tuple[list[str], list[str]]:
    """One copy: every mac-dev file and the SCIO transcript, sentence by sentence."""
    sys.path.insert(0, str(ROOT / "src"))
    from termalign.readers import read_document

    zh: list[str] = []
    en: list[str] = []
    for name in ["001", "002", "003", "004", "005", "006"]:
        zh += (MAC_DEV / "zh" / f"{name}.zh").read_text(encoding="utf-8").splitlines()
        en += (MAC_DEV / "en" / f"{name}.en").read_text(encoding="utf-8").splitlines()
    zh += [s.text for s in read_document(SEED_ZH).sentences]
    en += [s.text for s in read_document(SEED_EN).sentences]
    return zh, en


def build(zh_count: int, en_count: int, folder: Path) -> tuple[Path, Path]:
    zh, en = source_sentences()
    copies = max(-(-zh_count // len(zh)), -(-en_count // len(en)))
    zh_lines = [f"{s} ⟨{k}⟩" for k in range(copies) for s in zh][:zh_count]
    en_lines = [f"{s} ⟨{k}⟩" for k in range(copies) for s in en][:en_count]
    zh_path, en_path = folder / f"zh-{zh_count}.txt", folder / f"en-{en_count}.txt"
    zh_path.write_text("\n".join(zh_lines) + "\n", encoding="utf-8")
    en_path.write_text("\n".join(en_lines) + "\n", encoding="utf-8")
    return zh_path, en_path


CHILD = r"""
import json, os, resource, sys, time
sys.path.insert(0, {src!r})
started, cpu = time.perf_counter(), os.times()
from termalign.align import align_files
import termalign
assert termalign.__file__.startswith({src!r}), termalign.__file__  # this tree's code, not the venv's
alignment = align_files({zh!r}, {en!r}, src_lang="zh", tgt_lang="en", presplit=True, fast={fast!r})
seconds = time.perf_counter() - started
now = os.times()
cpu_seconds = sum(now[:4]) - sum(cpu[:4])
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
kinds = {{}}
for bead in alignment.beads:
    kinds[bead.kind] = kinds.get(bead.kind, 0) + 1
print(json.dumps({{"seconds": seconds, "cpu_seconds": cpu_seconds, "peak_mb": peak, "beads": len(alignment.beads), "kinds": kinds}}))
"""

INDEX_CHILD = r"""
import sys, time
sys.path.insert(0, {src!r})
started = time.perf_counter()
from termalign.text.dictionary import load_lexicon
load_lexicon()
print(time.perf_counter() - started)
"""


def run_child(zh: Path, en: Path, fast: bool, cache: str) -> dict:
    env = dict(os.environ, TERMALIGN_CACHE=cache)
    code = CHILD.format(src=str(ROOT / "src"), zh=str(zh), en=str(en), fast=fast)
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def build_index(cache: str) -> float:
    """Build the dictionary index into `cache` (the one-off derivation every installation pays once)."""
    env = dict(os.environ, TERMALIGN_CACHE=cache)
    out = subprocess.run([sys.executable, "-c", INDEX_CHILD.format(src=str(ROOT / "src"))], env=env, capture_output=True, text=True, check=True)
    return float(out.stdout.strip().splitlines()[-1])


def load() -> str:
    return "load {:.2f} {:.2f} {:.2f}".format(*os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("mode", choices=["fast", "accurate"])
    parser.add_argument("--sizes", type=int, nargs="*", help="fast: Chinese sentence counts (English: 4/3 as many); accurate: sentences in all")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        if args.mode == "fast":
            sizes = args.sizes or [30000]
            cache = os.path.join(folder, "cache")
            print(f"dictionary index built once into the empty cache: {build_index(cache):.2f} s ({load()})", flush=True)
            for zh_count in sizes:
                zh, en = build(zh_count, zh_count * 4 // 3, Path(folder))
                for run in ("new words", "words cached"):  # fast mode embeds each new word once
                    before = load()
                    result = run_child(zh, en, True, cache)
                    print(f"fast  {zh_count:>6} × {zh_count * 4 // 3:>6}, {run}: {result['seconds']:6.2f} s (CPU {result['cpu_seconds']:.2f} s), "
                          f"peak {result['peak_mb']:6.0f} MB, {result['beads']} beads {result['kinds']} ({before} → {load()})", flush=True)
        else:
            # sizes are sentences in all, 3/7 Chinese and 4/7 English (the ratio of the fast pair)
            sizes = args.sizes or [5000, 10000, 20000, 40000]
            for total in sizes:
                zh_count, en_count = total * 3 // 7, total - total * 3 // 7
                zh, en = build(zh_count, en_count, Path(folder))
                cache = tempfile.mkdtemp(dir=folder)  # cold cache: every embedding computed
                build_index(cache)  # … but the dictionary index is there, as after installation
                result = run_child(zh, en, False, cache)
                warm = run_child(zh, en, False, cache)  # the same pair again: embeddings from the cache
                print(f"accurate {zh_count:>6} × {en_count:>6} = {total:>6} sentences: {result['seconds']:7.1f} s cold "
                      f"({total / result['seconds']:5.1f} sentences/s), {warm['seconds']:6.1f} s with the cache "
                      f"({total / warm['seconds']:5.1f} sentences/s), peak {result['peak_mb']:5.0f} MB", flush=True)


if __name__ == "__main__":
    main()
