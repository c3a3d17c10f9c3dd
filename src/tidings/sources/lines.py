"""Lines of a record stream (JSON Lines, CSV), bounded in size and decoded line by line."""

from __future__ import annotations

import io
import re

from tidings.sources.decoding import choose_encoding, decode
from tidings.sources.inputs import Input, too_large

_ESCAPED = re.compile("[\udc80-\udcff]")  # bytes the encoding could not decode
_DRAIN_CHARS = 1 << 20


class Lines:
    """An iterator over the lines of an input, line endings kept.

    A line over ``limit`` bytes is skipped without holding it in memory and raises
    :class:`ReadError` for that line; iteration can go on after it (``csv.reader`` and the
    JSON Lines reader both rely on that). Lines the input's encoding cannot decode are
    decoded on their own, with a warning (see :meth:`take_warnings`).
    """

    def __init__(self, source: Input, limit: int) -> None:
        self.encoding, warning = choose_encoding(source.head)
        self.warnings = [warning] if warning else []
        self.limit = limit
        self.number = 0
        """Number of the last line read (1-based)."""
        self._pending: list[str] = []
        # surrogateescape keeps undecodable bytes recoverable for a per-line second try.
        self._text = io.TextIOWrapper(
            source.stream, encoding=self.encoding, errors="surrogateescape", newline=""
        )

    def __iter__(self) -> Lines:
        return self

    def __next__(self) -> str:
        line = self._text.readline(self.limit + 1)
        if not line:
            raise StopIteration
        self.number += 1
        if len(line) > self.limit and not line.endswith(("\n", "\r")):
            self._drain()
            raise too_large(f"line {self.number}", None, self.limit)
        if len(line) * 4 > self.limit:  # only long lines can be over in bytes but not in chars
            size = len(line.encode(self.encoding, "surrogateescape"))
            if size > self.limit:
                raise too_large(f"line {self.number}", size, self.limit)
        if _ESCAPED.search(line):
            line, warnings = decode(line.encode(self.encoding, "surrogateescape"))
            self._pending.extend(f"line {self.number}: {w}" for w in warnings)
        return line

    def take_warnings(self) -> list[str]:
        """Encoding warnings of the input and of the lines read since the last call."""
        pending, self._pending = self._pending, []
        return [*self.warnings, *pending]

    def _drain(self) -> None:
        while chunk := self._text.readline(_DRAIN_CHARS):
            if chunk.endswith(("\n", "\r")):
                return
