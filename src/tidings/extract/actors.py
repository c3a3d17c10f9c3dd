"""Actor resolution: every person, organisation and place mention coded to a country and sector.

:func:`resolve_actors` finds the mentions of one article — the named entities of the parse,
plus names the knowledge base knows that the NER missed ("the Kremlin", "the Blue House") —
and codes each one, in this order:

1. the article's own description: pre-modifiers ("South Korean President Moon Jae-in") and
   appositives ("Trump's new national security adviser, John Bolton"; "Vipin Narang, a
   professor … at the Massachusetts Institute of Technology");
2. the knowledge base, with offices checked against the publication date;
3. in-article coreference: a surname or given name back to the full name introduced earlier;
4. demonym or country + sector noun ("Chinese diplomats" → CHN GOV).

A person nothing is known about keeps the name, with country and sector None. The returned
:class:`ArticleActors` also codes any noun phrase the other extractors ask about
(:meth:`ArticleActors.actors_in`), resolving pronouns and definite descriptions ("he",
"the regime", "the North Korean leader") to their antecedents.
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
from dataclasses import dataclass, field, replace
from typing import NamedTuple

from spacy.tokens import Doc, Span, Token

from tidings.knowledge import (
    CAPITAL,
    CITY,
    MAX_NAME_WORDS,
    ORG,
    PERSON,
    PLACE,
    PLACE_KINDS,
    PREFIX,
    Entry,
    KnowledgeBase,
)
from tidings.records import Actor, Article, Entity

ACTOR_LABELS = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"}
LABEL_OF_KIND = {
    PERSON: "PERSON",
    PLACE: "GPE",
    CAPITAL: "GPE",
    CITY: "GPE",
    "seat": "FAC",
    ORG: "ORG",
}
KINDS_OF_LABEL = {
    "PERSON": frozenset({PERSON}),
    "ORG": frozenset({ORG, PLACE, CAPITAL, "seat", PERSON}),
    "NORP": frozenset({ORG, PLACE, CITY, PERSON}),
}
"""Entries a mention of each NER label may be; places (GPE, LOC, FAC) take PLACE_KINDS+ORG."""
NAMED_KINDS = frozenset({PLACE, CAPITAL, "seat", ORG, PERSON})
"""What an entity the NER labelled as something else (a date, a work) may really be."""
TOWNS = frozenset({PLACE, CAPITAL, CITY})
CITIES = frozenset({CITY})
HALVES = {"North", "South"}
HONORIFICS = {"mr", "mr.", "mrs", "mrs.", "ms", "ms.", "miss", "dr", "dr."}
"""Names of a divided country's halves: "the North" after North Korea."""
DIRECTIONS = {
    *("north", "south", "east", "west", "northern", "southern", "eastern", "western"),
    *("central", "upper", "lower", "northeast", "northwest", "southeast", "southwest"),
    *("northeastern", "northwestern", "southeastern", "southwestern"),
}
LOCATIVE = {"in", "at", "near", "inside", "outside", "around", "throughout", "across", "within"}
MODIFIER_DEPS = {"amod", "compound", "nmod", "poss"}
PLACE_PREPS = {"of", "in", "from"}
PERSONAL = {"he", "him", "his", "himself", "she", "her", "hers", "herself"}
COUNTRY_WORDS = {"country", "nation", "state"}
GOVERNMENT_WORDS = {"regime", "government", "administration", "leadership", "junta", "authorities"}
SKIP_TITLE_WORDS = {"new", "then", "now", "current", "incoming", "outgoing", "longtime"}
FORMER_WORDS = {"former", "ex", "ex-", "late"}
GROUP_ROLES = {
    *("leader", "spokesman", "spokeswoman", "spokesperson", "chairman", "chairwoman"),
    *("chair", "head", "official", "member", "chief", "secretary-general", "deputy"),
}
"""Titles that take the sector of the organisation named with them ("Tory leader")."""
GROUP_MEMBER_WORDS = {"member", "members", "one", "some", "many", "most", "part", "head", "group"}
AGENT_PARTICIPLES = {"led", "backed", "based", "run", "owned", "born", "allied", "supported"}
LINKING_WORDS = AGENT_PARTICIPLES | {"loyal", "operating", "stationed", "deployed", "fleeing"}
PLACE_LABELS = {"GPE", "LOC", "FAC"}
RELATIONAL_NOUNS = {
    *("ally", "partner", "rival", "enemy", "foe", "friend", "neighbour", "neighbor"),
    *("proxy", "adversary", "opponent", "counterpart", "patron", "client"),
}
SUPRANATIONAL = {"international", "world", "global", "african", "european", "asian", "arab"}
QUALIFIERS = {"government", "state", "civilian", "civil", "official", "senior", "top", "local"}
OFFICIAL_WORDS = {"official", "state", "state-run", "state-owned", "government", "government-run"}
SHORT_TITLE_TOKENS = 10


@dataclass(slots=True)
class Profile:
    """Who a person mention is, as far as the article and the knowledge base say.

    ``title`` and ``affiliation`` come from the article's own words ("professor of
    international relations", "Massachusetts Institute of Technology"), else the office
    the knowledge base records for the publication date.
    """

    name: str
    title: str | None
    affiliation: str | None
    actor: Actor | None


