"""Cost of time extraction relative to the spaCy parse, same articles, one process, one run.

    python -m bench.times                # 300 articles of allsides-10k
    python -m bench.times --limit 1000

Parses the articles once (timed), then times ``extract_times`` alone over the parsed
documents. The issue's budget: time extraction adds at most 5 % to the parse time.
"""

from __future__ import annotations

import time
from collections import Counter

from bench.common import corpus_slice, timed_parse
from tidings.extract.times import extract_times
from tidings.nlp import parse


def main() -> None:
    articles = corpus_slice(__doc__, 300)
    extract_times(parse("He left on Thursday."), None)  # compiles the grammar

    docs, parse_s = timed_parse(articles)

    t0 = time.perf_counter()
    found = [extract_times(doc, a.published) for a, doc in zip(articles, docs, strict=True)]
    times_s = time.perf_counter() - t0

    kinds = Counter(t.type for ts in found for t in ts)
    tokens = sum(len(d) for d in docs)
    print(f"articles: {len(articles)}, tokens: {tokens:,}, expressions: {sum(kinds.values()):,}")
    print("  " + ", ".join(f"{k} {v:,}" for k, v in kinds.most_common()))
    print(f"parse (nlp.parse_many, 1 process): {parse_s:.1f} s")
    print(f"extract_times:                     {times_s:.2f} s")
    print(f"times / parse: {100 * times_s / parse_s:.1f} % (budget 5 %)")


if __name__ == "__main__":
    main()
