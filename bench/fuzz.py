"""Fuzz the whole path — readers, extraction, store — with hostile input; nightly-style.

    python -m bench.fuzz                  # 10,000 inputs, plus one 50 MB file
    python -m bench.fuzz -n 500 --no-big  # a quick look
    python -m bench.fuzz --pages 600      # time the HTML reader on pathological pages
    python -m bench.fuzz --atheris 600    # coverage-guided fuzzing of the readers (atheris)

Writes N generated inputs (random bytes, broken and deeply nested HTML, zero-width and
right-to-left text, mixed encodings, malformed JSON Lines and CSV, truncated gzip, 10 MB
lines, pages nested 100,000 deep) plus well-formed articles into a directory, runs
``tidings.pipeline.run`` over it into a fresh DuckDB, and checks: no exception escapes,
every record read ends up either stored or in the failures table, and every well-formed
article is stored. Prints the counts and the time; exits 1 on any violation.

``--atheris`` instead hands the readers to atheris (``pip install -e '.[fuzz]'``), which mutates
inputs towards new branches for the given time: each input is written as a file of one of
the formats (picked by its first byte) and read with ``read_sources``; any exception that
escapes is a crash, saved by libFuzzer as ``crash-*`` in a ``tidings-atheris-*`` temp folder.
"""

from __future__ import annotations

import argparse
import gzip
import inspect
import json
import multiprocessing
import random
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import duckdb

from tidings.config import Settings
from tidings.pipeline import run
from tidings.records import Article, Failure, content_hash
from tidings.sources import read_sources

ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"
RTL = "\u202e\u202b\u200f" + "مرحبا بالعالم" + "שלום עולם"
WORDS = [
    "the",
    "minister",
    "said",
    "talks",
    "with",
    "Seoul",
    "would",
    "resume",
    "on",
    "Monday",
    "while",
    "Beijing",
    "urged",
    "restraint",
    "and",
    "Washington",
    "announced",
    "new",
    "sanctions",
    "against",
    "Pyongyang",
    "after",
    "tests",
]


def _sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(4, 18))]
    return " ".join(words).capitalize() + "."


def _article_text(rng: random.Random) -> str:
    return "\n\n".join(_sentence(rng) for _ in range(rng.randint(1, 6)))


def _random_bytes(rng: random.Random) -> tuple[str, bytes]:
    return ".txt", rng.randbytes(rng.randint(0, 4096))


def _weird_text(rng: random.Random) -> tuple[str, bytes]:
    alphabet = ZERO_WIDTH + RTL + "“”‘’«»„\"'—–…\u0301\u0308\x0b\x0c\r" + "abc XYZ 123\n"
    noise = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 800)))
    return ".txt", (_article_text(rng) + noise).encode("utf-8", "surrogatepass")


def _broken_html(rng: random.Random) -> tuple[str, bytes]:
    depth = rng.choice([3, 50, 5000])
    body = "<div>" * depth + f"<p>{_sentence(rng)}<b><i>" + "</span>" * rng.randint(0, 9)
    junk = rng.choice(["<script>alert(1)", "<!--", "<![CDATA[", "<?xml", "&#xFFFFFF;&amp"])
    return ".html", f"<html><head><title>{_sentence(rng)}</title>{junk}{body}".encode()


def _mixed_encoding(rng: random.Random) -> tuple[str, bytes]:
    text = _article_text(rng) + " Café déjà vu — naïve façade."
    encoding = rng.choice(["latin-1", "cp1252", "utf-16", "utf-8-sig", "shift_jis"])
    data = text.encode(encoding, "replace")
    if rng.random() < 0.5:  # a UTF-8 file with a stretch of Latin-1 inside
        data = text.encode() + "é à ü".encode("latin-1") + text.encode()
    return ".txt", data


def _bad_jsonl(rng: random.Random) -> tuple[str, bytes]:
    lines = []
    for i in range(rng.randint(1, 8)):
        kind = rng.randrange(6)
        if kind == 0:
            lines.append(json.dumps({"id": f"j{i}", "text": _article_text(rng)}))
        elif kind == 1:
            lines.append(json.dumps({"id": f"j{i}", "text": _article_text(rng)})[:-7])
        elif kind == 2:
            lines.append(json.dumps([1, 2, 3]))
        elif kind == 3:
            lines.append(json.dumps({"id": i, "text": None, "published": "not a date"}))
        elif kind == 4:
            lines.append(json.dumps({"text": _article_text(rng), "published": 12345}))
        else:
            lines.append("\x00\x01{" + "[" * rng.randint(1, 3000))
    return ".jsonl", "\n".join(lines).encode()


