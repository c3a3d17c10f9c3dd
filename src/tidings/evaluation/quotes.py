"""Quote attribution scores against PolNeAR: ``tidings eval quotes --gold polnear DIR``.

What is counted (see docs/accuracy.md, "Quotes"):

- A predicted *attribution* is the group of quotes that share one cue (the pieces of a
  quote split by "he said"); a quote without a cue is an attribution of its own. A direct
  quote's span is widened to its quote marks and the punctuation inside them, because
  PolNeAR annotates the marks as part of the content.
- Content match: a gold and a predicted attribution match when the predicted content
  covers at least the given share (0.3, 0.8) of the gold content's characters; pairs are
  matched one-to-one, best cover first. Direct = the content holds a double quote mark
  (“ ” " « » „, or '' as in NYT texts), on either side by the same rule; the rest is
  indirect.
- Speaker accuracy, on gold attributions with a source that are matched at 0.3: correct
  when the predicted speaker mention overlaps the gold source span, or the last word of the
  predicted full name occurs in the gold source text; a missing speaker is wrong.
- Exact match: source, cue and content spans compared as character ranges after trimming
  spaces and the punctuation , ; : at their edges.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from tidings.config import Settings
from tidings.evaluation.polnear import GoldAttribution, GoldDocument, Ranges, read_polnear
from tidings.records import Quote

THRESHOLDS = (0.3, 0.8)
DOUBLE_MARKS = '“”"«»„'
_OPEN = "“‘\"«„‹'"
_CLOSE = "”’\"»“›'"
_TRIM = " \t\n,;:"
_WORD = re.compile(r"\w+")


@dataclass(slots=True)
class Predicted:
    """One predicted attribution: content ranges, cue, speaker mention and name."""

    content: Ranges
    cue: Ranges = ()
    source: Ranges = ()
    speaker: str | None = None


@dataclass(slots=True)
class Counts:
    """True positives, predictions and gold items of one measure."""

    tp_pred: int = 0
    tp_gold: int = 0
    pred: int = 0
    gold: int = 0

    @property
    def precision(self) -> float:
        return self.tp_pred / self.pred if self.pred else 0.0

    @property
    def recall(self) -> float:
        return self.tp_gold / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: Counts) -> None:
        self.tp_pred += other.tp_pred
        self.tp_gold += other.tp_gold
        self.pred += other.pred
        self.gold += other.gold


@dataclass(slots=True)
class QuoteScores:
    """Every figure ``tidings eval quotes`` prints."""

    documents: int = 0
    content: dict[tuple[float, str], Counts] = field(default_factory=dict)
    speaker_correct: int = 0
    speaker_total: int = 0
    exact: dict[str, Counts] = field(default_factory=dict)
    parse_seconds: float = 0.0
    extract_seconds: float = 0.0

    @property
    def speaker_accuracy(self) -> float:
        return self.speaker_correct / self.speaker_total if self.speaker_total else 0.0


def attributions(text: str, quotes: Sequence[Quote]) -> list[Predicted]:
    """Group an article's quotes into attributions (one per cue) in PolNeAR's terms."""
    groups: dict[tuple[int, int] | int, list[Quote]] = {}
    for i, q in enumerate(quotes):
        groups.setdefault((q.cue.start, q.cue.end) if q.cue else i, []).append(q)
    out = []
    for qs in groups.values():
        content = _merge([_widen(text, q) for q in qs])
        first = qs[0]
        sp = first.speaker
        out.append(
            Predicted(
                content=content,
                cue=((first.cue.start, first.cue.end),) if first.cue else (),
                source=((sp.start, sp.end),) if sp else (),
                speaker=sp.name if sp else None,
            )
        )
    return out


def score_document(gold: GoldDocument, predicted: list[Predicted], scores: QuoteScores) -> None:
    """Add one article's comparison to ``scores``."""
    text = gold.text
    scores.documents += 1
    gold_direct = [_is_direct(text, g.content) for g in gold.attributions]
    pred_direct = [_is_direct(text, p.content) for p in predicted]
    for threshold in THRESHOLDS:
        pairs = _match(gold.attributions, predicted, threshold)
        for kind in ("all", "direct", "indirect"):
            want = {"all": None, "direct": True, "indirect": False}[kind]
            c = scores.content.setdefault((threshold, kind), Counts())
            c.gold += sum(1 for d in gold_direct if want is None or d == want)
            c.pred += sum(1 for d in pred_direct if want is None or d == want)
            c.tp_gold += sum(1 for gi, _ in pairs if want is None or gold_direct[gi] == want)
            c.tp_pred += sum(1 for _, pi in pairs if want is None or pred_direct[pi] == want)
        if threshold == THRESHOLDS[0]:
            for gi, pi in pairs:
                g, p = gold.attributions[gi], predicted[pi]
                if not g.source:
                    continue
                scores.speaker_total += 1
                scores.speaker_correct += _same_speaker(text, g, p)
    for role in ("source", "cue", "content"):
        golds = {_trim(text, getattr(g, role)) for g in gold.attributions if getattr(g, role)}
        preds = {_trim(text, getattr(p, role)) for p in predicted if getattr(p, role)}
        c = scores.exact.setdefault(role, Counts())
        hits = len(golds & preds)
        c.add(Counts(hits, hits, len(preds), len(golds)))


