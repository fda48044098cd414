"""The alignment review report: one self-contained HTML page a translator checks an alignment in.

What the page holds, top to bottom:
- a summary: bead counts by type, a confidence histogram, the low-confidence beads first
  (links to their rows);
- the alignment-path picture (inline SVG): source sentence index across, target sentence
  index down, one mark per bead coloured by confidence and shaped by type, turn boundaries as
  lines — where the path leaves the diagonal is where the alignment went wrong;
- the beads side by side (source | target, English or Chinese either way) grouped under their speaker turns, coloured by
  confidence, with the bead type and confidence written out (colour is never the only
  signal), glossary terms and unmatched numbers highlighted;
- filters (low confidence, unmatched beads, ticked) and the "export fixes" button, which
  downloads the beads ticked as wrong as a TSV that `termalign align --fix` applies
  (format in `termalign.align.fixes`).

Rows are static HTML; the script only handles filters, keys and the export through a few
delegated listeners, so 10,000 beads stay quick.
"""

from __future__ import annotations

import math
import os
from collections import Counter
from dataclasses import dataclass

from termalign.fileio import atomic_output
from termalign.model import Alignment, Bead, Document, DocumentKind, Glossary, Lang, Role, Turn
from termalign.progress import NO_PROGRESS, Progress
from termalign.report.html import LANG_NAME, LANG_TAG, Mark, asset, escape, mark_spans, page, svg_text
from termalign.report.marks import BeadMarker

# Confidence bands. The aligner's confidences are calibrated posteriors (a bead of confidence
# c is right about c of the time), so "low" flags beads wrong one time in five or more.
LOW_CONFIDENCE = 0.8
HIGH_CONFIDENCE = 0.95
# How many low-confidence beads the summary lists before pointing to the filter.
LOW_LIST_LIMIT = 100
HISTOGRAM_BINS = 10



@dataclass(frozen=True, slots=True)
class _Band:
    css: str  # c-low / c-mid / c-high
    word: str  # written next to the number


_LOW = _Band("c-low", "low")
_MID = _Band("c-mid", "medium")
_HIGH = _Band("c-high", "high")


def render_alignment_report(
    alignment: Alignment,
    glossary: Glossary | None = None,
    *,
    title: str | None = None,
    low_confidence: float = LOW_CONFIDENCE,
    high_confidence: float = HIGH_CONFIDENCE,
    progress: Progress = NO_PROGRESS,
) -> str:
    """The review report of `alignment` as one HTML document (a string).

    With a `glossary`, its terms are highlighted on both sides, each with a tooltip giving
    the entry. Beads below `low_confidence` count as low, at or above `high_confidence` as
    high.
    """
    if not 0.0 <= low_confidence <= high_confidence <= 1.0:
        raise ValueError("expected 0 <= low_confidence <= high_confidence <= 1")
    heading = title or _default_title(alignment)
    bands = _Bands(low_confidence, high_confidence)
    marker = BeadMarker(alignment, glossary)
    rows = _bead_rows(alignment, bands, marker, progress)
    body = "\n".join(
        [
            f"<header><h1>{escape(heading)}</h1>{_documents_line(alignment)}</header>",
            '<main id="main">',
            _summary_section(alignment, bands),
            _plot_section(alignment, bands, marker),
            _controls(alignment, bands),
            rows,
            "</main>",
            _inspector(),
        ]
    )
    return page(title=heading, body=body, script=asset("alignment.js"), lang="en")


def write_alignment_report(
    alignment: Alignment,
    path: str | os.PathLike[str],
    glossary: Glossary | None = None,
    *,
    title: str | None = None,
    low_confidence: float = LOW_CONFIDENCE,
    progress: Progress = NO_PROGRESS,
) -> None:
    """Write the review report of `alignment` to `path` ("-": stdout), whole or not at all.

    Beads at or above `HIGH_CONFIDENCE` count as high (or at or above `low_confidence`, when
    that is set higher).
    """
    report = render_alignment_report(
        alignment,
        glossary,
        title=title,
        low_confidence=low_confidence,
        high_confidence=max(low_confidence, HIGH_CONFIDENCE),
        progress=progress,
    )
    with atomic_output(path) as handle:
        handle.write(report)


class _Bands:
    def __init__(self, low: float, high: float) -> None:
        self.low = low
        self.high = high

    def of(self, confidence: float) -> _Band:
        if confidence < self.low:
            return _LOW
        return _HIGH if confidence >= self.high else _MID

    def is_low(self, bead: Bead) -> bool:
        return bead.confidence < self.low


