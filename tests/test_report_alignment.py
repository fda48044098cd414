"""The alignment review report as HTML: structure, escaping, highlights, summary and picture."""

from __future__ import annotations

import base64
import hashlib
import re
from html import unescape
from html.parser import HTMLParser

import lxml.html
from hypothesis import given, strategies as st
from report_corpus import GUESSED, corpus_alignment

from termalign.model import Alignment, Bead, Lang
from termalign.readers import parse_text
from termalign.report import render_alignment_report
from termalign.report.alignment import confidence_histogram, kind_class, path_points
from termalign.report.html import Mark, mark_spans


def _doc(text: str, lang: Lang):
    return parse_text(text, f"memory.{lang.value}.txt", lang=lang)


def _rows(tree) -> list:
    return tree.xpath('//div[@id="beads"]//tr[contains(concat(" ", @class, " "), " bead ")]')


def test_corpus_report_has_one_row_per_bead_with_speakers_and_languages():
    alignment = corpus_alignment()
    tree = lxml.html.fromstring(render_alignment_report(alignment))
    rows = _rows(tree)
    assert len(rows) == len(alignment.beads)
    assert [r.get("id") for r in rows[:3]] == ["b1", "b2", "b3"]
    first = alignment.beads[0]
    assert rows[0].xpath('string(td[@lang="en"])').strip() == alignment.src.sentences[first.src[0]].text
    assert rows[0].xpath('string(td[@lang="zh-Hans"])').strip() == alignment.tgt.sentences[first.tgt[0]].text
    heads = [" ".join(h.text_content().split()) for h in tree.xpath('//tr[@class="turn-head"]')]
    assert len(heads) == len(alignment.src.turns)  # the hand alignment keeps turns paired
    assert "Tian Yulong (speaker)" in heads[1] and "田玉龙" in heads[1]
    # every row can take the keyboard focus and its tick box has a name
    assert all(r.get("tabindex") == "0" for r in rows)
    assert all(r.xpath('.//input[@type="checkbox"]/@aria-label') for r in rows)


def test_report_is_self_contained():
    html = render_alignment_report(corpus_alignment())
    tree = lxml.html.fromstring(html)
    assert not tree.xpath("//link | //img | //iframe | //script[@src] | //object")
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", html)
    assert "url(" not in html
    csp = tree.xpath('//meta[@http-equiv="Content-Security-Policy"]/@content')[0]
    assert "default-src 'none'" in csp
    # the inline script and style are allowed by their hashes, and only they are
    script = tree.xpath("//script")[0].text
    digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
    assert f"'sha256-{digest}'" in csp


def test_segment_text_with_markup_is_shown_as_text():
    hostile = 'Growth <script>alert("x")</script> and "><img src=x onerror=alert(1)> & more.'
    src = _doc(hostile + "\n\nSecond paragraph.\n", Lang.EN)
    tgt = _doc("增长<b>加粗</b>。\n\n第二段。\n", Lang.ZH)
    alignment = Alignment(src, tgt, [Bead((0,), (0,), 0.9), Bead((1,), (1,), 0.9)])
    html = render_alignment_report(alignment, title="<i>title</i>")
    tree = lxml.html.fromstring(html)
    assert len(tree.xpath("//script")) == 1  # ours only
    assert not tree.xpath("//img | //b | //h1/i")
    rows = _rows(tree)
    assert rows[0].xpath('string(td[@lang="en"])').strip() == hostile
    assert rows[0].xpath('string(td[@lang="zh-Hans"])').strip() == "增长<b>加粗</b>。"
    assert tree.xpath("string(//h1)") == "<i>title</i>"


def test_null_and_many_beads_are_marked_in_words_not_only_colour():
    alignment = corpus_alignment()
    src, tgt = alignment.src, alignment.tgt
    beads = [Bead((0,), ()), Bead((), (0,)), Bead((1, 2), (1, 2), 0.6), Bead((3,), (3, 4), 0.2), Bead((4,), (5,))]
    tree = lxml.html.fromstring(render_alignment_report(Alignment(src, tgt, beads)))
    rows = _rows(tree)
    kinds = [r.xpath('string(.//span[@class="kind"])') for r in rows]
    assert kinds == ["∅ 1-0", "∅ 0-1", "⇶ 2-2", "⇉ 1-2", "1-1"]
    assert rows[0].xpath('string(td[@lang="zh-Hans"])') == "— no counterpart —"
    assert rows[2].xpath('.//span[@class="kind"]/@aria-label') == ["2-2, many to many"]
    assert "low" in rows[3].xpath('string(.//span[@class="conf"])')
    assert [kind_class(b) for b in beads] == ["k-null", "k-null", "k-many", "k-split", "k-one"]


