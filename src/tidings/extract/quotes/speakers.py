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
    ent: Span
    subject: bool
    quoted: bool


class Speakers:
    """Speaker look-ups for one parsed article."""

    def __init__(self, doc: Doc, actors: ArticleActors, quoted: list[tuple[int, int]]) -> None:
        self.doc, self.actors = doc, actors
        self.profiles: dict[str, tuple[str | None, str | None]] = {}
        self.persons: list[_Person] = []
        full: dict[str, str] = {}  # surname → the latest full name ending in it
        self.ent_of: dict[int, Span] = {}  # token index → its entity (Span.ents is slow)
        for ent in doc.ents:
            for i in range(ent.start, ent.end):
                self.ent_of[i] = ent
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
            self.persons.append(_Person(name, ent, subject, inside))
            title, affiliation = self._introduced(ent)
            if title or affiliation:
                self.profiles.setdefault(name, (title, affiliation))
        self._by_start = {p.ent.start_char: p for p in self.persons}
        self._full_later = full

    def speaker(self, head: Token, cue: Token | None = None) -> Speaker:
        """The speaker whose mention is the noun phrase headed by ``head``."""
        span = noun_phrase(head, cue)
        if head.lower_ in RELATIVE and head.head.dep_ == "relcl":  # "Narang, who said"
            return self._speaker(head.head.head, span)
        return self._speaker(head, span)

    def _speaker(self, head: Token, span: Span) -> Speaker:
        ent: Span | None = None
        if head.lower_ in PERSONAL:
            person = self._antecedent(head.idx)
            name = person.name if person else head.text
            ent = person.ent if person else None
        else:
            ent = self._entity_of(head, noun_phrase(head))
            if (ent is None or ent.label_ != "PERSON") and head.pos_ == "PROPN":
                # A surname the parser did not tag as a person ("Park said").
                words = _name_words(ent) if ent is not None else [head.text]
                if len(words) == 1 and words[0].lower() in self._full_later:
                    ent = self.doc[head.i : head.i + 1]
                    ent.label_ = "PERSON"
            if ent is None:
                name = span.text  # a description ("a senior official"): never guessed
            elif ent.label_ == "PERSON":
                name = self._full(ent)
            else:
                name = _strip_det(ent)
        title = affiliation = None
        if ent is not None and ent.label_ == "PERSON":
            title, affiliation = self.profiles.get(name, (None, None))
        coded = self.actors.actors_in(ent) if ent is not None else []
        return Speaker(
            name, span.text, span.start_char, span.end_char, title, affiliation,
            coded[0] if coded else None,
        )  # fmt: skip

    def named(self, span: Span) -> Speaker | None:
        """A speaker named in a bare line ("- Stephen Schwartz, nuclear policy consultant")."""
        ents = [e for e in self.ents_in(span) if e.label_ in NAMED]
        if not ents:
            return None
        ent = ents[0]
        name = self._full(ent)
        rest = self.doc[ent.end : span.end]
        title, affiliation = self.title_affiliation(rest) if len(rest) else (None, None)
        if not (title or affiliation):
            title, affiliation = self.profiles.get(name, (None, None))
        coded = self.actors.actors_in(ent)
        return Speaker(
            name, ent.text, ent.start_char, ent.end_char, title, affiliation,
            coded[0] if coded else None,
        )  # fmt: skip

    def _full(self, ent: Span) -> str:
        """Full name for a person mention: the introduced name a surname refers to."""
        if ent.label_ != "PERSON":
            return _strip_det(ent)
        known = self._by_start.get(ent.start_char)
        if known is not None:
            return known.name
        words = _name_words(ent) or [ent.text]
        return self._full_later.get(words[-1].lower(), " ".join(words))

    def _antecedent(self, at: int) -> _Person | None:
        """The person a he/she at offset ``at`` most likely refers to: the latest subject."""
        fallback = None
        for p in reversed(self.persons):
            if p.ent.start_char >= at or p.quoted:
                continue
            if p.subject:
                return p
            if fallback is None:
                fallback = p
        return fallback

    def _introduced(self, ent: Span) -> tuple[str | None, str | None]:
        """Title and affiliation a person mention carries: "X, a professor at Y",
        "Spokeswoman X", "Trump's adviser, X"."""
        doc, root = self.doc, ent.root
        for c in root.children:
            if c.dep_ == "appos" and c.ent_type_ != "PERSON":
                return self.title_affiliation(doc[c.left_edge.i : c.right_edge.i + 1])
        head = root.head
        if root.dep_ == "appos" and head.pos_ == "NOUN" and head.i < ent.start:
            return self.title_affiliation(doc[head.left_edge.i : head.i + 1])
        left = root.left_edge.i
        if left < ent.start and any(t.is_alpha for t in doc[left : ent.start]):
            return self.title_affiliation(doc[left : ent.start])
        return None, None

    def ents_in(self, span: Span) -> list[Span]:
        """The entities inside ``span``, in order."""
        out: list[Span] = []
        for i in range(span.start, span.end):
            ent = self.ent_of.get(i)
            if ent is None or (out and out[-1] is ent):
                continue
            if ent.start >= span.start and ent.end <= span.end:
                out.append(ent)
        return out

    def title_affiliation(self, span: Span) -> tuple[str | None, str | None]:
        """Split a description into a title and the organisation or place it belongs to.

        "a professor of international relations at the Massachusetts Institute of Technology"
        → ("professor of international relations", "Massachusetts Institute of Technology").
        An organisation after a preposition wins over one used as a modifier ("a North Korea
        expert at Victoria University": the university, not North Korea).
        """
        doc = span.doc
        ents = [e for e in self.ents_in(span) if e.label_ in AFFILIATIONS]

        def after_prep(e: Span) -> bool:
            i = e.start - 1
            if i >= span.start and doc[i].lower_ == "the":
                i -= 1
            return i >= span.start and doc[i].lower_ in _PREP_BEFORE_ORG

        def possessive(e: Span) -> bool:
            return e.end < span.end and doc[e.end].dep_ == "case"

        org = next(
            (e for e in ents if e.label_ == "ORG" and after_prep(e)),
            next((e for e in ents if after_prep(e) or possessive(e)),
                 next((e for e in ents if e.label_ == "ORG"), None)),
        )  # fmt: skip
        if org is None:
            return _trim(span), None
        if after_prep(org):
            cut = org.start - (2 if doc[org.start - 1].lower_ == "the" else 1)
            return _trim(doc[span.start : cut]), _strip_det(org)
        if org.start <= span.start + 1:  # "South Korea's national security adviser"
            return _trim(doc[org.end : span.end]), _strip_det(org)
        return _trim(span), _strip_det(org)

    def _entity_of(self, head: Token, span: Span) -> Span | None:
        """The named entity the mention's head belongs to, else one it names ("Spokeswoman X")."""
        for ent in self.ents_in(span):
            if ent.label_ in NAMED and ent.start <= head.i < ent.end:
                return ent
        for c in head.children:
            if c.dep_ == "appos":
                for ent in self.ents_in(head.doc[c.left_edge.i : c.right_edge.i + 1]):
                    if ent.label_ == "PERSON" and ent.start <= c.i < ent.end:
                        return ent
        return None


def noun_phrase(head: Token, cue: Token | None = None) -> Span:
    """The noun phrase ``head`` heads, without edge punctuation, and ending before ``cue``
    when the cue hangs inside it ("voters saying …")."""
    doc = head.doc
    start, end = head.left_edge.i, head.right_edge.i + 1
    if cue is not None and head.i < cue.left_edge.i < end:
        end = cue.left_edge.i
    while start < end - 1 and doc[start].is_punct:
        start += 1
    while end - 1 > start and doc[end - 1].is_punct:
        end -= 1
    return doc[start:end]


def _trim(span: Span) -> str | None:
    toks = list(span)
    if not toks:
        return None
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
