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

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass

from spacy.tokens import Doc, Token
from spacy.tokens import Span as TokenSpan

from tidings.extract.actors import ArticleActors
from tidings.extract.quotes.cues import (
    ADJ_CUES,
    CLAUSE_ONLY,
    CUE_LEMMAS,
    INTENT_LEMMAS,
    MESSAGE_NOUNS,
    MISLEMMATIZED,
    NOUN_CUES,
    OBJECT_LEMMAS,
    POLLS,
    SPEECH,
    THOUGHT,
    lemma,
)
from tidings.extract.quotes.marks import Marked, marked_passages, paragraphs
from tidings.extract.quotes.speakers import Speakers, noun_phrase
from tidings.records import Article, Quote, QuoteKind, Span, Speaker

_DASH_LINE = re.compile(r"\s*[-—―–]+\s*(\S.*)")
_FRAGMENT_WORDS = 5  # shorter passages are fragments: a cue must report them (mixed quote)
_ALONE_WORDS = 6  # a passage nobody is said to say must be a sentence at least this long
_HEAD_WORDS = 8  # an attribution opening a sentence ends at a comma this early
_REPEAT_WORDS = 8  # a passage inside another counts as its repeat from this length
_COLON_LINE = re.compile(r"[ \t]*((?:[^\s:]+[ \t]+){0,5}[^\s:]+):[ \t]+(\S[^\n]{10,})")
_OBJECT_STOP = {"cc", "conj", "advcl", "parataxis", "relcl", "mark", "ccomp"}
_OBJECTS = {"dobj", "pobj", "attr", "npadvmod", "oprd"}
_NOUN_PREPS = {"of", "for", "against", "on", "to", "about"}
# Verbs that report only what they are about: "spoke about the war", not "spoke to
# reporters" or "spoke on condition of anonymity".
_TOPIC_VERBS = {"speak", "talk"}
_TOPIC_PREPS = {"about", "of", "against"}
# Verbs whose "that" clause is no one's statement: raising and copular verbs ("it seems
# that", "it turned out that", "that means that") and causatives ("ensure that").
_NO_REPORT = {
    "seem", "appear", "become", "prove", "turn", "mean", "ensure", "make", "have", "get",
    "win", "wear", "take", "help", "go", "come", "happen", "matter", "remain",
}  # fmt: skip
_CONTRAST = {"while", "whereas", "although", "though"}
_LEADING = {"dative", "npadvmod", "advmod", "agent", "prt", "punct", "neg", "aux"}
_CONTENT_DEPS = {"dobj", "pobj", "oprd", "attr", "nsubj", "acomp", "pcomp"}
# Labels that end in a colon without naming anyone who speaks.
_NOT_SPEAKERS = {
    "update", "note", "related", "correction", "photo", "photos", "video", "watch", "read",
    "source", "sources", "disclosure", "editor", "clarification", "graphic", "credit",
}  # fmt: skip
_LEAD_IN = re.compile(r":\s*$")
_MARKS = "“”\"‘’«»„‹›' \n\t"


@dataclass(slots=True)
class _Attribution:
    cue: Span | None
    speaker: Speaker | None