@dataclass(slots=True)
class _Mention:
    """One mention: its tokens (name only, no "the" or "'s"), entity and resolution."""

    start: int
    end: int
    entity: Entity
    name: str
    actor: Actor | None
    title: str | None = None
    affiliation: str | None = None
    chain: int = -1
    """Index of the first mention of the same person (persons only)."""


@dataclass(slots=True)
class ArticleActors:
    """The coded mentions of one article, and the look-ups the other extractors use.

    ``entities`` holds every PERSON/ORG/GPE/NORP/LOC/FAC mention in text order, with
    ``.actor`` set when coded (a person always keeps at least the name).
    """

    entities: list[Entity]
    doc: Doc | None = None
    kb: KnowledgeBase | None = None
    published: dt.date | None = None
    _mentions: list[_Mention] = field(default_factory=list)
    _by_token: dict[int, int] = field(default_factory=dict)

    def actors_in(self, span: Span) -> list[Actor]:
        """The actors a noun phrase refers to (a token span of the parsed doc): coded ones,
        and named people even when their country and sector are unknown.

        Coordination gives each conjunct ("Trump and Kim" → both); a sector noun takes its
        country from a demonym, country, possessor or "of/in" phrase ("Chinese diplomats",
        "North Korea's foreign ministry", "the Trump administration", "police in Guinea");
        pronouns and definite descriptions ("he", "the regime", "the North") go to their
        antecedents. Falls back to the coded mentions inside the span.
        """
        found: list[Actor] = []
        for head in _heads(span):
            for actor in self._actors_at(head, span):
                if not any(_same(actor, a) for a in found):
                    found.append(actor)
        if found:
            return found
        first = bisect.bisect_left(self._mentions, span.start, key=lambda m: m.start)
        for m in itertools.islice(self._mentions, first, None):
            if m.start >= span.end:
                break
            a = m.actor
            if a is None or m.end > span.end or not (a.country or a.sector):
                continue
            if not any(_same(a, b) for b in found):
                found.append(a)
        return found

    def name_of(self, span: Span) -> str:
        """The full name a person mention refers to ("Narang" or "he" → "Vipin Narang");
        the mention itself when nothing better is known."""
        m = self._person_at(span)
        return m.name if m is not None else span.text

    def profile(self, span: Span) -> Profile | None:
        """Full name, title, affiliation and actor of the person ``span`` mentions, or None
        when it mentions no person. Title and affiliation come from the first mention in
        the article that describes the person."""
        m = self._person_at(span)
        if m is None:
            return None
        chain = [x for x in self._mentions if x.chain == m.chain and x.chain >= 0] or [m]
        described = next((x for x in chain if x.title or x.affiliation), m)
        actor = m.actor
        if actor is not None and (actor.start, actor.end) != (span.start_char, span.end_char):
            actor = replace(actor, text=span.text, start=span.start_char, end=span.end_char)
        return Profile(m.name, described.title, described.affiliation, actor)

    def _person_at(self, span: Span) -> _Mention | None:
        for head in _heads(span):
            m = self._mention_at(head)
            if m is not None and m.entity.label == "PERSON":
                return m
            appos = _appos_person(head, self)
            if appos is not None:
                return appos
            if head.lower_ in PERSONAL or _definite_title(head, self.kb):
                m = self._antecedent(head)
                if m is not None:
                    return m
        return None

    def _mention_at(self, tok: Token) -> _Mention | None:
        i = self._by_token.get(tok.i)
        return self._mentions[i] if i is not None else None

    def _actors_at(self, head: Token, span: Span) -> list[Actor]:
        m = self._mention_at(head)
        if m is not None:
            if m.entity.label == "PERSON" or (m.actor and (m.actor.country or m.actor.sector)):
                return [m.actor] if m.actor else []
            return []
        appos = _appos_person(head, self)
        if appos is not None:
            return [appos.actor] if appos.actor else []
        if head.lower_ in PERSONAL or _definite_title(head, self.kb):
            ante = self._antecedent(head)
            if ante is not None and ante.actor is not None:
                return [_moved(ante.actor, span)]
        if head.text in HALVES and self.kb is not None:
            country = _half_of(head.text, self, head.i)
            if country:
                return [_country_actor(self.kb, country, span)]
        if head.pos_ in ("NOUN", "PROPN", "ADJ") and self.kb is not None:
            return self._composite(head, span)
        return []

    def _composite(self, head: Token, span: Span) -> list[Actor]:
        """A sector noun with its countries: "North Korean diplomats", "Kim's regime",
        "U.S. and Russian negotiators" (one actor per country)."""
        assert self.kb is not None
        bare = _bare_definite(head)
        if bare and head.lower_ in COUNTRY_WORDS:
            country = self._recent_country(head.i, places_only=True)
            return [_country_actor(self.kb, country, span)] if country else []
        sector = _sector(self.kb, head.doc[max(head.left_edge.i, span.start) : head.i + 1], head)
        if sector is None:
            return self._member_of(head, span)
        countries: list[str | None] = list(self._countries_of(head, span))
        if not countries and bare and head.lower_ in GOVERNMENT_WORDS:
            countries = [self._recent_country(head.i)]
        name = _np_text(head, span)
        return [
            Actor(name, country, sector, span.text, span.start_char, span.end_char)
            for country in countries or [None]
        ]

    def _member_of(self, head: Token, span: Span) -> list[Actor]:
        """ "a member of the Syrian parliament", "one of the rebels": the group's actor."""
        if head.lower_ not in GROUP_MEMBER_WORDS:
            return []
        for prep in head.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                for pobj in prep.children:
                    if pobj.dep_ == "pobj":
                        return [_moved(a, span) for a in self._actors_at(pobj, span)]
        return []

    def _countries_of(self, head: Token, span: Span, depth: int = 0) -> list[str]:
        """The countries a noun's modifiers give it ("U.S. and Russian negotiators": each
        modifier and its conjuncts inside ``span``, also when it holds only a conjunct),
        else the noun's own "of/in/from" or "based in"/"loyal to" phrase, which belongs to
        it even past the end of ``span``. An ethnic demonym ("ethnic Albanian") and the
        possessor of a relational noun ("Israel's ally") name no country of the noun."""
        found: list[str] = []
        relational = head.lemma_.lower() in RELATIONAL_NOUNS
        for tok in span:
            if tok.i >= head.i:
                break
            if _modifies(tok, head) and not _ethnic(tok):
                if relational and tok.dep_ == "poss":
                    continue
                country = self._country_at(tok)
                if country and country not in found:
                    found.append(country)
        if found or depth > 2:
            return found
        for child in head.children:
            if child.i < span.start or (child.i < head.i and child.i >= span.end):
                continue
            if child.dep_ in ("acl", "amod") and child.lower_ in LINKING_WORDS:
                # "based in Trinidad", "fleeing the war in Liberia": the first place named
                for tok in child.subtree:
                    m = self._mention_at(tok)
                    if m is not None and m.entity.label in PLACE_LABELS:
                        country = m.actor.country if m.actor else None
                        if country:
                            return [country]
            if child.dep_ != "prep" or child.lower_ not in PLACE_PREPS:
                continue
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    country = self._country_at(pobj)
                    nested = [country] if country else self._countries_of(pobj, span, depth + 1)
                    if nested:
                        return nested
        return []

    def _country_at(self, tok: Token) -> str | None:
        """The country a modifier names: a coded mention, a demonym (also a two-word one,
        "Sri Lankan"), or the first part of "Vietnamese-led"."""
        m = self._mention_at(tok)
        if m is not None and m.actor is not None:
            return m.actor.country
        if self.kb is None:
            return None
        if tok.lower_ in AGENT_PARTICIPLES:
            for child in tok.children:
                country = self._country_at(child)
                if country:
                    return country
            return None
        if tok.pos_ not in ("ADJ", "PROPN", "NOUN"):
            return None
        doc = tok.doc
        if tok.i > 0 and doc[tok.i - 1].head.i == tok.i and doc[tok.i - 1].is_title:
            country = self.kb.demonym(doc[tok.i - 1 : tok.i + 1].text)
            if country:
                return country
        return self.kb.demonym(tok.text)

    def _antecedent(self, head: Token) -> _Mention | None:
        """The mention a pronoun or definite description refers back to."""
        low = head.lower_
        before = [m for m in self._mentions if m.end <= head.i]
        if low in PERSONAL:
            # The latest person who was the subject of a main clause, else the latest person:
            # "Trump said Kim had shown hostility. He added…" → Trump.
            persons = [m for m in before if m.entity.label == "PERSON"]
            sentence = head.sent.start
            previous = _previous_sentence_start(head)
            recent = [m for m in persons if m.start >= previous]
            main = [m for m in recent if _main_subject(head.doc[m.end - 1])]
            if main and (main[-1].start < sentence or main[-1] is recent[-1]):
                return main[-1]
            return persons[-1] if persons else None
        if low in GOVERNMENT_WORDS or low in COUNTRY_WORDS:
            return None
        if self.kb is None:
            return None
        sector = self.kb.sector_of(head.lemma_)
        countries = self._countries_of(head, head.doc[head.left_edge.i : head.right_edge.i + 1])
        country = countries[0] if countries else None
        title = head.lemma_.lower()
        for m in reversed(before):
            a = m.actor
            if m.entity.label != "PERSON" or a is None or a.sector != sector:
                continue
            if country is not None and a.country != country:
                continue
            if country is None and title not in (m.title or "").lower():
                continue
            return m
        return None

    def _recent_country(self, i: int, places_only: bool = False) -> str | None:
        """The country of the latest country, place or government mention before token i."""
        for m in reversed(self._mentions):
            a = m.actor
            if m.end > i or a is None or not a.country:
                continue
            if m.entity.label in ("GPE", "NORP") or (not places_only and a.sector == "GOV"):
                return a.country
        return None


