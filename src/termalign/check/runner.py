"""Run the checks over segment pairs and collect their findings with a run summary.

    report = check_units(units, glossary, reference)
    report.findings          # list[Finding], in segment order
    report.summary           # RunSummary: segments, counts by check and severity, metrics
    report.failing(Severity.ERROR)  # the findings a CI gate fails on

Segment-level checks (terminology, numbers, completeness, script) look at one pair at a
time; consistency looks across the whole run, so a folder or manifest checked in one call
is checked for consistency across all its documents.
"""

from __future__ import annotations

import multiprocessing
import os
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Iterable, Sequence

from termalign.check import completeness, consistency, numbers, script, terms
from termalign.check.completeness import LengthModel, check_completeness
from termalign.check.consistency import TermRendering
from termalign.check.metrics import Metrics, compute_metrics, pair_references
from termalign.check.segments import document_of
from termalign.errors import UsageError
from termalign.model import Finding, Glossary, Severity, TranslationUnit
from termalign.progress import NO_PROGRESS, Progress

FAMILY_IDS: dict[str, tuple[str, ...]] = {
    "terms": terms.CHECK_IDS,
    "numbers": numbers.CHECK_IDS,
    "completeness": completeness.CHECK_IDS,
    "consistency": consistency.CHECK_IDS,
    "script": script.CHECK_IDS,
}
FAMILIES: tuple[str, ...] = tuple(FAMILY_IDS)
CHECK_IDS: tuple[str, ...] = tuple(check_id for ids in FAMILY_IDS.values() for check_id in ids)


@dataclass(slots=True)
class RunSummary:
    segments: int
    documents: list[str]
    checks: list[str]  # the check ids that ran (terminology ones only with a glossary)
    segments_flagged: int  # segments with at least one warning or error
    by_check: dict[str, int] = field(default_factory=dict)
    by_severity: dict[str, int] = field(default_factory=dict)
    glossary_entries: int = 0
    metrics: Metrics | None = None
    seconds: float = 0.0

    @property
    def findings(self) -> int:
        return sum(self.by_check.values())


@dataclass(slots=True)
class CheckReport:
    findings: list[Finding]
    summary: RunSummary

    def failing(self, threshold: Severity) -> list[Finding]:
        """Findings at or above `threshold` (what `--fail-on` counts)."""
        return [f for f in self.findings if f.severity.rank >= threshold.rank]


def select_checks(checks: Iterable[str]) -> tuple[str, ...]:
    """Check ids named by `checks`: family names ("terms") or single ids ("numbers.changed")."""
    chosen: list[str] = []
    for name in checks:
        name = name.strip()
        if name in FAMILY_IDS:
            chosen.extend(FAMILY_IDS[name])
        elif name in CHECK_IDS:
            chosen.append(name)
        else:
            raise UsageError(
                f"unknown check {name!r}: use a family ({', '.join(FAMILIES)}) or a check id such as {CHECK_IDS[0]}"
            )
    return tuple(dict.fromkeys(chosen))


@dataclass(slots=True)
class _SegmentChecks:
    """The checks that look at one pair at a time, with what they need prepared once."""

    lengths: LengthModel | None
    term_index: terms.TermIndex | None
    numbers: bool
    script: bool

    def check(self, unit: TranslationUnit) -> tuple[list[Finding], list[TermRendering]]:
        found: list[Finding] = []
        renderings: list[TermRendering] = []
        if self.lengths is not None:
            found.extend(check_completeness(unit, self.lengths))
        if self.term_index is not None:
            result = terms.check_terms(unit, self.term_index)
            found.extend(result.findings)
            renderings = result.renderings
        if self.numbers:
            found.extend(numbers.check_numbers(unit))
        if self.script:
            found.extend(script.check_script(unit))
        return found, renderings


# Runs at least this large are split over processes when jobs allow it; smaller ones are not
# worth the start-up. Each process takes chunks of this many pairs.
PARALLEL_FROM = 20_000
_CHUNK = 2_000
# The work a forked process inherits (set just before the pool forks, cleared after).
_FORKED_WORK: tuple[_SegmentChecks, Sequence[TranslationUnit]] | None = None


def _with_texts(item: Finding, source: str, target: str) -> Finding:
    # the constructor, not dataclasses.replace: this runs for every finding of a large run
    return Finding(
        item.check, item.severity, item.segment_id, item.message, source, target,
        item.source_spans, item.target_spans, item.document,
    )  # fmt: skip


def _check_chunk(bounds: tuple[int, int]) -> list[tuple[list[Finding], list[TermRendering]]]:
    assert _FORKED_WORK is not None
    checks, units = _FORKED_WORK
    results = []
    for unit in units[bounds[0] : bounds[1]]:
        found, renderings = checks.check(unit)
        # the texts are the parent's already: send the findings back without them
        results.append(([_with_texts(f, "", "") for f in found], renderings))
    return results


def default_jobs(segments: int) -> int:
    """Processes worth using for a run: all cores for large runs, one otherwise."""
    return (os.cpu_count() or 1) if segments >= PARALLEL_FROM else 1