def shown_confidence(confidence: float) -> str:
    """Two decimals, cut rather than rounded: a bead below 0.80 never reads "0.80"."""
    return f"{math.floor(confidence * 100 + 1e-9) / 100:.2f}"


def _default_title(alignment: Alignment) -> str:
    return f"Alignment review: {alignment.src.doc_id} ↔ {alignment.tgt.doc_id}"


def _documents_line(alignment: Alignment) -> str:
    method = f" · method: {escape(alignment.method)}" if alignment.method else ""
    return (
        f'<p class="docs">{LANG_NAME[alignment.src.lang]}: {_document(alignment.src)} · '
        f'{LANG_NAME[alignment.tgt.lang]}: {_document(alignment.tgt)}{method}</p>'
    )


def _document(document: Document) -> str:
    facts = [f"{len(document.sentences)} sentences"]
    if document.kind is DocumentKind.TRANSCRIPT:
        facts.append(f"{len(document.turns)} turns")
    if document.date is not None:
        facts.append(document.date.isoformat())
    title = f' <q lang="{LANG_TAG[document.lang]}">{escape(document.title)}</q>' if document.title else ""
    return f"<code>{escape(document.doc_id)}</code>{title} ({', '.join(facts)})"


# ── bead type ────────────────────────────────────────────────────────────────────────────


def kind_class(bead: Bead) -> str:
    """The bead's type family: k-one (1-1), k-null (1-0, 0-1), k-split (1-n, n-1), k-many (n-m)."""
    return _kind_family(len(bead.src), len(bead.tgt))


def _kind_family(n_src: int, n_tgt: int) -> str:
    if n_src == 0 or n_tgt == 0:
        return "k-null"
    if n_src == 1 and n_tgt == 1:
        return "k-one"
    if n_src == 1 or n_tgt == 1:
        return "k-split"
    return "k-many"


# Written next to the type so it reads without colour (and aloud: see the aria-label).
_KIND_SIGN = {"k-one": "", "k-null": "∅ ", "k-split": "⇉ ", "k-many": "⇶ "}
_KIND_WORD = {
    "k-one": "one to one",
    "k-null": "unmatched",
    "k-split": "one to many",
    "k-many": "many to many",
}


def _kind_badge(bead: Bead) -> str:
    family = kind_class(bead)
    return (
        f'<span class="kind" aria-label="{bead.kind}, {_KIND_WORD[family]}">'
        f"{_KIND_SIGN[family]}{bead.kind}</span>"
    )


# ── rows ─────────────────────────────────────────────────────────────────────────────────


def _bead_rows(alignment: Alignment, bands: _Bands, marker: BeadMarker, progress: Progress) -> str:
    """The beads as a run of small tables, one per turn (long turns cut every `CHUNK_ROWS`).

    Each table sits in a block the browser may skip laying out while it is off screen
    (`content-visibility: auto`), which keeps a 10,000-bead page quick to open; one big
    table would have to be laid out whole before anything shows.
    """
    src_turns = _turn_of_sentence(alignment.src)
    tgt_turns = _turn_of_sentence(alignment.tgt)
    transcript = any(t.role is not Role.NONE for t in (*alignment.src.turns, *alignment.tgt.turns))
    src_name, tgt_name = LANG_NAME[alignment.src.lang], LANG_NAME[alignment.tgt.lang]
    parts = [
        f'<div id="beads" class="beads" aria-label="Beads, {src_name} and {tgt_name} side by side" '
        f'data-src-name="{src_name}" data-tgt-name="{tgt_name}">',
        '<table class="beads-head" aria-hidden="true">',
        _COLUMNS,
        f"<tr><th>Bead</th><th>{_column_name(alignment.src.lang)}</th><th>{_column_name(alignment.tgt.lang)}</th>"
        "<th>Wrong?</th></tr></table>",
    ]
    progress.start("rendering beads", len(alignment.beads))
    group: tuple[int, int] | None = None
    in_chunk = 0
    turns_of_beads = _bead_turns(alignment.beads, src_turns, tgt_turns)
    for number, (bead, turns) in enumerate(zip(alignment.beads, turns_of_beads), start=1):
        if turns != group or in_chunk == CHUNK_ROWS:
            if group is not None:
                parts.append("</tbody></table></div>")
            parts.append(_chunk_start(alignment, *turns, transcript, continued=turns == group))
            group, in_chunk = turns, 0
        parts.append(_bead_row(number, bead, bands, marker))
        in_chunk += 1
        progress.advance()
    if group is not None:
        parts.append("</tbody></table></div>")
    parts.append("</div>")
    progress.finish()
    return "\n".join(parts)


