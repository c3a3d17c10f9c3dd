"""The ``tidings`` command: a thin layer over the library.

Exit codes: 0 all fine, 1 some articles failed (a summary is printed), 2 usage error.
Each command imports what it needs when it runs, so ``tidings --help`` stays instant.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import json
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import click

from tidings import __version__
from tidings.config import FieldMap, Settings, load_settings


class _Date(click.ParamType):
    name = "YYYY-MM-DD"

    def convert(self, value: Any, param: Any, ctx: Any) -> dt.date:
        if isinstance(value, dt.date):
            return value
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            self.fail(f"{value!r} is not a date like 2018-05-24", param, ctx)


DATE: click.ParamType = _Date()


class _FieldPair(click.ParamType):
    name = "NAME=KEY"

    def convert(self, value: Any, param: Any, ctx: Any) -> tuple[str, str]:
        if isinstance(value, tuple):
            return value
        name, _, key = (part.strip() for part in value.partition("="))
        names = [f.name for f in dataclasses.fields(FieldMap)]
        if name not in names or not key:
            self.fail(f"{value!r} is not NAME=KEY with NAME one of {', '.join(names)}", param, ctx)
        return name, key


FIELD = _FieldPair()
FIELD_HELP = "JSON key or CSV column holding an article field, e.g. text=body (repeatable)."


def _article_options(fn: Callable[..., Any]) -> Callable[..., Any]:
    """--published, --field and --model, shared by the commands that extract."""
    for option in reversed(
        [
            click.option(
                "--published", type=DATE, help="Publication date for articles that carry none."
            ),
            click.option("--field", "fields", type=FIELD, multiple=True, help=FIELD_HELP),
            click.option(
                "--model",
                type=click.Path(exists=True, dir_okay=False),
                help="An event model trained with `tidings train events` "
                "(default: the shipped lexicon).",
            ),
        ]
    ):
        fn = option(fn)
    return fn


def _field_map(ctx: click.Context, pairs: tuple[tuple[str, str], ...]) -> FieldMap | None:
    """The configured field map changed by ``--field`` options; None when there are none."""
    return dataclasses.replace(ctx.obj.fields, **dict(pairs)) if pairs else None


def _settings(ctx: click.Context, **changes: Any) -> Settings:
    settings: Settings = ctx.obj
    return settings.replace(**changes)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="tidings")
@click.option("--config", type=click.Path(exists=True, dir_okay=False), help="A tidings.toml file.")
@click.pass_context
def cli(ctx: click.Context, config: str | None) -> None:
    """Turn news articles into political event data.

    Reads text, HTML, JSON Lines and CSV (also gzipped, in directories, or "-" for stdin),
    finds quotes with their speakers, PLOVER events with coded actors, and dates, and
    stores them in DuckDB or PostgreSQL.
    """
    ctx.obj = load_settings(config)


@cli.command("extract")
@click.argument("files", nargs=-1, required=True)
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False), help="JSON Lines file (default: stdout)."
)
@click.option("--workers", type=click.IntRange(min=1), default=1, show_default=True)
@_article_options
@click.pass_context
def extract_cmd(
    ctx: click.Context,
    files: tuple[str, ...],
    output: str | None,
    published: dt.date | None,
    workers: int,
    fields: tuple[tuple[str, str], ...],
    model: str | None,
) -> None:
    """Extract FILES to JSON Lines, one object per article (no database)."""
    from tidings.pipeline import extract_stream
    from tidings.records import Failure
    from tidings.sources import count_records, read_sources

    settings = _settings(
        ctx,
        published=published,
        workers=workers,
        fields=_field_map(ctx, fields),
        event_model=model,
    )
    failures: list[Failure] = []
    progress = Progress(sys.stderr, count_records(files, settings), enabled=output is not None)
    try:
        with contextlib.ExitStack() as stack:
            out = stack.enter_context(open(output, "w", encoding="utf-8")) if output else sys.stdout
            stack.callback(progress.close)
            for result in extract_stream(read_sources(files, settings), settings):
                if isinstance(result, Failure):
                    failures.append(result)
                else:
                    out.write(json.dumps(result.to_json(), ensure_ascii=False) + "\n")
                progress.update(done=progress.done + 1, failed=len(failures))
    except OSError as exc:  # a read-only or full disk: say so, without a traceback
        raise click.ClickException(f"cannot write {output or 'the output'}: {exc}") from None
    _exit_with(failures)


@cli.command("run")
@click.argument("files", nargs=-1, required=True)
@click.option("--db", help="DuckDB path or postgresql:// URL (default: tidings.duckdb).")
@click.option(
    "--workers", type=click.IntRange(min=1), help="Worker processes (default: all cores)."
)
@click.option("--batch-size", type=click.IntRange(min=1))
@click.option(
    "--engine",
    type=click.Choice(["local", "dask"]),
    help="local: a process pool here (default); dask: dask.distributed workers.",
)
@click.option("--scheduler", help="Dask scheduler tcp://HOST:PORT (default: a LocalCluster).")
@_article_options
@click.pass_context
def run_cmd(
    ctx: click.Context,
    files: tuple[str, ...],
    db: str | None,
    published: dt.date | None,
    workers: int | None,
    batch_size: int | None,
    engine: str | None,
    scheduler: str | None,
    fields: tuple[tuple[str, str], ...],
    model: str | None,
) -> None:
    """Extract FILES and store the results in a database.

    Articles already stored (same text) are skipped, so a run that was stopped can simply
    be started again.
    """
    from tidings.pipeline import run
    from tidings.sources import count_records

    if scheduler and engine is None:
        engine = "dask"
    settings = _settings(
        ctx,
        db=db,
        published=published,
        workers=workers,
        batch_size=batch_size,
        engine=engine,
        scheduler=scheduler,
        fields=_field_map(ctx, fields),
        event_model=model,
    )
    from tidings.interfaces.web.served import served_by

    if url := served_by(settings.db):
        raise click.ClickException(
            f"{settings.db} is held by `tidings serve` at {url}: POST the articles to "
            f"{url}/api/ingest, or stop the server first (docs/web.md)"
        )
    progress = Progress(sys.stderr, count_records(files, settings))
    with _database_errors(settings.db):
        summary = run(
            files,
            settings,
            lambda s: progress.update(done=s.stored + s.failed + s.skipped, failed=s.failed),
        )
    progress.close()
    click.echo(
        f"{summary.read} articles read, {summary.stored} stored, "
        f"{summary.skipped} already stored, {summary.failed} failed → {settings.db}",
        err=True,
    )
    _exit_with(summary.failures)


@cli.command("demo")
@click.option("--db", default="demo.duckdb", show_default=True, help="A fresh database to create.")
@click.option("--report", default="demo-report.html", show_default=True, help="Static HTML report.")
@click.pass_context
def demo_cmd(ctx: click.Context, db: str, report: str) -> None:
    """Process the bundled demo corpus, print a summary and write an HTML report."""
    from tidings.demo import run_demo

    click.echo(run_demo(_settings(ctx), Path(db), Path(report)))


@cli.command("serve")
@click.option("--db", help="DuckDB path or postgresql:// URL (default: tidings.duckdb).")
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.pass_context
def serve_cmd(ctx: click.Context, db: str | None, host: str, port: int) -> None:
    """Serve the dashboard and the REST API (docs at /docs) over a database.

    While it runs the server is the database's only writer: add articles through
    POST /api/ingest (see docs/web.md).
    """
    from tidings.interfaces.web import serve

    settings = _settings(ctx, db=db)
    if host not in ("127.0.0.1", "localhost", "::1") and settings.api_token is None:
        click.echo(
            f"warning: serving on {host} with no API token: anyone who can reach it can "
            "ingest articles; set TIDINGS_API_TOKEN (docs/web.md)",
            err=True,
        )
    try:
        serve(settings, host=host, port=port)
    except RuntimeError as exc:
        raise click.ClickException(str(exc)) from exc


@cli.group("eval")
def eval_group() -> None:
    """Measure accuracy against gold standards."""


@cli.group("train")
def train_group() -> None:
    """Train models on your own labelled data."""


_EVENTS_GOLD = Path(__file__).resolve().parents[3].parent / "shared" / "data" / "events"
_DEFAULT_EVENT_GOLD = ("plover_gsr_dev.json", "PETR2_GSR_validation.xml")
_plover_option = click.option(
    "--plover",
    type=click.Path(exists=True, dir_okay=False),
    help="PLOVER gold JSON (default: ../shared/data/events/plover_gsr_dev.json).",
)


@eval_group.command("events")
@_plover_option
@click.option(
    "--petr2",
    type=click.Path(exists=True, dir_okay=False),
    help="PETRARCH-2 validation file (default: ../shared/data/events/PETR2_GSR_validation.xml).",
)
@click.option(
    "--ngec",
    type=click.Path(exists=True, dir_okay=False),
    help="NGEC synthetic stories (zipped CSV): story-level experiment on every 15th story.",
)
@click.option("--model", type=click.Path(exists=True, dir_okay=False), help="A trained model.")
@click.pass_context
def eval_events_cmd(
    ctx: click.Context, plover: str | None, petr2: str | None, ngec: str | None, model: str | None
) -> None:
    """Event type/CAMEO accuracy, macro-F1, actor countries, with confusion matrices."""
    from tidings.evaluation.events import evaluate_events

    if plover is None and petr2 is None and ngec is None:
        plover, petr2 = (str(_EVENTS_GOLD / n) for n in _DEFAULT_EVENT_GOLD)
    settings = _settings(ctx, event_model=model)
    plover_path, petr2_path, ngec_path = (Path(p) if p else None for p in (plover, petr2, ngec))
    for report in evaluate_events(plover_path, petr2_path, settings, ngec_path):
        click.echo(report.to_markdown() + "\n")


@eval_group.command("times")
@click.option(
    "--gold",
    "gold_format",
    type=click.Choice(["timeml"]),
    required=True,
    help="Format of the gold files (TimeML with TIMEX3 values and a creation time).",
)
@click.argument("directory", type=click.Path(exists=True, file_okay=False))
def eval_times_cmd(gold_format: str, directory: str) -> None:
    """TempEval-3 scores for temporal expressions on the TimeML files under DIRECTORY:
    strict and relaxed extent P/R/F1 and value F1."""
    from tidings.evaluation.times import evaluate_times

    progress = Progress(sys.stderr)
    try:
        scores = evaluate_times(directory, progress=lambda done, total: progress.update(done))
    except ValueError as exc:  # no TimeML files, or one without a <TEXT> element
        raise click.UsageError(str(exc)) from exc
    finally:
        progress.close()
    click.echo("\n".join(scores.lines()))


@eval_group.command("quotes")
@click.option(
    "--gold",
    "gold_format",
    type=click.Choice(["polnear"]),
    required=True,
    help="Format of the gold files (PolNeAR brat standoff: text/ and attributions/).",
)
@click.argument("directory", type=click.Path(exists=True, file_okay=False))
@click.pass_context
def eval_quotes_cmd(ctx: click.Context, gold_format: str, directory: str) -> None:
    """Quote attribution scores on the PolNeAR split in DIRECTORY: content P/R/F1 at
    character overlap 0.3 and 0.8 (direct, indirect, all), speaker accuracy on matched
    quotes, and exact-match F1 of source, cue and content spans."""
    from tidings.evaluation.quotes import evaluate_polnear, report

    progress = Progress(sys.stderr)
    scores = evaluate_polnear(directory, _settings(ctx), lambda done, total: progress.update(done))
    progress.close()
    click.echo(report(scores))


@eval_group.command("actors")
@_plover_option
@click.option(
    "--mentions",
    type=click.Path(exists=True, dir_okay=False),
    help="A mention set in the format of the shipped one (default: the team's own set).",
)
@click.option("--errors", default=0, show_default=True, help="List this many wrong mentions.")
@click.pass_context
def eval_actors_cmd(
    ctx: click.Context, plover: str | None, mentions: str | None, errors: int
) -> None:
    """Country and sector accuracy of actor coding on the PLOVER gold actors and on the
    team's own test set of titles, metonyms, dated offices, demonyms and unknown people."""
    from tidings.evaluation.actors import OWN_SET, evaluate_actors

    plover_path = Path(plover) if plover else _EVENTS_GOLD / _DEFAULT_EVENT_GOLD[0]
    own = Path(mentions) if mentions else OWN_SET
    settings: Settings = ctx.obj
    for scores in evaluate_actors(plover_path, own, settings.actor_overrides):
        click.echo(scores.report(errors) + "\n")


