"""What every command shares through `cli.app`: here, a standard output closed by its reader."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from conftest import SEED_EN

# Well over a pipe's buffer (64 KiB on Linux), so the command is still writing when the reader leaves.
_CHANGED_NUMBER_ROWS = 3000


def _bilingual_table_with_a_changed_number(folder: Path) -> Path:
    table = folder / "changed.tsv"
    row = (
        "In 2022, China's added value of industries above the designated size grew by 3.6% year on year.\t"
        "2022年，全国规模以上工业增加值同比增长3.5%。"
    )
    lines = ["id\tsource\ttarget", *(f"s{k}\t{row}" for k in range(_CHANGED_NUMBER_ROWS))]
    table.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return table


@pytest.mark.parametrize(
    ("command", "exit_code"),
    [
        (["segment", str(SEED_EN)], 0),  # polars writes the table: its broken pipe is a bare OSError
        (["check", "{table}", "--format", "csv", "--checks", "numbers", "--quiet"], 1),  # still exits by its findings
    ],
    ids=["segment", "check"],
)
def test_a_reader_that_stops_early_ends_the_command_quietly(tmp_path: Path, command: list[str], exit_code: int) -> None:
    """`termalign … | head`: no traceback, no error line, and the exit code the command would have had."""
    table = _bilingual_table_with_a_changed_number(tmp_path)
    argv = [sys.executable, "-c", "from termalign.cli import main; main()", *(a.format(table=table) for a in command)]
    process = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert process.stdout is not None and process.stderr is not None
    head = process.stdout.read(200)
    process.stdout.close()  # as `head -c 200` does
    errors = process.stderr.read().decode("utf-8")
    assert process.wait(timeout=120) == exit_code, errors
    assert head and errors == ""


def test_an_error_names_the_file_as_written(tmp_path: Path) -> None:
    """File names are printed as text: rich would take "[draft]" for a style and drop it."""
    from typer.testing import CliRunner

    from termalign.cli import app

    bad = tmp_path / "minutes [draft].txt"
    bad.write_bytes("增长3.6%。".encode("gbk"))
    result = CliRunner().invoke(app, ["segment", str(bad), "--encoding", "utf-8"])
    assert result.exit_code == 2 and f"{bad} (byte offset 0)" in result.stderr
    missing = CliRunner().invoke(app, ["segment", str(tmp_path / "[final].txt")])
    assert missing.exit_code == 2 and f"{tmp_path / '[final].txt'}: no such file" in missing.stderr