def extract_quotes(doc: Doc, article: Article, actors: ArticleActors) -> list[Quote]:
    """The quotations and reported statements of ``doc``, the parse of ``article.text``."""
    text = article.text  # == doc.text, which spaCy rebuilds on every access
    passages = [p for p in marked_passages(text) if not article.in_furniture(p.start, p.end)]
    speakers = Speakers(actors)
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
        self.text = article.text
        self.paras = paragraphs(self.text) or [(0, len(self.text))]
        self.starts = [lo for lo, _ in self.paras]
        self.quoted = [False] * len(doc)
        for p in passages:
            span = doc.char_span(p.start, p.end, alignment_mode="expand")
            if span is not None:
                for i in range(span.start, span.end):
                    self.quoted[i] = True
        lemmas = doc.to_array(["LEMMA", "LOWER"])
        words = (*CUE_LEMMAS, *NOUN_CUES, *ADJ_CUES, *MISLEMMATIZED, "according", "in")
        cue_hashes = {doc.vocab.strings.add(w) for w in words}
        self.cue_ids = {
            i for i, (lem, low) in enumerate(lemmas) if lem in cue_hashes or low in cue_hashes
        }
        self.cue_ids |= {t.head.i for t in doc if t.dep_ == "ccomp" and _reports_clause(t.head)}
        self.used_cues: set[int] = set()
        self.taken: list[tuple[int, int]] = []
        # Direct quotes and their cues: only "according to" reports one, with its cue
        # ("according to the Post, the judge said “…”").
        self.direct_spans: list[tuple[tuple[int, int], Span | None]] = []

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
            kept = _repeated(key, seen, shortened=attribution.cue is None)
            if kept is not None:  # a pull quote repeats a passage: keep the attributed one
                if kept.cue is not None or attribution.cue is None:
                    continue
                out.remove(kept)
            quote = Quote(
                self.text[start:end], start, end, kind, attribution.cue, attribution.speaker
            )
            seen[key] = quote
            out.append(quote)
            self.taken.append((start, end))
            if kind == "direct":
                self.direct_spans.append(((start, end), attribution.cue))
            if attribution.speaker is not None:
                last_by_para[self._para(end - 1)] = attribution
        return out

    def _attribute(
        self, p: Marked, para: int, last_by_para: dict[int, _Attribution]
    ) -> tuple[QuoteKind, int, int, _Attribution] | None:
        """How passage ``p`` is attributed: (kind, content start, end, attribution)."""
        doc = self.doc
        span = doc.char_span(p.start, p.end, alignment_mode="expand")
        if span is None:
            return None
        words = sum(1 for t in span if t.is_alpha)
        frame = self._frame(span, para, self._para(p.end - 1))
        best: tuple[int, Token, tuple[int, int] | None] | None = None
        for tok in frame:
            if tok.i not in self.cue_ids or self.quoted[tok.i] or not _is_cue(tok):
                continue
            content = self._content(tok)
            if content is not None and _overlap(content, (p.start, p.end)) == 0:
                if not self._adjacent(p, tok):
                    continue  # this cue reports something else in the sentence
                content = None  # "“X,” he said, “Y.”": the parse gave the cue only Y
            distance = min(abs(tok.idx - p.end), abs(tok.idx - p.start))
            if content is None and _overlap(self._content(tok) or (0, 0), (p.start, p.end)) == 0:
                # "declaring it “…” and said it was …": a cue whose own content is
                # elsewhere yields to one that reports the passage.
                distance += len(self.text)
            if best is None or distance < best[0]:
                best = (distance, tok, content)
        if best is None:
            # Any verb right beside the passage with a subject: "“…,” Trump quipped."
            beside = [
                t
                for t in frame
                if t.pos_ == "VERB" and not self.quoted[t.i] and self._adjacent(p, t)
                and _subject(t) is not None and t.i not in self.used_cues
            ]  # fmt: skip
            if beside:
                best = (0, beside[0], None)
        if best is not None:
            _, cue_tok, content = best
            outer = self._reporting(cue_tok)
            if outer is not None:  # "Trump said he wants “…”": Trump's statement
                cue_tok, content = outer, self._content(outer)
            attribution = self._from_cue(cue_tok)
            if content is not None and _extra_words(self.text, content, p):
                start, end = min(content[0], p.start), max(content[1], p.end)
                self.used_cues.add(cue_tok.i)
                return "mixed", start, _rstrip(self.text, start, end), attribution
            if words < _FRAGMENT_WORDS and not _whole_sentence(span):
                if content is None or attribution.speaker is None:
                    return None  # a term in quote marks near an unrelated verb
                self.used_cues.add(cue_tok.i)
                return "mixed", content[0], content[1], attribution
            self.used_cues.add(cue_tok.i)
            return "direct", p.start, p.end, attribution
        if not _whole_sentence(span):
            return None  # a title or a scare quote
        if words < _ALONE_WORDS:  # "It's over." only right after its speaker's quote
            same = last_by_para.get(para)
            return ("direct", p.start, p.end, same) if same else None
        found = (
            self._lead_in(p)
            or self._dash(p, self._para(p.end - 1))
            or self._carried(p, para, last_by_para)
        )
        return "direct", p.start, p.end, found or _Attribution(None, None)

    def _reporting(self, cue: Token) -> Token | None:
        """The speech verb whose reported clause holds ``cue``, if ``cue`` is not one itself:
        "Trump said he wants …" reports Trump's words about his wish."""
        if lemma(cue) in SPEECH or lemma(cue) in THOUGHT:
            return None  # "X told reporters he thought “…”": two attributions
        child = cue
        for verb in cue.ancestors:
            if child.dep_ == "ccomp" and (
                verb.pos_ == "VERB"
                and lemma(verb) in SPEECH
                and not self.quoted[verb.i]
                and verb.i not in self.used_cues
                and _subject(verb) is not None
            ):
                return verb
            if child.dep_ not in ("ccomp", "xcomp", "conj", "advcl"):
                return None
            child = verb
        return None

    def _adjacent(self, p: Marked, tok: Token) -> bool:
        """Whether only a short attribution ("he said", "said Reed") separates ``tok``
        from the passage."""
        gap = self.text[p.end : tok.idx] if tok.idx >= p.end else self.text[tok.idx : p.start]
        return len(gap) <= 60 and not any(c in gap for c in ".!?\n")

    def _frame(self, span: TokenSpan, para: int, last_para: int) -> list[Token]:
        """Tokens that may hold a passage's attribution: its sentences in its paragraph,
        a short sentence right after it, and a lead-in sentence ending in a colon."""
        doc = self.doc
        lo, hi = self.paras[para][0], self.paras[last_para][1]
        first, last = span[0].sent, span[-1].sent
        start, end = first.start, last.end
        if end < len(doc) and doc[end].idx < hi:
            after = doc[end].sent
            if not self.quoted[after.start]:
                if len(after) <= 12:
                    end = after.end
                elif span.text[:-1].rstrip().endswith(("!", "?")):
                    # The parser ends a sentence at a quoted "!" or "?" that the attribution
                    # follows: "“…!” he wrote, adding that …". Its first words, to a comma.
                    head = next((t.i for t in after[:_HEAD_WORDS] if t.text == ","), None)
                    end = head or end
        if start > 0 and self.text[lo : span.start_char].strip() == "":
            before = doc[start - 1].sent
            if _LEAD_IN.search(self.text[before.start_char : span.start_char]):
                start = before.start
        # A lead-in may sit in the paragraph before; other paragraphs the parser merged
        # into the sentence are left out.
        return [t for t in doc[start:end] if t.idx >= lo - 400 and t.idx < hi]

    def _from_cue(self, cue: Token) -> _Attribution:
        subject = _subject(cue)
        speaker = self.speakers.speaker(subject, cue) if subject is not None else None
        return _Attribution(_cue_span(cue), speaker)

    def _lead_in(self, p: Marked) -> _Attribution | None:
        """A lead-in ending in a colon right before the passage: "Clinton released a
        statement:", or verbless, "From the minister:", "Smith:"."""
        window = max(0, p.start - 200)
        before = self.text[window : p.start].rstrip()
        if not before.endswith(":"):
            return None
        colon = window + len(before) - 1
        tok = self.doc.char_span(colon, colon + 1, alignment_mode="expand")
        if tok is None:
            return None
        line_start = self.paras[self._para(colon)][0]
        lead = [t for t in tok[0].sent if t.i < tok.start and t.idx >= line_start]
        verbs = [t for t in lead if t.pos_ == "VERB" and t.dep_ == "ROOT"]
        if verbs and _subject(verbs[0]) is not None:  # "Clinton released a statement:"
            return self._from_cue(verbs[0])
        if not lead or len(lead) > 8 or any(t.pos_ in ("VERB", "AUX") for t in lead):
            return None
        heads = [t for t in lead if t.pos_ in ("PROPN", "NOUN", "PRON")]
        if not heads:
            return None
        # The lead's own words: the parser may hang a whole headline on its name.
        words = self.doc[lead[0].i : lead[-1].i + 1]
        speaker = self.speakers.phrase(words)
        return _Attribution(Span(":", colon, colon + 1), speaker)

    def _dash(self, p: Marked, para: int) -> _Attribution | None:
        """ "— Stephen Schwartz, nuclear policy consultant" after the passage."""
        hi = self.paras[para][1]
        rest = self.text[p.end : hi]
        line_start = p.end
        if not rest.strip() and para + 1 < len(self.paras):
            line_start, hi = self.paras[para + 1]
            rest = self.text[line_start:hi]
        m = _DASH_LINE.fullmatch(rest)
        if m is None:
            return None
        span = self.doc.char_span(line_start + m.start(1), hi, alignment_mode="expand")
        while span is not None and len(span) > 1 and (span[-1].is_punct or span[-1].is_space):
            span = span[:-1]  # "- Clinton."
        speaker = self.speakers.named(span) if span is not None else None
        return _Attribution(None, speaker) if speaker else None

    def _carried(
        self, p: Marked, para: int, last_by_para: dict[int, _Attribution]
    ) -> _Attribution | None:
        """The speaker of the quote before, in this paragraph or (floating) the one before."""
        if para in last_by_para:
            return last_by_para[para]
        lo = self.paras[para][0]
        if para - 1 in last_by_para and p.start - lo <= 2:
            return _Attribution(None, last_by_para[para - 1].speaker)
        return None

    def _para(self, offset: int) -> int:
        return max(0, bisect.bisect_right(self.starts, offset) - 1)

    def _content(self, cue: Token) -> tuple[int, int] | None:
        """What ``cue`` reports, inside the cue's paragraph."""
        return _content(cue, *self.paras[self._para(cue.idx)])

    # -- pass 2: reported speech ---------------------------------------------------------

    def indirect(self) -> list[Quote]:
        out = self._colon_lines()  # first: a headline's own cue words report nothing
        for i in sorted(self.cue_ids - self.used_cues):
            tok = self.doc[i]
            if self.quoted[i] or not _is_cue(tok):
                continue
            if self.article.in_furniture(tok.idx, tok.idx + len(tok)):
                continue
            content = self._content(tok)
            subject = _subject(tok)
            if content is None or subject is None:
                continue
            start, end = content
            if any(_clash(self.text, t, content) for t in self.taken) or any(
                _overlap(t, content)
                and not (tok.lower_ == "according" and c and start <= c.start and c.end <= end)
                for t, c in self.direct_spans
            ):
                continue
            attribution = self._from_cue(tok)
            out.append(
                Quote(self.text[start:end], start, end, "indirect", attribution.cue,
                      attribution.speaker)
            )  # fmt: skip
            self.taken.append(content)
        return out

    def _colon_lines(self) -> list[Quote]:
        """Headline-style attributions: "Poll: Trump and Clinton hold narrow leads"."""
        out = []
        for lo, hi in self.paras:
            m = _COLON_LINE.match(self.text, lo, hi)
            if m is None or self.article.in_furniture(lo, hi):
                continue
            start, end = m.start(2), _rstrip(self.text, m.start(2), hi)
            if any(_overlap(t, (start, end)) for t in self.taken):
                continue
            lead = self.doc.char_span(m.start(1), m.end(1), alignment_mode="expand")
            if lead is None or any(t.pos_ in ("VERB", "AUX") for t in lead):
                continue
            if len(lead.text) < 2:  # "Q:", "A:": an interview's turns, not attributions
                continue
            if lead.root.lower_ in _NOT_SPEAKERS or not any(
                t.pos_ == "PROPN" or t.ent_type_ or t.is_title for t in lead
            ):
                continue
            colon = m.end(1)
            speaker = self.speakers.phrase(lead)
            cue = Span(":", colon, colon + 1)
            out.append(Quote(self.text[start:end], start, end, "indirect", cue, speaker))
            self.taken.append((start, end))
        return out


