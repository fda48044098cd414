"""Validating TMX and TBX files against the published schemas.

- TMX 1.4: the TMX DTD (``tmx14.dtd``) with lxml.
- TBX v2 (``<martif>``): the core structure DTD (``TBXcoreStructV02.dtd``) with lxml.
- TBX v3 (``<tbx>``): the core RELAX NG grammar (``TBXcoreStructV03.rng``) with lxml, plus the
  dialect Schematron (TBX-Basic DCA: ``TBX-Basic_DCA.sch``; DCT: ``TBX-Basic_DCT.sch``,
  ``Basic.sch`` and ``Min.sch``; TBX-Core: ``TBX-Core.sch``) run as XSLT 3 with Saxon (saxonche).

Schematron is compiled by `compile_schematron`, a compact compiler written for termalign
(ISO Schematron subset: ns, let, pattern, rule incl. abstract rules and extends, assert, report,
name, value-of; include and abstract patterns are refused with a clear error, phases ignored:
every pattern runs). It visits every element *and attribute* of the document, so rules whose
context is an attribute (``tbx:termNote/@type``) fire: the 2010 ISO XSLT2 skeleton visited only
``*|comment()|processing-instruction()`` and silently skipped them. As in ISO Schematron, a
node is checked by at most one rule per pattern: the first whose context matches.

The document is parsed by `xmlsafe` (entities refused, nothing fetched); Saxon only ever sees the
re-serialised, DOCTYPE-free text. Schema files are not shipped in the package (TBX schemas
carry no licence); they are read from a directory: ``--schemas``, ``$TERMALIGN_SCHEMAS``, or
``../shared/schemas`` beside the checkout.
"""

from __future__ import annotations

import functools
import os
import re
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from termalign.errors import InputError, UsageError
from termalign.formats.xmlsafe import local_name, parse_safe

SCH_NS = "http://purl.oclc.org/dsdl/schematron"
XSL_NS = "http://www.w3.org/1999/XSL/Transform"
_S = f"{{{SCH_NS}}}"


@dataclass(frozen=True, slots=True)
class SchemaIssue:
    """One violation: where it is and which schema rule it breaks."""

    path: str
    line: int | None
    message: str
    schema: str  # file name of the schema that reports it
    location: str = ""  # XPath of the node (Schematron)

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message} [{self.schema}{' ' + self.location if self.location else ''}]"


@dataclass(frozen=True, slots=True)
class ValidationReport:
    path: str
    kind: str  # "TMX 1.4", "TBX v2", "TBX v3 (TBX-Basic, dca)"
    schemas: tuple[str, ...]
    issues: tuple[SchemaIssue, ...]

    @property
    def valid(self) -> bool:
        return not self.issues


def default_schema_dir() -> Path | None:
    """``$TERMALIGN_SCHEMAS``, else ``../shared/schemas`` beside the checkout or the working dir."""
    candidates = []
    if os.environ.get("TERMALIGN_SCHEMAS"):
        candidates.append(Path(os.environ["TERMALIGN_SCHEMAS"]))
    checkout = Path(__file__).resolve().parents[3]  # src/termalign/formats/validate.py → checkout
    candidates += [checkout.parent / "shared" / "schemas", Path.cwd().parent / "shared" / "schemas"]
    return next((c for c in candidates if c.is_dir()), None)


def _schema(directory: Path | None, name: str) -> Path:
    if directory is None:
        raise UsageError(
            f"no schema directory: pass --schemas DIR (a folder holding {name}) or set TERMALIGN_SCHEMAS"
        )
    path = Path(directory) / name
    if not path.is_file():
        raise UsageError(f"schema {name} not found in {directory}")
    return path


def validate_file(path: str | os.PathLike[str], schemas: Path | None = None) -> ValidationReport:
    """Validate a TMX or TBX (v2/v3) file; the root element decides which schemas apply."""
    name = os.fspath(path)
    directory = schemas or default_schema_dir()
    tree = parse_safe(name, expect_root=("tmx", "martif", "tbx"))
    root = tree.getroot()
    kind = local_name(root)
    if kind == "tmx":
        dtd = _schema(directory, "tmx14.dtd")
        return ValidationReport(name, "TMX 1.4", (dtd.name,), tuple(_dtd_issues(name, tree, dtd)))
    if kind == "martif":
        dtd = _schema(directory, "TBXcoreStructV02.dtd")
        return ValidationReport(name, "TBX v2", (dtd.name,), tuple(_dtd_issues(name, tree, dtd)))
    dialect, style = root.get("type", ""), root.get("style", "")
    rng = _schema(directory, "TBXcoreStructV03.rng")
    sch_names = _tbx3_schematrons(dialect, style)
    issues = list(_rng_issues(name, tree, rng))
    for sch_name in sch_names:
        issues += schematron_issues(name, tree, _schema(directory, sch_name))
    return ValidationReport(name, f"TBX v3 ({dialect}, {style})", (rng.name, *sch_names), tuple(issues))


