"""Quotations and reported speech with their cue, speaker, title and affiliation.

Two passes over one parsed article:

1. every passage in quote marks (:mod:`.marks`) is attributed to the cue verb of its own
   sentences, a colon lead-in, a dash line, the quote before it in the paragraph, or — a
   floating quote — the speaker of the quote paragraph just before; a quoted fragment
   inside reported speech makes a ``mixed`` quote, and a short fragment nobody says is a
   scare quote and is dropped;
2. every other cue verb with a subject and a reported clause ("X said (that) …", "X wants
   to …", "according to X, …") makes an ``indirect`` quote.

A passage repeated as a pull quote is one quote. Page furniture is skipped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Token
from spacy.tokens import Span as TokenSpan

from tidings.extract.actors import ArticleActors
from tidings.extract.quotes.cues import CUE_LEMMAS, INTENT_LEMMAS
from tidings.extract.quotes.marks import Marked, marked_passages, paragraphs
from tidings.extract.quotes.speakers import Speakers, noun_phrase
from tidings.records import Article, Quote, Span, Speaker

_DASH_LINE = re.compile(r"\s*[-—―–]+\s*(\S.*)")
_FRAGMENT_WORDS = 5  # shorter quoted passages need a cue: otherwise they are scare quotes
_LEAD_IN = re.compile(r":\s*$")
_MARKS = '“”"‘’«»„‹› \n\t'


@dataclass(slots=True)
class _Attribution:
    cue: Span | None
    speaker: Speaker | None


def extract_quotes(doc: Doc, article: Article, actors: ArticleActors) -> list[Quote]:
    """The quotations and reported statements of ``doc``, the parse of ``article.text``."""
    text = doc.text
    passages = [p for p in marked_passages(text) if not article.in_furniture(p.start, p.end)]
    speakers = Speakers(doc, actors, [(p.start, p.end) for p in passages])
    finder = _Finder(doc, article, passages, speakers)
    quotes = finder.direct()
    quotes += finder.indirect()
    quotes.sort(key=lambda q: q.start)
    return quotes


class _Finder:
    def __init__(
        self, doc: Doc, article: Article, passages: list[Marked], speakers: Speakers
    ) -> None:
        self.doc, self.article, self.passages, self.speakers = doc, article, passages, speakers
        self.text = doc.text
        self.paras = paragraphs(self.text)
        self.quoted = [False] * len(doc)
        for p in passages:
            span = doc.char_span(p.start, p.end, alignment_mode="expand")
            if span is not None:
                for i in range(span.start, span.end):
                    self.quoted[i] = True
        self.used_cues: set[int] = set()
        self.taken: list[tuple[int, int]] = []

    # -- pass 1: passages in quote marks -------------------------------------------------

    def direct(self) -> list[Quote]:
        out: list[Quote] = []
        seen: dict[str, Quote] = {}
        last_by_para: dict[int, _Attribution] = {}
        for p in self.passages:
            inner = _inner(self.text, p)
            if inner is None:
                continue
            para = self._para(p.start)
            found = self._attribute(p, para, last_by_para)
            if found is None:
                continue
            kind, start, end, attribution = found
            if kind == "direct":
                start, end = inner
            key = _normal(self.text[inner[0] : inner[1]])
            if key in seen:  # a pull quote repeats a passage: keep the attributed one
                kept = seen[key]
                if kept.cue is not None or attribution.cue is None:
                    continue
                out.remove(kept)
            quote = Quote(
                self.text[start:end], start, end, kind, attribution.cue, attribution.speaker
            )
            seen[key] = quote
            out.append(quote)
            self.taken.append((start, end))
            if attribution.speaker is not None:
                last_by_para[para] = attribution
        return out

    def _attribute(
        self, p: Marked, para: int, last_by_para: dict[int, _Attribution]
    ) -> tuple[str, int, int, _Attribution] | None:
        """How passage ``p`` is attributed: (kind, content start, end, attribution)."""
        doc = self.doc
        span = doc.char_span(p.start, p.end, alignment_mode="expand")
        if span is None:
            return None
        words = sum(1 for t in span if t.is_alpha)
        frame = self._frame(span, para)
        best: tuple[int, Token, tuple[int, int] | None] | None = None
        for tok in frame:
            if self.quoted[tok.i] or not _is_cue(tok):
                continue
            content = _content(tok)
            if content is not None and _overlap(content, (p.start, p.end)) == 0:
                continue  # this cue reports something else in the sentence
            distance = min(abs(tok.idx - p.end), abs(tok.idx - p.start))
            if best is None or distance < best[0]:
                best = (distance, tok, content)
        if best is not None:
            _, cue_tok, content = best
            attribution = self._from_cue(cue_tok)
            if content is not None and _extra_words(doc, content, p):
                start, end = min(content[0], p.start), max(content[1], p.end)
                self.used_cues.add(cue_tok.i)
                return "mixed", start, _rstrip(self.text, start, end), attribution
            if words < _FRAGMENT_WORDS and not _whole_sentence(span):
                if content is None:
                    return None  # a term in quote marks near an unrelated verb
                self.used_cues.add(cue_tok.i)
                return "mixed", content[0], content[1], attribution
            self.used_cues.add(cue_tok.i)
            return "direct", p.start, p.end, attribution
        if words < _FRAGMENT_WORDS and not _whole_sentence(span):
            return None
        attribution = (
            self._lead_in(p) or self._dash(p, para) or self._carried(p, para, last_by_para)
        )
        if attribution is None:
            return "direct", p.start, p.end, _Attribution(None, None)
        return "direct", p.start, p.end, attribution

    def _frame(self, span: TokenSpan, para: int) -> list[Token]:
        """Tokens that may hold a passage's attribution: its sentences in its paragraph,
        a short sentence right after it, and a lead-in sentence ending in a colon."""
        doc = self.doc
        lo, hi = self.paras[para]
        first, last = span[0].sent, span[-1].sent
        start, end = first.start, last.end
        if end < len(doc) and doc[end].idx < hi:
            after = doc[end].sent
            if len(after) <= 12 and not self.quoted[after.start]:
                end = after.end
        if start > 0 and self.text[lo : span.start_char].strip() == "":
            before = doc[start - 1].sent
            if _LEAD_IN.search(self.text[before.start_char : span.start_char]):
                start = before.start
        return [t for t in doc[start:end] if t.idx >= lo - 400 and t.idx < hi]

    def _from_cue(self, cue: Token) -> _Attribution:
        subject = _subject(cue)
        speaker = self.speakers.speaker(subject) if subject is not None else None
        return _Attribution(_cue_span(cue), speaker)

    def _lead_in(self, p: Marked) -> _Attribution | None:
        """ "From the minister:" or "Smith:" right before the passage."""
        before = self.text[: p.start].rstrip()
        if not before.endswith(":"):
            return None
        colon = len(before) - 1
        tok = self.doc.char_span(colon, colon + 1, alignment_mode="expand")
        if tok is None:
            return None
        sent = tok[0].sent
        heads = [
            t
            for t in sent
            if t.i < tok.start and t.pos_ in ("PROPN", "NOUN") and t.head.i >= tok.start - 1
        ] or [t for t in sent if t.i < tok.start and t.ent_type_ in ("PERSON", "ORG")]
        if not heads:
            return None
        speaker = self.speakers.speaker(heads[-1])
        return _Attribution(Span(":", colon, colon + 1), speaker)

    def _dash(self, p: Marked, para: int) -> _Attribution | None:
        """ "— Stephen Schwartz, nuclear policy consultant" after the passage."""
        lo, hi = self.paras[para]
        rest = self.text[p.end : hi]
        line_start = p.end
        if not rest.strip() and para + 1 < len(self.paras):
            line_start, hi = self.paras[para + 1]
            rest = self.text[line_start:hi]
        m = _DASH_LINE.fullmatch(rest)
        if m is None:
            return None
        span = self.doc.char_span(line_start + m.start(1), hi, alignment_mode="expand")
        speaker = self.speakers.named(span) if span is not None else None
        return _Attribution(None, speaker) if speaker else None

    def _carried(
        self, p: Marked, para: int, last_by_para: dict[int, _Attribution]
    ) -> _Attribution | None:
        """The speaker of the quote before, in this paragraph or (floating) the one before."""
        if para in last_by_para:
            return last_by_para[para]
        lo, hi = self.paras[para]
        if para - 1 in last_by_para and p.start - lo <= 2:
            return _Attribution(None, last_by_para[para - 1].speaker)
        return None

    def _para(self, offset: int) -> int:
        for i, (lo, hi) in enumerate(self.paras):
            if lo <= offset < hi:
                return i
        return len(self.paras) - 1

    # -- pass 2: reported speech ---------------------------------------------------------

    def indirect(self) -> list[Quote]:
        out = []
        for tok in self.doc:
            if tok.i in self.used_cues or self.quoted[tok.i] or not _is_cue(tok):
                continue
            if self.article.in_furniture(tok.idx, tok.idx + len(tok)):
                continue
            content = _content(tok)
            subject = _subject(tok)
            if content is None or subject is None:
                continue
            start, end = content
            if any(_overlap(t, content) for t in self.taken):
                continue
            attribution = self._from_cue(tok)
            out.append(
                Quote(self.text[start:end], start, end, "indirect", attribution.cue,
                      attribution.speaker)
            )  # fmt: skip
            self.taken.append(content)
        return out


def _is_cue(tok: Token) -> bool:
    if tok.lower_ == "according" and any(c.lower_ == "to" for c in tok.children):
        return True
    return tok.pos_ == "VERB" and tok.lemma_.lower() in CUE_LEMMAS


def _cue_span(tok: Token) -> Span:
    doc = tok.doc
    end = tok
    if tok.lower_ == "according":
        end = next(c for c in tok.children if c.lower_ == "to")
    else:
        prt = [c for c in tok.children if c.dep_ == "prt" and c.i == tok.i + 1]
        end = prt[0] if prt else tok
    return Span(doc.text[tok.idx : end.idx + len(end)], tok.idx, end.idx + len(end))


def _subject(cue: Token) -> Token | None:
    """The one who speaks through ``cue``: its subject, agent or "according to" object."""
    if cue.lower_ == "according":
        to = next(c for c in cue.children if c.lower_ == "to")
        objs = [c for c in to.children if c.dep_ == "pobj"]
        return objs[0] if objs else None
    tok = cue
    for _ in range(3):
        for c in tok.children:
            if c.dep_ == "nsubj" or c.dep_ == "csubj":
                return c
        for c in tok.children:
            if c.dep_ == "agent":
                objs = [g for g in c.children if g.dep_ == "pobj"]
                if objs:
                    return objs[0]
        if tok.dep_ in ("advcl", "xcomp", "conj") and tok.head is not tok:
            tok = tok.head
        else:
            return None
    return None


def _content(cue: Token) -> tuple[int, int] | None:
    """Character span of what ``cue`` reports: its clausal complement, or for "according
    to" the clause it hangs on."""
    doc = cue.doc
    if cue.lower_ == "according":
        clause = cue.head
        if clause is cue:
            return None
        skip = set(range(cue.left_edge.i, cue.right_edge.i + 1))
        toks = [t for t in clause.subtree if t.i not in skip]
        return _chars(_longest_run(toks))
    lemma = cue.lemma_.lower()
    for c in cue.children:
        if c.dep_ == "ccomp" or (c.dep_ == "xcomp" and lemma in INTENT_LEMMAS):
            return _chars(list(c.subtree))
    if cue.dep_ in ("parataxis",) and cue.head.pos_ in ("VERB", "AUX"):
        skip = set(range(cue.left_edge.i, cue.right_edge.i + 1))
        return _chars(_longest_run([t for t in cue.head.subtree if t.i not in skip]))
    del doc
    return None


