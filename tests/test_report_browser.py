"""Both HTML reports opened in headless Chromium (Debian's /usr/bin/chromium, driven by playwright).

Never downloads a browser: the tests skip, saying why, where /usr/bin/chromium is absent
(`make system-deps` installs it). Screenshots go to each test's tmp dir.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from report_corpus import aligned_corpus

from termalign.model import Alignment, Bead, Finding, Lang, Severity, TextSpan
from termalign.readers import parse_text
from termalign.report import render_alignment_report, render_findings_report
from termalign.report.alignment import LOW_CONFIDENCE

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--no-first-run",
    "--disable-component-update",
    "--disable-sync",
]

pytestmark = [pytest.mark.external, pytest.mark.slow]


@pytest.fixture(scope="module")
def browser_context(tmp_path_factory):
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is absent: install Debian's chromium (make system-deps) to run the browser tests")
    sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package (test extra) is not installed")
    with sync_api.sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("chromium-profile")),
            executable_path=str(CHROMIUM),
            args=CHROMIUM_ARGS,
            headless=True,
            accept_downloads=True,
            viewport={"width": 1280, "height": 900},
        )
        yield context
        context.close()


class Opened:
    """A report file opened in a fresh tab, with the page's errors collected."""

    def __init__(self, context, html: str, path: Path) -> None:
        path.write_text(html, encoding="utf-8")
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.page = context.new_page()
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.on("console", lambda message: message.type == "error" and self.errors.append(message.text))
        self.page.on("dialog", lambda dialog: (self.dialogs.append(dialog.message), dialog.dismiss()))
        self.page.goto(path.as_uri())

    def visible_rows(self, selector: str = "tr.bead") -> list[str]:
        return self.page.eval_on_selector_all(selector, "rows => rows.filter(r => r.offsetParent !== null).map(r => r.id)")

    def focused(self) -> str:
        return self.page.evaluate("document.activeElement.id")


@pytest.fixture()
def corpus_report(browser_context, tmp_path):
    """The review report of the aligner's output on the bundled corpus."""
    alignment = aligned_corpus()
    opened = Opened(browser_context, render_alignment_report(alignment), tmp_path / "report.html")
    yield alignment, opened
    opened.page.close()
    assert opened.errors == []


def test_bead_rows_and_the_plot_render(corpus_report, tmp_path):
    alignment, report = corpus_report
    page = report.page
    assert len(report.visible_rows()) == len(alignment.beads)
    plot = page.locator("#plot")
    box = plot.bounding_box()
    assert box is not None and box["width"] > 300 and box["height"] > 300
    assert page.locator("#plot a.pt").count() == len(alignment.beads)
    # the path starts at the frame's top left corner and ends at its bottom right one
    frame = page.locator("#plot rect.frame").bounding_box()
    for point, corner in ((page.locator("#plot a.pt").first, (0, 0)), (page.locator("#plot a.pt").last, (1, 1))):
        where = point.bounding_box()
        centre = (where["x"] + where["width"] / 2, where["y"] + where["height"] / 2)
        expected = (frame["x"] + corner[0] * frame["width"], frame["y"] + corner[1] * frame["height"])
        assert abs(centre[0] - expected[0]) < 10 and abs(centre[1] - expected[1]) < 10
    row = page.locator("#b1").bounding_box()
    assert row is not None and row["height"] > 10
    shot = tmp_path / "report.png"
    page.screenshot(path=str(shot), full_page=False)
    plot.screenshot(path=str(tmp_path / "plot.png"))
    assert shot.stat().st_size > 20_000 and (tmp_path / "plot.png").stat().st_size > 5_000


def test_low_confidence_filter_changes_what_is_shown(corpus_report):
    alignment, report = corpus_report
    page = report.page
    low = [f"b{n}" for n, b in enumerate(alignment.beads, 1) if b.confidence < LOW_CONFIDENCE]
    assert 0 < len(low) < len(alignment.beads)
    page.check("#f-low")
    assert report.visible_rows() == low
    assert page.inner_text("#shown") == f"Showing {len(low)} of {len(alignment.beads)} beads."
    # turn groups without a low bead are hidden with their heading
    assert page.eval_on_selector_all("#beads .chunk", "gs => gs.filter(g => g.offsetParent !== null).length") < len(
        alignment.src.turns
    )
    page.check("#f-null")  # both filters: low and unmatched
    both = [f"b{n}" for n, b in enumerate(alignment.beads, 1) if b.confidence < LOW_CONFIDENCE and b.is_null]
    assert report.visible_rows() == both
    page.uncheck("#f-low")
    page.uncheck("#f-null")
    assert len(report.visible_rows()) == len(alignment.beads)


def test_keyboard_moves_between_beads_and_ticks_them(corpus_report):
    alignment, report = corpus_report
    page = report.page
    page.focus("#b1")
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"
    page.keyboard.press("ArrowDown")
    assert report.focused() == "b2"
    page.keyboard.press("j")
    assert report.focused() == "b3"
    page.keyboard.press("k")
    assert report.focused() == "b2"
    page.keyboard.press("x")
    assert page.is_checked("#w2") and page.inner_text("#n-wrong") == "1"
    inspector = page.inner_text("#inspector")
    second = alignment.beads[1]
    assert "ticked as wrong" in inspector and f"English {alignment.src.sentences[second.src[0]].id}" in inspector
    page.keyboard.press("Tab")  # from the row to its tick box, then to the next row
    assert report.focused() == "w2"
    page.keyboard.press("Tab")
    assert report.focused() == "b3"
    page.keyboard.press("Space")  # toggles on the row, does not scroll the page
    assert page.is_checked("#w3")
    page.keyboard.press("Space")
    assert not page.is_checked("#w3")
    # with a filter on, the arrow keys skip the hidden rows
    page.check("#f-low")
    low = report.visible_rows()
    page.focus(f"#{low[0]}")
    page.keyboard.press("ArrowDown")
    assert report.focused() == low[1]
    # a link from the summary list reaches a row even when a filter hides it, and focuses it
    page.check("#f-null")
    hidden = next(f"b{n}" for n, b in enumerate(alignment.beads, 1) if b.confidence < LOW_CONFIDENCE and not b.is_null)
    page.click(f'.low-list a[href="#{hidden}"]')
    assert report.focused() == hidden and not page.is_checked("#f-low")


