"""Publication dates from metadata values: ISO dates and datetimes, RFC 2822, common formats."""

from __future__ import annotations

import datetime as dt
import email.utils
import re

_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:[T ]|$)")
_SLASHED_YMD = re.compile(r"(\d{4})[/.](\d{1,2})[/.](\d{1,2})$")
_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})$")
_YEAR = re.compile(r"\b(1[89]|2[01])\d\d\b")
_LABEL = re.compile(
    r"^(?:first |last )?(?:published|updated|modified|posted|date)(?: on| at)?\s*:?\s*", re.I
)
# Timestamps from 1973 to 2100: smaller numbers are more likely years or counts than dates.
_EPOCH_MIN, _EPOCH_MAX = 100_000_000, 4_102_444_800
_DATEPARSER_SETTINGS = {
    "STRICT_PARSING": True,
    "REQUIRE_PARTS": ["day", "month", "year"],
    "RETURN_AS_TIMEZONE_AWARE": False,
}


def parse_date(value: object) -> dt.date | None:
    """The calendar date ``value`` names, or None when it names no definite date.

    The date is the one written (a datetime's own local date, no time-zone shift). Strings
    must carry a year: relative phrases ("yesterday") are no publication date. Numbers are
    ``YYYYMMDD`` or Unix timestamps in seconds or milliseconds.
    """
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        if isinstance(value, int) and (m := _COMPACT.match(str(value))):
            return _ymd(*m.groups())
        return _from_timestamp(float(value))
    if not isinstance(value, str):
        return None
    text = _LABEL.sub("", value.strip())
    if not _YEAR.search(text) and not _COMPACT.match(text):
        return None
    for pattern in (_ISO, _SLASHED_YMD, _COMPACT):
        if m := pattern.match(text):
            return _ymd(*m.groups())
    try:
        return email.utils.parsedate_to_datetime(text).date()
    except (TypeError, ValueError, IndexError):
        pass
    return _dateparser(text)


def _ymd(year: str, month: str, day: str) -> dt.date | None:
    try:
        return dt.date(int(year), int(month), int(day))
    except ValueError:
        return None


def _from_timestamp(seconds: float) -> dt.date | None:
    if seconds > _EPOCH_MAX:
        seconds /= 1000  # milliseconds
    if not _EPOCH_MIN <= seconds <= _EPOCH_MAX:
        return None
    return dt.datetime.fromtimestamp(seconds, dt.UTC).date()


def _dateparser(text: str) -> dt.date | None:
    import dateparser  # slow to import; only needed for non-ISO strings

    try:
        parsed = dateparser.parse(text, languages=["en"], settings=_DATEPARSER_SETTINGS)
    except (ValueError, TypeError, OverflowError):
        return None
    return parsed.date() if parsed else None
