"""TBX v3 and v2: valid against the real schemas, read back, and validators that do reject."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from lxml import etree

from formats_corpus import seed_glossary
from termalign.formats.tbx import TBX_NS, read_tbx, tbx_version, write_tbx
from termalign.formats.validate import compile_schematron, schematron_issues, validate_file
from termalign.formats.xmlsafe import UnrepresentableTextError, parse_safe
from termalign.model import Glossary, GlossaryEntry, Lang, TermCategory, TermStatus

NS = {"t": TBX_NS}


def _without_candidates(entries: list[GlossaryEntry]) -> list[GlossaryEntry]:
    """What TBX carries: everything but the ranked candidates (see formats.tbx)."""
    return [dataclasses.replace(e, zh_candidates=[]) for e in entries]


def test_tbx_v3_is_valid_against_the_rng_and_the_tbx_basic_schematron(tmp_path: Path, schemas: Path) -> None:
    path = tmp_path / "terms.tbx"
    assert write_tbx(seed_glossary(), path) == 7
    report = validate_file(path, schemas)
    assert report.kind == "TBX v3 (TBX-Basic, dca)"
    assert report.schemas == ("TBXcoreStructV03.rng", "TBX-Basic_DCA.sch")
    assert report.valid, [str(i) for i in report.issues]
    root = etree.parse(str(path)).getroot()
    assert (root.tag, root.get("type"), root.get("style")) == (f"{{{TBX_NS}}}tbx", "TBX-Basic", "dca")
    ministry = root.find(".//t:conceptEntry[@id='T0001']", NS)
    statuses = ministry.xpath(".//t:langSec[@xml:lang='zh-CN']/t:termSec/t:termNote[@type='administrativeStatus']/text()", namespaces=NS)
    assert statuses == ["preferredTerm-admn-sts", "admittedTerm-admn-sts", "deprecatedTerm-admn-sts"]
    assert ministry.xpath("string(t:descrip[@type='subjectField'])", namespaces=NS) == "institution"


def test_tbx_v2_is_valid_against_the_core_dtd(tmp_path: Path, schemas: Path) -> None:
    path = tmp_path / "terms.v2.tbx"
    write_tbx(seed_glossary(), path, version=2)
    dtd = etree.DTD(str(schemas / "TBXcoreStructV02.dtd"))
    tree = etree.parse(str(path))
    assert dtd.validate(tree), dtd.error_log
    assert tree.getroot().tag == "martif" and tree.docinfo.system_url == "TBXcoreStructV02.dtd"
    assert validate_file(path, schemas).valid


@pytest.mark.parametrize("version", [3, 2])
def test_tbx_round_trip_keeps_terms_statuses_contexts_and_workflow(tmp_path: Path, version: int) -> None:
    glossary = seed_glossary()
    path = tmp_path / f"terms.v{version}.tbx"
    write_tbx(glossary, path, version=version)
    back = read_tbx(path)
    assert tbx_version(path) == version
    assert (back.name, back.src_lang, back.tgt_lang) == ("MIIT briefing 2022", "en-US", "zh-CN")
    assert back.entries == _without_candidates(glossary.entries)
    ministry = back.entries[0]
    assert ministry.zh_deprecated == ["工业信息化部"] and ministry.score == 0.9731
    assert [c.lang for c in ministry.contexts] == [Lang.EN, Lang.ZH]


def test_invalid_xml_ids_are_made_valid_and_unique(tmp_path: Path, schemas: Path) -> None:
    glossary = Glossary(entries=[GlossaryEntry(id=i, en=f"term {n}", zh="术语") for n, i in enumerate(["1", "a b", "a_b", "T 9"])])
    path = tmp_path / "ids.tbx"
    write_tbx(glossary, path)
    assert validate_file(path, schemas).valid
    assert [e.id for e in read_tbx(path).entries] == ["c-1", "c-a_b", "a_b", "c-T_9"]


def test_writer_refuses_entries_tbx_cannot_hold(tmp_path: Path) -> None:
    path = tmp_path / "bad.tbx"
    with pytest.raises(UnrepresentableTextError, match="no English term"):
        write_tbx(Glossary(entries=[GlossaryEntry(id="T1", en=" ")]), path)
    with pytest.raises(UnrepresentableTextError, match=r"'T2', note: U\+0007"):
        write_tbx(Glossary(entries=[GlossaryEntry(id="T2", en="added value", note="bell\a")]), path)
    assert not path.exists()


def test_reading_the_published_tbx_basic_examples(schemas: Path) -> None:
    for name in ("Example_Astronomy_DCA_VALID.tbx", "Example_Astronomy_DCT_VALID.tbx"):
        glossary = read_tbx(schemas / name, tgt_lang="es")
        entry = next(e for e in glossary.entries if e.id == "c1")
        assert entry.en == "open cluster" and entry.zh == "cúmulo abierto", name
        assert "definition (en): A group of stars formed together in the spiral arms of a galaxy." in " ".join(entry.note.split())
        assert entry.status == TermStatus.APPROVED
        assert len(glossary.entries) > 10


# --- the validators really reject -----------------------------------------------------------


def _edit(path: Path, old: str, new: str, count: int = 1) -> Path:
    text = path.read_text(encoding="utf-8")
    assert old in text
    bad = path.with_name("bad-" + path.name)
    bad.write_text(text.replace(old, new, count), encoding="utf-8")
    return bad


@pytest.fixture
def valid_tbx(tmp_path: Path) -> Path:
    path = tmp_path / "terms.tbx"
    write_tbx(seed_glossary(), path)
    return path


def test_schematron_attribute_context_rule_is_enforced(valid_tbx: Path, schemas: Path) -> None:
    # TBX-Basic_DCA.sch: <rule context="tbx:termNote/@type"> — the context is an attribute.
    bad = _edit(valid_tbx, 'type="partOfSpeech"', 'type="wordClass"')
    report = validate_file(bad, schemas)
    assert not report.valid
    (issue,) = report.issues  # the RELAX NG grammar allows any type: only Schematron catches it
    assert issue.schema == "TBX-Basic_DCA.sch"
    assert issue.message.startswith("Permitted type value(s): administrativeStatus, partOfSpeech")
    assert "tbx:termNote/@type" in issue.location and issue.location.endswith("/termNote[2]/@type")
    assert bad.read_text(encoding="utf-8").splitlines()[issue.line - 1].strip().startswith('<termNote type="wordClass">')


def test_schematron_element_rules_are_enforced(valid_tbx: Path, schemas: Path) -> None:
    bad = _edit(valid_tbx, ">preferredTerm-admn-sts<", ">preferred<")
    messages = [i.message for i in validate_file(bad, schemas).issues]
    assert messages == ["/administrativeStatus/ type may be: 'admittedTerm-admn-sts' or 'deprecatedTerm-admn-sts' or 'supersededTerm-admn-sts' or 'preferredTerm-admn-sts'"]
    # Declared DCT but written DCA: the DCT dialect's Schematron applies and objects.
    wrong_style = _edit(valid_tbx, 'style="dca"', 'style="dct"')
    report = validate_file(wrong_style, schemas)
    assert report.schemas == ("TBXcoreStructV03.rng", "TBX-Basic_DCT.sch", "Basic.sch", "Min.sch")
    assert {i.message for i in report.issues} == {"DCA style elements are not permitted in DCT style TBX."}


def test_relax_ng_rejects_structure_errors(valid_tbx: Path, schemas: Path) -> None:
    bad = _edit(valid_tbx, "<termSec>", "<termSec><note>a note before the term</note>")
    issues = validate_file(bad, schemas).issues
    assert issues and issues[0].schema == "TBXcoreStructV03.rng" and issues[0].line


def test_dtds_reject_invalid_tmx_and_tbx_v2(tmp_path: Path, schemas: Path) -> None:
    v2 = tmp_path / "terms.v2.tbx"
    write_tbx(seed_glossary(), v2, version=2)
    bad = _edit(v2, "<tig>", "<tig><note>before the term</note>")
    issues = validate_file(bad, schemas).issues
    assert issues and all(i.schema == "TBXcoreStructV02.dtd" for i in issues)
    tmx = tmp_path / "memory.tmx"
    tmx.write_text(
        '<?xml version="1.0"?>\n<tmx version="1.4"><header creationtool="x" segtype="sentence" o-tmf="x" '
        'adminlang="en" srclang="en" datatype="plaintext"/>\n<body><tu><seg>no tuv</seg></tu></body></tmx>',
        encoding="utf-8",
    )
    messages = [i.message for i in validate_file(tmx, schemas).issues]
    assert any("creationtoolversion" in m for m in messages) and any("tu" in m for m in messages)


def test_compiled_schematron_knows_report_let_name_and_first_match(tmp_path: Path) -> None:
    sch = tmp_path / "rules.sch"
    sch.write_text(
        """<schema xmlns="http://purl.oclc.org/dsdl/schematron" queryBinding="xslt2">
  <ns prefix="t" uri="urn:test"/>
  <let name="limit" value="2"/>
  <pattern id="counts">
    <rule context="t:list[@kind='short']">
      <assert test="count(t:item) le $limit"><name/> has <value-of select="count(t:item)"/> items</assert>
    </rule>
    <rule context="t:list">
      <report test="true()">general rule fired for <name/></report>
    </rule>
  </pattern>
  <pattern id="attributes">
    <rule context="t:item/@lang">
      <let name="primary" value="substring-before(concat(., '-'), '-')"/>
      <assert test="$primary = ('en', 'zh')">unexpected language <value-of select="."/></assert>
    </rule>
  </pattern>
