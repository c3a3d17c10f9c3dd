"""``tidings eval events``: event coding against the PLOVER gold records and PETRARCH-2 set.

Each gold sentence runs through the real pipeline (parser, actor resolver, times, quotes,
events). A sentence's *primary* event is the one whose trigger sits highest in the
dependency tree (ties: the most confident); it is compared with the gold event. On the
PETRARCH-2 set each gold coding is compared with the predicted event whose dyad agrees
best with it.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from spacy.tokens import Doc

from tidings.config import Settings
from tidings.evaluation import LEGACY_COUNTRIES
from tidings.extract import extract
from tidings.extract.events.detect import depth
from tidings.extract.events.ontology import PLOVER_TYPES
from tidings.nlp import parse_many
from tidings.records import Article, Event
from tidings.resources import load_resources

# Names the PLOVER gold records use from before PLOVER 0.8.
PLOVER_RENAMES = {
    "DEMAND": "REQUEST",
    "DISAPPROVE": "ACCUSE",
    "INVESTIGATE": "ACCUSE",
    "FIGHT": "ASSAULT",
}
NONE = "NONE"


@dataclass(slots=True)
class GoldEvent:
    """One gold coding: PLOVER type or CAMEO code, source and target countries."""

    label: str
    sources: set[str]
    targets: set[str]


@dataclass(slots=True)
class GoldRecord:
    """A gold sentence and its codings (none: the sentence has no event)."""

    id: str
    text: str
    date: dt.date | None
    events: list[GoldEvent]


@dataclass(slots=True)
class Coded:
    """A gold record with the events tidings found in it."""

    gold: GoldRecord
    events: list[Event]
    depth: dict[int, int]

    def primary(self, among: list[Event] | None = None) -> Event | None:
        """The event highest in the parse tree, then the most confident."""
        pool = self.events if among is None else among
        if not pool:
            return None
        return min(pool, key=lambda e: (self.depth.get(e.trigger.start, 99), -e.confidence))

    def same_trigger(self, event: Event) -> list[Event]:
        """The events coded from ``event``'s predicate (both directions of a reciprocal)."""
        return [e for e in self.events if e.trigger.start == event.trigger.start]


@dataclass(slots=True)
class Rate:
    """A proportion with its counts."""

    hit: int = 0
    n: int = 0

    def add(self, ok: bool) -> None:
        self.hit += int(ok)
        self.n += 1

    @property
    def value(self) -> float:
        return self.hit / self.n if self.n else 0.0

    def __str__(self) -> str:
        return f"{self.value:.3f} ({self.hit}/{self.n})"


@dataclass(slots=True)
class Report:
    """Scores on one gold set."""

    name: str
    records: int
    type_accuracy: Rate = field(default_factory=Rate)
    three_digit: Rate | None = None
    macro_f1: float = 0.0
    actor_country: Rate = field(default_factory=Rate)
    recipient_country: Rate = field(default_factory=Rate)
    no_event_specificity: Rate = field(default_factory=Rate)
    no_event_precision: Rate = field(default_factory=Rate)
    confusion: dict[str, Counter[str]] = field(default_factory=dict)

    def to_markdown(self) -> str:
        """The scores and the confusion matrix as Markdown."""
        label = "CAMEO root-code accuracy" if self.three_digit else "event-type accuracy"
        lines = [
            f"**{self.name}** ({self.records} records)",
            "",
            "| measure | value |",
            "| --- | --- |",
            f"| {label} | {self.type_accuracy} |",
        ]
        if self.three_digit is not None:
            lines.append(f"| CAMEO three-digit accuracy | {self.three_digit} |")
        lines += [
            f"| macro-F1 ({'roots' if self.three_digit else 'types'}) | {self.macro_f1:.3f} |",
        ]
        if self.actor_country.n:
            lines += [
                f"| actor country accuracy | {self.actor_country} |",
                f"| recipient country accuracy | {self.recipient_country} |",
            ]
        if self.no_event_specificity.n:
            lines += [
                f"| no-event records left without events | {self.no_event_specificity} |",
                f'| precision of "no event" | {self.no_event_precision} |',
            ]
        lines += ["", *self._confusion_table()]
        return "\n".join(lines)

    def _confusion_table(self) -> list[str]:
        gold = sorted(self.confusion)
        pred = sorted({p for row in self.confusion.values() for p in row})
        head = "| gold \\ predicted | " + " | ".join(pred) + " |"
        rows = [head, "| --- " * (len(pred) + 1) + "|"]
        for g in gold:
            cells = [str(self.confusion[g].get(p, "")) for p in pred]
            rows.append(f"| {g} | " + " | ".join(cells) + " |")
        return rows


