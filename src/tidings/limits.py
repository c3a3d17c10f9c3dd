"""Time limits for work on one input: a pathological article must cost only itself."""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Iterator


class ArticleTimeout(BaseException):
    """An input took longer than ``Settings.article_timeout``.

    A BaseException, like KeyboardInterrupt, so that libraries' broad ``except Exception``
    clauses cannot swallow it and keep working past the limit.
    """


@contextlib.contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise :class:`ArticleTimeout` in this block after ``seconds`` (main thread only).

    Signals reach only the main thread; in worker threads (Dask, the web app) the block
    runs unlimited.
    """
    if seconds <= 0 or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(signum: int, frame: object) -> None:
        raise ArticleTimeout(f"took longer than {seconds:g} s (article_timeout)")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