</schema>""",
        encoding="utf-8",
    )
    doc = tmp_path / "doc.xml"
    doc.write_text(
        '<t:root xmlns:t="urn:test">\n<t:list kind="short"><t:item/><t:item/><t:item lang="fr-FR"/></t:list>\n'
        '<t:list><t:item lang="zh-CN"/></t:list>\n</t:root>',
        encoding="utf-8",
    )
    assert "<xsl:template" in compile_schematron(sch)
    issues = schematron_issues(str(doc), parse_safe(doc), sch)
    assert [(i.message, i.line) for i in issues] == [
        ("t:list has 3 items", 2),  # the first matching rule wins: no "general rule" for this list
        ("general rule fired for t:list", 3),
        ("unexpected language fr-FR", 2),
    ]


def test_categories_outside_ours_are_kept_in_the_note(tmp_path: Path) -> None:
    path = tmp_path / "foreign.tbx"
    path.write_text(
        """<?xml version="1.0" encoding="UTF-8"?>
<martif type="TBX" xml:lang="en"><martifHeader><fileDesc><sourceDesc><p>x</p></sourceDesc></fileDesc></martifHeader>
<text><body>
<termEntry id="e1"><descrip type="subjectField">Telecommunications</descrip>
  <langSet xml:lang="en"><ntig><termGrp><term>dual-gigabit network</term></termGrp></ntig></langSet>
  <langSet xml:lang="zh-Hans"><tig><term>“双千兆”网络</term></tig><tig><term>双千兆网络</term><termNote type="administrativeStatus">admittedTerm-admn-sts</termNote></tig></langSet>
</termEntry></body></text></martif>""",
        encoding="utf-8",
    )
    (entry,) = read_tbx(path).entries
    assert (entry.en, entry.zh, entry.zh_variants) == ("dual-gigabit network", "“双千兆”网络", ["双千兆网络"])
    assert entry.category == TermCategory.DOMAIN and entry.note == "subject field: Telecommunications"


def test_related_phrases_are_not_exported_as_synonyms(tmp_path: Path) -> None:
    """A longer phrase the term was met in is no admitted term: a CAT tool would match it as the
    term (and TBX has no place for "seen in"), so the termbase leaves it out."""
    entry = GlossaryEntry(
        id="T1", en="installed capacity", zh="装机容量", en_variants=["installed capacities"],
        en_related=["installed capacity of power batteries"],
    )
    path = tmp_path / "terms.tbx"
    write_tbx(Glossary([entry]), path)
    terms = etree.parse(str(path)).getroot().xpath("//t:term/text()", namespaces=NS)
    assert terms == ["installed capacity", "installed capacities", "装机容量"]
    back = read_tbx(path).entries[0]
    assert back.en_variants == ["installed capacities"] and back.en_related == []