def _main_subject(tok: Token) -> bool:
    """Whether a name's token is the subject of its sentence's main verb."""
    while tok.dep_ in ("compound", "flat") and tok.head.i != tok.i:
        tok = tok.head
    return tok.dep_ in ("nsubj", "nsubjpass") and tok.head.dep_ == "ROOT"


def _previous_sentence_start(tok: Token) -> int:
    """The first token of the sentence before ``tok``'s (or of its own when it is first)."""
    start = tok.sent.start
    return tok.doc[start - 1].sent.start if start > 0 else start


def _ethnic(tok: Token) -> bool:
    """Whether a demonym is marked as an ethnicity ("ethnic Albanian"), not a nationality."""
    return tok.i > 0 and tok.doc[tok.i - 1].lower_ == "ethnic"


def _modifies(tok: Token, head: Token) -> bool:
    """Whether ``tok`` is a modifier of ``head``, directly or as a conjunct of one, or
    modifies the same noun ``head`` modifies ("Ugandan" in "Ugandan opposition candidates"),
    or modifies a compound of ``head`` ("US" in "US Predator attacks")."""
    while tok.dep_ == "conj" and tok.head.i != tok.i:
        tok = tok.head
    if tok.dep_ not in MODIFIER_DEPS:
        return False
    return (
        tok.head.i == head.i
        or (head.dep_ in MODIFIER_DEPS and tok.head.i == head.head.i)
        or (tok.head.dep_ == "compound" and tok.head.head.i == head.i)
    )


