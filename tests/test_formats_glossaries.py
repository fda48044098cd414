"""Glossary files for CAT tools (OmegaT, memoQ/MultiTerm CSV, Phrase XLSX) and our glossary table."""

from __future__ import annotations

import csv
import dataclasses
from pathlib import Path

import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from conftest import GLOSSARIES
from formats_corpus import seed_alignment, seed_glossary
from termalign.errors import InputError
from termalign.formats import read_glossary
from termalign.formats.csv_glossary import read_csv_glossary, write_csv_glossary
from termalign.formats.omegat import read_omegat_glossary, write_omegat_glossary
from termalign.formats.tables import (
    GLOSSARY_SCHEMA,
    beads_frame,
    glossary_frame,
    glossary_from_frame,
    read_frame,
    read_glossary_table,
    write_glossary_table,
)
from termalign.formats.xlsx import read_xlsx_glossary, write_xlsx_glossary
from termalign.formats.xmlsafe import UnrepresentableTextError
from termalign.model import (
    Glossary,
    GlossaryEntry,
    Lang,
    TermCategory,
    TermContext,
    TermStatus,
    TranslationCandidate,
)


def _carried(entry: GlossaryEntry) -> GlossaryEntry:
    """What the CAT-tool spreadsheets carry: no contexts, sources or candidates."""
    return dataclasses.replace(entry, contexts=[], sources=[], zh_candidates=[])


# --- OmegaT ---------------------------------------------------------------------------------


def test_omegat_glossary_lines(tmp_path: Path) -> None:
    path = tmp_path / "miit.utf8"
    lines = write_omegat_glossary(seed_glossary(), path)
    text = path.read_bytes().decode("utf-8")
    rows = [line.split("\t") for line in text.splitlines()]
    assert lines == len(rows) == 10  # T0007 has no Chinese term: nothing for OmegaT to show
    assert not text.startswith("\ufeff") and text.endswith("\n")
    assert rows[0] == [
        "Ministry of Industry and Information Technology",
        "工业和信息化部",
        "institution; do not use: 工业信息化部; ministry; 工信部 in headlines only",
    ]
    assert ["Ministry of Industry and Information Technology", "工信部", "admitted variant"] in rows
    assert ["MIIT", "工业和信息化部", "variant of Ministry of Industry and Information Technology"] in rows
    assert ["added value", "增加值", "domain; candidate"] in rows
    assert all("工业信息化部" != row[1] for row in rows)  # deprecated renderings are never offered


def test_omegat_glossary_reads_back_grouped_by_source_term(tmp_path: Path) -> None:
    path = tmp_path / "miit.utf8"
    write_omegat_glossary(seed_glossary(), path)
    back = {e.en: e for e in read_omegat_glossary(path).entries}
    ministry = back["Ministry of Industry and Information Technology"]
    assert (ministry.zh, ministry.zh_variants, ministry.en_variants) == ("工业和信息化部", ["工信部"], ["MIIT"])
    # "variant of …" lines join their entry instead of standing as terms of their own
    assert "SCIO" not in back and back["State Council Information Office"].en_variants == ["SCIO"]
    assert back["Tian Yulong"].status == TermStatus.APPROVED


def test_omegat_comment_marks_read_back_what_the_writer_put_in(tmp_path: Path) -> None:
    # The reviewed glossary of the bundled corpus as OmegaT lines: statuses, deprecated
    # renderings and categories live in the comments; read back, the entries are the table's.
    table = read_glossary(GLOSSARIES / "scio-2023-01-18-miit.glossary.tsv")
    path = tmp_path / "reviewed.txt"  # a user's name for it: .txt, detected as OmegaT
    path.write_bytes((GLOSSARIES / "scio-2023-01-18-miit.glossary.utf8").read_bytes())
    back = {e.en: e for e in read_glossary(path).entries}
    fields = ("en_variants", "zh", "zh_variants", "zh_deprecated", "status", "category", "note")
    for entry in table.entries:
        assert [getattr(back[entry.en], f) for f in fields] == [getattr(entry, f) for f in fields], entry.en
    assert back["industrial sector"].status is TermStatus.DEPRECATED  # a rejected pairing, not enforced
    assert back["telecom services"].status is TermStatus.CANDIDATE


def test_omegat_deprecated_mark_on_a_later_line_forbids_that_rendering(tmp_path: Path) -> None:
    path = tmp_path / "hand.txt"
    path.write_text("MIIT\t工业和信息化部\nMIIT\t工业与信息化部\tdeprecated\nSMEs\t中小企业\tdo not use: 中小型企业、中小企\n", encoding="utf-8")
    miit, smes = read_omegat_glossary(path).entries
    assert (miit.status, miit.zh, miit.zh_variants, miit.zh_deprecated) == (TermStatus.APPROVED, "工业和信息化部", [], ["工业与信息化部"])
    assert smes.zh_deprecated == ["中小型企业", "中小企"]


