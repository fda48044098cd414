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


def check_units(
    units: Sequence[TranslationUnit],
    glossary: Glossary | None = None,
    reference: Sequence[TranslationUnit] | None = None,
    *,
    checks: Iterable[str] = FAMILIES,
    progress: Progress = NO_PROGRESS,
) -> CheckReport:
    """Check segment pairs; `reference` (same ids or same order) adds BLEU/chrF/TER."""
    started = time.perf_counter()
    selected = select_checks(checks)
    wanted = set(selected)
    metrics = None
    if reference is not None:
        metrics = compute_metrics(
            [u.target for u in units], pair_references(units, reference), units[0].tgt_lang if units else "zh"
        )

    lengths = LengthModel.learn(units) if wanted & set(completeness.CHECK_IDS) else None
    run_numbers = bool(wanted & set(numbers.CHECK_IDS))
    run_script = bool(wanted & set(script.CHECK_IDS))
    needs_terms = bool(wanted & {*terms.CHECK_IDS, consistency.TERM_TWO_WAYS})
    term_index = terms.TermIndex(glossary) if glossary is not None and glossary.entries and needs_terms else None
    per_unit: list[list[Finding]] = []
    renderings: list[tuple[TranslationUnit, Sequence[TermRendering]]] = []
    progress.start("checking segments", len(units))
    for unit in units:
        found: list[Finding] = []
        if lengths is not None:
            found.extend(check_completeness(unit, lengths))
        if term_index is not None:
            result = terms.check_terms(unit, term_index)
            found.extend(result.findings)
            if result.renderings:
                renderings.append((unit, result.renderings))
        if run_numbers:
            found.extend(numbers.check_numbers(unit))
        if run_script:
            found.extend(script.check_script(unit))
        per_unit.append(found)
        progress.advance()
    progress.finish()

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
