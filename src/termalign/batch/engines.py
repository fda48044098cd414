"""Where the per-pair tasks run: in this process, in a local process pool, or on a Dask cluster.

Every engine runs the same `run_pair` on the same `PairTask`s and yields `PairResult`s as
they complete; the order does not matter, since the merge reads the parts sorted by pair id.
Each worker does one pair at a time with one BLAS thread (parallelism is across pairs, and
the same arithmetic everywhere keeps results identical whatever the engine), and loads the
sentence encoder once, when it starts, for all the pairs it will do.

Only a bounded number of tasks is in flight (a few per worker), so a manifest of a hundred
thousand pairs does not become a hundred thousand pending futures.
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import os
from collections.abc import Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from itertools import islice
from typing import Protocol

from termalign.batch.tasks import PairResult, PairTask, describe_error, run_pair
from termalign.batch.worker import one_blas_thread, prepare_worker
from termalign.errors import UsageError

ENGINES = ("local", "dask")
_IN_FLIGHT_PER_WORKER = 2


class Engine(Protocol):
    workers: int

    def run(self, tasks: Iterable[PairTask]) -> Iterator[PairResult]:
        """Run every task; yield each result as it completes (in any order)."""
        ...


def default_jobs() -> int:
    """The cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


class InlineEngine:
    """The pairs one after the other in this process (`--jobs 1`): no start-up cost."""

    workers = 1

    def run(self, tasks: Iterable[PairTask]) -> Iterator[PairResult]:
        with one_blas_thread():  # the arithmetic of a worker, restored afterwards
            for task in tasks:
                yield run_pair(task)


