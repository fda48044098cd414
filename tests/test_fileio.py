"""Outputs are whole files or nothing, with ordinary permissions."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from termalign.fileio import _UMASK, atomic_output, atomic_path


def test_output_appears_whole_with_umask_permissions(tmp_path: Path) -> None:
    target = tmp_path / "sub" / "beads.tsv"
    with atomic_output(target) as handle:
        handle.write("bead\tkind\n1\t1-1\n")
        assert not target.exists(), "the destination must not exist before the writer finished"
    assert target.read_text(encoding="utf-8") == "bead\tkind\n1\t1-1\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~_UMASK
    assert [p.name for p in target.parent.iterdir()] == ["beads.tsv"]


def test_failure_leaves_previous_file_and_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "glossary.tsv"
    target.write_text("old\n", encoding="utf-8")
    with pytest.raises(RuntimeError):
        with atomic_output(target) as handle:
            handle.write("half of a new file")
            raise RuntimeError("writer failed")
    assert target.read_text(encoding="utf-8") == "old\n"
    assert sorted(os.listdir(tmp_path)) == ["glossary.tsv"]


def test_atomic_path_for_libraries_that_open_files_themselves(tmp_path: Path) -> None:
    target = tmp_path / "beads.parquet"
    with atomic_path(target) as temporary:
        assert temporary.parent == tmp_path and temporary != target
        temporary.write_bytes(b"PAR1")
    assert target.read_bytes() == b"PAR1"
    with pytest.raises(ValueError):
        with atomic_path(tmp_path / "other.parquet") as temporary:
            temporary.write_bytes(b"x")
            raise ValueError("library failed")
    assert sorted(os.listdir(tmp_path)) == ["beads.parquet"]


def test_dash_writes_to_stdout(capsys: pytest.CaptureFixture[str]) -> None:
    with atomic_output("-") as handle:
        handle.write("到标准输出\n")
    assert capsys.readouterr().out == "到标准输出\n"