def read_plover(path: Path) -> list[GoldRecord]:
    """The PLOVER gold records, with pre-0.8 event names mapped to PLOVER 0.8."""
    records = []
    for r in json.loads(path.read_text(encoding="utf-8")):
        if not r.get("text") or r.get("event") == "DOCUMENT":
            continue
        label = PLOVER_RENAMES.get(r["event"], r["event"])
        date = dt.date.fromisoformat(r["date"]) if r.get("date") else None
        gold = GoldEvent(label, _countries(r.get("source")), _countries(r.get("target")))
        records.append(GoldRecord(r["id"], r["text"].strip("{} "), date, [gold]))
    return records


def _countries(actors: object) -> set[str]:
    if not isinstance(actors, list):
        return set()
    codes = (a["code"] for a in actors if isinstance(a, dict) and a.get("code"))
    return {LEGACY_COUNTRIES.get(c, c) for c in codes}


_SENTENCE = re.compile(r"<Sentence ([^>]*?)/?>(.*?)<Text>(.*?)</Text>", re.S)
_ATTR = re.compile(r'(\w+)="([^"]*)"')


def read_petr2(path: Path) -> list[GoldRecord]:
    """The PETRARCH-2 validation records (not well-formed XML, so read with a pattern)."""
    records: list[GoldRecord] = []
    for m in _SENTENCE.finditer(path.read_text(encoding="utf-8")):
        attrs = dict(_ATTR.findall(m.group(1)))
        text = " ".join(m.group(3).split())
        if not text:
            continue
        events = []
        for coding in re.findall(r"<EventCoding ([^>]*?)/>", m.group(2)):
            c = dict(_ATTR.findall(coding))
            if "eventcode" in c:
                events.append(
                    GoldEvent(
                        c["eventcode"],
                        _phoenix_country(c.get("sourcecode", "")),
                        _phoenix_country(c.get("targetcode", "")),
                    )
                )
        records.append(
            GoldRecord(
                attrs.get("id", str(len(records))),
                text,
                _date(attrs.get("date", "")),
                events,
            )
        )
    return records


def _date(value: str) -> dt.date | None:
    """A record date written YYYYMMDD or YYMMDD."""
    for fmt in ("%Y%m%d", "%y%m%d"):
        try:
            return dt.datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    return None


def _phoenix_country(code: str) -> set[str]:
    """The country part of a Phoenix actor code ("USAGOV" → USA, "---REB" → unknown)."""
    head = code[:3]
    return set() if not head.isalpha() else {LEGACY_COUNTRIES.get(head, head)}


def code_records(records: list[GoldRecord], settings: Settings) -> list[Coded]:
    """Run every gold sentence through the full extraction pipeline."""
    res = load_resources(settings)
    out = []
    docs = parse_many((r.text for r in records), batch_size=32)
    for rec, doc in zip(records, docs, strict=True):
        article = Article(id=rec.id, text=rec.text, published=rec.date)
        extraction = extract(doc, article, res.kb, res.event_model)
        out.append(Coded(rec, extraction.events, _depths(doc, extraction.events)))
    return out


def _depths(doc: Doc, events: list[Event]) -> dict[int, int]:
    depths = {}
    for e in events:
        span = doc.char_span(e.trigger.start, e.trigger.end, alignment_mode="expand")
        if span is not None:
            depths[e.trigger.start] = depth(span.root)
    return depths


def evaluate_plover(path: Path, settings: Settings) -> Report:
    """Event-type accuracy, macro-F1 and actor/recipient countries on PLOVER gold records."""
    coded = code_records(read_plover(path), settings)
    report = Report(f"PLOVER gold ({path.name})", len(coded))
    pairs = []
    for c in coded:
        gold = c.gold.events[0]
        event = c.primary()
        predicted = event.type if event is not None else NONE
        pairs.append((gold.label, predicted))
        report.type_accuracy.add(predicted == gold.label)
        report.confusion.setdefault(gold.label, Counter())[predicted] += 1
        group = c.same_trigger(event) if event is not None else []
        if gold.sources:
            report.actor_country.add(bool(_actor_countries(group, "actor") & gold.sources))
        if gold.targets:
            report.recipient_country.add(bool(_actor_countries(group, "recipient") & gold.targets))
    report.macro_f1 = macro_f1(pairs, [t for t in PLOVER_TYPES if any(g == t for g, _ in pairs)])
    return report