def evaluate(
    documents: Iterable[GoldDocument],
    extract: Callable[[list[GoldDocument]], Iterable[list[Quote]]],
) -> QuoteScores:
    """Score ``extract`` (gold documents → their quotes, in order) on ``documents``."""
    docs = list(documents)
    scores = QuoteScores()
    for gold, quotes in zip(docs, extract(docs), strict=True):
        score_document(gold, attributions(gold.text, quotes), scores)
    return scores


def evaluate_polnear(
    directory: str | Path,
    settings: Settings | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> QuoteScores:
    """Parse a PolNeAR split with tidings' parser and score :func:`extract_quotes` on it."""
    from tidings.extract.actors import resolve_actors
    from tidings.extract.quotes import extract_quotes
    from tidings.nlp import parse_many
    from tidings.records import Article
    from tidings.resources import load_resources

    settings = settings or Settings()
    res = load_resources(settings)
    docs = read_polnear(directory)
    timing = {"parse": 0.0, "extract": 0.0}

    def run(golds: list[GoldDocument]) -> Iterable[list[Quote]]:
        stream = parse_many((g.text for g in golds), batch_size=settings.batch_size)
        for done, gold in enumerate(golds, 1):
            t0 = time.perf_counter()
            doc = next(stream)
            t1 = time.perf_counter()
            article = Article(id=gold.name, text=gold.text)
            quotes = extract_quotes(doc, article, resolve_actors(doc, article, res.kb))
            timing["parse"] += t1 - t0
            timing["extract"] += time.perf_counter() - t1
            if progress is not None:
                progress(done, len(golds))
            yield quotes

    scores = evaluate(docs, run)
    scores.parse_seconds, scores.extract_seconds = timing["parse"], timing["extract"]
    return scores


def report(scores: QuoteScores, name: str = "tidings") -> str:
    """The plain-text table ``tidings eval quotes`` prints."""
    lines = [f"{name}: {scores.documents} documents"]
    if scores.parse_seconds:
        share = scores.extract_seconds / scores.parse_seconds
        lines.append(
            f"parse {scores.parse_seconds:.1f} s, actors + quotes {scores.extract_seconds:.1f} s "
            f"({share:.1%} of the parse)"
        )
    lines.append(f"{'content':<28}{'P':>7}{'R':>7}{'F1':>7}{'gold':>7}{'pred':>7}")
    for (threshold, kind), c in sorted(scores.content.items()):
        label = f"overlap>={threshold} {kind}"
        lines.append(
            f"{label:<28}{c.precision:>7.3f}{c.recall:>7.3f}{c.f1:>7.3f}{c.gold:>7}{c.pred:>7}"
        )
    lines.append(
        f"speaker accuracy (matched at 0.3, gold has a source): {scores.speaker_accuracy:.3f} "
        f"({scores.speaker_correct}/{scores.speaker_total})"
    )
    for role, c in scores.exact.items():
        lines.append(
            f"exact match {role:<16}{c.precision:>7.3f}{c.recall:>7.3f}{c.f1:>7.3f}"
            f"{c.gold:>7}{c.pred:>7}"
        )
    return "\n".join(lines)


def _widen(text: str, q: Quote) -> tuple[int, int]:
    """A quote's span as PolNeAR marks it: a direct quote with its marks and inner punctuation."""
    start, end = q.start, q.end
    if q.kind != "direct":
        return start, end
    while start > 0 and text[start - 1] in _OPEN:
        start -= 1
    stop = end
    while stop < len(text) and text[stop] in ",.?!;…":
        stop += 1
    if stop < len(text) and text[stop] in _CLOSE:
        end = stop
        while end < len(text) and text[end] in _CLOSE:
            end += 1
    return start, end


def _merge(ranges: list[tuple[int, int]]) -> Ranges:
    out: list[tuple[int, int]] = []
    for s, e in sorted(ranges):
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(e, out[-1][1]))
        else:
            out.append((s, e))
    return tuple(out)


def _is_direct(text: str, ranges: Ranges) -> bool:
    content = " ".join(text[s:e] for s, e in ranges)
    return any(c in DOUBLE_MARKS for c in content) or "''" in content


def _covered(gold: Ranges, pred: Ranges) -> float:
    total = sum(e - s for s, e in gold)
    if not total:
        return 0.0
    hit = sum(max(0, min(e, pe) - max(s, ps)) for s, e in gold for ps, pe in pred)
    return hit / total


def _match(
    gold: list[GoldAttribution], pred: list[Predicted], threshold: float
) -> list[tuple[int, int]]:
    candidates = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            cover = _covered(g.content, p.content)
            if cover >= threshold:
                candidates.append((cover, gi, pi))
    candidates.sort(key=lambda c: -c[0])
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs = []
    for _, gi, pi in candidates:
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            pairs.append((gi, pi))
    return pairs


def _same_speaker(text: str, gold: GoldAttribution, pred: Predicted) -> bool:
    if pred.speaker is None:
        return False
    if _covered(gold.source, pred.source) > 0:
        return True
    source = " ".join(text[s:e] for s, e in gold.source).lower()
    words = _WORD.findall(pred.speaker.lower())
    return bool(words) and words[-1] in _WORD.findall(source)


def _trim(text: str, ranges: Ranges) -> Ranges:
    out = []
    for s, e in _merge(list(ranges)):
        while s < e and text[s] in _TRIM:
            s += 1
        while e > s and text[e - 1] in _TRIM:
            e -= 1
        if e > s:
            out.append((s, e))
    return tuple(out)
