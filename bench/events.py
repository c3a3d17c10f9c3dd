"""Cost of event coding relative to the spaCy parse, same articles, one process, one run.

    python -m bench.events               # 300 articles of allsides-10k
    python -m bench.events --limit 1000

Parses the articles once (timed), runs times, actors and quotes (not timed), then times
``extract_events`` alone over the parsed documents. The issue's budget: event coding adds
at most 30 % to the parse time.
"""

from __future__ import annotations

import time

from bench.common import corpus_slice, timed_parse
from tidings.extract.actors import resolve_actors
from tidings.extract.events import extract_events, load_event_model
from tidings.extract.quotes import extract_quotes
from tidings.extract.times import extract_times
from tidings.knowledge import load_knowledge


def main() -> None:
    articles = corpus_slice(__doc__, 300)
    kb, model = load_knowledge(), load_event_model()

    docs, parse_s = timed_parse(articles)

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
    print(f"parse (nlp.parse_many, 1 process): {parse_s:.1f} s")
    print(f"event coding:                      {events_s:.2f} s")
    print(f"event coding / parse:              {events_s / parse_s:.1%} (budget 30 %)")


if __name__ == "__main__":
    main()
