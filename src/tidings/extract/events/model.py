"""The event model: ontology, lexicon and gazetteer, plus an optional trained classifier.

The shipped model codes events with the verb-frame lexicon. ``tidings train events`` fits a
classifier on a user's own labelled sentences; loaded with ``--model``, it labels every
clause predicate instead of the lexicon (custom event types need no dictionary).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from spacy.tokens import Token

from tidings.extract.events.lexicon import Lexicon, load_lexicon
from tidings.extract.events.ontology import CameoCode, load_ontology
from tidings.extract.events.places import Gazetteer, load_gazetteer

DATA = Path(__file__).parent / "data"
NONE_LABELS = frozenset({"", "none", "no_event", "noevent", "-"})
MODEL_FORMAT = "tidings-event-classifier/1"
_CLAUSE_BOUNDARY = frozenset({"ccomp", "advcl", "relcl", "acl", "parataxis", "conj"})


@dataclass(slots=True)
class EventClassifier:
    """A linear classifier over clause features; labels are "TYPE" or "TYPE|mode"."""

    vectorizer: Any
    estimator: Any
    threshold: float

    def predict(self, features: list[dict[str, float]]) -> list[tuple[str, str | None, float]]:
        """(type, mode, probability) per feature dict; type "" where no event is found."""
        if not features:
            return []
        probs = self.estimator.predict_proba(self.vectorizer.transform(features))
        labels = self.estimator.classes_
        out: list[tuple[str, str | None, float]] = []
        for row in probs:
            best = int(row.argmax())
            label, _, mode = str(labels[best]).partition("|")
            if label.lower() in NONE_LABELS or row[best] < self.threshold:
                out.append(("", None, float(row[best])))
            else:
                out.append((label, mode or None, float(row[best])))
        return out


@dataclass(slots=True)
class EventModel:
    """Everything event coding needs, loaded once per process by :mod:`tidings.resources`."""

    ontology: dict[str, CameoCode]
    lexicon: Lexicon
    gazetteer: Gazetteer
    classifier: EventClassifier | None = None
    report_verbs: frozenset[str] = frozenset()
    """Speech verbs whose complements are reported events."""

    def lookup(self, code: str) -> CameoCode | None:
        """The CAMEO entry of ``code``, or of its nearest listed parent code."""
        for n in range(len(code), 2, -1):
            hit = self.ontology.get(code[:n])
            if hit is not None:
                return hit
        return None


def load_event_model(path: str | None = None) -> EventModel:
    """The shipped lexicon model, with the classifier at ``path`` when one is given."""
    lexicon = load_lexicon(DATA / "verbs.tsv", DATA / "nouns.tsv")
    model = EventModel(
        ontology=load_ontology(DATA / "cameo.tsv"),
        lexicon=lexicon,
        gazetteer=load_gazetteer(),
        report_verbs=frozenset(
            lemma
            for lemma, frames in lexicon.verbs.items()
            if any(f.code == "report" for f in frames)
        ),
    )
    if path is not None:
        import joblib

        saved = joblib.load(path)
        if not isinstance(saved, dict) or saved.get("format") != MODEL_FORMAT:
            raise ValueError(f"{path} is not an event model made by `tidings train events`")
        model.classifier = EventClassifier(
            saved["vectorizer"], saved["estimator"], saved["threshold"]
        )
    return model


def clause_features(tok: Token) -> dict[str, float]:
    """Features of the clause headed by ``tok``: its predicate frame and its words."""
    feats: dict[str, float] = {f"lemma={tok.lemma_.lower()}": 1.0, f"pos={tok.pos_}": 1.0}
    for c in tok.children:
        low = c.lemma_.lower()
        if c.dep_ in ("prt", "prep", "agent"):
            feats[f"part={low}"] = 1.0
            feats[f"frame={tok.lemma_.lower()}+{low}"] = 1.0
        elif c.dep_ in ("dobj", "nsubjpass", "attr"):
            feats[f"obj={low}"] = 1.0
            feats[f"frame={tok.lemma_.lower()}={low}"] = 1.0
        elif c.dep_ in ("xcomp", "ccomp"):
            feats[f"comp={low}"] = 1.0
        elif c.dep_ == "neg":
            feats["neg"] = 1.0
        elif c.dep_ == "aux":
            feats[f"aux={low}"] = 1.0
    stack = list(tok.children)
    while stack:
        t = stack.pop()
        if t.dep_ in _CLAUSE_BOUNDARY:
            continue
        if t.is_alpha and not t.is_stop:
            feats[f"w={t.lemma_.lower()}"] = 1.0
        stack.extend(t.children)
    return feats