def test_numbers_that_do_not_match_are_highlighted_and_equal_ones_are_not():
    src = _doc("Industrial output grew 3.6% in 2022, with 887,000 new 5G base stations.\n", Lang.EN)
    tgt = _doc("2022年工业增加值增长3.8%，新建5G基站88.7万个。\n", Lang.ZH)
    html = render_alignment_report(Alignment(src, tgt, [Bead((0,), (0,), 0.9)]))
    tree = lxml.html.fromstring(html)
    marked = [(m.getparent().getparent().get("lang"), m.text) for m in tree.xpath('//mark[contains(@class, "num")]')]
    assert marked == [("en", "3.6%"), ("zh-Hans", "3.8%")]
    note = tree.xpath('//td[@lang="en"]//mark/@title')[0]
    assert "3.6%" in note and "3.8%" in note
    assert tree.xpath('//tr[@id="b1"]//span[@class="flag"]')  # "#≠" written in the row too


def test_summary_counts_histogram_and_low_confidence_list():
    alignment = corpus_alignment()
    tree = lxml.html.fromstring(render_alignment_report(alignment))
    counts = {
        r.xpath("string(th)").strip("∅⇉⇶ "): int(r.xpath("string(td[1])"))
        for r in tree.xpath('//section[@id="summary"]//table[@class="counts"]/tbody/tr')
    }
    assert counts == {"1-1": 349, "1-0": 74, "1-2": 5}
    low = [b for b in alignment.beads if b.confidence < 0.5]
    links = tree.xpath('//div[contains(@class, "low-list")]//li/a/@href')
    assert len(links) == min(100, len(low))
    first_low = next(n for n, b in enumerate(alignment.beads, 1) if b.confidence == GUESSED)
    assert links[0] == f"#b{first_low}"  # lowest first, document order among equals
    hist = confidence_histogram(alignment.beads)
    assert sum(hist) == len(alignment.beads) and hist[3] == len(low) and hist[9] == len(alignment.beads) - len(low)
    assert confidence_histogram([Bead((0,), (0,), 1.0), Bead((0,), (0,), 0.0)]) == [1] + [0] * 8 + [1]


def test_alignment_path_picture_has_a_point_per_bead_and_turn_lines():
    alignment = corpus_alignment()
    tree = lxml.html.fromstring(render_alignment_report(alignment))
    plot = tree.xpath('//svg[@id="plot"]')[0]
    points = plot.xpath('.//a[contains(@class, "pt")]')
    assert len(points) == len(alignment.beads)
    assert points[0].get("href") == "#b1"
    turn_lines = plot.xpath('.//line[@class="turn-line"]')
    assert len(turn_lines) == (len(alignment.src.turns) - 1) + (len(alignment.tgt.turns) - 1)
    xy = path_points(alignment)
    assert all(a.x <= b.x and a.y <= b.y for a, b in zip(xy, xy[1:]))  # a monotone path
    assert xy[0].x == 0.5 and xy[0].y == 0.5


def test_null_beads_sit_between_their_neighbours_in_the_picture():
    alignment = corpus_alignment()
    beads = [Bead((0,), (0,)), Bead((1,), ()), Bead((), (1,)), Bead((2, 3), (2,))]
    xy = path_points(Alignment(alignment.src, alignment.tgt, beads))
    assert [(p.x, p.y) for p in xy] == [(0.5, 0.5), (1.5, 1.0), (2.0, 1.5), (3.0, 2.5)]


