"""The check findings report as HTML: rows, highlighted spans, filters, summary, escaping."""

from __future__ import annotations

from collections import Counter

import lxml.html

from termalign.check.runner import RunSummary
from termalign.model import Finding, Severity, TextSpan
from termalign.report import render_findings_report


def summary_for(findings: list[Finding], segments: int = 3) -> RunSummary:
    checks = list(dict.fromkeys(f.check for f in findings)) + ["script.traditional"]
    return RunSummary(
        segments=segments,
        documents=sorted({f.document for f in findings if f.document}),
        checks=checks,
        segments_flagged=len({f.segment_id for f in findings if f.severity is not Severity.INFO}),
        by_check=dict(Counter(f.check for f in findings)),
        by_severity=dict(Counter(f.severity.value for f in findings)),
        glossary_entries=12,
    )


SOURCE = "In 2022 the value added of industry grew 3.6%, and 887,000 5G base stations were built."
TARGET = "2022年，工业增加值增长3.8%，新建5G基站88.7万个。"


def _number_finding(**changes) -> Finding:
    base = dict(
        check="numbers.changed",
        severity=Severity.ERROR,
        segment_id="t02.p03",
        message="3.6% became 3.8%",
        source=SOURCE,
        target=TARGET,
        source_spans=(TextSpan(41, 45, "3.6%"),),
        target_spans=(TextSpan(13, 17, "3.8%"),),
        document="miit.tmx",
    )
    base.update(changes)
    return Finding(**base)


def test_findings_rows_show_severity_check_segment_and_highlighted_spans():
    findings = [_number_finding()]
    tree = lxml.html.fromstring(render_findings_report(findings, summary_for(findings)))
    rows = tree.xpath('//tr[contains(@class, "finding")]')
    assert len(rows) == 1
    row = rows[0]
    assert "s-error" in row.get("class") and row.get("tabindex") == "0"
    assert row.xpath("string(td[1])") == "✖ error"  # the severity in words, not only colour
    assert row.xpath("string(td[2])") == "numbers.changed"
    assert row.xpath("string(th/span)") == "miit.tmx" and row.xpath("string(th)") == "miit.tmx t02.p03"
    assert [m.text for m in row.xpath(".//mark")] == ["3.6%", "3.8%"]
    assert row.xpath('.//span[@lang="en"]') and row.xpath('.//span[@lang="zh-Hans"]')


def test_spans_that_do_not_point_at_their_text_are_found_by_their_text():
    shifted = _number_finding(source_spans=(TextSpan(0, 4, "3.6%"),), target_spans=(TextSpan(0, 4, "9.9%"),))
    tree = lxml.html.fromstring(render_findings_report([shifted], summary_for([shifted])))
    assert [m.text for m in tree.xpath("//mark")] == ["3.6%"]  # the absent 9.9% marks nothing


def test_summary_filters_and_escaping():
    findings = [
        _number_finding(),
        _number_finding(check="terms.missing", severity=Severity.WARNING, message="<script>alert(1)</script>"),
        _number_finding(check="completeness.length_ratio", severity=Severity.INFO, segment_id="<i>x</i>"),
    ]
    html = render_findings_report(findings, summary_for(findings), title="QA <run>")
    tree = lxml.html.fromstring(html)
    assert len(tree.xpath("//script")) == 1 and not tree.xpath("//td//i")
    assert tree.xpath("string(//h1)") == "QA <run>"
    boxes = tree.xpath('//fieldset[@id="check-filters"]//label')
    assert [" ".join(b.text_content().split()) for b in boxes] == [
        "numbers.changed (1)",
        "terms.missing (1)",
        "completeness.length_ratio (1)",
    ]
    # each check's box hides its rows through a class on the table and a rule for it
    hide = tree.xpath('//fieldset[@id="check-filters"]//input/@data-hide')
    assert hide == ["hide-ck0", "hide-ck1", "hide-ck2"]
    assert "#findings.hide-ck1 tr.ck1 { display: none; }" in html
    assert "ck1" in tree.xpath('//tr[@id="f2"]/@class')[0]
    assert "script.traditional" in tree.xpath('string(//section[@id="summary"])')  # ran, found nothing


def test_no_findings_says_so():
    html = render_findings_report([], summary_for([]))
    tree = lxml.html.fromstring(html)
    assert "No findings" in tree.xpath('string(//p[@id="no-findings"])')
