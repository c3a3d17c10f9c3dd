"""``tidings train events``: fit the clause classifier on a user's own labelled sentences.

The data is CSV or JSON Lines with ``text`` and ``label`` (a PLOVER type, a CAMEO code or any
event name of the user's own; "NONE" marks sentences without an event) and an optional
``mode``. Each text is parsed and the features of its main clause predicate are learnt.
"""

from __future__ import annotations

import csv
import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from spacy.tokens import Doc, Token

from tidings.extract.events.model import MODEL_FORMAT, NONE_LABELS, clause_features
from tidings.nlp import parse_many

_REPORT_DEPS = frozenset({"ccomp", "xcomp"})
_SPEECH = frozenset({"say", "tell", "announce", "claim", "report", "state", "add", "note"})


@dataclass(slots=True)
class TrainResult:
    """What training produced: the model file and a held-out estimate of its accuracy."""

    path: Path
    examples: int
    labels: dict[str, int]
    cv_accuracy: float | None


def read_examples(path: Path) -> list[tuple[str, str]]:
    """(text, label) pairs from CSV or JSON Lines; label is "TYPE" or "TYPE|mode"."""
    if path.suffix.lower() in (".jsonl", ".json", ".ndjson"):
        with path.open(encoding="utf-8") as fh:
            rows = [json.loads(line) for line in fh if line.strip()]
    else:
        with path.open(encoding="utf-8", newline="") as fh:
            rows = list(csv.DictReader(fh))
    examples = []
    for n, row in enumerate(rows, 1):
        text, label = (row.get("text") or "").strip(), (row.get("label") or "").strip()
        if not text:
            raise ValueError(f"{path.name}: row {n} has no text")
        label = "NONE" if label.lower() in NONE_LABELS else label
        mode = (row.get("mode") or "").strip()
        examples.append((text, f"{label}|{mode}" if mode and label != "NONE" else label))
    return examples


def main_predicate(doc: Doc) -> Token:
    """The predicate a one-event sentence is about: the root, below any speech verb."""
    tok = next(iter(doc.sents)).root
    while tok.lemma_.lower() in _SPEECH:
        comp = next((c for c in tok.children if c.dep_ in _REPORT_DEPS), None)
        if comp is None:
            break
        tok = comp
    return tok


def train_events(data: Path, out: Path) -> TrainResult:
    """Train a classifier on ``data`` and save it to ``out`` (load it with ``--model``)."""
    import joblib
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import cross_val_score

    examples = read_examples(data)
    labels = [label for _, label in examples]
    counts = Counter(labels)
    if len(counts) < 2:
        raise ValueError("training needs at least two different labels (NONE counts as one)")
    features = [clause_features(main_predicate(doc)) for doc in parse_many(t for t, _ in examples)]
    vectorizer = DictVectorizer()
    x = vectorizer.fit_transform(features)
    estimator = LogisticRegression(max_iter=2000, C=4.0)
    folds = min(5, min(counts.values()))
    cv = float(cross_val_score(estimator, x, labels, cv=folds).mean()) if folds >= 2 else None
    estimator.fit(x, labels)
    # Below this probability a clause is left uncoded rather than given a doubtful label.
    threshold = min(0.5, max(0.2, 1.5 / len(counts)))
    out.parent.mkdir(parents=True, exist_ok=True)
    joblib.dump(
        {
            "format": MODEL_FORMAT,
            "vectorizer": vectorizer,
            "estimator": estimator,
            "threshold": threshold,
        },
        out,
    )
    return TrainResult(out, len(examples), dict(counts), cv)
