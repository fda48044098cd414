"""TBX term bases: TBX v3 (ISO 30042:2019, TBX-Basic, DCA style) and TBX v2 (``<martif>``).

Both versions are written and read. v3 output is valid against ``TBXcoreStructV03.rng`` and the
TBX-Basic DCA Schematron; v2 output against ``TBXcoreStructV02.dtd`` (for OmegaT 3.6,
translate-toolkit and other tools that read only v2).

How a `GlossaryEntry` maps (v3 names; v2 uses termEntry ▸ langSet ▸ tig):

- ``conceptEntry id`` = entry id (made a valid XML ID when it is not one: ``c-`` prefix,
  other characters replaced by ``_``, collisions numbered);
- ``descrip type="subjectField"`` = category; ``admin type="source"`` = each of `sources`;
- ``note`` = the entry note; a second ``note`` starting ``termalign:`` carries the workflow
  fields CAT tools have no place for (``status=…; score=…; freq_en=…; freq_zh=…``), read back
  on import and shown to translators as a plain note;
- one ``langSec`` per language, one ``termSec`` per term: ``termNote administrativeStatus`` =
  ``preferredTerm-admn-sts`` (en, zh), ``admittedTerm-admn-sts`` (en_variants, zh_variants),
  ``deprecatedTerm-admn-sts`` (zh_deprecated); ``termNote partOfSpeech`` = ``noun`` (the term
  extractor only proposes noun phrases and names);
- contexts: ``descripGrp`` ▸ ``descrip type="context"`` + ``admin type="source"`` holding
  ``document#segment_id``, inside the preferred (else first) term of the context's language.

Not carried by TBX (use the glossary TSV for a lossless copy): ``zh_candidates``, and contexts
of a language that has no term in the entry.

Reading accepts both versions, DCA and DCT style (``<basic:context>`` …), ``tig`` and ``ntig``,
any language codes (``zh`` matches ``zh-CN``). A foreign entry without a ``termalign:`` note
is APPROVED when it has a main target term (preferred, or without status), else a CANDIDATE; subject fields that are not
termalign categories and definitions are kept in the note. Concepts of a multilingual term base
that have no term in the source language are skipped (an entry is keyed by its English term).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from lxml import etree

from termalign import __version__
from termalign.errors import InputError
from termalign.fileio import atomic_output
from termalign.formats.inline import inline_text
from termalign.formats.tmx import same_language
from termalign.formats.workflow import apply_workflow_note, is_workflow_note, workflow_note
from termalign.formats.xmlsafe import XML_LANG, UnrepresentableTextError, check_xml_text, local_name, parse_safe
from termalign.model import Glossary, GlossaryEntry, Lang, TermCategory, TermContext, TermStatus

TBX_NS = "urn:iso:std:iso:30042:ed-2"
TBX_V2_DOCTYPE = '<!DOCTYPE martif SYSTEM "TBXcoreStructV02.dtd">'
PREFERRED = "preferredTerm-admn-sts"
ADMITTED = "admittedTerm-admn-sts"
DEPRECATED = "deprecatedTerm-admn-sts"
SUPERSEDED = "supersededTerm-admn-sts"

TbxVersion = Literal[2, 3]


@dataclass(frozen=True)
class _Names:
    """Element names of one TBX version."""

    ns: str
    root: str
    header: str
    entry: str
    lang: str
    term: str

    def q(self, name: str) -> str:
        return f"{{{self.ns}}}{name}" if self.ns else name


V3 = _Names(TBX_NS, "tbx", "tbxHeader", "conceptEntry", "langSec", "termSec")
V2 = _Names("", "martif", "martifHeader", "termEntry", "langSet", "tig")


def write_tbx(
    glossary: Glossary,
    path: str | os.PathLike[str],
    *,
    version: TbxVersion = 3,
    src_lang: str = "en-US",
    tgt_lang: str = "zh-CN",
) -> int:
    """Write `glossary` as TBX (v3 TBX-Basic DCA, or v2 martif) to `path`; return the entry count."""
    names = V3 if version == 3 else V2
    ids = _XmlIds()
    # Term bases are small (thousands of entries): one tree, serialised in one go.
    if version == 2:
        root = etree.Element("martif", type="TBX")
    else:
        root = etree.Element(names.q("tbx"), type="TBX-Basic", style="dca", nsmap={None: TBX_NS})
    root.set(XML_LANG, src_lang)
    root.append(_header(names, glossary))
    body = etree.SubElement(etree.SubElement(root, names.q("text")), names.q("body"))
    for entry in glossary.entries:
        body.append(_entry_element(names, entry, ids.make(entry.id), src_lang, tgt_lang))
    tree = etree.ElementTree(root)
    with atomic_output(path, "wb") as out:
        tree.write(
            out,
            encoding="UTF-8",
            xml_declaration=True,
            pretty_print=True,
            doctype=TBX_V2_DOCTYPE if version == 2 else None,
        )
    return len(glossary.entries)


class _XmlIds:
    """Entry ids as unique XML IDs (NCNames)."""

    _NCNAME = re.compile(r"^[^\W\d][\w.\-]*$")

    def __init__(self) -> None:
        self.seen: set[str] = set()

    def make(self, raw: str) -> str:
        base = raw if self._NCNAME.match(raw) else "c-" + re.sub(r"[^\w.\-]", "_", raw)
        candidate, n = base, 1
        while candidate in self.seen:
            n += 1
            candidate = f"{base}-{n}"
        self.seen.add(candidate)
        return candidate


def _header(names: _Names, glossary: Glossary) -> etree._Element:
    q = names.q
    header = etree.Element(q(names.header))
    file_desc = etree.SubElement(header, q("fileDesc"))
    if glossary.name:
        title_stmt = etree.SubElement(file_desc, q("titleStmt"))
        _text(etree.SubElement(title_stmt, q("title")), glossary.name, "glossary name")
    source_desc = etree.SubElement(file_desc, q("sourceDesc"))
    etree.SubElement(source_desc, q("p")).text = f"termalign {__version__}: English–Chinese glossary"
    return header


def _text(element: etree._Element, text: str, where: str) -> etree._Element:
    check_xml_text(text, where)
    element.text = text
    return element


def _entry_element(names: _Names, entry: GlossaryEntry, xml_id: str, src_lang: str, tgt_lang: str) -> etree._Element:
    q = names.q
    where = f"glossary entry {entry.id!r}"
    if not entry.en.strip():
        raise UnrepresentableTextError(f"{where} has no English term; TBX needs at least one term per entry")
    element = etree.Element(q(names.entry), id=xml_id)
    _text(etree.SubElement(element, q("descrip"), type="subjectField"), str(entry.category), where)
    for source in entry.sources:
        _text(etree.SubElement(element, q("admin"), type="source"), source, f"{where}, source")
    if entry.note:
        _text(etree.SubElement(element, q("note")), entry.note, f"{where}, note")
    etree.SubElement(element, q("note")).text = workflow_note(entry)
    contexts = {Lang.EN: [c for c in entry.contexts if c.lang == Lang.EN], Lang.ZH: [c for c in entry.contexts if c.lang == Lang.ZH]}
    en_terms = [(entry.en, PREFERRED)] + [(v, ADMITTED) for v in entry.en_variants]
    zh_terms = ([(entry.zh, PREFERRED)] if entry.zh else []) + [(v, ADMITTED) for v in entry.zh_variants]
    zh_terms += [(v, DEPRECATED) for v in entry.zh_deprecated]
    for lang, terms, lang_contexts in ((src_lang, en_terms, contexts[Lang.EN]), (tgt_lang, zh_terms, contexts[Lang.ZH])):
        if not terms:
            continue
        lang_sec = etree.SubElement(element, q(names.lang), {XML_LANG: lang})
        for index, (term, status) in enumerate(terms):
            term_sec = etree.SubElement(lang_sec, q(names.term))
            _text(etree.SubElement(term_sec, q("term")), term, f"{where}, term")
            etree.SubElement(term_sec, q("termNote"), type="administrativeStatus").text = status
            etree.SubElement(term_sec, q("termNote"), type="partOfSpeech").text = "noun"
            if index == 0:
                for context in lang_contexts:
                    _context_element(names, term_sec, context, where)
    return element


def _context_element(names: _Names, term_sec: etree._Element, context: TermContext, where: str) -> None:
    q = names.q
    group = etree.SubElement(term_sec, q("descripGrp"))
    _text(etree.SubElement(group, q("descrip"), type="context"), context.text, f"{where}, context")
    if context.document or context.segment_id:
        reference = f"{context.document}#{context.segment_id}" if context.document else context.segment_id
        _text(etree.SubElement(group, q("admin"), type="source"), reference, f"{where}, context source")


def tbx_version(path: str | os.PathLike[str]) -> TbxVersion:
    """2 for a ``<martif>`` document, 3 for ``<tbx>`` (the root element decides)."""
    root = parse_safe(path, expect_root=("tbx", "martif")).getroot()
    return 2 if local_name(root) == "martif" else 3


def read_tbx(
    path: str | os.PathLike[str],
    *,
    src_lang: str | None = None,
    tgt_lang: str | None = None,
) -> Glossary:
    """Read a TBX v2 or v3 file into a `Glossary` (see the module doc for the mapping)."""
    name = os.fspath(path)
    root = parse_safe(name, expect_root=("tbx", "martif")).getroot()
    source_lang = src_lang or root.get(XML_LANG) or ""
    entries: list[GlossaryEntry] = []
    target_lang = tgt_lang
    for position, element in enumerate(_children_named(root, {"conceptEntry", "termEntry"}, deep=True), start=1):
        sections = _lang_sections(name, element)
        if not source_lang:
            source_lang = sections[0][0] if sections else ""
        if target_lang is None:
            target_lang = next((lang for lang, _ in sections if not same_language(lang, source_lang)), None)
        if not any(same_language(lang, source_lang) for lang, _ in sections):
            continue  # a concept with no source-language term cannot key a glossary entry
        entries.append(_entry(name, element, position, sections, source_lang, target_lang))
    title = root.find(".//{*}titleStmt/{*}title")
    return Glossary(
        entries=entries,
        src_lang=source_lang or "en",
        tgt_lang=target_lang or "zh",
        name=(title.text or "") if title is not None else "",
    )


def _children_named(element: etree._Element, wanted: set[str], deep: bool = False) -> Iterator[etree._Element]:
    for child in element.iter() if deep else element:
        if local_name(child) in wanted:
            yield child


def _lang_sections(path: str, entry: etree._Element) -> list[tuple[str, etree._Element]]:
    sections = []
    for section in _children_named(entry, {"langSec", "langSet"}):
        lang = section.get(XML_LANG) or section.get("lang")
        if not lang:
            raise InputError(path, f"<{local_name(section)}> has no xml:lang attribute", line=section.sourceline)
        sections.append((lang, section))
    return sections


@dataclass
class _Term:
    text: str
    status: str  # administrativeStatus value, "" when absent
    contexts: list[TermContext]


def _category(element: etree._Element) -> str:
    """The data category of a DCA element (its @type) or of a DCT element (its name)."""
    name = local_name(element)
    if name in {"descrip", "termNote", "admin", "transac", "ref", "xref", "transacNote", "adminNote", "descripNote"}:
        return element.get("type", "")
    return name


def _entry(
    path: str,
    element: etree._Element,
    position: int,
    sections: list[tuple[str, etree._Element]],
    src_lang: str,
    tgt_lang: str | None,
) -> GlossaryEntry:
    entry = GlossaryEntry(id=element.get("id") or f"c{position}", en="")
    notes: list[str] = []
    workflow = ""
    notes.extend(f"definition: {text}" for text in _definitions(element))
    for child in element:
        kind, text = _category(child), inline_text(child)
        if local_name(child) == "note":
            if is_workflow_note(text) and not workflow:
                workflow = text
            else:
                notes.append(text)
        elif kind == "subjectField":
            try:
                entry.category = TermCategory(text.strip())
            except ValueError:
                notes.append(f"subject field: {text}")
        elif kind == "source":
            entry.sources.append(text)
    en_terms: list[_Term] = []
    zh_terms: list[_Term] = []
    for lang, section in sections:
        if same_language(lang, src_lang):
            bucket, context_lang = en_terms, Lang.EN
        elif tgt_lang is not None and same_language(lang, tgt_lang):
            bucket, context_lang = zh_terms, Lang.ZH
        else:
            continue
        notes.extend(f"definition ({lang}): {text}" for text in _definitions(section))
        for term_element in _children_named(section, {"termSec", "tig", "ntig"}):
            bucket.append(_term(path, term_element, context_lang))
    _assign_terms(path, element, entry, en_terms, zh_terms)
    if workflow and not apply_workflow_note(entry, workflow):
        notes.append(workflow)  # hand-edited beyond parsing: keep it as a plain note
    entry.note = "\n".join(notes)
    if not workflow:
        entry.status = TermStatus.APPROVED if entry.zh else TermStatus.CANDIDATE
    return entry


def _definitions(element: etree._Element) -> Iterator[str]:
    """Definitions attached to an entry or language section, directly or in a descripGrp."""
    for child in element:
        if _category(child) == "definition":
            yield inline_text(child)
        elif local_name(child) == "descripGrp":
            yield from (inline_text(sub) for sub in child if _category(sub) == "definition")


def _term(path: str, element: etree._Element, lang: Lang) -> _Term:
    # ntig keeps term and termNotes inside a termGrp
    holder = next(_children_named(element, {"termGrp"}), element)
    term = next(_children_named(holder, {"term"}), None)
    if term is None:
        raise InputError(path, f"<{local_name(element)}> has no <term>", line=element.sourceline)
    status = ""
    for note in holder.iter():
        if _category(note) == "administrativeStatus":
            status = inline_text(note).strip()
    contexts = []
    for child in element.iter():
        if _category(child) == "context" and local_name(child) != "descripGrp":
            group = child.getparent()
            reference = ""
            if local_name(group) == "descripGrp":
                reference = next((inline_text(s) for s in group if _category(s) == "source"), "")
            document, _, segment = reference.rpartition("#")
            contexts.append(TermContext(segment_id=segment, text=inline_text(child), lang=lang, document=document))
    return _Term(inline_text(term), status, contexts)


def _assign_terms(path: str, element: etree._Element, entry: GlossaryEntry, en_terms: list[_Term], zh_terms: list[_Term]) -> None:
    if not en_terms:
        raise InputError(path, f"entry {entry.id!r} has no term in the source language", line=element.sourceline)
    en_main = _main_term(en_terms)
    entry.en = en_main.text if en_main else en_terms[0].text
    entry.en_variants = [t.text for t in en_terms if t is not (en_main or en_terms[0]) and t.status not in (DEPRECATED, SUPERSEDED)]
    zh_main = _main_term(zh_terms)
    entry.zh = zh_main.text if zh_main else ""
    entry.zh_variants = [t.text for t in zh_terms if t is not zh_main and t.status not in (DEPRECATED, SUPERSEDED)]
    entry.zh_deprecated = [t.text for t in zh_terms if t.status in (DEPRECATED, SUPERSEDED)]
    for term in [*en_terms, *zh_terms]:
        entry.contexts.extend(term.contexts)


def _main_term(terms: list[_Term]) -> _Term | None:
    """The preferred term, else the first term that carries no status at all."""
    return next((t for t in terms if t.status == PREFERRED), None) or next((t for t in terms if not t.status), None)
