"""``tidings query …``, ``tidings export`` and ``tidings dedup``: thin wrappers over
:mod:`tidings.analysis` and :mod:`tidings.store`, registered on the main group in cli.py.

Queries open the database read-only. Results print as a table, or as JSON with ``--json``.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import click

from tidings.interfaces.cli import DATE


@contextmanager
def _store(ctx: click.Context, read_only: bool = True) -> Iterator[Any]:
    from tidings.store import open_store

    url = ctx.obj.db
    try:
        store = open_store(url, read_only=read_only)
    except Exception as exc:  # a lock held by a run or a server, a bad URL, a missing file
        from tidings.interfaces.web.served import served_by

        server = served_by(url)
        hint = f" (it is served by tidings serve at {server}: query its /api)" if server else ""
        raise click.ClickException(f"cannot open {url}{hint}: {exc}") from exc
    try:
        yield store
    finally:
        store.close()


def _db_option(fn: Callable[..., Any]) -> Callable[..., Any]:
    def remember(ctx: click.Context, _param: Any, value: str | None) -> None:
        if value:
            ctx.obj = ctx.obj.replace(db=value)

    return click.option(
        "--db",
        expose_value=False,
        callback=remember,
        help="DuckDB path or postgresql:// URL (default: tidings.duckdb).",
    )(fn)


def _filter_options(sides: bool = True) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Event filter options, collected into ``filters`` (a tidings.analysis.Filters).

    ``sides=False`` leaves out --actor and --recipient, for commands that take them as
    arguments.
    """
    names = ["start", "end", "actor", "recipient", "country", "types", "quads", "source", "text"]
    options = [
        click.option("--start", type=DATE, help="First event day."),
        click.option("--end", type=DATE, help="Last event day."),
        click.option("--country", help="Either side of the event."),
        click.option("--type", "types", multiple=True, help="PLOVER type (repeatable)."),
        click.option("--quad", "quads", multiple=True, type=click.IntRange(1, 4)),
        click.option("--source", help="Outlet of a reporting article."),
        click.option("--text", help="Text in the evidence sentence, trigger or actor names."),
        click.option("--mentions", is_flag=True, help="Every mention, not deduplicated events."),
    ]
    if sides:
        options += [
            click.option("--actor", help="Actor: USA or USA:GOV."),
            click.option("--recipient", help="Recipient: PRK or PRK:GOV."),
        ]
    else:
        names = [n for n in names if n not in ("actor", "recipient")]

    def decorate(fn: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(fn)
        def wrapper(*args: Any, **kw: Any) -> Any:
            from tidings.analysis import Filters

            given = {n: kw.pop(n) for n in names}
            given["types"] = list(given["types"]) or None
            given["quads"] = list(given["quads"]) or None
            kw["filters"] = Filters(**given, dedup=not kw.pop("mentions"))
            return fn(*args, **kw)

        for option in reversed(options):
            wrapper = option(wrapper)
        return wrapper

    return decorate


def _json_option(fn: Callable[..., Any]) -> Callable[..., Any]:
    return click.option("--json", "as_json", is_flag=True, help="Print JSON.")(fn)


def _print(result: Any, as_json: bool) -> None:
    """JSON, or a plain table for a list of flat rows."""
    rows = result.get("rows") if isinstance(result, dict) and "rows" in result else result
    if as_json or not isinstance(rows, list):
        click.echo(json.dumps(result, indent=2, ensure_ascii=False, default=str))
        return
    if isinstance(result, dict) and "total" in result:
        click.echo(f"{result['total']} in all", err=True)
    if not rows:
        click.echo("(nothing)", err=True)
        return
    cols = list(rows[0])
    cells = [[_cell(r.get(c)) for c in cols] for r in rows]
    widths = [max(len(c), *(len(row[i]) for row in cells)) for i, c in enumerate(cols)]
    click.echo("  ".join(c.ljust(w) for c, w in zip(cols, widths, strict=True)).rstrip())
    for row in cells:
        click.echo("  ".join(v.ljust(w) for v, w in zip(row, widths, strict=True)).rstrip())


def _cell(value: Any, width: int = 60) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        text = f"{value:.2f}"
    elif isinstance(value, dict | list):
        text = json.dumps(value, ensure_ascii=False)
    else:
        text = str(value)
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


@click.group("query")
@_db_option
def query_group() -> None:
    """Query a tidings database: series, networks, actors, speakers, quotes, alerts, articles."""


@query_group.command("summary")
@_db_option
@click.pass_context
def summary_cmd(ctx: click.Context) -> None:
    """Rows per table and the range of event days."""
    from tidings.analysis import summary

    with _store(ctx) as store:
        _print(summary(store), True)


@query_group.command("dyad")
@click.argument("actor")
@click.argument("recipient")
@click.option("--interval", type=click.Choice(["day", "week", "month"]), default="week")
@_filter_options(sides=False)
@_db_option
@_json_option
@click.pass_context
def dyad_cmd(
    ctx: click.Context, actor: str, recipient: str, interval: str, filters: Any, as_json: bool
) -> None:
    """Time series of events from ACTOR to RECIPIENT (USA, USA:GOV; "-" for any)."""
    from tidings.analysis import dyad_series

    with _store(ctx) as store:
        series = dyad_series(
            store,
            None if actor == "-" else actor,
            None if recipient == "-" else recipient,
            interval=interval,
            filters=filters,
        )
    _print(series, as_json)


@query_group.command("network")
@click.option("--countries", is_flag=True, help="Nodes are countries, not country:sector.")
@click.option("--min-weight", type=click.IntRange(min=1), default=1, show_default=True)
@click.option("--limit", type=click.IntRange(min=1), default=50, show_default=True)
@_filter_options()
@_db_option
@_json_option
@click.pass_context
def network_cmd(
    ctx: click.Context, countries: bool, min_weight: int, limit: int, filters: Any, as_json: bool
) -> None:
    """Weighted actor → recipient edges."""
    from tidings.analysis import actor_network

    with _store(ctx) as store:
        net = actor_network(
            store, filters=filters, by_sector=not countries, min_weight=min_weight, limit=limit
        )
    _print(net if as_json else net["edges"], as_json)


@query_group.command("actors")
@click.option("--by", type=click.Choice(["actor", "country", "name"]), default="actor")
@click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True)
@_filter_options()
@_db_option
@_json_option
@click.pass_context
def actors_cmd(ctx: click.Context, by: str, limit: int, filters: Any, as_json: bool) -> None:
    """Actors in the most events."""
    from tidings.analysis import top_actors

    with _store(ctx) as store:
        _print(top_actors(store, filters=filters, by=by, limit=limit), as_json)


