"""End-to-end throughput of tidings against bare spaCy, same texts, same model, one run.

    python -m bench.throughput --limit 200 --repeat 2   # quick: the first 200 articles
    python -m bench.throughput                          # 1k-article slice of allsides-10k
    python -m bench.throughput --dask --limit 10000     # whole corpus, two Dask workers
    python -m bench.throughput --limit 200 --one        # one process each, CPU seconds too

Measures, side by side in alternating rounds: bare ``nlp.pipe`` with the full en_core_web_md
pipeline and ``tidings.pipeline.run`` into a fresh DuckDB, each with 1 and with 2 processes;
their articles/s and words/s, the ratio of tidings to bare spaCy on the same number of
processes, the speedup from 1 to 2 workers, the CPU seconds of all processes involved and the
peak RSS of each worker process. The ratio by CPU seconds (the least of each configuration's
rounds) is printed too: on a machine shared with other work, it moves less than wall time.
``--one`` runs only the one-process pair (no pool), for a quick comparison.

Start-up is not throughput, and is left out on both sides alike: bare spaCy's model is loaded
before its clock starts (its ``n_process`` children fork from this process with the model,
and the caches it has filled, in memory), and tidings' two-worker pool is started, each
worker's model loaded, before the first round; all rounds use that pool. The pool's start-up
is printed apart. Use ``--repeat 2`` or more: in round 1 nobody has seen the texts yet.

``--dask`` instead stores the slice with ``--engine dask`` on a LocalCluster of two
single-threaded workers and checks that every article read is stored exactly once.
"""

from __future__ import annotations

import argparse
import concurrent.futures as cf
import contextlib
import dataclasses
import gzip
import itertools
import json
import os
import resource
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import duckdb
import psutil

from bench.common import ALLSIDES
from tidings.config import Settings
from tidings.nlp import load_nlp
from tidings.pipeline import process_pool, run
from tidings.records import Article
from tidings.resources import load_resources
from tidings.sources import read_sources


class PeakRSS:
    """Samples every 0.2 s the RSS of the workers: this process's descendants, or, with one
    worker (which runs in this process), this process itself."""

    def __init__(self, in_process: bool) -> None:
        self.in_process = in_process
        self.peak: dict[int, int] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True)

    def _watch(self) -> None:
        me = psutil.Process()
        while not self._stop.is_set():
            procs = [me] if self.in_process else me.children(recursive=True)
            for p in procs:
                with contextlib.suppress(psutil.Error):
                    self.peak[p.pid] = max(self.peak.get(p.pid, 0), p.memory_info().rss)
            time.sleep(0.2)

    def __enter__(self) -> PeakRSS:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def max_mb(self) -> float:
        return max(self.peak.values(), default=0) / 2**20


def cpu_seconds() -> float:
    """CPU time of this process, its live descendants and its reaped children."""
    total = time.process_time()
    for p in psutil.Process().children(recursive=True):
        with contextlib.suppress(psutil.Error):
            t = p.cpu_times()
            total += t.user + t.system
    reaped = resource.getrusage(resource.RUSAGE_CHILDREN)
    return total + reaped.ru_utime + reaped.ru_stime


@contextlib.contextmanager
def clock() -> Iterator[list[float]]:
    """Yields a list that holds [wall seconds, CPU seconds] once the block is done."""
    out: list[float] = []
    wall, cpu = time.perf_counter(), cpu_seconds()
    yield out
    out.extend([time.perf_counter() - wall, cpu_seconds() - cpu])


def bare_spacy(texts: list[str], batch_size: int, processes: int) -> tuple[float, float]:
    nlp = load_nlp()
    with clock() as took:
        for _ in nlp.pipe(texts, batch_size=batch_size, n_process=processes):
            pass
    return took[0], took[1]


def tidings_run(
    corpus: Path, settings: Settings, pool: cf.ProcessPoolExecutor | None
) -> tuple[float, float, float, int]:
    """Wall and CPU seconds, peak RSS per worker (MB), articles stored, into a fresh DuckDB."""
    with tempfile.TemporaryDirectory() as tmp:
        settings = dataclasses.replace(settings, db=str(Path(tmp) / "bench.duckdb"))
        with PeakRSS(in_process=pool is None) as rss, clock() as took:
            summary = run([str(corpus)], settings, pool=pool)
    return took[0], took[1], rss.max_mb(), summary.stored


def _wait_for_workers(pool: cf.ProcessPoolExecutor, workers: int) -> None:
    """Until each of the pool's ``workers`` processes has loaded its resources and answered."""
    pids: set[int] = set()
    while len(pids) < workers:
        futures = [pool.submit(os.getpid) for _ in range(workers)]
        pids.update(f.result() for f in futures)
        time.sleep(0.2)


def load() -> str:
    return "load average " + " ".join(f"{x:.2f}" for x in os.getloadavg())


