"""The verb-frame and nominal-predicate lexicon (``data/verbs.tsv``, ``data/nouns.tsv``).

A verb frame is a lemma, the particles or prepositions it must govern and, optionally, the
object heads it must take; its value is a CAMEO code or a frame keyword (see verbs.tsv).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from spacy.tokens import Token

KEYWORDS = frozenset(
    {"light", "report", "intent", "reject", "request", "appeal", "threaten", "none"}
)

# Control verbs and adjectives that express an intent only through their complement ("plans
# to visit", "is willing to withdraw"); the others are events in their own right ("agreed").
WEAK_INTENT = frozenset(
    {
        "plan",
        "intend",
        "want",
        "wish",
        "seek",
        "decide",
        "hope",
        "aim",
        "prepare",
        "expect",
        "consider",
        "willing",
        "ready",
        "prepared",
        "determined",
        "eager",
        "committed",
    }
)


# Nouns that name an event only through their modifier.
GENERIC_HEADS = frozenset(
    {
        "effort",
        "campaign",
        "drive",
        "bid",
        "attempt",
        "operation",
        "program",
        "programme",
        "mission",
    }
)


@dataclass(frozen=True, slots=True)
class Frame:
    """One verb frame: lemma, required particles/prepositions, allowed object heads."""

    lemma: str
    parts: frozenset[str]
    objects: frozenset[str]
    code: str
    reversed: bool = False
    """The subject undergoes the event, done by the from/by phrase ("received arms from X")."""

    @property
    def specificity(self) -> int:
        return len(self.parts) + (2 if self.objects else 0)


@dataclass(slots=True)
class Lexicon:
    """Verb frames by lemma (most specific first) and nominal predicates by lemma."""

    verbs: dict[str, list[Frame]] = field(default_factory=dict)
    nouns: dict[str, str] = field(default_factory=dict)

    def verb_frame(self, tok: Token, obj: Token | None) -> Frame | None:
        """The most specific frame of ``tok`` whose particles and object the clause has."""
        frames = next((self.verbs[w] for w in _forms(tok) if w in self.verbs), None)
        if not frames:
            return None
        parts = {
            c.lower_
            for c in tok.children
            if c.dep_ == "prt" or (c.dep_ in ("prep", "agent") and not _temporal(c))
        }
        obj_words = set()
        if obj is not None:
            # "held refugees as human shields": the parser hangs "as" on the object
            parts.update(c.lower_ for c in obj.children if c.dep_ == "prep" and c.lower_ == "as")
            obj_words = {obj.lemma_.lower(), obj.lower_}
            obj_words.update(
                f"{c.lemma_.lower()}_{obj.lemma_.lower()}"
                for c in obj.children
                if c.dep_ == "compound"
            )
        # A frame with a preposition may name its object: "went on strike".
        prep_words = {
            p.lemma_.lower()
            for c in tok.children
            if c.dep_ == "prep"
            for p in c.children
            if p.dep_ == "pobj"
        }
        for frame in frames:
            objects = obj_words | prep_words if frame.parts else obj_words
            if frame.parts <= parts and (not frame.objects or objects & frame.objects):
                return frame
        return None

    def hyphenated_code(self, tok: Token) -> str | None:
        """The code of a hyphenated verb the tokenizer split ("strong - armed" → strong-arm)."""
        doc = tok.doc
        if tok.i < 2 or doc[tok.i - 1].text != "-":
            return None
        for form in _forms(tok):
            frames = self.verbs.get(f"{doc[tok.i - 2].lower_}-{form}")
            if frames and frames[-1].code.isdigit():
                return frames[-1].code
        return None

    def noun_code(self, tok: Token) -> str | None:
        """The code of a nominal predicate, preferring "modifier head" compounds.

        Generic heads take the event of their modifier ("a mediation effort").
        """
        lemma = tok.lemma_.lower()
        for child in tok.children:
            if lemma in GENERIC_HEADS and child.dep_ in ("compound", "amod"):
                code = self.nouns.get(child.lemma_.lower())
                if code:
                    return code
            if child.dep_ in ("compound", "amod") and child.i == tok.i - 1:
                code = self.nouns.get(f"{child.lemma_.lower()} {lemma}")
                if code:
                    return code
            if child.dep_ == "prep" and child.lower_ in ("on", "against"):
                code = self.nouns.get(f"{lemma} {child.lower_}")  # "strikes on Syria"
                if code:
                    return code
            if child.dep_ == "prep" and child.lower_ == "of":
                # "state of emergency", "state of siege"
                for pobj in child.children:
                    code = self.nouns.get(f"{lemma} of {pobj.lemma_.lower()}")
                    if code:
                        return code
        return self.nouns.get(lemma) or self.nouns.get(tok.lower_)


def _temporal(prep: Token) -> bool:
    """A time phrase ("in February") is no particle of the verb ("give in")."""
    return any(p.ent_type_ in ("DATE", "TIME") for p in prep.children if p.dep_ == "pobj")


def _forms(tok: Token) -> list[str]:
    """The lemma, then the word and its stem: the lemmatiser misses some ("staged" → "stag")."""
    low = tok.lower_
    forms = [tok.lemma_.lower(), low]
    for suffix, repl in (("ed", "e"), ("ed", ""), ("ing", "e"), ("ing", ""), ("s", "")):
        if low.endswith(suffix):
            forms.append(low[: -len(suffix)] + repl)
    return forms


def load_lexicon(verbs: Path, nouns: Path) -> Lexicon:
    """Read the two lexicon files."""
    lex = Lexicon()
    for pattern, code in _rows(verbs):
        words = pattern.split()
        objects = frozenset(w[1:] for w in words[1:] if w.startswith("="))
        parts = frozenset(w for w in words[1:] if not w.startswith("="))
        reversed_ = code.endswith("<")
        code = code.removesuffix("<")
        if code not in KEYWORDS and not code.isdigit():
            raise ValueError(f"{verbs.name}: bad code {code!r} for {pattern!r}")
        frame = Frame(words[0], parts, objects, code, reversed_)
        lex.verbs.setdefault(words[0], []).append(frame)
    for frames in lex.verbs.values():
        frames.sort(key=lambda f: -f.specificity)
    lex.nouns = dict(_rows(nouns))
    return lex


def _rows(path: Path) -> list[tuple[str, str]]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            pattern, code = line.split("\t")
            rows.append((pattern.strip(), code.strip()))
    return rows