@query_group.command("speakers")
@click.option("--start", type=DATE, help="First publication day.")
@click.option("--end", type=DATE, help="Last publication day.")
@click.option("--source", help="Only articles from this outlet.")
@click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True)
@_db_option
@_json_option
@click.pass_context
def speakers_cmd(
    ctx: click.Context, start: Any, end: Any, source: str | None, limit: int, as_json: bool
) -> None:
    """The most-quoted speakers."""
    from tidings.analysis import top_speakers

    with _store(ctx) as store:
        _print(top_speakers(store, start=start, end=end, source=source, limit=limit), as_json)


@query_group.command("quotes")
@click.argument("speaker", required=False)
@click.option("--country", help="The speaker's country (ISO3).")
@click.option("--text", help="Text in the quote or the speaker's name.")
@click.option("--limit", type=click.IntRange(min=1), default=50, show_default=True)
@click.option("--offset", type=click.IntRange(min=0), default=0)
@_db_option
@_json_option
@click.pass_context
def quotes_cmd(
    ctx: click.Context,
    speaker: str | None,
    country: str | None,
    text: str | None,
    limit: int,
    offset: int,
    as_json: bool,
) -> None:
    """Quotes, newest first: by SPEAKER (full name, any case), country or text."""
    from tidings.analysis import search_quotes

    with _store(ctx) as store:
        found = search_quotes(
            store, speaker=speaker, country=country, text=text, limit=limit, offset=offset
        )
    _print(found, as_json)