def _sector(kb: KnowledgeBase, words: Span, head: Token) -> str | None:
    """The sector a phrase ending in ``head`` signals: a known title inside it; else the
    first sector noun, since a noun modifier names the group ("rebel leaders" → REB, "army
    officers" → MIL) unless it only qualifies ("government troops" → MIL); else the head's
    lemma ("negotiators" → GOV). Official or state media speak for the government."""
    text = " ".join(t.text for t in words if not t.is_punct or t.text == "-")
    sector = kb.title_sector(text)
    if sector is None:
        for tok in words:
            if tok.i == head.i or (tok.pos_ in ("NOUN", "PROPN") and tok.lower_ not in QUALIFIERS):
                sector = kb.nouns.get(tok.lower_) or kb.nouns.get(tok.lemma_.lower())
                if sector:
                    break
    if sector == "JRN" and any(t.lower_ in OFFICIAL_WORDS for t in words):
        return "GOV"
    return sector


def _country_actor(kb: KnowledgeBase, country: str, span: Span) -> Actor:
    name = kb.countries[country].name if country in kb.countries else country
    return Actor(name, country, None, span.text, span.start_char, span.end_char)


def _bare_definite(head: Token) -> bool:
    """Whether ``head`` is a bare definite noun: "the regime", "the president"."""
    kids = list(head.children)
    return any(c.dep_ == "det" and c.lower_ == "the" for c in kids) and not any(
        c.dep_ in MODIFIER_DEPS or c.dep_ == "prep" or c.dep_ == "appos" for c in kids
    )


def _definite_title(head: Token, kb: KnowledgeBase | None) -> bool:
    """ "the president", "the North Korean leader": a definite title that names someone."""
    if kb is None or head.pos_ != "NOUN" or head.tag_ == "NNS":
        return False
    if not any(c.dep_ == "det" and c.lower_ == "the" for c in head.children):
        return False
    if any(c.dep_ in ("appos", "poss") for c in head.children):
        return False
    return kb.sector_of(head.lemma_) is not None and head.lower_ not in GOVERNMENT_WORDS


def _appos_person(head: Token, actors: ArticleActors) -> _Mention | None:
    """The named person a title noun introduces: "adviser" in "adviser, John Bolton"."""
    for child in head.children:
        if child.dep_ == "appos":
            m = actors._mention_at(child)
            if m is not None and m.entity.label == "PERSON":
                return m
    return None


def _heads(span: Span) -> list[Token]:
    """The root of a span and the roots of its coordinated conjuncts."""
    if not len(span):
        return []
    root = span.root
    heads = [root]
    stack = [root]
    while stack:
        t = stack.pop()
        for c in t.children:
            if c.dep_ == "conj" and span.start <= c.i < span.end:
                heads.append(c)
                stack.append(c)
    return heads


def _moved(actor: Actor, span: Span) -> Actor:
    return replace(actor, text=span.text, start=span.start_char, end=span.end_char)


def _same(a: Actor, b: Actor) -> bool:
    return (a.name, a.country, a.sector) == (b.name, b.country, b.sector)


def _np_text(head: Token, span: Span) -> str:
    """A name for a composite actor: the head's phrase without articles or punctuation."""
    doc = head.doc
    lo = max(head.left_edge.i, span.start)
    while lo < head.i and (doc[lo].dep_ == "det" or doc[lo].is_punct):
        lo += 1
    return doc[lo : head.i + 1].text


def resolve_actors(doc: Doc, article: Article, kb: KnowledgeBase) -> ArticleActors:
    """Find and code the actor mentions of ``doc`` (the parse of ``article.text``) as of the
    publication date; see the module docstring for the order of evidence.

    Places and organisations are coded first, so that a person's description can use them
    ("a professor at MIT"); people are then coded in text order, so that a surname finds
    the full name introduced before it.
    """
    on = article.published
    result = ArticleActors([], doc, kb, on)
    for start, end, label in _mention_spans(doc, article, kb):
        core = doc[start:end]
        entity = Entity(core.text, core.start_char, core.end_char, label)
        for i in range(start, end):
            result._by_token[i] = len(result._mentions)
        result._mentions.append(_Mention(start, end, entity, core.text, None))
        result.entities.append(entity)
    for m in result._mentions:
        if m.entity.label != "PERSON":
            _resolve_other(doc, m, kb, on, result)
    for named, alias in itertools.pairwise(result._mentions):
        if _parenthesised(doc, named, alias):
            # "The Homeland Union (Conservatives)": the organisation's other name, not the
            # British party the bracketed word alone would be
            alias.actor = named.actor and replace(
                named.actor, text=alias.entity.text, start=alias.entity.start, end=alias.entity.end
            )
    for index, m in enumerate(result._mentions):
        if m.entity.label == "PERSON":
            _resolve_person(doc, m, kb, on, result)
            if m.chain < 0:
                m.chain = index
    for m in result._mentions:
        m.entity.actor = m.actor
    return result