def _bad_csv(rng: random.Random) -> tuple[str, bytes]:
    rows = ["id,title,text,published"]
    for i in range(rng.randint(1, 8)):
        kind = rng.randrange(4)
        if kind == 0:
            rows.append(f'c{i},Title,"{_sentence(rng)}",2018-05-24')
        elif kind == 1:
            rows.append(f'c{i},"unclosed,{_sentence(rng)}')
        elif kind == 2:
            rows.append(f"c{i}")
        else:
            rows.append(f"c{i},x,{_sentence(rng)},2018-13-45,extra,extra")
    return ".csv", "\n".join(rows).encode()


def _truncated_gzip(rng: random.Random) -> tuple[str, bytes]:
    data = gzip.compress(json.dumps({"id": "g", "text": _article_text(rng)}).encode())
    return ".jsonl.gz", data[: rng.randint(0, len(data) - 1)]


def _long_line(rng: random.Random) -> tuple[str, bytes]:
    return ".txt", ((_sentence(rng) + " ") * (10_000_000 // 60)).encode()


def _deep_html(rng: random.Random) -> tuple[str, bytes]:
    """100,000 nested elements around one paragraph, half the time never closed."""
    close = "</div>" * 100_000 if rng.random() < 0.5 else ""
    return ".html", f"<html><body>{'<div>' * 100_000}<p>{_sentence(rng)}</p>{close}".encode()


def _good_article(rng: random.Random) -> tuple[str, bytes]:
    return ".txt", _article_text(rng).encode()


KINDS: list[Callable[[random.Random], tuple[str, bytes]]] = [
    _random_bytes,
    _weird_text,
    _broken_html,
    _mixed_encoding,
    _bad_jsonl,
    _bad_csv,
    _truncated_gzip,
    _good_article,
]


def generate(directory: Path, n: int, seed: int = 0, big: bool = True) -> None:
    """Write ``n`` fuzzed inputs (every 1,000th a 10 MB line, every 1,000th a page nested
    100,000 deep) and optionally a 50 MB file."""
    rng = random.Random(seed)
    rare = {999: _long_line, 499: _deep_html}
    for i in range(n):
        make = rare.get(i % 1000) or KINDS[i % len(KINDS)]
        suffix, data = make(rng)
        (directory / f"{i:05d}{suffix}").write_bytes(data)
    if big:
        with open(directory / "big.txt", "wb") as fh:
            block = (_article_text(rng) + "\n").encode()
            while fh.tell() < 50 * 2**20:
                fh.write(block)


def check(directory: Path, db: Path, workers: int) -> dict[str, int]:
    """Run the pipeline over ``directory`` and count what became of every record."""
    settings = Settings(db=str(db), workers=workers, article_timeout=60)
    started = time.perf_counter()
    read = list(read_sources([str(directory)], settings))
    reading = time.perf_counter() - started
    articles = {a.content_hash for a in read if isinstance(a, Article)}
    well_formed = {
        content_hash(p.read_bytes().decode())
        for p in directory.iterdir()
        if p.suffix == ".txt" and _is_plain_article(p)
    }
    summary = run([str(directory)], settings)
    con = duckdb.connect(str(db), read_only=True)
    stored = {r[0] for r in con.execute("SELECT content_hash FROM articles").fetchall()}
    (failures,) = con.execute("SELECT count(*) FROM failures").fetchone() or (0,)
    stages = con.execute("SELECT stage, count(*) FROM failures GROUP BY 1 ORDER BY 1").fetchall()
    con.close()
    extract_failures = summary.failed - sum(isinstance(r, Failure) for r in read)
    return {
        "inputs read as articles": len(articles),
        "read failures": sum(isinstance(r, Failure) for r in read),
        "stored": len(stored),
        "failed after reading": extract_failures,
        "failures table rows": failures,
        "lost (read, neither stored nor failed)": len(articles - stored) - extract_failures,
        "well-formed articles not stored": len(well_formed - stored),
        **{f"failures at stage {stage}": count for stage, count in stages},
        "seconds to read every input once": round(reading),
    }


def _is_plain_article(path: Path) -> bool:
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError:
        return False
    return bool(text.strip()) and len(text) < 100_000 and all(w.isascii() for w in text)


def pathological_pages(sentence: str) -> dict[str, str]:
    """HTML built to make a page parser slow: deep nesting, huge lines, masses of elements."""
    return {
        "100,000 nested div, closed": "<div>" * 100_000 + f"<p>{sentence}</p>" + "</div>" * 100_000,
        "100,000 nested div, unclosed": "<div>" * 100_000 + f"<p>{sentence}",
        "50,000 nested b/i": "<p>" + "<b><i>" * 50_000 + sentence,
        "20,000 nested tables": "<table><tr><td>" * 20_000 + sentence,
        "10 MB paragraph, one line": "<p>" + sentence * (10_000_000 // len(sentence)) + "</p>",
        "10 MB of short paragraphs": f"<p>{sentence}</p>" * (10_000_000 // (len(sentence) + 7)),
        "1 MB line of inline elements": "<p>" + "<b>x</b> " * (1_000_000 // 9) + "</p>",
        "10 MB line of inline elements": "<p>" + "<b>x</b> " * (10_000_000 // 9) + "</p>",
    }


def _read_page(path: str, out: multiprocessing.Queue) -> None:  # type: ignore[type-arg]
    started = time.perf_counter()
    results = list(read_sources([path], Settings()))
    outcomes = [
        r.error if isinstance(r, Failure) else f"article of {len(r.text):,} chars" for r in results
    ]
    out.put(f"{time.perf_counter() - started:.1f} s: {'; '.join(outcomes)}")


def probe_pages(directory: Path, cap: float) -> list[tuple[str, int, str]]:
    """Read each pathological page in a child process cut off after ``cap`` seconds."""
    ctx = multiprocessing.get_context("spawn")
    rows = []
    sentence = _sentence(random.Random(0)) + " "
    for i, (name, html) in enumerate(pathological_pages(sentence).items()):
        path = directory / f"page{i}.html"
        path.write_text(f"<html><head><title>t</title></head><body>{html}</body></html>")
        out = ctx.Queue()
        child = ctx.Process(target=_read_page, args=(str(path), out))
        child.start()
        child.join(cap)
        if child.is_alive():
            child.kill()
            child.join()
            outcome = f"not finished after {cap:.0f} s"
        else:
            outcome = out.get() if child.exitcode == 0 else f"crashed (exit {child.exitcode})"
        rows.append((name, path.stat().st_size, outcome))
    return rows


READER_SUFFIXES = [".txt", ".html", ".jsonl", ".json", ".csv", ".tsv", ".txt.gz", ".md"]


def fuzz_readers(seconds: float) -> None:
    """Coverage-guided fuzzing of every reader for ``seconds``; libFuzzer then prints the
    count of runs and exits the process (non-zero on a crash)."""
    try:
        import atheris
    except ImportError:
        raise SystemExit("--atheris needs atheris: pip install -e '.[fuzz]'") from None

    # Coverage of tidings' readers only: instrumenting every loaded module takes minutes.
    for name, module in list(sys.modules.items()):
        if name.startswith("tidings.sources"):
            for obj in vars(module).values():
                for fn in [obj, *vars(obj).values()] if inspect.isclass(obj) else [obj]:
                    if inspect.isfunction(fn) and fn.__module__ == name:
                        atheris.instrument_func(fn)
    settings = Settings(article_timeout=10)
    folder = Path(tempfile.mkdtemp(prefix="tidings-atheris-"))

    def one_input(data: bytes) -> None:
        if not data:
            return
        path = folder / ("input" + READER_SUFFIXES[data[0] % len(READER_SUFFIXES)])
        path.write_bytes(data[1:])
        for result in read_sources([str(path)], settings):
            if isinstance(result, Article):
                assert result.text.strip(), "an article without text"
            else:
                assert isinstance(result, Failure) and result.error, result
        path.unlink()

    # -timeout=0: libFuzzer's own SIGALRM would clash with article_timeout's.
    options = [f"-max_total_time={int(seconds)}", "-timeout=0", "-rss_limit_mb=4096"]
    atheris.Setup([sys.argv[0], *options, f"-artifact_prefix={folder}/crash-"], one_input)
    atheris.Fuzz()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("-n", type=int, default=10_000)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--no-big", action="store_true", help="skip the 50 MB file")
    ap.add_argument(
        "--pages",
        type=float,
        metavar="SECONDS",
        help="instead: time the HTML reader on pathological pages, each cut off after SECONDS",
    )
    ap.add_argument(
        "--atheris",
        type=float,
        metavar="SECONDS",
        help="instead: coverage-guided fuzzing of the readers with atheris for SECONDS",
    )
    args = ap.parse_args()
    if args.atheris:
        fuzz_readers(args.atheris)
    if args.pages:
        with tempfile.TemporaryDirectory() as tmp:
            for name, size, outcome in probe_pages(Path(tmp), args.pages):
                print(f"| {name} | {size / 1e6:.1f} MB | {outcome} |")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        inputs = Path(tmp) / "inputs"
        inputs.mkdir()
        generate(inputs, args.n, args.seed, big=not args.no_big)
        start = time.perf_counter()
        counts = check(inputs, Path(tmp) / "fuzz.duckdb", args.workers)
        elapsed = time.perf_counter() - start
    for name, value in counts.items():
        print(f"{name}: {value}")
    print(f"{args.n} fuzzed inputs in {elapsed:.0f} s; crashes: 0 (the run returned)")
    bad = (
        counts["lost (read, neither stored nor failed)"]
        or counts["well-formed articles not stored"]
    )
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
