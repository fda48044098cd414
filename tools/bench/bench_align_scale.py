"""Speed and memory of `termalign align` on long inputs built from the texts we have.

    .venv/bin/python tools/bench/bench_align_scale.py fast                 # 30,000 × 40,000 sentences, --fast
    .venv/bin/python tools/bench/bench_align_scale.py accurate              # 5k, 10k, 20k, 40k sentences

The pair is built by concatenating mac-dev (six novels' chapters, Chinese and English) and the
bundled SCIO transcript (English; Chinese) again and again, one sentence per line (read as
pre-split files, like `termalign align --presplit`), and cut to the requested sizes. Each copy
carries its copy number in a short tag at the end of every sentence ("… ⟨7⟩"), so no sentence
repeats and the embedding cache cannot serve one copy from another; accurate-mode runs use an
empty cache folder, so every embedding is computed.

Each run happens in a fresh subprocess; peak memory is its maximum resident set size
(`resource.getrusage`), time is wall-clock time of reading + aligning (not writing).
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
import json, resource, sys, time
sys.path.insert(0, {src!r})
started = time.perf_counter()
from termalign.align import align_files
alignment = align_files({zh!r}, {en!r}, src_lang="zh", tgt_lang="en", presplit=True, fast={fast!r})
seconds = time.perf_counter() - started
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
kinds = {{}}
for bead in alignment.beads:
    kinds[bead.kind] = kinds.get(bead.kind, 0) + 1
print(json.dumps({{"seconds": seconds, "peak_mb": peak, "beads": len(alignment.beads), "kinds": kinds}}))
"""


def run_child(zh: Path, en: Path, fast: bool, cache: str) -> dict:
    env = dict(os.environ, TERMALIGN_CACHE=cache)
    code = CHILD.format(src=str(ROOT / "src"), zh=str(zh), en=str(en), fast=fast)
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("mode", choices=["fast", "accurate"])
    parser.add_argument("--sizes", type=int, nargs="*", help="fast: Chinese sentence counts (English: 4/3 as many); accurate: sentences in all")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        if args.mode == "fast":
            sizes = args.sizes or [30000]
            for zh_count in sizes:
                zh, en = build(zh_count, zh_count * 4 // 3, Path(folder))
                result = run_child(zh, en, True, os.path.join(folder, "cache"))
                print(f"fast  {zh_count:>6} × {zh_count * 4 // 3:>6}: {result['seconds']:6.2f} s, peak {result['peak_mb']:6.0f} MB, "
                      f"{result['beads']} beads {result['kinds']}", flush=True)
        else:
            # sizes are sentences in all, 3/7 Chinese and 4/7 English (the ratio of the fast pair)
            sizes = args.sizes or [5000, 10000, 20000, 40000]
            for total in sizes:
                zh_count, en_count = total * 3 // 7, total - total * 3 // 7
                zh, en = build(zh_count, en_count, Path(folder))
                cache = tempfile.mkdtemp(dir=folder)  # cold cache: every embedding computed
                result = run_child(zh, en, False, cache)
                warm = run_child(zh, en, False, cache)  # the same pair again: embeddings from the cache
                print(f"accurate {zh_count:>6} × {en_count:>6} = {total:>6} sentences: {result['seconds']:7.1f} s cold "
                      f"({total / result['seconds']:5.1f} sentences/s), {warm['seconds']:6.1f} s with the cache "
                      f"({total / warm['seconds']:5.1f} sentences/s), peak {result['peak_mb']:5.0f} MB", flush=True)


if __name__ == "__main__":
    main()
