"""Event detection in one sentence: predicates, their participants and CAMEO codes.

Each clause predicate — a verb in the lexicon, a light verb with an event noun ("held
talks"), a control verb with its complement ("agreed to meet"), or an event noun carrying
its own participants ("U.S. sanctions on Iran") — becomes a :class:`Candidate` that names
the tokens of its actors and recipients. Actors are resolved later, by the actor resolver.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from tidings.extract.events.lexicon import WEAK_INTENT, Lexicon
from tidings.extract.events.ontology import FAMILIES, recode

# Prepositions whose object is the recipient: "met with X", "sanctions on X".
RECIPIENT_PREPS = frozenset({"with", "against", "on", "to", "toward", "towards", "at", "upon"})
NOUN_RECIPIENT_PREPS = RECIPIENT_PREPS | {"for", "into", "of"}
# The object of a verb also names its doer's counterpart: "rejected calls by Belarus".
OBJECT_PREPS = NOUN_RECIPIENT_PREPS | {"by"}
# Modifiers that stay inside an actor's noun phrase ("the Palestinian security forces").
_NP_DEPS = frozenset(
    {"compound", "amod", "poss", "nmod", "det", "nummod", "flat", "case", "conj", "cc", "appos"}
)
_OF = frozenset({"of"})
_SOURCE_PREPS = frozenset({"from", "by"})
_WIDE_PREPS = frozenset({"of", "in", "from", "for", "by"})
_SKIP_DEPS = frozenset({"amod", "compound", "aux", "auxpass", "nn"})
_RELATIVE = frozenset({"WDT", "WP", "WP$"})
# Verbs whose object, not subject, performs the complement: "urged Iran to talk".
_OBJECT_CONTROL = frozenset(
    {"urge", "ask", "call", "press", "pressure", "force", "push", "persuade", "order", "have"}
)
_MEASURES = frozenset(
    {"ton", "tonne", "kg", "kilogram", "worth", "amount", "lot", "number", "shipment", "$", "part"}
)
# Verbs whose infinitive complement is the event: "helped to plan", "tried to storm".
_TRANSPARENT = frozenset(
    {"help", "try", "attempt", "continue", "begin", "start", "resume", "resort"}
)
# CAMEO roots of things said (appeals, demands, criticism, threats), not done.
_VERBAL_ROOTS = frozenset({1, 2, 3, 5, 10, 11, 12, 13})
_OBLIGATION = frozenset({"must", "should", "ought"})
_CONDITIONS = frozenset({"if", "unless"})
_TIMES = frozenset({"DATE", "TIME"})
# Prepositions that name a participant of a noun inside a recipient phrase ("of" phrases
# are part of the phrase itself).
_NESTED_PREPS = RECIPIENT_PREPS | {"for", "into"}
_COUNTERPART_PREPS = frozenset({"with", "against"})
_BARE = frozenset({"aux", "punct", "neg"})
# What a protest is aimed at: "in protest against X", "during demonstrations against X".
_PROTEST_PREPS = frozenset({"against", "at", "of", "over"})
_PROTEST_FRAMES = frozenset({"in", "during"})
_STANCE_PREPS = _PROTEST_PREPS | {"for", "toward", "towards", "with"}
_DEFIANCE = frozenset({"defiance", "opposition"})
_NOMINAL_SKIP_ENTS = frozenset({"ORG", "LAW", "WORK_OF_ART", "EVENT", "FAC", "PRODUCT"})


@dataclass(slots=True)
class Candidate:
    """A detected event before its participants are resolved to actors."""

    head: Token
    """The predicate whose clause gives negation, modality, time and place."""
    trigger: list[Token]
    code: str | None
    actor_heads: list[Token]
    recipient_heads: list[Token]
    confidence: float
    intent: bool = False
    negated: bool = False
    reciprocal: bool = False
    """Participants named as a group ("talks between X and Y"): every pair, both ways."""
    needs_recipient: bool = False
    actor_fallback: list[Token] = field(default_factory=list)
    """Who a pronoun subject stands for when coreference does not say: the speaker of
    the clause it is reported in ("North Korea announced it would ...")."""
    recipient_fallback: list[Token] = field(default_factory=list)
    """Whom the event is aimed at when its own recipients name no country: the one who
    must meet a threat's condition, the target of the protest a strike is part of."""
    label: str | None = None
    mode: str | None = None
    consumed: list[Token] = field(default_factory=list)