def _column_name(lang: Lang) -> str:
    return "English" if lang is Lang.EN else '<span lang="zh-Hans">中文</span> (Chinese)'


# Beads per table: small enough to skip off-screen work, large enough to keep the count of
# tables (and of repeated headings) low.
CHUNK_ROWS = 100

_COLUMNS = '<colgroup><col class="col-meta"><col class="col-en"><col class="col-zh"><col class="col-tick"></colgroup>'


def _bead_turns(beads: list[Bead], src_turns: list[int], tgt_turns: list[int]) -> list[tuple[int, int]]:
    """The (source turn, target turn) each bead is shown under.

    An unmatched bead has no turn on its empty side: it stays in the current group when its
    other side is still in the same turn, and otherwise takes the turn of the next bead that
    has that side (a sentence left over at the start of a turn belongs to that turn).
    """
    src_known = [src_turns[b.src[0]] if b.src else None for b in beads]
    tgt_known = [tgt_turns[b.tgt[0]] if b.tgt else None for b in beads]
    src_next = _next_known(src_known)
    tgt_next = _next_known(tgt_known)
    result: list[tuple[int, int]] = []
    current = (0, 0)
    for k, (src, tgt) in enumerate(zip(src_known, tgt_known)):
        if src is None:
            src = current[0] if tgt == current[1] else src_next[k]
        if tgt is None:
            tgt = current[1] if src == current[0] else tgt_next[k]
        current = (src if src is not None else current[0], tgt if tgt is not None else current[1])
        result.append(current)
    return result


def _next_known(known: list[int | None]) -> list[int | None]:
    """For each position, the first known value at or after it (the last known one past the end)."""
    result: list[int | None] = [None] * len(known)
    following: int | None = next((v for v in reversed(known) if v is not None), None)
    for k in range(len(known) - 1, -1, -1):
        if known[k] is not None:
            following = known[k]
        result[k] = following
    return result


def _turn_of_sentence(document: Document) -> list[int]:
    """For each sentence index, the position of its turn in `document.turns`."""
    owner: list[int] = []
    for position, turn in enumerate(document.turns):
        owner.extend(position for _ in turn.sentences())
    return owner


def _chunk_start(alignment: Alignment, src_turn: int, tgt_turn: int, transcript: bool, *, continued: bool) -> str:
    """Opens a bead table; in transcripts its heading row names the turn and both speakers."""
    opening = f'<div class="chunk"><table class="beads">{_COLUMNS}'
    if not transcript:
        return opening + "<tbody>"
    src = alignment.src.turns[src_turn] if alignment.src.turns else None
    tgt = alignment.tgt.turns[tgt_turn] if alignment.tgt.turns else None
    label = f"Turn {src_turn + 1}" + ("" if src_turn == tgt_turn else f" ↔ {tgt_turn + 1}")
    label += " (continued)" if continued else ""
    return (
        f'{opening}<thead><tr class="turn-head"><th scope="col" class="turn-no">{label}</th>'
        f'<th scope="col" lang="{LANG_TAG[alignment.src.lang]}">{_speaker(src, alignment.src.lang)}</th>'
        f'<th scope="col" lang="{LANG_TAG[alignment.tgt.lang]}">{_speaker(tgt, alignment.tgt.lang)}</th>'
        '<th scope="col"><span class="sr-only">Wrong?</span></th></tr></thead><tbody>'
    )


_ROLE_WORD = {Role.HOST: "host", Role.SPEAKER: "speaker", Role.QUESTION: "question", Role.NONE: ""}


def _speaker(turn: Turn | None, lang: Lang) -> str:
    if turn is None:
        return ""
    name = turn.speaker or turn.label.rstrip(":：").strip() or ("记者" if lang is Lang.ZH else "Journalist")
    if turn.role is Role.NONE and not turn.speaker:
        return ""
    role = _ROLE_WORD[turn.role]
    role_html = f' <span class="role" lang="en">({role})</span>' if role else ""
    return f'<span class="speaker">{escape(name)}</span>{role_html}'


