"""Who a cue's subject is: full name, title, affiliation and coded actor.

People are resolved by the actor resolver (:meth:`ArticleActors.profile`): surnames and
pronouns to the full name introduced earlier, title and affiliation from the article's
own description. Organisations and countries keep their name and coded actor.
Descriptions without a name ("a senior official") stay as they are: nobody is guessed.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from tidings.extract.actors import ArticleActors
from tidings.extract.quotes.cues import CUE_LEMMAS, lemma
from tidings.records import Speaker

NAMED = {"PERSON", "ORG", "GPE", "NORP", "FAC"}
RELATIVE = {"who", "which", "that", "whom"}


class Speakers:
    """Speaker look-ups for one parsed article."""

    def __init__(self, actors: ArticleActors) -> None:
        self.actors = actors

    def speaker(self, head: Token, cue: Token | None = None) -> Speaker:
        """The speaker whose mention is the noun phrase headed by ``head``; a possessor of
        a noun cue is reported with its "'s" ("Trump's claim"), the name looked up without."""
        mention = noun_phrase(head, cue)
        if head.dep_ == "poss" and cue is not None and cue.pos_ == "NOUN":
            end = mention.end
            if end < len(head.doc) and head.doc[end].dep_ == "case" and head.doc[end].head == head:
                return self._who(mention, head.doc[mention.start : end + 1])
        if head.lower_ in RELATIVE:  # "Narang, who said", "polls that show"
            verb = head.head
            while verb.dep_ in ("conj", "xcomp", "advcl") and verb.head.i != verb.i:
                verb = verb.head
            if verb.dep_ == "relcl":
                return self._who(noun_phrase(verb.head, verb), mention)
        return self._who(mention, mention)

    def named(self, span: Span) -> Speaker | None:
        """A speaker named in a bare line ("- Stephen Schwartz, nuclear policy consultant")."""
        if not any(t.ent_type_ in NAMED for t in span):
            return None
        return self._who(span, span)

    def phrase(self, span: Span) -> Speaker:
        """The speaker a lead-in names in its own words ("Smith:", "Q:", "From the
        minister:"), a name or not, without a leading preposition."""
        while len(span) > 1 and span[0].pos_ == "ADP":
            span = span[1:]
        return self._who(span, span)

    def _who(self, target: Span, mention: Span) -> Speaker:
        """Speaker for the phrase ``target``, reported at ``mention``."""
        profile = self.actors.profile(target)
        if profile is not None:
            return Speaker(
                profile.name,
                mention.text,
                mention.start_char,
                mention.end_char,
                profile.title,
                profile.affiliation,
                profile.actor,
            )
        ent = _entity_at(target.root)
        coded = [a for a in self.actors.actors_in(target) if a.country]
        name = _strip_det(ent) if ent is not None else target.text
        return Speaker(
            name, mention.text, mention.start_char, mention.end_char, None, None,
            coded[0] if coded and ent is not None else None,
        )  # fmt: skip


def noun_phrase(head: Token, cue: Token | None = None) -> Span:
    """The noun phrase ``head`` heads, as news attribution marks a source: without a
    dateline or another paragraph before it ("WASHINGTON — Sen. …"), a possessive "'s" or
    edge punctuation, and ending before ``cue`` when the cue hangs inside it ("voters
    saying …")."""
    doc = head.doc
    start, end = head.left_edge.i, head.right_edge.i + 1
    if cue is not None and head.i < cue.left_edge.i < end:
        end = cue.left_edge.i
    for c in doc[head.i + 1 : end]:
        # "Weaver, who said …, argued", "Sosa, a consultant who said …": a relative clause
        # holds an attribution of its own (its source is "who"), and news annotation leaves
        # it out of this one's.
        if (
            c.dep_ == "relcl"
            and c.left_edge.i > head.i
            and (c.head.i == head.i or doc[c.left_edge.i - 1].text == ",")
            and any(t.pos_ == "VERB" and lemma(t) in CUE_LEMMAS for t in c.subtree)
        ):
            end = c.left_edge.i
            break
    # Words after the phrase that belong to the clause: "Democrats all agree", "Reed
    # Sunday night recounted", "the report on Wednesday said" (not "a candidate in 2012").
    c = doc[end - 1]  # up from the last word, through phrases that end the mention
    while c.i != head.i and c.right_edge.i == end - 1 and c.left_edge.i > head.i:
        if c.lower_ in _FLOATING or (c.head.i == head.i and _is_time(c)):
            end = c.left_edge.i
            c = doc[end - 1]
        else:
            c = c.head
    if doc[start].lower_ == "even" and start < head.i:  # "even Mr. Slinker said"
        start += 1
    for i in range(head.i - 1, start - 1, -1):
        if doc[i].text in ("—", "–", "--") or "\n" in doc[i].text_with_ws:
            start = i + 1
            break
    for i in range(head.i, end):  # nor the paragraph after it
        if "\n" in doc[i].text_with_ws:
            end = i + 1
            break
    # "Democrats -- including Clinton -- said": the dash that closes an aside opened in the
    # phrase is part of it, though the parser hangs it on the verb.
    if (
        end < len(doc)
        and doc[end].text in _DASHES
        and doc[end].text in (t.text for t in doc[head.i : end])
    ):
        end += 1
    while end - 1 > start and (
        doc[end - 1].dep_ == "case"
        or doc[end - 1].is_space
        or (doc[end - 1].is_punct and doc[end - 1].text != "%" and not _closes(doc, start, end))
    ):
        end -= 1
    while start < end - 1 and (doc[start].is_punct or doc[start].is_space):
        start += 1
    return doc[start:end]


_FLOATING = {"all", "both"}
_TIMES = {"DATE", "TIME"}
_TIME_WORDS = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "today", "yesterday", "tonight", "night", "morning", "afternoon", "evening", "week",
}  # fmt: skip


def _is_time(tok: Token) -> bool:
    """A time modifier: "Sunday night", "on Monday" (not "the ambassador at the time",
    which says who is meant)."""
    if tok.dep_ == "npadvmod":
        return tok.ent_type_ in _TIMES or tok.lower_ in _TIME_WORDS
    if tok.dep_ == "prep" and tok.lower_ in ("on", "at", "during", "in", "last", "this"):
        return any(
            c.dep_ == "pobj" and (c.ent_type_ in _TIMES or c.lower_ in _TIME_WORDS)
            for c in tok.children
        )
    return False


_DASHES = {"—", "–", "--", "-"}
_PAIRS = {")": "(", "”": "“", "''": "''", '"': '"', **{d: d for d in _DASHES}}


def _closes(doc: Doc, start: int, end: int) -> bool:
    """Whether the phrase's last token closes a bracket, quote or dash it opened: "Sen. X
    (R-Ky.)", "star of “Scandal,”", "Democrats — and some Republicans —"."""
    opener = _PAIRS.get(doc[end - 1].text)
    return opener is not None and any(t.text == opener for t in doc[start : end - 1])


def _entity_at(tok: Token) -> Span | None:
    """The named entity ``tok`` is part of (``Span.ents`` walks every entity of the doc)."""
    if tok.ent_type_ not in NAMED:
        return None
    doc, start, end = tok.doc, tok.i, tok.i + 1
    while doc[start].ent_iob_ == "I":
        start -= 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return doc[start:end]


def _strip_det(span: Span) -> str:
    if len(span) > 1 and span[0].lower_ == "the":
        span = span[1:]
    text = span.text
    return text[:-2] if text.endswith(("'s", "’s")) else text
