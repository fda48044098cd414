"""Benchmark of the shared text knowledge (termalign.text): speed and discrimination.

Run by hand (not a test):  .venv/bin/python tools/bench/bench_text.py [--pairs 100000]

- numbers: extraction over N English and N Chinese segments (the bundled SCIO transcript's
  sentences, repeated) and pairing of each pair;
- lexicon: cold build, warm load of the cached index;
- lexical_overlap: sentence pairs per second, substring scan vs jieba segmentation, and how well
  it separates true pairs from wrong ones on ../shared/data/mac-dev (gold 1-1 beads against the
  next bead's Chinese, the confusion an aligner meets): ROC AUC and mean scores;
- scripts: to_simplified and traditional_spans per segment;
- names: name_score per call.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SEED_EN = ROOT / "corpora" / "scio-2023-01-18-miit-industry-it-2022.en.txt"
SEED_ZH = ROOT / "corpora" / "scio-2023-01-18-miit-industry-it-2022.zh.txt"
MAC_DEV = Path(os.environ.get("TERMALIGN_SHARED", ROOT.parent / "shared")) / "data" / "mac-dev"


def sentences(path: Path, lang: str) -> list[str]:
    text = path.read_text(encoding="utf-8")
    pattern = r"(?<=[.!?])\s+|\n+" if lang == "en" else r"(?<=[。！？])|\n+"
    return [s.strip() for s in re.split(pattern, text) if s and s.strip()]


def timed(label: str, n: int, fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    seconds = time.perf_counter() - start
    print(f"  {label:<44} {seconds:7.2f} s  {n / seconds:>10,.0f} /s")
    return seconds


def auc(positives: list[float], negatives: list[float]) -> float:
    """Probability that a true pair scores above a wrong one (ties count half)."""
    wins = 0.0
    for p in positives:
        for q in negatives:
            wins += 1.0 if p > q else 0.5 if p == q else 0.0
    return wins / (len(positives) * len(negatives))


def mac_dev_pairs() -> list[tuple[str, str, str]]:
    """(english, chinese of the same bead, chinese of the next bead) for gold 1-1 beads."""
    triples: list[tuple[str, str, str]] = []
    for gold in sorted((MAC_DEV / "gold").glob("*.align")):
        zh = (MAC_DEV / "zh" / f"{gold.stem}.zh").read_text(encoding="utf-8").splitlines()
        en = (MAC_DEV / "en" / f"{gold.stem}.en").read_text(encoding="utf-8").splitlines()
        beads = []
        for line in gold.read_text(encoding="utf-8").splitlines():
            left, right = line.split(":")
            beads.append((eval(left), eval(right)))  # noqa: S307 - "[0, 1]" lists of the gold files
        for (z, e), (z_next, _) in zip(beads, beads[1:], strict=False):
            if len(z) == 1 and len(e) == 1 and z_next:
                triples.append((en[e[0]], zh[z[0]], " ".join(zh[i] for i in z_next)))
    return triples


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pairs", type=int, default=100_000, help="segment pairs for the numbers benchmark")
    args = parser.parse_args()
    n = args.pairs

    from termalign.text import dictionary, names, numbers, scripts

    en_s, zh_s = sentences(SEED_EN, "en"), sentences(SEED_ZH, "zh")
    en_seg = (en_s * (n // len(en_s) + 1))[:n]
    zh_seg = (zh_s * (n // len(zh_s) + 1))[:n]
    print(f"segments: {n:,} EN (mean {statistics.mean(map(len, en_s)):.0f} chars), "
          f"{n:,} ZH (mean {statistics.mean(map(len, zh_s)):.0f} chars)")  # fmt: skip

    print("numbers")
    found: dict[str, list[list[numbers.NumberMention]]] = {}
    timed("extract_numbers EN", n, lambda: found.__setitem__("en", [numbers.extract_numbers(s, "en") for s in en_seg]))
    timed("extract_numbers ZH", n, lambda: found.__setitem__("zh", [numbers.extract_numbers(s, "zh") for s in zh_seg]))
    timed(
        "match_numbers", n, lambda: [numbers.match_numbers(a, b) for a, b in zip(found["en"], found["zh"], strict=True)]
    )
    print(f"  mentions: EN {sum(map(len, found['en'])):,}, ZH {sum(map(len, found['zh'])):,}")

    print("lexicon (CC-CEDICT + supplement)")
    with tempfile.TemporaryDirectory() as tmp:
        timed("build and cache (cold)", 1, lambda: dictionary.load_lexicon(Path(tmp)))
        timed("load cache + sentence index (warm)", 1, lambda: dictionary.load_lexicon(Path(tmp)).sentence_index)
        timed("load cache + all three parts (warm)", 1, lambda: _touch_all(dictionary.load_lexicon(Path(tmp))))
    dictionary.default_lexicon().sentence_index  # noqa: B018 - loaded before timing the score

    print("lexical_overlap on the SCIO sentences (EN with the ZH of the same position)")
    m = min(n, 20_000)
    dictionary._chinese_words()  # the Aho-Corasick automaton of the Chinese words, built once
    # every pair new (a number appended makes each text unique: nothing comes from the cache)
    fresh = [(f"{e} {i}", f"{z}{i}") for i, (e, z) in enumerate(zip(en_seg[:m], zh_seg[:m], strict=True))]
    timed("substring, cold (every text new)", m, lambda: [dictionary.lexical_overlap(e, z) for e, z in fresh])
    # an aligner compares each sentence with many candidates: both sides come from the cache
    timed("substring, warm (texts seen before)", m, lambda: [dictionary.lexical_overlap(e, z) for e, z in fresh])
    import jieba

    jieba.initialize()
    k = min(m, 5_000)
    timed("jieba, warm", k, lambda: [dictionary.lexical_match(e, z, method="jieba").score for e, z in fresh[:k]])

    if MAC_DEV.exists():
        triples = mac_dev_pairs()
        print(f"discrimination on mac-dev: {len(triples)} gold 1-1 beads vs the next bead's Chinese")
        for method in ("substring", "jieba"):
            true = [dictionary.lexical_match(e, z, method=method).score for e, z, _ in triples]
            wrong = [dictionary.lexical_match(e, z, method=method).score for e, _, z in triples]
            rng = random.Random(0)
            shuffled = [dictionary.lexical_match(e, z, method=method).score for (e, _, _), (_, z, _) in
                        zip(triples, rng.sample(triples, len(triples)), strict=True)]  # fmt: skip
            print(f"  {method:<10} mean true {statistics.mean(true):.3f}  next-bead {statistics.mean(wrong):.3f}  "
                  f"random {statistics.mean(shuffled):.3f}   AUC next-bead {auc(true, wrong):.3f}  "
                  f"random {auc(true, shuffled):.3f}")  # fmt: skip
        print("numbers dice on mac-dev (pairs where either side has a number)")
        scored = []
        for e, z_true, z_next in triples:
            en_m = numbers.extract_numbers(e, "en")
            a = numbers.match_numbers(en_m, numbers.extract_numbers(z_true, "zh")).dice
            b = numbers.match_numbers(en_m, numbers.extract_numbers(z_next, "zh")).dice
            if a is not None or b is not None:
                scored.append((a or 0.0, b or 0.0))
        if scored:
            print(f"  {len(scored)} pairs: AUC {auc([a for a, _ in scored], [b for _, b in scored]):.3f}")
    else:
        print(f"(no {MAC_DEV}: discrimination skipped)")

    print("scripts")
    traditional = [scripts.to_traditional(s) for s in zh_s]
    t_seg = (traditional * (m // len(traditional) + 1))[:m]
    timed("to_simplified (Traditional input)", m, lambda: [scripts.to_simplified(s) for s in t_seg])
    timed("traditional_spans (Simplified input)", m, lambda: [scripts.traditional_spans(s) for s in zh_seg[:m]])

    print("names")
    timed("name_score", 100_000, lambda: [names.name_score("田玉龙", "Tian Yulong") for _ in range(100_000)])


def _touch_all(lexicon: object) -> None:
    for part in ("en_to_zh", "zh_to_en", "sentence_index"):
        getattr(lexicon, part)


if __name__ == "__main__":
    main()
