"""Benchmark: English term extraction on about one million words.

The input is built by concatenating texts — the bundled SCIO transcript and the English side
of ../shared/data/mac-dev (read in place) — repeated until the word count is reached; then
`extract_glossary` runs in monolingual mode (the English side is the part that must scale).
Target: 1,000,000 words in under 60 s on the project machine.

    .venv/bin/python tools/bench/bench_terms.py            # 1,000,000 words
    .venv/bin/python tools/bench/bench_terms.py --words 200000
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SHARED = Path(os.environ.get("TERMALIGN_SHARED", ROOT.parent / "shared"))


def source_texts() -> list[str]:
    texts = [(ROOT / "corpora" / "scio-2023-01-18-miit-industry-it-2022.en.txt").read_text(encoding="utf-8")]
    mac = SHARED / "data" / "mac-dev" / "en"
    if mac.is_dir():
        texts += [path.read_text(encoding="utf-8") for path in sorted(mac.glob("*.en"))]
    return texts


def build_input(words: int) -> str:
    texts = source_texts()
    parts: list[str] = []
    count = 0
    while count < words:
        for text in texts:
            parts.append(text)
            count += len(text.split())
            if count >= words:
                break
    return "\n\n".join(parts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--words", type=int, default=1_000_000)
    parser.add_argument("--top", type=int, default=200)
    args = parser.parse_args()

    from termalign.readers import parse_text
    from termalign.terms import extract_glossary

    text = build_input(args.words)
    started = time.perf_counter()
    doc = parse_text(text, "bench.en.txt", lang="en", kind="plain")
    read = time.perf_counter()
    glossary = extract_glossary(doc, top=args.top)
    done = time.perf_counter()
    words = len(text.split())
    print(
        f"{words:,} words, {len(doc.sentences):,} sentences: read {read - started:.1f} s, "
        f"terms {done - read:.1f} s, total {done - started:.1f} s ({words / (done - started):,.0f} words/s); "
        f"{len(glossary.entries)} entries, first: {', '.join(e.en for e in glossary.entries[:5])}",
        file=sys.stdout,
    )


if __name__ == "__main__":
    main()