def depth(tok: Token) -> int:
    """Distance of ``tok`` from its sentence root."""
    n = 0
    while tok.head.i != tok.i:
        tok = tok.head
        n += 1
    return n


def np_span(tok: Token, wide: bool = False) -> Span:
    """The noun phrase of ``tok``: its modifiers, coordinated nouns and "of" phrases.

    ``wide`` adds where the head is from ("a court in Guyana", "doctors from Geneva") and
    whose it is ("violations by the security forces").
    """
    preps = _WIDE_PREPS if wide else _OF
    lo = hi = tok.i
    stack = [tok]
    while stack:
        t = stack.pop()
        lo, hi = min(lo, t.i), max(hi, t.i)
        for c in t.children:
            if (
                c.dep_ in _NP_DEPS
                or (c.dep_ == "prep" and c.lower_ in preps)
                or (c.dep_ == "pobj" and t.lower_ in preps)
                or (wide and c.dep_ == "acl" and c.lower_ == "based")
            ):
                stack.append(c)
    return tok.doc[lo : hi + 1]


def negated(tok: Token) -> bool:
    """Whether ``tok`` is negated ("did not agree", "never met", "no talks")."""
    return any(
        c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ == "no") or c.lower_ == "never"
        for c in tok.children
    )


def direct_object(tok: Token) -> Token | None:
    """The direct object, or the passive subject, of a verb ("tons of aid" → aid)."""
    for c in tok.children:
        if c.dep_ in ("dobj", "nsubjpass"):
            return _measured(c)
    for c in tok.children:
        if c.dep_ == "prt":
            for p in c.children:
                if p.dep_ == "pobj":
                    return p
    return None


def _measured(tok: Token) -> Token:
    """The substance of a measure phrase: "700 kg of medicine" → medicine."""
    if tok.lemma_.lower() in _MEASURES or tok.like_num or tok.pos_ == "NUM":
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ == "of":
                for p in c.children:
                    if p.dep_ == "pobj":
                        return p
    return tok


