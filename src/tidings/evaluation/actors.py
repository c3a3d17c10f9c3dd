"""Actor coding scores: ``tidings eval actors``.

Two gold sets, each a list of mentions in a dated text with the country and sector they
should code to:

- the source and target actors of the PLOVER gold-standard records
  (``../shared/data/events/plover_gsr_dev.json``): each ``actorText`` is found in the
  record's sentence and resolved with the record's ``date`` as the publication date;
- the team's own set (``evaluation/data/actor_mentions.yaml``): titles, metonyms,
  date-dependent offices, demonyms, organisations and unknown people.

What is counted (see docs/accuracy.md, "Actors"):

- country accuracy: over every gold mention with a code; the first actor
  :meth:`~tidings.extract.actors.ArticleActors.actors_in` returns for the mention's span
  must carry the same country (an unknown gold country must stay unknown);
- sector accuracy: over gold mentions that carry a sector; "no sector" is never right;
- exact accuracy: over every gold mention, country and sector (None included) both right.

PLOVER files carry CAMEO-era codes; they are read as their ISO/PLOVER equivalents
(JAP→JPN, ITL→ITA, VTN→VNM; sector CIV→CVL, and a CAMEO sector with an ethnic or
religious suffix such as REBalb or GOVMOS is read as its first three letters). A gold
sector of ``***`` (the coder's "unknown") is left out of the sector score.
"""

from __future__ import annotations

import datetime as dt
import json
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tidings.evaluation import LEGACY_COUNTRIES
from tidings.extract.actors import resolve_actors
from tidings.knowledge import KnowledgeBase, load_knowledge, read_yaml
from tidings.records import Actor, Article

OWN_SET = Path(__file__).parent / "data" / "actor_mentions.yaml"
LEGACY_SECTORS = {"CIV": "CVL"}
UNKNOWN_SECTOR = "***"


@dataclass(slots=True)
class GoldMention:
    """One mention to code: where it is in its text, and the expected country and sector."""

    text: str
    start: int
    end: int
    country: str | None
    sector: str | None
    score_sector: bool = True


@dataclass(slots=True)
class GoldText:
    """A dated text with its gold mentions."""

    id: str
    text: str
    published: dt.date | None
    mentions: list[GoldMention] = field(default_factory=list)
    missing: int = 0
    """Gold mentions whose text could not be found in the sentence."""


@dataclass(slots=True)
class Outcome:
    """One scored mention: gold against the predicted actor."""

    doc_id: str
    gold: GoldMention
    predicted: Actor | None

    @property
    def country_ok(self) -> bool:
        return (self.predicted.country if self.predicted else None) == self.gold.country

    @property
    def sector_ok(self) -> bool:
        return (self.predicted.sector if self.predicted else None) == self.gold.sector


@dataclass(slots=True)
class Scores:
    """Accuracies over one gold set."""

    name: str
    outcomes: list[Outcome]
    missing: int
    seconds: float

    @property
    def mentions(self) -> int:
        return len(self.outcomes)

    @property
    def country(self) -> float:
        return _share(o.country_ok for o in self.outcomes)

    @property
    def sector(self) -> float:
        return _share(o.sector_ok for o in self._with_sector())

    @property
    def exact(self) -> float:
        return _share(o.country_ok and o.sector_ok for o in self.outcomes if o.gold.score_sector)

    def _with_sector(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.gold.sector is not None and o.gold.score_sector]

    def report(self, errors: int = 0) -> str:
        """A plain-text summary, with up to ``errors`` wrong mentions listed."""
        lines = [
            f"{self.name}: {self.mentions} mentions"
            + (f" ({self.missing} gold mentions not found in their text)" if self.missing else ""),
            f"  country accuracy  {self.country:.3f}",
            f"  sector accuracy   {self.sector:.3f}  (on {len(self._with_sector())} with a sector)",
            f"  exact (both)      {self.exact:.3f}",
            f"  {self.seconds:.1f} s",
        ]
        wrong = [o for o in self.outcomes if not (o.country_ok and o.sector_ok)]
        for o in wrong[:errors]:
            p = o.predicted
            got = f"{p.country}/{p.sector} ({p.name})" if p else "nothing"
            lines.append(
                f"    {o.doc_id}: {o.gold.text!r} gold {o.gold.country}/{o.gold.sector}, got {got}"
            )
        return "\n".join(lines)


def _share(flags: Iterable[bool]) -> float:
    values = list(flags)
    return sum(values) / len(values) if values else 0.0


