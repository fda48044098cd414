"""Pair English terms with Chinese renderings through the aligned beads.

For an English term, every Chinese candidate that occurs in a bead where the term occurs is
a possible rendering. Evidence, all computed per bead (a bead is the unit both sides share):

- association: Dice = 2·both / (beads with term + beads with rendering), and the
  log-likelihood ratio G² of the 2×2 bead table (Dunning 1993) — how unlikely the
  co-occurrence is by chance;
- dictionary: how much of the term's words a bilingual lexicon finds in the rendering and
  how much of the rendering those translations explain (规模以上工业 for "industries above the
  designated size": 规模, 以上, 工业 explained; 规模以上工业增加值 leaves 增加值 unexplained);
- literal strings: Latin letters and digits in the term ("5G", "C919", "512") must be in
  the rendering;
- specificity: a rendering that general Chinese uses often (发展, 企业) is a weak name.

Several candidates are kept with their scores and evidence; the first is the best.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from typing import Callable, Iterable, Sequence

import ahocorasick_rs
import regex

from termalign.model import Alignment, TranslationCandidate
from termalign.progress import NO_PROGRESS, Progress
from termalign.terms.candidates_zh import ZhCandidate

Lexicon = Callable[[str], Iterable[str]]  # English word → Chinese translations

_LITERAL = regex.compile(r"[A-Za-z]*[0-9][A-Za-z0-9+.]*|[A-Z]{2,}[a-z]?")


@dataclass(frozen=True, slots=True)
class BeadTexts:
    """The two sides of an alignment as the pairing needs them: which bead holds each English
    sentence, and the Chinese text of each bead."""

    bead_of_sentence: dict[int, int]
    zh_text: list[str]

    @classmethod
    def from_alignment(cls, alignment: Alignment) -> BeadTexts:
        bead_of_sentence: dict[int, int] = {}
        zh_text: list[str] = []
        zh_sentences = alignment.tgt.sentences
        for number, bead in enumerate(alignment.beads):
            for index in bead.src:
                bead_of_sentence[index] = number
            zh_text.append("".join(zh_sentences[i].text for i in bead.tgt))
        return cls(bead_of_sentence, zh_text)


@dataclass(frozen=True, slots=True)
class TermToPair:
    key: str
    surface: str  # the English term as shown
    words: tuple[str, ...]  # its content words, lower case, for the lexicon
    sentences: tuple[int, ...]  # English sentence indices of its occurrences


def log_likelihood(both: int, term_only: int, rendering_only: int, neither: int) -> float:
    """Dunning's G² for a 2×2 contingency table."""
    total = both + term_only + rendering_only + neither
    if total == 0:
        return 0.0
    cells = (
        (both, both + term_only, both + rendering_only),
        (term_only, both + term_only, term_only + neither),
        (rendering_only, rendering_only + neither, both + rendering_only),
        (neither, rendering_only + neither, term_only + neither),
    )
    g2 = 0.0
    for observed, row, column in cells:
        expected = row * column / total
        if observed > 0 and expected > 0:
            g2 += observed * math.log(observed / expected)
    return 2.0 * g2


