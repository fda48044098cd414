"""The check report for people: one self-contained HTML page of findings with filters.

Each finding shows its severity (as a word, not only a colour), its check id, the segment,
the message and both texts with the finding's spans highlighted. Filters by severity and
by check work without a server: each toggles a class on the table, and the CSS written for
this report's check ids hides the rows.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, Sequence

from termalign.model import Finding, Severity, TextSpan
from termalign.readers import detect_lang
from termalign.report.html import LANG_TAG, Mark, asset, escape, locate_span, mark_spans, page

if TYPE_CHECKING:
    from termalign.check.runner import RunSummary

_SEVERITY_SIGN = {Severity.ERROR: "✖", Severity.WARNING: "▲", Severity.INFO: "ℹ"}


def render_findings_report(
    findings: Sequence[Finding],
    summary: RunSummary,
    *,
    title: str = "Translation check report",
) -> str:
    """The findings of a check run (and its summary) as one HTML document (a string)."""
    check_ids = _check_ids(findings, summary)
    css_class = {check_id: f"ck{k}" for k, check_id in enumerate(check_ids)}
    body = "\n".join(
        [
            f"<header><h1>{escape(title)}</h1>{_run_line(summary, len(findings))}</header>",
            '<main id="main">',
            _summary_section(findings, summary, check_ids),
            _filters(findings, check_ids, css_class),
            _findings_table(findings, css_class),
            "</main>",
        ]
    )
    # One hiding rule per check in this report: the script only toggles classes on #findings.
    hidden = [f"hide-{klass}" for klass in css_class.values()] + [f"hide-s-{s.value}" for s in Severity]
    filter_css = "\n".join(f"#findings.{rule} tr.{rule[5:]} {{ display: none; }}" for rule in hidden)
    return page(title=title, body=body, script=asset("findings.js"), lang="en", extra_css="\n" + filter_css + "\n")


def _check_ids(findings: Sequence[Finding], summary: RunSummary) -> list[str]:
    """Checks that found something, in the run's order, then any others the findings name."""
    found = {f.check for f in findings}
    ordered = [c for c in summary.checks if c in found]
    return ordered + sorted(found - set(ordered))


def _run_line(summary: RunSummary, shown: int) -> str:
    documents = ", ".join(summary.documents) if summary.documents else "one input"
    glossary = f" · glossary: {summary.glossary_entries} entries" if summary.glossary_entries else ""
    return (
        f'<p class="docs">{summary.segments} segments checked in {escape(documents)}{glossary} · '
        f"{summary.segments_flagged} segments flagged (warning or error) · {shown} findings · "
        f"{len(summary.checks)} checks ran · {summary.seconds:.2f} s</p>"
    )


def _summary_section(findings: Sequence[Finding], summary: RunSummary, check_ids: list[str]) -> str:
    by_severity = Counter(f.severity for f in findings)
    severity_rows = "".join(
        f'<tr><th scope="row">{_SEVERITY_SIGN[s]} {s.value}</th><td>{by_severity[s]}</td></tr>' for s in Severity
    )
    by_check = Counter(f.check for f in findings)
    check_rows = "".join(f'<tr><th scope="row"><code>{escape(c)}</code></th><td>{by_check[c]}</td></tr>' for c in check_ids)
    quiet = [c for c in summary.checks if c not in by_check]
    quiet_line = (
        f'<p class="note">No findings from: {", ".join(f"<code>{escape(c)}</code>" for c in quiet)}.</p>' if quiet else ""
    )
    cards = [
        '<div class="card"><h3>By severity</h3><table class="counts"><tbody>'
        f"{severity_rows}</tbody></table></div>",
        '<div class="card"><h3>By check</h3><table class="counts"><tbody>'
        f"{check_rows or '<tr><td>no findings</td></tr>'}</tbody></table></div>",
    ]
    if summary.metrics is not None:
        m = summary.metrics
        cards.append(
            '<div class="card"><h3>Against the reference</h3><table class="counts metrics"><tbody>'
            f'<tr><th scope="row">BLEU</th><td>{m.bleu:.1f}</td><td><code>{escape(m.bleu_signature)}</code></td></tr>'
            f'<tr><th scope="row">chrF</th><td>{m.chrf:.1f}</td><td><code>{escape(m.chrf_signature)}</code></td></tr>'
            f'<tr><th scope="row">TER</th><td>{m.ter:.1f}</td><td><code>{escape(m.ter_signature)}</code></td></tr>'
            f"</tbody></table><p class=\"note\">{m.segments} segment pairs scored (sacrebleu).</p></div>"
        )
    return (
        '<section id="summary" aria-labelledby="summary-h"><h2 id="summary-h">Summary</h2>'
        f'<div class="summary-grid">{"".join(cards)}</div>{quiet_line}</section>'
    )


