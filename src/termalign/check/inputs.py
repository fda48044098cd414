"""What `termalign check` reads, turned into translation units.

- a bilingual file: TMX, XLIFF 1.2/2.x, or a table with source/target columns (`formats`);
- a source document and a target document, aligned on the fly (`readers` + `align`);
- a folder of bilingual files (read recursively; glossaries and other files are skipped);
- two folders of documents, paired by file name (language tags such as `.en`/`.zh` ignored),
  and manifests (TSV: id, source path, target path[, kind]), both exactly as `termalign
  batch` reads them (`batch.manifest`); each pair is aligned on the fly.

Every unit carries the document it came from in its `x-document` prop, so one combined
report over many files still says where each finding is.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Iterable

from termalign.errors import InputError, UsageError
from termalign.formats import content_kind, detect_format, read_units
from termalign.formats.units import PROP_DOCUMENT
from termalign.model import Lang, TranslationUnit
from termalign.progress import NO_PROGRESS, Progress
from termalign.readers import detect_lang

if TYPE_CHECKING:
    from termalign.batch.manifest import DocumentPair

# File names the folder reader considers (anything else in the folder is left alone).
BILINGUAL_SUFFIXES = (".tmx", ".xlf", ".xliff", ".sdlxliff", ".mqxliff", ".tsv", ".jsonl", ".parquet")


@dataclass(slots=True)
class CheckInput:
    units: list[TranslationUnit]
    documents: list[str]
    unmatched: list[str] = field(default_factory=list)  # folder files left without a partner


def read_bilingual(
    path: str | os.PathLike[str],
    *,
    document: str | None = None,
    src_lang: str | None = None,
    tgt_lang: str | None = None,
    progress: Progress = NO_PROGRESS,
) -> list[TranslationUnit]:
    """The units of one bilingual file, each tagged with its document.

    The document is the unit's own `x-document` prop when it has one (TMX written by
    termalign), else `document`, else the file name. Tables that carry no language columns
    default to English→Chinese; when their text says the opposite, the languages are swapped.
    """
    name = os.fspath(path)
    fmt = detect_format(name)
    units = list(read_units(name, fmt, src_lang=src_lang, tgt_lang=tgt_lang, progress=progress))
    label = document or Path(name).name
    for unit in units:
        unit.props.setdefault(PROP_DOCUMENT, label)
        if src_lang:
            unit.src_lang = src_lang
        if tgt_lang:
            unit.tgt_lang = tgt_lang
    if fmt in ("table", "omegat") and not (src_lang or tgt_lang):  # "omegat": header-less pairs
        _fix_table_direction(units)
    return units


def _fix_table_direction(units: list[TranslationUnit]) -> None:
    """Tables default to en→zh; a table whose sources are Chinese and targets are not is zh→en."""
    defaulted = [u for u in units if u.src_lang == "en-US" and u.tgt_lang == "zh-CN"]
    if not defaulted:
        return
    chinese_sources = sum(1 for u in defaulted if detect_lang(u.source) is Lang.ZH)
    chinese_targets = sum(1 for u in defaulted if u.target.strip() and detect_lang(u.target) is Lang.ZH)
    if chinese_sources > len(defaulted) / 2 and chinese_targets < len(defaulted) / 10:
        for unit in defaulted:
            unit.src_lang, unit.tgt_lang = "zh-CN", "en-US"


def bilingual_files(folder: Path) -> list[Path]:
    """The bilingual files under `folder` (recursively, sorted), glossaries and manifests left out."""
    found: list[Path] = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix.lower() in BILINGUAL_SUFFIXES):
        if path.name.startswith("."):
            continue
        try:
            if content_kind(path) == "units":
                found.append(path)
        except (InputError, UsageError):
            continue  # not a bilingual file (a manifest, a glossary, anything else)
    return found


def read_folder(
    folder: str | os.PathLike[str],
    *,
    src_lang: str | None = None,
    tgt_lang: str | None = None,
    progress: Progress = NO_PROGRESS,
) -> list[TranslationUnit]:
    """All units of the bilingual files under `folder`, each file its own document."""
    root = Path(folder)
    files = bilingual_files(root)
    if not files:
        raise InputError(
            str(root), f"no bilingual files in this folder (expected {', '.join(BILINGUAL_SUFFIXES)} with source and target)"
        )
    units: list[TranslationUnit] = []
    for path in files:
        units.extend(
            read_bilingual(path, document=path.relative_to(root).as_posix(), src_lang=src_lang, tgt_lang=tgt_lang, progress=progress)
        )
    return units


def is_manifest(path: str | os.PathLike[str]) -> bool:
    """True for a TSV whose first rows name two existing files each (id, source path, target
    path): a bilingual table's cells are sentences, not paths. Only the head of the file is read."""
    name = Path(path)
    if name.suffix.lower() not in (".tsv", ".txt", ".tab"):
        return False
    try:
        rows = _head_rows(name, _MANIFEST_PROBE)
    except (OSError, UnicodeDecodeError):
        return False
    data = rows[1:] if rows and not _names_files(name, rows[0]) else rows  # a header row
    return bool(data) and all(_names_files(name, row) for row in data)


