"""Temporal expressions found and normalised to TIMEX3 types and values.

The grammar (:mod:`tidings.extract.time.rules`) is a set of regular expressions run over
the raw text; the longest match wins where they overlap, leftmost first. Each match is
normalised in document order, so that "the next day" or "a year earlier" can lean on the
last date mentioned, relative to the publication date. The parse is consulted only for
the few matches that need a direction — a weekday, a month without a year — through the
tense of the verb that governs them.
"""

from __future__ import annotations

import datetime as dt
import re

import numpy as np
from spacy.strings import StringStore
from spacy.tokens import Doc, Token

from tidings.extract.time.calendar import HALF, QUARTER, Point
from tidings.extract.time.lexicon import MONTH_NAME, MONTHS, YEAR4
from tidings.extract.time.rules import FUTURE, GRAMMAR, PAST, PRESENT, Found, Normaliser
from tidings.records import TimeExpression

_RANGE_YEAR = re.compile(
    rf"\s*(?:-|–|—|to|through|until|till|and)\s+(?:{MONTH_NAME}\s+)?(?:\d{{1,2}}(?:st|nd|rd|th)?,?\s+)?"
    rf"(?:of\s+)?({YEAR4})(?!\d)"
)
_LINK = re.compile(
    r"[\s,;–—-]*(?:(?:and|or|to|through|until|till|from|on|in|by|of|then|again|early|late|mid)"
    r"[\s,;–—-]+)*"
)
# "WASHINGTON, August 11 (Xinhua) --": the day the report was filed, often a day before the
# date it was published (or archived) under
_DATELINE = re.compile(
    rf"\s*[A-Z][A-Z.'’ -]+(?:,\s*[A-Z][\w.'’ -]*)?,\s+({MONTH_NAME})\s+(\d{{1,2}})"
    r"(?:,\s*\d{4})?\s*(?:\([^)\n]{1,40}\)\s*)?(?:--|—|_|-)"
)
_DATELINE_REACH = 3  # days before publication


def _dateline_day(text: str, published: dt.date | None) -> dt.date | None:
    """The day a dateline opening ``text`` gives, when it is just before ``published``."""
    m = _DATELINE.match(text)
    if m is None or published is None:
        return None
    for year in (published.year, published.year - 1):
        try:
            day = dt.date(year, MONTHS[m.group(1).lower().rstrip(".")], int(m.group(2)))
        except ValueError:
            return None
        if 0 < (published - day).days <= _DATELINE_REACH:
            return day
    return None


# "since Jan. 13", "since shortly after the Oct. 23 slaying": what it starts from is past
_SINCE = re.compile(
    r"\b[Ss]ince\s+(?:(?:shortly|just|soon|right|immediately)\s+)?(?:(?:after|before)\s+)?"
    r"(?:the\s+)?$"
)
_UNTIL = re.compile(r"\b(?:[Uu]ntil|[Tt]ill)\s+$")
# Verbs whose time adjunct is when the thing put off or planned is to happen, after the act.
_DEFERRING = {"postpone", "delay", "defer", "extend", "adjourn", "reschedule"}
_PLANNING = {"plan", "schedule"}
_NOMINAL = {"NOUN", "PROPN", "ADJ", "NUM", "PRON"}
_FUTURE_AUX = {"will", "'ll", "’ll", "shall", "wo"}
_MODAL_AUX = {"can", "may", "might", "must", "should", "ca"}
_PERFECT_AUX = {"has", "have", "'ve", "’ve"}
_REFERENCE_REACH = 400  # characters: about two sentences
_PERIOD_REACH = 800  # a report compares figures with "a year ago" a paragraph after its quarter
_REACH = 48  # how far before its trigger token a match may start
_TRIGGERS = StringStore([t for rule in GRAMMAR for t in rule.triggers])
_TRIGGER_KEYS = {_TRIGGERS[t] for rule in GRAMMAR for t in rule.triggers}
_TRIGGER_IDS = np.array(sorted(_TRIGGER_KEYS), dtype=np.uint64)
_NOT_TIMES = {"CARDINAL", "MONEY", "QUANTITY", "PERCENT", "ORDINAL"}


