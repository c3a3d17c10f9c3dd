"""Cost of actor resolution relative to the spaCy parse, same articles, one process, one run.

    python -m bench.actors               # 200 articles of allsides-10k
    python -m bench.actors --limit 1000

Loads the knowledge base (timed, from the compiled cache and from the data files), parses
the articles once (timed), then times ``resolve_actors`` alone over the parsed documents,
plus one ``actors_in`` call per noun chunk as the quote and event extractors make them.
The issue's budget: resolution adds at most 10 % to the parse time.
"""

from __future__ import annotations

import time

from bench.common import corpus_slice, timed_parse
from tidings.extract.actors import resolve_actors
from tidings.knowledge import build_knowledge, load_knowledge


def main() -> None:
    articles = corpus_slice(__doc__, 200)

    t0 = time.perf_counter()
    build_knowledge()
    build_s = time.perf_counter() - t0
    load_knowledge()  # writes the compiled cache if it is missing
    t0 = time.perf_counter()
    kb = load_knowledge()
    load_s = time.perf_counter() - t0

    docs, parse_s = timed_parse(articles)

    t0 = time.perf_counter()
    resolved = [resolve_actors(doc, a, kb) for a, doc in zip(articles, docs, strict=True)]
    resolve_s = time.perf_counter() - t0

    t0 = time.perf_counter()
    calls = 0
    for doc, actors in zip(docs, resolved, strict=True):
        for chunk in doc.noun_chunks:
            actors.actors_in(chunk)
            calls += 1
    lookup_s = time.perf_counter() - t0

    tokens = sum(len(d) for d in docs)
    mentions = sum(len(r.entities) for r in resolved)
    coded = sum(
        e.actor is not None and e.actor.country is not None for r in resolved for e in r.entities
    )
    print(f"articles: {len(articles)}, tokens: {tokens:,}")
    print(f"mentions: {mentions:,} ({coded:,} with a country)")
    print(f"knowledge base: {load_s:.2f} s from the cache, {build_s:.2f} s from the data files")
    print(f"parse (nlp.parse_many, 1 process): {parse_s:.1f} s")
    print(f"resolve_actors:                    {resolve_s:.2f} s")
    print(f"actors_in on {calls:,} noun chunks:    {lookup_s:.2f} s")
    total = resolve_s + lookup_s
    print(f"resolution / parse:                {resolve_s / parse_s:.1%} (budget 10 %)")
    print(f"with the noun-chunk look-ups:      {total / parse_s:.1%}")


if __name__ == "__main__":
    main()
