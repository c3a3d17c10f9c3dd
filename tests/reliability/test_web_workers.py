"""The web app's extraction workers: a worker that overruns its deadline or dies is replaced."""

from __future__ import annotations

import os
import signal
import time

import pytest

from tidings.config import Settings
from tidings.interfaces.web.workers import ExtractionWorkers, WorkerDied, WorkerTimeout
from tidings.records import Extraction
from tidings.sources import text_article

pytestmark = pytest.mark.slow


def gone(pid: int, within: float = 30) -> bool:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.1)
    return False


def test_a_worker_past_its_deadline_or_dead_is_replaced_and_work_goes_on():
    workers = ExtractionWorkers(Settings(web_workers=1, article_timeout=5))
    try:
        first = workers.call(600, os.getpid)
        # time.sleep holds no SIGALRM limit: only the server's deadline can end it.
        with pytest.raises(WorkerTimeout):
            workers.call(1, time.sleep, 600)
        assert gone(first), "the stuck worker was not killed"
        second = workers.call(600, os.getpid)
        assert second != first

        os.kill(second, signal.SIGKILL)  # out of memory, a crash in C code
        with pytest.raises(WorkerDied):
            workers.call(600, time.sleep, 0)
        article = text_article("Chile recalled its ambassador from Norway on Monday.")
        [result] = workers.extract([article])
        assert isinstance(result, Extraction), result
    finally:
        workers.close()
