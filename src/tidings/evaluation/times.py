"""``tidings eval times``: TimeML reader and TempEval-3 scoring of temporal expressions.

A TimeML file gives the article text (the ``<TEXT>`` element with every tag stripped), the
TIMEX3 expressions in it with their character offsets, type and value, and the document
creation time (the TIMEX3 with ``functionInDocument="CREATION_TIME"``), which tidings uses
as the publication date.

Scoring follows TempEval-3 (UzZaman et al., SemEval 2013, Task 1 A):

* strict extent match: same start and end offsets; relaxed match: the spans overlap.
  Each expression is matched at most once.
* value F1: a system expression counts when it is relaxed-matched to a gold one with the
  same ``value``. Precision divides by the system expressions, recall by the gold ones —
  the same figure as TempEval-3's "attribute accuracy × relaxed F1".

The creation time itself is not scored: it is metadata outside ``<TEXT>``, handed to the
extractor as the publication date. TempEval-3's files carry it as a TIMEX3 that systems are
given and return unchanged, so its figures include one free match per document; that
variant is printed too, for comparison with published results.
"""

from __future__ import annotations

import datetime as dt
import html
import re
import typing
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from tidings.records import TimeExpression, TimeType

_PIECE = re.compile(r"<(/?)([A-Za-z0-9_]+)([^>]*?)(/?)>|&[#a-zA-Z0-9]+;|[^<&]+")
_ATTR = re.compile(r'(\w+)="([^"]*)"')
_TEXT = re.compile(r"<TEXT>(.*?)</TEXT>", re.S)
_DCT = re.compile(r"<TIMEX3\b([^>]*functionInDocument=\"CREATION_TIME\"[^>]*)>")


@dataclass(slots=True)
class GoldDocument:
    """One TimeML document: its text, creation time and gold TIMEX3 expressions."""

    name: str
    text: str
    dct: dt.date | None
    timexes: list[TimeExpression] = field(default_factory=list)


def read_timeml(path: str | Path) -> GoldDocument:
    """Read a TimeML file; offsets of the TIMEX3 expressions index the stripped text."""
    path = Path(path)
    raw = path.read_text(encoding="utf-8")
    dct = None
    if m := _DCT.search(raw):
        value = dict(_ATTR.findall(m.group(1))).get("value", "")
        try:
            dct = dt.date.fromisoformat(value[:10])
        except ValueError:
            dct = None
    body = _TEXT.search(raw)
    if body is None:
        raise ValueError(f"{path}: no <TEXT> element")
    parts: list[str] = []
    size = 0
    open_timex: list[tuple[int, dict[str, str]]] = []
    timexes: list[TimeExpression] = []
    for m in _PIECE.finditer(body.group(1)):
        piece = m.group(0)
        if m.group(2) is None:
            piece = html.unescape(piece) if piece.startswith("&") else piece
            parts.append(piece)
            size += len(piece)
        elif m.group(2) == "TIMEX3":
            if m.group(1):
                start, attrs = open_timex.pop()
                text = "".join(parts)[start:size]
                kind = typing.cast(TimeType, attrs.get("type", "DATE"))
                timexes.append(TimeExpression(text, start, size, kind, attrs.get("value", "")))
            elif not m.group(4):
                open_timex.append((size, dict(_ATTR.findall(m.group(3)))))
    return GoldDocument(path.stem, "".join(parts), dct, sorted(timexes, key=lambda t: t.start))


def read_timeml_dir(directory: str | Path) -> list[GoldDocument]:
    """Every ``*.tml`` file under ``directory``, in path order."""
    paths = sorted(Path(directory).rglob("*.tml"))
    if not paths:
        raise ValueError(f"no .tml files under {directory}")
    return [read_timeml(p) for p in paths]


@dataclass(slots=True)
class PRF:
    """Precision, recall and F1 from counts."""

    correct: int = 0
    system: int = 0
    gold: int = 0

    @property
    def precision(self) -> float:
        return self.correct / self.system if self.system else 0.0

    @property
    def recall(self) -> float:
        return self.correct / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(slots=True)