@train_group.command("events")
@click.argument("data", type=click.Path(exists=True, dir_okay=False))
@click.option(
    "-o",
    "--output",
    default="events.joblib",
    show_default=True,
    type=click.Path(dir_okay=False),
    help="Where to write the model (use it with --model or TIDINGS_EVENT_MODEL).",
)
def train_events_cmd(data: str, output: str) -> None:
    """Train the event classifier on DATA: CSV or JSON Lines with text, label[, mode]."""
    from tidings.extract.events.train import train_events

    try:
        result = train_events(Path(data), Path(output))
    except ValueError as exc:
        raise click.UsageError(str(exc)) from exc
    cv = f", cross-validated accuracy {result.cv_accuracy:.3f}" if result.cv_accuracy else ""
    labels = ", ".join(f"{k} {v}" for k, v in sorted(result.labels.items()))
    click.echo(f"trained on {result.examples} examples ({labels}){cv} → {result.path}")


@contextlib.contextmanager
def _database_errors(db: str) -> Iterator[None]:
    """The database refusing to open or write (read-only place, full disk, a lock) as a
    clear message; batches are transactions, so what was stored before stays whole."""
    import duckdb

    errors: tuple[type[Exception], ...] = (duckdb.Error,)
    with contextlib.suppress(ImportError):
        import psycopg

        errors += (psycopg.Error,)
    try:
        yield
    except errors as exc:
        first_line = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise click.ClickException(
            f"cannot write to the database {db}: {first_line}\n"
            "Articles stored before this are kept; once the disk has room and the location "
            "is writable, run the same command again and they are skipped."
        ) from exc