def subjects(tok: Token) -> tuple[list[Token], list[Token]]:
    """(agents, patients) of a verb: its subject, or by-agent and passive subject.

    Verbs without a subject of their own take it from the verb they depend on: controlled
    infinitives, coordinated verbs, relative clauses and participle clauses.
    """
    patients = [c for c in tok.children if c.dep_ == "nsubjpass"]
    agents = [p for c in tok.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"]
    if patients and not agents:
        # "killed in an air strike by government forces": the agent of the means
        means = prep_objects(tok, frozenset({"in", "during", "with"}))
        agents = [p for m in means for p in prep_objects(m, frozenset({"by"}))]
    if patients or agents:
        return agents, patients
    subj = [c for c in tok.children if c.dep_ in ("nsubj", "csubj")]
    if subj and tok.dep_ == "relcl" and subj[0].tag_ in _RELATIVE:
        return [tok.head], []
    if subj:
        return subj, []
    head = tok.head
    if head.i == tok.i:
        return [], []
    if tok.dep_ == "xcomp":
        objs = [c for c in head.children if c.dep_ in ("dobj", "dative")]
        if objs and head.lemma_.lower() in _OBJECT_CONTROL:
            return objs, []
        return subjects(head)
    if tok.dep_ == "acl" and tok.tag_ == "VBN":
        root = tok.sent.root
        if root.pos_ in ("NOUN", "PROPN") and (
            any(c.dep_ in ("dobj", "xcomp") for c in tok.children)
            or any(c.dep_ == "conj" and c.tag_ == "VBD" for c in tok.children)
        ):
            # A past tense the parser took for a participle in a sentence without a verb:
            # "An official newspaper called on Arabs to unite", "Doctors from two aid
            # groups donated and delivered goods" (the verb's conjunct is finite).
            return [root], []
        return [], [head]  # "soldiers killed in Ukraine"
    owners = [c for c in head.children if c.dep_ == "poss"]
    if tok.dep_ == "acl" and owners and tok.tag_ == "VB":
        return owners, []  # "Trump's decision to call off the summit": Trump calls it off
    if tok.dep_ == "acl" and head.dep_ in ("dobj", "pobj"):
        return subjects(head.head)  # "issued a declaration demanding ...": its issuer
    if tok.dep_ == "conj" and tok.tag_ != "VBN":
        # "has been indicted by the court and will resign": the passive's subject resigns
        agents, patients = subjects(head)
        return (patients, []) if patients else (agents, [])
    if tok.dep_ in ("conj", "acomp") or (tok.dep_ in ("advcl", "acl") and tok.tag_ == "VBG"):
        return subjects(head)
    if tok.dep_ == "advcl" and tok.tag_ == "VB":
        return subjects(head)  # purpose clause: "X sent troops to protect Y"
    if tok.dep_ == "relcl":
        return [head], []
    return [], []


def speaker_subjects(tok: Token) -> list[Token]:
    """The subject of the speech verb whose complement clause ``tok`` heads."""
    while tok.dep_ in ("ccomp", "xcomp", "conj", "acomp") and tok.head.i != tok.i:
        tok = tok.head
        subj = [c for c in tok.children if c.dep_ == "nsubj" and c.pos_ != "PRON"]
        if subj:
            return subj
    return []


def _refers_to(pronouns: list[Token], speakers: list[Token]) -> bool:
    """Whether a subject pronoun can stand for the speaker of its clause: "he" or "she"
    for a person, "it" for anything else."""
    if len(pronouns) != 1 or len(speakers) != 1 or pronouns[0].conjuncts:
        return False  # "he and Kim had agreed": not the speaker alone
    word, speaker = pronouns[0].lower_, speakers[0]
    person = speaker.ent_type_ == "PERSON"
    return (word in ("he", "she") and person) or (word == "it" and not person)


def _addressees(tok: Token) -> list[Token]:
    """Whom the clause of ``tok`` is said to: "announced in a letter to Kim that ...",
    "told Seoul that ..."."""
    while tok.dep_ in ("ccomp", "xcomp", "conj") and tok.head.i != tok.i:
        tok = tok.head
        found = [c for c in tok.children if c.dep_ in ("dobj", "dative") and c.pos_ == "PROPN"]
        found += prep_objects(tok, frozenset({"to"}))
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ == "in":
                found += [q for p in c.children for q in prep_objects(p, frozenset({"to"}))]
        if found:
            return found
    return []


def prep_objects(tok: Token, preps: frozenset[str]) -> list[Token]:
    """Objects of the given prepositions attached to ``tok``."""
    out: list[Token] = []
    for c in tok.children:
        if c.dep_ in ("prep", "agent") and c.lower_ in preps:
            # "on Sunday" says when, not to whom
            out.extend(p for p in c.children if p.dep_ == "pobj" and p.ent_type_ not in _TIMES)
        elif c.dep_ == "dative":
            # "gave them aid" (the noun itself), "granted asylum to X" (its object)
            objs = [p for p in c.children if p.dep_ == "pobj"] if c.pos_ == "ADP" else [c]
            out.extend(objs)
        elif c.dep_ == "prt":  # "hand over to Britain": the preposition hangs on the particle
            out.extend(prep_objects(c, preps))
    return out


class Detector:
    """Finds the event candidates of one sentence with a lexicon."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lex = lexicon

    def sentence(self, sent: Span) -> list[Candidate]:
        """Candidates of ``sent``, shallowest clauses first; each token feeds one event."""
        consumed: set[int] = set()
        found = []
        for tok in sorted(sent, key=depth):
            if tok.i in consumed or (tok.dep_ in _SKIP_DEPS and tok.pos_ == "VERB"):
                continue
            if tok.dep_ == "amod" and tok.head.dep_ == "dobj":
                cand = self.hyphenated(tok)
            elif tok.pos_ in ("VERB", "AUX", "ADJ") and tok.dep_ not in ("aux", "auxpass"):
                cand = self.verb(tok)
            elif tok.pos_ in ("NOUN", "PROPN"):
                cand = self.noun(tok, standalone=True)
            else:
                cand = None
            if cand is None:
                continue
            if any(h.pos_ == "PRON" for h in cand.actor_heads):
                cand.actor_fallback = speaker_subjects(cand.head)
                if _refers_to(cand.actor_heads, cand.actor_fallback):
                    # "Trump announced in a letter to Kim that he was calling off": the
                    # speaker, not the latest person named
                    cand.actor_heads = cand.actor_fallback
            elif not cand.actor_heads and cand.head.dep_ == "csubj":
                # "X said that removing the sanctions is out of the question": X's stance
                cand.actor_fallback = speaker_subjects(cand.head.head)
            if cand.code is not None and cand.code[:2] == "14":
                cand.recipient_fallback = self._protested(cand)
            if not cand.recipient_fallback:
                cand.recipient_fallback = _nested_objects(cand.recipient_heads) + _counterparts(
                    cand.head
                )
                if cand.actor_heads and cand.actor_heads == speaker_subjects(cand.head):
                    # One's own act announced to someone is aimed at them.
                    cand.recipient_fallback += _addressees(cand.head)
            consumed.update(t.i for t in cand.consumed)
            found.append(cand)
        return found + [a for c in found if (a := self._accusation(c)) is not None]

    def _protested(self, cand: Candidate) -> list[Token]:
        """What a protest that names no target is against: the object of its purpose
        clause ("went on strike to protest the arrests", "to show their disapproval for
        X") or of the protest or defiance it is part of ("in protest against the
        violations", "during demonstrations against X", "in defiance of the authorities")."""
        found: list[Token] = []
        tokens = {t.i: t for t in [cand.head, *cand.trigger]}
        for tok in tokens.values():
            for c in tok.children:
                # a purpose clause, also when parsed as a complement ("began a strike to
                # protest against X")
                if c.dep_ in ("advcl", "xcomp") and c.tag_ == "VB":
                    frame = self.lex.verb_frame(c, direct_object(c))
                    objects = [o for o in c.children if o.dep_ == "dobj"]
                    # to protest or to denounce X: X
                    if frame is not None and frame.code[:2] in ("11", "14"):
                        found += objects
                        found += prep_objects(c, _PROTEST_PREPS)
                    else:  # "to show their disapproval for X"
                        found += [p for o in objects for p in prep_objects(o, _STANCE_PREPS)]
                elif c.dep_ == "prep" and c.lower_ in _PROTEST_FRAMES:
                    for noun in c.children:
                        code = self.lex.noun_code(noun) if noun.dep_ == "pobj" else None
                        if (code is not None and code[:2] == "14") or noun.lemma_ in _DEFIANCE:
                            found += prep_objects(noun, _PROTEST_PREPS)
        return found

    def _accusation(self, cand: Candidate) -> Candidate | None:
        """ "X said Y attacked Z" also tells that X accuses Y (CAMEO 112)."""
        speech = cand.head.head
        # Only a speaker who leads the sentence claims; a closing "police said" attributes.
        if (
            cand.head.dep_ != "ccomp"
            or speech.i > cand.head.i
            or cand.code is None
            or int(cand.code[:2]) < 17
            or not cand.actor_heads
        ):
            return None
        frame = self.lex.verb_frame(speech, None)
        speakers = [c for c in speech.children if c.dep_ == "nsubj"]
        if frame is None or frame.code != "report" or not speakers:
            return None
        return Candidate(
            head=speech,
            trigger=[speech],
            code="112",
            actor_heads=speakers,
            recipient_heads=cand.actor_heads,
            confidence=0.6,
            needs_recipient=True,
        )

    def verb(self, tok: Token) -> Candidate | None:
        """The candidate of a verb predicate, or None when it names no event."""
        obj = direct_object(tok)
        frame = self.lex.verb_frame(tok, obj)
        agents, patients = subjects(tok)
        neg = negated(tok)
        if obj is None and tok.lemma_.lower() in _TRANSPARENT:
            inner = self._complement_of(tok, agents, neg)
            if inner is not None:
                return inner
        if frame is None or frame.code == "none" or (tok.pos_ == "ADJ" and frame.code != "intent"):
            return None
        if tok.lemma_.lower() == "have" and obj is not None and _xcomp(tok) is not None:
            # Causative "had Beijing pressure Pyongyang": the subject makes the object act.
            return self._control(tok, "request", "have", agents, neg, patients)
        if frame.code == "report":
            # Only an announcement names its event as object ("announced a suspension");
            # "told a news conference" reports no meeting.
            announced = tok.lemma_.lower() == "announce"
            light = self._light(tok, obj, agents, patients, neg) if announced else None
            return self._obligation(tok, agents) or light
        if frame.code == "light":
            return self._light(tok, obj, agents, patients, neg)
        if frame.code in FAMILIES:
            return self._control(tok, frame.code, frame.lemma, agents, neg, patients)
        if frame.reversed:
            doers = prep_objects(tok, _SOURCE_PREPS)
            if obj is not None:
                doers += prep_objects(obj, _SOURCE_PREPS)
            return Candidate(
                head=tok,
                trigger=[tok, *([obj] if obj is not None else [])],
                code=frame.code,
                actor_heads=doers,
                recipient_heads=agents,
                confidence=0.8,
                negated=neg,
                consumed=[obj] if obj is not None else [],
            )
        recipients = [*patients, *self._recipients(tok)]
        if obj is None and not recipients:
            # "donated and delivered goods to X": coordinated verbs share what follows them
            recipients = [p for c in tok.children if c.dep_ == "conj" for p in self._recipients(c)]
        measured = obj is not None and obj.dep_ == "pobj" and obj.head.head.dep_ == "dobj"
        if obj is not None and (obj.dep_ == "dobj" or measured):
            # the object, also when measured: "suspended part of an aid program for Bosnia";
            # an event named by the frame is part of the act ("called off the meeting in
            # Singapore"), only its own participants are ("... the meeting with Kim").
            if not (frame.objects and self.lex.noun_code(obj) is not None):
                recipients.append(obj)
            recipients.extend(prep_objects(obj, OBJECT_PREPS))
        root = int(frame.code[:2])
        if obj is None and 9 <= root <= 13:
            # "alleged that France had helped": the accused is the subject of the claim
            recipients += [s for c in tok.children if c.dep_ == "ccomp" for s in subjects(c)[0]]
        if not agents and root >= 18:
            agents = prep_objects(tok, frozenset({"from"}))  # "rockets fired from Gaza"
        return Candidate(
            head=tok,
            trigger=[tok, *(c for c in tok.children if c.dep_ == "prt")],
            code=frame.code,
            actor_heads=agents,
            recipient_heads=recipients,
            confidence=0.85 if frame.specificity else 0.7,
            negated=neg,
            consumed=[obj] if obj is not None and frame.objects else [],
        )

    def _light(
        self, tok: Token, obj: Token | None, agents: list[Token], patients: list[Token], neg: bool
    ) -> Candidate | None:
        """A light or aspectual verb: the event is its object noun ("held talks") or its
        complement ("continued to send arms")."""
        noun = obj if obj is not None else _first(prep_objects(tok, frozenset({"in"})))
        if noun is None:
            return self._complement_of(tok, agents, neg)
        inner = self.noun(noun, standalone=False)
        if inner is None:
            return None
        recipients = [*patients, *inner.recipient_heads, *self._recipients(tok)]
        if not recipients and inner.code and int(inner.code[:2]) in _VERBAL_ROOTS:
            # "reiterated its demand that Israel ease ...", the clause hung on the verb
            recipients = [
                subj
                for c in tok.children
                if c.dep_ == "ccomp" and any(m.lower_ == "that" for m in c.children)
                for subj in subjects(c)[0]
            ]
        group = inner.reciprocal and not agents
        if agents and inner.reciprocal:
            recipients += inner.actor_heads  # "launched a mediation between X and Y"
        return Candidate(
            head=tok,
            trigger=[tok, *inner.trigger],
            code=inner.code,
            actor_heads=agents or inner.actor_heads,
            recipient_heads=recipients,
            confidence=0.8,
            negated=neg or negated(noun),
            reciprocal=group,
            consumed=[noun],
        )

    def _complement_of(self, tok: Token, agents: list[Token], neg: bool) -> Candidate | None:
        """The event of ``tok``'s complement, told through ``tok``: "continued to send",
        "resorted to throwing stones"."""
        comp = _xcomp(tok) or next(
            (
                p
                for c in tok.children
                if c.dep_ == "prep" and c.lower_ == "to"
                for p in c.children
                if p.dep_ == "pcomp" and p.pos_ == "VERB"
            ),
            None,
        )
        inner = self.verb(comp) if comp is not None else None
        if inner is not None:
            inner.trigger.insert(0, tok)
            inner.consumed.append(inner.head)
            inner.head = tok
            inner.actor_heads = agents or inner.actor_heads
            inner.negated = inner.negated or neg
        return inner

    def _obligation(self, tok: Token, speakers: list[Token]) -> Candidate | None:
        """ "X said Y must do Z": X asks Y to do Z (a REQUEST by the speaker)."""
        comp = next(
            (
                c
                for c in tok.children
                if c.dep_ == "ccomp"
                and any(a.dep_ == "aux" and a.lower_ in _OBLIGATION for a in c.children)
            ),
            None,
        )
        if comp is None or not speakers:
            return None
        inner = self.verb(comp)
        addressees, _ = subjects(comp)
        return Candidate(
            head=tok,
            trigger=[tok, *(inner.trigger if inner else [comp])],
            code=recode("request", inner.code if inner else None),
            actor_heads=speakers,
            recipient_heads=[*addressees, *(inner.recipient_heads if inner else [])],
            confidence=0.7,
            negated=negated(comp),
            consumed=[comp, *(inner.consumed if inner else [])],
        )

    def hyphenated(self, tok: Token) -> Candidate | None:
        """A hyphenated verb parsed as an adjective of its object: "had strong-armed Beijing"."""
        code = self.lex.hyphenated_code(tok)
        obj, verb = tok.head, tok.head.head
        if code is None or verb.lemma_.lower() != "have" or not tok.i < obj.i:
            return None
        agents, _ = subjects(verb)
        return Candidate(
            head=verb,
            trigger=list(tok.doc[tok.i - 2 : tok.i + 1]),
            code=code,
            actor_heads=agents,
            recipient_heads=[obj],
            confidence=0.7,
            negated=negated(verb),
        )

    def noun(self, tok: Token, standalone: bool) -> Candidate | None:
        """The candidate of an event noun; standalone ones need participants of their own."""
        if tok.ent_type_ in _NOMINAL_SKIP_ENTS:
            return None
        code = self.lex.noun_code(tok)
        if code is None:
            return None
        actors = [
            c
            for c in tok.children
            if c.dep_ == "poss" or (c.dep_ in ("compound", "amod") and c.ent_type_)
        ]
        group = [
            p
            for c in tok.children
            if c.dep_ == "prep" and c.lower_ == "between"
            for p in c.children
            if p.dep_ == "pobj"
        ]
        actors += prep_objects(tok, frozenset({"by"}))  # "the attack by Russia"
        if int(code[:2]) in _VERBAL_ROOTS:
            # What someone says belongs to them: "the calls of the opposition"
            actors += prep_objects(tok, _OF)
            recipients = prep_objects(tok, NOUN_RECIPIENT_PREPS - _OF)
            # "its demand that Israel ease restrictions": the one asked to act
            recipients += [
                subj for c in tok.children if c.dep_ in ("acl", "ccomp") for subj in subjects(c)[0]
            ]
        else:  # what is done is done to them: "the invasion of Kuwait"
            recipients = prep_objects(tok, NOUN_RECIPIENT_PREPS)
        if standalone and not (actors or recipients or group):
            return None
        return Candidate(
            head=tok if not standalone or tok.head.i == tok.i else tok.head,
            trigger=[tok],
            code=code,
            actor_heads=actors + group,
            recipient_heads=recipients,
            confidence=0.6 if standalone else 0.8,
            negated=negated(tok),
            reciprocal=bool(group),
            consumed=[tok],
        )

    def _control(
        self,
        tok: Token,
        family: str,
        lemma: str,
        agents: list[Token],
        neg: bool,
        patients: list[Token],
    ) -> Candidate | None:
        """A control verb with its complement: "agreed to meet", "threatened to ban"."""
        comps = [
            c for c in tok.children if c.dep_ in ("xcomp", "ccomp") and c.pos_ in ("VERB", "AUX")
        ]
        # A hyphenated verb split into parts ("re", "-", "open"): the part with dependents.
        comp = next((c for c in comps if any(k.dep_ not in _BARE for k in c.children)), None)
        comp = comp or _first(comps)
        inner = self.verb(comp) if comp is not None else None
        if comp is None:
            noun = _first(prep_objects(tok, frozenset({"to", "on", "for"})))
            inner = self.noun(noun, standalone=False) if noun is not None else None
        weak = lemma in WEAK_INTENT
        if weak and inner is None:
            return None
        others = [c for c in tok.children if c.dep_ == "dobj"] or (
            [c for c in comp.children if c.dep_ in ("nsubj", "nsubjpass")] if comp else []
        )
        if weak and others:
            family = "appeal"  # "wants Putin to attack": asking someone else to act
        code = inner.code if inner is not None else None
        intent = family == "intent"
        # Only weak intents leave the event unrealised; "agreed to meet" is an agreement made.
        unrealised = intent and weak
        asks = family in ("request", "appeal")
        if intent and code is not None:
            root = int(code[:2])
            if lemma == "prepare":
                # Preparing an act is under way, not announced: preparing force is a show of
                # force (150, MOBILIZE); preparing anything else keeps its code, as an intent.
                code = "150" if root >= 14 else code
            elif 3 <= root <= 8:
                code = recode("intent", code)
            elif root >= 14:
                code = recode("threaten", code)
            elif not weak:
                code = recode("intent", None)
        else:
            code = recode(family, code)
        recipients = [*patients, *self._recipients(tok)]  # "was pressured by X to"
        if asks:
            recipients += [c for c in tok.children if c.dep_ in ("dobj", "dative")]
            if comp is not None:
                recipients += [c for c in comp.children if c.dep_ == "nsubj"]
        if inner is None:
            # An uncoded complement, its conjoined verbs ("to unite and mobilize against X")
            # or the object still name whom the act is aimed at.
            verbs = [comp, *comp.conjuncts] if comp is not None else []
            for t in [*verbs, *(c for c in tok.children if c.dep_ == "dobj")]:
                if t is not None:
                    recipients += prep_objects(t, OBJECT_PREPS)
                    recipients += [c for c in t.children if c.dep_ == "dobj"]
        trigger = [tok]
        consumed = []
        if inner is not None:
            trigger += inner.trigger
            consumed = [inner.head, *inner.trigger, *inner.consumed]
            recipients += inner.recipient_heads
        conditioned = []
        if code is not None and code[:2] == "13":
            # A conditional threat is aimed at whoever must meet the condition:
            # "threatened to launch an offensive unless Baghdad accepted its conditions".
            clause = [*tok.children, *(comp.subtree if comp is not None else [])]
            conditioned = [
                subj
                for c in clause
                if c.dep_ == "advcl" and any(m.lower_ in _CONDITIONS for m in c.children)
                for subj in subjects(c)[0]
            ]
        return Candidate(
            head=tok,
            trigger=trigger,
            code=code,
            actor_heads=agents,
            recipient_heads=recipients,
            confidence=0.8 if inner is not None else 0.7,
            intent=unrealised,
            negated=neg or (inner is not None and inner.negated),
            recipient_fallback=conditioned,
            consumed=consumed,
        )

    @staticmethod
    def _recipients(tok: Token) -> list[Token]:
        return prep_objects(tok, RECIPIENT_PREPS)


def _nested_objects(heads: list[Token], levels: int = 3) -> list[Token]:
    """The participants named inside recipient noun phrases, nearest first: "a suspension
    of air links with Serbia" → Serbia, "reservists for a possible war against Iraq" → Iraq."""
    found: list[Token] = []
    layer = [h for h in heads if h.pos_ in ("NOUN", "PROPN")]
    for _ in range(levels):
        layer = _prep_objects_of_nouns(layer)
        found += layer
    return found


def _counterparts(verb: Token) -> list[Token]:
    """Whom the circumstances of an act set it against: "called off the strike after
    deliberations with the government", "mobilized reservists for a war against Iraq"."""
    # The circumstance may hang on the object: "called off [a strike after deliberations]".
    holders = [verb, *(c for c in verb.children if c.dep_ == "dobj")]
    nouns = [
        p
        for h in holders
        for c in h.children
        if c.dep_ == "prep"
        for p in c.children
        if p.dep_ == "pobj" and p.pos_ == "NOUN"
    ]
    return [
        p
        for n in nouns
        for c in n.children
        if c.dep_ == "prep" and c.lower_ in _COUNTERPART_PREPS
        for p in c.children
        if p.dep_ == "pobj"
    ]


def _prep_objects_of_nouns(nouns: list[Token]) -> list[Token]:
    """The objects of the recipient prepositions attached to ``nouns``."""
    return [
        p
        for n in nouns
        for c in n.children
        if c.dep_ == "prep" and c.lower_ in _NESTED_PREPS
        for p in c.children
        if p.dep_ == "pobj" and p.ent_type_ not in _TIMES
    ]


def _xcomp(tok: Token) -> Token | None:
    return next((c for c in tok.children if c.dep_ == "xcomp" and c.pos_ == "VERB"), None)


def _first(tokens: list[Token]) -> Token | None:
    return tokens[0] if tokens else None
