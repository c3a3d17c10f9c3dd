"""`tidings serve` as a process: it owns the database, and `tidings run` is pointed at it."""

from __future__ import annotations

import json
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from tests.servers import free_port


def tidings(*args: str) -> list[str]:
    """The installed ``tidings`` script of this environment."""
    return [str(Path(sys.executable).with_name("tidings")), *args]


@pytest.mark.slow
def test_served_database_has_one_writer(web_db: Path, tmp_path: Path, seed_path: Path):
    db = tmp_path / "served.duckdb"
    shutil.copy(web_db, db)
    port = free_port()
    server = subprocess.Popen(
        tidings("serve", "--db", str(db), "--port", str(port)),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    marker = Path(f"{db}.serving")
    try:
        deadline = time.monotonic() + 90
        while not marker.exists():
            assert server.poll() is None, server.stdout.read().decode()
            assert time.monotonic() < deadline, "the server did not start"
            time.sleep(0.2)
        url = json.loads(marker.read_text())["url"]
        assert url == f"http://127.0.0.1:{port}"
        assert httpx.get(f"{url}/api/summary", timeout=30).json()["counts"]["articles"] > 0

        refused = subprocess.run(
            tidings("run", "--db", str(db), str(seed_path)), capture_output=True, text=True
        )
        assert refused.returncode != 0
        assert f"{url}/api/ingest" in refused.stderr

        second = subprocess.run(
            tidings("serve", "--db", str(db), "--port", str(port + 1)),
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert second.returncode != 0 and "already served" in second.stderr
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=60)
    assert not marker.exists()
