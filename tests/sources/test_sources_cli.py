"""`tidings run` end to end over a folder of good and bad inputs."""

from __future__ import annotations

import json

import duckdb
from click.testing import CliRunner

from tidings.interfaces.cli import cli

GOOD = (
    "Ministers meet over river dispute\n\n"
    "The foreign ministers of the two neighbouring states met in the capital on Tuesday to "
    "discuss the dam on their shared river.\n\n"
    "“We want an agreement before the rains come,” the host minister told reporters.\n\n"
    "Advertisement\n"
)
LATIN = "The café owners in the région protested on Monday against the new tax.\n"


def test_run_stores_good_inputs_and_records_each_failure(tmp_path):
    corpus = tmp_path / "in"
    corpus.mkdir()
    (corpus / "good.txt").write_text(GOOD, encoding="utf-8")
    (corpus / "latin.txt").write_bytes(LATIN.encode("cp1252"))
    (corpus / "scan.txt").write_bytes(b"\x00\x01\x02\xff" * 300)
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "feed.jsonl").write_text(
        json.dumps({"id": "feed-1", "body": "Rebels released twelve hostages on Sunday."})
        + "\n{broken\n"
        + json.dumps({"id": "feed-3", "text": "the wrong key"})
        + "\n",
        encoding="utf-8",
    )
    db = tmp_path / "out.duckdb"
    args = ["run", str(corpus), "--db", str(db), "--workers", "1", "--field", "text=body"]
    result = CliRunner().invoke(cli, [*args, "--published", "2024-03-05"])

    assert result.exit_code == 1, result.output
    assert "3 articles read, 3 stored" in result.stderr
    assert "4 input(s) failed:" in result.stderr
    assert f"{corpus / 'scan.txt'}: [read] binary data" in result.stderr

    con = duckdb.connect(str(db), read_only=True)
    try:
        stored = {r[0] for r in con.execute("SELECT id FROM articles").fetchall()}
        failures = con.execute(
            "SELECT origin, stage, error FROM failures ORDER BY origin"
        ).fetchall()
    finally:
        con.close()
    assert stored == {"good", "latin", "feed-1"}
    assert [(origin, stage) for origin, stage, _ in failures] == [
        (str(corpus / "empty.txt"), "read"),
        (f"{corpus / 'feed.jsonl'}:2", "read"),
        (f"{corpus / 'feed.jsonl'}:3", "read"),
        (str(corpus / "scan.txt"), "read"),
    ]
    assert failures[0][2] == "empty file"
    assert failures[1][2].startswith("invalid JSON")
    assert "no 'body' field" in failures[2][2]


def test_bad_field_option_is_a_usage_error():
    result = CliRunner().invoke(cli, ["extract", "-", "--field", "body"])
    assert result.exit_code == 2
    assert "NAME=KEY" in result.output + result.stderr
