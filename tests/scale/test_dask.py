"""`tidings run --engine dask` against a real scheduler and two workers on 127.0.0.1."""

from __future__ import annotations

import gzip
import itertools
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

BIN = Path(sys.executable).parent


@pytest.fixture
def scheduler(tmp_path: Path) -> Iterator[str]:
    """A dask scheduler plus one `dask worker` process running two worker processes."""
    from dask.distributed import Client

    sched_file = tmp_path / "scheduler.json"
    env = {**os.environ, "DASK_DISTRIBUTED__WORKER__DAEMON": "False"}
    procs = [
        subprocess.Popen(
            [
                BIN / "dask",
                "scheduler",
                "--host",
                "127.0.0.1",
                "--port",
                "0",
                "--no-dashboard",
                "--scheduler-file",
                sched_file,
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env=env,
        )
    ]
    try:
        deadline = time.monotonic() + 60
        while not sched_file.exists():
            assert time.monotonic() < deadline, "scheduler did not start"
            time.sleep(0.2)
        procs.append(
            subprocess.Popen(
                [
                    BIN / "dask",
                    "worker",
                    "--scheduler-file",
                    sched_file,
                    "--nworkers",
                    "2",
                    "--nthreads",
                    "1",
                    "--host",
                    "127.0.0.1",
                    "--no-dashboard",
                ],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                env=env,
            )
        )
        with Client(scheduler_file=str(sched_file), timeout=60) as client:
            client.wait_for_workers(2, timeout=120)
            address = client.scheduler.address
        assert address.startswith("tcp://127.0.0.1:")
        yield address
    finally:
        for p in reversed(procs):
            p.terminate()
        for p in procs:
            p.wait(timeout=30)


def test_dask_cluster_stores_every_article_exactly_once(
    scheduler: str, shared: Path, tmp_path: Path
) -> None:
    corpus = tmp_path / "guardian.jsonl"
    with gzip.open(shared / "data/corpora/guardian-world-249.jsonl.gz", "rt") as fh:
        corpus.write_text("".join(itertools.islice(fh, 10)), encoding="utf-8")
    db = tmp_path / "dask.duckdb"
    cmd = [
        BIN / "tidings",
        "run",
        corpus,
        "--db",
        db,
        "--scheduler",
        scheduler,
        "--batch-size",
        "2",
    ]
    for _ in range(2):  # the second run finds everything stored and adds nothing
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
        assert done.returncode == 0, done.stderr
    con = duckdb.connect(str(db), read_only=True)
    ((n, distinct),) = con.execute(
        "SELECT count(*), count(DISTINCT content_hash) FROM articles"
    ).fetchall()
    assert n == distinct == 10
    assert con.execute("SELECT count(*) FROM events").fetchone()[0] > 0
    assert "0 stored, 10 already stored" in done.stderr