def compare(args: argparse.Namespace, lines: list[str]) -> None:
    texts = [json.loads(line)["text"] for line in lines]
    words = sum(len(t.split()) for t in texts)
    names = [
        "bare spaCy nlp.pipe, 1 process",
        "tidings run, 1 worker",
        "bare spaCy nlp.pipe, 2 processes",
        "tidings run, 2 workers",
    ][: 2 if args.one else 4]
    best: dict[str, tuple[float, float]] = {}
    least_cpu: dict[str, float] = {}
    peaks: dict[str, float] = {}
    stored: set[int] = set()
    print(f"before: {load()}", flush=True)
    one = Settings(workers=1, batch_size=args.batch_size)
    two = dataclasses.replace(one, workers=2)
    with tempfile.TemporaryDirectory() as tmp, process_pool(two, 1 if args.one else 2) as pool:
        corpus = Path(tmp) / "slice.jsonl"
        corpus.write_text("".join(lines), encoding="utf-8")
        load_nlp()  # model load time is not throughput
        load_resources(one)
        start = time.perf_counter()
        if not args.one:
            _wait_for_workers(pool, 2)
        startup = time.perf_counter() - start
        # One pool for every round: like the process that runs bare spaCy (whose n_process
        # children fork from it), its workers have seen the texts in the rounds before.
        for i in range(args.repeat):  # alternate, so drifts in machine speed hit all alike
            for name in names:
                processes = 2 if "2" in name else 1
                if name.startswith("bare"):
                    secs, cpu = bare_spacy(texts, args.batch_size, processes)
                else:
                    settings, workers = (two, pool) if processes > 1 else (one, None)
                    secs, cpu, peak, n = tidings_run(corpus, settings, workers)
                    peaks[name] = max(peak, peaks.get(name, 0))
                    stored.add(n)
                print(f"round {i + 1}: {name}: {secs:.1f} s, CPU {cpu:.1f} s", flush=True)
                if name not in best or secs < best[name][0]:
                    best[name] = (secs, cpu)
                least_cpu[name] = min(cpu, least_cpu.get(name, cpu))
            print(f"after round {i + 1}: {load()}", flush=True)
    print(
        f"\n{len(texts)} articles, {words:,} words, batch size {args.batch_size}, "
        f"fastest of {args.repeat} alternating rounds"
    )
    print(
        "| what | seconds | CPU seconds | articles/s | words/s | × bare spaCy, same processes "
        "| peak RSS/worker MB |"
    )
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for i, name in enumerate(names):
        secs, cpu = best[name]
        base = best[names[i - i % 2]][0]
        peak = peaks.get(name)
        print(
            f"| {name} | {secs:.1f} | {cpu:.1f} | {len(texts) / secs:.2f} | {words / secs:,.0f} "
            f"| {base / secs:.2f} | {'' if peak is None else f'{peak:.0f}'} |"
        )
    for bare, ours in zip(names[::2], names[1::2], strict=True):
        wall = best[bare][0] / best[ours][0]
        print(
            f"\nthroughput × bare spaCy, {bare.split(', ')[1]}: {wall:.2f}× by wall clock"
            f", {least_cpu[bare] / least_cpu[ours]:.2f}× by CPU seconds "
            f"({least_cpu[bare]:.1f} s against {least_cpu[ours]:.1f} s)"
        )
    if not args.one:
        print(f"tidings speedup 1 → 2 workers: {best[names[1]][0] / best[names[3]][0]:.2f}×")
        print(f"pool start-up, 2 workers, once before the rounds: {startup:.1f} s")
    print(f"articles stored per run: {sorted(stored)}")


def dask_check(args: argparse.Namespace, lines: list[str]) -> None:
    """Store the slice on a two-worker LocalCluster, then count what the database holds."""
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "slice.jsonl"
        corpus.write_text("".join(lines), encoding="utf-8")
        settings = Settings(
            db=str(Path(tmp) / "dask.duckdb"),
            engine="dask",
            workers=2,
            batch_size=args.batch_size,
        )
        read = [a for a in read_sources([str(corpus)], settings) if isinstance(a, Article)]
        unique = {a.content_hash for a in read}
        print(f"before: {load()}", flush=True)
        start = time.perf_counter()
        summary = run([str(corpus)], settings)
        secs = time.perf_counter() - start
        print(f"after: {load()}")
        con = duckdb.connect(settings.db, read_only=True)
        ((rows, distinct),) = con.execute(
            "SELECT count(*), count(DISTINCT content_hash) FROM articles"
        ).fetchall()
        stored = {h for (h,) in con.execute("SELECT content_hash FROM articles").fetchall()}
        failures = con.execute("SELECT stage, article_id, error FROM failures").fetchall()
        con.close()
    failed = len(unique - stored)
    print(f"{len(lines)} lines, {len(read)} articles read, {len(unique)} distinct texts")
    print(f"run: {summary.stored} stored, {summary.skipped} skipped, {summary.failed} failed")
    print(f"database: {rows} article rows, {distinct} distinct content hashes")
    for stage, article_id, error in failures:
        print(f"failure: {stage} {article_id}: {error}")
    print(f"{secs:.0f} s, {len(read) / secs:.2f} articles/s on 2 Dask workers")
    ok = rows == distinct == len(unique) and failed == 0
    verdict = "yes" if ok else f"NO ({failed} not stored, {summary.failed} failures recorded)"
    print(f"every article stored exactly once: {verdict}")
    if not ok:
        sys.exit(1)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", type=Path, default=ALLSIDES)
    ap.add_argument("--limit", type=int, default=1000)
    ap.add_argument("--batch-size", type=int, default=16)
    ap.add_argument("--repeat", type=int, default=2, help="rounds; the fastest of each counts")
    ap.add_argument("--dask", action="store_true", help="check a two-worker Dask run instead")
    ap.add_argument("--one", action="store_true", help="only the one-process pair")
    args = ap.parse_args()
    with gzip.open(args.corpus, "rt", encoding="utf-8") as fh:
        lines = list(itertools.islice(fh, args.limit))
    (dask_check if args.dask else compare)(args, lines)


if __name__ == "__main__":
    main()