def extract_times(doc: Doc, published: dt.date | None) -> list[TimeExpression]:
    """Date and time expressions of ``doc``, resolved relative to ``published``.

    Without a publication date, expressions that need one keep X placeholders in their
    value ("XXXX-WXX-4" for "Thursday"), as TimeML writes unanchored times.
    """
    return _Document(doc, published).run()


class _Document:
    """The normalisation context of one document (see ``rules.Context``)."""

    def __init__(self, doc: Doc, published: dt.date | None) -> None:
        self.doc = doc
        self.text = doc.text
        self.anchor = _dateline_day(self.text, published) or published
        self._reference: tuple[int, Point] | None = None
        self._period: tuple[int, Point] | None = None
        self._position = 0
        self._years: list[tuple[int, int]] = []  # (end offset, year) of explicit years
        table = doc.to_array(["LOWER", "SHAPE", "IDX"])
        self._starts = table[:, 2].astype(np.int64)
        self._table = table

    def _triggers(self) -> dict[str, list[int]]:
        """Offsets of the tokens that may start a match, by lower-case text and by shape."""
        table = self._table
        hit = np.isin(table[:, 0], _TRIGGER_IDS) | np.isin(table[:, 1], _TRIGGER_IDS)
        found: dict[str, list[int]] = {}
        for lower, shape, idx in table[hit].tolist():
            for key in (lower, shape):
                if key in _TRIGGER_KEYS:
                    found.setdefault(_TRIGGERS[key], []).append(idx)
        return found

    def run(self) -> list[TimeExpression]:
        found: list[TimeExpression] = []
        last_end = 0
        for start, group in _leftmost_longest(self.text, self._triggers()):
            if start < last_end:
                continue
            self._position = start
            for end, match, norm in group:
                result = self._normalise(match, norm)
                if result is None:
                    continue
                s = match.start() if result.start is None else result.start
                e = match.end() if result.end is None else result.end
                found.append(
                    TimeExpression(self.text[s:e], s, e, result.type, result.value, result.mod)  # type: ignore[arg-type]
                )
                self._remember(result, s, e)
                last_end = max(end, e)  # a normaliser may extend its match
                break
        return found

    def _normalise(self, match: re.Match[str], norm: Normaliser) -> Found | None:
        if match.group(0)[:1].isdigit() and not self._numeric_ok(match.start()):
            return None
        return norm(match, self)

    def _remember(self, result: Found, start: int, end: int) -> None:
        if result.explicit_year and result.point is not None:
            self._years.append((end, result.point.year))
        if result.point is not None and result.type in ("DATE", "TIME") and not result.derived:
            self._reference = (start, result.point)
            if result.point.grain in (QUARTER, HALF):
                self._period = (start, result.point)

    # ---- rules.Context

    @property
    def reference(self) -> Point | None:
        return self._recent(self._reference, _REFERENCE_REACH)

    @property
    def period(self) -> Point | None:
        return self._recent(self._period, _PERIOD_REACH)

    def _recent(self, mention: tuple[int, Point] | None, reach: int) -> Point | None:
        if mention is None or self._position - mention[0] > reach:
            return None
        return mention[1]

    def before(self, start: int, chars: int = 30) -> str:
        return self.text[max(0, start - chars) : start]

    def after(self, end: int, chars: int = 30) -> str:
        return self.text[end : end + chars]

    def year_hint(self, start: int, end: int) -> int | None:
        """The year of a date just before, linked by connectives only ("May 3, 2016, and June
        5"), or closing a range ("March to May 2017")."""
        if m := _RANGE_YEAR.match(self.text, end):
            return int(m.group(1))
        if self._years:
            year_end, year = self._years[-1]
            if _LINK.fullmatch(self.text, year_end, start):
                return year
        return None

    def tense(self, start: int, end: int, through_nouns: bool = False) -> int:
        before = self.text[max(0, start - 40) : start]
        if _SINCE.search(before):
            return PAST
        until = bool(_UNTIL.search(before))
        token = self._token_at(start)
        for _ in range(6):  # up to the head of the expression
            if not start <= token.head.idx < end or token.head.i == token.i:
                break
            token = token.head
        governor = token.head
        if governor.pos_ in _NOMINAL and governor.i != token.i and not through_nouns:
            return PRESENT  # "the June 12 meeting": the verb's tense does not date it
        for _ in range(8):
            if token.pos_ in ("VERB", "AUX") or token.head.i == token.i:
                break
            token = token.head
        if token.pos_ not in ("VERB", "AUX"):
            return PRESENT
        planned = token.lemma_ in _PLANNING and token.idx < start and not until
        if token.lemma_ in _DEFERRING or (planned and token.dep_ not in ("acl", "advcl")):
            # "postponed until Tuesday", "planned a rally on Saturday"; not "On Friday, it
            # planned …", "a service planned for Saturday was cancelled", "as planned"
            return FUTURE
        if until:
            return PRESENT  # "stayed until Tuesday": whichever is nearer
        return _verb_tense(token, 0)

    # ---- parse lookups

    def _token_at(self, offset: int) -> Token:
        return self.doc[max(0, int(np.searchsorted(self._starts, offset, side="right")) - 1)]

    def _numeric_ok(self, start: int) -> bool:
        """A bare number is a time only if the parser does not call it a count or amount."""
        token = self._token_at(start)
        if token.ent_type_ in _NOT_TIMES:
            return False
        return not (token.i > 0 and self.doc[token.i - 1].text in ("$", "£", "€", "#"))