def test_omegat_reader_skips_what_omegat_skips(tmp_path: Path) -> None:
    path = tmp_path / "hand.txt"
    path.write_text("\ufeff# my glossary\n工信部 is not a source\nMIIT\t工信部\tshort form\n\nMIIT\t工业和信息化部\n", encoding="utf-8")
    (entry,) = read_omegat_glossary(path).entries
    assert (entry.en, entry.zh, entry.zh_variants, entry.note) == ("MIIT", "工信部", ["工业和信息化部"], "short form")


def test_omegat_writer_refuses_terms_a_line_cannot_hold(tmp_path: Path) -> None:
    for bad in ("tab\tinside", "#hashtag"):
        with pytest.raises(UnrepresentableTextError):
            write_omegat_glossary(Glossary(entries=[GlossaryEntry(id="T1", en=bad, zh="术语")]), tmp_path / "x.utf8")
    assert not (tmp_path / "x.utf8").exists()
    # Notes are for display: line breaks in them become spaces.
    path = tmp_path / "note.utf8"
    write_omegat_glossary(Glossary(entries=[GlossaryEntry(id="T1", en="MIIT", zh="工信部", note="line one\nline two", status=TermStatus.APPROVED)]), path)
    assert path.read_text(encoding="utf-8") == "MIIT\t工信部\tdomain; line one line two\n"


# --- memoQ / MultiTerm CSV --------------------------------------------------------------------


def test_csv_has_language_code_headers_and_round_trips(tmp_path: Path) -> None:
    path = tmp_path / "terms.csv"
    assert write_csv_glossary(seed_glossary(), path) == 7
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM: Excel and memoQ detect UTF-8
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == ["ID", "en-US", "en-US_Variants", "zh-CN", "zh-CN_Variants", "zh-CN_Forbidden", "Subject", "Status", "Note"]
    assert rows[1][:7] == ["T0001", "Ministry of Industry and Information Technology", "MIIT", "工业和信息化部", "工信部", "工业信息化部", "institution"]
    back = read_csv_glossary(path)
    assert back.entries == [_carried(e) for e in seed_glossary().entries]


