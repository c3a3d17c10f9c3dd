"""Time limits for work on one input: a pathological article must cost only itself."""

from __future__ import annotations

import ctypes
import signal
import sys
import threading
from types import FrameType, TracebackType

# Seconds between repeats of an expiry that has not ended the block yet.
_AGAIN = 0.05


class ArticleTimeout(BaseException):
    """An input took longer than ``Settings.article_timeout``.

    A BaseException, like KeyboardInterrupt, so that libraries' broad ``except Exception``
    clauses cannot swallow it and keep working past the limit.
    """


class _ThreadTimeout(ArticleTimeout):
    # Raised by class, without arguments: the message must come from the class.
    def __str__(self) -> str:
        return "took longer than article_timeout"


def time_limit(seconds: float) -> _Limit:
    """A context manager that raises :class:`ArticleTimeout` in its block after ``seconds``.

    In the main thread a SIGALRM raises it. Signals reach only the main thread, so in other
    threads (a Dask worker's) a timer thread raises it asynchronously in the blocked thread,
    which sees it at its next Python instruction: a Python loop is stopped, a long call into
    C only once it returns.

    Either way the exception lands in whatever Python code runs at that moment, and if that
    is a finaliser (a ``__del__``, a weakref callback run by the garbage collector) Python
    prints it and carries on. So the expiry repeats every few hundredths of a second until
    the block has ended, and a block that ends normally after its limit raises all the same.
    """
    if seconds <= 0:
        return _Limit(seconds)
    if threading.current_thread() is threading.main_thread():
        return _AlarmLimit(seconds)
    return _ThreadLimit(seconds)


class _Limit:
    """No limit; the base of the real ones, whose ``_start``/``_stop`` arm and disarm it."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.expired = False

    def __enter__(self) -> None:
        self._start()

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self._stop()
        if kind is None and self.expired:
            raise ArticleTimeout(f"took longer than {self.seconds:g} s (article_timeout)")

    def _start(self) -> None:
        pass

    def _stop(self) -> None:
        pass


def _closing(frame: FrameType | None) -> bool:
    """Whether ``frame`` runs inside a limit's ``__exit__``: an expiry there must not raise,
    or the limit would stay armed."""
    while frame is not None:
        if frame.f_code is _Limit.__exit__.__code__:
            return True
        frame = frame.f_back
    return False


class _AlarmLimit(_Limit):
    def _start(self) -> None:
        self.previous = signal.signal(signal.SIGALRM, self._expire)
        signal.setitimer(signal.ITIMER_REAL, self.seconds, _AGAIN)

    def _expire(self, signum: int, frame: FrameType | None) -> None:
        if _closing(frame):
            return
        self.expired = True
        raise ArticleTimeout(f"took longer than {self.seconds:g} s (article_timeout)")

    def _stop(self) -> None:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, self.previous)


class _ThreadLimit(_Limit):
    def _start(self) -> None:
        self.target = threading.get_ident()
        self.lock = threading.Lock()
        self.done = threading.Event()
        self.timer = threading.Thread(target=self._expire, daemon=True)
        self.timer.start()

    def _expire(self) -> None:
        if self.done.wait(self.seconds):
            return
        while True:
            with self.lock:
                if self.done.is_set():
                    return
                if not _closing(sys._current_frames().get(self.target)):
                    self.expired = True
                    _raise_in(self.target, _ThreadTimeout)
            if self.done.wait(_AGAIN):
                return

    def _stop(self) -> None:
        with self.lock:
            self.done.set()
            _raise_in(self.target, None)  # withdraw one sent but not yet raised


def _raise_in(thread_id: int, kind: type[BaseException] | None) -> None:
    # NULL, not None, withdraws a pending exception.
    exc = ctypes.c_void_p() if kind is None else ctypes.py_object(kind)
    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread_id), exc)