def _leftmost_longest(
    text: str, trigger_at: dict[str, list[int]]
) -> list[tuple[int, list[tuple[int, re.Match[str], Normaliser]]]]:
    """Every grammar match, grouped by start offset, longest first within a group.

    A rule's pattern runs only just before and around the tokens that trigger it, which
    keeps the cost a small fraction of the parse.
    """
    by_start: dict[int, list[tuple[int, re.Match[str], Normaliser]]] = {}
    for rule in GRAMMAR:
        offsets = sorted(o for t in rule.triggers for o in trigger_at.get(t, ()))
        seen = -1
        for lo, hi in _windows(offsets):
            for m in rule.pattern.finditer(text, max(lo, seen + 1), hi + _REACH):
                if m.start() > hi:
                    break
                full = rule.pattern.match(text, m.start())  # unclipped by the window
                if full is not None and full.end() > full.start():
                    seen = full.start()
                    by_start.setdefault(seen, []).append((full.end(), full, rule.normalise))
    return [
        (start, sorted(group, key=lambda g: -g[0])) for start, group in sorted(by_start.items())
    ]


def _windows(offsets: list[int]) -> list[tuple[int, int]]:
    """Merged ranges of offsets where a match of a trigger at ``offsets`` may start."""
    out: list[tuple[int, int]] = []
    for o in offsets:
        lo = max(0, o - _REACH)
        if out and lo <= out[-1][1]:
            out[-1] = (out[-1][0], o)
        else:
            out.append((lo, o))
    return out


def _verb_tense(verb: Token, depth: int) -> int:
    """PAST, PRESENT or FUTURE from a verb's own tag and its auxiliaries."""
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    words = {a.lower_ for a in auxes}
    if words & _FUTURE_AUX or words & _MODAL_AUX:
        return FUTURE
    if verb.dep_ == "xcomp" and verb.head.lemma_ == "go" and verb.head.tag_ == "VBG":
        return FUTURE  # "is going to meet"
    if verb.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxes):
        return PAST
    if words & {"would", "could"} and verb.dep_ == "ROOT":
        return PAST  # "Trump wouldn't apologize Sunday": a report, not a forecast
    if verb.tag_ == "VBN" and (words & _PERFECT_AUX or not auxes):
        return PAST  # "has announced", "the year ended March 31"
    governor = verb.head
    if depth < 2 and governor.i != verb.i and governor.pos_ in ("VERB", "AUX"):
        if verb.tag_ == "VB" and "to" in words:  # "planned to leave on Thursday"
            return FUTURE
        if verb.tag_ in ("VBG", "VBN") and not auxes:  # a participle clause
            return _verb_tense(governor, depth + 1)
    if verb.tag_ in ("VBZ", "VBP") or any(a.tag_ in ("VBZ", "VBP") for a in auxes):
        return PRESENT
    return PRESENT
