"""Event tests run sentences the team wrote through the whole extraction pipeline."""

from __future__ import annotations

from collections.abc import Callable

import pytest

import tidings
from tidings.records import Event, Extraction


@pytest.fixture(scope="session")
def analyse() -> Callable[..., Extraction]:
    def run(text: str, published: str = "2020-03-04", **kw: object) -> Extraction:
        return tidings.analyse(text, published=published, **kw)

    return run


@pytest.fixture(scope="session")
def events(analyse: Callable[..., Extraction]) -> Callable[..., list[Event]]:
    def run(text: str, published: str = "2020-03-04", **kw: object) -> list[Event]:
        return analyse(text, published, **kw).events

    return run


def dyad(e: Event) -> tuple[list[str | None], list[str | None]]:
    """Actor and recipient countries of an event."""
    return [a.country for a in e.actor], [a.country for a in e.recipient]


def only(found: list[Event], etype: str) -> Event:
    """The single event of type ``etype``."""
    hits = [e for e in found if e.type == etype]
    assert len(hits) == 1, [(e.type, e.cameo, dyad(e)) for e in found]
    return hits[0]
