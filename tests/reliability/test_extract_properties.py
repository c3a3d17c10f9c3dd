"""Property tests of the whole extract path on hostile text: parse, extract, store.

For any text — news-like sentences mixed with zero-width and right-to-left characters,
control characters, combining marks, stray quote marks, long tokens or arbitrary Unicode —
extraction returns one result (an Extraction or a recorded Failure, never an exception),
every span's offsets index the text exactly, the record is valid JSON, and the store takes
it. (The wide run, 10,000 inputs through the readers too, is bench/fuzz.py.)
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tidings.config import Settings
from tidings.pipeline import extract_batch
from tidings.records import Article, Extraction, Failure, content_hash
from tidings.sources import find_furniture
from tidings.store import Store, open_store

SENTENCES = [
    "President Moon Jae-in met Kim Jong Un in Panmunjom on Friday .",
    "China accused Japan of provoking tension , said the ministry in Beijing last week .",
    "Sanctions on Iran will continue until March 2019 , Zarif told reporters",
    '"We will talk again soon," Moon told reporters in Seoul on Tuesday.',
    "Russian troops attacked positions near Kharkiv, the Ukrainian army said on 3 May 2022.",
]
WORDS = [w for s in SENTENCES for w in s.split()]
ODD = [
    "\u200b",
    "\u200c",
    "\u200d",
    "\u2060",
    "\ufeff",
    "\u202e",
    "\u202b",
    "\u200f",
    "مرحبا",
    "שלום",
    "\u0301",
    "\u0308",
    "\x0b",
    "\x0c",
    "\r",
    "\x00",
    "\x85",
    "\u2028",
    "“",
    "”",
    "„",
    "«",
    "»",
    '"',
    "'",
    "—",
    "…",
    "\n\n",
    "😀",
    "x" * 300,
]
piece = st.one_of(
    st.sampled_from(WORDS),
    st.sampled_from(SENTENCES),
    st.sampled_from(ODD),
    st.text(max_size=12),
)
texts = st.lists(piece, min_size=1, max_size=120).map(" ".join)


def spans(node: Any) -> Iterator[dict[str, Any]]:
    """Every object in a record that carries ``start``, ``end`` and ``text``."""
    if isinstance(node, dict):
        if isinstance(node.get("start"), int) and isinstance(node.get("text"), str):
            yield node
        for value in node.values():
            yield from spans(value)
    elif isinstance(node, list):
        for value in node:
            yield from spans(value)


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    with open_store(str(Path(tmp_path_factory.mktemp("props")) / "props.duckdb")) as s:
        yield s


@settings(
    max_examples=150,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(text=texts)
def test_any_text_gives_one_result_with_exact_offsets_and_is_stored(store: Store, text: str):
    article = Article(
        id=content_hash(text)[:16], text=text, furniture=find_furniture(text), origin="prop"
    )
    results = extract_batch([article], Settings(workers=1, article_timeout=60))
    assert len(results) == 1
    (result,) = results
    if isinstance(result, Failure):
        assert result.error and result.stage, result
        store.write([], [result])
        return
    assert isinstance(result, Extraction)
    record = json.loads(json.dumps(result.to_json()))
    assert record["text"] == text
    for span in spans({k: v for k, v in record.items() if k != "text"}):
        start, end = span["start"], span["end"]
        assert 0 <= start <= end <= len(text), span
        assert text[start:end] == span["text"], span
    store.write([result], [])
    assert store.known([article.content_hash]) == {article.content_hash}