def _tbx3_schematrons(dialect: str, style: str) -> tuple[str, ...]:
    if dialect == "TBX-Basic":
        return ("TBX-Basic_DCA.sch",) if style == "dca" else ("TBX-Basic_DCT.sch", "Basic.sch", "Min.sch")
    if dialect == "TBX-Core":
        return ("TBX-Core.sch",)
    return ()  # other dialects: the core grammar only


def _dtd_issues(path: str, tree: etree._ElementTree, dtd_path: Path) -> list[SchemaIssue]:
    dtd = _load_dtd(str(dtd_path))
    if dtd.validate(tree):
        return []
    return [SchemaIssue(path, e.line or None, e.message, dtd_path.name) for e in dtd.error_log]


def _rng_issues(path: str, tree: etree._ElementTree, rng_path: Path) -> list[SchemaIssue]:
    grammar = _load_rng(str(rng_path))
    if grammar.validate(tree):
        return []
    return [SchemaIssue(path, e.line or None, e.message, rng_path.name) for e in grammar.error_log]


@functools.cache
def _load_dtd(path: str) -> etree.DTD:
    return etree.DTD(path)


@functools.cache
def _load_rng(path: str) -> etree.RelaxNG:
    return etree.RelaxNG(parse_safe(path))


# --- Schematron -----------------------------------------------------------------------------


def compile_schematron(sch_path: str | os.PathLike[str]) -> str:
    """Compile an ISO Schematron schema into an XSLT 3.0 stylesheet (text).

    The stylesheet outputs ``<failures>`` with one ``<failure pattern= rule= test= location=
    role=>message</failure>`` per failed assert or successful report.
    """
    schema = parse_safe(sch_path).getroot()
    if schema.tag != f"{_S}schema":
        raise InputError(os.fspath(sch_path), "not an ISO Schematron schema (expected <schema> in the ISO namespace)")
    for unsupported in ("include", "extends[@href]", "pattern[@is-a]"):
        found = schema.find(f".//{_S}{unsupported}")
        if found is not None:
            what = {"include": "<include>", "extends[@href]": "<extends href=…>", "pattern[@is-a]": "abstract pattern instances (<pattern is-a=…>)"}[unsupported]
            raise InputError(os.fspath(sch_path), f"{what} is not supported by termalign's Schematron compiler", line=found.sourceline)
    abstract_rules = {r.get("id"): r for r in schema.iter(f"{_S}rule") if r.get("abstract") == "true"}

    namespaces = {ns.get("prefix"): ns.get("uri") for ns in schema.iter(f"{_S}ns")}
    xsl = etree.Element(f"{{{XSL_NS}}}stylesheet", version="3.0", nsmap={"xsl": XSL_NS, **namespaces})
    xsl.set("exclude-result-prefixes", "#all")
    etree.SubElement(xsl, f"{{{XSL_NS}}}output", method="xml", indent="no")
    for let in schema.findall(f"{_S}let"):
        _variable(xsl, let, "param")

    patterns = [p for p in schema.iter(f"{_S}pattern") if p.get("abstract") != "true"]
    main = etree.SubElement(xsl, f"{{{XSL_NS}}}template", match="/")
    failures = etree.SubElement(main, "failures")
    for number, pattern in enumerate(patterns, start=1):
        mode = f"pattern{number}"
        etree.SubElement(failures, f"{{{XSL_NS}}}apply-templates", select=".", mode=mode)
        # Default: visit attributes and children, so attribute contexts are reached too.
        default = etree.SubElement(xsl, f"{{{XSL_NS}}}template", match="document-node()|node()|@*", mode=mode, priority="-100")
        etree.SubElement(default, f"{{{XSL_NS}}}apply-templates", select="@*|node()", mode=mode)
        rules = [r for r in pattern.findall(f"{_S}rule") if r.get("abstract") != "true"]
        for index, rule in enumerate(rules):
            template = etree.SubElement(
                xsl, f"{{{XSL_NS}}}template", match=rule.get("context", ""), mode=mode, priority=str(1000 - index)
            )
            for let in [*pattern.findall(f"{_S}let"), *rule.findall(f"{_S}let")]:
                _variable(template, let, "variable")
            for check in _checks(rule, abstract_rules):
                _check(template, check, pattern.get("id", mode), rule.get("context", ""))
            etree.SubElement(template, f"{{{XSL_NS}}}apply-templates", select="@*|node()", mode=mode)
    return etree.tostring(xsl, pretty_print=True, encoding="unicode")


