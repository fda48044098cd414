"""Accuracy of `termalign align` on plain paragraph documents (no --presplit).

A white paper or a report comes as two plain texts split into paragraphs, and termalign splits
the sentences itself. This benchmark rebuilds that situation from mac-dev: each file's gold
sentences are written back as running text, grouped into paragraphs at gold bead boundaries
(every few beads, chosen by a fixed seed), and now and then two paragraphs are merged on one
side only, as translators do. The two texts are then read and aligned exactly as
`termalign align EN.txt ZH.txt` reads and aligns them, and every predicted sentence is mapped
back to the gold sentences whose characters it covers, so the strict bead F1 is the same metric
as on the pre-split files — except that a sentence the splitter cuts differently from the gold
costs what it costs a user.

    .venv/bin/python tools/bench/bench_align_plain.py            # per-file and overall F1
    .venv/bin/python tools/bench/bench_align_plain.py --fast     # fast mode
    .venv/bin/python tools/bench/bench_align_plain.py --keep DIR # also write the texts to DIR

The texts are rebuilt in a temporary folder and never kept beside the project (mac-dev is read
in place from ../shared/data/mac-dev).
"""

from __future__ import annotations

import argparse
import bisect
import random
import sys
import tempfile
import time
from dataclasses import dataclass, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))

from termalign.align.aligner import align_documents, one_blas_thread  # noqa: E402
from termalign.align.evaluate import ZERO, Counts, score_file  # noqa: E402
from termalign.formats.beads import read_beads  # noqa: E402
from termalign.model import Bead, Document, Paragraph, Sentence, Turn  # noqa: E402
from termalign.readers import read_document  # noqa: E402

MAC_DEV = ROOT.parent / "shared" / "data" / "mac-dev"
FILES = ["001", "002", "003", "004", "005", "006"]
MEAN_BEADS_PER_PARAGRAPH = 5
ONE_SIDED_MERGE = 0.1  # share of paragraph breaks that only one side keeps
SEED = 20230118


@dataclass
class PlainPair:
    """One mac-dev file as two plain texts, with each gold sentence's character span."""

    name: str
    zh_text: str
    en_text: str
    zh_spans: dict[int, tuple[int, int]]  # gold sentence id → (start, end) in zh_text
    en_spans: dict[int, tuple[int, int]]
    gold: list[Bead]


def build_pair(name: str, rng: random.Random) -> PlainPair:
    zh_lines = (MAC_DEV / "zh" / f"{name}.zh").read_text(encoding="utf-8").split("\n")
    en_lines = (MAC_DEV / "en" / f"{name}.en").read_text(encoding="utf-8").split("\n")
    gold = read_beads(MAC_DEV / "gold" / f"{name}.align")
    zh_breaks, en_breaks = set(), set()
    since = 0
    for k in range(len(gold) - 1):
        since += 1
        if since >= 2 and rng.random() < 1.0 / MEAN_BEADS_PER_PARAGRAPH:
            since = 0
            merged = rng.random() < ONE_SIDED_MERGE
            side = rng.choice(("zh", "en")) if merged else None
            if side != "zh":
                zh_breaks.add(k)
            if side != "en":
                en_breaks.add(k)
    zh_text, zh_spans = _write([b.src for b in gold], zh_lines, zh_breaks, "")
    en_text, en_spans = _write([b.tgt for b in gold], en_lines, en_breaks, " ")
    return PlainPair(name, zh_text, en_text, zh_spans, en_spans, _without_blank(gold, zh_spans, en_spans))


def _write(ids_per_bead: list[tuple[int, ...]], lines: list[str], breaks: set[int], joiner: str) -> tuple[str, dict[int, tuple[int, int]]]:
    """Running text: the beads' sentences joined, a blank line after the beads in `breaks`."""
    out: list[str] = []
    spans: dict[int, tuple[int, int]] = {}
    pos = 0
    at_paragraph_start = True
    for k, ids in enumerate(ids_per_bead):
        for i in ids:
            text = lines[i].strip() if i < len(lines) else ""
            if not text:
                continue  # a blank gold line has no place in running text
            if not at_paragraph_start:
                out.append(joiner)
                pos += len(joiner)
            spans[i] = (pos, pos + len(text))
            out.append(text)
            pos += len(text)
            at_paragraph_start = False
        if k in breaks and not at_paragraph_start:
            out.append("\n\n")
            pos += 2
            at_paragraph_start = True
    return "".join(out) + "\n", spans


def _without_blank(gold: list[Bead], zh_spans: dict, en_spans: dict) -> list[Bead]:
    kept = []
    for bead in gold:
        src = tuple(i for i in bead.src if i in zh_spans)
        tgt = tuple(j for j in bead.tgt if j in en_spans)
        if src or tgt:
            kept.append(Bead(src, tgt, 1.0))
    return kept


