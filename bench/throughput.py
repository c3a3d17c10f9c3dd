"""End-to-end throughput of tidings against bare spaCy, same texts, same model, one run.

    python -m bench.throughput                 # 1k-article slice of allsides-10k
    python -m bench.throughput --limit 10000   # the whole corpus

Measures, side by side and alternating: bare ``nlp.pipe`` with the full en_core_web_md
pipeline and ``tidings run`` into a fresh DuckDB, each with 1 and with 2 processes; their
articles/s and words/s, the ratio of tidings to bare spaCy on the same number of processes,
the speedup from 1 to 2 workers, and the peak RSS of each worker process.
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import itertools
import json
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

from bench.common import ALLSIDES
from tidings.config import Settings
from tidings.nlp import load_nlp
from tidings.pipeline import run


class PeakRSS:
    """Samples every 0.2 s the RSS of the workers: this process's children, or, with one
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


def bare_spacy(texts: list[str], batch_size: int, processes: int) -> float:
    nlp = load_nlp()
    start = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=batch_size, n_process=processes):
        pass
    return time.perf_counter() - start


def tidings_run(corpus: Path, workers: int, batch_size: int) -> tuple[float, float, int]:
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(
            db=str(Path(tmp) / "bench.duckdb"), workers=workers, batch_size=batch_size
        )
        with PeakRSS(in_process=workers == 1) as rss:
            start = time.perf_counter()
            summary = run([str(corpus)], settings)
            elapsed = time.perf_counter() - start
    return elapsed, rss.max_mb(), summary.stored


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", type=Path, default=ALLSIDES)
    ap.add_argument("--limit", type=int, default=1000)
    ap.add_argument("--batch-size", type=int, default=16)
    ap.add_argument("--repeat", type=int, default=2, help="rounds; the fastest of each counts")
    args = ap.parse_args()

    with gzip.open(args.corpus, "rt", encoding="utf-8") as fh:
        lines = list(itertools.islice(fh, args.limit))
    texts = [json.loads(line)["text"] for line in lines]
    words = sum(len(t.split()) for t in texts)
    names = [
        "bare spaCy nlp.pipe, 1 process",
        "tidings run, 1 worker",
        "bare spaCy nlp.pipe, 2 processes",
        "tidings run, 2 workers",
    ]
    best: dict[str, float] = {}
    peaks: dict[str, float] = {}
    stored: set[int] = set()
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "slice.jsonl"
        corpus.write_text("".join(lines), encoding="utf-8")
        load_nlp()  # model load time is not throughput
        for _ in range(args.repeat):  # alternate, so drifts in machine speed hit all alike
            for name in names:
                processes = 2 if "2" in name else 1
                if name.startswith("bare"):
                    secs = bare_spacy(texts, args.batch_size, processes)
                else:
                    secs, peaks[name], n = tidings_run(corpus, processes, args.batch_size)
                    stored.add(n)
                best[name] = min(secs, best.get(name, secs))
    rows = [(name, best[name], peaks.get(name)) for name in names]
    print(
        f"{len(texts)} articles, {words:,} words, batch size {args.batch_size}, "
        f"fastest of {args.repeat} alternating rounds"
    )
    print(
        "| what | seconds | articles/s | words/s | × bare spaCy, same processes | "
        "peak RSS/worker MB |"
    )
    print("| --- | --- | --- | --- | --- | --- |")
    for i, (name, secs, peak) in enumerate(rows):
        base = rows[i - i % 2][1]
        print(
            f"| {name} | {secs:.1f} | {len(texts) / secs:.2f} | {words / secs:,.0f} | "
            f"{base / secs:.2f} | {'' if peak is None else f'{peak:.0f}'} |"
        )
    print(f"tidings speedup 1 → 2 workers: {best[names[1]] / best[names[3]]:.2f}×")
    print(f"articles stored per run: {sorted(stored)}", file=sys.stderr)


if __name__ == "__main__":
    main()