def _according_to(tok: Token) -> Token:
    """The "to" of "according to", or "according" itself when the writer left "to" out
    ("according the Census Bureau"): the source is the object of what this returns."""
    return next((c for c in tok.children if c.lower_ == "to"), tok)


def _is_cue(tok: Token) -> bool:
    if tok.lower_ == "according" and any(
        c.lower_ == "to" or c.dep_ == "pobj" for c in tok.children
    ):
        return True
    if tok.lower_ == "in":  # "Trump leads in the latest Fox poll"
        return _poll(tok) is not None
    if tok.pos_ == "NOUN":  # "Trump's claim that …", "Sanders' endorsement of Clinton"
        return lemma(tok) in NOUN_CUES and any(
            c.dep_ == "poss" and c.pos_ in ("PROPN", "PRON") for c in tok.children
        )
    if tok.pos_ == "ADJ":  # "X is confident that …"
        return tok.dep_ == "acomp" and lemma(tok) in ADJ_CUES
    return (
        tok.pos_ == "VERB"
        and (lemma(tok) in CUE_LEMMAS or _reports_clause(tok))
        and not _passive_without_agent(tok)
    )


def _reports_clause(verb: Token) -> bool:
    """A verb of any lemma whose clausal complement is a "that" clause: "X made clear
    that …", "X conceded that …"."""
    return (
        verb.pos_ == "VERB"
        and lemma(verb) not in _NO_REPORT
        and any(
            c.dep_ == "ccomp" and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)
            for c in verb.children
        )
    )


