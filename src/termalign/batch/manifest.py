"""Which document pairs a batch aligns: a manifest file, or two folders matched by file name.

A manifest is a TSV file, one pair a line: ``id``, English path, Chinese path, and optionally the
document kind (``transcript``, ``plain`` or ``presplit``; detected when absent). Paths are relative
to the manifest's folder, and made absolute so that workers on other machines see the same ones.
A first line ``id	en	zh[	kind]`` is a header; blank lines and lines starting with ``#`` are
skipped::

    # id	en	zh	kind
    miit-2023	scio/2023-01-18.en.txt	scio/2023-01-18.zh.txt
    mac-001	mac-dev/en/001.en	mac-dev/zh/001.zh	presplit

Two folders are paired by file name, with the language tag and text extension taken off
(``001.en`` ↔ ``001.zh``, ``2023/01-18.en.txt`` ↔ ``2023/01-18.zh.txt``, ``a.txt`` ↔ ``a.txt``);
sub-folders count as part of the name. Files without a counterpart are reported, not paired.

Pairs are always returned sorted by id: that order makes the merged outputs of a batch the
same whatever the engine or the number of workers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

import regex

from termalign.errors import InputError, UsageError
from termalign.model import DocumentKind

MANIFEST_COLUMNS = ("id", "en", "zh", "kind")
_TEXT_EXTENSION = regex.compile(r"\.(?:txt|text)$", regex.IGNORECASE)
_LANG_TAG = regex.compile(
    r"[._-](?:en|eng|english|zh|zho|chi|chinese|cn|chs|cht|zh[-_](?:cn|tw|hk|hans|hant))$", regex.IGNORECASE
)


@dataclass(frozen=True, slots=True)
class DocumentPair:
    """One English document and its Chinese counterpart; `kind` None means detect it."""

    id: str
    en: Path
    zh: Path
    kind: DocumentKind | None = None


@dataclass(slots=True)
class Manifest:
    pairs: list[DocumentPair]  # sorted by id
    source: str  # the manifest file, or "EN_DIR + ZH_DIR"
    unmatched: list[Path] = field(default_factory=list)  # folder mode: files without a counterpart


def load_pairs(sources: Sequence[str | Path], kind: DocumentKind | None = None) -> Manifest:
    """A manifest file, or two folders (English, Chinese). `kind` applies where the manifest names none."""
    paths = [Path(s) for s in sources]
    if len(paths) == 1:
        if paths[0].is_dir():
            raise UsageError(f"{paths[0]} is a folder: give a manifest file, or two folders (English, then Chinese)")
        return read_manifest(paths[0], kind=kind)
    if len(paths) == 2:
        return pair_folders(paths[0], paths[1], kind=kind)
    raise UsageError(f"expected a manifest file or two folders (English, Chinese), got {len(paths)} paths")


def read_manifest(path: str | Path, kind: DocumentKind | None = None) -> Manifest:
    """Read a manifest TSV (see the module docstring); errors name the line."""
    manifest = Path(path)
    try:
        text = manifest.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputError(str(manifest), "no such file: expected a manifest (TSV: id, English path, Chinese path)") from None
    except UnicodeDecodeError as error:
        raise InputError(str(manifest), "not UTF-8 text: expected a manifest TSV", offset=error.start) from None
    except IsADirectoryError:
        raise InputError(str(manifest), "is a folder: expected a manifest file") from None
    base = manifest.absolute().parent  # absolute: workers elsewhere (Dask) do not share our working folder
    pairs: list[DocumentPair] = []
    first_line: dict[str, int] = {}
    header_allowed = True
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cells = [cell.strip() for cell in line.split("\t")]
        if header_allowed and [c.lower() for c in cells] == list(MANIFEST_COLUMNS[: len(cells)]) and len(cells) >= 3:
            header_allowed = False
            continue
        header_allowed = False
        pair = _manifest_pair(cells, base, str(manifest), number, kind)
        if pair.id in first_line:
            raise InputError(str(manifest), f"id {pair.id!r} is already used on line {first_line[pair.id]}", line=number)
        first_line[pair.id] = number
        pairs.append(pair)
    if not pairs:
        raise InputError(str(manifest), "no pairs: expected lines of id, English path, Chinese path (tab-separated)")
    return Manifest(sorted(pairs, key=lambda p: p.id), str(manifest))


def _manifest_pair(cells: list[str], base: Path, path: str, line: int, kind: DocumentKind | None) -> DocumentPair:
    if len(cells) not in (3, 4):
        raise InputError(path, f"{len(cells)} column(s): expected 3 or 4 tab-separated columns (id, en, zh[, kind])", line=line)
    pair_id, en, zh = cells[:3]
    for name, value in (("id", pair_id), ("en", en), ("zh", zh)):
        if not value:
            raise InputError(path, f"empty {name} column", line=line)
    if len(cells) == 4 and cells[3]:
        try:
            kind = DocumentKind(cells[3].lower())
        except ValueError:
            expected = ", ".join(k.value for k in DocumentKind)
            raise InputError(path, f"unknown kind {cells[3]!r}: expected {expected}", line=line, column=4) from None
    return DocumentPair(pair_id, base / en, base / zh, kind)


def pair_key(relative: str) -> str:
    """The name two counterparts share: the path without its text extension and language tag."""
    return _LANG_TAG.sub("", _TEXT_EXTENSION.sub("", relative))


def pair_folders(en_dir: str | Path, zh_dir: str | Path, kind: DocumentKind | None = None) -> Manifest:
    """Pair the files of two folders (sub-folders included) by `pair_key`; report the rest."""
    en_files = _keyed_files(Path(en_dir).absolute())
    zh_files = _keyed_files(Path(zh_dir).absolute())
    pairs = [DocumentPair(key, en_files[key], zh_files[key], kind) for key in sorted(en_files.keys() & zh_files.keys())]
    unmatched = sorted(
        [en_files[k] for k in en_files.keys() - zh_files.keys()] + [zh_files[k] for k in zh_files.keys() - en_files.keys()]
    )
    if not pairs:
        raise InputError(f"{en_dir} + {zh_dir}", "no file has a counterpart of the same name in the other folder")
    return Manifest(pairs, f"{en_dir} + {zh_dir}", unmatched)


def _keyed_files(folder: Path) -> dict[str, Path]:
    if not folder.is_dir():
        raise InputError(str(folder), "not a folder: expected a folder of text files")
    keyed: dict[str, Path] = {}
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder)
        if not path.is_file() or any(part.startswith(".") for part in relative.parts):
            continue
        key = pair_key(relative.as_posix())
        if key in keyed:
            raise InputError(str(path), f"same name as {keyed[key]} once the language tag is taken off: cannot tell which to pair")
        keyed[key] = path
    return keyed
