"""Time limits for work on one input: a pathological article must cost only itself."""

from __future__ import annotations

import contextlib
import ctypes
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
    """Raise :class:`ArticleTimeout` in this block after ``seconds``.

    In the main thread a SIGALRM raises it. Signals reach only the main thread, so in other
    threads (a Dask worker's) a timer thread raises it asynchronously in the blocked thread,
    which sees it at its next Python instruction: a Python loop is stopped, a long call into
    C only once it returns.
    """
    if seconds <= 0:
        yield
        return
    if threading.current_thread() is not threading.main_thread():
        with _thread_limit(seconds):
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


class _ThreadTimeout(ArticleTimeout):
    # Raised by class, without arguments: the message must come from the class.
    def __str__(self) -> str:
        return "took longer than article_timeout"


@contextlib.contextmanager
def _thread_limit(seconds: float) -> Iterator[None]:
    target = threading.get_ident()
    lock, done = threading.Lock(), [False]

    def expire() -> None:
        with lock:
            if not done[0]:
                ctypes.pythonapi.PyThreadState_SetAsyncExc(
                    ctypes.c_ulong(target), ctypes.py_object(_ThreadTimeout)
                )

    timer = threading.Timer(seconds, expire)
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        with lock:
            done[0] = True
        timer.cancel()