def _passive_without_agent(verb: Token) -> bool:
    """A passive participle with nobody doing it: "she is expected to win", "a state seen
    as critical", "known as Super Tuesday" — its subject or noun is what is thought of."""
    if verb.tag_ != "VBN" or any(c.dep_ == "agent" for c in verb.children):
        return False
    if verb.dep_ == "acl":
        return True
    aux = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    return any(c.dep_ == "auxpass" for c in aux) or (
        any(lemma(c) == "be" for c in aux) and not any(lemma(c) == "have" for c in aux)
    )


def _cue_span(tok: Token) -> Span:
    if tok.lower_ == "according":
        end = _according_to(tok)
    else:
        prt = [c for c in tok.children if c.dep_ == "prt" and c.i == tok.i + 1]
        end = prt[0] if prt else tok
    words = tok.doc[tok.i : end.i + 1]
    return Span(words.text, words.start_char, words.end_char)


def _poll(prep: Token) -> Token | None:
    """The poll or survey a preposition "in" introduces."""
    if prep.dep_ != "prep":
        return None
    return next((c for c in prep.children if c.dep_ == "pobj" and lemma(c) in POLLS), None)


def _subject(cue: Token) -> Token | None:
    """The one who speaks through ``cue``: its subject, agent, the object of "according
    to" or the poll of "in the poll"."""
    if cue.lower_ == "in":
        return _poll(cue)
    if cue.lower_ == "according":
        return next((c for c in _according_to(cue).children if c.dep_ == "pobj"), None)
    if cue.pos_ == "NOUN":
        return next((c for c in cue.children if c.dep_ == "poss"), None)
    tok = cue
    for _ in range(3):
        for c in tok.children:
            if c.dep_ == "nsubj":
                return c
        for c in tok.children:
            if c.dep_ == "agent":
                objs = [g for g in c.children if g.dep_ == "pobj"]
                if objs:
                    return objs[0]
        if tok.dep_ == "acl" and tok.head.pos_ in ("NOUN", "PROPN"):
            noun = tok.head
            verb = noun.head
            while (verb.dep_ == "prep" or verb.pos_ == "ADP") and verb.head.i != verb.i:
                verb = verb.head  # a preposition may be the root: its head is itself
            issued = noun.lemma_.lower() in MESSAGE_NOUNS
            if verb.pos_ != "VERB" or not (issued or noun.dep_ in _OBJECTS):
                return noun  # "voters saying they want …"
            # "she released a statement saying …", and a participle the parser hung on
            # the object: "spent his speech defending …" → the verb's subject speaks.
            tok = verb
        elif tok.dep_ == "pcomp" and tok.head.dep_ == "prep":  # "After saying …, the man …"
            tok = tok.head.head
        elif tok.dep_ in ("advcl", "xcomp", "conj", "acomp") and tok.head.i != tok.i:
            tok = tok.head
        else:
            return None
    return None


