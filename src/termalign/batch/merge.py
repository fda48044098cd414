"""Merging the per-pair parts into the corpus outputs, in pair-id order.

- ``beads.parquet``: every pair's bead table one after the other (streamed by polars, never all
  in memory), with the ``pair`` column first;
- ``memory.tmx``: one TMX streamed from the bead tables, a partition at a time (null beads left
  out, as in `formats.units`), unit ids prefixed with the pair id so they stay unique;
- ``glossary.tsv``: the pairs' glossaries merged into one (`terms.merge_glossaries`: entries naming
  the same term join, frequencies add up across documents, contexts and sources are united).

The order is the sorted pair ids and nothing else, so the outputs are byte for byte the same
whatever engine or number of workers made the parts.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from termalign.batch.tasks import part_paths
from termalign.fileio import atomic_path
from termalign.formats import units as u
from termalign.formats.tables import BEAD_SCHEMA, read_frame, write_glossary_table, glossary_from_frame
from termalign.formats.tmx import write_tmx
from termalign.model import Glossary, TranslationUnit
from termalign.progress import NO_PROGRESS, Progress
from termalign.terms import merge_glossaries

BEADS_FILE = "beads.parquet"
TMX_FILE = "memory.tmx"
GLOSSARY_FILE = "glossary.tsv"
PROP_PAIR = "x-pair"  # the batch pair id, beside the props of `formats.units`
MERGED_BEAD_SCHEMA: dict[str, type[pl.DataType]] = {"pair": pl.String, **BEAD_SCHEMA}


@dataclass(frozen=True, slots=True)
class MergedCounts:
    bead_rows: int
    translation_units: int
    terms: int


def merge_parts(pair_ids: Sequence[str], parts_dir: Path, outdir: Path, *, progress: Progress = NO_PROGRESS) -> MergedCounts:
    """Merge the parts of `pair_ids` (complete pairs) into the three corpus outputs in `outdir`."""
    ids = sorted(pair_ids)
    bead_parts = [part_paths(parts_dir, pair_id).beads for pair_id in ids]
    rows = merge_bead_tables(bead_parts, outdir / BEADS_FILE)
    units = write_tmx(_corpus_units(bead_parts), outdir / TMX_FILE, progress=progress)
    glossary = merge_glossaries(_glossaries([part_paths(parts_dir, pair_id).glossary for pair_id in ids]))
    glossary.name = "corpus"
    terms = write_glossary_table(glossary, outdir / GLOSSARY_FILE)
    return MergedCounts(rows, units, terms)


def merge_bead_tables(parts: Sequence[Path], target: Path) -> int:
    """Concatenate the bead partitions, in the order given, into one Parquet file; return its rows."""
    with atomic_path(target) as tmp:
        if parts:
            pl.scan_parquet(list(parts)).sink_parquet(tmp)
        else:
            pl.DataFrame(schema=MERGED_BEAD_SCHEMA).write_parquet(tmp)
    return pl.scan_parquet(target).select(pl.len()).collect().item()


def _corpus_units(parts: Sequence[Path]) -> Iterator[TranslationUnit]:
    for part in parts:
        yield from bead_table_units(pl.read_parquet(part))


def bead_table_units(frame: pl.DataFrame) -> Iterator[TranslationUnit]:
    """Translation units from a merged bead table (one partition or more), with the place
    props of `formats.units` and the pair id; null beads are left out."""
    for row in frame.iter_rows(named=True):
        if not row["src_indices"] or not row["tgt_indices"]:
            continue
        props = {PROP_PAIR: row["pair"], u.PROP_DOCUMENT: row["document"], u.PROP_TARGET_DOCUMENT: row["tgt_document"]}
        for key, column in (
            (u.PROP_SPEAKER, "speaker"),
            (u.PROP_ROLE, "role"),
            (u.PROP_TURN, "turn"),
            (u.PROP_PARAGRAPH, "paragraph"),
            (u.PROP_TARGET_PARAGRAPH, "tgt_paragraph"),
        ):
            if row[column]:
                props[key] = row[column]
        props[u.PROP_BEAD] = row["kind"]
        props[u.PROP_CONFIDENCE] = f"{row['confidence']:.4f}"
        yield TranslationUnit(
            id=f"{row['pair']}:{row['src_ids'].replace(' ', '+')}",
            source=row["src_text"],
            target=row["tgt_text"],
            props=props,
        )


def _glossaries(parts: Sequence[Path]) -> Iterator[Glossary]:
    for part in parts:
        yield glossary_from_frame(read_frame(part, "parquet"), str(part), name=part.name)