def _longest_run(toks: list[Token]) -> list[Token]:
    best: list[Token] = []
    run: list[Token] = []
    for t in toks:
        if run and t.i != run[-1].i + 1:
            run = []
        run.append(t)
        if len(run) > len(best):
            best = list(run)
    return best


def _chars(toks: list[Token]) -> tuple[int, int] | None:
    while toks and (toks[0].is_punct and toks[0].text not in _MARKS):
        toks = toks[1:]
    while toks and (toks[-1].is_punct and toks[-1].text not in _MARKS):
        toks = toks[:-1]
    if sum(1 for t in toks if t.is_alpha) < 2:
        return None
    return toks[0].idx, toks[-1].idx + len(toks[-1])


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _extra_words(doc: Doc, content: tuple[int, int], p: Marked) -> bool:
    """Whether reported content reaches beyond the passage by more than "that"."""
    outside = doc.text[content[0] : max(content[0], p.start)] + doc.text[p.end : content[1]]
    words = re.findall(r"[A-Za-z]+", outside)
    return len([w for w in words if w.lower() != "that"]) >= 1 and content[0] < p.start - 5


def _whole_sentence(span: TokenSpan) -> bool:
    """A passage that ends like a sentence: "…," "….", "…?" before its closing mark."""
    inner = span.text.rstrip(_MARKS)
    return inner.endswith((".", "?", "!", ",", "…")) and len(span) > 3


def _inner(text: str, p: Marked) -> tuple[int, int] | None:
    """The passage without its marks and trailing comma; None when nothing is inside."""
    start, end = p.start, p.end
    while start < end and text[start] in _MARKS:
        start += 1
    while end > start and text[end - 1] in _MARKS + ",":
        end -= 1
    return (start, end) if end - start >= 2 else None


def _rstrip(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1] in " \n\t":
        end -= 1
    return end


def _normal(passage: str) -> str:
    return " ".join(re.findall(r"\w+", passage.lower()))


__all__ = ["extract_quotes", "noun_phrase"]
