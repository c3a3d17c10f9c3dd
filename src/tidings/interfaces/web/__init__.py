"""REST API and dashboard over a tidings database, served by ``tidings serve``.

:func:`create_app` builds the FastAPI app; :func:`serve` runs it with uvicorn. While it
runs, the server is the database's only writer (see :mod:`tidings.interfaces.web.served`).
This module imports FastAPI only when the app is built, so commands that merely call
:func:`served_by` stay fast.
"""

from __future__ import annotations

from typing import Any

from tidings.config import Settings
from tidings.interfaces.web.served import served_by

__all__ = ["create_app", "serve", "served_by"]


def __getattr__(name: str) -> Any:
    if name == "create_app":
        from tidings.interfaces.web.app import create_app

        return create_app
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def serve(settings: Settings, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Serve ``settings.db`` at ``http://host:port`` until interrupted."""
    import uvicorn

    from tidings.interfaces.web.app import create_app
    from tidings.interfaces.web.limits import server_options
    from tidings.store import open_store

    holder = served_by(settings.db)
    if holder is not None:
        raise RuntimeError(f"{settings.db} is already served at {holder}")
    try:
        open_store(settings.db).close()
    except Exception as exc:  # DuckDB's lock error, a refused PostgreSQL connection, …
        raise RuntimeError(f"cannot open {settings.db}: {exc}") from exc
    app = create_app(settings, url=f"http://{host}:{port}")
    uvicorn.run(app, host=host, port=port, log_level="info", **server_options(settings))
