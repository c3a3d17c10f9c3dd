"""tidings quotes against textacy's ``direct_quotations`` on the same parsed PolNeAR articles.

    python -m bench.quotes                       # PolNeAR dev (84 articles)
    python -m bench.quotes --split train --limit 200

Parses the split once (timed), then on the same spaCy docs times and scores
``extract_quotes`` (after ``resolve_actors``, which it needs) and textacy 0.13's
``textacy.extract.triples.direct_quotations``, with the metrics of ``tidings eval quotes``.
The issue's budget: quote extraction adds at most 10 % to the parse time.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from spacy.tokens import Doc
from textacy.extract.triples import direct_quotations

from tidings.evaluation.polnear import read_polnear
from tidings.evaluation.quotes import QuoteScores, attributions, report, score_document
from tidings.extract.actors import resolve_actors
from tidings.extract.quotes import extract_quotes
from tidings.knowledge import load_knowledge
from tidings.nlp import load_nlp
from tidings.records import Article, Quote, Span, Speaker

POLNEAR = Path(__file__).resolve().parents[2] / "shared/data/quotes/polnear"


def textacy_quotes(doc: Doc) -> list[Quote] | None:
    """textacy's (speaker, cue, content) triples as quote records; None when textacy
    refuses the article (it raises on an odd number of quote marks)."""
    try:
        triples = list(direct_quotations(doc))
    except ValueError:
        return None
    out = []
    for speaker, cue, content in triples:
        sp = None
        if speaker:
            first, last = speaker[0], speaker[-1]
            mention = doc[first.i : last.i + 1]
            sp = Speaker(mention.text, mention.text, mention.start_char, mention.end_char)
        cue_span = None
        if cue:
            words = doc[cue[0].i : cue[-1].i + 1]
            cue_span = Span(words.text, words.start_char, words.end_char)
        start, end = content.start_char, content.end_char
        out.append(Quote(content.text, start, end, "direct", cue_span, sp))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", default="dev", choices=["dev", "train"])
    parser.add_argument("--limit", type=int, default=None)
    args = parser.parse_args()

    golds = read_polnear(POLNEAR / args.split)[: args.limit]
    nlp = load_nlp()
    kb = load_knowledge(None)
    nlp("warm up")

    t0 = time.perf_counter()
    docs = list(nlp.pipe((g.text for g in golds), batch_size=16))
    parse_s = time.perf_counter() - t0
    articles = [Article(id=g.name, text=g.text) for g in golds]

    t0 = time.perf_counter()
    actors = [resolve_actors(d, a, kb) for d, a in zip(docs, articles, strict=True)]
    actors_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    ours = [extract_quotes(d, a, r) for d, a, r in zip(docs, articles, actors, strict=True)]
    ours_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    refused = [textacy_quotes(d) for d in docs]
    theirs_s = time.perf_counter() - t0
    theirs = [q if q is not None else [] for q in refused]

    words = sum(len(g.text.split()) for g in golds)
    print(f"PolNeAR {args.split}: {len(golds)} articles, {words:,} words")
    print(f"parse (en_core_web_md, 1 process): {parse_s:.1f} s ({words / parse_s:,.0f} words/s)")
    print(
        f"tidings extract_quotes:            {ours_s:.2f} s = {ours_s / parse_s:.1%} of the parse"
    )
    print(f"  + resolve_actors (its input):    {actors_s:.2f} s = {actors_s / parse_s:.1%}")
    print(f"textacy direct_quotations:         {theirs_s:.2f} s = {theirs_s / parse_s:.1%}")
    print(
        f"  textacy refused {sum(q is None for q in refused)} articles (unbalanced quote "
        "marks): scored as finding nothing"
    )
    accepted = [q is not None for q in refused]
    runs = (
        ("tidings", ours, None),
        ("textacy 0.13 direct_quotations", theirs, None),
        ("tidings, on the articles textacy accepts", ours, accepted),
        ("textacy, on the articles it accepts", theirs, accepted),
    )
    for name, found, keep in runs:
        scores = QuoteScores()
        for i, (gold, quotes) in enumerate(zip(golds, found, strict=True)):
            if keep is None or keep[i]:
                score_document(gold, attributions(gold.text, quotes), scores)
        print()
        print(report(scores, name))


if __name__ == "__main__":
    main()
