"""Benchmark: both HTML reports at 10,000 rows — render time, size, browser load and filters.

    .venv/bin/python tools/bench/report_10k.py [--beads 10000] [--keep out/bench-report.html]

Builds a long document pair by repeating the bundled corpus (its paragraphs correspond one
to one), pairs sentences in proportion inside each paragraph pair, renders the report,
then opens it in headless Chromium (/usr/bin/chromium, when present) and times the page
load and the low-confidence filter. Then the same for a findings report of as many findings
(one per bead, spread over four checks). Prints one line per figure.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EN = ROOT / "corpora" / "scio-2023-01-18-miit-industry-it-2022.en.txt"
ZH = ROOT / "corpora" / "scio-2023-01-18-miit-industry-it-2022.zh.txt"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--no-first-run", "--disable-component-update", "--disable-sync"]


def long_alignment(target_beads: int):
    from termalign.model import Alignment, Bead, Lang
    from termalign.readers import parse_text, read_document

    en, zh = read_document(EN), read_document(ZH)
    pairs = list(zip(en.paragraphs, zh.paragraphs, strict=True))
    per_copy = sum(len(p.sentences) for p, _ in pairs)
    copies = max(1, -(-target_beads // per_copy))
    src = parse_text("\n\n".join(p.text for _ in range(copies) for p, _ in pairs), "long.en.txt", lang=Lang.EN)
    tgt = parse_text("\n\n".join("".join(s.text for s in q.sentences) for _ in range(copies) for _, q in pairs),
                     "long.zh.txt", lang=Lang.ZH)
    beads: list[Bead] = []
    for sp, tp in zip(src.paragraphs, tgt.paragraphs, strict=True):
        s_idx = [s.index for s in sp.sentences]
        t_idx = [s.index for s in tp.sentences]
        taken = 0
        for k, i in enumerate(s_idx):
            upto = round((k + 1) * len(t_idx) / len(s_idx))
            beads.append(Bead((i,), tuple(t_idx[taken:upto]), 0.95 if len(s_idx) == len(t_idx) else 0.35))
            taken = upto
    return Alignment(src, tgt, beads[:target_beads])


def many_findings(alignment):
    from termalign.check.runner import RunSummary
    from termalign.model import Finding, Severity, TextSpan

    checks = [("numbers.changed", Severity.ERROR), ("terms.missing", Severity.WARNING),
              ("completeness.length_ratio", Severity.INFO), ("consistency.source_two_ways", Severity.WARNING)]
    findings = []
    for n, bead in enumerate(alignment.beads):
        check, severity = checks[n % len(checks)]
        source = " ".join(alignment.src.sentences[i].text for i in bead.src)
        target = "".join(alignment.tgt.sentences[j].text for j in bead.tgt)
        spans = (TextSpan(0, min(8, len(source)), source[:8]),) if source else ()
        findings.append(Finding(check, severity, f"s{n}", f"finding {n} of {check}", source, target, spans, (), "long"))
    summary = RunSummary(len(findings), ["long"], [c for c, _ in checks], len(findings))
    return findings, summary


def time_in_browser(html: str, name: str, actions) -> None:
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
        path = Path(tmp) / "report.html"
        path.write_text(html, encoding="utf-8")
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        started = time.perf_counter()
        page.goto(path.as_uri(), wait_until="load")
        print(f"{name} browser load: {time.perf_counter() - started:.2f} s")
        actions(page)
        browser.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--beads", type=int, default=10_000)
    parser.add_argument("--keep", type=Path, help="also write the report here")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT / "src"))
    from termalign.report import render_alignment_report

    alignment = long_alignment(args.beads)
    started = time.perf_counter()
    html = render_alignment_report(alignment)
    render_s = time.perf_counter() - started
    print(f"beads: {len(alignment.beads)}")
    print(f"render: {render_s:.2f} s")
    print(f"size: {len(html.encode()) / 1e6:.1f} MB")
    if args.keep:
        args.keep.parent.mkdir(parents=True, exist_ok=True)
        args.keep.write_text(html, encoding="utf-8")

    def review(page) -> None:
        started = time.perf_counter()
        page.check("#f-low")
        print(f"low-confidence filter: {time.perf_counter() - started:.2f} s ({page.inner_text('#shown')})")
        page.focus("#b1")
        started = time.perf_counter()
        for _ in range(20):
            page.keyboard.press("ArrowDown")
        print(f"20 arrow-key moves: {time.perf_counter() - started:.2f} s")

    from termalign.report import render_findings_report

    findings, summary = many_findings(alignment)
    started = time.perf_counter()
    findings_html = render_findings_report(findings, summary)
    print(f"findings: {len(findings)}; render: {time.perf_counter() - started:.2f} s; "
          f"size: {len(findings_html.encode()) / 1e6:.1f} MB")

    def filter_findings(page) -> None:
        started = time.perf_counter()
        page.uncheck('input[data-hide="hide-ck1"]')
        print(f"check filter: {time.perf_counter() - started:.2f} s ({page.inner_text('#shown')})")

    if not CHROMIUM.exists():
        print("browser: skipped (no /usr/bin/chromium)")
        return 0
    time_in_browser(html, "review report", review)
    time_in_browser(findings_html, "findings report", filter_findings)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