def read_plover(path: Path) -> list[GoldText]:
    """The records of a PLOVER gold-standard JSON file that name source or target actors."""
    records = json.loads(path.read_text(encoding="utf-8"))
    texts = []
    for rec in records:
        text = rec.get("text")
        if not text:
            continue
        date = rec.get("date")
        gold = GoldText(rec["id"], text, dt.date.fromisoformat(date) if date else None)
        for role in ("source", "target"):
            actors = rec.get(role)
            if not isinstance(actors, list):
                continue
            for a in actors:
                if not isinstance(a, dict) or not a.get("actorText") or not a.get("code"):
                    continue
                located = _locate(text, a["actorText"])
                if located is None:
                    gold.missing += 1
                    continue
                sector = a.get("sector")
                code = a["code"].strip()
                gold.mentions.append(
                    GoldMention(
                        a["actorText"],
                        *located,
                        LEGACY_COUNTRIES.get(code, code),
                        _plover_sector(sector),
                        score_sector=sector != UNKNOWN_SECTOR,
                    )
                )
        texts.append(gold)
    return texts


def _plover_sector(sector: str | None) -> str | None:
    if not sector or sector == UNKNOWN_SECTOR:
        return None
    return LEGACY_SECTORS.get(sector[:3].upper(), sector[:3].upper())


def _locate(text: str, mention: str) -> tuple[int, int] | None:
    """Character range of ``mention`` in ``text``; "A ... B" spans from A to B."""
    pieces = [p.strip() for p in mention.replace("..", "\u2026").split("\u2026")]
    pieces = [p.strip(".") for p in pieces if p.strip(".")]
    if not pieces:
        return None
    start = _find(text, pieces[0], 0)
    if start is None:
        return None
    end = start + len(pieces[0])
    for piece in pieces[1:]:
        at = _find(text, piece, end)
        if at is None:
            return None
        end = at + len(piece)
    return start, end


def _find(text: str, piece: str, start: int) -> int | None:
    at = text.find(piece, start)
    if at < 0:
        at = text.lower().find(piece.lower(), start)
    return at if at >= 0 else None


def read_own(path: Path = OWN_SET) -> list[GoldText]:
    """The team's own mention set: texts with a date and mentions (``text``, optional
    ``nth`` occurrence from 0, ``country``, ``sector``)."""
    texts = []
    for i, item in enumerate(read_yaml(path)):
        published = item.get("published")
        gold = GoldText(item.get("id", f"own-{i:03d}"), item["text"], published)
        for m in item["mentions"]:
            located = _nth(item["text"], m["text"], m.get("nth", 0))
            if located is None:
                raise ValueError(f"{gold.id}: {m['text']!r} not found in its text")
            gold.mentions.append(GoldMention(m["text"], *located, m["country"], m["sector"]))
        texts.append(gold)
    return texts


def _nth(text: str, piece: str, nth: int) -> tuple[int, int] | None:
    at = -1
    for _ in range(nth + 1):
        at = text.find(piece, at + 1)
        if at < 0:
            return None
    return at, at + len(piece)


def score(name: str, texts: list[GoldText], kb: KnowledgeBase) -> Scores:
    """Parse and resolve every text, and score each gold mention."""
    from tidings.nlp import parse_many

    started = time.perf_counter()
    outcomes: list[Outcome] = []
    for gold, doc in zip(texts, parse_many(t.text for t in texts), strict=True):
        article = Article(gold.id, gold.text, published=gold.published)
        actors = resolve_actors(doc, article, kb)
        for m in gold.mentions:
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            found = actors.actors_in(span) if span is not None else []
            outcomes.append(Outcome(gold.id, m, found[0] if found else None))
    seconds = time.perf_counter() - started
    return Scores(name, outcomes, sum(t.missing for t in texts), seconds)


def evaluate_actors(
    plover: Path | None, own: Path | None = OWN_SET, overrides: str | None = None
) -> list[Scores]:
    """Scores on the PLOVER gold actors (when ``plover`` is given) and the team's own set."""
    kb = load_knowledge(overrides)
    results = []
    if plover is not None:
        results.append(score(f"PLOVER actors ({plover.name})", read_plover(plover), kb))
    if own is not None:
        results.append(score(f"tidings actor mentions ({own.name})", read_own(own), kb))
    return results


def as_dict(scores: Scores) -> dict[str, Any]:
    """The figures of a score as JSON-ready values."""
    return {
        "name": scores.name,
        "mentions": scores.mentions,
        "missing": scores.missing,
        "country": round(scores.country, 4),
        "sector": round(scores.sector, 4),
        "exact": round(scores.exact, 4),
    }
