"""`tidings serve` warns when it listens beyond loopback with no token for writes."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

import tidings.interfaces.web as web
from tidings.interfaces.cli import cli


@pytest.fixture
def served(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str | None]]:
    calls: list[tuple[str, str | None]] = []
    monkeypatch.setattr(web, "serve", lambda s, host, port: calls.append((host, s.api_token)))
    return calls


def test_open_interface_without_token_warns(served, monkeypatch) -> None:
    monkeypatch.delenv("TIDINGS_API_TOKEN", raising=False)
    result = CliRunner().invoke(cli, ["serve", "--host", "0.0.0.0", "--db", "x.duckdb"])
    assert result.exit_code == 0, result.output
    assert "warning: serving on 0.0.0.0 with no API token" in result.output
    assert served == [("0.0.0.0", None)]


def test_loopback_or_token_does_not_warn(served, monkeypatch) -> None:
    monkeypatch.delenv("TIDINGS_API_TOKEN", raising=False)
    quiet = CliRunner().invoke(cli, ["serve", "--db", "x.duckdb"])
    monkeypatch.setenv("TIDINGS_API_TOKEN", "s3cret")
    with_token = CliRunner().invoke(cli, ["serve", "--host", "0.0.0.0", "--db", "x.duckdb"])
    assert "warning" not in quiet.output and "warning" not in with_token.output
    assert served == [("127.0.0.1", None), ("0.0.0.0", "s3cret")]