def _bead_row(number: int, bead: Bead, bands: _Bands, marker: BeadMarker) -> str:
    band = bands.of(bead.confidence)
    family = kind_class(bead)
    marks = marker.marks(bead)
    classes = f"bead {band.css} {family}" + (" has-num" if marks.numbers_differ else "")
    src_ids = " ".join(marker.src_sentences[i].id for i in bead.src)
    tgt_ids = " ".join(marker.tgt_sentences[i].id for i in bead.tgt)
    warn = ' <span class="flag" title="numbers differ">#≠</span>' if marks.numbers_differ else ""
    return (
        f'<tr id="b{number}" class="{classes}" tabindex="0" data-src="{escape(src_ids)}" '
        f'data-tgt="{escape(tgt_ids)}" data-conf="{bead.confidence:.3f}">'
        f'<th scope="row" class="meta"><a href="#b{number}" tabindex="-1">{number}</a> {_kind_badge(bead)}'
        f' <span class="conf">{shown_confidence(bead.confidence)}&nbsp;{band.word}</span>{warn}</th>'
        f'<td lang="{marker.src_tag}" class="src">{_side(marks.src, marker.src_join)}</td>'
        f'<td lang="{marker.tgt_tag}" class="tgt">{_side(marks.tgt, marker.tgt_join)}</td>'
        f'<td class="tick"><input type="checkbox" class="wrong" id="w{number}" '
        f'aria-label="Bead {number} is wrong"></td></tr>'
    )


def _side(sentences: list[tuple[str, list[Mark]]], join: str) -> str:
    if not sentences:
        return '<span class="none" lang="en">— no counterpart —</span>'
    return join.join(f'<span class="s">{mark_spans(text, marks)}</span>' for text, marks in sentences)


# ── summary ──────────────────────────────────────────────────────────────────────────────


def _summary_section(alignment: Alignment, bands: _Bands) -> str:
    beads = alignment.beads
    mean = sum(b.confidence for b in beads) / len(beads) if beads else 0.0
    return (
        '<section id="summary" aria-labelledby="summary-h"><h2 id="summary-h">Summary</h2>'
        '<div class="summary-grid">'
        f"{_kind_table(beads, mean)}{_histogram(beads, bands)}{_band_table(beads, bands)}"
        "</div></section>"
    )


def _kind_table(beads: list[Bead], mean: float) -> str:
    counts = Counter((len(b.src), len(b.tgt)) for b in beads)
    rows = "".join(
        f'<tr class="{_kind_family(*sizes)}"><th scope="row">{_KIND_SIGN[_kind_family(*sizes)]}{sizes[0]}-{sizes[1]}</th>'
        f"<td>{count}</td><td>{_KIND_WORD[_kind_family(*sizes)]}</td></tr>"
        for sizes, count in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    )
    return (
        '<div class="card"><h3>Beads by type</h3><table class="counts">'
        '<thead><tr><th scope="col">type</th><th scope="col">beads</th><th scope="col">meaning</th></tr></thead>'
        f"<tbody>{rows}</tbody><tfoot><tr><th scope=\"row\">all</th><td>{len(beads)}</td>"
        f"<td>mean confidence {mean:.2f}</td></tr></tfoot></table></div>"
    )


def _band_table(beads: list[Bead], bands: _Bands) -> str:
    counts = Counter(bands.of(b.confidence).word for b in beads)
    rows = [
        (_LOW, f"below {bands.low:.2f}"),
        (_MID, f"{bands.low:.2f} to {bands.high:.2f}"),
        (_HIGH, f"{bands.high:.2f} and above"),
    ]
    body = "".join(
        f'<tr class="{band.css}"><th scope="row">{band.word}</th><td>{counts[band.word]}</td><td>{span}</td></tr>'
        for band, span in rows
    )
    return (
        '<div class="card"><h3>Confidence bands</h3><table class="counts bands">'
        '<thead><tr><th scope="col">band</th><th scope="col">beads</th><th scope="col">confidence</th></tr></thead>'
        f"<tbody>{body}</tbody></table>"
        '<p class="note">The aligner\'s confidences are calibrated on the MAC gold set: there, beads of '
        "confidence 0.7 were right about 7 times in 10.</p></div>"
    )


