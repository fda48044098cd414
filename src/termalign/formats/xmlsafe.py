"""One hardened way to read XML, and the text rules every XML writer follows.

Every XML reader in termalign (TMX, TBX, XLIFF, validation) parses through `iterparse_safe`
or `parse_safe`. Both use `safe_parser_options()`: no entity substitution, no network, no DTD
loading, no huge-tree mode. On top of that, a DOCTYPE is inspected before any content is read:

- entity declarations (general or parameter, internal or external) are refused: they are the
  vehicle of external-entity (XXE) reads and of entity-expansion ("billion laughs") attacks, and
  exchange files never need them;
- a DOCTYPE whose system identifier is a URL (``http://…``, ``file://…``) is refused: termalign
  never fetches a DTD. A bare file name (``<!DOCTYPE tmx SYSTEM "tmx14.dtd">``, as CAT tools
  write) is accepted and never opened.

Syntax errors become `InputError`s naming file, line and column.

Writing: XML 1.0 cannot carry C0 control characters other than tab, LF and CR, lone surrogates,
or U+FFFE/U+FFFF. termalign *refuses* such text with `UnrepresentableTextError` (naming the
unit, the field, the position and the code point) instead of dropping or inventing an escape
that CAT tools would show as literal text. CR is written as ``&#13;`` so that it survives the
XML parser's line-end normalisation: every allowed string round-trips exactly.
"""

from __future__ import annotations

import os
import re
import unicodedata
from typing import Iterator

from lxml import etree

from termalign.errors import InputError, TermalignError

# XML 1.0 `Char` production, negated: what no XML 1.0 document can contain.
FORBIDDEN_XML_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# Anything that needs escaping or refusing in element content / attribute values.
_TEXT_SPECIAL = re.compile("[&<>\r\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_ATTR_SPECIAL = re.compile('[&<>"\r\n\t\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]')
# A system identifier with a URL scheme (http:, https:, file:, ftp:, …) points outside the file.
_URL_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")

XML_NS = "http://www.w3.org/XML/1998/namespace"
XML_LANG = f"{{{XML_NS}}}lang"


class UnrepresentableTextError(TermalignError):
    """Text that XML 1.0 (or a tab-separated format) cannot carry; raised by writers."""


def safe_parser_options() -> dict[str, bool]:
    """The parser settings every termalign XML reader uses (also valid for `iterparse`)."""
    return {
        "resolve_entities": False,
        "no_network": True,
        "load_dtd": False,
        "dtd_validation": False,
        "huge_tree": False,
    }


def safe_parser() -> etree.XMLParser:
    """A fresh hardened parser (parsers are not thread-safe, so never share one)."""
    return etree.XMLParser(**safe_parser_options())


def describe_char(char: str) -> str:
    """'U+000C (FORM FEED)' — how errors name a character."""
    code = ord(char)
    if 0xD800 <= code <= 0xDFFF:
        name = "lone surrogate"
    else:
        name = unicodedata.name(char, "") or _CONTROL_NAMES.get(code, "control character")
    return f"U+{code:04X} ({name})"


_CONTROL_NAMES = {0x00: "NULL", 0x0B: "LINE TABULATION", 0x0C: "FORM FEED", 0x1B: "ESCAPE", 0xFFFE: "noncharacter", 0xFFFF: "noncharacter"}


def check_xml_text(text: str, where: str) -> None:
    """Raise `UnrepresentableTextError` if `text` has a character XML 1.0 forbids."""
    bad = FORBIDDEN_XML_CHARS.search(text)
    if bad is not None:
        raise UnrepresentableTextError(
            f"{where}: {describe_char(bad.group())} at character {bad.start() + 1} cannot be written to XML 1.0 "
            "(control characters other than tab/newline, lone surrogates and U+FFFE/U+FFFF are not allowed); "
            "remove it from the input"
        )


def needs_escaping_text(text: str) -> bool:
    """True if element content has a character to escape (&, <, >, CR) or to refuse."""
    return _TEXT_SPECIAL.search(text) is not None


