"""Extraction for the web app in worker processes that can be killed, so that no article can
hang the server.

``tidings.limits.time_limit`` interrupts Python code only, and in a request thread only at
its next Python instruction. Each worker is a one-process pool (``pipeline.process_pool``)
that loads the models once and extracts in its main thread, where ``extract_batch`` applies
``article_timeout`` itself; should the worker still not answer (a C extension that never
returns to Python, a crash), the server kills it, starts a fresh one and records the
articles as failures.
"""

from __future__ import annotations

import concurrent.futures as cf
import contextlib
import os
import queue
import signal
import threading
import time
from collections.abc import Callable
from concurrent.futures.process import BrokenProcessPool
from typing import Any, TypeVar

from tidings.config import Settings
from tidings.pipeline import Result, extract_batch, process_pool
from tidings.records import Article, Failure

T = TypeVar("T")

KILL_GRACE = 5.0
"""Seconds past the worker's own limits before the server kills it."""


class WorkerTimeout(Exception):
    """A worker did not answer by its deadline and was killed."""


class WorkerDied(Exception):
    """A worker process ended while it worked (killed from outside, out of memory, a crash)."""


class _Worker:
    """One worker process; ``pid`` resolves once it has loaded the models."""

    def __init__(self, settings: Settings) -> None:
        self.pool = process_pool(settings, 1)
        self.pid: cf.Future[int] = self.pool.submit(_outlive_not, os.getpid())

    def kill(self) -> None:
        if self.pid.done() and self.pid.exception() is None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid.result(), signal.SIGKILL)
        self.pool.shutdown(wait=False, cancel_futures=True)


def _outlive_not(server: int) -> int:
    """In a worker: exit when the server process is gone; return this worker's pid.

    A worker's parent is the forkserver, and a server killed with SIGKILL leaves both
    waiting, each holding the models, unless the worker watches the server itself.
    """

    def watch() -> None:
        while _running(server):
            time.sleep(1)
        os._exit(1)

    threading.Thread(target=watch, daemon=True, name="tidings-watch-server").start()
    return os.getpid()


def _running(pid: int) -> bool:
    """Whether process ``pid`` exists and has not ended (a zombie has ended)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as fh:
            return fh.read().rpartition(")")[2].split()[0] != "Z"
    except (OSError, IndexError):
        return True  # no /proc: os.kill's answer stands


class ExtractionWorkers:
    """``Settings.web_workers`` worker processes shared by ``/api/analyse`` and ingestion.

    A call waits for a free worker, so its deadline covers only its own work. Workers start
    on first use or with :meth:`start`.
    """

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.size = max(1, settings.web_workers)
        self._free: queue.Queue[_Worker] = queue.Queue()
        self._all: list[_Worker] = []
        self._lock = threading.Lock()
        self._closed = False

    def start(self) -> None:
        """Start every worker (each loads the models in the background)."""
        with self._lock:
            while len(self._all) < self.size and not self._closed:
                self._add()

    def _add(self) -> None:
        worker = _Worker(self.settings)
        self._all.append(worker)
        self._free.put(worker)

    def _replace(self, worker: _Worker) -> None:
        worker.kill()
        with self._lock:
            self._all.remove(worker)
            if not self._closed:
                self._add()

    def call(self, seconds: float, fn: Callable[..., T], *args: Any) -> T:
        """``fn(*args)`` in a worker; :class:`WorkerTimeout` after ``seconds`` of work."""
        self.start()
        worker = self._free.get()
        try:
            worker.pid.result()  # the models are loaded: the deadline starts now
            result = worker.pool.submit(fn, *args).result(timeout=seconds)
        except cf.TimeoutError:
            self._replace(worker)
            raise WorkerTimeout(
                f"no answer within {seconds:g} s; the worker was restarted"
            ) from None
        except BrokenProcessPool:
            self._replace(worker)
            raise WorkerDied("the worker process died; it was restarted") from None
        except BaseException:
            self._free.put(worker)
            raise
        self._free.put(worker)
        return result

    def extract(self, articles: list[Article]) -> list[Result]:
        """``extract_batch`` in a worker: one result per article, never an exception.

        A batch that overruns its deadline is retried one article at a time, so the articles
        that can be extracted still are, and the one at fault becomes a Failure.
        """
        limit = self.settings.article_timeout
        try:
            # extract_batch may spend the batch's limit and then each article's own.
            return self.call(
                2 * limit * len(articles) + KILL_GRACE, extract_batch, articles, self.settings
            )
        except (WorkerTimeout, WorkerDied) as exc:
            if len(articles) > 1:
                return [r for a in articles for r in self.extract([a])]
            stage = "timeout" if isinstance(exc, WorkerTimeout) else "worker"
            article = articles[0]
            message = f"{exc} (article_timeout {limit:g} s)"
            return [Failure(article.origin or article.id, stage, message, article.id)]

    def close(self) -> None:
        """Kill every worker (work in progress is abandoned)."""
        with self._lock:
            self._closed = True
            workers, self._all = self._all, []
        for worker in workers:
            worker.kill()
