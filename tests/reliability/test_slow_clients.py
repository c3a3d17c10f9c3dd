"""Slow clients (slowloris) over real HTTP on 127.0.0.1: a request whose headers or body
trickle in is cut off after ``request_timeout``, and other clients are served meanwhile."""

from __future__ import annotations

import contextlib
import socket
import time
from collections.abc import Iterator

import httpx
import pytest
from tests.servers import app_server

from tidings.config import Settings
from tidings.interfaces.web import create_app
from tidings.interfaces.web.limits import server_options

pytestmark = pytest.mark.slow

TIMEOUT = 1.0
PATIENCE = 20.0
"""How long the slow client keeps trickling before the test gives up on the server."""


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    settings = Settings(
        db=str(tmp_path_factory.mktemp("slow") / "slow.duckdb"), request_timeout=TIMEOUT
    )
    with app_server(create_app(settings, warm=False), **server_options(settings)) as url:
        yield url


def trickle(base: str, prompt: bytes, slow: bytes) -> tuple[bytes, float]:
    """Send ``prompt`` at once, then ``slow`` a byte every 0.2 s until the server answers or
    closes; what it sent back, and after how many seconds of trickling. Meanwhile a normal
    request must pass."""
    host, port = base.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=PATIENCE) as s:
        s.sendall(prompt)
        s.setblocking(False)
        began = time.monotonic()
        answer = b""
        checked = False
        for byte in slow[:-1]:  # never complete the request
            with contextlib.suppress(BlockingIOError):
                chunk = s.recv(65536)
                answer += chunk
                if not chunk:
                    break  # closed
            try:
                s.send(bytes([byte]))
            except (BrokenPipeError, ConnectionResetError):
                break
            if not checked:
                assert httpx.get(base + "/api/summary", timeout=10).status_code == 200
                checked = True
            time.sleep(0.2)
            assert time.monotonic() - began < PATIENCE, "the server waited for the slow client"
        s.setblocking(True)
        with contextlib.suppress(ConnectionResetError):
            while chunk := s.recv(65536):
                answer += chunk
        return answer, time.monotonic() - began


def test_headers_sent_slowly_are_cut_off(base: str):
    head = b"GET /api/summary HTTP/1.1\r\nHost: x\r\n" + b"X-Slow: " + b"a" * 200 + b"\r\n\r\n"
    answer, took = trickle(base, b"", head)
    assert answer.startswith(b"HTTP/1.1 408"), answer
    assert took < TIMEOUT + 5


@pytest.mark.parametrize("path", ["/api/analyse", "/api/ingest"])
def test_a_body_sent_slowly_is_cut_off_with_408(base: str, path: str):
    body = b'{"text": "' + b"a" * 300 + b'"}'
    head = (
        f"POST {path} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        f"Content-Length: {len(body)}\r\n\r\n"
    ).encode()
    answer, took = trickle(base, head, body)
    assert answer.startswith(b"HTTP/1.1 408"), answer
    assert b"not received within" in answer
    assert took < TIMEOUT + 5


def test_a_connection_that_sends_nothing_is_closed(base: str):
    host, port = base.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=PATIENCE) as s:
        began = time.monotonic()
        assert s.recv(65536).startswith(b"HTTP/1.1 408")
        assert time.monotonic() - began < TIMEOUT + 5


def test_prompt_requests_are_unaffected(base: str):
    with httpx.Client(base_url=base, timeout=10) as c:
        for _ in range(3):
            assert c.get("/api/summary").status_code == 200
            time.sleep(TIMEOUT * 1.5)  # idle between requests is not a slow request
