"""All configuration in one place: defaults, then a TOML file, then ``TIDINGS_*`` variables.

The CLI and the web app build one :class:`Settings` and hand it down; no other module
reads the environment.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import tomllib
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

CONFIG_FILE_ENV = "TIDINGS_CONFIG"


@dataclass(slots=True)
class FieldMap:
    """Which keys (JSON Lines) or columns (CSV) hold each article field."""

    id: str = "id"
    text: str = "text"
    title: str = "title"
    published: str = "published"
    url: str = "url"
    source: str = "source"
    author: str = "author"


@dataclass(slots=True)
class Settings:
    """Runtime settings of tidings. Every field can be set in ``tidings.toml`` or the env."""

    db: str = "tidings.duckdb"
    """DuckDB file path, or a ``postgresql://`` URL."""
    workers: int = field(default_factory=lambda: os.cpu_count() or 1)
    """Worker processes for ``tidings run``; 1 runs in-process."""
    engine: str = "local"
    """``local`` (a process pool on this machine) or ``dask`` (dask.distributed workers)."""
    scheduler: str | None = None
    """Dask scheduler address (``tcp://HOST:PORT``); None starts a LocalCluster."""
    batch_size: int = 16
    """Articles parsed and written together."""
    max_article_chars: int = 2_000_000
    """Longer articles are refused with a recorded failure rather than parsed."""
    max_record_bytes: int = 50_000_000
    """A single JSON line or CSV field larger than this is refused."""
    article_timeout: float = 120.0
    """Seconds one article may take in a worker before it is recorded as failed."""
    published: dt.date | None = None
    """Publication date for articles whose metadata has none (``--published``)."""
    event_model: str | None = None
    """Path of a classifier trained with ``tidings train events``; None uses the shipped one."""
    actor_overrides: str | None = None
    """YAML or CSV file of user actors that add to or correct the knowledge base."""
    api_token: str | None = None
    """Bearer token the web app requires on write endpoints (ingest); None leaves them open."""
    web_workers: int = 1
    """Worker processes the web app extracts in (each holds the models, about 0.9 GB)."""
    request_timeout: float = 60.0
    """Seconds a web client may take to send a request's headers, and again its body."""
    fields: FieldMap = field(default_factory=FieldMap)

    def replace(self, **changes: Any) -> Settings:
        """A copy with some fields changed; None values are ignored."""
        return dataclasses.replace(self, **{k: v for k, v in changes.items() if v is not None})


def load_settings(path: str | os.PathLike[str] | None = None) -> Settings:
    """Settings from defaults, an optional TOML file and ``TIDINGS_<FIELD>`` variables."""
    values: dict[str, Any] = {}
    config_path = path or os.environ.get(CONFIG_FILE_ENV)
    if config_path is None and Path("tidings.toml").is_file():
        config_path = "tidings.toml"
    if config_path:
        with open(config_path, "rb") as fh:
            values.update(tomllib.load(fh).get("tidings", {}))
    hints = typing.get_type_hints(Settings)
    for f in dataclasses.fields(Settings):
        env = os.environ.get(f"TIDINGS_{f.name.upper()}")
        if env is not None and f.name != "fields":
            values[f.name] = _parse(hints[f.name], env)
    if "fields" in values:
        values["fields"] = FieldMap(**values["fields"])
    if isinstance(values.get("published"), str):
        values["published"] = dt.date.fromisoformat(values["published"])
    return Settings(**values)


def _parse(tp: Any, raw: str) -> Any:
    args = [a for a in typing.get_args(tp) if a is not type(None)] or [tp]
    kind = args[0]
    if kind is int:
        return int(raw)
    if kind is float:
        return float(raw)
    if kind is dt.date:
        return dt.date.fromisoformat(raw)
    return raw
