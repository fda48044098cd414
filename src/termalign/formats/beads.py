"""Bead files: one bead a line, source ids first, as in the gold alignments of Vecalign/Bertalign.

    [0, 1]:[0]        two source sentences ↔ one target sentence
    [7]:[]            a source sentence left untranslated
    []:[9]            a target sentence without source

Ids are 0-based sentence indices (`Sentence.index`; for pre-split files the line numbers).
Spaces inside the brackets are optional (`[0,1]:[0]` reads the same). A third field, a number
after another colon (`[0]:[0]:0.93`), is read as the bead's confidence, so the files Vecalign
writes (with a cost there) and our own files with `confidence=True` read back; gold files have
no third field and read with confidence 1.0.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import IO

import regex

from termalign.errors import InputError
from termalign.fileio import atomic_output
from termalign.model import Bead
from termalign.readers.encoding import read_utf8

_LINE = regex.compile(r"\s*\[([^\]]*)\]\s*:\s*\[([^\]]*)\]\s*(?::\s*(\S+)\s*)?")


def format_bead(bead: Bead, *, confidence: bool = False) -> str:
    """`[0, 1]:[0]`, with `:0.9312` appended when `confidence` is asked for."""
    text = f"[{', '.join(map(str, bead.src))}]:[{', '.join(map(str, bead.tgt))}]"
    return f"{text}:{bead.confidence:.4f}" if confidence else text


def write_beads(beads: Iterable[Bead], stream: IO[str], *, confidence: bool = False) -> int:
    """Write one bead a line to an open text stream; return how many were written."""
    count = 0
    for bead in beads:
        stream.write(format_bead(bead, confidence=confidence) + "\n")
        count += 1
    return count


def save_beads(beads: Iterable[Bead], path: str | os.PathLike[str], *, confidence: bool = False) -> int:
    """Write a bead file atomically (`-` = stdout)."""
    with atomic_output(path) as stream:
        return write_beads(beads, stream, confidence=confidence)


def parse_beads(text: str, path: str = "", *, sentences: tuple[int, int] | None = None) -> list[Bead]:
    """Read the beads of a bead file's text; blank lines are skipped.

    Raises InputError naming the line and column of the first line that is not a bead, a
    bead without any id, or an id that is not a non-negative integer — or, when the source
    and target `sentences` counts are given, an id beyond them.
    """
    src_count, tgt_count = sentences if sentences is not None else (None, None)
    beads: list[Bead] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        beads.append(_parse_line(line, path, number, src_count, tgt_count))
    return beads


def read_beads(path: str | os.PathLike[str], *, sentences: tuple[int, int] | None = None) -> list[Bead]:
    """Read a bead file (UTF-8); `sentences` as for `parse_beads`."""
    name = os.fspath(path)
    text = read_utf8(name, "expected a bead file such as '[0, 1]:[0]'")
    return parse_beads(text, name, sentences=sentences)


def _parse_line(line: str, path: str, number: int, src_count: int | None, tgt_count: int | None) -> Bead:
    match = _LINE.fullmatch(line)
    if match is None:
        raise InputError(path, f"expected a bead such as '[0, 1]:[0]', found {line.strip()[:60]!r}", line=number, column=1)
    src = _ids(match, 1, path, number, src_count, "source")
    tgt = _ids(match, 2, path, number, tgt_count, "target")
    if not src and not tgt:
        raise InputError(path, "a bead needs at least one id on one side, found '[]:[]'", line=number, column=1)
    confidence = 1.0
    if match.group(3) is not None:
        try:
            confidence = float(match.group(3))
        except ValueError:
            raise InputError(
                path, f"expected a number after the second ':', found {match.group(3)!r}", line=number, column=match.start(3) + 1
            ) from None
    return Bead(src, tgt, confidence)


def _ids(match: regex.Match[str], group: int, path: str, number: int, count: int | None, side: str) -> tuple[int, ...]:
    inside = match.group(group)
    if not inside.strip():
        return ()
    ids: list[int] = []
    offset = match.start(group)
    for part in inside.split(","):
        token = part.strip()
        column = offset + len(part) - len(part.lstrip()) + 1
        if not token.isascii() or not token.isdigit():
            raise InputError(path, f"expected a sentence id (0, 1, 2 …), found {token!r}", line=number, column=column)
        if count is not None and int(token) >= count:
            raise InputError(
                path, f"sentence id {token} is beyond the {side} text, which has {count} sentences (numbered from 0)",
                line=number, column=column,
            )
        ids.append(int(token))
        offset += len(part) + 1
    return tuple(ids)
