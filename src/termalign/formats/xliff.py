"""XLIFF 1.2 and 2.x: the bilingual files translators return, read as `TranslationUnit`s.

Read by streaming (any size). XLIFF 1.2: one unit per ``<trans-unit>`` (its own ``<source>``
and ``<target>``, never those of ``<alt-trans>`` proposals); languages from the enclosing
``<file>``. XLIFF 2.0/2.1/2.2: one unit per ``<segment>`` (id: the unit id, plus ``#n`` for the
n-th segment when a unit has several); languages from ``<xliff srcLang trgLang>``.

Props: ``x-file`` (the file's ``original``), ``x-state`` (target state: 1.2 ``state``, 2.x
segment ``state``), ``x-approved`` (1.2), ``x-resname``/``x-name`` when present. Notes are
joined with line breaks. Inline markup is rendered as text (`formats.inline`). Units without a
target read with target "".

Writing (`write_xliff`) produces XLIFF 1.2, the version most CAT tools open: one ``<file>``,
one ``<trans-unit>`` per unit with ``<source>``, ``<target>`` (state ``x-state``, else
``translated``; ``needs-translation`` when empty) and ``<note>``; ``x-approved`` and
``x-resname`` become attributes. Other props have no place in XLIFF 1.2 and are not written.
Text XML cannot carry is refused, as for TMX.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator

from lxml import etree

from termalign.errors import InputError
from termalign.fileio import atomic_output
from termalign.formats.inline import inline_text
from termalign.formats.xmlsafe import escape_attr, escape_text, iterparse_safe, local_name, release
from termalign.model import TranslationUnit
from termalign.progress import NO_PROGRESS, Progress

XLIFF12_NS = "urn:oasis:names:tc:xliff:document:1.2"
XLIFF2_NS = "urn:oasis:names:tc:xliff:document:2.0"


def read_xliff(path: str | os.PathLike[str], *, progress: Progress = NO_PROGRESS) -> Iterator[TranslationUnit]:
    """Stream the translation units of an XLIFF 1.2 or 2.x file."""
    name = os.fspath(path)
    version2: bool | None = None
    progress.start(f"reading {os.path.basename(name)}", None)
    for _event, element in iterparse_safe(name, tag=("{*}trans-unit", "{*}unit"), expect_root=("xliff",)):
        if version2 is None:
            root = element.getroottree().getroot()
            version2 = _is_version2(root)
        if version2 and local_name(element) == "unit":
            units = list(_units_2x(name, element))
        elif not version2 and local_name(element) == "trans-unit":
            units = [_unit_12(name, element)]
        else:
            continue
        release(element)
        progress.advance(len(units))
        yield from units
    progress.finish()


def _is_version2(root: etree._Element) -> bool:
    namespace = etree.QName(root).namespace or ""
    if namespace.startswith("urn:oasis:names:tc:xliff:document:2"):
        return True
    return root.get("version", "").startswith("2")


def _child(element: etree._Element, name: str) -> etree._Element | None:
    return next((c for c in element if local_name(c) == name), None)


def _file_of(element: etree._Element) -> etree._Element | None:
    return next((a for a in element.iterancestors() if local_name(a) == "file"), None)


def _unit_12(path: str, unit: etree._Element) -> TranslationUnit:
    file = _file_of(unit)
    source = _child(unit, "source")
    if source is None:
        raise InputError(path, "<trans-unit> has no <source> (expected XLIFF 1.2 <source>…</source>)", line=unit.sourceline)
    target = _child(unit, "target")
    props = {}
    if file is not None and file.get("original"):
        props["x-file"] = file.get("original", "")
    if target is not None and target.get("state"):
        props["x-state"] = target.get("state", "")
    for attribute, prop in (("approved", "x-approved"), ("resname", "x-resname")):
        if unit.get(attribute):
            props[prop] = unit.get(attribute, "")
    notes = [inline_text(n) for n in unit if local_name(n) == "note"]
    return TranslationUnit(
        id=unit.get("id") or str(unit.sourceline),
        source=inline_text(source),
        target=inline_text(target) if target is not None else "",
        src_lang=(file.get("source-language") if file is not None else None) or "",
        tgt_lang=(file.get("target-language") if file is not None else None) or "",
        props=props,
        note="\n".join(notes),
    )


def _units_2x(path: str, unit: etree._Element) -> Iterator[TranslationUnit]:
    root = unit.getroottree().getroot()
    file = _file_of(unit)
    segments = [c for c in unit if local_name(c) == "segment"]
    notes_element = _child(unit, "notes")
    notes = [inline_text(n) for n in notes_element if local_name(n) == "note"] if notes_element is not None else []
    unit_id = unit.get("id") or str(unit.sourceline)
    for number, segment in enumerate(segments, start=1):
        source = _child(segment, "source")
        if source is None:
            raise InputError(path, "<segment> has no <source>", line=segment.sourceline)
        target = _child(segment, "target")
        props = {}
        if file is not None and file.get("original"):
            props["x-file"] = file.get("original", "")
        if segment.get("state"):
            props["x-state"] = segment.get("state", "")
        if unit.get("name"):
            props["x-name"] = unit.get("name", "")
        yield TranslationUnit(
            id=unit_id if len(segments) == 1 else f"{unit_id}#{segment.get('id') or number}",
            source=inline_text(source),
            target=inline_text(target) if target is not None else "",
            src_lang=root.get("srcLang", ""),
            tgt_lang=root.get("trgLang", ""),
            props=props,
            note="\n".join(notes),
        )


def write_xliff(
    units: Iterable[TranslationUnit],
    path: str | os.PathLike[str],
    *,
    src_lang: str | None = None,
    tgt_lang: str | None = None,
    original: str = "",
    progress: Progress = NO_PROGRESS,
) -> int:
    """Write units as XLIFF 1.2 (see the module doc); return how many were written."""
    iterator = iter(units)
    first = next(iterator, None)
    source_lang = src_lang or (first.src_lang if first else "en-US")
    target_lang = tgt_lang or (first.tgt_lang if first else "zh-CN")
    name = original or (first.props.get("x-file") or first.props.get("x-document", "") if first else "") or "termalign"
    progress.start("writing XLIFF", None)
    count = 0
    with atomic_output(path, "w") as out:
        out.write('<?xml version="1.0" encoding="UTF-8"?>\n<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">\n')
        out.write(
            f'<file original="{escape_attr(name, "file name")}" source-language="{escape_attr(source_lang, "source language")}" '
            f'target-language="{escape_attr(target_lang, "target language")}" datatype="plaintext">\n<body>\n'
        )
        for unit in (first, *iterator) if first is not None else ():
            out.write(_trans_unit(unit))
            count += 1
            if count % 2000 == 0:
                progress.advance(2000)
        out.write("</body>\n</file>\n</xliff>\n")
    progress.advance(count % 2000)
    progress.finish()
    return count


def _trans_unit(unit: TranslationUnit) -> str:
    where = f"translation unit {unit.id!r}"
    attributes = f' id="{escape_attr(unit.id, where)}"'
    for prop, attribute in (("x-approved", "approved"), ("x-resname", "resname")):
        if unit.props.get(prop):
            attributes += f' {attribute}="{escape_attr(unit.props[prop], where)}"'
    state = unit.props.get("x-state") or ("translated" if unit.target else "needs-translation")
    note = f"<note>{escape_text(unit.note, where + ', note')}</note>" if unit.note else ""
    return (
        f"<trans-unit{attributes}><source>{escape_text(unit.source, where + ', source')}</source>"
        f'<target state="{escape_attr(state, where)}">{escape_text(unit.target, where + ", target")}</target>{note}</trans-unit>\n'
    )
