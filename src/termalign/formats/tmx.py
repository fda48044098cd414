"""TMX 1.4 translation memories: a streaming writer and a streaming reader.

Writing produces a document valid against the TMX 1.4 DTD (``<!DOCTYPE tmx SYSTEM "tmx14.dtd">``,
all required header attributes). Each `TranslationUnit` becomes one ``<tu>`` with its props as
``<prop type="…">`` (the keys are TMX prop types; `formats.units` uses ``x-document``,
``x-speaker``, ``x-turn``, ``x-paragraph``, ``x-bead``, ``x-confidence`` …), its note as
``<note>``, and two ``<tuv>``s.

The envelope (declaration, DOCTYPE, ``<tmx>``, ``<header>``, ``<body>``) is written with
`lxml.etree.xmlfile`; the ``<tu>`` elements are serialised by `_tu_markup` straight into the
same stream, because building an lxml element per ``<tu>``/``<prop>``/``<tuv>``/``<seg>`` ran
at 35–40k TU/s on the project machine, well under the 100k TU/s target (tools/bench/bench_tmx.py).
`_tu_markup` escapes through `xmlsafe.escape_text`/`escape_attr`; property tests (round trip of
any XML-legal text, fast path = escaping path), DTD validation and the OmegaT and
translate-toolkit tests hold its output to well-formed, valid TMX.

Text XML cannot carry is refused (`xmlsafe.UnrepresentableTextError`), see `xmlsafe`.

Reading streams with `iterparse`, clearing each ``<tu>`` after use: memory stays flat whatever the
file size. Inline markup in ``<seg>`` is rendered as text (`formats.inline`). TMX 1.1–1.4 are read
(``xml:lang`` or the older ``lang`` attribute).
"""

from __future__ import annotations

import functools
import os
from collections.abc import Iterable, Iterator, Mapping, Sized
from itertools import chain

from lxml import etree

from termalign import __version__
from termalign.errors import InputError
from termalign.fileio import atomic_output
from termalign.formats.inline import inline_text
from termalign.formats.xmlsafe import (
    XML_LANG,
    check_xml_text,
    escape_attr,
    escape_text,
    iterparse_safe,
    needs_escaping_attr,
    needs_escaping_text,
    release,
)
from termalign.model import TranslationUnit
from termalign.progress import NO_PROGRESS, Progress

DEFAULT_SRC_LANG = "en-US"
DEFAULT_TGT_LANG = "zh-CN"
TMX_DOCTYPE = '<!DOCTYPE tmx SYSTEM "tmx14.dtd">'
_BATCH = 2000


def write_tmx(
    units: Iterable[TranslationUnit],
    path: str | os.PathLike[str],
    *,
    src_lang: str | None = None,
    tgt_lang: str | None = None,
    header_props: Mapping[str, str] | None = None,
    progress: Progress = NO_PROGRESS,
) -> int:
    """Write `units` as TMX 1.4 to `path` ("-" = stdout); return the number of ``<tu>``s.

    Languages: `src_lang`/`tgt_lang` when given, else each unit's own `src_lang`/`tgt_lang`
    (the header's srclang is `src_lang` or the first unit's). The file appears only when complete.
    """
    iterator = iter(units)
    first = next(iterator, None)
    header_src = src_lang or (first.src_lang if first is not None else DEFAULT_SRC_LANG)
    progress.start("writing TMX", len(units) if isinstance(units, Sized) else None)
    count = 0
    with atomic_output(path, "wb") as out:
        with etree.xmlfile(out, encoding="utf-8") as xf:
            xf.write_declaration()
            xf.write_doctype(TMX_DOCTYPE)
            with xf.element("tmx", version="1.4"):
                xf.write("\n")
                xf.write(_header(header_src, header_props or {}), pretty_print=True)
                with xf.element("body"):
                    xf.write("\n")
                    xf.flush()  # from here on <tu> markup goes straight into `out`
                    batch: list[str] = []
                    for unit in chain((first,), iterator) if first is not None else ():
                        batch.append(_tu_markup(unit, src_lang or unit.src_lang, tgt_lang or unit.tgt_lang))
                        if len(batch) == _BATCH:
                            out.write("".join(batch).encode("utf-8"))
                            count += len(batch)
                            progress.advance(len(batch))
                            batch.clear()
                    out.write("".join(batch).encode("utf-8"))
                    count += len(batch)
                    progress.advance(len(batch))
                xf.write("\n")
    progress.finish()
    return count


def _header(src_lang: str, props: Mapping[str, str]) -> etree._Element:
    header = etree.Element(
        "header",
        creationtool="termalign",
        creationtoolversion=__version__,
        segtype="sentence",
        adminlang="en-US",
        srclang=src_lang,
        datatype="plaintext",
    )
    header.set("o-tmf", "termalign")
    for key, value in props.items():
        check_xml_text(key, "TMX header prop name")
        check_xml_text(value, f"TMX header prop {key!r}")
        prop = etree.SubElement(header, "prop", type=key)
        prop.text = value
    return header