def test_csv_reader_accepts_other_language_headers_and_separators(tmp_path: Path) -> None:
    path = tmp_path / "memoq.csv"
    path.write_text("en;zh_cn;Note\nadded value;增加值;GDP statistics\nMIIT;工信部;\n", encoding="utf-8")
    entries = read_csv_glossary(path).entries
    assert [(e.en, e.zh, e.note, e.status) for e in entries] == [
        ("added value", "增加值", "GDP statistics", TermStatus.APPROVED),
        ("MIIT", "工信部", "", TermStatus.APPROVED),
    ]
    no_langs = tmp_path / "plain.csv"
    no_langs.write_text("source,target\nMIIT,工信部\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"plain\.csv:1: header .* names fewer than two languages"):
        read_csv_glossary(no_langs)


def test_csv_refuses_terms_with_the_list_separator(tmp_path: Path) -> None:
    glossary = Glossary(entries=[GlossaryEntry(id="T1", en="MIIT", zh="工信部", zh_variants=["a;b"])])
    with pytest.raises(UnrepresentableTextError, match="list separator"):
        write_csv_glossary(glossary, tmp_path / "x.csv")


# --- Phrase XLSX -------------------------------------------------------------------------------


def test_xlsx_one_row_per_term_grouped_by_concept(tmp_path: Path) -> None:
    path = tmp_path / "terms.xlsx"
    assert write_xlsx_glossary(seed_glossary(), path) == 7
    sheet = load_workbook(path).active
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert rows[0][:7] == ["Concept ID", "Domain", "Concept note", "en-US", "en-US_Status", "en-US_Forbidden", "en-US_Note"]
    ministry = [r for r in rows if r[0] == "T0001"]
    assert [(r[3], r[7], r[9]) for r in ministry] == [
        ("Ministry of Industry and Information Technology", "工业和信息化部", False),
        ("MIIT", None, None),
        (None, "工信部", False),
        (None, "工业信息化部", True),  # forbidden: a real Excel boolean
    ]
    assert read_xlsx_glossary(path).entries == [_carried(e) for e in seed_glossary().entries]


def test_xlsx_refuses_control_characters(tmp_path: Path) -> None:
    glossary = Glossary(entries=[GlossaryEntry(id="T1", en="MIIT", zh="工信\x0b部")])
    with pytest.raises(UnrepresentableTextError, match=r"U\+000B"):
        write_xlsx_glossary(glossary, tmp_path / "x.xlsx")
    assert list(tmp_path.iterdir()) == []


# --- our glossary table ------------------------------------------------------------------------

TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=20)
ITEM = st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=12).map(str.strip).filter(lambda s: s and "|" not in s)
entries = st.builds(
    GlossaryEntry,
    id=TEXT,
    en=TEXT,
    zh=TEXT,
    en_variants=st.lists(ITEM, max_size=3),
    en_related=st.lists(ITEM, max_size=2),
    zh_variants=st.lists(ITEM, max_size=3),
    zh_deprecated=st.lists(ITEM, max_size=2),
    category=st.sampled_from(TermCategory),
    freq_en=st.integers(0, 10**9),
    freq_zh=st.integers(0, 10**9),
    score=st.floats(allow_nan=False, allow_infinity=False),
    status=st.sampled_from(TermStatus),
    contexts=st.lists(st.builds(TermContext, segment_id=TEXT, text=TEXT, lang=st.sampled_from(Lang), document=TEXT), max_size=2),
    sources=st.lists(ITEM, max_size=2),
    note=TEXT,
    zh_candidates=st.lists(st.builds(TranslationCandidate, text=TEXT, score=st.floats(allow_nan=False, allow_infinity=False), evidence=TEXT), max_size=2),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(glossary_entries=st.lists(entries, max_size=4), fmt=st.sampled_from(["tsv", "jsonl", "parquet"]))
def test_glossary_table_round_trips_every_field(tmp_path: Path, glossary_entries: list[GlossaryEntry], fmt: str) -> None:
    path = tmp_path / f"glossary.{fmt}"
    write_glossary_table(Glossary(entries=glossary_entries), path)
    assert read_glossary_table(path).entries == glossary_entries


def test_glossary_table_columns_and_list_cells(tmp_path: Path) -> None:
    frame = glossary_frame(seed_glossary())
    assert frame.columns == list(GLOSSARY_SCHEMA)
    first = frame.row(0, named=True)
    assert first["en_variants"] == "MIIT" and first["zh_variants"] == "工信部"
    assert first["contexts"].startswith('[{"segment_id": "t01.p01.s03", "text": "Today, we have invited')
    two = Glossary(entries=[GlossaryEntry(id="T1", en="SCIO", zh_variants=["国新办", "国务院新闻办"])])
    assert glossary_frame(two)["zh_variants"][0] == "国新办 | 国务院新闻办"
    # Hand-edited cells without spaces read the same.
    edited = pl.DataFrame({"id": ["T1"], "en": ["SCIO"], "zh_variants": ["国新办|国务院新闻办 "]})
    assert glossary_from_frame(edited).entries[0].zh_variants == ["国新办", "国务院新闻办"]


@pytest.mark.parametrize("item", ["a | b", " padded", ""])
def test_glossary_table_refuses_items_that_would_not_split_back(item: str) -> None:
    with pytest.raises(UnrepresentableTextError, match="list item"):
        glossary_frame(Glossary(entries=[GlossaryEntry(id="T1", en="MIIT", zh_variants=[item])]))


def test_glossary_table_errors_name_the_row(tmp_path: Path) -> None:
    path = tmp_path / "glossary.tsv"
    path.write_text("id\ten\tstatus\nT1\tMIIT\tapproved\nT2\tSCIO\tmaybe\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"glossary\.tsv:3: glossary row 'T2': 'maybe' is not a valid TermStatus"):
        read_glossary_table(path)


def test_beads_frame_on_the_seed_transcripts(tmp_path: Path) -> None:
    frame = beads_frame(seed_alignment())
    assert frame.height == 10
    row = frame.row(2, named=True)
    assert (row["bead"], row["kind"], row["src_indices"], row["tgt_indices"]) == (3, "2-1", "2 3", "2")
    assert (row["src_ids"], row["speaker"], row["turn"], row["paragraph"]) == ("t01.p01.s03 t01.p01.s04", "Xing Huina", "t01", "t01.p01")
    assert row["tgt_text"].startswith("今天，我们邀请到")
    path = tmp_path / "beads.parquet"
    from termalign.formats.tables import write_frame

    write_frame(frame, path)
    assert read_frame(path).equals(frame)


@pytest.mark.parametrize(
    ("name", "read", "advice"),
    [
        ("miit.csv", read_csv_glossary, "export the CSV as UTF-8"),
        ("miit.utf8", read_omegat_glossary, "save the glossary as UTF-8"),
    ],
)
def test_a_glossary_saved_as_gbk_is_refused_with_its_line(tmp_path: Path, name: str, read, advice: str) -> None:
    path = tmp_path / name
    path.write_bytes("\ufeffen-US,zh-CN\n".encode("utf-8") + "MIIT,工业和信息化部\n".encode("gbk"))
    with pytest.raises(InputError) as caught:
        read(path)
    assert "cannot decode as UTF-8" in str(caught.value) and "on line 2" in str(caught.value)
    assert advice in str(caught.value) and caught.value.offset == 20  # bytes, BOM included