def _parenthesised(doc: Doc, named: _Mention, alias: _Mention) -> bool:
    """Whether ``alias`` stands in brackets right after the organisation ``named``."""
    return (
        named.entity.label == "ORG"
        and alias.entity.label in ("ORG", "NORP")
        and alias.start == named.end + 1
        and doc[named.end].text == "("
        and alias.end < len(doc)
        and doc[alias.end].text == ")"
    )


def _mention_spans(doc: Doc, article: Article, kb: KnowledgeBase) -> list[tuple[int, int, str]]:
    """Token ranges of the mentions: NER entities (trimmed of "the" and "'s", hyphenated
    names completed) plus names the knowledge base knows in the gaps."""
    spans: list[tuple[int, int, str]] = []
    taken = [False] * len(doc)
    starts = [t.idx for t in doc]
    at = _Offsets(article.text, starts, [s + len(t) for s, t in zip(starts, doc, strict=True)])
    for ent in doc.ents:
        start, end = _trim(doc, ent.start, ent.end)
        if start >= end or any(taken[start:end]):
            continue
        parts = _known_parts(doc, kb, start, end)
        if parts:
            spans.extend(parts)
            for i in range(start, end):
                taken[i] = True
            continue
        label = ent.label_
        longer = _known_at(kb, start, taken, at, min_end=end + 1)
        for back in (1, 2):  # "Liberal" + "Democrats": a known name the NER began late
            if longer is None and start - back >= 0 and doc[start - back].is_title:
                longer = _known_at(kb, start - back, taken, at, min_end=end)
        if longer is not None:
            spans.append(longer)
            for i in range(min(ent.start, longer[0]), longer[1]):
                taken[i] = True
            continue
        entry = kb.find(doc[start:end].text, kinds=NAMED_KINDS)
        if label not in ACTOR_LABELS and (entry is None or entry.kind == PERSON):
            continue
        if entry is not None and (label not in ACTOR_LABELS or entry.kind in (PERSON, ORG)):
            label = LABEL_OF_KIND[entry.kind]  # "Isis" taken for a person, "Hamas" for a place
        if label == "PERSON":
            end = _person_end(doc, start, end, kb)
        spans.append((start, end, label))
        for i in range(ent.start, end):
            taken[i] = True
    spans.extend(_known_names(doc, kb, taken, at))
    spans.sort()
    return [
        (s, e, label)
        for s, e, label in _surnames_as_people(doc, kb, spans)
        if not article.in_furniture(doc[s].idx, doc[e - 1].idx + len(doc[e - 1]))
    ]


def _surnames_as_people(
    doc: Doc, kb: KnowledgeBase, spans: list[tuple[int, int, str]]
) -> list[tuple[int, int, str]]:
    """Relabel as PERSON a mention the NER called an organisation or place when it is the
    surname or given name of a person named earlier ("Mayor Linda Park … Park said"),
    unless the knowledge base knows it as a country, capital, seat or organisation."""
    parts: set[str] = set()
    out = []
    for s, e, label in spans:
        text = doc[s:e].text
        if label == "PERSON":
            words = text.split()
            if len(words) > 1:
                parts.update((words[0], words[-1]))
        elif text in parts and kb.find(text, kinds=NAMED_KINDS - {PERSON}) is None:
            label = "PERSON"
        out.append((s, e, label))
    return out


def _trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
    while start < end and doc[start].lower_ in ("the", "a", "an", *HONORIFICS):
        start += 1
    while end > start and (doc[end - 1].dep_ == "case" or doc[end - 1].text in ("'s", "’s", "'")):
        end -= 1
    while end > start and doc[end - 1].is_punct:
        end -= 1
    return start, end


def _known_parts(doc: Doc, kb: KnowledgeBase, start: int, end: int) -> list[tuple[int, int, str]]:
    """An entity the NER ran over a coordination ("Amnesty International and Human Rights
    Watch") split into its conjuncts, when the whole is unknown and every part is known."""
    cuts = [i for i in range(start + 1, end - 1) if doc[i].lower_ == "and"]
    if not cuts or kb.find(doc[start:end].text) is not None:
        return []
    parts, lo = [], start
    for cut in [*cuts, end]:
        entry = kb.find(doc[lo:cut].text, kinds=NAMED_KINDS)
        if entry is None:
            return []
        parts.append((lo, cut, LABEL_OF_KIND[entry.kind]))
        lo = cut + 1
    return parts


