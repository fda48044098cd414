"""A check report as data for machines: JSON (summary + findings) and CSV (one row per finding)."""

from __future__ import annotations

import csv
import dataclasses
import json
from typing import IO, Any

from termalign.check.runner import CheckReport
from termalign.model import Finding, TextSpan

CSV_COLUMNS = (
    "document",
    "segment",
    "check",
    "severity",
    "message",
    "source_spans",
    "target_spans",
    "source",
    "target",
)


def _span_dict(span: TextSpan) -> dict[str, Any]:
    return {"start": span.start, "end": span.end, "text": span.text}


def finding_dict(item: Finding) -> dict[str, Any]:
    return {
        "document": item.document,
        "segment": item.segment_id,
        "check": item.check,
        "severity": item.severity.value,
        "message": item.message,
        "source": item.source,
        "target": item.target,
        "source_spans": [_span_dict(s) for s in item.source_spans],
        "target_spans": [_span_dict(s) for s in item.target_spans],
    }


def report_dict(report: CheckReport) -> dict[str, Any]:
    summary = dataclasses.asdict(report.summary)
    summary["findings"] = report.summary.findings
    return {"summary": summary, "findings": [finding_dict(f) for f in report.findings]}


def write_json(report: CheckReport, handle: IO[str]) -> None:
    json.dump(report_dict(report), handle, ensure_ascii=False, indent=1)
    handle.write("\n")


def _spans_cell(spans: tuple[TextSpan, ...]) -> str:
    """Spans as `start-end` pairs (end exclusive), e.g. `12-16 40-44`."""
    return " ".join(f"{s.start}-{s.end}" for s in spans)


def write_csv(report: CheckReport, handle: IO[str]) -> None:
    writer = csv.writer(handle, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for item in report.findings:
        writer.writerow(
            [
                item.document,
                item.segment_id,
                item.check,
                item.severity.value,
                item.message,
                _spans_cell(item.source_spans),
                _spans_cell(item.target_spans),
                item.source,
                item.target,
            ]
        )
