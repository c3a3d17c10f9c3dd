"""`tidings demo` end to end: a fresh DuckDB, the printed summary and the offline report."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner
from plotly.offline import get_plotlyjs

from tidings.analysis import Filters, canonical_event, events_page
from tidings.interfaces.cli import cli
from tidings.interfaces.report import write_report
from tidings.records import Article, Extraction, Quote, Speaker
from tidings.store import open_store

ROOT = Path(__file__).resolve().parents[2]
REMOTE_SOURCE = re.compile(
    r"<(?:script|link|img|iframe)\b[^>]*\b(?:src|href)\s*=\s*[\"']?(?:https?:)?//", re.I
)
FIVE = {"USA", "PRK", "KOR", "CHN", "JPN"}
CANCELLATION = re.compile(r"\b(cancel\w*|call\w* off|scrap\w*|withdr[ae]w\w*|abandon\w*)", re.I)


@dataclass
class Demo:
    db: Path
    report: Path
    output: str


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Demo:
    """One run of `tidings demo` over a database path that holds junk beforehand."""
    tmp = tmp_path_factory.mktemp("demo")
    db, report = tmp / "demo.duckdb", tmp / "report.html"
    db.write_bytes(b"not a database: the demo must start afresh")
    result = CliRunner().invoke(cli, ["demo", "--db", str(db), "--report", str(report)])
    assert result.exit_code == 0, result.output
    return Demo(db, report, result.output)


def test_demo_stores_every_article_in_a_fresh_duckdb(demo: Demo, records: list[dict]):
    with open_store(str(demo.db), read_only=True) as store:
        assert sorted(r[0] for r in store.tuples("SELECT id FROM articles")) == sorted(
            r["id"] for r in records
        )
        assert store.counts()["failures"] == 0
        assert store.counts()["quotes"] >= len(records)
        assert store.counts()["events"] > 0


def test_demo_finds_the_five_countries_as_actors(demo: Demo):
    with open_store(str(demo.db), read_only=True) as store:
        countries = {r[0] for r in store.tuples("SELECT DISTINCT actor_country FROM entities")}
    assert countries >= FIVE


def test_summary_reports_the_database(demo: Demo, records: list[dict]):
    out = demo.output
    assert f"{len(records)} articles" in out
    for heading in ("Events by PLOVER type", "Top dyads", "Most-quoted speakers", "Report:"):
        assert heading in out
    with open_store(str(demo.db), read_only=True) as store:
        c = store.counts()
        assert f"{c['events']} event mentions, {c['canonical_events']} events after dedup" in out
        for type_, n in store.tuples("SELECT type, count(*) FROM events GROUP BY type"):
            assert re.search(rf"^  {type_}\s+{n} / \d+$", out, re.M), type_
        (speaker, quotes), *_ = store.tuples(
            "SELECT speaker_name, count(*) AS n FROM quotes WHERE speaker_name IS NOT NULL "
            "GROUP BY speaker_name ORDER BY n DESC, speaker_name LIMIT 1"
        )
        shared = store.tuples(
            "SELECT type, num_articles FROM canonical_events WHERE num_articles > 1 "
            "ORDER BY num_articles DESC"
        )
    assert re.search(rf"^  {re.escape(speaker)}\b.*\s{quotes} \(\d+\)$", out, re.M)
    block = out.split("Events reported by several articles")[1].split("\n\n")[0]
    listed = [
        re.fullmatch(r"  \S+  (\w+) .*: (\d+) articles, \d+ outlets", line)
        for line in block.splitlines()[1:]
    ]
    assert all(listed), block
    assert [int(m[2]) for m in listed] == [n for _, n in shared[:5]]
    assert all((m[1], int(m[2])) in shared for m in listed)


def test_may_24_cancellation_is_reported_by_several_outlets(records: list[dict]):
    reports = [
        r
        for r in records
        if "2018-05-24" <= r["published"] <= "2018-05-27"
        and "letter" in r["text"]
        and CANCELLATION.search(r["text"])
    ]
    assert len(reports) >= 3
    assert len({r["source"] for r in reports}) >= 3
    # Each outlet tells it in its own words: no two reports share a sentence.
    sentences = [set(re.split(r"(?<=[.!?])\s+", r["text"])) for r in reports]
    for i, a in enumerate(sentences):
        for b in sentences[i + 1 :]:
            assert not (a & b)


def test_may_24_cancellation_is_one_canonical_event_with_its_mentions(demo: Demo):
    around = Filters(actor="USA", recipient="PRK", start="2018-05-23", end="2018-05-26")
    with open_store(str(demo.db), read_only=True) as store:
        rows = events_page(store, filters=around, limit=100)["rows"]
        events = [canonical_event(store, r["id"]) for r in rows]
    cancellations = [
        e for e in events if e and any(CANCELLATION.search(m["trigger"]) for m in e["mentions"])
    ]
    assert len(cancellations) == 1, [(e["canonical_id"], e["type"]) for e in cancellations]
    (event,) = cancellations
    assert event["num_articles"] >= 2 and event["num_sources"] >= 2
    assert event["num_mentions"] == len(event["mentions"])
    assert {m["published"] for m in event["mentions"]} <= {"2018-05-24", "2018-05-25"}


def test_report_is_self_contained(demo: Demo, records: list[dict]):
    html = demo.report.read_text(encoding="utf-8")
    assert get_plotlyjs() in html
    assert not REMOTE_SOURCE.search(html)
    assert html.count('class="plotly-graph-div"') == 3
    for article_id in (r["id"] for r in records):
        assert f'id="article-{article_id}"' in html


def test_report_escapes_text_from_the_database(tmp_path: Path):
    text = 'Officials met. "<script>alert(1)</script>" said <b>Someone</b>.'
    article = Article(
        id="x<y>",
        text=text,
        title="<img src=x onerror=alert(2)>",
        published=dt.date(2018, 5, 24),
        source="A & B",
    )
    start = text.index("<script>")
    quote = Quote(
        text=text[start : text.index('"', start)],
        start=start,
        end=text.index('"', start),
        kind="direct",
        speaker=Speaker(
            name="<b>Someone</b>",
            mention="<b>Someone</b>",
            start=text.index("<b>"),
            end=text.index("</b>") + 4,
        ),
    )
    with open_store(str(tmp_path / "x.duckdb")) as store:
        store.write([Extraction(article=article, quotes=[quote])], [])
        write_report(store, tmp_path / "r.html")
    html = (tmp_path / "r.html").read_text(encoding="utf-8")
    body = html.split("</head>", 1)[1]
    assert "<script>alert" not in body and "<img src=x" not in body and "<b>Someone" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body
    assert "&lt;img src=x onerror=alert(2)&gt;" in body
    assert "A &amp; B" in body


@pytest.mark.browser
def test_report_renders_its_charts_offline_in_chromium(demo: Demo, browser) -> None:
    requests: list[str] = []
    errors: list[str] = []
    page = browser.new_page(viewport={"width": 1280, "height": 1000})
    try:
        page.on("request", lambda r: requests.append(r.url))
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(demo.report.as_uri())
        page.wait_for_selector(".main-svg", timeout=20_000)
        for name in ("timeline", "types", "dyads"):
            assert page.locator(f"#chart-{name} .main-svg").count() >= 1, name
        assert page.locator("#chart-types .bars path").count() >= 1
        (ROOT / "artifacts").mkdir(exist_ok=True)
        page.screenshot(path=str(ROOT / "artifacts" / "demo-report.png"))
    finally:
        page.close()
    assert errors == []
    assert [u for u in requests if not u.startswith(("file:", "data:", "blob:"))] == []
