"""A small sample of bench/fuzz.py's hostile inputs through the whole path (the full
10,000-input run is `python -m bench.fuzz`, recorded in docs/benchmarks.md)."""

from __future__ import annotations

from pathlib import Path

from bench.fuzz import check, generate


def test_hostile_inputs_never_crash_and_lose_nothing(tmp_path: Path) -> None:
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    generate(inputs, 160, seed=7, big=False)
    counts = check(inputs, tmp_path / "fuzz.duckdb", workers=1)
    assert counts["read failures"] > 0, "the sample must contain unreadable inputs"
    assert counts["stored"] > 0
    assert counts["lost (read, neither stored nor failed)"] == 0
    assert counts["well-formed articles not stored"] == 0
    assert counts["failures table rows"] == counts["read failures"] + counts["failed after reading"]
