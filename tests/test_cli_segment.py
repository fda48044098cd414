"""`termalign segment` and the polars tables it writes (TSV, JSONL, Parquet)."""

from __future__ import annotations

import json
from pathlib import Path

import polars as pl
import pytest
import typer
import typer.core
from typer.testing import CliRunner

from conftest import SEED_EN, SEED_ZH
from termalign.cli import app
from termalign.errors import InputError, UsageError
from termalign.formats.tables import SEGMENT_SCHEMA, read_frame, segments_frame, write_frame
from termalign.readers import parse_text, read_document

runner = CliRunner()


def run(*args: str):
    """Invoke `termalign segment …` (typer runs a lone command without its name)."""
    command = typer.main.get_command(app)
    argv = ["segment", *args] if isinstance(command, typer.core.TyperGroup) else list(args)
    return runner.invoke(app, argv)


def test_segment_writes_tsv_to_stdout_by_default() -> None:
    result = run(str(SEED_EN))
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].split("\t") == list(SEGMENT_SCHEMA)
    first = dict(zip(lines[0].split("\t"), lines[1].split("\t")))
    assert first["turn_id"] == "t01" and first["speaker"] == "Xing Huina" and first["role"] == "host"
    assert first["sentence_id"] == "t01.p01.s01"
    assert first["text"] == "Friends from the media, good afternoon."
    doc = read_document(SEED_EN)
    assert len(lines) == 1 + len(doc.sentences)
    assert doc.text[int(first["start"]) : int(first["end"])] == first["text"]


def test_segment_jsonl_of_the_chinese_seed() -> None:
    if not SEED_ZH.exists():
        pytest.skip("the Chinese seed is not there yet")
    result = run(str(SEED_ZH), "--format", "jsonl", "-o", "-")
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert rows[0]["speaker"] == "邢慧娜" and rows[0]["text"] == "各位媒体朋友，大家下午好！"
    assert {r["role"] for r in rows} == {"host", "speaker", "question"}
    assert len({r["turn_id"] for r in rows}) == 26


def test_segment_parquet_needs_a_file(tmp_path: Path) -> None:
    refused = run(str(SEED_EN), "--format", "parquet")
    assert refused.exit_code == 2
    assert "Parquet" in refused.stderr
    out = tmp_path / "out" / "en.parquet"
    result = run(str(SEED_EN), "-o", str(out))
    assert result.exit_code == 0, result.output
    frame = pl.read_parquet(out)
    assert frame.schema == pl.Schema(SEGMENT_SCHEMA)
    assert frame["turn_id"].n_unique() == 26
    assert frame.filter(pl.col("speaker").is_null())["role"].unique().to_list() == ["question"]


def test_segment_presplit_keeps_line_ids(tmp_path: Path) -> None:
    source = tmp_path / "lines.en"
    source.write_text("One sentence. Still one line.\n\nThird line.\n", encoding="utf-8")
    result = run(str(source), "--kind", "presplit", "-o", str(tmp_path / "lines.tsv"))
    assert result.exit_code == 0, result.output
    frame = read_frame(tmp_path / "lines.tsv", schema=SEGMENT_SCHEMA)
    assert frame["sentence_id"].to_list() == ["0", "1", "2"]
    assert frame["text"].to_list() == ["One sentence. Still one line.", None, "Third line."]


def test_segment_bad_input_exits_2_with_file_and_offset(tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"Good afternoon. \xff\xfe\xfd")
    out = tmp_path / "never.tsv"
    result = run(str(bad), "-o", str(out))
    assert result.exit_code == 2
    assert f"{bad} (byte offset 16)" in result.stderr
    assert not out.exists()
    missing = run(str(tmp_path / "absent.txt"))
    assert missing.exit_code == 2 and "no such file" in missing.stderr


def test_segment_explicit_encoding(tmp_path: Path) -> None:
    source = tmp_path / "gbk.txt"
    source.write_bytes("增长3.6%。谢谢。".encode("gbk"))
    result = run(str(source), "--encoding", "gbk", "--lang", "zh")
    assert result.exit_code == 0, result.output
    assert [line.split("\t")[7] for line in result.stdout.splitlines()[1:]] == ["增长3.6%。", "谢谢。"]


def test_segment_help_has_an_example() -> None:
    result = run("--help")
    assert result.exit_code == 0
    assert "Example" in result.stdout and "termalign segment" in result.stdout


# --- tables -------------------------------------------------------------------------------


def test_tsv_escapes_tabs_and_newlines_and_round_trips(tmp_path: Path) -> None:
    doc = parse_text('Title\n\nA "quoted"\tline\nwith a break. Back\\slash here.\n', "t.txt", kind="plain")
    frame = segments_frame(doc)
    assert frame["text"].to_list() == ["Title", 'A "quoted"\tline\nwith a break.', "Back\\slash here."]
    for fmt in ("tsv", "jsonl", "parquet"):
        path = tmp_path / f"seg.{fmt}"
        write_frame(frame, path)
        assert read_frame(path, schema=SEGMENT_SCHEMA).equals(frame), fmt
    raw = (tmp_path / "seg.tsv").read_text(encoding="utf-8").splitlines()
    assert len(raw) == 4
    assert 'A "quoted"\\tline\\nwith a break.' in raw[2]


def test_tables_refuse_unknown_formats_and_bad_files(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="unknown table format"):
        write_frame(pl.DataFrame({"a": [1]}), tmp_path / "x.tsv", "xml")
    broken = tmp_path / "broken.parquet"
    broken.write_bytes(b"not parquet at all")
    with pytest.raises(InputError, match="cannot read as PARQUET"):
        read_frame(broken)
    short = tmp_path / "short.tsv"
    short.write_text("doc\tturn_id\nx\tt01\n", encoding="utf-8")
    with pytest.raises(InputError, match="missing column"):
        read_frame(short, schema=SEGMENT_SCHEMA)