def _content(cue: Token, lo: int, hi: int) -> tuple[int, int] | None:
    """Character span of what ``cue`` reports inside the paragraph ``lo:hi``: its clausal
    complement, or for "according to" and "…, he said" the clause it hangs on."""

    def inside(toks: Iterable[Token]) -> list[Token]:
        # The parser's sentences sometimes run over paragraph breaks.
        return [t for t in toks if lo <= t.idx < hi]

    if cue.lower_ in ("according", "in"):  # the rest of the sentence
        skip = set(range(cue.left_edge.i, cue.right_edge.i + 1))
        return _chars(_longest_run(inside(t for t in cue.sent if t.i not in skip)))
    cue_lemma = lemma(cue)
    if cue.pos_ == "NOUN":
        for c in cue.rights:
            if c.dep_ in ("acl", "ccomp") or (c.dep_ == "prep" and c.lower_ in _NOUN_PREPS):
                clause = inside(c.subtree)
                return _chars(clause[1:] if c.dep_ == "prep" else clause)
        return None
    intent = cue_lemma in INTENT_LEMMAS or cue.pos_ == "ADJ"  # "wants to", "eager to"
    for c in cue.children:
        if lo <= c.idx < hi and (c.dep_ == "ccomp" or (c.dep_ == "xcomp" and intent)):
            return _chars(inside(_without_other_attributions(c)))
    for c in cue.rights:  # "asked if he would run", not "If he fails, he said …"
        if (
            c.dep_ == "advcl"
            and c.idx < hi
            and any(m.lower_ in ("if", "whether") for m in c.children)
        ):
            return _chars(inside(c.subtree))
    # No clausal complement: what follows the verb ("called the deal “a disaster”", "told
    # stories of how …"), past any "in a statement" or "reporters" in front.
    if any(c.dep_ == "auxpass" for c in cue.children) or cue_lemma in CLAUSE_ONLY:
        return None  # "was discussed on …", "maintains a lead": no content
    toks: list[Token] = []
    topic = cue_lemma in _TOPIC_VERBS
    for c in cue.rights:
        if c.dep_ in _OBJECT_STOP:
            break
        if topic and (c.dep_ != "prep" or c.lower_ not in _TOPIC_PREPS):
            continue
        if not toks and (
            c.dep_ in _LEADING
            or (c.dep_ == "prep" and cue_lemma not in OBJECT_LEMMAS)
            or (c.dep_ == "dobj" and cue_lemma == "tell")  # the one told, not what was said
        ):
            continue
        toks.extend(c.subtree)
    if any(t.dep_ in _CONTENT_DEPS for t in toks):
        return _chars(inside(toks), name=True)
    # "…, he said, …" and "As the Atlantic noted, trust …": the clause the cue hangs on.
    aside = cue.dep_ == "parataxis" or (
        cue.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "as" for c in cue.children)
    )
    if aside and cue.head.pos_ in ("VERB", "AUX"):
        skip = set(range(cue.left_edge.i, cue.right_edge.i + 1))
        return _chars(_longest_run(inside(t for t in cue.head.subtree if t.i not in skip)))
    # Only a preposition's object: "warned against …", "pointed to the case", "agrees with".
    for c in cue.rights:
        if c.dep_ == "prep" and any(g.dep_ in ("pobj", "pcomp") for g in c.children) and not topic:
            return _chars(inside(c.subtree)[1:])
    return None


