"""What both HTML reports share: escaping, span highlighting, the page shell and its assets.

Every report is one self-contained file: the CSS and JavaScript under `report/assets/` are
inlined, pictures are inline SVG, and nothing is fetched from the network. All text that
comes from documents goes through `escape` (or `mark_spans`, which escapes), so a segment
that contains `<script>` shows as text.
"""

from __future__ import annotations

import base64
import hashlib
import html
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Iterable

from termalign.model import Lang


# How each language is named and tagged on the page (Chinese in Simplified script), and how a
# bead's sentences are joined in it (the fixes file and the page's export use the same joins).
LANG_TAG = {Lang.EN: "en", Lang.ZH: "zh-Hans"}
LANG_NAME = {Lang.EN: "English", Lang.ZH: "Chinese"}
LANG_JOIN = {Lang.EN: " ", Lang.ZH: ""}


def escape(text: object) -> str:
    """Text safe inside an element and inside a double- or single-quoted attribute."""
    return html.escape(str(text), quote=True)


@cache
def asset(name: str) -> str:
    """The text of a file under `report/assets/` (package data, so it works from a wheel)."""
    return resources.files("termalign.report").joinpath("assets", name).read_text(encoding="utf-8")


@dataclass(frozen=True, slots=True)
class Mark:
    """A highlighted stretch of a text: character offsets, a CSS class and a tooltip."""

    start: int
    end: int
    css: str
    note: str = ""


def mark_spans(text: str, marks: Iterable[Mark]) -> str:
    """`text` escaped, with each mark's stretch wrapped in `<mark class=… title=…>`.

    Overlapping marks are allowed (a glossary term that contains a number): the text is cut
    at every mark boundary and each piece carries the classes and notes of all marks that
    cover it, so nothing is dropped and the HTML stays well nested.
    """
    usable = [m for m in marks if 0 <= m.start < m.end <= len(text)]
    if not usable:
        return escape(text)
    cuts = sorted({0, len(text), *(m.start for m in usable), *(m.end for m in usable)})
    pieces: list[str] = []
    for left, right in zip(cuts, cuts[1:]):
        covering = [m for m in usable if m.start <= left and right <= m.end]
        chunk = escape(text[left:right])
        if not covering:
            pieces.append(chunk)
            continue
        classes = " ".join(dict.fromkeys(m.css for m in covering))
        notes = "\n".join(dict.fromkeys(m.note for m in covering if m.note))
        title = f' title="{escape(notes)}"' if notes else ""
        pieces.append(f'<mark class="{classes}"{title}>{chunk}</mark>')
    return "".join(pieces)


def locate_span(text: str, start: int, end: int, expected: str) -> tuple[int, int] | None:
    """Offsets of `expected` in `text`: (start, end) when they hold it, else its first occurrence.

    Spans made by other stages should point into the very text shown; when they do not (the
    text was trimmed or re-joined on the way), the span's own text is searched for instead of
    highlighting the wrong characters.
    """
    if expected and text[start:end] == expected:
        return start, end
    if not expected:
        return (start, end) if 0 <= start < end <= len(text) else None
    found = text.find(expected)
    return (found, found + len(expected)) if found >= 0 else None


def page(*, title: str, body: str, script: str, lang: str = "en", extra_css: str = "") -> str:
    """A whole HTML document: the shared shell with the shared CSS, `body` and `script` inlined.

    The page's Content-Security-Policy allows no network at all and only the exact inline
    style and script it carries (by hash), so even a segment that slipped through escaping
    could not run code.
    """
    css = _no_closing_tag(asset("report.css") + extra_css, "style")
    script = _no_closing_tag(script, "script")
    slots = {
        "LANG": escape(lang),
        "TITLE": escape(title),
        "STYLE_HASH": _csp_hash(css),
        "SCRIPT_HASH": _csp_hash(script),
        "CSS": css,
        "BODY": body,
        "SCRIPT": script,
    }
    # One pass over the shell only: text inside `body` that happens to read "@@CSS@@" stays text.
    return _SLOT.sub(lambda m: slots[m.group(1)], asset("page.html"))


_SLOT = re.compile(r"@@([A-Z_]+)@@")


def _csp_hash(code: str) -> str:
    digest = hashlib.sha256(code.encode("utf-8")).digest()
    return "sha256-" + base64.b64encode(digest).decode("ascii")


def _no_closing_tag(code: str, tag: str) -> str:
    # Inlined code must never end its own element early.
    if f"</{tag}" in code.lower():
        raise ValueError(f"inlined {tag} contains </{tag}")
    return code


def svg_text(x: float, y: float, text: str, *, anchor: str = "start", css: str = "") -> str:
    """An SVG text element at (x, y), its text escaped."""
    klass = f' class="{css}"' if css else ""
    return f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}"{klass}>{escape(text)}</text>'
