"""What a batch worker keeps between pairs: the sentence encoder, loaded once.

Loading the multilingual USE model costs about two seconds and 0.3 GB; a worker that did it per
pair would spend more time loading than aligning. So the model is the process-wide one
(`align.encoder.shared_model`, which the aligner and the term pairing use too), loaded by
`prepare_worker` when the worker starts (pool initializer, Dask worker plugin) or on first use,
with one BLAS thread: a worker does one pair at a time and the parallelism is across workers. Each thread gets its own `CachedEncoder` around the shared model, because the
embedding cache's SQLite connection belongs to the thread that opened it.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from threadpoolctl import threadpool_limits

    from termalign.align.encoder import CachedEncoder

_per_thread = threading.local()


def worker_encoder() -> CachedEncoder:
    """This thread's encoder: the shared model behind the on-disk embedding cache
    ($TERMALIGN_CACHE, or ~/.cache/termalign, as it is now)."""
    from termalign.align.encoder import CachedEncoder, EmbeddingCache, default_cache_dir, shared_model

    directory = default_cache_dir()
    encoder = getattr(_per_thread, "encoder", None)
    if encoder is None or getattr(_per_thread, "directory", None) != directory:
        if encoder is not None and encoder.cache is not None:
            encoder.cache.close()
        model = shared_model()
        encoder = _per_thread.encoder = CachedEncoder(model, EmbeddingCache(model.name, directory))
        _per_thread.directory = directory
    return encoder


def prepare_worker(fast: bool, limit_threads: bool = True) -> None:
    """Once per worker process: one BLAS thread, and the sentence model loaded. In fast mode it
    loads on first use instead: fast mode embeds only words a pair brings that the cache lacks,
    so a worker on a corpus already seen never needs the weights."""
    if limit_threads:
        one_blas_thread()
    if not fast:
        from termalign.align.encoder import shared_model

        shared_model().encode(["warm-up"])  # the weights load now, not in the first pair


def one_blas_thread() -> threadpool_limits:
    """Limit numpy's BLAS to one thread in this process: for good, or until the `with` block
    the returned limit is used as ends (its previous limits are then restored).

    numpy is imported first: threadpoolctl only reaches libraries already loaded, and an OpenBLAS
    left at one thread per core keeps helper threads spinning after each call, which on a busy
    machine halves what two workers get done."""
    import numpy  # noqa: F401 — loads OpenBLAS so that the limit reaches it
    from threadpoolctl import threadpool_limits

    return threadpool_limits(1)
