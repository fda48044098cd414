"""Writing outputs safely: whole files or nothing.

Every writer in termalign goes through `atomic_output`: it writes to a temporary file
next to the destination and renames it into place only when the writer finished, so a
failure never leaves a half-written file behind. `-` means standard output.
"""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from pathlib import Path
from typing import IO, Iterator


def _read_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


# Read once at import: os.umask can only be read by setting it, which is not thread-safe.
_UMASK = _read_umask()
# The temporary files are named .NAME.XXXXXXXX.part, beside NAME.
_PART = ".part"


def _temporary_beside(target: Path) -> tuple[int, str]:
    """A temporary file next to `target`, with the permissions a plain open() would give.

    mkstemp creates files readable by their owner only (0600); outputs are meant to be shared
    like any file the user writes, so the mode follows the umask instead.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=_PART, dir=target.parent)
    os.fchmod(fd, 0o666 & ~_UMASK)
    return fd, name


def remove_unfinished(folder: Path) -> None:
    """Delete the temporary files of writes into `folder` that a killed process left unfinished."""
    for leftover in folder.glob(f".*{_PART}"):
        leftover.unlink(missing_ok=True)


@contextlib.contextmanager
def atomic_output(path: str | os.PathLike[str], mode: str = "w", encoding: str | None = "utf-8") -> Iterator[IO]:
    """Open `path` for writing through a temporary file that replaces it on success."""
    binary = "b" in mode
    if str(path) == "-":
        stream = sys.stdout.buffer if binary else sys.stdout
        yield stream
        stream.flush()
        return
    fd, tmp_name = _temporary_beside(Path(path))
    try:
        with os.fdopen(fd, mode, encoding=None if binary else encoding, newline=None if binary else "") as handle:
            yield handle
        os.replace(tmp_name, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp_name)
        raise


@contextlib.contextmanager
def atomic_path(path: str | os.PathLike[str]) -> Iterator[Path]:
    """A temporary path for libraries that insist on opening files themselves (Parquet, XLSX)."""
    fd, tmp_name = _temporary_beside(Path(path))
    os.close(fd)
    try:
        yield Path(tmp_name)
        os.replace(tmp_name, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp_name)
        raise
