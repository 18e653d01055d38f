"""Where the build's tasks run: in this process, on local processes, or on a Dask cluster.

Takes a task function, its per-task arguments and the arguments every task shares; gives the
results **in task order**, whichever executor ran them, so the build's output does not depend
on where or in which order the tasks finished.

- ``jobs == 1``: in this process, one after the other;
- ``jobs > 1``: a :class:`~concurrent.futures.ProcessPoolExecutor` of ``jobs`` processes;
- ``scheduler="tcp://HOST:PORT"``: the tasks of a ``dask.distributed`` cluster whose scheduler
  listens there. The shared arguments are sent to every worker once (``Client.scatter``), not
  once per task. Tasks pass files, not objects (parsed files are pickled to ``OUT/.work``, each
  work's N-Triples chunk is written there), so the workers must see the build's ``.work``
  folder at the same path as this process: one machine, or a shared filesystem. That is checked
  when connecting, and so is that the workers can import pactgraph, each in one line.
"""

from __future__ import annotations

import os
import secrets
import signal
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any, Protocol

from .errors import PactgraphError

Progress = Callable[[str], None] | None


class ClusterError(PactgraphError):
    """The Dask scheduler cannot be reached, has no workers, or its workers cannot do the work.

    The locator is the scheduler's address.
    """


class Executor(Protocol):
    def map(
        self, fn: Callable, tasks: Sequence[tuple], common: tuple = (), progress: Progress = None
    ) -> Iterator[Any]:
        """Yield ``fn(*task, *common)`` for each task, in task order."""
        ...

    def close(self) -> None:
        """Let go of the processes or the cluster connection."""
        ...


class LocalExecutor:
    """This process (``jobs == 1``) or a pool of ``jobs`` forked processes."""

    def __init__(self, jobs: int) -> None:
        self.jobs = max(1, jobs)
        #: one pool for every ``map`` (the per-file, then the per-work tasks): workers forked
        #: once keep what they have loaded and compiled for the next phase (bench/notes.md)
        self._pool: ProcessPoolExecutor | None = None

    def map(
        self, fn: Callable, tasks: Sequence[tuple], common: tuple = (), progress: Progress = None
    ) -> Iterator[Any]:
        if self.jobs <= 1:
            for args in tasks:
                result = fn(*args, *common)
                if progress:
                    progress(str(args[0]))
                yield result
            return
        # Ctrl-C is for the parent alone: SIGINT is blocked while the workers are forked (they
        # inherit the mask), and each worker ignores it before unblocking it.
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
        try:
            if self._pool is None:
                self._pool = ProcessPoolExecutor(
                    max_workers=self.jobs, initializer=_worker_ignores_sigint
                )
            pool = self._pool
            futures = [pool.submit(fn, *args, *common) for args in tasks]
        finally:
            signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
        try:
            for args, fut in zip(tasks, futures, strict=True):
                result = fut.result()
                if progress:
                    progress(str(args[0]))
                yield result
        except BaseException:
            self._pool = None
            pool.shutdown(wait=False, cancel_futures=True)
            raise

    def close(self) -> None:
        """Let the pool's processes go (the next ``map`` would start a new pool)."""
        if self._pool is not None:
            pool, self._pool = self._pool, None
            pool.shutdown()


def _worker_ignores_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})


class DaskExecutor:
    """The workers of a running ``dask.distributed`` scheduler (``Client(address)``)."""

    def __init__(self, client: Any, address: str) -> None:
        self.client = client
        self.address = address

    def map(
        self, fn: Callable, tasks: Sequence[tuple], common: tuple = (), progress: Progress = None
    ) -> Iterator[Any]:
        shared = self.client.scatter(list(common), broadcast=True, hash=False) if common else []
        futures = [self.client.submit(fn, *args, *shared, pure=False) for args in tasks]
        try:
            for i, args in enumerate(tasks):
                result = futures[i].result()
                futures[i] = None  # the cluster may forget it
                if progress:
                    progress(str(args[0]))
                yield result
        except BaseException:
            self.client.cancel([f for f in futures if f is not None])
            self.close()  # the build is failing: nothing else will run here
            raise
        finally:
            if shared and self.client.status == "running":
                self.client.cancel(shared)

    def close(self) -> None:
        if self.client.status != "closed":
            self.client.close()


def _sees_probe(path: str, token: str) -> bool:
    """Run on each worker: is the build's work folder, with this token in it, visible here?"""
    try:
        return Path(path).read_text(encoding="utf-8") == token
    except OSError:
        return False


def connect(address: str, work_dir: Path, *, timeout: float | None = None) -> Any:
    """A ``distributed.Client`` on ``address`` whose workers can run the build's tasks.

    ``timeout`` (seconds) bounds reaching the scheduler and waiting for a first worker; by
    default Dask's own ``distributed.comm.timeouts.connect`` (30 s; environment variable
    ``DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT``). Raises :class:`ClusterError` (one line)
    when the scheduler cannot be reached, has no workers, or a worker cannot import pactgraph
    or see ``work_dir``.
    """
    import dask.config
    from dask.utils import parse_timedelta
    from distributed import Client

    if timeout is None:
        timeout = parse_timedelta(dask.config.get("distributed.comm.timeouts.connect"), "s")
    try:
        client = Client(address, timeout=timeout, set_as_default=False)
    except (OSError, TimeoutError, ValueError) as exc:
        raise ClusterError(f"cannot reach the Dask scheduler: {exc}", locator=address) from None
    try:
        try:
            client.wait_for_workers(1, timeout=timeout)
        except TimeoutError:
            raise ClusterError(
                f"the Dask scheduler has no workers after {timeout:g} s", locator=address
            ) from None
        token = secrets.token_hex(16)
        probe = work_dir / f".probe-{token[:8]}"
        probe.write_text(token, encoding="utf-8")
        try:
            seen = client.run(_sees_probe, str(probe), token)
        except (ImportError, AttributeError) as exc:
            raise ClusterError(
                f"a Dask worker cannot import pactgraph ({exc}); install the same pactgraph "
                "in the workers' environment",
                locator=address,
            ) from None
        finally:
            probe.unlink(missing_ok=True)
        blind = sorted(w for w, ok in seen.items() if not ok)
        if blind:
            raise ClusterError(
                f"{len(blind)} of {len(seen)} Dask workers cannot see {work_dir} (first: "
                f"{blind[0]}); put --out on a filesystem every worker mounts at the same path",
                locator=address,
            )
    except BaseException:
        client.close()
        raise
    return client


def open_executor(jobs: int, scheduler: str | None, work_dir: Path) -> Executor:
    """The executor for a build: local with ``jobs`` processes, or the Dask ``scheduler``'s.

    Call its ``close()`` when the build's tasks are done (a failing task closes it too).
    """
    if not scheduler:
        return LocalExecutor(jobs or os.cpu_count() or 1)
    return DaskExecutor(connect(scheduler, work_dir), scheduler)