def _variable(parent: etree._Element, let: etree._Element, kind: str) -> None:
    etree.SubElement(parent, f"{{{XSL_NS}}}{kind}", name=let.get("name", ""), select=let.get("value", "."))


def _checks(rule: etree._Element, abstract_rules: dict[str | None, etree._Element]) -> list[etree._Element]:
    checks = []
    for child in rule:
        if child.tag in (f"{_S}assert", f"{_S}report"):
            checks.append(child)
        elif child.tag == f"{_S}extends":
            base = abstract_rules.get(child.get("rule"))
            if base is None:
                raise InputError("", f"<extends rule={child.get('rule')!r}> names no abstract rule", line=child.sourceline)
            checks += _checks(base, abstract_rules)
    return checks


def _check(template: etree._Element, check: etree._Element, pattern_id: str, context: str) -> None:
    test = check.get("test", "true()")
    condition = f"not({test})" if check.tag == f"{_S}assert" else f"({test})"
    branch = etree.SubElement(template, f"{{{XSL_NS}}}if", test=condition)
    failure = etree.SubElement(branch, "failure")
    failure.set("pattern", pattern_id)
    failure.set("rule", context)
    failure.set("test", test)
    failure.set("role", check.get("role", ""))
    location = etree.SubElement(failure, f"{{{XSL_NS}}}attribute", name="location")
    etree.SubElement(location, f"{{{XSL_NS}}}value-of", select="path()")
    _message(failure, check)


def _message(out: etree._Element, source: etree._Element) -> None:
    """Copy assertion text, turning <name/> and <value-of/> into their XSLT equivalents."""
    _append_text(out, source.text)
    for child in source:
        if child.tag == f"{_S}name":
            etree.SubElement(out, f"{{{XSL_NS}}}value-of", select=f"name({child.get('path', '.')})")
        elif child.tag == f"{_S}value-of":
            etree.SubElement(out, f"{{{XSL_NS}}}value-of", select=child.get("select", "."))
        elif isinstance(child.tag, str):  # emph, dir, span: their text
            _message(out, child)
        _append_text(out, child.tail)


def _append_text(out: etree._Element, text: str | None) -> None:
    if text:
        etree.SubElement(out, f"{{{XSL_NS}}}text").text = re.sub(r"\s+", " ", text)


@functools.cache
def _saxon():  # type: ignore[no-untyped-def]
    # One Saxon processor per process: SaxonC does not like being started twice.
    from saxonche import PySaxonProcessor

    return PySaxonProcessor(license=False)


@functools.cache
def _compiled(sch_path: str):  # type: ignore[no-untyped-def]
    stylesheet = compile_schematron(sch_path)
    return _saxon().new_xslt30_processor().compile_stylesheet(stylesheet_text=stylesheet)


def schematron_issues(path: str, tree: etree._ElementTree, sch_path: str | os.PathLike[str]) -> list[SchemaIssue]:
    """Run a Schematron schema over an already (safely) parsed document."""
    executable = _compiled(os.fspath(sch_path))
    text = etree.tostring(tree.getroot(), encoding="unicode")  # no DOCTYPE reaches Saxon
    node = _saxon().parse_xml(xml_text=text)
    result = etree.fromstring(executable.transform_to_string(xdm_node=node).encode("utf-8"))
    root = tree.getroot()
    issues = []
    for failure in result:
        location = failure.get("location", "")
        message = re.sub(r"\s+", " ", failure.text or "").strip() or f"assertion failed: {failure.get('test')}"
        issues.append(
            SchemaIssue(
                path,
                _line_of(root, location),
                message,
                Path(sch_path).name,
                location=f"{failure.get('pattern')}: {failure.get('rule')} at {_short_path(location)}",
            )
        )
    return issues


_STEP = re.compile(r"Q\{([^}]*)\}([^\[/]+)\[(\d+)\]")


def _line_of(root: etree._Element, location: str) -> int | None:
    """Source line of the node an XPath 3 `path()` names (attributes: their element)."""
    node: etree._Element | None = None
    for step in location.split("/")[1:]:
        match = _STEP.fullmatch(step)
        if match is None:
            break  # @attribute, text() …: stay on the element
        namespace, name, position = match.groups()
        tag = f"{{{namespace}}}{name}" if namespace else name
        if node is None:
            node = root if root.tag == tag else None
        else:
            matching = [child for child in node if child.tag == tag]
            index = int(position) - 1
            node = matching[index] if index < len(matching) else None
        if node is None:
            return None
    return node.sourceline if node is not None else None


def _short_path(location: str) -> str:
    return re.sub(r"Q\{[^}]*\}", "", location)
