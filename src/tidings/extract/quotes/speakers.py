"""Who a cue's subject is: full name, title, affiliation and coded actor.

Surnames and pronouns are resolved to the full name introduced earlier in the article;
titles and affiliations come from the appositive or the pre-modifiers of the mention that
introduces a person, and are remembered for later mentions. Descriptions without a name
("a senior official") stay as they are: nobody is guessed.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from tidings.extract.actors import ArticleActors
from tidings.records import Speaker

NAMED = {"PERSON", "ORG", "GPE", "NORP"}
AFFILIATIONS = ("ORG", "GPE", "NORP", "FAC")
HONORIFICS = {
    "mr", "mrs", "ms", "miss", "dr", "sen", "rep", "gov", "president", "senator", "sir",
    "prof", "professor", "gen", "secretary", "governor", "judge", "justice", "speaker",
}  # fmt: skip
PERSONAL = {"he", "she", "him", "her", "his", "hers", "himself", "herself"}
RELATIVE = {"who", "which", "that", "whom"}
_DROP_EDGE = {"det", "punct", "cc", "case", "poss"}
_PREP_BEFORE_ORG = {"at", "with", "for", "of", "from", "in", "on"}


@dataclass(slots=True)
class _Person:
    name: str
    start: int
    subject: bool
    quoted: bool


class Speakers:
    """Speaker look-ups for one parsed article."""

    def __init__(self, doc: Doc, actors: ArticleActors, quoted: list[tuple[int, int]]) -> None:
        self.doc, self.actors = doc, actors
        self.profiles: dict[str, tuple[str | None, str | None]] = {}
        self.persons: list[_Person] = []
        full: dict[str, str] = {}  # surname → the latest full name ending in it
        for ent in doc.ents:
            if ent.label_ != "PERSON":
                continue
            words = _name_words(ent)
            if not words:
                continue
            if len(words) > 1:
                full[words[-1].lower()] = " ".join(words)
            name = full.get(words[-1].lower(), " ".join(words))
            inside = any(s <= ent.start_char < e for s, e in quoted)
            subject = ent.root.dep_ in ("nsubj", "nsubjpass") or ent.root.head.dep_ == "nsubj"
            self.persons.append(_Person(name, ent.start_char, subject, inside))
        self._by_start = {p.start: p for p in self.persons}
        self._full_later = full

    def speaker(self, head: Token, mention: Span | None = None) -> Speaker:
        """The speaker whose mention is headed by ``head`` (its whole noun phrase by default)."""
        span = mention if mention is not None else noun_phrase(head)
        name, ent = self._name(head, span)
        title, affiliation = self._describe(head, span, ent, name)
        actor = None
        if ent is not None:
            coded = self.actors.actors_in(ent)
            actor = coded[0] if coded else None
        return Speaker(name, span.text, span.start_char, span.end_char, title, affiliation, actor)

    def named(self, span: Span) -> Speaker | None:
        """A speaker named in a bare line ("- Stephen Schwartz, nuclear policy consultant")."""
        ents = [e for e in span.ents if e.label_ in NAMED]
        if not ents:
            return None
        ent = ents[0]
        rest = self.doc[ent.end : span.end]
        while len(rest) and rest[0].is_punct:
            rest = rest[1:]
        name = self._full(ent)
        title, affiliation = (None, None)
        if len(rest):
            title, affiliation = title_affiliation(rest)
            self.profiles.setdefault(name, (title, affiliation))
        else:
            title, affiliation = self.profiles.get(name, (None, None))
        coded = self.actors.actors_in(ent)
        return Speaker(
            name, ent.text, ent.start_char, ent.end_char, title, affiliation,
            coded[0] if coded else None,
        )  # fmt: skip

    def _name(self, head: Token, span: Span) -> tuple[str, Span | None]:
        low = head.lower_
        if head.dep_ == "nsubj" and low in RELATIVE and head.head.dep_ == "relcl":
            return self._name(head.head.head, noun_phrase(head.head.head))
        if low in PERSONAL:
            return self._antecedent(head.idx) or head.text, None
        ent = _entity_of(head, span)
        if ent is None:
            return span.text, None
        if ent.label_ == "PERSON":
            return self._full(ent), ent
        return _strip_det(ent), ent

    def _full(self, ent: Span) -> str:
        """Full name for a person mention: the introduced name a surname refers to."""
        if ent.label_ != "PERSON":
            return _strip_det(ent)
        known = self._by_start.get(ent.start_char)
        if known is not None:
            return known.name
        words = _name_words(ent) or [ent.text]
        return self._full_later.get(words[-1].lower(), " ".join(words))

    def _antecedent(self, at: int) -> str | None:
        """The person a he/she at offset ``at`` most likely refers to: the latest subject."""
        fallback = None
        for p in reversed(self.persons):
            if p.start >= at or p.quoted:
                continue
            if p.subject:
                return p.name
            if fallback is None:
                fallback = p.name
        return fallback

    def _describe(
        self, head: Token, span: Span, ent: Span | None, name: str
    ) -> tuple[str | None, str | None]:
        if ent is None or ent.label_ != "PERSON":
            return None, None
        title = affiliation = None
        appos = [c for c in head.children if c.dep_ == "appos"]
        if appos and not ent.start <= head.i < ent.end:  # "his adviser, John Bolton"
            before = self.doc[span.start : appos[0].left_edge.i]
            title, affiliation = title_affiliation(before)
        elif appos:
            a = appos[0]
            title, affiliation = title_affiliation(self.doc[a.left_edge.i : a.right_edge.i + 1])
        elif span.start < ent.start:
            before = self.doc[span.start : ent.start]
            if any(t.is_alpha for t in before):
                title, affiliation = title_affiliation(before)
        if title or affiliation:
            self.profiles.setdefault(name, (title, affiliation))
            return title, affiliation
        return self.profiles.get(name, (None, None))


def noun_phrase(head: Token) -> Span:
    """The noun phrase ``head`` heads, without edge punctuation."""
    doc = head.doc
    start, end = head.left_edge.i, head.right_edge.i + 1
    while start < end - 1 and doc[start].is_punct:
        start += 1
    while end - 1 > start and doc[end - 1].is_punct:
        end -= 1
    return doc[start:end]


def title_affiliation(span: Span) -> tuple[str | None, str | None]:
    """Split a description into a title and the organisation or place it belongs to.

    "a professor of international relations at the Massachusetts Institute of Technology"
    → ("professor of international relations", "Massachusetts Institute of Technology").
    """
    org = next((e for e in span.ents if e.label_ in AFFILIATIONS), None)
    if org is None:
        return _trim(span), None
    cut = org.start
    if cut > span.start and span.doc[cut - 1].lower_ in ("the",):
        cut -= 1
    if cut > span.start and span.doc[cut - 1].lower_ in _PREP_BEFORE_ORG:
        cut -= 1
    title = _trim(span.doc[span.start : cut]) if cut > span.start else None
    if title is None or cut == span.start:
        rest = _trim(span.doc[org.end : span.end])
        if rest and cut == span.start:
            title = rest
    return title, _strip_det(org)


def _trim(span: Span) -> str | None:
    toks = list(span)
    while toks and (toks[0].dep_ in _DROP_EDGE or toks[0].is_punct or toks[0].lower_ in "a an"):
        toks = toks[1:]
    while toks and (toks[-1].is_punct or toks[-1].dep_ == "cc"):
        toks = toks[:-1]
    if not toks:
        return None
    return span.doc[toks[0].i : toks[-1].i + 1].text


def _strip_det(span: Span) -> str:
    if len(span) > 1 and span[0].lower_ == "the":
        span = span[1:]
    text = span.text
    return text[:-2] if text.endswith(("'s", "’s")) else text


def _name_words(ent: Span) -> list[str]:
    words = [t.text for t in ent if not t.is_punct and t.lower_ not in ("'s", "’s")]
    while words and words[0].lower().rstrip(".") in HONORIFICS:
        words = words[1:]
    return words


def _entity_of(head: Token, span: Span) -> Span | None:
    """The named entity the mention's head belongs to, else one it names ("Spokeswoman X")."""
    for ent in span.ents:
        if ent.label_ in NAMED and ent.start <= head.i < ent.end:
            return ent
    for c in head.children:
        if c.dep_ == "appos":
            for ent in head.doc[c.left_edge.i : c.right_edge.i + 1].ents:
                if ent.label_ == "PERSON" and ent.start <= c.i < ent.end:
                    return ent
    return None