def confidence_histogram(beads: list[Bead], bins: int = HISTOGRAM_BINS) -> list[int]:
    """Bead counts per confidence bin of width 1/bins; a confidence of 1.0 falls in the last bin."""
    counts = [0] * bins
    for bead in beads:
        counts[min(bins - 1, max(0, int(bead.confidence * bins)))] += 1
    return counts


def _histogram(beads: list[Bead], bands: _Bands) -> str:
    counts = confidence_histogram(beads)
    width, height, pad_left, pad_bottom, pad_top = 330, 150, 34, 30, 16
    bar_w = (width - pad_left - 4) / len(counts)
    peak = max(counts) or 1
    parts = []
    for k, count in enumerate(counts):
        low_edge = k / len(counts)
        bar_h = (height - pad_bottom - pad_top) * count / peak
        x = pad_left + k * bar_w
        y = height - pad_bottom - bar_h
        band = bands.of(low_edge + 0.5 / len(counts))
        parts.append(
            f'<rect class="bar {band.css}" x="{x + 1:.1f}" y="{y:.1f}" width="{bar_w - 2:.1f}" height="{bar_h:.1f}">'
            f"<title>{low_edge:.1f}–{low_edge + 1 / len(counts):.1f}: {count} beads</title></rect>"
        )
        parts.append(svg_text(x + bar_w / 2, y - 3, str(count), anchor="middle", css="count"))
        parts.append(svg_text(x + bar_w / 2, height - pad_bottom + 13, f"{low_edge:.1f}", anchor="middle", css="tick"))
    described = ", ".join(f"{k / len(counts):.1f} to {(k + 1) / len(counts):.1f}: {c}" for k, c in enumerate(counts))
    axis = f'<line class="axis" x1="{pad_left}" y1="{height - pad_bottom}" x2="{width - 4}" y2="{height - pad_bottom}"/>'
    label = svg_text(width / 2, height - 2, "confidence (bin start)", anchor="middle", css="axis-label")
    return (
        '<div class="card"><h3 id="hist-h">Confidence histogram</h3>'
        f'<svg class="hist" viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" '
        f'aria-labelledby="hist-h" aria-describedby="hist-d">{axis}{"".join(parts)}{label}</svg>'
        f'<p id="hist-d" class="sr-only">Beads per confidence bin: {described}.</p></div>'
    )


def _low_list(alignment: Alignment, bands: _Bands, marker: BeadMarker) -> str:
    low = sorted(
        ((number, bead) for number, bead in enumerate(alignment.beads, start=1) if bands.is_low(bead)),
        key=lambda nb: (nb[1].confidence, nb[0]),
    )
    if not low:
        return (
            '<div class="card low-list"><h3>Low-confidence beads</h3>'
            f"<p>None: every bead has confidence ≥ {bands.low:.2f}.</p></div>"
        )
    items = "".join(
        f'<li><a href="#b{number}">Bead {number}</a> <span class="conf">{shown_confidence(bead.confidence)}</span> '
        f"{_kind_badge(bead)} <span class=\"snippet\" lang=\"{marker.src_tag if bead.src else marker.tgt_tag}\">"
        f"{escape(_snippet(marker, bead))}</span></li>"
        for number, bead in low[:LOW_LIST_LIMIT]
    )
    more = (
        f'<p>…and {len(low) - LOW_LIST_LIMIT} more: use the “low confidence only” filter.</p>'
        if len(low) > LOW_LIST_LIMIT
        else ""
    )
    return (
        f'<div class="card low-list"><h3>Low-confidence beads ({len(low)}, below {bands.low:.2f}), lowest first</h3>'
        f"<ol>{items}</ol>{more}</div>"
    )


def _snippet(marker: BeadMarker, bead: Bead, limit: int = 70) -> str:
    text = (
        marker.src_join.join(marker.src_sentences[i].text for i in bead.src)
        if bead.src
        else marker.tgt_join.join(marker.tgt_sentences[i].text for i in bead.tgt)
    )
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


# ── alignment path picture ───────────────────────────────────────────────────────────────


@dataclass(frozen=True, slots=True)
class PathPoint:
    """Where a bead sits in the picture: the middle of the sentences it covers on each side.

    A side with no sentence sits on the boundary between the sentences before and after it.
    """

    x: float  # source sentence position
    y: float  # target sentence position


