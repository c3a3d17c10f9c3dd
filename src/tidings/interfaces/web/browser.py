"""Headless Chromium for checking pages offline, shared by the tests and bench/web.py.

Debian's ``chromium`` (``make system``) driven by Playwright: Playwright cannot download
its own browser builds here. The flags keep Chromium from calling home, so every request a
page makes is one the page itself asked for.
"""

from __future__ import annotations

from typing import Any

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)


def launch_chromium(playwright: Any) -> Any:
    """Start headless Chromium from a ``sync_playwright()`` (or async) handle."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=list(CHROMIUM_ARGS))


def dashboard_paths(client: Any) -> dict[str, str]:
    """A real URL for every dashboard page, with keys read from the served database.

    ``client`` is an ``httpx.Client`` on the server's base URL.
    """
    edge = client.get("/api/dyads", params={"limit": 1}).json()["edges"][0]
    actor = client.get("/api/actors", params={"limit": 1}).json()[0]["actor"]
    event = client.get("/api/events", params={"limit": 1}).json()["rows"][0]["id"]
    article = client.get("/api/articles", params={"limit": 1}).json()["rows"][0]["content_hash"]
    return {
        "overview": "/",
        "events": "/events",
        "event": f"/events/{event}",
        "dyads": "/dyad",
        "dyad": f"/dyad?actor={edge['source']}&recipient={edge['target']}",
        "actors": "/actors",
        "actor": f"/actors/{actor}",
        "quotes": "/quotes",
        "articles": "/articles",
        "article": f"/articles/{article}",
        "paste": "/paste",
    }
