"""Bytes to text: refuse binary data, prefer UTF-8, detect other encodings with a warning."""

from __future__ import annotations

import codecs
import contextlib
import re

import charset_normalizer

from tidings.sources.inputs import ReadError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# C0 controls other than tab, newlines, form feed and escape: rare in text, common in binaries.
_CONTROL = re.compile(rb"[\x01-\x08\x0e-\x1a\x1c-\x1f]")
_MAX_CONTROL_SHARE = 0.01
_UTF8_NAMES = ("utf-8", "utf8", "utf_8")
_DAMAGE_SAMPLE = 1 << 20


def bom_encoding(data: bytes) -> str | None:
    """The encoding a byte-order mark announces, if ``data`` starts with one."""
    return next((enc for bom, enc in _BOMS if data.startswith(bom)), None)


def check_text(head: bytes) -> None:
    """Raise :class:`ReadError` when the first bytes of an input are not text."""
    if not head:
        raise ReadError("empty file")
    if bom_encoding(head) in ("utf-16", "utf-32"):
        return  # NUL bytes are normal there
    if b"\x00" in head:
        raise ReadError("binary data, not text (contains NUL bytes)")
    if len(_CONTROL.findall(head)) > _MAX_CONTROL_SHARE * len(head):
        raise ReadError("binary data, not text (too many control bytes)")


def choose_encoding(sample: bytes, declared: str | None = None) -> tuple[str, str | None]:
    """The encoding to decode ``sample`` (and what follows it) with, and a warning if not UTF-8.

    Order: byte-order mark, a declared charset that fits (HTML ``<meta charset>``), UTF-8
    (also when a few bytes are damaged), then detection by charset-normalizer. Raises
    :class:`ReadError` when no encoding fits.
    """
    if bom := bom_encoding(sample):
        return bom, None
    if declared and _fits(sample, declared):
        return declared, None
    if _fits(sample, "utf-8"):
        return "utf-8", None
    if _mostly_utf8(sample):
        return "utf-8", "some bytes are not valid UTF-8 and were replaced by U+FFFD"
    matches = list(charset_normalizer.from_bytes(sample))
    if not matches:
        raise ReadError("not text: no character encoding fits the bytes")
    # Short samples leave several codepages equally plausible; among those, cp1252 is by far
    # the most common in news (and decodes like latin-1 and its Western siblings).
    least = min(m.chaos for m in matches)
    calm = [m for m in matches if m.chaos <= least]
    western = any("cp1252" in m.could_be_from_charset for m in calm)
    encoding = "cp1252" if western else calm[0].encoding
    return encoding, f"not valid UTF-8; decoded as {encoding} (detected)"


def decode(data: bytes, declared: str | None = None) -> tuple[str, list[str]]:
    """The text of a whole document and any warnings about its encoding."""
    if bom_encoding(data) is None and (declared or "utf-8").lower() in _UTF8_NAMES:
        # The common case, decoded once: a large file is not copied again and again.
        with contextlib.suppress(UnicodeDecodeError):
            return data.decode("utf-8"), []
    encoding, warning = choose_encoding(data, declared)
    text = data.decode(encoding, "replace")
    return text, [warning] if warning else []


def _fits(sample: bytes, encoding: str) -> bool:
    try:
        codecs.lookup(encoding)
        sample.decode(encoding)
    except LookupError:
        return False
    except UnicodeDecodeError as exc:
        # A sample cut from a longer input may end inside a multi-byte character.
        return exc.reason == "unexpected end of data" and exc.start >= len(sample) - 4
    return True


def _mostly_utf8(sample: bytes) -> bool:
    """UTF-8 with a few damaged bytes: many valid multi-byte characters, few invalid bytes."""
    sample = sample[:_DAMAGE_SAMPLE]
    text = sample.decode("utf-8", "replace")
    bad = text.count("\ufffd") - sample.count("\ufffd".encode())
    multibyte = sum(1 for ch in text if ord(ch) > 127 and ch != "\ufffd")
    return multibyte >= 3 * bad
