"""Shared fixtures: the real news under ../shared and the loaded resources."""

from __future__ import annotations

from collections.abc import Iterator
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


# ---- PostgreSQL: one throwaway server per test session (store and analysis tests) ----------

PG_BIN = Path("/usr/lib/postgresql/15/bin")


def _as_postgres(*cmd: str) -> list[str]:
    """Run as the postgres user when we are root (initdb refuses to run as root)."""
    import os

    return ["runuser", "-u", "postgres", "--", *cmd] if os.geteuid() == 0 else list(cmd)


@pytest.fixture(scope="session")
def postgres_server():
    """A PostgreSQL 15 server on 127.0.0.1 and a free port; yields its base URL."""
    import os
    import shutil
    import subprocess
    import tempfile

    from tests.servers import free_port

    if not (PG_BIN / "pg_ctl").exists():
        pytest.fail(f"PostgreSQL 15 binaries not found in {PG_BIN}")
    # Under /tmp whatever TMPDIR says: the postgres user must be able to reach it.
    root = Path(tempfile.mkdtemp(prefix="tidings-pg-", dir="/tmp"))
    data = root / "data"
    data.mkdir()
    if os.geteuid() == 0:
        shutil.chown(root, "postgres")
        shutil.chown(data, "postgres")
    port = free_port()
    run = dict(check=True, capture_output=True)
    subprocess.run(
        _as_postgres(
            str(PG_BIN / "initdb"), "-D", str(data), "-U", "postgres", "-A", "trust", "--no-sync"
        ),
        **run,
    )
    opts = f"-c listen_addresses=127.0.0.1 -p {port} -k {root} -c fsync=off"
    subprocess.run(
        _as_postgres(
            str(PG_BIN / "pg_ctl"),
            "-D",
            str(data),
            "-w",
            "-l",
            str(root / "log"),
            "-o",
            opts,
            "start",
        ),
        **run,
    )
    try:
        yield f"postgresql://postgres@127.0.0.1:{port}"
    finally:
        subprocess.run(
            _as_postgres(str(PG_BIN / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"),
            capture_output=True,
        )
        shutil.rmtree(root, ignore_errors=True)


BACKENDS = ["duckdb", pytest.param("postgresql", marks=pytest.mark.postgres)]


@pytest.fixture(scope="session")
def new_db_url(request, tmp_path_factory):
    """A function giving a new, empty database URL on a backend ("duckdb" or "postgresql")."""
    import uuid

    def make(backend: str) -> str:
        name = f"t_{uuid.uuid4().hex[:12]}"
        if backend == "duckdb":
            return str(tmp_path_factory.mktemp("db") / f"{name}.duckdb")
        import psycopg

        base = request.getfixturevalue("postgres_server")
        with psycopg.connect(f"{base}/postgres", autocommit=True) as con:
            con.execute(f"CREATE DATABASE {name}")
        return f"{base}/{name}"

    return make


@pytest.fixture(params=BACKENDS)
def db_url(request, new_db_url):
    """An empty tidings database URL on each backend: a DuckDB file, a fresh PG database."""
    return new_db_url(request.param)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Debian's headless Chromium under Playwright, flags from tidings.interfaces.web.browser."""
    from playwright.sync_api import sync_playwright

    from tidings.interfaces.web.browser import CHROMIUM, launch_chromium

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} missing: run `make system` (apt-get install chromium)")
    with sync_playwright() as p:
        b = launch_chromium(p)
        yield b
        b.close()