def _person_end(doc: Doc, start: int, end: int, kb: KnowledgeBase) -> int:
    """Where a person's name really ends: before quote marks the NER swallowed ("Kim Jong
    Un 'Baited"), after a hyphenated part it cut off ("Moon Jae" + "-in")."""
    for i in range(start + 1, end):
        if doc[i].is_quote or (doc[i].is_punct and doc[i].text not in ("-", ".")):
            end = i
            break
    while (
        end + 1 < len(doc)
        and doc[end].text == "-"
        and not doc[end - 1].whitespace_
        and not doc[end].whitespace_
        and doc[end + 1].is_alpha
    ):
        end += 2
    return end


def _known_names(
    doc: Doc, kb: KnowledgeBase, taken: list[bool], at: _Offsets
) -> list[tuple[int, int, str]]:
    """Capitalised token runs the knowledge base knows, where the NER found nothing."""
    found = []
    i, n = 0, len(doc)
    while i < n:
        hit = None
        if not taken[i] and at.text[at.starts[i] : at.starts[i] + 1].isupper():
            hit = _known_at(kb, i, taken, at)
        if hit is not None:
            found.append(hit)
            i = hit[1]
        else:
            i += 1
    return found


class _Offsets(NamedTuple):
    """The article text and each token's character range, read once from the parse."""

    text: str
    starts: list[int]
    ends: list[int]


def _known_at(
    kb: KnowledgeBase, i: int, taken: list[bool], at: _Offsets, min_end: int = 0
) -> tuple[int, int, str] | None:
    """The longest name the knowledge base knows starting at token ``i`` (ending at
    ``min_end`` or later), over tokens no other mention holds; people need two words.
    Names are matched as written, and only from tokens that begin some known name."""
    start = at.starts[i]
    if not min_end and at.text[start : start + PREFIX] not in kb.prefixes:
        return None
    stop = min(i + MAX_NAME_WORDS, len(at.starts))
    for end in range(stop, max(i, min_end - 1), -1):
        if any(taken[i:end]):
            continue
        text = at.text[start : at.ends[end - 1]]
        if text not in kb.written:
            # A city the NER cut up at its hyphens ("Rostov-on-Don") extends its entity.
            city = kb.find(text, kinds=CITIES) if min_end and "-" in text else None
            if city is None or city.name != text:
                continue
        entry = kb.find(text)
        if entry is not None and (entry.kind != PERSON or end - i > 1):
            return (i, end, LABEL_OF_KIND[entry.kind])
    return None


@dataclass(slots=True)
class _Description:
    """What the article itself says about a person: title words, country, affiliation."""

    title: str | None = None
    sector: str | None = None
    country: str | None = None
    affiliation: str | None = None
    former: bool = False


def _resolve_person(
    doc: Doc, m: _Mention, kb: KnowledgeBase, on: dt.date | None, known: ArticleActors
) -> None:
    core = doc[m.start : m.end]
    name = core.text
    desc = _describe(doc, core, kb, known)
    ante = _same_person(name, m.start, known)
    entry = kb.find(ante.name if ante is not None else name, on, KINDS_OF_LABEL["PERSON"])
    if entry is None and ante is None and len(core) > 1 and desc.title:
        # A misspelt full name ("President Laurent Gbago"), taken only when the article's
        # title for the person is an office the knowledge base records: any of theirs for a
        # one-letter slip, the one held on the publication date for two.
        entry = kb.fuzzy(name, PERSON, 1)
        if entry is None or not _same_office(desc.title, entry, None):
            entry = kb.fuzzy(name, PERSON, 2)
            if entry is not None and not _same_office(desc.title, entry, on or dt.date.max):
                entry = None
    full = ante.name if ante is not None else (entry.name if entry else name)
    actor: Actor | None
    if entry is not None:
        code = entry.code(on)
        country = code.country or desc.country
        # Out of office the dates decide ("President Obama" in 2018 is ELI); before any
        # office the knowledge base has no sector, and the article's title supplies one.
        sector = "ELI" if desc.former and code.sector == "GOV" else code.sector or desc.sector
        actor = Actor(entry.name, country, sector, core.text, core.start_char, core.end_char,
                      code.wikidata)  # fmt: skip
        title = desc.title or entry.title_on(on)
    elif ante is not None:
        actor = _moved(ante.actor, core) if ante.actor else None
        title = desc.title
        if actor is not None and (desc.country or desc.sector):
            actor = replace(actor, country=desc.country or actor.country,
                            sector=desc.sector or actor.sector)  # fmt: skip
    else:
        sector = "ELI" if desc.former and desc.sector == "GOV" else desc.sector
        actor = Actor(full, desc.country, sector, core.text, core.start_char, core.end_char)
        title = desc.title
    m.name, m.actor, m.title, m.affiliation = full, actor, title, desc.affiliation
    if ante is not None:
        m.chain = ante.chain
    elif entry is not None:
        same = [x for x in known._mentions if x.chain >= 0 and x.name == entry.name]
        if same:
            m.chain = same[0].chain


def _same_office(title: str, entry: Entry, on: dt.date | None) -> bool:
    """Whether an article's title ("President") names an office the entry held (on the
    date ``on``, when given)."""
    words = set(title.lower().replace("-", " ").split())
    terms = [t for t in entry.terms if on is None or t.holds(on)]
    return any(words & set((t.title or "").lower().split()) for t in terms)


