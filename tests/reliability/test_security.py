"""The web app under attack: SQL injection through every filter, path traversal, CORS, body
limits, malformed input, the API token and the default bind address.

Endpoints and their parameters are enumerated from the app itself (the OpenAPI schema for
the API, the router for the dashboard pages), so a filter added later is attacked too.
Every test runs a real uvicorn on 127.0.0.1 over a real DuckDB file built by the pipeline.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import duckdb
import httpx
import pytest
from tests.servers import app_server

from tidings.config import Settings
from tidings.interfaces.web import create_app, pages
from tidings.pipeline import run

pytestmark = pytest.mark.slow

TIDINGS = Path(sys.executable).with_name("tidings")
APP_SOURCE = Path(pages.__file__).with_name("app.py")

# Our own sentences; none contains % _ \ ' or any payload below, so a filter that treats a
# payload as data matches nothing, and one that lets it into the SQL shows it.
CORPUS = [
    'President Moon Jae-in met Kim Jong Un in Panmunjom on Friday. "We will talk again '
    'soon," Moon told reporters.',
    "China accused Japan of provoking tension in the East China Sea on Tuesday. The foreign "
    "ministry in Beijing summoned the Japanese ambassador.",
    'The United States imposed new sanctions on Iran. "This is economic war," said Iranian '
    "Foreign Minister Mohammad Javad Zarif.",
    "Russian troops attacked positions near Kharkiv overnight. Ukraine asked Germany for "
    "more air defence systems.",
    "Germany and France signed an agreement on energy cooperation in Berlin on Monday.",
]

PAYLOADS = [
    "' OR '1'='1",
    "' OR 1=1 --",
    '" OR ""="',
    "1; DROP TABLE articles; --",
    "'); DELETE FROM events; --",
    "' UNION SELECT NULL, version() --",
    "' || (SELECT string_agg(text, '') FROM articles) || '",
    "'; ATTACH '/tmp/tidings-pwned.db' AS x; --",
    "USA' AND 1=1 --",
    "'--",
    "%%%",
    "%",
    "_",
    "\\",
    "\x00",
    "<script>alert(1)</script>",
]
# Text a leaked database or server error would carry (never the payloads themselves).
LEAKS = [
    "Binder Error",
    "Parser Error",
    "Catalog Error",
    "Conversion Error",
    "Invalid Input Error",
    "duckdb",
    "psycopg",
    "Traceback",
    "syntax error at",
    "Internal Server Error",
]


@pytest.fixture(scope="module")
def built_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A DuckDB file the pipeline built from CORPUS."""
    work = tmp_path_factory.mktemp("secdb")
    corpus = work / "corpus.jsonl"
    with corpus.open("w", encoding="utf-8") as out:
        for n, text in enumerate(CORPUS):
            record = {"id": f"s{n}", "text": text, "published": f"2021-03-0{n + 1}"}
            out.write(json.dumps({**record, "source": "Wire"}) + "\n")
    db = work / "built.duckdb"
    summary = run([str(corpus)], Settings(db=str(db), workers=1))
    assert summary.stored == len(CORPUS)
    return db


