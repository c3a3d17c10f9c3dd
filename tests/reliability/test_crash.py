"""Crash safety: ``tidings run`` and ``tidings serve`` killed mid-write, a full disk, a
read-only location.

After each, the database must open, hold whole articles only (each stored article has the
same child rows an uninterrupted run gives it, and nothing refers to a missing row), and a
rerun must complete with every article exactly once. Failures to write must read as a
message, not a traceback.
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import resource
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import httpx
import pytest
from tests.servers import free_port

from tidings.config import Settings
from tidings.pipeline import run

pytestmark = pytest.mark.slow

TIDINGS = Path(sys.executable).with_name("tidings")
N_ARTICLES = 40

LEADERS = [
    ("President Emmanuel Macron", "France"),
    ("Chancellor Olaf Scholz", "Germany"),
    ("Prime Minister Fumio Kishida", "Japan"),
    ("President Joe Biden", "the United States"),
    ("President Xi Jinping", "China"),
    ("Prime Minister Narendra Modi", "India"),
]
ACTS = [
    "met {b} in {city} on Monday to discuss trade",
    "accused {b} of violating the ceasefire",
    "signed an energy agreement with {b} in {city}",
    "threatened {b} with new sanctions",
    "praised {b} for its aid to refugees",
]
CITIES = ["Paris", "Berlin", "Tokyo", "Washington", "Beijing", "New Delhi"]


def write_corpus(path: Path, n: int = N_ARTICLES, seed: int = 11) -> None:
    """Generated articles with events, quotes and dates, each text different."""
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8") as out:
        for i in range(n):
            (a, _), (_, b) = rng.sample(LEADERS, 2)
            act = rng.choice(ACTS).format(b=b, city=rng.choice(CITIES))
            text = (
                f"{a} {act}. The talks, the {i + 1}th this year, ended on Tuesday. "
                f'"We expect results by March," {a.split()[-1]} told reporters in '
                f"{rng.choice(CITIES)}."
            )
            record = {"id": f"a{i}", "text": text, "published": "2023-02-0" + str(i % 9 + 1)}
            out.write(json.dumps(record) + "\n")


def tidings_run(corpus: Path, db: Path, **popen: Any) -> subprocess.Popen[bytes]:
    cmd = [str(TIDINGS), "run", str(corpus), "--db", str(db), "--workers", "1"]
    return subprocess.Popen([*cmd, "--batch-size", "2"], stderr=subprocess.PIPE, **popen)


def finish(proc: subprocess.Popen[bytes], timeout: float = 300) -> tuple[int, str]:
    _, err = proc.communicate(timeout=timeout)
    return proc.returncode, err.decode()


def signatures(db: Path) -> dict[str, tuple[Any, ...]]:
    """Per stored article id: its child rows in every table, in a comparable form."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        ids = dict(con.execute("SELECT content_hash, id FROM articles").fetchall())
        out: dict[str, list[Any]] = {i: [] for i in ids.values()}
        for table in ("quotes", "times", "entities"):
            counts = dict(
                con.execute(f"SELECT article_hash, count(*) FROM {table} GROUP BY 1").fetchall()
            )
            for h, i in ids.items():
                out[i].append((table, counts.get(h, 0)))
        events = con.execute(
            "SELECT e.article_hash, e.idx, e.type, e.actor_country, e.recipient_country, "
            "(SELECT count(*) FROM event_actors x WHERE x.event_id = e.event_id) "
            "FROM events e ORDER BY 1, 2"
        ).fetchall()
        for h, *event in events:
            out[ids[h]].append(tuple(event))
        return {i: tuple(rows) for i, rows in out.items()}
    finally:
        con.close()