def evaluate_petr2(path: Path, settings: Settings) -> Report:
    """CAMEO root and three-digit accuracy, dyad countries and no-event precision (PETR-2)."""
    coded = code_records(read_petr2(path), settings)
    report = Report(f"PETRARCH-2 validation ({path.name})", len(coded), three_digit=Rate())
    pairs = []
    for c in coded:
        events = [e for e in c.events if e.cameo]
        if not c.gold.events:
            report.no_event_specificity.add(not events)
        if not events:
            report.no_event_precision.add(not c.gold.events)
        for gold in c.gold.events:
            event = _aligned(c, events, gold)
            predicted = event.cameo if event is not None and event.cameo else NONE
            root = predicted[:2] if predicted != NONE else NONE
            pairs.append((gold.label[:2], root))
            report.type_accuracy.add(root == gold.label[:2])
            assert report.three_digit is not None
            report.three_digit.add(predicted[:3] == gold.label[:3])
            report.confusion.setdefault(gold.label[:2], Counter())[root] += 1
            if gold.sources:
                report.actor_country.add(
                    event is not None and bool(_actor_countries([event], "actor") & gold.sources)
                )
            if gold.targets:
                report.recipient_country.add(
                    event is not None
                    and bool(_actor_countries([event], "recipient") & gold.targets)
                )
    report.macro_f1 = macro_f1(pairs, sorted({g for g, _ in pairs}))
    return report


def _aligned(c: Coded, events: list[Event], gold: GoldEvent) -> Event | None:
    """The predicted event whose actor and recipient countries agree most with ``gold``."""
    if not events:
        return None

    def agreement(e: Event) -> int:
        return int(bool(_actor_countries([e], "actor") & gold.sources)) + int(
            bool(_actor_countries([e], "recipient") & gold.targets)
        )

    best = max(agreement(e) for e in events)
    return c.primary([e for e in events if agreement(e) == best])


def _actor_countries(events: list[Event], side: str) -> set[str]:
    return {a.country for e in events for a in getattr(e, side) if a.country}


def macro_f1(pairs: list[tuple[str, str]], labels: list[str]) -> float:
    """Unweighted mean F1 over ``labels`` (gold, predicted pairs)."""
    scores = []
    for label in labels:
        tp = sum(1 for g, p in pairs if g == label and p == label)
        fp = sum(1 for g, p in pairs if g != label and p == label)
        fn = sum(1 for g, p in pairs if g == label and p != label)
        scores.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return sum(scores) / len(scores) if scores else 0.0


def read_ngec(path: Path, every: int) -> list[GoldRecord]:
    """Every ``every``-th NGEC synthetic story (zipped CSV) with its PLOVER label."""
    with zipfile.ZipFile(path) as zf, zf.open(zf.namelist()[0]) as raw:
        rows = list(csv.DictReader(io.TextIOWrapper(raw, encoding="utf-8")))
    return [
        GoldRecord(f"ngec-{n}", r["text"], None, [GoldEvent(r["label"], set(), set())])
        for n, r in enumerate(rows)
        if n % every == 0 and r["text"].strip()
    ]


def evaluate_ngec(path: Path, settings: Settings, every: int = 15) -> Report:
    """Story-level type accuracy on NGEC's synthetic stories (an experiment only).

    A story's type is its most frequent asserted event type (ties: the summed confidence);
    NGEC labels whole stories, so a story whose event tidings finds among others still counts
    as wrong unless it dominates.
    """
    coded = code_records(read_ngec(path, every), settings)
    report = Report(f"NGEC synthetic stories ({path.name}, every {every}th)", len(coded))
    pairs = []
    for c in coded:
        weight: dict[str, float] = {}
        for e in c.events:
            if not e.negated and e.modality == "asserted":
                weight[e.type] = weight.get(e.type, 0.0) + 1 + e.confidence / 10
        predicted = max(weight, key=weight.__getitem__) if weight else NONE
        gold = c.gold.events[0].label
        pairs.append((gold, predicted))
        report.type_accuracy.add(predicted == gold)
        report.confusion.setdefault(gold, Counter())[predicted] += 1
    report.macro_f1 = macro_f1(pairs, sorted({g for g, _ in pairs}))
    return report


def evaluate_events(
    plover: Path | None, petr2: Path | None, settings: Settings, ngec: Path | None = None
) -> list[Report]:
    """The reports ``tidings eval events`` prints, for the gold sets given."""
    reports = []
    if plover is not None:
        reports.append(evaluate_plover(plover, settings))
    if petr2 is not None:
        reports.append(evaluate_petr2(petr2, settings))
    if ngec is not None:
        reports.append(evaluate_ngec(ngec, settings))
    return reports
