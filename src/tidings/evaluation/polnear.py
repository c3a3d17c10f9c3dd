"""Reader for PolNeAR (Newell, Margolin & Ruths 2018): attribution relations in brat standoff.

A split holds ``text/NAME.txt`` and ``attributions/NAME_ANNOTATOR.ann``; several annotators
may have annotated one text, and the first ``.ann`` by file name is used.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

Ranges = tuple[tuple[int, int], ...]


@dataclass(slots=True)
class GoldAttribution:
    """One annotated attribution: its content, cue and (optional) source spans."""

    content: Ranges
    cue: Ranges
    source: Ranges = ()


@dataclass(slots=True)
class GoldDocument:
    """One PolNeAR article with its attributions."""

    name: str
    text: str
    attributions: list[GoldAttribution] = field(default_factory=list)


def read_polnear(directory: str | Path) -> list[GoldDocument]:
    """Every annotated article of a PolNeAR split directory, sorted by name."""
    root = Path(directory)
    anns: dict[str, Path] = {}
    for ann in sorted((root / "attributions").glob("*.ann")):
        anns.setdefault(ann.stem.rsplit("_", 1)[0], ann)
    docs = []
    for txt in sorted((root / "text").glob("*.txt")):
        text = txt.read_text(encoding="utf-8")
        found = anns.get(txt.stem)
        docs.append(GoldDocument(txt.stem, text, _attributions(found) if found else []))
    return docs


def _attributions(path: Path) -> list[GoldAttribution]:
    spans: dict[str, Ranges] = {}
    relations: list[dict[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        cols = line.split("\t")
        if len(cols) < 2:
            continue
        if cols[0].startswith("T"):
            _, _, offsets = cols[1].partition(" ")
            spans[cols[0]] = tuple(
                (int(a), int(b)) for a, b in (part.split() for part in offsets.split(";"))
            )
        elif cols[0].startswith("E"):
            args = dict(arg.split(":", 1) for arg in cols[1].split())
            relations.append(args)
    out = []
    for args in relations:
        content = tuple(
            r for role in ("Content", "Content2") if role in args for r in spans[args[role]]
        )
        if not content:
            continue
        cue = spans.get(args.get("Cue", ""), ())
        out.append(
            GoldAttribution(tuple(sorted(content)), cue, spans.get(args.get("Source", ""), ()))
        )
    return out