def _without_other_attributions(clause: Token) -> list[Token]:
    """The clause up to a side clause that holds an attribution of its own: "74 percent
    said they are set, while 22 percent said they might change their mind"."""
    toks = list(clause.subtree)
    for c in clause.rights:
        contrast = any(m.lower_ in _CONTRAST for m in c.children)
        if (
            c.dep_ == "advcl"
            and contrast
            and any(
                t.pos_ == "VERB"
                and lemma(t) in SPEECH
                and any(g.dep_ == "nsubj" for g in t.children)
                for t in c.subtree
            )
        ):
            return [t for t in toks if t.i < c.left_edge.i]
    return toks


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


def _chars(toks: list[Token], name: bool = False) -> tuple[int, int] | None:
    """Character span of ``toks`` without edge punctuation; None under two words, but with
    ``name`` a single name may be what is reported ("endorsed Trump", "praised Putin")."""
    while toks and (toks[0].is_punct and toks[0].text not in _MARKS):
        toks = toks[1:]
    while toks and (toks[-1].is_punct and toks[-1].text not in _MARKS):
        toks = toks[:-1]
    words = [t for t in toks if t.is_alpha]
    if len(words) < 2 and not (name and len(toks) == 1 and words and words[0].pos_ == "PROPN"):
        return None
    return toks[0].idx, toks[-1].idx + len(toks[-1])


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _clash(text: str, taken: tuple[int, int], new: tuple[int, int]) -> bool:
    """Whether a new content overlaps a taken one other than by holding it: an attribution
    may report another ("X told reporters he thought …"), up to the closing marks and
    punctuation the taken quote ends with."""
    if not _overlap(taken, new):
        return False
    end = taken[1]
    while end > taken[0] and text[end - 1] in _MARKS + ".,!?":
        end -= 1
    return taken == new or not (new[0] <= taken[0] and end <= new[1])