def path_points(alignment: Alignment) -> list[PathPoint]:
    points: list[PathPoint] = []
    src_cursor = tgt_cursor = 0
    for bead in alignment.beads:
        if bead.src:
            x = (min(bead.src) + max(bead.src) + 1) / 2
            src_cursor = max(bead.src) + 1
        else:
            x = float(src_cursor)
        if bead.tgt:
            y = (min(bead.tgt) + max(bead.tgt) + 1) / 2
            tgt_cursor = max(bead.tgt) + 1
        else:
            y = float(tgt_cursor)
        points.append(PathPoint(x, y))
    return points


def _turn_starts(document: Document) -> list[int]:
    starts: list[int] = []
    index = 0
    for turn in document.turns:
        count = sum(len(p.sentences) for p in turn.paragraphs)
        if index > 0 and count:
            starts.append(index)
        index += count
    return starts


def _plot_section(alignment: Alignment, bands: _Bands, marker: BeadMarker) -> str:
    """The path picture with its legend, and beside it the low-confidence beads to look at first."""
    n_src = max(1, len(alignment.src.sentences))
    n_tgt = max(1, len(alignment.tgt.sentences))
    side = 560
    pad_left, pad_top, pad_right, pad_bottom = 52, 30, 12, 16
    scale_x = (side - pad_left - pad_right) / n_src
    scale_y = (side - pad_top - pad_bottom) / n_tgt

    def px(x: float) -> float:
        return pad_left + x * scale_x

    def py(y: float) -> float:
        return pad_top + y * scale_y

    parts = [
        f'<rect class="frame" x="{pad_left}" y="{pad_top}" width="{side - pad_left - pad_right}" '
        f'height="{side - pad_top - pad_bottom}"/>',
        f'<line class="diagonal" x1="{px(0):.1f}" y1="{py(0):.1f}" x2="{px(n_src):.1f}" y2="{py(n_tgt):.1f}"/>',
    ]
    for start in _turn_starts(alignment.src):
        parts.append(f'<line class="turn-line" x1="{px(start):.1f}" y1="{py(0):.1f}" x2="{px(start):.1f}" y2="{py(n_tgt):.1f}"/>')
    for start in _turn_starts(alignment.tgt):
        parts.append(f'<line class="turn-line" x1="{px(0):.1f}" y1="{py(start):.1f}" x2="{px(n_src):.1f}" y2="{py(start):.1f}"/>')
    points = path_points(alignment)
    if points:
        coords = " ".join(f"{px(p.x):.1f},{py(p.y):.1f}" for p in points)
        parts.append(f'<polyline class="path" points="{coords}"/>')
    for number, (bead, point) in enumerate(zip(alignment.beads, points), start=1):
        band = bands.of(bead.confidence)
        shape = _point_shape(kind_class(bead), px(point.x), py(point.y))
        parts.append(
            f'<a href="#b{number}" tabindex="-1" class="pt {band.css} {kind_class(bead)}">{shape}'
            f"<title>Bead {number} · {bead.kind} · confidence {shown_confidence(bead.confidence)}</title></a>"
        )
    src_name, tgt_name = LANG_NAME[alignment.src.lang], LANG_NAME[alignment.tgt.lang]
    parts.append(svg_text(pad_left + (side - pad_left - pad_right) / 2, 18, f"{src_name} sentence index →", anchor="middle", css="axis-label"))
    parts.append(
        f'<text class="axis-label" text-anchor="middle" transform="translate(16 {pad_top + (side - pad_top - pad_bottom) / 2:.1f}) rotate(-90)">'
        f"{tgt_name} sentence index →</text>"
    )
    parts.append(svg_text(pad_left, pad_top - 4, "0", anchor="start", css="tick"))
    parts.append(svg_text(px(n_src), pad_top - 4, str(n_src), anchor="end", css="tick"))
    parts.append(svg_text(pad_left - 4, py(n_tgt), str(n_tgt), anchor="end", css="tick"))
    description = (
        f"{len(alignment.beads)} beads from (0, 0) to ({n_src}, {n_tgt}); "
        f"{sum(1 for b in alignment.beads if bands.is_low(b))} below confidence {bands.low:.2f}; "
        f"{len(_turn_starts(alignment.src)) + 1} {src_name} turns and {len(_turn_starts(alignment.tgt)) + 1} {tgt_name} turns."
    )
    return (
        '<section id="path" aria-labelledby="path-h"><h2 id="path-h">Alignment path and the beads to check first</h2>'
        '<div class="plot-wrap"><div class="plot-box">'
        f'<svg id="plot" class="plot" viewBox="0 0 {side} {side}" width="{side}" height="{side}" role="img" '
        f'aria-label="Alignment path" aria-describedby="path-d">{"".join(parts)}</svg>'
        f"{_plot_legend()}</div>{_low_list(alignment, bands, marker)}</div>"
        f'<p id="path-d" class="note">{escape(description)} A good alignment follows the dotted diagonal; '
        "a run of points away from it, or a long horizontal or vertical stretch, shows where it went off. "
        f"Grey lines are turn boundaries (vertical: {src_name}, horizontal: {tgt_name}). Click a point to jump to its bead.</p>"
        "</section>"
    )


