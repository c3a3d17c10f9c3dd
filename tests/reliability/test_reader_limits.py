"""A page that would keep the HTML reader busy for minutes is cut off at the time limit."""

from __future__ import annotations

import time
from pathlib import Path

from tidings.config import Settings
from tidings.records import Article, Failure
from tidings.sources import read_sources


def test_pathological_html_fails_at_the_time_limit_and_reading_goes_on(tmp_path: Path) -> None:
    slow = tmp_path / "a-inline.html"  # about 70 s in trafilatura on these machines
    slow.write_text("<html><body><p>" + "<b>x</b> " * 110_000 + "</p></body></html>")
    good = tmp_path / "b-good.txt"
    good.write_text("Seoul and Washington agreed on Monday to resume talks.", encoding="utf-8")
    started = time.monotonic()
    results = list(read_sources([str(tmp_path)], Settings(article_timeout=2.0)))
    assert time.monotonic() - started < 30
    (failure,) = [r for r in results if isinstance(r, Failure)]
    assert failure.origin.endswith("a-inline.html")
    assert "took longer than 2 s" in failure.error
    assert [r.text for r in results if isinstance(r, Article)] == [good.read_text()]
