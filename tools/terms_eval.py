"""Terminology recall and precision of `termalign terms EN ZH` on the bundled corpus.

The gold is tests/data/terms_gold_scio.tsv: 176 terms made by hand, each with a kind
(institution, acronym, programme, measure, technology, policy, domain), a split (tuning /
held-out, by a hash of the term; see terms_gold_scio.md), its Chinese and accepted variants.

- recall@k: the share of gold terms that one of the first k entries names. An entry names a
  term when one of its English forms (`en`, `en_variants`) equals the term or a variant of it
  after folding case, quotation marks, punctuation, hyphens and plurals (`text.english.term_key`);
- precision of the top 100 and 200: the share of the first 100 (200) entries that are real terms,
  i.e. gold terms or entries judged terms in tests/data/terms_reviewed_scio.tsv (the reviewed list
  of entries that are not gold: `term` or `not`, with a reason; it covers every entry to rank 400
  of the fast run, judged by the gold's definition of a term, which leaves out words any dictionary
  gives and everyday goods). An entry neither in the gold nor reviewed counts as not a term and is
  listed as unreviewed, so that it can be judged;
- the terms of the text: the gold and the reviewed terms together, a lower bound of how many terms
  of the gold's kinds the text holds. One entry names one term, so `k` entries find at most `k` of
  them: recall@k over all of them is at most k / that count, and recall ≥ r of both the gold and
  the terms it did not list needs at least r × that count entries;
- Chinese correct: among the gold terms found in the top 200, the share whose entry's Chinese
  is the gold rendering or an accepted variant.

Figures for the tuning half, the held-out half (the headline: terms of the same kinds that
development did not look at) and both halves together, and per kind.

    .venv/bin/python tools/terms_eval.py                    # the user's command: aligner with embeddings
    .venv/bin/python tools/terms_eval.py --fast             # fast alignment (as the tests use)
    .venv/bin/python tools/terms_eval.py --misses tuning    # gold terms not in the top 200, with their rank
    .venv/bin/python tools/terms_eval.py --unreviewed       # top-100 entries neither gold nor reviewed
    .venv/bin/python tools/terms_eval.py --diagnose tuning  # why each miss of the split is missed, by class

The diagnosis puts each gold term missing from the top 200 in one class:
(a) never a candidate (nor another form of it in the top 200; a candidate the scoring dropped as a
fragment says so, and so does a noun phrase nothing marks whose Chinese did not vouch for it), (b) a candidate absorbed into another draft (a fragment or context of it, or a
variant of an entry ranked below 200), (c) a candidate ranked 201+ (its rank among the merged
drafts, or among all candidates when it was not in the pool paired with Chinese), (d) found in
another form: an entry of the top 200 with the gold Chinese, or whose English holds the term's
content words and at most two more.
"""

from __future__ import annotations

import argparse
import csv
import math
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from termalign.model import Glossary, GlossaryEntry, Lang  # noqa: E402
from termalign.terms import Ranking, glossary_from_ranking  # noqa: E402
from termalign.terms.candidates_en import EnCandidate  # noqa: E402
from termalign.text.english import STOPWORDS, term_key  # noqa: E402

CORPUS = ROOT / "corpora"
EN = CORPUS / "scio-2023-01-18-miit-industry-it-2022.en.txt"
ZH = CORPUS / "scio-2023-01-18-miit-industry-it-2022.zh.txt"
GOLD = ROOT / "tests" / "data" / "terms_gold_scio.tsv"
REVIEWED = ROOT / "tests" / "data" / "terms_reviewed_scio.tsv"
CUTOFFS = (50, 100, 200)
SPLITS = ("tuning", "held-out")


@dataclass(frozen=True)
class GoldTerm:
    term: str
    kind: str
    split: str
    zh: str
    en_variants: tuple[str, ...] = ()
    zh_variants: tuple[str, ...] = ()

    @property
    def keys(self) -> frozenset[str]:
        return frozenset(form_key(f) for f in (self.term, *self.en_variants))

    @property
    def renderings(self) -> frozenset[str]:
        return frozenset((self.zh, *self.zh_variants))


def form_key(form: str) -> str:
    """An English form folded for matching: case, quotation marks, punctuation, hyphens, plurals."""
    return term_key(form.replace("“", " ").replace("”", " ").replace('"', " "))


def _split_list(cell: str) -> tuple[str, ...]:
    return tuple(v.strip() for v in cell.split(";") if v.strip())


def read_gold(path: Path = GOLD) -> list[GoldTerm]:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        return [
            GoldTerm(r["term"], r["kind"], r["split"], r["zh"], _split_list(r["en_variants"]), _split_list(r["zh_variants"]))
            for r in rows
        ]


