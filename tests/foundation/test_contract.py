"""The output contract of `tidings extract`, checked on the seed article through the real CLI."""

from __future__ import annotations

import json
import subprocess
import sys
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
import pytest

FURNITURE = ("Open Image Modal", "Before You Go", "View Comments")


@pytest.fixture(scope="module")
def seed_record(seed_path: Path) -> dict[str, Any]:
    out = subprocess.run(
        [sys.executable, "-m", "tidings", "extract", str(seed_path), "--published", "2018-05-24"],
        capture_output=True,
        text=True,
        check=True,
    )
    lines = out.stdout.splitlines()
    assert len(lines) == 1, "one record per article"
    return json.loads(lines[0])


def _spans(node: Any) -> list[dict[str, Any]]:
    """Every object in the record that carries text/start/end offsets."""
    found = []
    if isinstance(node, dict):
        if {"text", "start", "end"} <= node.keys():
            found.append(node)
        for v in node.values():
            found.extend(_spans(v))
    elif isinstance(node, list):
        for v in node:
            found.extend(_spans(v))
    return found


def test_seed_record_validates_against_schema(seed_record: dict[str, Any]) -> None:
    schema = json.loads(resources.files("tidings").joinpath("output.schema.json").read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft202012Validator(schema).validate(seed_record)


def test_every_offset_indexes_the_text_as_read(seed_record: dict[str, Any], seed_text: str) -> None:
    assert seed_record["text"] == seed_text
    parts = [seed_record[k] for k in ("quotes", "events", "times", "entities")]
    spans = _spans(parts)
    assert len(spans) > 50
    for s in spans:
        assert seed_text[s["start"] : s["end"]] == s["text"], s


def test_seed_quotes_and_events_are_found_and_furniture_is_not(seed_record: dict[str, Any]) -> None:
    assert seed_record["published"] == "2018-05-24"
    assert len(seed_record["quotes"]) >= 10
    assert len(seed_record["events"]) >= 3
    speakers = {q["speaker"]["name"] for q in seed_record["quotes"] if q["speaker"]}
    assert "Vipin Narang" in speakers
    for item in seed_record["quotes"] + seed_record["events"]:
        blob = json.dumps(item, ensure_ascii=False)
        for line in FURNITURE:
            assert line not in blob


def test_extract_writes_output_file_and_usage_errors_exit_2(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text(
        "Officials in Seoul said on Monday that talks would resume.\n", encoding="utf-8"
    )
    out = tmp_path / "out.jsonl"
    cmd = [sys.executable, "-m", "tidings", "extract", str(article), "-o", str(out)]
    done = subprocess.run(cmd, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    record = json.loads(out.read_text())
    assert record["published"] is None
    assert any("no publication date" in w for w in record["warnings"])
    bad = subprocess.run(
        [sys.executable, "-m", "tidings", "extract", str(article), "--published", "yesterday"],
        capture_output=True,
        text=True,
    )
    assert bad.returncode == 2
    assert "not a date" in bad.stderr


def test_an_output_that_cannot_be_written_is_a_clear_error(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("Officials in Seoul said talks would resume.\n", encoding="utf-8")
    out = tmp_path / "missing-folder" / "out.jsonl"
    done = subprocess.run(
        [sys.executable, "-m", "tidings", "extract", str(article), "-o", str(out)],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 1
    assert "cannot write" in done.stderr and "Traceback" not in done.stderr