def test_glossary_and_number_notes_show_in_the_inspector(browser_context, tmp_path):
    src = parse_text("Output grew 3.6% in 2022.\n", "en.txt", lang=Lang.EN)
    tgt = parse_text("2022年产量增长3.8%。\n", "zh.txt", lang=Lang.ZH)
    report = Opened(browser_context, render_alignment_report(Alignment(src, tgt, [Bead((0,), (0,), 0.9)])), tmp_path / "r.html")
    report.page.focus("#b1")
    text = report.page.inner_text("#inspector")
    assert "3.6% has no equal in the Chinese" in text and "3.8% has no equal in the English" in text
    assert report.errors == []


def test_export_fixes_downloads_the_ticked_beads_as_tsv(corpus_report, tmp_path):
    alignment, report = corpus_report
    page = report.page
    guessed = [n for n, b in enumerate(alignment.beads, 1) if b.kind == "1-2"][:2]
    for number in guessed:
        page.check(f"#w{number}")
    assert page.inner_text("#n-wrong") == "2"
    with page.expect_download() as info:
        page.click("#export")
    saved = tmp_path / "fixes.tsv"
    info.value.save_as(str(saved))
    lines = saved.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("# termalign fixes")
    rows = list(csv.DictReader([line for line in lines if not line.startswith("#")], delimiter="\t"))
    assert [int(r["bead"]) for r in rows] == guessed
    src_ids = [s.id for s in alignment.src.sentences]
    tgt_ids = [s.id for s in alignment.tgt.sentences]
    for row, number in zip(rows, guessed):
        bead = alignment.beads[number - 1]
        assert row["action"] == "wrong"
        assert row["src"].split() == [src_ids[i] for i in bead.src]
        assert row["tgt"].split() == [tgt_ids[j] for j in bead.tgt]
        assert row["src_text"] == " ".join(alignment.src.sentences[i].text for i in bead.src)
        assert row["tgt_text"] == "".join(alignment.tgt.sentences[j].text for j in bead.tgt)


def test_markup_in_a_segment_stays_text_in_the_browser(browser_context, tmp_path):
    hostile = 'Look <script>alert("src")</script><img src=x onerror=alert("img")> here.'
    src = parse_text(hostile + "\n", "en.txt", lang=Lang.EN)
    tgt = parse_text("看<script>alert('tgt')</script>这里。\n", "zh.txt", lang=Lang.ZH)
    report = Opened(browser_context, render_alignment_report(Alignment(src, tgt, [Bead((0,), (0,), 0.2)])), tmp_path / "x.html")
    assert report.dialogs == []
    assert report.page.inner_text("#b1 td.src") == hostile
    assert report.page.locator("#b1 img").count() == 0
    report.page.close()


def _findings() -> list[Finding]:
    source = "Output grew 3.6% and the industrial internet spread."
    target = "产量增长3.8%，工业网络得到推广。"
    return [
        Finding("numbers.changed", Severity.ERROR, "s1", "3.6% became 3.8%", source, target,
                (TextSpan(12, 16, "3.6%"),), (TextSpan(4, 8, "3.8%"),), "doc.tmx"),
        Finding("terms.missing", Severity.WARNING, "s1", "industrial internet is not rendered 工业互联网", source, target,
                (TextSpan(25, 44, "industrial internet"),), (), "doc.tmx"),
        Finding("terms.missing", Severity.WARNING, "s2", "new energy vehicles is not rendered 新能源汽车",
                "new energy vehicles", "电动车", (TextSpan(0, 19, "new energy vehicles"),), (), "doc.tmx"),
        Finding("completeness.length_ratio", Severity.INFO, "s3", "<b>odd</b> length", "A long sentence.", "短。",
                (), (), "doc.tmx"),
    ]


def test_findings_report_renders_with_check_filters(browser_context, tmp_path):
    from test_report_findings import summary_for

    findings = _findings()
    html = render_findings_report(findings, summary_for(findings))
    report = Opened(browser_context, html, tmp_path / "findings.html")
    page = report.page
    assert report.visible_rows("tr.finding") == ["f1", "f2", "f3", "f4"]
    assert page.inner_text("#f1 mark.hit >> nth=0") == "3.6%"
    assert page.locator("#f4 b").count() == 0  # the message's markup is text
    page.uncheck('input[data-hide="hide-ck1"]')  # terms.missing
    assert report.visible_rows("tr.finding") == ["f1", "f4"]
    assert page.inner_text("#shown") == "Showing 2 of 4 findings."
    page.uncheck('input[data-hide="hide-s-error"]')
    assert report.visible_rows("tr.finding") == ["f4"]
    page.click("#checks-none")
    assert report.visible_rows("tr.finding") == []
    page.click("#checks-all")
    page.check('input[data-hide="hide-s-error"]')
    assert len(report.visible_rows("tr.finding")) == 4
    page.focus("#f1")
    page.keyboard.press("ArrowDown")
    assert report.focused() == "f2"
    page.screenshot(path=str(tmp_path / "findings.png"), full_page=True)
    assert (tmp_path / "findings.png").stat().st_size > 10_000
    assert report.errors == []