def read_reviewed(path: Path = REVIEWED) -> dict[str, bool]:
    """Form key → judged a real term (True) or not (False)."""
    if not path.exists():
        return {}
    with path.open(encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        return {form_key(r["en"]): r["judgement"] == "term" for r in rows}


def entry_keys(entry: GlossaryEntry) -> frozenset[str]:
    return frozenset(form_key(f) for f in entry.en_forms if f)


@dataclass
class Found:
    """Where each gold term is in the glossary: its rank (1-based) and its entry, or none."""

    rank: dict[str, int] = field(default_factory=dict)
    entry: dict[str, GlossaryEntry] = field(default_factory=dict)


def locate(gold: Sequence[GoldTerm], glossary: Glossary) -> Found:
    found = Found()
    keyed = [(rank, entry, entry_keys(entry)) for rank, entry in enumerate(glossary.entries, 1)]
    for term in gold:
        for rank, entry, keys in keyed:
            if keys & term.keys:
                found.rank[term.term] = rank
                found.entry[term.term] = entry
                break
    return found


@dataclass(frozen=True)
class Figures:
    terms: int
    recall: dict[int, float]
    zh_correct: float  # among the terms found in the top max(CUTOFFS)
    zh_checked: int


def figures(gold: Sequence[GoldTerm], found: Found) -> Figures:
    n = len(gold)
    recall = {k: sum(1 for t in gold if found.rank.get(t.term, k + 1) <= k) / n if n else 0.0 for k in CUTOFFS}
    deepest = max(CUTOFFS)
    checked = [t for t in gold if found.rank.get(t.term, deepest + 1) <= deepest]
    correct = sum(1 for t in checked if found.entry[t.term].zh in t.renderings)
    return Figures(n, recall, correct / len(checked) if checked else 0.0, len(checked))


@dataclass(frozen=True)
class Precision:
    value: float
    gold: int
    judged_terms: int
    judged_not: int
    unreviewed: list[GlossaryEntry]


def precision(gold: Sequence[GoldTerm], reviewed: dict[str, bool], glossary: Glossary, k: int = 100) -> Precision:
    gold_keys = frozenset().union(*(t.keys for t in gold))
    in_gold = terms = nots = 0
    unreviewed = []
    top = glossary.entries[:k]
    for entry in top:
        keys = entry_keys(entry)
        if keys & gold_keys:
            in_gold += 1
        elif any(reviewed.get(key) is True for key in keys):
            terms += 1
        elif any(reviewed.get(key) is False for key in keys):
            nots += 1
        else:
            unreviewed.append(entry)
    return Precision((in_gold + terms) / len(top) if top else 0.0, in_gold, terms, nots, unreviewed)


@dataclass(frozen=True)
class Population:
    """The terms of the text known to the harness: the gold, and reviewed terms not in it."""

    gold: int
    reviewed_terms: int

    @property
    def known(self) -> int:
        return self.gold + self.reviewed_terms

    def recall_bound(self, k: int) -> float:
        """The most recall@k any ranking reaches over all the known terms (one entry, one term)."""
        return min(1.0, k / self.known) if self.known else 0.0


def population(gold: Sequence[GoldTerm], reviewed: dict[str, bool]) -> Population:
    gold_keys = frozenset().union(*(t.keys for t in gold)) if gold else frozenset()
    others = sum(1 for key, is_term in reviewed.items() if is_term and key not in gold_keys)
    return Population(len(gold), others)


@dataclass(frozen=True)
class Evaluation:
    by_split: dict[str, Figures]  # "tuning", "held-out", "all"
    by_kind: dict[tuple[str, str], Figures]  # (kind, split)
    precision: Precision  # of the top 100
    found: Found
    precision_200: Precision | None = None
    population: Population | None = None


def evaluate(glossary: Glossary, gold: Sequence[GoldTerm] | None = None, reviewed: dict[str, bool] | None = None) -> Evaluation:
    gold = read_gold() if gold is None else gold
    reviewed = read_reviewed() if reviewed is None else reviewed
    found = locate(gold, glossary)
    by_split = {split: figures([t for t in gold if t.split == split], found) for split in SPLITS}
    by_split["all"] = figures(gold, found)
    kinds = sorted({t.kind for t in gold})
    by_kind = {
        (kind, split): figures([t for t in gold if t.kind == kind and (split == "all" or t.split == split)], found)
        for kind in kinds
        for split in (*SPLITS, "all")
    }
    return Evaluation(
        by_split, by_kind, precision(gold, reviewed, glossary), found,
        precision(gold, reviewed, glossary, k=200), population(gold, reviewed),
    )


def rank(*, fast: bool = False, top: int = max(CUTOFFS), embeddings: bool = True) -> Ranking:
    """The ranked drafts of the bundled corpus as `termalign terms EN ZH --top 200` makes them
    (with `fast`: the aligner's fast mode, as the tests use)."""
    from termalign.align import align_documents
    from termalign.readers import read_document
    from termalign.terms import rank_drafts

    en = read_document(EN, lang=Lang.EN)
    zh = read_document(ZH, lang=Lang.ZH)
    return rank_drafts(en, align_documents(en, zh, fast=fast), top=top, embeddings=embeddings)


def extract(*, fast: bool = False, top: int = max(CUTOFFS), embeddings: bool = True) -> Glossary:
    """The glossary of the bundled corpus as `termalign terms EN ZH --top 200` makes it."""
    return glossary_from_ranking(rank(fast=fast, top=top, embeddings=embeddings), top=top)


# ---------------------------------------------------------------- diagnosis of the misses

MISS_CLASSES = {
    "a": "never a candidate",
    "b": "a candidate absorbed into another draft",
    "c": "a candidate ranked 201+",
    "d": "found in another form",
}


@dataclass(frozen=True)
class Miss:
    term: GoldTerm
    klass: str  # a key of MISS_CLASSES
    detail: str


def _content(key: str) -> frozenset[str]:
    return frozenset(w for w in key.split() if w not in STOPWORDS)


def _other_form(term: GoldTerm, glossary: Glossary, deepest: int) -> str:
    """The first top entry that names the term in another form: the gold Chinese, or an English
    form holding the term's content words and at most two more (a piece of the term, which names
    something wider, is no other form of it)."""
    gold_words = [_content(k) for k in term.keys]
    for rank, entry in enumerate(glossary.entries[:deepest], 1):
        words = [_content(k) for k in entry_keys(entry)]
        holds = any(g and g < w and len(w - g) <= 2 for g in gold_words for w in words)
        if entry.zh in term.renderings or holds:
            return f"#{rank} {entry.en!r} ({entry.zh or 'no Chinese'})"
    return ""


def diagnose(gold: Sequence[GoldTerm], ranking: Ranking) -> list[Miss]:
    """Each gold term of `gold` missing from the top 200 of `ranking`, with its class and where it went."""
    deepest = max(CUTOFFS)
    glossary = glossary_from_ranking(ranking, top=deepest)
    found = locate(gold, glossary)
    draft_rank = {d.candidate.key: rank for rank, d in enumerate(ranking.drafts, 1)}
    candidates = sorted(ranking.found.candidates.values(), key=lambda c: (-c.score, c.key))
    candidate_rank = {c.key: rank for rank, c in enumerate(candidates, 1)}
    candidate_rank.update({key: len(candidates) + 1 for key in ranking.found.unmarked})
    pooled = {d.candidate.key for d in ranking.pool}
    keys_of = {key: _forms(ranking.found.candidates, key) for key in (*ranking.found.candidates, *ranking.found.dropped)}
    unmarked = {key: _forms(ranking.found.unmarked, key) for key in ranking.found.unmarked}
    misses = []
    for term in gold:
        if found.rank.get(term.term, deepest + 1) <= deepest:
            continue
        mine = [key for key, forms in keys_of.items() if forms & term.keys]
        other = _other_form(term, glossary, deepest)
        live = [key for key in mine if key in ranking.found.candidates]
        if not live:
            live = [key for key, forms in unmarked.items() if forms & term.keys and key in pooled]
        if not live:
            if any(forms & term.keys for forms in unmarked.values()):
                why = "a noun phrase nothing marks, its Chinese did not vouch for it"
            else:
                why = "; ".join(f"dropped: {ranking.found.dropped[k]}" for k in mine)
            misses.append(Miss(term, "d" if other else "a", "; ".join(x for x in (other, why) if x)))
            continue
        key = min(live, key=lambda k: candidate_rank[k])
        home = key
        while home in ranking.absorbed:
            home = ranking.absorbed[home]
        also = f"; {other}" if other else ""
        if home != key:
            where = f"#{draft_rank[home]}" if home in draft_rank else "dropped"
            misses.append(Miss(term, "b", f"into {home!r} ({where}){also}"))
        elif key in draft_rank:
            misses.append(Miss(term, "c", f"draft rank {draft_rank[key]}{also}"))
        else:
            place = "in the pool" if key in pooled else "not in the pool"
            misses.append(Miss(term, "c", f"candidate rank {candidate_rank[key]} ({place}){also}"))
    return misses


def _forms(candidates: dict[str, EnCandidate], key: str) -> frozenset[str]:
    """The folded English forms of a candidate key (a dropped one keeps only its key)."""
    candidate = candidates.get(key)
    surfaces = list(candidate.surfaces) if candidate is not None else []
    return frozenset(form_key(f) for f in (key.removeprefix("q: "), *surfaces))


def diagnosis_report(misses: Sequence[Miss]) -> str:
    lines = ["class  count  meaning"]
    for klass, meaning in MISS_CLASSES.items():
        lines.append(f"({klass})  {sum(1 for m in misses if m.klass == klass):>6}  {meaning}")
    lines.append("")
    for klass in MISS_CLASSES:
        for miss in (m for m in misses if m.klass == klass):
            lines.append(f"  ({klass}) {miss.term.kind:<11} {miss.term.term}: {miss.detail}")
    return "\n".join(lines)


def _row(name: str, f: Figures) -> str:
    recall = "  ".join(f"{f.recall[k]:.3f}" for k in CUTOFFS)
    return f"{name:<24}{f.terms:>5}  {recall}  {f.zh_correct:.3f} ({f.zh_checked})"


def report(evaluation: Evaluation) -> str:
    header = f"{'':<24}{'terms':>5}  " + "  ".join(f"R@{k:<3}" for k in CUTOFFS) + "  zh correct (found@200)"
    lines = [header]
    for split in ("held-out", "tuning", "all"):
        lines.append(_row(split, evaluation.by_split[split]))
    lines.append("")
    lines.append("by kind (held-out / tuning / all):")
    for (kind, split), f in sorted(evaluation.by_kind.items(), key=lambda item: (item[0][0], ("held-out", "tuning", "all").index(item[0][1]))):
        lines.append(_row(f"  {kind} {split}", f))
    p = evaluation.precision
    lines.append("")
    lines.append(
        f"precision of the top 100: {p.value:.2f} ({p.gold} gold + {p.judged_terms} reviewed terms; "
        f"{p.judged_not} reviewed not terms, {len(p.unreviewed)} unreviewed)"
    )
    p = evaluation.precision_200
    if p is not None:
        lines.append(
            f"precision of the top 200: {p.value:.2f} ({p.gold} gold + {p.judged_terms} reviewed terms; "
            f"{p.judged_not} reviewed not terms, {len(p.unreviewed)} unreviewed)"
        )
    known = evaluation.population
    if known is not None:
        deepest = max(CUTOFFS)
        lines.append(
            f"terms of the text known: {known.known} ({known.gold} gold + {known.reviewed_terms} reviewed terms, a lower bound); "
            f"recall@{deepest} over them all is at most {known.recall_bound(deepest):.2f}, and recall 0.9 of the gold and "
            f"of the others alike needs {math.ceil(0.9 * known.known)} entries or more"
        )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--fast", action="store_true", help="fast alignment (no embeddings in the aligner), as the tests use")
    parser.add_argument("--no-embeddings", action="store_true", help="pairing without phrase embeddings")
    parser.add_argument("--misses", choices=("tuning", "held-out", "all"), help="list the gold terms of this split not in the top 200")
    parser.add_argument("--unreviewed", action="store_true", help="list the top-100 entries that are neither gold nor reviewed")
    parser.add_argument("--diagnose", choices=("tuning", "held-out", "all"), help="classify the misses of this split (see above)")
    parser.add_argument("--wrong-zh", choices=("tuning", "held-out", "all"), help="list found gold terms of this split whose Chinese is wrong")
    args = parser.parse_args(argv)

    ranking = rank(fast=args.fast, embeddings=not args.no_embeddings)
    glossary = glossary_from_ranking(ranking, top=max(CUTOFFS))
    gold = read_gold()
    evaluation = evaluate(glossary, gold)
    print(report(evaluation))
    deepest = max(CUTOFFS)
    if args.misses:
        print(f"\nnot in the top {deepest} ({args.misses}):")
        for term in gold:
            if args.misses in ("all", term.split) and evaluation.found.rank.get(term.term, deepest + 1) > deepest:
                print(f"  {term.kind:<11} {term.term}")
    if args.wrong_zh:
        print(f"\nfound, Chinese wrong ({args.wrong_zh}):")
        for term in gold:
            entry = evaluation.found.entry.get(term.term)
            if args.wrong_zh in ("all", term.split) and entry and evaluation.found.rank[term.term] <= deepest and entry.zh not in term.renderings:
                print(f"  {term.term}: {entry.zh or '(none)'} (gold {term.zh}); entry {entry.en!r} #{evaluation.found.rank[term.term]}")
    if args.diagnose:
        chosen = [t for t in gold if args.diagnose in ("all", t.split)]
        misses = diagnose(chosen, ranking)
        print(f"\nmisses of the top {deepest} ({args.diagnose}), by class:")
        print(diagnosis_report(misses))
    if args.unreviewed:
        print("\nunreviewed in the top 100:")
        for entry in evaluation.precision.unreviewed:
            print(f"  {entry.id}\t{entry.en}\t{entry.zh}")


if __name__ == "__main__":
    main()