def assert_consistent(db: Path) -> int:
    """Nothing refers to a missing row and every event is linked once; the article count."""
    con = duckdb.connect(str(db))  # read-write: the open replays whatever the WAL holds
    try:
        orphans = {
            table: con.execute(
                f"SELECT count(*) FROM {table} t WHERE NOT EXISTS "
                "(SELECT 1 FROM articles a WHERE a.content_hash = t.article_hash)"
            ).fetchone()[0]
            for table in ("quotes", "events", "times", "entities")
        }
        orphans["event_actors"] = con.execute(
            "SELECT count(*) FROM event_actors x "
            "WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.event_id = x.event_id)"
        ).fetchone()[0]
        orphans["event_links"] = con.execute(
            "SELECT count(*) FROM event_links l WHERE NOT EXISTS "
            "(SELECT 1 FROM canonical_events c WHERE c.canonical_id = l.canonical_id)"
        ).fetchone()[0]
        assert not any(orphans.values()), f"rows without a parent: {orphans}"
        unlinked = con.execute(
            "SELECT count(*) FROM events e LEFT JOIN event_links l ON l.event_id = e.event_id "
            "GROUP BY e.event_id HAVING count(l.event_id) <> 1"
        ).fetchall()
        assert not unlinked, f"{len(unlinked)} events not linked exactly once"
        mentions, events = con.execute(
            "SELECT (SELECT coalesce(sum(num_mentions), 0) FROM canonical_events), "
            "(SELECT count(*) FROM events)"
        ).fetchone()
        assert mentions == events
        dupes = con.execute(
            "SELECT count(*) FROM (SELECT id FROM articles GROUP BY id HAVING count(*) > 1)"
        ).fetchone()[0]
        assert dupes == 0
        return con.execute("SELECT count(*) FROM articles").fetchone()[0]
    finally:
        con.close()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("crash") / "corpus.jsonl"
    write_corpus(path)
    return path


@pytest.fixture(scope="module")
def reference(corpus: Path) -> dict[str, tuple[Any, ...]]:
    """What an uninterrupted run stores for each article."""
    db = corpus.with_name("reference.duckdb")
    summary = run([str(corpus)], Settings(db=str(db), workers=1, batch_size=8))
    assert summary.stored == N_ARTICLES and not summary.failures
    return signatures(db)


def wal_grew(db: Path, seen: list[int]) -> bool:
    """Whether the run has committed a batch since we started watching: the WAL grew."""
    wal = Path(str(db) + ".wal")
    size = wal.stat().st_size if wal.exists() else 0
    if not seen:
        seen.append(size)
    return size > seen[0]


def test_sigkill_during_writes_leaves_whole_articles_and_a_rerun_completes(
    corpus: Path, reference: dict[str, tuple[Any, ...]], tmp_path: Path
):
    db = tmp_path / "killed.duckdb"
    rng = random.Random(3)
    stored_at_kill = []
    for delay in (0.0, rng.uniform(0.05, 0.6)):  # at the first WAL write, then mid-batch
        proc = tidings_run(corpus, db, start_new_session=True)
        seen: list[int] = []
        deadline = time.monotonic() + 240
        while not wal_grew(db, seen):
            assert proc.poll() is None, proc.stderr.read().decode() if proc.stderr else ""
            assert time.monotonic() < deadline, "no batch was committed within four minutes"
            time.sleep(0.001)
        time.sleep(delay)
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        if proc.stderr:
            proc.stderr.close()
        stored_at_kill.append(assert_consistent(db))
        for article_id, rows in signatures(db).items():
            assert rows == reference[article_id], f"{article_id} was stored in part"
    assert 0 < stored_at_kill[-1] < N_ARTICLES, f"the kills did not land mid-run: {stored_at_kill}"

    code, err = finish(tidings_run(corpus, db))
    assert code == 0, err
    assert f"{stored_at_kill[-1]} already stored" in err
    assert assert_consistent(db) == N_ARTICLES
    assert signatures(db) == reference