def _same_person(name: str, before: int, known: ArticleActors) -> _Mention | None:
    """An earlier person whose full name begins or ends with this shorter name."""
    words = name.split()
    for m in reversed(known._mentions):
        if m.entity.label != "PERSON" or m.start >= before or m.chain < 0:
            continue
        full = m.name.split()
        if len(full) > len(words) and (full[: len(words)] == words or full[-len(words) :] == words):
            return m
    return None


def _describe(doc: Doc, core: Span, kb: KnowledgeBase, known: ArticleActors) -> _Description:
    """The article's description of a person mention: pre-modifiers, then appositives."""
    desc = _Description()
    root = core.root
    lo = core.start
    while lo > root.left_edge.i and "\n" not in doc[lo - 1].whitespace_ + doc[lo - 1].text:
        if doc[lo - 1].pos_ in ("VERB", "AUX") or doc[lo - 1].is_sent_end:
            break
        lo -= 1
    if lo < core.start:
        _read_title(doc[lo : core.start], kb, known, desc, need_code=True)
    if root.dep_ == "appos" and root.head.i < core.start and known._mention_at(root.head) is None:
        head = root.head
        end = root.left_edge.i
        while end > head.i + 1 and doc[end - 1].is_punct:
            end -= 1
        _read_title(doc[head.left_edge.i : max(end, head.i + 1)], kb, known, desc)
    for child in root.children:
        if child.dep_ == "appos" and child.i >= core.end and known._mention_at(child) is None:
            _read_appositive(doc, child, kb, known, desc)
            break
    return desc


def _read_title(
    words: Span,
    kb: KnowledgeBase,
    known: ArticleActors,
    desc: _Description,
    need_code: bool = False,
    head: Token | None = None,
) -> None:
    """Fill ``desc`` from a title phrase: country from a demonym, country or possessor
    inside it, sector from the title, the rest as the title text. With ``need_code``
    (pre-modifiers), words that give neither sector nor country are no title."""
    title_tokens: list[str] = []
    all_tokens: list[str] = []
    country = None
    group_sector = None  # "Tory leader": the sector of the organisation led
    for tok in words:
        if tok.dep_ == "det" or (tok.is_punct and tok.text != "-") or tok.dep_ == "case":
            continue
        low = tok.lower_
        all_tokens.append(tok.text)
        if low in FORMER_WORDS:
            desc.former = True
            continue
        if low in SKIP_TITLE_WORDS and not title_tokens:
            continue
        m = known._mention_at(tok)
        if m is not None:
            if m.actor is not None and m.actor.country and country is None:
                country = m.actor.country
            if m.actor is not None and m.entity.label in ("ORG", "NORP"):
                group_sector = group_sector or m.actor.sector
            if m.entity.label not in ("ORG",):
                continue
        elif kb.demonym(tok.text) and tok.pos_ in ("ADJ", "PROPN") and country is None:
            country = kb.demonym(tok.text)
            continue
        title_tokens.append(tok.text)
    text = " ".join(title_tokens).replace(" - ", "-").strip()
    if not any(c.isalpha() for c in text):
        return
    head = head if head is not None else words[-1]
    sector = kb.sector_of(text) or kb.nouns.get(head.lemma_.lower())
    if group_sector and head.lower_ in GROUP_ROLES:
        sector = group_sector
    if need_code and sector is None and country is None:
        return
    if sector is None:  # "North Korea expert": the place is what they study, part of the title
        text = " ".join(all_tokens).replace(" - ", "-").strip()
    desc.title = desc.title or text
    desc.sector = desc.sector or sector
    if sector is not None and country is not None:
        desc.country = desc.country or country


def _read_appositive(
    doc: Doc, head: Token, kb: KnowledgeBase, known: ArticleActors, desc: _Description
) -> None:
    """ "…, a professor of international relations at the Massachusetts Institute of
    Technology": title up to the preposition that names an organisation, which is the
    affiliation."""
    toks = []
    for tok in doc[head.left_edge.i : head.right_edge.i + 1]:
        if (tok.is_punct and tok.text not in ("-", "'", "’")) or tok.lower_ in ("who", "which"):
            break
        if tok.dep_ == "prep" and tok.lower_ in ("at", "with", "for", "from", "of", "in"):
            org = _org_after(tok, known)
            if org is not None:
                desc.affiliation = org.entity.text
                break
        toks.append(tok)
        if len(toks) >= SHORT_TITLE_TOKENS:
            break
    if toks:
        _read_title(doc[toks[0].i : toks[-1].i + 1], kb, known, desc, head=head)


def _org_after(prep: Token, known: ArticleActors) -> _Mention | None:
    for child in prep.children:
        if child.dep_ == "pobj":
            m = known._mention_at(child)
            if m is not None and m.entity.label in ("ORG", "FAC"):
                return m
    return None