class LocalEngine:
    """A pool of `jobs` local worker processes (spawned, so the parent's threads never leak in)."""

    def __init__(self, jobs: int, fast: bool = False) -> None:
        if jobs < 1:
            raise UsageError(f"--jobs must be at least 1 (got {jobs})")
        self.workers = jobs
        self.fast = fast
        self._pool: ProcessPoolExecutor | None = None

    def __enter__(self) -> LocalEngine:
        self._pool = self._new_pool()
        return self

    def __exit__(self, *exc: object) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def _new_pool(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(
            max_workers=self.workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=prepare_worker,
            initargs=(self.fast,),
        )

    def run(self, tasks: Iterable[PairTask]) -> Iterator[PairResult]:
        if self._pool is None:
            raise RuntimeError("LocalEngine.run outside its `with` block")
        pending: dict[Future[PairResult], PairTask] = {}
        queue = iter(tasks)
        limit = self.workers * _IN_FLIGHT_PER_WORKER
        while True:
            for task in queue:
                pending[self._pool.submit(run_pair, task)] = task
                if len(pending) >= limit:
                    break
            if not pending:
                return
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            broken = False
            for future in done:
                task = pending.pop(future)
                try:
                    yield future.result()
                except BrokenProcessPool:
                    broken = True
                    yield PairResult(task.pair.id, error="a worker process died while this pair was in flight (out of memory?)")
                except Exception as error:  # noqa: BLE001 — e.g. a result that could not be sent back
                    yield PairResult(task.pair.id, error=describe_error(error))
            if broken:  # every other task in the dead pool is lost as well: record them, start afresh
                for future, task in pending.items():
                    yield PairResult(task.pair.id, error="a worker process died while this pair was in flight (out of memory?)")
                pending.clear()
                self._pool.shutdown(wait=False, cancel_futures=True)
                self._pool = self._new_pool()


class DaskEngine:
    """The tasks submitted to a Dask distributed cluster: the one at `scheduler` (tcp://host:8786),
    or a LocalCluster of `workers` single-threaded workers started (and closed) here.

    Workers must see the input and output paths (a shared file system) and have termalign
    installed; `processes=False` runs a LocalCluster's workers as threads (tests)."""

    def __init__(self, scheduler: str | None = None, workers: int | None = None, *, fast: bool = False, processes: bool = True) -> None:
        self.scheduler = scheduler
        self.requested_workers = workers or default_jobs()
        self.fast = fast
        self.processes = processes
        self.workers = self.requested_workers
        self._client = None
        self._cluster = None

    def __enter__(self) -> DaskEngine:
        from distributed import Client, LocalCluster

        from termalign.batch.dask_plugin import WarmWorker

        if self.scheduler:
            try:
                self._client = Client(self.scheduler, timeout="20s")
            except (OSError, TimeoutError) as error:
                raise UsageError(f"cannot reach the Dask scheduler at {self.scheduler}: {error}") from None
        else:
            import dask

            # The workers' sampling profiler walks the task's stack every 10 ms: about a fifth more
            # CPU per pair on a busy worker, for a dashboard a LocalCluster here does not serve.
            with dask.config.set({"distributed.worker.profile.enabled": False}):
                self._cluster = LocalCluster(
                    n_workers=self.requested_workers,
                    threads_per_worker=1,
                    processes=self.processes,
                    dashboard_address=None,
                    silence_logs=logging.ERROR,
                )
            self._client = Client(self._cluster)
        try:
            # Threaded LocalCluster workers share this process: its BLAS is limited around `run` instead.
            limit = self.processes or bool(self.scheduler)
            self._client.register_plugin(WarmWorker(self.fast, limit), name="termalign-warm-worker")
            self.workers = max(1, sum(self._client.nthreads().values()))
        except BaseException:
            self.__exit__()
            raise
        return self

    def __exit__(self, *exc: object) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None
        if self._cluster is not None:
            self._cluster.close()
            self._cluster = None

    def run(self, tasks: Iterable[PairTask]) -> Iterator[PairResult]:
        if self._client is None:
            raise RuntimeError("DaskEngine.run outside its `with` block")
        threaded = self._cluster is not None and not self.processes
        with one_blas_thread() if threaded else contextlib.nullcontext():
            yield from self._run(tasks)

    def _run(self, tasks: Iterable[PairTask]) -> Iterator[PairResult]:
        from distributed import as_completed

        queue = iter(tasks)
        owners: dict[str, PairTask] = {}

        def submit(task: PairTask):
            future = self._client.submit(run_pair, task, pure=False, key=f"termalign-pair-{task.pair.id}-{os.urandom(4).hex()}")
            owners[future.key] = task
            return future

        first = [submit(task) for task in islice(queue, self.workers * _IN_FLIGHT_PER_WORKER)]
        running = as_completed(first)
        for future in running:
            task = owners.pop(future.key)
            try:
                yield future.result()
            except Exception as error:  # noqa: BLE001 — a worker died (KilledWorker), could not unpickle …
                yield PairResult(task.pair.id, error=describe_error(error))
            finally:
                future.release()
            following = next(queue, None)
            if following is not None:
                running.add(submit(following))


@contextlib.contextmanager
def open_engine(
    name: str = "local",
    jobs: int | None = None,
    scheduler: str | None = None,
    *,
    fast: bool = False,
    processes: bool = True,
) -> Iterator[Engine]:
    """The engine a batch runs on, started and closed around the `with` block.

    local: `jobs` processes (default: the cores), in this process when 1. dask: the cluster at
    `scheduler`, or a LocalCluster of `jobs` workers when no scheduler is given."""
    if name not in ENGINES:
        raise UsageError(f"unknown engine {name!r}: expected {' or '.join(ENGINES)}")
    if scheduler and name != "dask":
        raise UsageError("--scheduler needs --engine dask")
    if jobs is not None and jobs < 1:
        raise UsageError(f"--jobs must be at least 1 (got {jobs})")
    if name == "dask":
        with DaskEngine(scheduler, jobs, fast=fast, processes=processes) as engine:
            yield engine
        return
    count = jobs or default_jobs()
    if count == 1:
        yield InlineEngine()
        return
    with LocalEngine(count, fast) as pool:
        yield pool
