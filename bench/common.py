"""What the extraction benchmarks share: the corpus slice and a timed production parse."""

from __future__ import annotations

import argparse
import itertools
import time
from pathlib import Path

from spacy.tokens import Doc

from tidings.config import Settings
from tidings.nlp import parse, parse_many
from tidings.records import Article
from tidings.sources import read_sources

SHARED = Path(__file__).resolve().parents[2] / "shared"
ALLSIDES = SHARED / "data/corpora/allsides-10k.jsonl.gz"


def corpus_slice(doc: str | None, default_limit: int) -> list[Article]:
    """Articles from the head of allsides-10k; ``--limit`` on the command line sets how many."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0] if doc else None)
    parser.add_argument("--limit", type=int, default=default_limit)
    args = parser.parse_args()
    read = read_sources([str(ALLSIDES)], Settings())
    return [a for a in itertools.islice(read, args.limit) if isinstance(a, Article)]


def timed_parse(articles: list[Article]) -> tuple[list[Doc], float]:
    """Parse as the pipeline does (``nlp.parse_many``); the seconds exclude model loading."""
    parse("warm up")
    start = time.perf_counter()
    docs = list(parse_many((a.text for a in articles), batch_size=16))
    return docs, time.perf_counter() - start