def gold_ids_of(doc: Document, spans: dict[int, tuple[int, int]]) -> list[tuple[int, ...]]:
    """For each sentence termalign read, the gold sentences it holds: every gold sentence goes
    to the one sentence that holds most of its characters (a gold sentence split in two goes
    with its larger part; two gold sentences read as one both go to it)."""
    owners: list[list[int]] = [[] for _ in doc.sentences]
    starts = [s.start for s in doc.sentences]
    for gid, (start, end) in sorted(spans.items(), key=lambda item: item[1][0]):
        k = max(bisect.bisect_right(starts, start) - 1, 0)
        best, best_overlap = None, 0
        while k < len(starts) and starts[k] < end:
            sentence = doc.sentences[k]
            overlap = min(end, sentence.end) - max(start, sentence.start)
            if overlap > best_overlap:
                best, best_overlap = k, overlap
            k += 1
        if best is not None:
            owners[best].append(gid)
    return [tuple(ids) for ids in owners]


def with_gold_sentences(doc: Document, spans: dict[int, tuple[int, int]]) -> Document:
    """The document with its paragraphs kept and its sentences replaced by the gold ones."""
    ordered = sorted(spans.values())
    index = 0
    paragraphs = []
    for paragraph in doc.paragraphs:
        inside = [(a, b) for a, b in ordered if paragraph.start <= a < paragraph.end]
        sentences = []
        for a, b in inside:
            sentences.append(Sentence(f"{paragraph.id}.s{len(sentences) + 1:02d}", index, doc.text[a:b], a, b))
            index += 1
        paragraphs.append(Paragraph(paragraph.id, sentences, paragraph.start, paragraph.end))
    turn = doc.turns[0]
    return replace(doc, turns=[Turn(turn.id, turn.speaker, turn.role, paragraphs)])


def mapped_beads(beads: list[Bead], zh_ids: list[tuple[int, ...]], en_ids: list[tuple[int, ...]]) -> list[Bead]:
    """Predicted beads in gold ids (a bead whose sentences map to no gold sentence is dropped)."""
    out = []
    for bead in beads:
        src = tuple(sorted({g for i in bead.src for g in zh_ids[i]}))
        tgt = tuple(sorted({g for j in bead.tgt for g in en_ids[j]}))
        if src or tgt:
            out.append(Bead(src, tgt, bead.confidence))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--fast", action="store_true")
    parser.add_argument(
        "--gold-sentences", action="store_true", help="keep the paragraphs but use the gold sentences (no splitter): what paragraphs alone change"
    )
    parser.add_argument("--keep", type=Path, help="write the rebuilt texts to this folder as well")
    args = parser.parse_args()
    if not MAC_DEV.exists():
        sys.exit(f"{MAC_DEV} is absent")
    rng = random.Random(SEED)
    total: Counts = ZERO
    rows = []
    sentences = 0
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp, one_blas_thread():
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        for name in FILES:
            pair = build_pair(name, rng)
            (folder / f"{name}.zh.txt").write_text(pair.zh_text, encoding="utf-8")
            (folder / f"{name}.en.txt").write_text(pair.en_text, encoding="utf-8")
            zh = read_document(folder / f"{name}.zh.txt", lang="zh")
            en = read_document(folder / f"{name}.en.txt", lang="en")
            if args.gold_sentences:
                zh, en = with_gold_sentences(zh, pair.zh_spans), with_gold_sentences(en, pair.en_spans)
            alignment = align_documents(zh, en, fast=args.fast)
            predicted = mapped_beads(alignment.beads, gold_ids_of(zh, pair.zh_spans), gold_ids_of(en, pair.en_spans))
            counts = score_file(name, pair.gold, predicted).strict
            split_ok = _split_agreement(zh, pair.zh_spans) , _split_agreement(en, pair.en_spans)
            rows.append((name, counts, len(zh.paragraphs), len(en.paragraphs), split_ok))
            sentences += len(zh.sentences) + len(en.sentences)
            total = total + counts
    seconds = time.perf_counter() - started
    print(f"plain paragraph documents from mac-dev{' (fast mode)' if args.fast else ''}: strict bead P/R/F1")
    print(f"{'file':>6} {'P':>7} {'R':>7} {'F1':>7} {'paragraphs zh/en':>17} {'sentences split as gold zh/en':>30}")
    for name, counts, pz, pe, (sz, se) in rows:
        print(f"{name:>6} {counts.precision:>7.4f} {counts.recall:>7.4f} {counts.f1:>7.4f} {f'{pz}/{pe}':>17} {f'{sz:.3f}/{se:.3f}':>30}")
    print(f"{'all':>6} {total.precision:>7.4f} {total.recall:>7.4f} {total.f1:>7.4f}")
    print(f"{seconds:.1f} s for {sentences} sentences ({1000 * seconds / max(sentences, 1):.1f} s per 1,000; embeddings from the cache after a first run)")


def _split_agreement(doc: Document, spans: dict[int, tuple[int, int]]) -> float:
    """Share of gold sentences that termalign's splitter found exactly."""
    found = {(s.start, s.end) for s in doc.sentences}
    return sum(1 for span in spans.values() if span in found) / max(len(spans), 1)


if __name__ == "__main__":
    main()