def _extra_words(text: str, content: tuple[int, int], p: Marked) -> bool:
    """Whether reported content reaches beyond the passage by more than "that"."""
    outside = text[content[0] : max(content[0], p.start)] + text[p.end : content[1]]
    words = re.findall(r"[A-Za-z]+", outside)
    return len([w for w in words if w.lower() != "that"]) >= 1 and content[0] < p.start - 5


def _whole_sentence(span: TokenSpan) -> bool:
    """A passage that reads like a sentence: capitalised, and ending in "…," "….", "…?"."""
    inner = span.text.strip(_MARKS)
    return inner[:1].isupper() and inner.endswith((".", "?", "!", ",", "…")) and len(span) > 3


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


def _repeated(key: str, seen: dict[str, Quote], shortened: bool) -> Quote | None:
    """The quote an earlier passage of the same words gave; with ``shortened`` (a passage
    without a cue of its own, as pull quotes are) also one of many words that holds these
    words or is held in them."""
    if key in seen or not shortened:
        return seen.get(key)
    for k, q in seen.items():
        short, long = sorted((key, k), key=len)
        if short.count(" ") >= _REPEAT_WORDS and short in long:
            return q
    return None


def _normal(passage: str) -> str:
    return " ".join(re.findall(r"\w+", passage.lower()))


__all__ = ["extract_quotes", "noun_phrase"]