_MANIFEST_PROBE = 5  # rows looked at


def _head_rows(path: Path, count: int) -> list[list[str]]:
    rows: list[list[str]] = []
    with open(path, encoding="utf-8-sig") as handle:
        for line in handle:
            if line.strip() and not line.startswith("#"):
                rows.append(line.rstrip("\r\n").split("\t"))
                if len(rows) == count:
                    break
    return rows


def _names_files(manifest: Path, row: list[str]) -> bool:
    return len(row) >= 3 and all((manifest.parent / cell.strip()).is_file() for cell in row[1:3])


def documents_of(units: Iterable[TranslationUnit]) -> list[str]:
    return list(dict.fromkeys(u.props.get(PROP_DOCUMENT, "") for u in units if u.props.get(PROP_DOCUMENT)))


def align_pair(pair: DocumentPair, *, fast: bool = False, progress: Progress = NO_PROGRESS) -> list[TranslationUnit]:
    """Read and align one document pair; one unit per bead, 1-0 and 0-1 beads included (an
    omitted or added sentence is what a check must see)."""
    # Imported here: the aligner loads the sentence encoder, which bilingual-file checks never need.
    from termalign.align import align_documents
    from termalign.formats.units import alignment_units
    from termalign.readers import read_document

    # A manifest's second column is the source, its third the target (`batch` names them en, zh).
    source = read_document(pair.en, kind=pair.kind)
    target = read_document(pair.zh, kind=pair.kind)
    if source.lang == target.lang:
        raise InputError(str(pair.zh), f"is in the same language ({source.lang}) as {pair.en}: expected a translation")
    alignment = align_documents(source, target, fast=fast, progress=progress)
    units = list(alignment_units(alignment, include_null=True))
    for unit in units:
        unit.props[PROP_DOCUMENT] = pair.id
    return units


def load_inputs(
    bilingual: str | os.PathLike[str] | None,
    source: str | os.PathLike[str] | None = None,
    target: str | os.PathLike[str] | None = None,
    *,
    src_lang: str | None = None,
    tgt_lang: str | None = None,
    fast: bool = False,
    progress: Progress = NO_PROGRESS,
) -> CheckInput:
    """Units from whichever input was given: a bilingual file, a folder of them, a manifest,
    or `source` + `target` (two documents, or two folders of documents paired by name)."""
    if bilingual is not None and (source is not None or target is not None):
        raise UsageError("give either a bilingual file/folder/manifest or --source and --target, not both")
    if bilingual is None:
        if source is None or target is None:
            raise UsageError("nothing to check: give a bilingual file, a folder or a manifest, or both --source and --target")
        return _load_documents(Path(source), Path(target), fast=fast, progress=progress)
    path = Path(bilingual)
    if path.is_dir():
        units = read_folder(path, src_lang=src_lang, tgt_lang=tgt_lang, progress=progress)
        return CheckInput(units, documents_of(units))
    if not path.exists():
        raise InputError(str(path), "no such file or folder")
    if is_manifest(path):
        from termalign.batch.manifest import read_manifest  # the batch package loads Dask: only when needed

        units = _align_all(read_manifest(path).pairs, fast=fast, progress=progress)
        return CheckInput(units, documents_of(units))
    units = read_bilingual(path, src_lang=src_lang, tgt_lang=tgt_lang, progress=progress)
    return CheckInput(units, documents_of(units))


def _load_documents(source: Path, target: Path, *, fast: bool, progress: Progress) -> CheckInput:
    if source.is_dir() != target.is_dir():
        raise UsageError("--source and --target must both be files or both be folders")
    from termalign.batch.manifest import DocumentPair, pair_folders  # the batch package loads Dask

    if source.is_dir():
        manifest = pair_folders(source, target)
        pairs, unmatched = manifest.pairs, [str(p) for p in manifest.unmatched]
    else:
        for path in (source, target):
            if not path.is_file():
                raise InputError(str(path), "no such file")
        pairs, unmatched = [DocumentPair(source.name, source, target)], []
    units = _align_all(pairs, fast=fast, progress=progress)
    return CheckInput(units, documents_of(units), unmatched)


def _align_all(pairs: list[DocumentPair], *, fast: bool, progress: Progress) -> list[TranslationUnit]:
    units: list[TranslationUnit] = []
    for pair in pairs:
        units.extend(align_pair(pair, fast=fast, progress=progress))
    return units
