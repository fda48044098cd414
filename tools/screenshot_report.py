"""Make docs/report-screenshot.png: the review report of the bundled corpus, in headless Chromium.

    .venv/bin/python tools/screenshot_report.py [-o docs/report-screenshot.png] [--html out/report.html]

Aligns the bundled English transcript with its Chinese counterpart (the project's aligner),
highlights the bundled glossary, renders the review report and photographs it with Debian's
/usr/bin/chromium through playwright (no browser download). Chinese text needs a CJK font
(`make system-deps` installs fonts-wqy-microhei).
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EN = ROOT / "corpora" / "scio-2023-01-18-miit-industry-it-2022.en.txt"
ZH = ROOT / "corpora" / "scio-2023-01-18-miit-industry-it-2022.zh.txt"
GLOSSARY = ROOT / "glossaries" / "scio-2023-01-18-miit.glossary.tsv"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--no-first-run", "--disable-component-update", "--disable-sync"]
# The part of the page shown: header, summary, the path picture and the first bead rows.
VIEWPORT = {"width": 1400, "height": 1750}


def render_corpus_report() -> str:
    from termalign.align import align_documents
    from termalign.formats import read_glossary
    from termalign.readers import read_document
    from termalign.report import render_alignment_report

    alignment = align_documents(read_document(EN), read_document(ZH))
    return render_alignment_report(alignment, read_glossary(GLOSSARY), title="Alignment review: SCIO press conference, 18 Jan 2023")


def screenshot(html_path: Path, png_path: Path) -> None:
    from playwright.sync_api import sync_playwright

    if not CHROMIUM.exists():
        raise SystemExit(f"{CHROMIUM} is absent: install Debian's chromium (make system-deps)")
    with tempfile.TemporaryDirectory() as profile, sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            profile, executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True, viewport=VIEWPORT
        )
        page = context.new_page()
        page.goto(html_path.resolve().as_uri())
        # Show a bead with a glossary note in the inspector bar, as a reviewer would see it.
        row = page.locator("tr.bead:has(mark.term)").first
        if row.count():
            row.focus()
        page.evaluate("window.scrollTo(0, 0)")
        png_path.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(png_path), full_page=False)
        context.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-o", "--output", type=Path, default=ROOT / "docs" / "report-screenshot.png")
    parser.add_argument("--html", type=Path, help="also keep the rendered report here")
    args = parser.parse_args()
    html = render_corpus_report()
    with tempfile.TemporaryDirectory() as tmp:
        html_path = args.html or Path(tmp) / "report.html"
        html_path.parent.mkdir(parents=True, exist_ok=True)
        html_path.write_text(html, encoding="utf-8")
        screenshot(html_path, args.output)
    print(f"{args.output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
