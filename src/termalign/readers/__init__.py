"""Readers: files → `Document` (turns ▸ paragraphs ▸ sentences).

`read_document(path)` is the one entry point: it decodes the file (see `encoding`),
detects the language when not given, picks the reader (SCIO transcript or plain text;
pre-split only when asked, since any file could be one sentence per line) and returns
the document with character offsets into `Document.text`.
"""

from __future__ import annotations

from pathlib import Path

from termalign.errors import InputError, UsageError
from termalign.model import Document, DocumentKind, Lang
from termalign.readers.build import detect_lang
from termalign.readers.encoding import read_text
from termalign.readers.plain import parse_plain
from termalign.readers.presplit import parse_presplit
from termalign.readers.scio_en import looks_like_scio_en, parse_scio_en
from termalign.readers.scio_zh import looks_like_scio_zh, parse_scio_zh

__all__ = ["read_document", "parse_text", "detect_lang"]


def read_document(
    path: str | Path,
    lang: Lang | str | None = None,
    kind: DocumentKind | str | None = None,
    encoding: str | None = None,
) -> Document:
    """Read `path` into a Document; `lang`, `kind` and `encoding` are detected when None."""
    decoded = read_text(path, encoding)
    return parse_text(decoded.text, str(path), lang=lang, kind=kind)


def parse_text(
    text: str,
    path: str = "",
    lang: Lang | str | None = None,
    kind: DocumentKind | str | None = None,
) -> Document:
    """Parse already decoded text (`path` names it in errors and in `Document.path`)."""
    if not text.strip() and kind != DocumentKind.PRESPLIT:
        raise InputError(path, "the file is empty: expected text")
    language = _language(text, lang)
    chosen = _kind(kind) or _detect_kind(text, language)
    if chosen is DocumentKind.PRESPLIT:
        return parse_presplit(text, path, language)
    if chosen is DocumentKind.TRANSCRIPT:
        return _parse_transcript(text, path, language)
    return parse_plain(text, path, language)


def _detect_kind(text: str, lang: Lang) -> DocumentKind:
    looks_like = looks_like_scio_zh(text) if lang is Lang.ZH else looks_like_scio_en(text)
    return DocumentKind.TRANSCRIPT if looks_like else DocumentKind.PLAIN


def _parse_transcript(text: str, path: str, lang: Lang) -> Document:
    document = parse_scio_zh(text, path) if lang is Lang.ZH else parse_scio_en(text, path)
    if not document.turns:
        raise InputError(path, "no speaker labels found: expected a transcript (or read it as plain text)")
    return document


def _language(text: str, lang: Lang | str | None) -> Lang:
    if lang is None:
        return detect_lang(text)
    try:
        return Lang(lang)
    except ValueError:
        raise UsageError(f"unknown language {lang!r}: expected en or zh") from None


def _kind(kind: DocumentKind | str | None) -> DocumentKind | None:
    if kind is None:
        return None
    try:
        return DocumentKind(kind)
    except ValueError:
        expected = ", ".join(k.value for k in DocumentKind)
        raise UsageError(f"unknown document kind {kind!r}: expected {expected}") from None