def pair_terms(
    terms: Sequence[TermToPair],
    zh_candidates: dict[str, ZhCandidate],
    beads: BeadTexts,
    *,
    lexicon: Lexicon | None = None,
    keep: int = 3,
    progress: Progress = NO_PROGRESS,
) -> dict[str, list[TranslationCandidate]]:
    """Ranked Chinese renderings for each term (by key), best first; empty when none is supported."""
    names = sorted(zh_candidates)
    if not names:
        return {term.key: [] for term in terms}
    matcher = ahocorasick_rs.AhoCorasick(names)
    in_bead: list[set[int]] = []  # candidate ids in each bead
    bead_count: Counter[int] = Counter()
    for text in beads.zh_text:
        ids = {index for index, _s, _e in matcher.find_matches_as_indexes(text, overlapping=True)} if text else set()
        in_bead.append(ids)
        bead_count.update(ids)
    total = len(beads.zh_text)
    result: dict[str, list[TranslationCandidate]] = {}
    progress.start("pairing terms", len(terms))
    for term in terms:
        term_beads = {beads.bead_of_sentence[i] for i in term.sentences if i in beads.bead_of_sentence}
        together: Counter[int] = Counter()
        for bead in term_beads:
            together.update(in_bead[bead])
        translations = _translations(term.words, lexicon)
        literals = set(_LITERAL.findall(term.surface))
        if '"' in term.surface or "“" in term.surface:
            literals.add("“")  # a quoted English name keeps its quotation marks in Chinese
        scored: list[TranslationCandidate] = []
        for index, both in together.items():
            if both < max(1, len(term_beads) // 3):
                continue
            name = names[index]
            candidate = _score(term_beads, both, bead_count[index], total, name, zh_candidates[name], translations, literals)
            candidate = _shaped(candidate, name, len(term.words))
            scored.append(candidate)
        scored.sort(key=lambda c: (-c.score, len(c.text), c.text))  # ties: the shorter, the rest is context
        result[term.key] = _distinct(scored, keep)
        progress.advance()
    progress.finish()
    return result


def _translations(words: Sequence[str], lexicon: Lexicon | None) -> list[set[str]]:
    if lexicon is None:
        return []
    return [set(t for t in lexicon(word) if t) for word in words]


def _score(
    term_beads: set[int],
    both: int,
    rendering_beads: int,
    total: int,
    name: str,
    candidate: ZhCandidate,
    translations: list[set[str]],
    literals: set[str],
) -> TranslationCandidate:
    term_only = len(term_beads) - both
    rendering_only = rendering_beads - both
    dice = 2 * both / (len(term_beads) + rendering_beads)
    llr = log_likelihood(both, term_only, rendering_only, total - both - term_only - rendering_only)
    found_words, explained = _dictionary(name, translations)
    plain = name.replace("“", "").replace("”", "")
    coverage = 0.5 * (found_words + explained) if translations and any(translations) else 0.0
    literal = 1.0 if not literals else sum(1 for lit in literals if lit in name) / len(literals)
    specific = min(1.0, max(0.0, candidate.weirdness) / 3.0)
    fit = min(len(term_beads), rendering_beads) / max(len(term_beads), rendering_beads)
    score = dice * (0.4 + 0.35 * coverage + 0.15 * specific + 0.1 * fit) * (0.25 + 0.75 * literal)
    if len(plain) == 1:
        score *= 0.5
    evidence = f"dice={dice:.2f} llr={llr:.1f} dict={coverage:.2f} beads={both}/{len(term_beads)}"
    return TranslationCandidate(name, round(score, 4), evidence)


def _shaped(candidate: TranslationCandidate, name: str, words: int) -> TranslationCandidate:
    """Prefer renderings of the usual length: official Chinese spends about 1.7 characters
    per English content word (新能源汽车 for "new energy vehicles" rather than 新能源)."""
    expected = 1.7 * max(1, words)
    length = sum(1 for ch in name if ch not in "“”")
    shape = math.exp(-abs(length - expected) / expected)
    return TranslationCandidate(candidate.text, round(candidate.score * (0.85 + 0.15 * shape), 4), candidate.evidence)


def _dictionary(name: str, translations: list[set[str]]) -> tuple[float, float]:
    """(share of the term's words with a translation inside `name`,
    share of `name`'s Han characters covered by those translations)."""
    if not translations:
        return 0.0, 0.0
    covered = [False] * len(name)
    found = 0
    for options in translations:
        hit = False
        for option in options:
            start = name.find(option)
            while start != -1:
                hit = True
                for position in range(start, start + len(option)):
                    covered[position] = True
                start = name.find(option, start + 1)
        found += hit
    han = [i for i, ch in enumerate(name) if "\u4e00" <= ch <= "\u9fff"]
    explained = sum(1 for i in han if covered[i]) / len(han) if han else 0.0
    return found / len(translations), explained


def _distinct(scored: list[TranslationCandidate], keep: int) -> list[TranslationCandidate]:
    """The best `keep`, skipping near-copies that differ only in quotation marks."""
    chosen: list[TranslationCandidate] = []
    seen: set[str] = set()
    for candidate in scored:
        plain = candidate.text.replace("“", "").replace("”", "")
        if plain in seen:
            continue
        seen.add(plain)
        chosen.append(candidate)
        if len(chosen) == keep:
            break
    return chosen
