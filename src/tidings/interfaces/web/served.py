"""The server's single connection to the database, and ingestion through it.

DuckDB lets one process hold a database file read-write, and no other process may open it
meanwhile (not even read-only). So while ``tidings serve`` runs, the server is the only
writer: every read and write goes through :class:`ServedDatabase`, and new articles come in
through ``POST /api/ingest``, which extracts them in a background thread and writes them
through the same connection. A marker file beside the database (``<db>.serving``) names the
server's URL, so other commands can say where to send articles instead of failing on a lock.

Accepted articles are first written to a spool beside the database (``<db>.ingest/``, one
file per job, fsynced before the 202), so a server that is killed loses none: the next one
drains the spool, skipping what was stored already.
"""

from __future__ import annotations

import itertools
import json
import os
import threading
import time
import uuid
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, TypeVar

from tidings.config import Settings
from tidings.interfaces.web.workers import ExtractionWorkers
from tidings.records import Article, Extraction, Failure, from_json, to_json
from tidings.store import Store, open_store

T = TypeVar("T")

JobState = Literal["queued", "running", "done", "failed"]


class ServedDatabase:
    """One open store shared by every request; a lock serialises access to the connection."""

    def __init__(self, settings: Settings) -> None:
        self.url = settings.db
        self.store: Store = open_store(settings.db)
        self._lock = threading.RLock()

    def run(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Call ``fn(store, *args, **kwargs)`` while holding the connection."""
        with self._lock:
            return fn(self.store, *args, **kwargs)

    def close(self) -> None:
        with self._lock:
            self.store.close()


def marker_path(db: str) -> Path | None:
    """The file announcing that ``db`` is being served; None for non-file databases."""
    if db.startswith(("postgresql://", "postgres://")) or db == ":memory:":
        return None
    return Path(db + ".serving")


def spool_path(db: str) -> Path | None:
    """The folder holding accepted, unfinished ingest jobs; None for non-file databases."""
    marker = marker_path(db)
    return None if marker is None else Path(db + ".ingest")


def announce(db: str, url: str) -> None:
    """Write the marker that tells other commands ``db`` is served at ``url``."""
    path = marker_path(db)
    if path is not None:
        path.write_text(json.dumps({"url": url, "pid": os.getpid()}), encoding="utf-8")


def withdraw(db: str) -> None:
    """Remove the marker written by :func:`announce` (if it is still ours)."""
    path = marker_path(db)
    if path is not None and path.is_file():
        try:
            if json.loads(path.read_text(encoding="utf-8")).get("pid") == os.getpid():
                path.unlink()
        except (OSError, ValueError):
            pass


def served_by(db: str) -> str | None:
    """The URL of the live ``tidings serve`` holding ``db``, or None.

    Commands that would write to ``db`` call this first and point the user at
    ``<url>/api/ingest`` instead of failing on DuckDB's file lock.
    """
    path = marker_path(db)
    if path is None or not path.is_file():
        return None
    try:
        info = json.loads(path.read_text(encoding="utf-8"))
        os.kill(int(info["pid"]), 0)
    except (OSError, ValueError, KeyError, TypeError):
        return None  # stale marker: the server is gone
    return str(info["url"])


@dataclass(slots=True)
class IngestJob:
    """Progress of one ``POST /api/ingest`` request."""

    id: str
    submitted: int
    state: JobState = "queued"
    stored: int = 0
    skipped: int = 0
    failed: int = 0
    failures: list[Failure] = field(default_factory=list)
    error: str | None = None
    started: float = field(default_factory=time.time)
    finished: float | None = None

    def to_json(self) -> dict[str, Any]:
        data = to_json(self)
        data["failures"] = data["failures"][:100]
        return data


class Ingestor:
    """Runs ingest jobs one at a time in a background thread, writing through the server.

    Extraction runs in the server's worker processes (shared with ``/api/analyse``), under
    their time limits; large corpora are faster with ``tidings run`` while the server is
    stopped.
    """

    KEEP = 200

    def __init__(self, db: ServedDatabase, settings: Settings, workers: ExtractionWorkers) -> None:
        self.db, self.settings, self.workers = db, settings, workers
        self.jobs: dict[str, IngestJob] = {}
        self.spool = spool_path(settings.db)
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="tidings-ingest")
        self._stopping = False

    def submit(self, articles: list[Article]) -> IngestJob:
        """Accept a job: once this returns, its articles survive a crash of the server.

        Raises :class:`SpoolError` when they cannot be written to the spool.
        """
        job = IngestJob(id=uuid.uuid4().hex[:12], submitted=len(articles))
        if self.spool is not None:
            try:
                _write_spool(self.spool, job.id, articles)
            except OSError as exc:
                raise SpoolError(f"cannot accept the articles: {exc}") from exc
        self._queue(job, articles)
        return job

    def resume(self) -> int:
        """Queue the jobs a previous server accepted but did not finish; how many."""
        if self.spool is None or not self.spool.is_dir():
            return 0
        for unacknowledged in self.spool.glob("*.tmp"):
            unacknowledged.unlink()
        files = sorted(self.spool.glob("*.jsonl"), key=lambda p: p.stat().st_mtime_ns)
        for path in files:
            with path.open(encoding="utf-8") as fh:
                articles = [from_json(Article, json.loads(line)) for line in fh]
            self._queue(IngestJob(id=path.stem, submitted=len(articles)), articles)
        return len(files)

    def _queue(self, job: IngestJob, articles: list[Article]) -> None:
        self.jobs[job.id] = job
        for old in list(self.jobs)[: max(0, len(self.jobs) - self.KEEP)]:
            del self.jobs[old]
        self._pool.submit(self._run, job, articles)

    def _run(self, job: IngestJob, articles: list[Article]) -> None:
        job.state = "running"
        try:
            fresh = self._unseen(job, articles)
            for chunk in _chunks(fresh, self.settings.batch_size):
                if self._stopping:
                    return  # the spool keeps the job for the next server
                results = self.workers.extract(chunk)
                extractions = [r for r in results if isinstance(r, Extraction)]
                failures = [r for r in results if isinstance(r, Failure)]
                job.stored += self.db.run(lambda s, e=extractions, f=failures: s.write(e, f))
                job.failed += len(failures)
                job.failures.extend(failures)
            job.state = "done"
            if self.spool is not None:
                # A kill before this unlink only makes the next server skip stored texts.
                (self.spool / f"{job.id}.jsonl").unlink(missing_ok=True)
        except Exception as exc:  # reported through the job status; the spool keeps it
            job.state, job.error = "failed", f"{type(exc).__name__}: {exc}"
        finally:
            job.finished = time.time()

    def _unseen(self, job: IngestJob, articles: list[Article]) -> list[Article]:
        """Articles not stored yet, each text once."""
        known = self.db.run(lambda s: s.known([a.content_hash for a in articles]))
        fresh: dict[str, Article] = {}
        for a in articles:
            if a.content_hash in known or a.content_hash in fresh:
                job.skipped += 1
            else:
                fresh[a.content_hash] = a
        return list(fresh.values())

    def close(self) -> None:
        """Stop after the current batch; unfinished jobs stay in the spool."""
        self._stopping = True
        self._pool.shutdown(wait=True, cancel_futures=True)


class SpoolError(Exception):
    """Accepted articles could not be written to the spool (full disk, read-only folder)."""


def _write_spool(spool: Path, job_id: str, articles: list[Article]) -> None:
    if not spool.is_dir():
        spool.mkdir(exist_ok=True)
        _fsync_dir(spool.parent)
    tmp = spool / f"{job_id}.tmp"
    try:
        with tmp.open("w", encoding="utf-8") as fh:
            for article in articles:
                fh.write(json.dumps(to_json(article), ensure_ascii=False) + "\n")
            fh.flush()
            os.fsync(fh.fileno())
    except OSError:
        tmp.unlink(missing_ok=True)
        raise
    tmp.replace(spool / f"{job_id}.jsonl")  # whole or absent
    _fsync_dir(spool)


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _chunks(items: Iterable[Article], size: int) -> Iterable[list[Article]]:
    it = iter(items)
    while chunk := list(itertools.islice(it, size)):
        yield chunk
