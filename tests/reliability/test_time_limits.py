"""The per-article time limit stops work in the main thread and in worker threads alike."""

from __future__ import annotations

import threading
import time

import pytest

from tidings.limits import ArticleTimeout, time_limit


def _in_thread(work) -> dict[str, str]:  # type: ignore[no-untyped-def]
    outcome: dict[str, str] = {}

    def run() -> None:
        try:
            work()
            outcome["result"] = "finished"
        except ArticleTimeout as exc:
            outcome["result"] = f"timeout: {exc}"

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(20)
    assert not thread.is_alive(), "the limit did not stop the thread"
    return outcome


def test_an_endless_loop_in_a_worker_thread_is_stopped() -> None:
    def spin() -> None:
        with time_limit(0.2):
            while True:
                pass

    assert _in_thread(spin)["result"] == "timeout: took longer than article_timeout"


def test_work_that_ends_in_time_is_not_interrupted_later() -> None:
    def quick() -> None:
        with time_limit(0.05):
            sum(range(1000))
        time.sleep(0.3)  # past the limit, outside the block

    assert _in_thread(quick)["result"] == "finished"


def test_an_endless_loop_in_the_main_thread_is_stopped() -> None:
    with pytest.raises(ArticleTimeout, match="article_timeout"), time_limit(0.2):
        while True:
            pass


class _SlowFinaliser:
    """An object whose ``__del__`` runs Python code for ``seconds``.

    An exception raised in a finaliser is printed and swallowed, so a limit that expires
    while one runs must not count on its first exception arriving.
    """

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds

    def __del__(self) -> None:
        end = time.monotonic() + self.seconds
        while time.monotonic() < end:
            pass


def _finaliser_then_loop(limit: float) -> None:
    with time_limit(limit):
        _SlowFinaliser(limit * 3)  # dropped at once: the limit expires inside its __del__
        end = time.monotonic() + 5
        while time.monotonic() < end:
            pass


def _finaliser_only(limit: float) -> None:
    with time_limit(limit):
        _SlowFinaliser(limit * 3)


@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
@pytest.mark.parametrize("work", [_finaliser_then_loop, _finaliser_only])
def test_a_timeout_swallowed_by_a_finaliser_still_ends_the_block_main_thread(work) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ArticleTimeout):
        work(0.2)


@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
@pytest.mark.parametrize("work", [_finaliser_then_loop, _finaliser_only])
def test_a_timeout_swallowed_by_a_finaliser_still_ends_the_block_in_a_thread(work) -> None:  # type: ignore[no-untyped-def]
    assert _in_thread(lambda: work(0.2))["result"].startswith("timeout")