def _filters(findings: Sequence[Finding], check_ids: list[str], css_class: dict[str, str]) -> str:
    by_severity = Counter(f.severity for f in findings)
    by_check = Counter(f.check for f in findings)
    severity_boxes = "".join(
        f'<label><input type="checkbox" checked data-hide="hide-s-{s.value}"> {_SEVERITY_SIGN[s]} {s.value} ({by_severity[s]})</label>'
        for s in Severity
    )
    check_boxes = "".join(
        f'<label><input type="checkbox" checked data-hide="hide-{css_class[c]}"> <code>{escape(c)}</code> ({by_check[c]})</label>'
        for c in check_ids
    )
    return (
        '<section id="filters" class="filters" aria-labelledby="filters-h"><h2 id="filters-h">Findings</h2>'
        f"<fieldset><legend>Severity</legend>{severity_boxes}</fieldset>"
        f'<fieldset id="check-filters"><legend>Checks</legend>{check_boxes}'
        '<button type="button" id="checks-all">all checks</button>'
        '<button type="button" id="checks-none">no checks</button></fieldset>'
        f'<p id="shown" aria-live="polite" data-total="{len(findings)}">Showing {len(findings)} of {len(findings)} findings.</p>'
        '<p class="note">Keys: <kbd>Tab</kbd> or <kbd>↓</kbd>/<kbd>j</kbd> next finding, <kbd>↑</kbd>/<kbd>k</kbd> previous.</p>'
        "</section>"
    )


# Findings per table: the tables sit in blocks the browser skips while off screen
# (`content-visibility: auto`), so a run with 10,000 findings still opens quickly.
CHUNK_ROWS = 200

_COLUMNS = (
    '<colgroup><col class="col-sev"><col class="col-check"><col class="col-seg"><col></colgroup>'
    '<thead><tr><th scope="col">Severity</th><th scope="col">Check</th><th scope="col">Segment</th>'
    '<th scope="col">Issue and texts</th></tr></thead>'
)


def _findings_table(findings: Sequence[Finding], css_class: dict[str, str]) -> str:
    if not findings:
        return '<p id="no-findings" class="card">No findings: every check passed.</p>'
    parts = ['<div id="findings" aria-label="Findings, in segment order">']
    for first in range(0, len(findings), CHUNK_ROWS):
        parts.append(f'<div class="chunk"><table class="findings">{_COLUMNS}<tbody>')
        for number, item in enumerate(findings[first : first + CHUNK_ROWS], start=first + 1):
            parts.append(_finding_row(number, item, css_class[item.check]))
        parts.append("</tbody></table></div>")
    parts.append("</div>")
    return "\n".join(parts)


def _finding_row(number: int, item: Finding, check_class: str) -> str:
    document = f'<span class="doc">{escape(item.document)}</span> ' if item.document else ""
    return (
        f'<tr id="f{number}" class="finding s-{item.severity.value} {check_class}" tabindex="0">'
        f'<td class="sev">{_SEVERITY_SIGN[item.severity]} {item.severity.value}</td>'
        f"<td><code>{_breakable(item.check)}</code></td>"
        f'<th scope="row" class="segid">{document}{_breakable(item.segment_id)}</th>'
        f'<td><span class="msg">{escape(item.message)}</span>'
        f"{_text_line('source', item.source, item.source_spans)}"
        f"{_text_line('target', item.target, item.target_spans)}</td></tr>"
    )


def _breakable(name: str) -> str:
    """A check or segment id that may wrap after its dots, underscores and pluses
    (t05.p01.s03+t05.p01.s04), not in the middle of a word."""
    return escape(name).replace(".", ".<wbr>").replace("_", "_<wbr>").replace("+", "+<wbr>")


def _text_line(side: str, text: str, spans: tuple[TextSpan, ...]) -> str:
    if not text:
        return f'<span class="seg"><span class="side">{side}:</span> <i>(empty)</i></span>'
    marks = []
    for span in spans:
        where = locate_span(text, span.start, span.end, span.text)
        if where is not None:
            marks.append(Mark(where[0], where[1], "hit"))
    lang = LANG_TAG[detect_lang(text)]
    return (
        f'<span class="seg"><span class="side">{side}:</span> '
        f'<span lang="{lang}">{mark_spans(text, marks)}</span></span>'
    )
