"""Cost of time extraction relative to the spaCy parse, same articles, one process, one run.

    python bench/times.py                # 300 articles of allsides-10k
    python bench/times.py --limit 1000

Parses the articles once (timed), then times ``extract_times`` alone over the parsed
documents. The issue's budget: time extraction adds at most 5 % to the parse time.
"""

from __future__ import annotations

import argparse
import itertools
import time
from collections import Counter
from pathlib import Path

from tidings.config import Settings
from tidings.extract.times import extract_times
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
    nlp = load_nlp()
    nlp("warm up")
    extract_times(nlp("He left on Thursday."), None)  # compiles the grammar

    t0 = time.perf_counter()
    docs = list(nlp.pipe((a.text for a in articles), batch_size=16))
    parse_s = time.perf_counter() - t0

    t0 = time.perf_counter()
    found = [extract_times(doc, a.published) for a, doc in zip(articles, docs, strict=True)]
    times_s = time.perf_counter() - t0

    kinds = Counter(t.type for ts in found for t in ts)
    tokens = sum(len(d) for d in docs)
    print(f"articles: {len(articles)}, tokens: {tokens:,}, expressions: {sum(kinds.values()):,}")
    print("  " + ", ".join(f"{k} {v:,}" for k, v in kinds.most_common()))
    print(f"parse (en_core_web_md, 1 process): {parse_s:.1f} s")
    print(f"extract_times:                     {times_s:.2f} s")
    print(f"times / parse: {100 * times_s / parse_s:.1f} % (budget 5 %)")


if __name__ == "__main__":
    main()
