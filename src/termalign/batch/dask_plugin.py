"""The Dask worker plugin of batch runs, apart so that `termalign.batch` imports without Dask."""

from __future__ import annotations

from distributed.diagnostics.plugin import WorkerPlugin

from termalign.batch.worker import prepare_worker


class WarmWorker(WorkerPlugin):
    """Prepare each worker once when it joins the cluster (see `worker.prepare_worker`)."""

    def __init__(self, fast: bool, limit_threads: bool = True) -> None:
        self.fast = fast
        self.limit_threads = limit_threads

    def setup(self, worker: object) -> None:
        prepare_worker(self.fast, self.limit_threads)
