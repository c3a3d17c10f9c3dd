"""Opening inputs: files, directories, gzip and stdin as byte streams with a sniffable head."""

from __future__ import annotations

import gzip
import io
import os
import sys
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from tidings.records import content_hash

HEAD_BYTES = 64 * 1024
"""How much of an input is read up front to choose its format and encoding."""
GZIP_MAGIC = b"\x1f\x8b"
STDIN = "-"
STDIN_ORIGIN = "<stdin>"
SIDECAR_SUFFIX = ".meta.json"
"""``story.meta.json`` beside ``story.txt`` carries its metadata; it is not an article."""

FORMATS_BY_SUFFIX = {
    ".txt": "text",
    ".text": "text",
    ".md": "text",
    ".markdown": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "json",
    ".csv": "csv",
    ".tsv": "tsv",
}


class ReadError(Exception):
    """An input or record that cannot be read; the message is what the Failure records."""


def too_large(what: str, size: int | None, limit: int) -> ReadError:
    """The error for an input over ``max_record_bytes``."""
    known = f" ({size:,} bytes)" if size is not None else ""
    return ReadError(
        f"{what} is too large{known}: over the limit of {limit:,} bytes (max_record_bytes)"
    )


@dataclass(slots=True)
class Input:
    """One opened input: its decompressed bytes, with the first ``HEAD_BYTES`` already read."""

    origin: str
    """The path as given or listed, or ``<stdin>``."""
    name: str
    """File name without a ``.gz`` suffix (the format hint); empty for stdin."""
    stream: BinaryIO
    """The decompressed bytes from the start (the head is served again)."""
    head: bytes
    size: int | None
    """Byte size when known without reading (uncompressed files)."""

    @property
    def suffix(self) -> str:
        return Path(self.name).suffix.lower()

    def document_id(self, text: str) -> str:
        """Id of a one-article input: the file name without suffix, else a content-hash prefix."""
        return Path(self.name).stem or content_hash(text)[:16]

    def read_all(self, limit: int) -> bytes:
        """Every byte of the input, refusing (without reading on) past ``limit`` bytes."""
        if self.size is not None and self.size > limit:
            raise too_large("file", self.size, limit)
        data = self.stream.read(limit + 1)
        if len(data) > limit:
            raise too_large("input", None, limit)
        return data


class _Replay(io.RawIOBase):
    """Serves bytes already read, then the rest of the stream (which it never closes)."""

    def __init__(self, head: bytes, rest: BinaryIO) -> None:
        self._head = memoryview(head)
        self._rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        if self._head:
            n = min(len(buffer), len(self._head))
            buffer[:n] = self._head[:n]
            self._head = self._head[n:]
            return n
        return self._rest.readinto(buffer)  # type: ignore[attr-defined]


def _replayed(head: bytes, rest: BinaryIO) -> BinaryIO:
    return io.BufferedReader(_Replay(head, rest))


@contextmanager
def open_input(path: str) -> Iterator[Input]:
    """Open a file (or stdin for ``-``), transparently decompressing gzip found by magic bytes.

    Raises :class:`OSError` when the file cannot be opened and ``EOFError``/``OSError`` from
    gzip when the compressed head is truncated or corrupt.
    """
    with ExitStack() as stack:
        if path == STDIN:
            raw = _stdin_bytes()
            origin, name, size = STDIN_ORIGIN, "", None
        else:
            raw = stack.enter_context(open(path, "rb"))
            origin, name, size = path, os.path.basename(path), os.fstat(raw.fileno()).st_size
        head = raw.read(HEAD_BYTES)
        stream = _replayed(head, raw)
        if head.startswith(GZIP_MAGIC):
            gz = stack.enter_context(gzip.GzipFile(fileobj=stream, mode="rb"))
            head = gz.read(HEAD_BYTES)
            stream = _replayed(head, gz)  # type: ignore[arg-type]
            size = None
            if name.lower().endswith(".gz"):
                name = name[:-3]
        elif name.lower().endswith(".gz") and head:
            raise ReadError("not gzip data (no gzip magic bytes) although the name ends in .gz")
        yield Input(origin, name, stream, head, size)


def _stdin_bytes() -> BinaryIO:
    buffer = getattr(sys.stdin, "buffer", None)
    if buffer is not None:
        return buffer
    # A text-only stdin (an embedding application or a test replaced it): its text as UTF-8.
    return io.BytesIO(sys.stdin.read().encode("utf-8", "surrogateescape"))


def readable_suffix(name: str) -> bool:
    """Whether a file in a directory is read: a known format, possibly gzipped, not a sidecar."""
    lower = name.lower()
    if lower.startswith(".") or lower.endswith(SIDECAR_SUFFIX):
        return False
    if lower.endswith(".gz"):
        lower = lower[:-3]
    return Path(lower).suffix in FORMATS_BY_SUFFIX


def expand(path: str) -> Iterator[str]:
    """The files to read for ``path``: itself, or a directory's readable files, sorted.

    Hidden files and folders are skipped; symbolic links to folders are not followed.
    """
    if path == STDIN or not os.path.isdir(path):
        yield path
        return
    found: list[Path] = []
    for folder, dirs, files in os.walk(path):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        found.extend(Path(folder, f) for f in files if readable_suffix(f))
    for p in sorted(found):
        yield str(p)
