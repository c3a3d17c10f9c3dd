"""Load test of ``tidings serve`` on 127.0.0.1: concurrent analyse, ingest and query requests.

    python -m bench.load                       # 60 s, 8 clients
    python -m bench.load --seconds 20 --clients 4 --max-requests 2000

Starts ``tidings serve`` (the real command, an API token set) over a fresh DuckDB file on a
free loopback port, warms it with one analysed article, then for ``--seconds`` (and at most
``--max-requests`` requests) runs ``--clients`` threads, each with its own keep-alive
connection, doing a weighted mix of POST /api/analyse, POST /api/ingest (one to three
articles, each text generated and unique) and GET list/query endpoints with varied filters.
Afterwards it waits for every acknowledged ingest job to finish, stops the server, opens
the database and checks that every acknowledged article is stored exactly once (or recorded
as a failure). With ``--kill`` the server is killed (SIGKILL) as the clients stop and a new
one drains the backlog from the ingest spool. Prints throughput, p50/p95/p99 latency per
kind, the count of 5xx and other errors, and lost/duplicated writes as Markdown; exits 1 on
any 5xx, lost or duplicated write.
"""

from __future__ import annotations

import argparse
import os
import random
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import httpx

TIDINGS = Path(sys.executable).with_name("tidings")

LEADERS = [
    "President Emmanuel Macron",
    "Chancellor Olaf Scholz",
    "Prime Minister Fumio Kishida",
    "President Joe Biden",
    "President Xi Jinping",
    "Prime Minister Narendra Modi",
    "President Cyril Ramaphosa",
    "President Luiz Inacio Lula da Silva",
]
COUNTRIES = ["France", "Germany", "Japan", "the United States", "China", "India", "Brazil"]
ACTS = [
    "met the foreign minister of {c} in {city} on {day} to discuss trade",
    "accused {c} of violating the ceasefire agreement",
    "signed an energy agreement with {c} in {city} on {day}",
    "threatened {c} with new sanctions over its missile tests",
    "praised {c} for its aid to refugees",
    "urged {c} to release the detained journalists",
]
CITIES = ["Paris", "Berlin", "Tokyo", "Washington", "Beijing", "New Delhi", "Brasilia"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
QUERIES = [
    ("/api/events", lambda r: {"limit": r.choice([10, 50]), "offset": r.choice([0, 0, 20])}),
    ("/api/events", lambda r: {"country": r.choice(["USA", "CHN", "FRA", "DEU", "JPN"])}),
    ("/api/events", lambda r: {"quad": r.choice([1, 2, 3, 4]), "dedup": r.random() < 0.5}),
    ("/api/events", lambda r: {"q": r.choice(["sanctions", "trade", "energy", "refugees"])}),
    ("/api/articles", lambda r: {"q": r.choice(CITIES), "limit": 20}),
    ("/api/quotes", lambda r: {"q": r.choice(["expect", "results", "partners"])}),
    ("/api/dyads", lambda r: {"limit": 20}),
    ("/api/actors", lambda r: {"by": r.choice(["actor", "country", "name"])}),
    ("/api/speakers", lambda r: {}),
    ("/api/summary", lambda r: {}),
    ("/api/dyads/series", lambda r: {"actor": "USA", "interval": "month"}),
]


def article(n: int, rng: random.Random) -> dict[str, str]:
    """A generated article; ``n`` makes its text unique."""
    leader = rng.choice(LEADERS)
    act = rng.choice(ACTS).format(
        c=rng.choice(COUNTRIES), city=rng.choice(CITIES), day=rng.choice(DAYS)
    )
    text = (
        f"{leader} {act}. It was meeting number {n} between the two governments this year. "
        f'"We expect results by March," {leader.split()[-1]} told reporters in '
        f"{rng.choice(CITIES)}, adding that the partners would meet again soon."
    )
    return {"id": f"load-{n}", "text": text, "published": f"2024-0{rng.randint(1, 9)}-1{n % 10}"}


@dataclass
class Record:
    """What the clients saw."""

    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    statuses: dict[str, Counter[int]] = field(default_factory=lambda: defaultdict(Counter))
    errors: Counter[str] = field(default_factory=Counter)
    acknowledged: dict[str, list[str]] = field(default_factory=dict)  # job id → article ids
    lock: threading.Lock = field(default_factory=threading.Lock)


def client(
    base: str,
    token: str,
    weights: dict[str, int],
    seed: int,
    stop: threading.Event,
    budget: list[int],
    counter: list[int],
    rec: Record,
) -> None:
    """One client thread: requests of a random kind until the time or the budget runs out."""
    rng = random.Random(seed)
    kinds, w = list(weights), list(weights.values())
    auth = {"Authorization": f"Bearer {token}"}
    with httpx.Client(base_url=base, timeout=120) as http:
        while not stop.is_set():
            with rec.lock:
                if budget[0] <= 0:
                    return
                budget[0] -= 1
            kind = rng.choices(kinds, w)[0]
            try:
                started = time.perf_counter()
                if kind == "analyse":
                    with rec.lock:
                        counter[0] += 1
                        n = counter[0]
                    r = http.post("/api/analyse", json=article(n, rng))
                elif kind == "ingest":
                    with rec.lock:
                        first = counter[0] + 1
                        counter[0] += rng.randint(1, 3)
                        ns = range(first, counter[0] + 1)
                    batch = [article(n, rng) for n in ns]
                    r = http.post("/api/ingest", json={"articles": batch}, headers=auth)
                    if r.status_code == 202:
                        with rec.lock:
                            rec.acknowledged[r.json()["id"]] = [a["id"] for a in batch]
                else:
                    path, params = rng.choice(QUERIES)
                    r = http.get(path, params=params(rng))
                elapsed = time.perf_counter() - started
            except httpx.HTTPError as exc:
                with rec.lock:
                    rec.errors[f"{kind}: {type(exc).__name__}"] += 1
                continue
            with rec.lock:
                rec.latencies[kind].append(elapsed)
                rec.statuses[kind][r.status_code] += 1


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(db: Path, port: int, token: str) -> subprocess.Popen[bytes]:
    env = {**os.environ, "TIDINGS_API_TOKEN": token}
    cmd = [str(TIDINGS), "serve", "--db", str(db), "--port", str(port)]
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while True:
        if proc.poll() is not None:
            raise SystemExit(f"tidings serve exited: {proc.stderr.read().decode()}")  # type: ignore[union-attr]
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/summary", timeout=5).status_code == 200:
                return proc
        except httpx.HTTPError:
            pass
        if time.monotonic() > deadline:
            proc.kill()
            raise SystemExit("tidings serve did not answer within two minutes")
        time.sleep(0.2)


def drain(base: str, jobs: list[str], limit: float) -> Counter[str]:
    """Wait until every job is done or failed; their final states.

    The server keeps the status of its latest jobs only; an older one it no longer knows
    ran before the later ones (one ingest thread, first in first out) and counts as
    "forgotten": the database check below still covers its articles.
    """
    deadline = time.monotonic() + limit
    states: Counter[str] = Counter()
    with httpx.Client(base_url=base, timeout=60) as http:
        for job in jobs:
            while True:
                r = http.get(f"/api/ingest/{job}")
                state = r.json()["state"] if r.status_code == 200 else "forgotten"
                if state in ("done", "failed", "forgotten") or time.monotonic() > deadline:
                    states[state] += 1
                    break
                time.sleep(0.2)
    return states


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seconds", type=float, default=60)
    ap.add_argument("--clients", type=int, default=8)
    ap.add_argument("--max-requests", type=int, default=100_000)
    ap.add_argument("--mix", default="analyse=1,ingest=1,query=6", help="kind=weight,...")
    ap.add_argument("--drain-limit", type=float, default=900, help="seconds to finish ingests")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument(
        "--kill",
        action="store_true",
        help="SIGKILL the server as the clients stop and restart it before draining, so the "
        "ingest backlog must survive in the spool",
    )
    args = ap.parse_args()
    weights = {k: int(v) for k, v in (p.split("=") for p in args.mix.split(","))}
    token = secrets.token_urlsafe(16)
    rec = Record()
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "load.duckdb"
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        server = start_server(db, port, token)
        try:
            warm = httpx.post(base + "/api/analyse", json=article(0, random.Random()), timeout=300)
            assert warm.status_code == 200, warm.text
            stop = threading.Event()
            budget, counter = [args.max_requests], [0]
            threads = [
                threading.Thread(
                    target=client,
                    args=(base, token, weights, args.seed + i, stop, budget, counter, rec),
                )
                for i in range(args.clients)
            ]
            started = time.perf_counter()
            for t in threads:
                t.start()
            while time.perf_counter() - started < args.seconds and any(
                t.is_alive() for t in threads
            ):
                time.sleep(0.1)
            stop.set()
            for t in threads:
                t.join()
            elapsed = time.perf_counter() - started
            killed_errors = b""
            if args.kill:
                server.kill()
                killed_errors = server.communicate()[1]
                server = start_server(db, port, token)
            drain_start = time.perf_counter()
            states = drain(base, list(rec.acknowledged), args.drain_limit)
            drained = time.perf_counter() - drain_start
        finally:
            server.send_signal(signal.SIGTERM)
            _, err = server.communicate(timeout=120)
        server_errors = [
            ln for ln in (killed_errors + err).decode().splitlines() if "Traceback" in ln
        ]
        con = duckdb.connect(str(db), read_only=True)
        stored = Counter(
            r[0] for r in con.execute("SELECT id FROM articles WHERE id LIKE 'load-%'").fetchall()
        )
        failed_ids = {r[0] for r in con.execute("SELECT article_id FROM failures").fetchall()}
        con.close()
    acked = [a for ids in rec.acknowledged.values() for a in ids]
    lost = [a for a in acked if stored[a] == 0 and a not in failed_ids]
    duplicated = [a for a, n in stored.items() if n > 1]
    unacked_stored = set(stored) - set(acked)

    total = sum(len(v) for v in rec.latencies.values())
    five = sum(n for c in rec.statuses.values() for s, n in c.items() if s >= 500)
    print(
        f"{args.clients} clients, {elapsed:.1f} s, mix {args.mix}, {total} requests "
        f"({total / elapsed:.1f}/s)\n"
    )
    print("| kind | requests | req/s | p50 ms | p95 ms | p99 ms | statuses |")
    print("|---|---:|---:|---:|---:|---:|---|")
    for kind in weights:
        lat = rec.latencies.get(kind, [])
        if not lat:
            continue
        statuses = ", ".join(f"{s}: {n}" for s, n in sorted(rec.statuses[kind].items()))
        print(
            f"| {kind} | {len(lat)} | {len(lat) / elapsed:.1f} | {percentile(lat, 50) * 1e3:.0f} "
            f"| {percentile(lat, 95) * 1e3:.0f} | {percentile(lat, 99) * 1e3:.0f} | {statuses} |"
        )
    print()
    print(
        f"5xx responses: {five}; client errors (timeouts, resets): {sum(rec.errors.values())} "
        f"{dict(rec.errors) or ''}"
    )
    print(
        f"ingest: {len(rec.acknowledged)} requests acknowledged (202) with {len(acked)} "
        f"articles; jobs {dict(states)}; backlog drained in {drained:.0f} s"
        + (" (after a SIGKILL and a restart of the server)" if args.kill else "")
    )
    print(
        f"stored exactly once: {sum(stored[a] == 1 for a in acked)}; extraction failures "
        f"recorded: {len(failed_ids)}; lost: {len(lost)}; duplicated: {len(duplicated)}; "
        f"stored without acknowledgement: {len(unacked_stored)}"
    )
    print(f"server tracebacks: {len(server_errors)}")
    bad = five or lost or duplicated or server_errors or states.get("failed")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
