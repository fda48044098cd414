"""Inline markup inside segments (TMX, XLIFF, TBX) read as plain text, never dropped.

termalign works on plain text, so on read every inline element becomes text:

- elements that wrap translatable text (TMX/TBX ``<hi>``, XLIFF ``<g>``, ``<pc>``, ``<mrk>``,
  TBX ``<foreign>``, ``<sub>``) contribute their text content;
- code elements that carry native code (TMX ``<bpt>``, ``<ept>``, ``<it>``, ``<ph>``, ``<ut>``,
  XLIFF 1.2 ``<bpt>``/``<ept>``/``<it>``/``<ph>``) contribute that code verbatim, e.g. ``<b>``
  or ``{0}``: the checker then sees the same code on both sides;
- XLIFF 2 annotation markers ``<sm/>``/``<em/>`` (the split form of ``<mrk>``) mark a span
  of the text, they are not content: they contribute nothing, the text between them stays;
- empty codes (XLIFF ``<x/>``, ``<bx/>``, ``<ex/>``, XLIFF 2 ``<ph/>``, ``<sc/>``, ``<ec/>``)
  become a placeholder ``{name:id}`` such as ``{x:1}`` — built from the
  id, not from ``equiv``/``disp``, which tools often give on one side only: the same code then
  reads the same in source and target;
- XLIFF 2 ``<cp hex="…"/>`` becomes the character it stands for.

Comments and processing instructions inside a segment are skipped; text after them is kept.
"""

from __future__ import annotations

from lxml import etree

from termalign.formats.xmlsafe import local_name

WRAPPERS = frozenset({"hi", "g", "mrk", "pc", "foreign", "sub"})
MARKERS = frozenset({"sm", "em"})


def inline_text(element: etree._Element) -> str:
    """The text of a segment element with its inline markup rendered as described above."""
    if len(element) == 0:
        return element.text or ""
    parts = [element.text or ""]
    for child in element:
        name = local_name(child)
        if name:
            parts.append(_child_text(child, name))
        parts.append(child.tail or "")
    return "".join(parts)


def _child_text(child: etree._Element, name: str) -> str:
    if name in WRAPPERS:
        return inline_text(child)
    if name in MARKERS:
        return ""
    if name == "cp":
        try:
            return chr(int(child.get("hex", ""), 16))
        except (ValueError, OverflowError):
            return "{cp:" + child.get("hex", "") + "}"
    code = "".join(child.itertext())
    if code:
        return code
    ident = child.get("id") or child.get("x") or child.get("i") or ""
    return "{" + name + (":" + ident if ident else "") + "}"
