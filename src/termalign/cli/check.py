"""`termalign check`: translation QA of bilingual files or document pairs, as a CI gate."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from termalign.check.export import write_csv, write_json
from termalign.check.inputs import load_inputs
from termalign.check.runner import FAMILIES, CheckReport, check_units
from termalign.cli.app import EXIT_FINDINGS, app, core_errors, progress_bar, stderr, stdout
from termalign.fileio import atomic_output
from termalign.formats import read_glossary
from termalign.model import Finding, Severity, TextSpan


class ReportFormat(StrEnum):
    TEXT = "text"
    JSON = "json"
    CSV = "csv"
    HTML = "html"


class FailOn(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    NEVER = "never"


_SEVERITY_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


@app.command()
def check(
    bilingual: Path | None = typer.Argument(
        None,
        help="Bilingual file (TMX, XLIFF, TSV with source/target columns or header-less source<TAB>target lines), a folder of them, or a manifest TSV "
        "(id, source path, target path). Leave out when giving --source and --target.",
        show_default=False,
    ),
    source: Path | None = typer.Option(
        None, "--source", "-s", help="Source document (or folder of documents) to align with --target on the fly."
    ),
    target: Path | None = typer.Option(None, "--target", "-t", help="Target document (or folder) translating --source."),
    glossary: Path | None = typer.Option(
        None, "--glossary", "-g", help="Glossary: termalign TSV, TBX v2/v3, OmegaT tab-separated (.utf8, .tab, .txt) or CSV. Approved terms are required, deprecated ones forbidden."
    ),
    reference: Path | None = typer.Option(
        None, "--reference", "-r", help="Reference translation (bilingual file with the same segment ids or order) for BLEU, chrF and TER."
    ),
    report_format: ReportFormat = typer.Option(ReportFormat.TEXT, "--format", "-f", help="Report format."),
    output: str = typer.Option("-", "--output", "-o", help="Report file; '-' writes to standard output."),
    fail_on: FailOn = typer.Option(
        FailOn.ERROR, "--fail-on", help="Exit with 1 when a finding at or above this severity exists ('never': always 0)."
    ),
    checks: str | None = typer.Option(
        None, "--checks", help=f"Comma-separated check families ({', '.join(FAMILIES)}) or ids (numbers.changed). Default: all."
    ),
    src_lang: str | None = typer.Option(None, "--src-lang", help="Source language tag when the input does not say (en-US, zh-CN)."),
    tgt_lang: str | None = typer.Option(None, "--tgt-lang", help="Target language tag (zh-CN; zh-TW expects Traditional)."),
    fast: bool = typer.Option(False, "--fast", help="Align document pairs without sentence embeddings (word vectors, length, numbers, dictionary)."),
    jobs: int | None = typer.Option(
        None, "--jobs", "-j", min=1, help="Processes for the per-segment checks (default: all cores from 20,000 segments on)."
    ),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar, no summary on stderr."),
) -> None:
    """Check new translations: terminology, numbers, consistency, completeness, script; metrics against a reference.

    Exit code 0 when nothing at or above --fail-on was found, 1 when something was, 2 for bad input
    or usage — so it works as a CI gate.

    Examples:

        termalign check --source corpora/scio-2023-01-18-miit-industry-it-2022.en.txt --target corpora/scio-2023-01-18-miit-industry-it-2022.zh.txt --glossary glossaries/scio-2023-01-18-miit.glossary.tsv --format html -o out/check.html

        termalign check returned.xlf --glossary glossary.tbx --reference reference.tmx --fail-on warning
    """
    with core_errors(), progress_bar(quiet) as bar:
        loaded = load_inputs(bilingual, source, target, src_lang=src_lang, tgt_lang=tgt_lang, fast=fast, progress=bar)
        terms = read_glossary(glossary) if glossary is not None else None
        reference_units = (
            load_inputs(reference, None, None, src_lang=src_lang, tgt_lang=tgt_lang, fast=fast, progress=bar).units
            if reference is not None
            else None
        )
        selected = [name for name in checks.split(",") if name.strip()] if checks else list(FAMILIES)
        report = check_units(loaded.units, terms, reference_units, checks=selected, jobs=jobs, progress=bar)
        bar.close()
        _write(report, report_format, output)
    if not quiet:
        for name in loaded.unmatched:
            stderr.print(f"[yellow]note:[/] {escape(name)} has no partner of the same name; not checked", highlight=False, soft_wrap=True)
        if report_format is not ReportFormat.TEXT or output != "-":
            stderr.print(_summary_line(report), highlight=False, soft_wrap=True, markup=False)
    if fail_on is not FailOn.NEVER and report.failing(Severity(fail_on.value)):
        raise typer.Exit(EXIT_FINDINGS)


def _write(report: CheckReport, report_format: ReportFormat, output: str) -> None:
    if report_format is ReportFormat.HTML:
        from termalign.report.findings import render_findings_report

        page = render_findings_report(report.findings, report.summary)
        with atomic_output(output) as handle:
            handle.write(page)
        return
    with atomic_output(output) as handle:
        if report_format is ReportFormat.JSON:
            write_json(report, handle)
        elif report_format is ReportFormat.CSV:
            write_csv(report, handle)
        elif output == "-":
            _print_text(report, stdout)
        else:
            _print_text(report, Console(file=handle, width=140, color_system=None, soft_wrap=False))


def _highlighted(text: str, spans: tuple[TextSpan, ...], limit: int = 90) -> Text:
    """A segment with the finding's spans in bold, cut around the first span when long."""
    start, end = 0, len(text)
    if len(text) > limit:
        centre = spans[0].start if spans else 0
        start = max(0, min(centre - limit // 3, len(text) - limit))
        end = start + limit
    shown = Text(("…" if start else "") + text[start:end] + ("…" if end < len(text) else ""))
    shift = 1 if start else 0
    for span in spans:
        left, right = max(span.start, start), min(span.end, end)
        if left < right:
            shown.stylize("bold reverse", left - start + shift, right - start + shift)
    return shown


def _row(item: Finding) -> list[Text | str]:
    where = f"{item.document}#{item.segment_id}" if item.document else item.segment_id
    texts = Text()
    if item.source:
        texts.append("src ", style="dim")
        texts.append(_highlighted(item.source, item.source_spans))
    if item.target:
        texts.append("\ntgt ", style="dim")
        texts.append(_highlighted(item.target, item.target_spans))
    return [Text(where), Text(item.severity.value, style=_SEVERITY_STYLE[item.severity]), item.check, Text(item.message), texts]


def _print_text(report: CheckReport, console: Console) -> None:
    if report.findings:
        table = Table(show_lines=True, header_style="bold")
        for column, ratio in (("Segment", 1), ("Severity", 1), ("Check", 1), ("Issue", 3), ("Text", 4)):
            table.add_column(column, ratio=ratio, overflow="fold")
        for item in report.findings:
            table.add_row(*_row(item))
        console.print(table)
    console.print(_summary_line(report), highlight=False)
    metrics = report.summary.metrics
    if metrics is not None:
        console.print(
            f"Against the reference ({metrics.segments} segments): BLEU {metrics.bleu:.1f} · chrF {metrics.chrf:.1f} · "
            f"TER {metrics.ter:.1f}",
            highlight=False,
        )


def _summary_line(report: CheckReport) -> str:
    summary = report.summary
    by_severity = ", ".join(f"{count} {name}" for name, count in summary.by_severity.items()) or "no findings"
    return (
        f"{summary.segments} segments checked, {summary.segments_flagged} flagged: {by_severity} "
        f"({summary.seconds:.1f} s)"
    )
