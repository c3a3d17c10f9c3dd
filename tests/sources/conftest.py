"""Helpers for the sources tests: read paths into articles and failures."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tidings.config import Settings
from tidings.records import Article, Failure
from tidings.sources import read_sources

Read = Callable[..., tuple[list[Article], list[Failure]]]


@pytest.fixture
def read() -> Read:
    """``read(*paths, **settings)`` → (articles, failures), in the order read."""

    def _read(*paths: str | Path, **settings: Any) -> tuple[list[Article], list[Failure]]:
        items = list(read_sources(paths, Settings(**settings)))
        assert all(isinstance(x, Article | Failure) for x in items)
        return (
            [x for x in items if isinstance(x, Article)],
            [x for x in items if isinstance(x, Failure)],
        )

    return _read
