"""Shared fixtures: the real news under ../shared and the loaded resources."""

from __future__ import annotations

from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SEED = SHARED / "seed" / "huffpost-kim-trump-summit.txt"


@pytest.fixture(scope="session")
def shared() -> Path:
    if not SHARED.is_dir():
        pytest.fail(f"../shared not found at {SHARED}")
    return SHARED


@pytest.fixture(scope="session")
def seed_path() -> Path:
    return SEED


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_extraction(seed_text: str):
    """The seed article run through the whole extract path once per session."""
    import tidings

    return tidings.analyse(seed_text, published="2018-05-24", title="seed")