def _run_segment_checks(
    units: Sequence[TranslationUnit], checks: _SegmentChecks, jobs: int, progress: Progress
) -> list[tuple[list[Finding], list[TermRendering]]]:
    global _FORKED_WORK
    progress.start("checking segments", len(units))
    results: list[tuple[list[Finding], list[TermRendering]]] = []
    if jobs <= 1 or len(units) < _CHUNK * 2 or "fork" not in multiprocessing.get_all_start_methods():
        for unit in units:
            results.append(checks.check(unit))
            progress.advance()
    else:
        # fork: the processes inherit the compiled glossary and the units instead of receiving
        # them pickled; only the findings travel back.
        chunks = [(start, min(start + _CHUNK, len(units))) for start in range(0, len(units), _CHUNK)]
        _FORKED_WORK = (checks, units)
        try:
            with multiprocessing.get_context("fork").Pool(min(jobs, len(chunks))) as pool:
                for (start, _), part in zip(chunks, pool.imap(_check_chunk, chunks)):
                    for unit, (found, renderings) in zip(units[start : start + len(part)], part):
                        results.append(([_with_texts(f, unit.source, unit.target) for f in found], renderings))
                    progress.advance(len(part))
        finally:
            _FORKED_WORK = None
    progress.finish()
    return results


def check_units(
    units: Sequence[TranslationUnit],
    glossary: Glossary | None = None,
    reference: Sequence[TranslationUnit] | None = None,
    *,
    checks: Iterable[str] = FAMILIES,
    jobs: int | None = 1,
    progress: Progress = NO_PROGRESS,
) -> CheckReport:
    """Check segment pairs; `reference` (same ids or same order) adds BLEU/chrF/TER.

    `jobs` processes share the segment-level checks of large runs (None: `default_jobs`).
    The findings are the same whatever the number of processes.
    """
    started = time.perf_counter()
    selected = select_checks(checks)
    wanted = set(selected)
    metrics = None
    if reference is not None:
        metrics = compute_metrics(
            [u.target for u in units], pair_references(units, reference), units[0].tgt_lang if units else "zh"
        )

    needs_terms = bool(wanted & {*terms.CHECK_IDS, consistency.TERM_TWO_WAYS})
    segment_checks = _SegmentChecks(
        lengths=LengthModel.learn(units) if wanted & set(completeness.CHECK_IDS) else None,
        term_index=terms.TermIndex(glossary) if glossary is not None and glossary.entries and needs_terms else None,
        numbers=bool(wanted & set(numbers.CHECK_IDS)),
        script=bool(wanted & set(script.CHECK_IDS)),
    )
    results = _run_segment_checks(units, segment_checks, default_jobs(len(units)) if jobs is None else jobs, progress)
    per_unit = [found for found, _ in results]
    renderings = [(unit, found) for unit, (_, found) in zip(units, results) if found]
    term_index = segment_checks.term_index

    across: list[Finding] = []
    if consistency.SOURCE_TWO_WAYS in wanted:
        across.extend(consistency.check_source_two_ways(units))
    if consistency.TARGET_SHARED in wanted:
        across.extend(consistency.check_target_shared(units))
    if consistency.TERM_TWO_WAYS in wanted:
        across.extend(consistency.check_term_two_ways(renderings))
    key_to_index: dict[tuple[str, str], int] = {}
    for index, unit in enumerate(units):
        key_to_index.setdefault((document_of(unit), unit.id), index)
    for item in across:
        per_unit[key_to_index[(item.document, item.segment_id)]].append(item)
    if terms.VARIANT_FORM in wanted:
        per_unit = terms.gather_variant_notes(per_unit)

    findings = [f for found in per_unit for f in found if f.check in wanted]
    ran = tuple(c for c in selected if term_index is not None or c not in (*terms.CHECK_IDS, consistency.TERM_TWO_WAYS))
    summary = _summarise(units, findings, ran, glossary, metrics)
    summary.seconds = time.perf_counter() - started
    return CheckReport(findings, summary)


def _summarise(
    units: Sequence[TranslationUnit],
    findings: list[Finding],
    selected: tuple[str, ...],
    glossary: Glossary | None,
    metrics: Metrics | None,
) -> RunSummary:
    by_check = Counter(f.check for f in findings)
    by_severity = Counter(f.severity.value for f in findings)
    flagged = {(f.document, f.segment_id) for f in findings if f.severity.rank >= Severity.WARNING.rank}
    return RunSummary(
        segments=len(units),
        documents=list(dict.fromkeys(document_of(u) for u in units if document_of(u))),
        checks=list(selected),
        segments_flagged=len(flagged),
        by_check={check_id: by_check[check_id] for check_id in selected if by_check[check_id]},
        by_severity={s.value: by_severity[s.value] for s in Severity if by_severity[s.value]},
        glossary_entries=len(glossary.entries) if glossary is not None else 0,
        metrics=metrics,
    )