@contextlib.contextmanager
def read_only_dir(path: Path) -> Iterator[None]:
    """Make ``path`` read-only even for root: a read-only bind mount, else chattr +i."""
    if os.geteuid() != 0:
        path.chmod(0o555)
        try:
            yield
        finally:
            path.chmod(0o755)
        return
    bind = subprocess.run(["mount", "--bind", str(path), str(path)], capture_output=True)
    if bind.returncode == 0:
        ro = subprocess.run(
            ["mount", "-o", "remount,bind,ro", str(path)], capture_output=True, text=True
        )
        try:
            assert ro.returncode == 0, ro.stderr
            yield
        finally:
            subprocess.run(["umount", str(path)], check=True)
        return
    files = [path, *path.iterdir()]
    chattr = subprocess.run(["chattr", "+i", *map(str, files)], capture_output=True, text=True)
    if chattr.returncode != 0:
        pytest.skip(f"cannot make a directory read-only as root here: {chattr.stderr}")
    try:
        yield
    finally:
        subprocess.run(["chattr", "-i", *map(str, files)], check=True)


def assert_clear_refusal(code: int, err: str, db: Path) -> None:
    assert code == 1, err
    assert "Traceback" not in err, err
    assert f"Error: cannot write to the database {db}" in err, err


def test_read_only_location_gives_a_clear_message(corpus: Path, tmp_path: Path):
    place = tmp_path / "ro"
    place.mkdir()
    small = tmp_path / "small.jsonl"
    write_corpus(small, n=3)
    existing = place / "existing.duckdb"
    code, err = finish(tidings_run(small, existing))
    assert code == 0, err
    before = shutil.copy(existing, tmp_path / "before.duckdb")
    with read_only_dir(place):
        for db in (existing, place / "new.duckdb"):
            code, err = finish(tidings_run(corpus, db))
            assert_clear_refusal(code, err, db)
    assert not (place / "new.duckdb").exists()
    assert signatures(existing) == signatures(Path(before))


def test_full_disk_gives_a_clear_message_and_a_rerun_completes(
    corpus: Path, reference: dict[str, tuple[Any, ...]], tmp_path: Path
):
    db = tmp_path / "full.duckdb"

    def small_disk() -> None:
        # Writing past the limit then fails with EFBIG ("File too large") instead of
        # killing the process with SIGXFSZ, the way a full disk fails with ENOSPC.
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (100_000, 100_000))

    code, err = finish(tidings_run(corpus, db, preexec_fn=small_disk))
    assert_clear_refusal(code, err, db)
    assert "File too large" in err
    stored = assert_consistent(db)
    assert 0 < stored < N_ARTICLES, "the disk must fill up mid-run"
    for article_id, rows in signatures(db).items():
        assert rows == reference[article_id], f"{article_id} was stored in part"

    code, err = finish(tidings_run(corpus, db))
    assert code == 0, err
    assert f"{stored} already stored" in err
    assert assert_consistent(db) == N_ARTICLES
    assert signatures(db) == reference


def serve(db: Path, port: int) -> subprocess.Popen[bytes]:
    """``tidings serve`` writing in batches of two; returns once it answers.

    Its processes carry ``SERVED_DB=<db>`` in their environment (see :func:`survivors`).
    """
    env = {**os.environ, "TIDINGS_BATCH_SIZE": "2", "SERVED_DB": str(db)}
    cmd = [str(TIDINGS), "serve", "--db", str(db), "--port", str(port)]
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while True:
        assert proc.poll() is None and time.monotonic() < deadline, "tidings serve did not start"
        with contextlib.suppress(httpx.HTTPError):
            if httpx.get(f"http://127.0.0.1:{port}/api/summary", timeout=5).status_code == 200:
                return proc
        time.sleep(0.2)


def survivors(db: Path, within: float = 20) -> list[int]:
    """Processes of a killed server over ``db`` still alive after ``within`` seconds."""
    tag = f"SERVED_DB={db}".encode()
    deadline = time.monotonic() + within
    while True:
        alive = []
        for entry in Path("/proc").iterdir():
            with contextlib.suppress(OSError):
                if entry.name.isdigit() and tag in (entry / "environ").read_bytes().split(b"\0"):
                    alive.append(int(entry.name))
        if not alive or time.monotonic() > deadline:
            return alive
        time.sleep(0.5)


