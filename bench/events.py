"""Cost of event coding relative to the spaCy parse, same articles, one process, one run.

    python bench/events.py               # 300 articles of allsides-10k
    python bench/events.py --limit 1000

Parses the articles once (timed), runs times, actors and quotes (not timed), then times
``extract_events`` alone over the parsed documents. The issue's budget: event coding adds
at most 30 % to the parse time.
"""

from __future__ import annotations

import argparse
import itertools
import time
from pathlib import Path

from tidings.config import Settings
from tidings.extract.actors import resolve_actors
from tidings.extract.events import extract_events, load_event_model
from tidings.extract.quotes import extract_quotes
from tidings.extract.times import extract_times
from tidings.knowledge import load_knowledge
from tidings.nlp import load_nlp
from tidings.records import Article
from tidings.sources import read_sources

CORPUS = Path(__file__).resolve().parents[2] / "shared/data/corpora/allsides-10k.jsonl.gz"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=300)
    args = parser.parse_args()

    read = read_sources([str(CORPUS)], Settings())
    articles = [a for a in itertools.islice(read, args.limit) if isinstance(a, Article)]
    nlp, kb, model = load_nlp(), load_knowledge(), load_event_model()
    nlp("warm up")

    t0 = time.perf_counter()
    docs = list(nlp.pipe((a.text for a in articles), batch_size=16))
    parse_s = time.perf_counter() - t0

    inputs = []
    for a, doc in zip(articles, docs, strict=True):
        actors = resolve_actors(doc, a, kb)
        times = extract_times(doc, a.published)
        inputs.append((doc, a, actors, times, extract_quotes(doc, a, actors)))

    t0 = time.perf_counter()
    n_events = sum(
        len(extract_events(doc, a, actors, times, quotes, kb, model))
        for doc, a, actors, times, quotes in inputs
    )
    events_s = time.perf_counter() - t0

    words = sum(len(d) for d in docs)
    print(f"articles: {len(articles)}, tokens: {words:,}, events: {n_events:,}")
    print(f"parse (en_core_web_md, 1 process): {parse_s:.1f} s")
    print(f"event coding:                      {events_s:.2f} s")
    print(f"event coding / parse:              {events_s / parse_s:.1%} (budget 30 %)")


if __name__ == "__main__":
    main()