@pytest.fixture()
def db(built_db: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "served.duckdb"
    shutil.copy(built_db, copy)
    return copy


@contextlib.contextmanager
def live(settings: Settings) -> Iterator[str]:
    """The app under uvicorn on a free loopback port; yields its base URL."""
    with app_server(create_app(settings, warm=False)) as base:
        yield base


def fingerprint(db: Path) -> dict[str, str]:
    """A digest of every row of every table (the server must be stopped)."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        tables = [r[0] for r in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()]
        return {
            t: hashlib.sha256(
                repr(sorted(map(repr, con.execute(f'SELECT * FROM "{t}"').fetchall()))).encode()
            ).hexdigest()
            for t in tables
        }
    finally:
        con.close()


def raw_get(base: str, target: str) -> tuple[int, bytes]:
    """GET ``target`` sent byte for byte (no client normalises it); status and body."""
    host, port = base.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=30) as s:
        s.sendall(f"GET {target} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n".encode())
        data = b""
        while chunk := s.recv(65536):
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    return int(head.split()[1]), body


def api_routes(base: str) -> list[tuple[str, str, list[dict[str, Any]]]]:
    """(method, path, parameters) of every operation in the app's OpenAPI schema."""
    schema = httpx.get(base + "/openapi.json").json()
    return [
        (method.upper(), path, op.get("parameters", []))
        for path, ops in schema["paths"].items()
        for method, op in ops.items()
    ]


def page_routes() -> list[tuple[str, list[str], list[str]]]:
    """(path, query parameters, path parameters) of every dashboard page."""

    def names(dependant: Any, kind: str) -> list[str]:
        own = [p.name for p in getattr(dependant, kind)]
        return own + [n for sub in dependant.dependencies for n in names(sub, kind)]

    return [
        (r.path, names(r.dependant, "query_params"), names(r.dependant, "path_params"))
        for r in pages.router.routes
    ]


def takes_text(param: dict[str, Any]) -> bool:
    """Whether a parameter's schema admits free text (so every payload reaches the handler)."""
    schema = param.get("schema", {})
    options = schema.get("anyOf", [schema])
    return any(
        (o.get("type") == "string" and "enum" not in o and "format" not in o)
        or o.get("type") == "array"
        for o in options
    )


def empty_result(body: Any) -> bool:
    """Whether a list endpoint's JSON answer holds no rows."""
    if isinstance(body, list):
        return not body
    if "total" in body:
        return body["total"] == 0 and not body["rows"]
    if "edges" in body:
        return not body["edges"]
    return True  # not a list answer (a single record looked up by key)


def assert_safe(r: httpx.Response, what: str) -> None:
    assert r.status_code < 500, f"{what}: {r.status_code} {r.text[:300]}"
    leaked = [m for m in LEAKS if m.lower() in r.text.lower()]
    assert not leaked, f"{what}: response leaks {leaked}: {r.text[:300]}"
    if 400 <= r.status_code < 500 and r.headers.get("content-type", "").startswith("application"):
        assert r.json().get("detail"), f"{what}: a {r.status_code} without a message"


def test_sql_injection_through_every_filter_changes_and_leaks_nothing(db: Path):
    before = fingerprint(db)
    requests = 0
    with live(Settings(db=str(db), workers=1)) as base, httpx.Client(base_url=base) as c:
        api = [(m, p, params) for m, p, params in api_routes(base) if m == "GET"]
        assert any(p == "/api/events" for _, p, _ in api), "the schema lists no event endpoint"
        for _, path, params in api:
            for param in params:
                name = param["name"]
                payloads = PAYLOADS if takes_text(param) else PAYLOADS[:3]
                for payload in payloads:
                    what = f"GET {path} {name}={payload!r}"
                    if param["in"] == "path":
                        url, query = path.replace("{" + name + "}", quote(payload, safe="")), {}
                    else:
                        url, query = path.replace("{", "").replace("}", ""), {name: payload}
                    r = c.get(url, params=query)
                    requests += 1
                    assert_safe(r, what)
                    if (
                        r.status_code == 200
                        and param["in"] == "query"
                        and "json" in r.headers.get("content-type", "")
                    ):
                        assert empty_result(r.json()), f"{what} matched rows: {r.text[:300]}"
        for path, query_params, path_params in page_routes():
            for name in query_params + path_params:
                for payload in PAYLOADS:
                    url = path.replace("{" + name + "}", quote(payload, safe=""))
                    url = url.replace("{", "").replace("}", "")  # other path parameters
                    r = c.get(url, params={name: payload} if name in query_params else {})
                    requests += 1
                    assert_safe(r, f"page {path} {name}={payload!r}")
                    if r.headers.get("content-type", "").startswith("text/html"):
                        assert "<script>alert(" not in r.text, f"page {path} {name}: XSS"
    assert requests > 500
    assert fingerprint(db) == before, "an injected filter changed the database"


TRAVERSALS = [
    "/static/../app.py",
    "/static/%2e%2e/app.py",
    "/static/%2e%2e%2fapp.py",
    "/static/..%2fapp.py",
    "/static/%252e%252e%252fapp.py",
    "/static/..%5capp.py",
    "/static/....//app.py",
    "/static/../../../../../../etc/passwd",
    "/static/%2e%2e%2f%2e%2e%2f%2e%2e%2f%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fpasswd",
    "/static//etc/passwd",
    "/static/%2fetc%2fpasswd",
    "/static/{db}",
    "/static/..%2f..%2f..%2f..%2f..%2f..%2f..%2f..{db}",
    "/../../../../etc/passwd",
    "/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
    "/vendor/../app.py",
    "/vendor/%2e%2e%2f%2e%2e%2fapp.py",
    "/api/articles/..%2f..%2f..%2fetc%2fpasswd",
    "/articles/..%2f..%2f..%2f..%2fetc%2fpasswd",
    "/api/export?format=../../../../etc/passwd",
    "/api/export?format=csv&source=../../../../etc/passwd",
]


def test_no_path_traversal_in_any_file_serving_route(db: Path):
    secrets = {
        "/etc/passwd": b"root:x:0:0",
        "app.py": APP_SOURCE.read_bytes()[:200],
        "the database": db.read_bytes()[:16],
    }
    with live(Settings(db=str(db), workers=1)) as base:
        status, _ = raw_get(base, "/static/tidings.css")
        assert status == 200, "the static route itself must work for this test to mean much"
        for target in TRAVERSALS:
            target = target.replace("{db}", quote(str(db)))
            status, body = raw_get(base, target)
            leaked = [name for name, marker in secrets.items() if marker in body]
            assert not leaked, f"{target} served {leaked}"
            if "/api/export" not in target:
                assert status in (400, 404), f"{target}: {status}"
            else:
                assert status in (200, 422), f"{target}: {status}"  # filters, never paths


def test_cors_is_closed_on_every_route(db: Path):
    evil = {"Origin": "http://evil.example"}
    with live(Settings(db=str(db), workers=1)) as base, httpx.Client(base_url=base) as c:
        routes = [(m, p) for m, p, _ in api_routes(base)] + [
            ("GET", p) for p, _, _ in page_routes()
        ]
        for method, path in routes:
            url = path.replace("{", "x").replace("}", "")
            for r in (
                c.request(method, url, headers=evil, json={} if method == "POST" else None),
                c.options(url, headers={**evil, "Access-Control-Request-Method": method}),
            ):
                assert r.status_code < 500, f"{method} {path}: {r.status_code}"
                allowed = {h for h in r.headers if h.startswith("access-control-")}
                assert not allowed, f"{r.request.method} {path} answers with {allowed}"


def test_bodies_over_the_limits_are_refused_with_413(db: Path):
    settings = Settings(db=str(db), workers=1, max_article_chars=5_000, max_record_bytes=100_000)
    json_type = {"content-type": "application/json"}
    before = fingerprint(db)
    with live(settings) as base, httpx.Client(base_url=base, timeout=60) as c:
        for path, size in (("/api/analyse", 200_000), ("/api/ingest", 150_000)):
            text = "Germany met France. " * (size // 20)
            body = {"text": text} if path == "/api/analyse" else {"articles": [{"text": text}]}
            data = json.dumps(body).encode()
            r = c.post(path, content=data, headers=json_type)
            assert r.status_code == 413 and "limit" in r.json()["detail"], (path, r.text[:200])
            chunks = (data[i : i + 4096] for i in range(0, len(data), 4096))  # no Content-Length
            r = c.post(path, content=chunks, headers=json_type)
            assert r.status_code == 413 and "limit" in r.json()["detail"], (path, r.text[:200])
        # Under the byte limit but over max_article_chars: refused before any parsing.
        r = c.post("/api/analyse", json={"text": "Kim met Moon. " * 400})
        assert r.status_code == 413 and "5,000" in r.json()["detail"], r.text[:200]
        r = c.post("/api/ingest", json={"articles": [{"text": "Kim met Moon. " * 400}]})
        assert r.status_code == 413 and "5,000" in r.json()["detail"], r.text[:200]
    assert fingerprint(db) == before


def test_undecodable_bodies_get_400_with_a_message(db: Path):
    with live(Settings(db=str(db), workers=1)) as base, httpx.Client(base_url=base) as c:
        for path in ("/api/analyse", "/api/ingest"):
            body = b'{"text": "a\xff\xfe"}'
            r = c.post(path, content=body, headers={"content-type": "application/json"})
            assert r.status_code == 400 and r.json()["detail"], (path, r.text[:200])


@pytest.mark.parametrize(
    "body",
    [
        b'{"text": ',
        b"not json at all",
        b"[1, 2, 3]",
        b'{"text": 5}',
        b'{"text": "Kim met Moon.", "published": "yesterday"}',
        b'{"text": "Kim met Moon.", "sql": "DROP TABLE articles"}',
        b'{"articles": []}',
        b'{"articles": [{"text": "   "}]}',
        b'{"articles": "Kim met Moon."}',
        b"{" * 5000,
    ],
)
def test_malformed_requests_get_422_with_a_message(db: Path, body: bytes):
    with live(Settings(db=str(db), workers=1)) as base, httpx.Client(base_url=base) as c:
        for path in ("/api/analyse", "/api/ingest"):
            r = c.post(path, content=body, headers={"content-type": "application/json"})
            assert r.status_code == 422, (path, body[:40], r.status_code, r.text[:200])
            detail = r.json()["detail"]
            assert detail and all(d.get("msg") for d in detail), r.text[:300]


def test_injected_article_fields_are_stored_as_data(db: Path):
    payload = "x'); DROP TABLE articles; --"
    article = {
        "text": "Chile and Peru signed a fisheries agreement in Lima on Friday.",
        "id": payload,
        "title": payload,
        "source": payload,
        "url": "http://example.org/?q=' OR 1=1 --",
    }
    with live(Settings(db=str(db), workers=1)) as base, httpx.Client(base_url=base) as c:
        r = c.post("/api/ingest", json={"articles": [article]})
        assert r.status_code == 202, r.text
        deadline = time.monotonic() + 120
        while (job := c.get(r.headers["location"]).json())["state"] not in ("done", "failed"):
            assert time.monotonic() < deadline, "the ingest job did not finish"
            time.sleep(0.2)
        assert job["state"] == "done" and job["stored"] == 1, job
        found = c.get("/api/articles", params={"source": payload}).json()
        assert found["total"] == 1 and found["rows"][0]["title"] == payload
        assert c.get("/api/articles").json()["total"] == len(CORPUS) + 1


def test_write_endpoints_need_the_token_when_one_is_set(db: Path):
    token = "s3cret-token-for-the-test"
    article = {"text": "Norway and Sweden agreed on a border treaty in Oslo on Tuesday."}
    with live(Settings(db=str(db), workers=1, api_token=token)) as base:
        c = httpx.Client(base_url=base, timeout=120)
        writes = [(m, p) for m, p, _ in api_routes(base) if m != "GET" and p != "/api/analyse"]
        assert ("POST", "/api/ingest") in writes
        articles_before = c.get("/api/summary").json()
        for method, path in writes:
            body = {"articles": [article]}
            for headers in (
                {},
                {"Authorization": "Bearer wrong"},
                {"Authorization": token},
                {"Authorization": f"Basic {token}"},
                {"Authorization": f"Bearer {token}x"},
                {"X-API-Token": token},
            ):
                r = c.request(method, path, json=body, headers=headers)
                assert r.status_code in (401, 403), (method, path, headers, r.status_code)
                assert r.json()["detail"]
        time.sleep(0.5)  # a refused request must not have queued anything
        assert c.get("/api/summary").json() == articles_before
        r = c.post(
            "/api/ingest",
            json={"articles": [article]},
            headers={"Authorization": f"Bearer {token}"},
        )
        assert r.status_code == 202, r.text
        deadline = time.monotonic() + 120
        while (job := c.get(r.headers["location"]).json())["state"] not in ("done", "failed"):
            assert time.monotonic() < deadline, "the ingest job did not finish"
            time.sleep(0.2)
        assert job["state"] == "done" and job["stored"] == 1, job
        # Analysing stores nothing, so it needs no token.
        r = c.post("/api/analyse", json=article)
        assert r.status_code == 200, r.text
        c.close()


def test_serve_binds_loopback_by_default(db: Path):
    from tidings.interfaces.cli import cli

    host = next(p for p in cli.commands["serve"].params if p.name == "host")
    assert host.default == "127.0.0.1"
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen(
        [str(TIDINGS), "serve", "--db", str(db), "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 60
        while not (sockets := listening(port)):
            assert proc.poll() is None, proc.stderr.read().decode() if proc.stderr else ""
            assert time.monotonic() < deadline, "tidings serve did not start listening"
            time.sleep(0.2)
        assert sockets == {"127.0.0.1"}, f"listening on {sockets}"
    finally:
        os.kill(proc.pid, signal.SIGTERM)
        proc.wait(timeout=60)
        if proc.stderr:
            proc.stderr.close()


def listening(port: int) -> set[str]:
    """The local addresses with a socket listening on ``port`` (IPv4 and IPv6)."""
    found: set[str] = set()
    for table, width in (("/proc/net/tcp", 8), ("/proc/net/tcp6", 32)):
        with open(table) as fh:
            for line in fh.readlines()[1:]:
                local, state = line.split()[1], line.split()[3]
                addr, port_hex = local.split(":")
                if state == "0A" and int(port_hex, 16) == port:
                    found.add(decode_address(addr) if width == 8 else addr)
    return found


def decode_address(hex_addr: str) -> str:
    """``0100007F`` → ``127.0.0.1`` (/proc/net/tcp stores IPv4 little-endian)."""
    return ".".join(str(b) for b in reversed(bytes.fromhex(hex_addr)))


def test_analyse_is_bounded_by_the_article_time_limit(db: Path):
    # About 1,300 words: a second or more of parsing here, well over a 0.2 s limit.
    text = " ".join(
        f"Minister {n} of Norway met the envoy of Chile in Oslo on Monday." for n in range(100)
    )
    settings = Settings(db=str(db), workers=1, article_timeout=0.2)
    with live(settings) as base, httpx.Client(base_url=base, timeout=300) as c:
        r = c.post("/api/analyse", json={"text": text})
        short = c.post("/api/analyse", json={"text": "Chile recalled its envoy from Oslo."})
    assert r.status_code in (408, 422, 503, 504) and "article_timeout" in r.text, r.status_code
    assert short.status_code == 200, short.text  # the server goes on


def test_ingest_that_cannot_be_spooled_is_refused_with_503(db: Path):
    Path(f"{db}.ingest").write_text("in the way")  # so the spool folder cannot be made
    body = {"articles": [{"text": "Chile recalled its envoy from Oslo on Monday."}]}
    with live(Settings(db=str(db), workers=1)) as base:
        r = httpx.post(base + "/api/ingest", json=body, timeout=60)
    assert r.status_code == 503, r.text
    assert "cannot accept the articles" in r.json()["detail"]