def _resolve_other(
    doc: Doc, m: _Mention, kb: KnowledgeBase, on: dt.date | None, known: ArticleActors
) -> None:
    core = doc[m.start : m.end]
    entity = m.entity
    text = core.text
    entry = kb.find(text, on, KINDS_OF_LABEL.get(entity.label, PLACE_KINDS | {ORG}))
    actor = None
    if entry is not None:
        code = entry.code(on)
        sector = code.sector
        if entry.kind == CAPITAL and _locative(core.root):
            sector = None
        actor = Actor(code.name, code.country, sector, text, core.start_char, core.end_char,
                      code.wikidata)  # fmt: skip
    elif entity.label == "NORP" and _ethnic(core[0]):
        actor = None  # "ethnic Albanians" are no state's actor by that word alone
    elif entity.label == "NORP" and _demonym(kb, core):
        actor = _country_actor(kb, _demonym(kb, core) or "", core)
        home = [kb.demonym(c.text) for c in core.root.children if c.dep_ == "amod"]
        if home and home[0]:  # "Bosnian Serbs": where the group lives
            actor = _country_actor(kb, home[0], core)
        if core.root.tag_ in ("NNS", "NNPS") and core.root.lower_.endswith("s"):
            # "Libyans", "Bosnian Serbs": people, not the state ("the Chinese" may be either)
            actor = replace(actor, sector="CVL")
    elif text in HALVES and _half_of(text, known, m.start):
        actor = _country_actor(kb, _half_of(text, known, m.start) or "", core)
    elif entity.label in ("GPE", "LOC", "ORG") and _region_of(kb, core):
        actor = _country_actor(kb, _region_of(kb, core) or "", core)
    elif entity.label == "ORG":
        actor = _unknown_org(core, kb, known)
    if actor is not None and entity.label in ("GPE", "NORP") and actor.country:
        actor = _with_head_noun(doc, core, actor, kb)
    m.name, m.actor = (actor.name if actor else text), actor


def _half_of(word: str, known: ArticleActors, before: int) -> str | None:
    """The country "the North" or "the South" stands for: the latest country mentioned
    whose name starts with that word (North Korea, South Sudan…)."""
    for m in reversed(known._mentions):
        a = m.actor
        if m.start < before and a is not None and a.country and a.name.startswith(word + " "):
            return a.country
    return None


def _demonym(kb: KnowledgeBase, core: Span) -> str | None:
    """The country of a demonym mention; of two ("Bosnian Serbs", "Iraqi Kurds") the first,
    which says where the group lives."""
    return kb.demonym(core.text) or (kb.demonym(core[0].text) if len(core) > 1 else None)


def _region_of(kb: KnowledgeBase, core: Span) -> str | None:
    """The country a region names: "South Lebanon", "western Cambodia", "east Bosnia";
    else the country whose name the mention misspells ("Ethopia")."""
    if len(core) > 1 and core[0].lower_ in DIRECTIONS:
        entry = kb.find(core[1:].text, kinds=TOWNS)
        if entry is not None:
            return entry.country
    entry = kb.fuzzy(core.text, PLACE)
    return entry.country if entry is not None else None


def _locative(tok: Token) -> bool:
    """Whether a place is the object of a locative preposition ("in Moscow")."""
    return tok.dep_ == "pobj" and tok.head.lower_ in LOCATIVE


def _unknown_org(core: Span, kb: KnowledgeBase, known: ArticleActors) -> Actor | None:
    """An organisation the knowledge base lacks: sector from its head noun ("University" →
    EDU), country from a demonym, country or capital in its name."""
    sector = kb.sector_of(core.root.text) or kb.nouns.get(core.root.lemma_.lower())
    for prep in core.root.children:  # "Association of African Jurists" → JUD
        if sector is None and prep.lower_ == "of":
            members = [t for t in prep.children if t.dep_ == "pobj"]
            sector = kb.nouns.get(members[0].lemma_.lower()) if members else None
    country = None
    for tok in core:
        if tok.i == core.root.i or kb.nouns.get(tok.lower_):
            continue  # "University" is a word of the name, not the town of that name
        m = known._mention_at(tok)
        code = m.actor.country if m is not None and m.actor is not None else None
        code = code or kb.demonym(tok.text)
        if code is None and tok.text[:1].isupper():
            # a town ("Victoria University of Wellington") or a leader ("Trump Cabinet")
            entry = kb.find(tok.text, kinds=TOWNS | {PERSON})
            code = entry.country if entry is not None else None
        if code:
            country = code
            break
    if country is None and any(t.lower_ in SUPRANATIONAL for t in core):
        country = "NGO"  # a body named for no one state and unknown as an IGO
    if sector is None and country is None:
        return None
    return Actor(core.text, country, sector, core.text, core.start_char, core.end_char)


def _with_head_noun(doc: Doc, core: Span, actor: Actor, kb: KnowledgeBase) -> Actor:
    """A country or demonym modifying a sector noun codes the whole phrase:
    "North Korean troops" → PRK MIL, "North Korea's foreign ministry" → PRK GOV."""
    tok = core.root
    while tok.dep_ == "conj" and tok.head.i != tok.i:
        tok = tok.head
    if tok.dep_ not in MODIFIER_DEPS or tok.head.i < core.end:
        return actor
    head = tok.head
    if head.pos_ not in ("NOUN", "PROPN"):
        return actor
    sector = _sector(kb, doc[core.end : head.i + 1], head)
    if sector is None:
        return actor
    start = core.start_char
    end = head.idx + len(head)
    return Actor(
        _np_text(head, doc[core.start : head.i + 1]), actor.country, sector,
        doc[core.start : head.i + 1].text, start, end,
    )  # fmt: skip