def needs_escaping_attr(text: str) -> bool:
    """True if an attribute value has a character to escape (also ", tab, LF) or to refuse."""
    return _ATTR_SPECIAL.search(text) is not None


def escape_text(text: str, where: str) -> str:
    """Element content, escaped; CR kept as a character reference so it survives parsing."""
    if _TEXT_SPECIAL.search(text) is None:
        return text
    check_xml_text(text, where)
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")


def escape_attr(text: str, where: str) -> str:
    """An attribute value for double quotes; tab/LF/CR as references so normalisation keeps them."""
    if _ATTR_SPECIAL.search(text) is None:
        return text
    check_xml_text(text, where)
    return (
        text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("\r", "&#13;")
        .replace("\n", "&#10;")
        .replace("\t", "&#9;")
    )


def syntax_error(path: str, error: etree.XMLSyntaxError) -> InputError:
    """An lxml syntax error as an InputError with file, line and column (both 1-based)."""
    message = (error.msg or str(error)).strip()
    # libxml2 appends ", line N, column M"; the InputError places that in front already.
    message = re.sub(r",?\s*(\([^()]*)?line \d+, column \d+\)?$", "", message)
    line, column = error.position if error.position != (0, 0) else (None, None)
    if message == "no element found":
        message = "no XML element found (is the file empty?)"
        line, column = 1, 1
    return InputError(path, f"not well-formed XML: {message}", line=line, column=column)


def _doctype_line(path: str) -> int | None:
    """1-based line of the DOCTYPE declaration, for error messages (best effort, UTF-8/16)."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(1 << 16)
    except OSError:
        return None
    for encoding in ("utf-16", "utf-8") if head[:2] in (b"\xff\xfe", b"\xfe\xff") else ("utf-8",):
        text = head.decode(encoding, errors="replace")
        at = text.find("<!DOCTYPE")
        if at >= 0:
            return text.count("\n", 0, at) + 1
    return None


def check_doctype(path: str, tree: etree._ElementTree) -> None:
    """Refuse entity declarations and DTDs that point outside the file (see module doc)."""
    info = tree.docinfo
    dtd = info.internalDTD
    if dtd is not None:
        names = [entity.name for entity in dtd.iterentities()]
        if names:
            raise _entities_refused(path, names)
    system_url = info.system_url or ""
    if _URL_SCHEME.match(system_url) and not re.match(r"^[A-Za-z]:[\\/]", system_url):
        raise InputError(
            path,
            f"the DOCTYPE points to an external DTD ({system_url}); termalign never fetches DTDs: "
            "remove the DOCTYPE or name a local file (e.g. SYSTEM \"tmx14.dtd\")",
            line=_doctype_line(path),
        )


def _entities_refused(path: str, names: list[str]) -> InputError:
    return InputError(
        path,
        f"the DOCTYPE declares entities ({', '.join(names[:5])}{', …' if len(names) > 5 else ''}); "
        "termalign refuses entity declarations, which carry external-entity (XXE) and "
        "entity-expansion ('billion laughs') attacks: export the file without a DTD subset",
        line=_doctype_line(path),
    )


_ENTITY_DECLARATION = re.compile(r"<!ENTITY\s+(?:%\s+)?([^\s>]+)")


def _declared_entities(path: str) -> list[str]:
    """Entity names declared in the file's head, read as text (best effort, UTF-8/16): for when
    libxml2 refuses an expansion itself before the DOCTYPE can be looked at."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(1 << 16)
    except OSError:
        return []
    encoding = "utf-16" if head[:2] in (b"\xff\xfe", b"\xfe\xff") else "utf-8"
    return _ENTITY_DECLARATION.findall(head.decode(encoding, errors="replace"))


def root_name(path: str | os.PathLike[str]) -> str:
    """The local name of the document's root element (reads only up to it; DOCTYPE checked)."""
    return _precheck(os.fspath(path), ())