class _Nesting(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.open: list[str] = []
        self.ok = True

    def handle_starttag(self, tag, attrs):
        self.open.append(tag)

    def handle_endtag(self, tag):
        self.ok = self.ok and bool(self.open) and self.open.pop() == tag


@given(
    st.text(alphabet='ab<>&"\' 中文9', max_size=30),
    st.lists(st.tuples(st.integers(0, 30), st.integers(0, 30), st.sampled_from(["term", "num"])), max_size=5),
)
def test_mark_spans_keeps_the_text_and_nests_well(text, raw):
    marks = [Mark(a, b, css, note="<n>") for a, b, css in raw]
    html = mark_spans(text, marks)
    assert unescape(re.sub(r"<[^>]*>", "", html)) == text
    checker = _Nesting()
    checker.feed(html)
    assert checker.ok and not checker.open
    usable = [m for m in marks if 0 <= m.start < m.end <= len(text)]
    if usable:
        covered = {i for m in usable for i in range(m.start, m.end)}
        tree = lxml.html.fragment_fromstring(html, create_parent="p")
        assert sum(len(m.text_content()) for m in tree.iter("mark")) == len(covered)


def test_long_turns_are_cut_into_tables_the_browser_can_skip():
    alignment = corpus_alignment()
    many = [b for b in alignment.beads if b.src and alignment.src.locate(b.src[0])[0].id == "t02"]
    sentences = len(many)
    # one long run of beads, well over a table's worth, all in the second turn
    beads = many * 3
    tree = lxml.html.fromstring(render_alignment_report(Alignment(alignment.src, alignment.tgt, beads)))
    chunks = tree.xpath('//div[@id="beads"]/div[@class="chunk"]')
    assert [len(c.xpath('.//tr[contains(@class, "bead")]')) for c in chunks][:-1] == [100] * (len(beads) // 100)
    heads = [" ".join(c.xpath("string(.//tr[@class='turn-head']/th[1])").split()) for c in chunks]
    assert heads[0] == "Turn 2" and all(h.startswith("Turn 2") and h.endswith("(continued)") for h in heads[1:3])
    assert sentences < 100 < len(beads)


def test_glossary_terms_are_marked_on_both_sides_with_the_entry_as_tooltip():
    from termalign.model import Glossary, GlossaryEntry, TermStatus

    entry = GlossaryEntry(
        "T1", "industrial internet", zh="工业互联网", zh_deprecated=["工业网络"], status=TermStatus.APPROVED
    )
    src = _doc("The industrial internet grew fast.\n\nIndustrial Internet platforms spread.\n", Lang.EN)
    tgt = _doc("工业互联网发展迅速。\n\n工业网络平台得到推广。\n", Lang.ZH)
    alignment = Alignment(src, tgt, [Bead((0,), (0,), 0.9), Bead((1,), (1,), 0.9)])
    tree = lxml.html.fromstring(render_alignment_report(alignment, Glossary([entry])))
    first, second = _rows(tree)
    marks = [(m.text_content(), m.get("class")) for m in first.xpath(".//mark")]
    assert marks == [("industrial internet", "term"), ("工业互联网", "term")]
    assert first.xpath(".//mark/@title")[0] == "Glossary: industrial internet → 工业互联网 (approved; domain; not: 工业网络)"
    marks = [(m.text_content(), m.get("class")) for m in second.xpath(".//mark")]
    # the English term finds no accepted rendering opposite; the Chinese uses a deprecated one
    assert marks == [("Industrial Internet", "term lone"), ("工业网络", "term deprecated")]
    assert "not found in the Chinese of this bead" in second.xpath(".//td[@lang='en']//mark/@title")[0]
    assert second.xpath(".//td[@lang='zh-Hans']//mark/@title")[0].startswith("Glossary: 工业网络 is a deprecated rendering")


def test_a_chinese_source_is_labelled_and_tagged_as_such():
    src = _doc("2022年工业增加值增长3.8%。\n", Lang.ZH)
    tgt = _doc("Industrial output grew 3.6% in 2022.\n", Lang.EN)
    tree = lxml.html.fromstring(render_alignment_report(Alignment(src, tgt, [Bead((0,), (0,), 0.9)])))
    assert [" ".join(th.text_content().split()) for th in tree.xpath('//table[@class="beads-head"]//th')][:3] == [
        "Bead",
        "中文 (Chinese)",
        "English",
    ]
    row = _rows(tree)[0]
    assert row.xpath("td[1]/@lang") == ["zh-Hans"] and row.xpath("td[2]/@lang") == ["en"]
    assert row.xpath("string(td[1]//mark/@title)") == "Number: 3.8% has no equal in the English (changed to or from 3.6%?)"
    assert "Chinese sentence index" in tree.xpath("string(//svg[@id='plot'])")