class TimeScores:
    """TempEval-3 figures for temporal expressions, summed over documents."""

    strict: PRF = field(default_factory=PRF)
    relaxed: PRF = field(default_factory=PRF)
    value: PRF = field(default_factory=PRF)
    type: PRF = field(default_factory=PRF)
    documents: int = 0
    creation_times: int = 0
    """Documents with a creation time: TempEval-3's files carry it as a TIMEX3 that systems
    are given, so its published figures count one free match per document."""

    def add(self, system: Sequence[TimeExpression], gold: Sequence[TimeExpression]) -> None:
        """Score one document's expressions against its gold ones."""
        self.documents += 1
        for prf in (self.strict, self.relaxed, self.value, self.type):
            prf.system += len(system)
            prf.gold += len(gold)
        exact = {(g.start, g.end) for g in gold}
        self.strict.correct += sum((s.start, s.end) in exact for s in system)
        for s, g in relaxed_pairs(system, gold):
            self.relaxed.correct += 1
            self.value.correct += s.value == g.value
            self.type.correct += s.type == g.type

    def lines(self) -> list[str]:
        """The figures as printable lines."""
        rows = [("strict extent", self.strict), ("relaxed extent", self.relaxed)]
        rows += [("value", self.value), ("type", self.type)]
        out = [f"{'':16} {'P':>6} {'R':>6} {'F1':>6}"]
        for name, prf in rows:
            out.append(f"{name:16} {prf.precision:6.3f} {prf.recall:6.3f} {prf.f1:6.3f}")
        out.append(
            f"{self.documents} documents, {self.relaxed.gold} gold and "
            f"{self.relaxed.system} system expressions (creation times not counted)"
        )
        n = self.creation_times
        relaxed, value = (
            PRF(p.correct + n, p.system + n, p.gold + n) for p in (self.relaxed, self.value)
        )
        out.append(
            f"with the {n} creation times counted, as in TempEval-3's files: "
            f"relaxed F1 {relaxed.f1:.3f}, value F1 {value.f1:.3f}"
        )
        return out


def relaxed_pairs(
    system: Sequence[TimeExpression], gold: Sequence[TimeExpression]
) -> list[tuple[TimeExpression, TimeExpression]]:
    """One-to-one pairs of overlapping expressions, the largest overlaps first."""
    candidates = sorted(
        (
            (min(s.end, g.end) - max(s.start, g.start), i, j)
            for i, s in enumerate(system)
            for j, g in enumerate(gold)
            if s.start < g.end and g.start < s.end
        ),
        reverse=True,
    )
    used_s: set[int] = set()
    used_g: set[int] = set()
    pairs = []
    for _, i, j in candidates:
        if i not in used_s and j not in used_g:
            used_s.add(i)
            used_g.add(j)
            pairs.append((system[i], gold[j]))
    return pairs


Extractor = Callable[[Iterable[GoldDocument]], Iterable[list[TimeExpression]]]


def tidings_times(documents: Iterable[GoldDocument]) -> Iterable[list[TimeExpression]]:
    """tidings' own extraction: parse every document and run ``extract_times``."""
    from tidings.extract.times import extract_times
    from tidings.nlp import parse_many

    docs = list(documents)
    for gold, doc in zip(docs, parse_many(d.text for d in docs), strict=True):
        yield extract_times(doc, gold.dct)


def evaluate_times(
    directory: str | Path,
    extractor: Extractor = tidings_times,
    progress: Callable[[int, int], None] | None = None,
) -> TimeScores:
    """Score ``extractor`` on the TimeML files under ``directory``."""
    documents = read_timeml_dir(directory)
    scores = TimeScores()
    for n, (gold, found) in enumerate(zip(documents, extractor(documents), strict=True), 1):
        scores.add(found, gold.timexes)
        scores.creation_times += gold.dct is not None
        if progress:
            progress(n, len(documents))
    return scores