def _precheck(path: str, expect_root: tuple[str, ...]) -> str:
    """Read up to the first element: check the DOCTYPE and the root element before any content."""
    if not os.path.isfile(path):
        raise InputError(path, "no such file" if not os.path.exists(path) else "not a file")
    try:
        for _event, element in etree.iterparse(path, events=("start",), **safe_parser_options()):
            check_doctype(path, element.getroottree())
            name = local_name(element)
            if expect_root and name not in expect_root:
                wanted = " or ".join(f"<{root}>" for root in expect_root)
                raise InputError(
                    path, f"expected {wanted} as the root element, found <{name}>", line=element.sourceline
                )
            return name
    except etree.XMLSyntaxError as error:
        # libxml2 2.14 and later refuse a billion-laughs expansion while reading the DOCTYPE,
        # before the check above sees it: give the same refusal, naming what was declared
        declared = _declared_entities(path)
        if declared:
            raise _entities_refused(path, declared) from None
        if error.position == (0, 0):
            _raise_located_error(path)
        raise syntax_error(path, error) from None
    raise InputError(path, "no XML element found (is the file empty?)", line=1, column=1)


def iterparse_safe(
    path: str | os.PathLike[str],
    *,
    events: tuple[str, ...] = ("end",),
    tag: str | tuple[str, ...] | None = None,
    expect_root: tuple[str, ...] = (),
) -> Iterator[tuple[str, etree._Element]]:
    """`lxml.etree.iterparse` with the hardened options, after the DOCTYPE (and root) check.

    Yields (event, element) like iterparse; the caller `release`s each element it is done with
    to keep memory flat.
    `expect_root` names the accepted root elements (local names); empty accepts any.
    """
    name = os.fspath(path)
    _precheck(name, expect_root)
    parser = etree.iterparse(name, events=events, tag=tag, **safe_parser_options())
    seen = 0
    try:
        for item in parser:
            if parser.error_log:  # cheap when empty, which it nearly always is
                seen = _check_log(name, parser.error_log, seen)
            yield item
        seen = _check_log(name, parser.error_log, seen)
    except etree.XMLSyntaxError as error:
        if error.position == (0, 0):
            # With resolve_entities=False, iterparse reports some errors (an undefined entity)
            # as a bare "no element found"; a whole-document parse names the place.
            _raise_located_error(name)
        raise syntax_error(name, error) from None


def release(element: etree._Element) -> None:
    """Free a finished element of a streamed parse, and the siblings before it: flat memory."""
    element.clear(keep_tail=False)
    parent = element.getparent()
    if parent is not None:
        while element.getprevious() is not None:
            del parent[0]


def _raise_located_error(path: str) -> None:
    try:
        etree.parse(path, safe_parser())
    except etree.XMLSyntaxError as error:
        raise syntax_error(path, error) from None


def parse_safe(path: str | os.PathLike[str], expect_root: tuple[str, ...] = ()) -> etree._ElementTree:
    """The whole document as a tree, parsed with the hardened options (for small files: TBX, XLIFF)."""
    name = os.fspath(path)
    _precheck(name, expect_root)
    parser = safe_parser()
    try:
        tree = etree.parse(name, parser)
    except etree.XMLSyntaxError as error:
        raise syntax_error(name, error) from None
    _check_log(name, parser.error_log, 0)
    return tree


def _check_log(path: str, log: etree._ListErrorLog, seen: int) -> int:
    """Refuse references to undeclared entities, which libxml2 only warns about when a DOCTYPE
    names an external DTD (that we never load): they would otherwise vanish from the text."""
    entries = list(log)
    for entry in entries[seen:]:
        if entry.type == etree.ErrorTypes.WAR_UNDECLARED_ENTITY:
            raise InputError(
                path,
                f"{entry.message.strip()}: termalign reads no DTD, so only &amp; &lt; &gt; &quot; &apos; "
                "and character references (&#x4E2D;) can be used",
                line=entry.line or None,
                column=entry.column or None,
            )
    return len(entries)


def local_name(element: etree._Element) -> str:
    """The tag without its namespace ('' for comments and processing instructions)."""
    tag = element.tag
    if not isinstance(tag, str):
        return ""
    return tag.rpartition("}")[2]