def _point_shape(family: str, x: float, y: float, size: float = 3.2) -> str:
    if family == "k-null":  # a ring: nothing on one side
        return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{size:.1f}" class="ring"/>'
    if family in ("k-split", "k-many"):  # a diamond: several sentences on a side
        s = size * 1.3
        return f'<path d="M{x:.1f} {y - s:.1f}L{x + s:.1f} {y:.1f}L{x:.1f} {y + s:.1f}L{x - s:.1f} {y:.1f}Z"/>'
    return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{size:.1f}"/>'


def _plot_legend() -> str:
    def swatch(inner: str) -> str:
        return f'<svg class="swatch" viewBox="0 0 14 14" width="14" height="14" aria-hidden="true">{inner}</svg>'

    dot = '<circle cx="7" cy="7" r="4"/>'
    items = [
        (swatch(f'<g class="pt c-high">{dot}</g>'), "confidence high"),
        (swatch(f'<g class="pt c-mid">{dot}</g>'), "medium"),
        (swatch(f'<g class="pt c-low">{dot}</g>'), "low"),
        (swatch('<g class="pt c-legend">' + dot + "</g>"), "one to one"),
        (swatch('<g class="pt c-legend"><path d="M7 2L12 7L7 12L2 7Z"/></g>'), "one/many to many"),
        (swatch('<g class="pt c-legend k-null"><circle cx="7" cy="7" r="4" class="ring"/></g>'), "unmatched (1-0, 0-1)"),
    ]
    return '<ul class="legend">' + "".join(f"<li>{s} {escape(t)}</li>" for s, t in items) + "</ul>"


# ── controls and inspector ───────────────────────────────────────────────────────────────


def _controls(alignment: Alignment, bands: _Bands) -> str:
    beads = alignment.beads
    n_low = sum(1 for b in beads if bands.is_low(b))
    n_null = sum(1 for b in beads if b.is_null)
    n_src, n_tgt = alignment.src.doc_id, alignment.tgt.doc_id
    return (
        '<section id="review" aria-labelledby="review-h" class="controls">'
        '<h2 id="review-h">Review</h2>'
        '<fieldset><legend>Show only</legend>'
        f'<label><input type="checkbox" id="f-low" data-filter="only-low"> low confidence (below {bands.low:.2f}; {n_low})</label>'
        f'<label><input type="checkbox" id="f-null" data-filter="only-null"> unmatched beads, 1-0 and 0-1 ({n_null})</label>'
        '<label><input type="checkbox" id="f-wrong" data-filter="only-wrong"> beads ticked as wrong</label>'
        "</fieldset>"
        f'<p id="shown" aria-live="polite" data-total="{len(beads)}">Showing {len(beads)} of {len(beads)} beads.</p>'
        f'<button type="button" id="export" data-src-doc="{escape(n_src)}" data-tgt-doc="{escape(n_tgt)}">'
        'Export fixes (<span id="n-wrong">0</span> ticked)</button> '
        '<p class="note">Tick the beads that are wrong, then export: the TSV goes to '
        "<code>termalign align SRC TGT --fix fixes.tsv</code>, which keeps every other bead and "
        "re-aligns only between them. Keys: <kbd>Tab</kbd> or <kbd>↓</kbd>/<kbd>j</kbd> next bead, "
        "<kbd>↑</kbd>/<kbd>k</kbd> previous, <kbd>x</kbd> tick as wrong.</p>"
        "</section>"
    )


def _inspector() -> str:
    return (
        '<aside id="inspector" aria-label="Focused bead" aria-live="polite">'
        '<span id="inspector-text">Focus a bead (Tab, or click a row) to see its glossary terms and numbers here.</span>'
        "</aside>"
    )