@query_group.command("alerts")
@click.option("--as-of", type=DATE, help="Last day of the recent window (default: latest).")
@click.option("--window", type=click.IntRange(min=1), default=7, show_default=True)
@click.option("--baseline", type=click.IntRange(min=1), default=90, show_default=True)
@click.option("--threshold", type=float, default=2.0, show_default=True)
@click.option("--min-events", type=click.IntRange(min=1), default=3, show_default=True)
@click.option("--sectors", is_flag=True, help="Dyads of country:sector, not countries.")
@_filter_options()
@_db_option
@_json_option
@click.pass_context
def alerts_cmd(
    ctx: click.Context,
    as_of: Any,
    window: int,
    baseline: int,
    threshold: float,
    min_events: int,
    sectors: bool,
    filters: Any,
    as_json: bool,
) -> None:
    """Dyads whose conflict in the recent window exceeds their own baseline."""
    from tidings.analysis import escalation_alerts

    with _store(ctx) as store:
        alerts = escalation_alerts(
            store,
            as_of=as_of,
            window_days=window,
            baseline_days=baseline,
            threshold=threshold,
            min_events=min_events,
            by_sector=sectors,
            filters=filters,
        )
    _print(alerts, as_json)


@query_group.command("events")
@click.option("--limit", type=click.IntRange(min=1), default=50, show_default=True)
@click.option("--offset", type=click.IntRange(min=0), default=0)
@_filter_options()
@_db_option
@_json_option
@click.pass_context
def events_cmd(ctx: click.Context, limit: int, offset: int, filters: Any, as_json: bool) -> None:
    """A page of events, newest first."""
    from tidings.analysis import events_page

    with _store(ctx) as store:
        _print(events_page(store, filters=filters, limit=limit, offset=offset), as_json)


def _print_one(
    ctx: click.Context, lookup: Callable[[Any, str], Any], key: str, missing: str
) -> None:
    """Print ``lookup(store, key)`` as JSON, or fail with ``missing`` when it finds nothing."""
    with _store(ctx) as store:
        found = lookup(store, key)
    if found is None:
        raise click.ClickException(missing)
    _print(found, True)


@query_group.command("event")
@click.argument("canonical_id")
@_db_option
@click.pass_context
def event_cmd(ctx: click.Context, canonical_id: str) -> None:
    """One canonical event with all its mentions and evidence sentences (JSON)."""
    from tidings.analysis import canonical_event

    _print_one(ctx, canonical_event, canonical_id, f"no canonical event {canonical_id}")


@query_group.command("article")
@click.argument("key")
@_db_option
@click.pass_context
def article_cmd(ctx: click.Context, key: str) -> None:
    """An article (id, content hash or 8+ character prefix) with its findings and spans (JSON)."""
    from tidings.analysis import article_view

    _print_one(ctx, article_view, key, f"no single article matches {key}")


@query_group.command("failures")
@click.option("--limit", type=click.IntRange(min=1), default=100, show_default=True)
@_db_option
@_json_option
@click.pass_context
def failures_cmd(ctx: click.Context, limit: int, as_json: bool) -> None:
    """Inputs that failed, newest first."""
    from tidings.analysis import failures

    with _store(ctx) as store:
        _print(failures(store, limit=limit), as_json)


@click.command("export")
@click.argument("path", type=click.Path(dir_okay=False, writable=True))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["parquet", "csv", "jsonl", "plover", "gdelt"]),
    help="Default: from the suffix (.parquet .csv .jsonl .plover.jsonl .tsv=GDELT).",
)
@_filter_options()
@_db_option
@click.pass_context
def export_cmd(ctx: click.Context, path: str, fmt: str | None, filters: Any) -> None:
    """Export events to PATH: Parquet, CSV, JSON Lines, PLOVER records or GDELT TSV."""
    from tidings.analysis import export

    with _store(ctx) as store:
        try:
            n = export(store, path, fmt, filters=filters)
        except ValueError as exc:
            raise click.UsageError(str(exc)) from exc
    click.echo(f"{n} events → {path}", err=True)


@click.command("dedup")
@_db_option
@click.pass_context
def dedup_cmd(ctx: click.Context) -> None:
    """Recompute every canonical event (runs also happen to keep them current)."""
    with _store(ctx, read_only=False) as store:
        n = store.dedup()
        mentions = store.counts()["event_links"]
    click.echo(f"{mentions} event mentions → {n} canonical events", err=True)


COMMANDS = (query_group, export_cmd, dedup_cmd)
