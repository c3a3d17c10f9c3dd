"""A real server over a real DuckDB file, and headless Debian Chromium driven by Playwright."""

from __future__ import annotations

import json
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from tests.servers import app_server

from tidings.config import Settings
from tidings.demo import corpus_path
from tidings.interfaces.web import create_app
from tidings.pipeline import run

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "artifacts" / "screenshots"


@pytest.fixture(scope="session")
def web_db(tmp_path_factory: pytest.TempPathFactory, shared: Path) -> Path:
    """A DuckDB file built by the pipeline from the packaged demo corpus and the seed article."""
    work = tmp_path_factory.mktemp("webdb")
    seed = work / "seed.jsonl"
    meta = json.loads((shared / "seed/huffpost-kim-trump-summit.meta.json").read_text())
    text = (shared / "seed/huffpost-kim-trump-summit.txt").read_text(encoding="utf-8")
    record = {"id": "seed", "text": text, "title": meta["title"], "source": meta["source"]}
    seed.write_text(json.dumps({**record, "published": meta["published"]}) + "\n")
    db = work / "web.duckdb"
    with corpus_path() as corpus:
        run([str(corpus), str(seed)], Settings(db=str(db), workers=1))
    return db


@pytest.fixture(scope="session")
def settings(web_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """Settings over a copy of the test database, so write tests leave the original alone."""
    copy = tmp_path_factory.mktemp("served") / "served.duckdb"
    shutil.copy(web_db, copy)
    return Settings(db=str(copy), workers=1, batch_size=4)


@pytest.fixture(scope="session")
def server(settings: Settings) -> Iterator[str]:
    """The app under uvicorn on a free loopback port, in a background thread."""
    with app_server(create_app(settings), log_level="warning") as url:
        yield url


@pytest.fixture(scope="session")
def client(server: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server, timeout=120) as c:
        yield c


class Visit:
    """A browser tab that records every request URL and every console or page error."""

    def __init__(self, browser: object, server: str) -> None:
        self.server = server
        self.context = browser.new_context(viewport={"width": 1400, "height": 1000})  # type: ignore[attr-defined]
        self.page = self.context.new_page()
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)

    def open(self, path: str) -> float:
        """Load ``path`` until the network is idle; return the seconds it took."""
        started = time.perf_counter()
        self.page.goto(self.server + path, wait_until="networkidle")
        return time.perf_counter() - started

    def screenshot(self, name: str) -> Path:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / f"{name}.png"
        self.page.screenshot(path=str(path), full_page=True)
        return path

    def outside_requests(self) -> list[str]:
        """Requests to anything but this server on 127.0.0.1 (data: URLs stay in the page)."""
        return [
            u for u in self.requests if not u.startswith(("http://127.0.0.1:", "data:", "blob:"))
        ]


@pytest.fixture()
def visit(browser: object, server: str) -> Iterator[Visit]:
    v = Visit(browser, server)
    yield v
    v.context.close()
