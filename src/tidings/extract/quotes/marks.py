"""Quoted passages found by their quote marks, robust to unbalanced and mixed marks.

Handles “ ” " ‘ ’ « » „ “ ‹ ›, straight quotes told apart by their position, and the
newspaper convention for a quote continued across paragraphs: the paragraph that
continues has no closing mark and the next one opens again.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Opening mark → the closing marks that may end it (typographers mix families freely).
_CLOSERS = {
    "“": '”"“',
    "„": '“”"',
    "«": "»",
    "»": "«",
    "‹": "›",
    '"': '"”',
    "‘": "’",
}
_DOUBLE = '“„«»"”'
_SPACE_BEFORE = set(" \t\n([{—–―-/")
_PARAGRAPH = re.compile(r"[^\n]+")
_TWO_APOSTROPHES = re.compile(r"''")  # typewriter double quotes, as in some NYT texts


@dataclass(slots=True)
class Marked:
    """A passage inside quote marks: offsets include the marks themselves."""

    start: int
    end: int
    closed: bool
    double: bool


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Offsets of the non-blank lines of ``text`` (a news paragraph is one line)."""
    return [(m.start(), m.end()) for m in _PARAGRAPH.finditer(text) if m.group().strip()]


def marked_passages(text: str) -> list[Marked]:
    """Every quoted passage of ``text``, with continued paragraphs joined into one passage."""
    scan = _TWO_APOSTROPHES.sub(_as_double, text) if "''" in text else text
    out: list[Marked] = []
    for start, end in paragraphs(text):
        found = [_with_apostrophes(text, m) for m in _in_paragraph(scan, start, end)]
        if (
            found
            and out
            and not out[-1].closed
            and found[0].start == _first_char(text, start)
            and not text[out[-1].end : start].strip()
        ):
            # The paragraph just before ended inside a quote and this one reopens it (not
            # one further back: its closing mark was lost, and the paragraphs between are
            # no quote).
            prev = out.pop()
            found[0] = Marked(prev.start, found[0].end, found[0].closed, prev.double)
        out.extend(found)
    return out


def _as_double(m: re.Match[str]) -> str:
    """Two apostrophes as one straight double mark plus a space on the outer side, so the
    scanner sees an opening or closing mark at the same offsets."""
    following = m.string[m.end()] if m.end() < len(m.string) else " "
    return ' "' if not following.isspace() and following not in ".,;:!?)" else '" '


def _with_apostrophes(text: str, m: Marked) -> Marked:
    start, end = m.start, m.end
    if start > 0 and text[start - 1 : start + 1] == "''":
        start -= 1
    if text[end - 1 : end + 1] == "''":
        end += 1
    return Marked(start, end, m.closed, m.double)


def _first_char(text: str, start: int) -> int:
    while start < len(text) and text[start] in " \t":
        start += 1
    return start


def _opens(text: str, i: int) -> bool:
    c = text[i]
    if c not in _CLOSERS:
        return False
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if c in '"‘':  # ambiguous marks open only after a space and before a word
        return (before in _SPACE_BEFORE or before in _CLOSERS) and not after.isspace()
    return not after.isspace() or c == "«"


def _closes(text: str, i: int, opener: str) -> bool:
    c = text[i]
    if c not in _CLOSERS[opener]:
        return False
    after = text[i + 1] if i + 1 < len(text) else " "
    if c == "’":  # also the apostrophe: it closes only before a non-letter
        return not after.isalnum()
    if c in '"“' and opener != c:
        return True
    return c != opener or not _opens(text, i) or after.isspace() or not after.isalnum()


def _in_paragraph(text: str, start: int, end: int) -> list[Marked]:
    out = []
    i = start
    while i < end:
        if not _opens(text, i):
            i += 1
            continue
        opener = text[i]
        j = i + 1
        while j < end and not _closes(text, j, opener):
            j += 1
        if j < end:
            out.append(Marked(i, j + 1, True, opener in _DOUBLE))
            i = j + 1
        else:
            stop = end
            while stop > i and text[stop - 1].isspace():
                stop -= 1
            out.append(Marked(i, stop, False, opener in _DOUBLE))
            i = end
    return out