def _exit_with(failures: list[Any]) -> None:
    if failures:
        click.echo(f"{len(failures)} input(s) failed:", err=True)
        for f in failures[:20]:
            click.echo(f"  {f.origin}: [{f.stage}] {f.error}", err=True)
        if len(failures) > 20:
            click.echo(f"  … and {len(failures) - 20} more (see the failures table)", err=True)
        sys.exit(1)


class Progress:
    """A live bar on a terminal; otherwise a plain line every few seconds."""

    INTERVAL = 5.0

    def __init__(self, stream: Any, total: int | None = None, enabled: bool = True) -> None:
        self.stream, self.total, self.enabled = stream, total, enabled
        self.done = self.failed = 0
        self.started = self.last = time.monotonic()
        self.bar: Any = None
        if enabled and stream.isatty():
            from rich.progress import Progress as RichProgress

            self.bar = RichProgress(transient=True)
            self.task = self.bar.add_task("articles", total=total)
            self.bar.start()

    def update(self, done: int, failed: int = 0) -> None:
        self.done, self.failed = done, failed
        if not self.enabled:
            return
        if self.bar is not None:
            self.bar.update(self.task, completed=done)
            return
        now = time.monotonic()
        if now - self.last >= self.INTERVAL:
            self.last = now
            self.stream.write(self.line() + "\n")
            self.stream.flush()

    def line(self) -> str:
        elapsed = max(time.monotonic() - self.started, 1e-9)
        rate = self.done / elapsed
        total = f"/{self.total}" if self.total else ""
        eta = ""
        if self.total and rate > 0:
            eta = f", ETA {max(self.total - self.done, 0) / rate:.0f}s"
        return f"{self.done}{total} articles, {self.failed} failed, {rate:.1f}/s{eta}"

    def close(self) -> None:
        if self.bar is not None:
            self.bar.stop()


# `tidings query …`, `export` and `dedup` live in their own module, which needs DATE above.
from tidings.interfaces.cli_query import COMMANDS as _QUERY_COMMANDS  # noqa: E402

for _command in _QUERY_COMMANDS:
    cli.add_command(_command)


def main() -> None:
    """Entry point of the ``tidings`` script."""
    cli(prog_name="tidings")
