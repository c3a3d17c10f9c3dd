"""The demo corpus as records, for the tests of this folder."""

from __future__ import annotations

import json

import pytest

from tidings.demo import corpus_path


@pytest.fixture(scope="session")
def records() -> list[dict]:
    """The corpus lines as JSON objects, in file order."""
    with corpus_path() as path:
        return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
