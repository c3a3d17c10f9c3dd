"""A `tidings run` killed with SIGKILL halfway and started again stores every article once."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tidings.store import open_store

N_ARTICLES = 80
TIDINGS = Path(sys.executable).with_name("tidings")

PEOPLE = ["The minister", "The president", "A spokesman", "The governor", "The envoy"]
VERBS = ["met", "criticised", "praised", "visited", "thanked"]
PLACES = ["Paris", "Nairobi", "Lima", "Hanoi", "Oslo", "Accra", "Quito", "Riga"]


def write_corpus(path: Path) -> None:
    """Short generated articles, each text different, as JSON Lines."""
    rng = random.Random(7)
    with path.open("w", encoding="utf-8") as out:
        for n in range(N_ARTICLES):
            sentences = [
                f"{rng.choice(PEOPLE)} {rng.choice(VERBS)} officials in {rng.choice(PLACES)} "
                f"on day {n} of the talks."
                for _ in range(3)
            ]
            record = {
                "id": f"gen-{n}",
                "text": " ".join(sentences),
                "published": "2020-03-01",
                "source": f"Outlet {n % 4}",
            }
            out.write(json.dumps(record) + "\n")


def stored_so_far(db: str) -> int:
    """Articles committed by the running process (PostgreSQL only: DuckDB is locked)."""
    import psycopg

    try:
        with psycopg.connect(db) as con:
            return con.execute("SELECT count(*) FROM articles").fetchone()[0]
    except psycopg.Error:
        return 0


def batch_committed(db: str, wal_sizes: list[int]) -> bool:
    """Whether the run has committed a batch of articles.

    PostgreSQL can be asked. DuckDB cannot be opened meanwhile, but its write-ahead log grows
    at each commit: the first size seen is the schema's, a larger one means a batch.
    """
    if db.startswith("postgresql://"):
        return stored_so_far(db) > 0
    wal = Path(db + ".wal")
    size = wal.stat().st_size if wal.exists() else 0
    if size and not wal_sizes:
        wal_sizes.append(size)
    return bool(wal_sizes) and size > wal_sizes[0]


@pytest.mark.slow
def test_killed_run_restarted_stores_every_article_once(db_url, tmp_path):
    corpus = tmp_path / "corpus.jsonl"
    write_corpus(corpus)
    cmd = [str(TIDINGS), "run", str(corpus), "--db", db_url, "--workers", "1", "--batch-size", "2"]
    proc = subprocess.Popen(cmd, stderr=subprocess.PIPE, start_new_session=True)
    deadline = time.monotonic() + 120
    wal_sizes: list[int] = []
    while not batch_committed(db_url, wal_sizes):
        assert proc.poll() is None, proc.stderr.read().decode()
        assert time.monotonic() < deadline, "no batch was committed within two minutes"
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    proc.stderr.close()

    with open_store(db_url) as store:
        halfway = store.counts()["articles"]
    assert 0 < halfway < N_ARTICLES, "the kill did not land mid-run"

    rerun = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    assert f"{halfway} already stored" in rerun.stderr

    with open_store(db_url) as store:
        ids = [r[0] for r in store.tuples("SELECT id FROM articles")]
        counts = store.counts()
        dup_events = store.tuples(
            "SELECT count(*) FROM (SELECT article_hash, idx FROM events "
            "GROUP BY article_hash, idx HAVING count(*) > 1) d"
        )[0][0]
        linked = store.tuples("SELECT count(DISTINCT event_id) FROM event_links")[0][0]
    assert sorted(ids) == sorted(f"gen-{n}" for n in range(N_ARTICLES))
    assert dup_events == 0
    assert linked == counts["events"] == counts["event_links"]