def wait_done(base: str, location: str, timeout: float = 300) -> dict[str, Any]:
    """Poll an ingest job until it is done or failed; its last status."""
    deadline = time.monotonic() + timeout
    while (job := httpx.get(base + location, timeout=60).json()).get("state") not in (
        "done",
        "failed",
    ):
        assert time.monotonic() < deadline, f"the ingest job did not finish: {job}"
        time.sleep(0.2)
    return job


def test_server_killed_during_ingest_keeps_whole_articles_and_resumes(
    corpus: Path, reference: dict[str, tuple[Any, ...]], tmp_path: Path
):
    db = tmp_path / "served.duckdb"
    articles = [json.loads(line) for line in corpus.read_text().splitlines()]
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    proc = serve(db, port)
    try:
        r = httpx.post(base + "/api/ingest", json={"articles": articles}, timeout=60)
        assert r.status_code == 202, r.text
        deadline = time.monotonic() + 240
        while httpx.get(base + r.headers["location"], timeout=60).json()["stored"] < 4:
            assert time.monotonic() < deadline, "the server stored nothing within four minutes"
            time.sleep(0.05)
    finally:
        proc.kill()  # SIGKILL, mid-job
        proc.wait()
    stored = assert_consistent(db)
    assert 4 <= stored < N_ARTICLES, "the kill did not land mid-job"
    for article_id, rows in signatures(db).items():
        assert rows == reference[article_id], f"{article_id} was stored in part"

    # The accepted job was spooled: the next server finishes it under the same id, skipping
    # what is stored; sending the batch again then adds nothing.
    proc = serve(db, port)
    try:
        job = wait_done(base, r.headers["location"])
        again = httpx.post(base + "/api/ingest", json={"articles": articles}, timeout=60)
        repeat = wait_done(base, again.headers["location"])
    finally:
        proc.terminate()
        proc.wait(timeout=60)
    assert job["state"] == "done" and job["skipped"] == stored, job
    assert job["stored"] == N_ARTICLES - stored, job
    assert repeat["skipped"] == N_ARTICLES and repeat["stored"] == 0, repeat
    assert assert_consistent(db) == N_ARTICLES
    assert signatures(db) == reference
    assert not list(Path(f"{db}.ingest").glob("*.jsonl")), "finished jobs left in the spool"


def test_every_acknowledged_article_is_stored_once_after_a_kill(tmp_path: Path):
    db = tmp_path / "served.duckdb"
    write_corpus(tmp_path / "small.jsonl", n=6, seed=5)
    articles = [json.loads(line) for line in (tmp_path / "small.jsonl").read_text().splitlines()]
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    proc = serve(db, port)
    try:
        # Two jobs, each text also sent twice; killed as soon as both are acknowledged.
        locations = []
        for half in (articles[:4], articles[2:]):
            r = httpx.post(base + "/api/ingest", json={"articles": half}, timeout=60)
            assert r.status_code == 202, r.text
            locations.append(r.headers["location"])
    finally:
        proc.kill()
    try:  # not reaped yet: the workers must also notice a zombie server
        assert not survivors(db), "the killed server's worker processes live on"
    finally:
        proc.wait()
    proc = serve(db, port)
    try:
        jobs = [wait_done(base, location) for location in locations]
    finally:
        proc.terminate()
        proc.wait(timeout=60)
    assert sum(j["stored"] for j in jobs) == len(articles), jobs
    con = duckdb.connect(str(db), read_only=True)
    try:
        ids = sorted(r[0] for r in con.execute("SELECT id FROM articles").fetchall())
    finally:
        con.close()
    assert ids == sorted(a["id"] for a in articles)
