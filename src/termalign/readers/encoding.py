"""Bytes → text: UTF-8 (with or without BOM), UTF-16/32 with BOM, GB18030/GBK for Chinese.

Detection is deliberately simple and predictable: a byte-order mark decides; otherwise
strict UTF-8; otherwise GB18030 (a superset of GBK and GB2312), accepted only when what
it decodes looks like Chinese text. Anything else is an `InputError` that names the file
and the byte offset of the first undecodable byte. The decoded text is returned as is
(no newline normalisation), so character offsets refer to exactly what was read.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass
from pathlib import Path

import regex

from termalign.errors import InputError

# Longest first: the UTF-32-LE mark starts with the UTF-16-LE one.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Characters a real Chinese text decoded from GB18030 consists of (besides ASCII).
_CHINESE_CHAR = regex.compile(r"[\p{Han}\p{Bopomofo}\u3000-\u303f\uff00-\uffef\u2014\u2026\u2018\u2019\u201c\u201d\u00b7]")
_MIN_CHINESE_SHARE = 0.8


@dataclass(frozen=True, slots=True)
class DecodedText:
    text: str
    encoding: str  # the codec that decoded it, e.g. "utf-8", "utf-8-sig", "gb18030"


def read_text(path: str | Path, encoding: str | None = None) -> DecodedText:
    """Read and decode a file; `encoding` forces a codec (e.g. "gbk"), None detects it."""
    name = str(path)
    try:
        data = Path(path).read_bytes()
    except IsADirectoryError:
        raise InputError(name, "is a directory, expected a text file") from None
    return decode_bytes(data, name, encoding)


def read_utf8(path: str | Path, advice: str) -> str:
    """The text of a file that must be UTF-8 (exchange files, bead files; a BOM is dropped).

    Bytes that are not UTF-8 are an `InputError` naming the line, followed by `advice`
    (what the user should do, e.g. "export the CSV as UTF-8").
    """
    name = str(path)
    try:
        data = Path(path).read_bytes()
    except IsADirectoryError:
        raise InputError(name, "is a folder, expected a file") from None
    skipped = len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0
    try:
        return data[skipped:].decode("utf-8")
    except UnicodeDecodeError as error:
        raise _decode_error(data[skipped:], name, "utf-8", error.start, skipped, advice, label="UTF-8") from None


def decode_bytes(data: bytes, path: str = "", encoding: str | None = None) -> DecodedText:
    """Decode `data` read from `path` (the name is only used in error messages)."""
    if encoding:
        return _decode_as(data, path, encoding)
    for bom, codec in _BOMS:
        if data.startswith(bom):
            text = _strict(data[len(bom) :], path, codec, skipped=len(bom))
            return DecodedText(text, f"{codec}-sig" if codec == "utf-8" else codec.rsplit("-", 1)[0])
    try:
        return DecodedText(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError as utf8_error:
        chinese = _try_gb18030(data)
        if chinese is not None:
            return DecodedText(chinese, "gb18030")
        raise _decode_error(data, path, "utf-8", utf8_error.start, 0, label="UTF-8 (nor as GB18030 Chinese text)") from None


def _decode_as(data: bytes, path: str, encoding: str) -> DecodedText:
    try:
        codec = codecs.lookup(encoding).name
    except LookupError:
        raise InputError(path, f"unknown encoding {encoding!r} (try utf-8, utf-16, gb18030, gbk)") from None
    if codec == "utf-8" and data.startswith(codecs.BOM_UTF8):
        return DecodedText(_strict(data[len(codecs.BOM_UTF8) :], path, codec, len(codecs.BOM_UTF8)), "utf-8-sig")
    if codec == "utf-16" and not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise InputError(path, "encoding utf-16 needs a byte-order mark; give utf-16-le or utf-16-be")
    return DecodedText(_strict(data, path, codec), codec)


def _strict(data: bytes, path: str, codec: str, skipped: int = 0) -> str:
    """`data` (found `skipped` bytes into the file, after a byte-order mark) decoded as `codec`."""
    try:
        return data.decode(codec)
    except UnicodeDecodeError as error:
        raise _decode_error(data, path, codec, error.start, skipped) from None


def _try_gb18030(data: bytes) -> str | None:
    """GB18030 decodes many non-Chinese byte soups too; accept it only for Chinese-looking text."""
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        return None
    non_ascii = [c for c in text if ord(c) > 0x7F]
    if not non_ascii:
        return text
    chinese = sum(1 for c in non_ascii if _CHINESE_CHAR.match(c))
    return text if chinese / len(non_ascii) >= _MIN_CHINESE_SHARE else None


_ENCODING_ADVICE = "give the right --encoding (utf-8, utf-16, gb18030, gbk)"


def _decode_error(
    data: bytes, path: str, codec: str, start: int, skipped: int, advice: str | None = None, label: str | None = None
) -> InputError:
    """The error for the undecodable bytes at `start` of `data`, which begins `skipped` bytes
    into the file (after a byte-order mark): the offset is the file's, the line the text's."""
    decoded = data[:start].decode(codec, errors="replace")  # what decoded fine, to count its lines
    line = decoded.count("\n") + 1
    sample = data[start : start + 4].hex(" ")
    return InputError(
        path,
        f"cannot decode as {label or codec}: bytes {sample} on line {line}; {advice or _ENCODING_ADVICE}",
        offset=start + skipped,
    )