def _tu_markup(unit: TranslationUnit, src_lang: str, tgt_lang: str) -> str:
    """One ``<tu>`` element as text, escaped and checked by `xmlsafe`."""
    props = unit.props
    attributes = [unit.id, src_lang, tgt_lang, *props]
    texts = [unit.source, unit.target, unit.note, *props.values()]
    # Fast path, taken by nearly every unit: one scan of all attribute values and one of all
    # texts finds nothing to escape or refuse, so the strings go in as they are.
    if needs_escaping_attr(" ".join(attributes)) or needs_escaping_text(" ".join(texts)):
        return _tu_markup_escaped(unit, src_lang, tgt_lang)
    head = f'<tu tuid="{unit.id}">' if unit.id else "<tu>"
    prop_markup = "".join([f'<prop type="{key}">{value}</prop>' for key, value in props.items()])
    note = f"<note>{unit.note}</note>" if unit.note else ""
    return (
        f'{head}{prop_markup}{note}<tuv xml:lang="{src_lang}"><seg>{unit.source}</seg></tuv>'
        f'<tuv xml:lang="{tgt_lang}"><seg>{unit.target}</seg></tuv></tu>\n'
    )


def _tu_markup_escaped(unit: TranslationUnit, src_lang: str, tgt_lang: str) -> str:
    where = f"translation unit {unit.id!r}"
    parts = ['<tu tuid="', escape_attr(unit.id, where), '">'] if unit.id else ["<tu>"]
    for key, value in unit.props.items():
        parts += ['<prop type="', escape_attr(key, f"{where}, prop name"), '">']
        parts += [escape_text(value, f"{where}, prop {key!r}"), "</prop>"]
    if unit.note:
        parts += ["<note>", escape_text(unit.note, f"{where}, note"), "</note>"]
    parts += ['<tuv xml:lang="', escape_attr(src_lang, where), '"><seg>']
    parts += [escape_text(unit.source, f"{where}, source"), "</seg></tuv>"]
    parts += ['<tuv xml:lang="', escape_attr(tgt_lang, where), '"><seg>']
    parts += [escape_text(unit.target, f"{where}, target"), "</seg></tuv></tu>\n"]
    return "".join(parts)


def read_tmx(
    path: str | os.PathLike[str],
    *,
    src_lang: str | None = None,
    tgt_lang: str | None = None,
    progress: Progress = NO_PROGRESS,
) -> Iterator[TranslationUnit]:
    """Stream the translation units of a TMX file (any size; elements are freed as it goes).

    Source language: `src_lang`, else the ``<tu>``'s or the header's srclang, else the first
    ``<tuv>``. Target: the first ``<tuv>`` matching `tgt_lang` (``zh`` matches ``zh-CN``), else
    the first ``<tuv>`` in another language than the source. A side that is missing reads as "".
    """
    name = os.fspath(path)
    header_src: str | None = None
    position = 0
    progress.start(f"reading {os.path.basename(name)}", None)
    for _event, element in iterparse_safe(name, tag=("header", "tu"), expect_root=("tmx",)):
        if element.tag == "header":
            header_src = element.get("srclang")
            continue
        position += 1
        unit = _unit(name, element, position, src_lang or element.get("srclang") or header_src, tgt_lang)
        release(element)
        if position % _BATCH == 0:
            progress.advance(_BATCH)
        yield unit
    progress.advance(position % _BATCH)
    progress.finish()


def _unit(path: str, tu: etree._Element, position: int, src_lang: str | None, tgt_lang: str | None) -> TranslationUnit:
    props: dict[str, str] = {}
    notes: list[str] = []
    langs: list[str] = []
    texts: list[str] = []
    for child in tu:
        tag = child.tag
        if tag == "tuv":
            lang = ""
            for key, value in child.items():  # items() is faster than get() with a namespace
                if key == XML_LANG or key == "lang":
                    lang = value
                    break
            if not lang:
                raise InputError(path, "<tuv> has no xml:lang attribute (expected e.g. xml:lang=\"en-US\")", line=child.sourceline)
            seg = child[-1] if len(child) else None
            if seg is None or seg.tag != "seg":
                seg = child.find("seg")
                if seg is None:
                    raise InputError(path, "<tuv> has no <seg> element", line=child.sourceline)
            langs.append(lang)
            texts.append((seg.text or "") if len(seg) == 0 else inline_text(seg))
        elif tag == "prop":
            key = child.get("type", "")
            value = child.text or ""
            props[key] = f"{props[key]}\n{value}" if key in props else value
        elif tag == "note":
            notes.append(child.text or "")
    if not langs:
        raise InputError(path, "<tu> has no <tuv> (expected one per language)", line=tu.sourceline)
    source, target = _choose(tuple(langs), src_lang, tgt_lang)
    return TranslationUnit(
        tu.get("tuid") or str(position),
        texts[source] if source is not None else "",
        texts[target] if target is not None else "",
        langs[source] if source is not None else (src_lang or ""),
        langs[target] if target is not None else (tgt_lang or ""),
        props,
        "\n".join(notes) if notes else "",
    )


@functools.lru_cache(maxsize=1024)
def _choose(langs: tuple[str, ...], src_lang: str | None, tgt_lang: str | None) -> tuple[int | None, int | None]:
    """Positions of the source and target variants among a unit's languages (cached: most
    units of a file carry the same languages)."""
    if src_lang and src_lang != "*all*":
        source = next((i for i, lang in enumerate(langs) if same_language(lang, src_lang)), None)
    else:
        source = 0
    target = next((i for i, lang in enumerate(langs) if same_language(lang, tgt_lang)), None) if tgt_lang else None
    if target is None and source is not None:
        target = next((i for i, lang in enumerate(langs) if not same_language(lang, langs[source])), None)
    return source, target


def same_language(code: str, wanted: str) -> bool:
    """Language codes match case-insensitively; a bare language (``zh``) matches any region."""
    a = code.lower().replace("_", "-")
    b = wanted.lower().replace("_", "-")
    if a == b:
        return True
    a_lang, _, a_rest = a.partition("-")
    b_lang, _, b_rest = b.partition("-")
    return a_lang == b_lang and (not a_rest or not b_rest)
