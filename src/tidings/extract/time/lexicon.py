"""Words of English temporal expressions and the regular-expression pieces built from them."""

from __future__ import annotations

import re

from tidings.extract.time.calendar import CENTURY, DAY, DECADE, MONTH, QUARTER, WEEK, YEAR

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
    "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}  # fmt: skip
WEEKDAYS = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
    "sunday": 6,
}  # fmt: skip
SEASON_INDEX = {"spring": 0, "summer": 1, "fall": 2, "autumn": 2, "winter": 3}
PARTS_OF_DAY = {
    "morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "overnight": "NI",
}  # fmt: skip
ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "twenty-first": 21, "final": 4,
}  # fmt: skip
SMALL_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "couple": 2,
    "a couple of": 2, "a dozen": 12, "dozen": 12, "half a dozen": 6,
}  # fmt: skip
VAGUE_NUMBERS = ("a few", "few", "several", "many", "some", "a number of", "numerous")

# TIMEX3 duration letter and calendar granularity of each unit (decades and centuries
# are written in years, as TimeBank does).
UNITS = {
    "second": ("S", None), "minute": ("M", None), "hour": ("H", None),
    "day": ("D", DAY), "night": ("D", DAY), "week": ("W", WEEK), "fortnight": ("W", WEEK),
    "month": ("M", MONTH), "quarter": ("Q", QUARTER), "year": ("Y", YEAR),
    "decade": ("Y", DECADE), "century": ("Y", CENTURY),
}  # fmt: skip
UNIT_FACTOR = {"fortnight": 2, "decade": 10, "century": 100}

_NUM_WORD = (
    r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[\s-](?:one|two|three|four"
    r"|five|six|seven|eight|nine))?|one|two|three|four|five|six|seven|eight|nine|ten|eleven"
    r"|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|hundred"
)
MONTH_NAME = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November"
    r"|December|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)(?:\.|(?=\s+\d)))"
)
WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
NUMBER = (
    rf"(?:\d+(?:\.\d+|\s+1/2)?|(?i:half\s+a\s+dozen|a\s+dozen|dozens\s+of|a\s+couple\s+of|couple\s+of"
    rf"|a\s+few|a\s+number\s+of|few|several|many|some|numerous|{_NUM_WORD}|an?))"
)
UNIT = (
    r"(?i:(?P<unit>seconds?|minutes?|hours?|days?|nights?|weeks?|fortnights?|months?|quarters?"
    r"|years?|decades?|century|centuries))"
)
_TEENS = r"ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
_UNITS9 = r"one|two|three|four|five|six|seven|eight|nine"
# "nineteen ninety-four" (transcribed speech); "two thousand (and) one" only where a year is
# expected ("the year two thousand", "January two thousand"), as alone it is as often a count.
SPELLED_CENTURY_YEAR = (
    rf"(?i:(?:nineteen|twenty)[\s-]+(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
    rf"(?:[\s-](?:{_UNITS9}))?|{_TEENS}))"
)
SPELLED_YEAR = (
    rf"(?:{SPELLED_CENTURY_YEAR}|(?i:two\s+thousand(?:\s+(?:and\s+)?(?:{_TEENS}|{_UNITS9}))?))"
)
SEASON = r"(?i:spring|summer|fall|autumn|winter)"
DAY_PART = r"(?i:morning|afternoon|evening|night)"
YEAR4 = r"(?:1[6-9]\d\d|20\d\d)"
CLOCK = (
    r"(?:(?P<hour>\d{1,2})(?:[:.](?P<minute>\d\d))?\s*(?P<ampm>[ap]\.\s?m\.?|[ap]m\b)"
    r"|(?P<hour2>\d{1,2}):(?P<minute2>\d\d)|(?i:(?P<named>noon|midday|midnight)))"
    r"(?:\s+(?P<zone>[ECMP][SD]T|GMT|UTC|a\.m\.|p\.m\.))?"
)
# Modifiers that fix a point's TIMEX3 ``mod`` (the span includes them).
POINT_MOD = (
    r"(?i:(?P<pmod>early|late|mid|the\s+(?:beginning|start|end|middle|close|turn)\s+of"
    r"|the\s+(?:early|late|latter|first|second)\s+part\s+of)[\s-]+)?"
)
POINT_MODS = {
    "early": "START", "beginning": "START", "start": "START", "first": "START",
    "late": "END", "end": "END", "close": "END", "latter": "END", "second": "END",
    "mid": "MID", "middle": "MID", "turn": None,
}  # fmt: skip
DURATION_MODS = {
    "about": "APPROX", "around": "APPROX", "approximately": "APPROX", "roughly": "APPROX",
    "some": "APPROX", "nearly": "LESS_THAN", "almost": "LESS_THAN", "less than": "LESS_THAN",
    "under": "LESS_THAN", "more than": "MORE_THAN",
    "at least": "EQUAL_OR_MORE", "up to": "EQUAL_OR_LESS", "at most": "EQUAL_OR_LESS",
    "no more than": "EQUAL_OR_LESS",
}  # fmt: skip
DURATION_MOD = (
    r"(?i:(?P<dmod>about|around|approximately|roughly|nearly|almost|less\s+than|under"
    r"|more\s+than|at\s+least|up\s+to|at\s+most|no\s+more\s+than)\s+)?"
)


def number(text: str) -> int | None:
    """The value of a number written in digits or words; None for vague ones ("several")."""
    t = " ".join(text.lower().replace("-", " ").split())
    t = t.removesuffix(" of") if t.startswith("couple") else t  # "(a) couple of years"
    if t in VAGUE_NUMBERS or t == "dozens of":
        return None
    if t in SMALL_NUMBERS:
        return SMALL_NUMBERS[t]
    if m := re.fullmatch(r"(\d+)(?: 1/2)?", t):
        return int(m.group(1))
    words = t.split()
    if len(words) == 2 and all(w in SMALL_NUMBERS for w in words):
        return SMALL_NUMBERS[words[0]] + SMALL_NUMBERS[words[1]]
    return None


def spelled_year(text: str) -> int | None:
    """The year a ``SPELLED_YEAR`` match names: "nineteen ninety-four" → 1994."""
    words = " ".join(text.lower().replace("-", " ").split())
    if words.startswith("two thousand"):
        rest = words.removeprefix("two thousand").removeprefix(" and").strip()
        return 2000 + (number(rest) or 0)
    century, _, rest = words.partition(" ")
    low = number(rest)
    return None if low is None else SMALL_NUMBERS[century] * 100 + low


def unit_of(word: str) -> str:
    """The singular unit name of ``word`` ("centuries" → "century")."""
    w = word.lower()
    if w == "centuries":
        return "century"
    return w[:-1] if w.endswith("s") else w


def month_of(word: str) -> int:
    return MONTHS[word.lower().rstrip(".")]


# Trigger tokens (spaCy lower-case texts or shapes): every match of a rule contains one.
_UNIT_TOKENS = (
    "second seconds minute minutes hour hours day days night nights week weeks fortnight "
    "fortnights month months quarter quarters year years decade decades century centuries"
)
MONTH_WORDS = " ".join([*MONTHS, *(f"{m}." for m in MONTHS if len(m) <= 4), "mid-january mid-june"])
WEEKDAY_WORDS = " ".join([*WEEKDAYS, *(f"{d}s" for d in WEEKDAYS)])
CLOCK_WORDS = "a.m. p.m. a.m p.m am pm noon midday midnight d:dd dd:dd d.dd dd.dd"
NUMERIC_SHAPES = "dddd d/d/dddd d/dd/dddd dd/d/dddd dd/dd/dddd d/d/dd d/dd/dd dd/d/dd dd/dd/dd"
YEAR_SHAPES = "dddd xxx-dddd XXdddd"
DECADE_SHAPES = (
    "ddddx ddx xxx-ddddx twenties thirties forties fifties sixties seventies eighties nineties"
)
QUARTER_WORDS = "quarter quarters half q1 q2 q3 q4 dddd-xd ddddxd"
RELATIVE_UNIT_WORDS = (
    "week weekend month quarter year decade century period spring summer fall autumn winter"
)
DAY_WORDS = "yesterday today tomorrow tonight night overnight morning afternoon evening day"
UNIT_WORDS = _UNIT_TOKENS
REFERENCE_WORDS = (
    "now currently nowadays presently present days moment current recently lately past future term"
)
RECURRENCE_WORDS = "every each hourly daily nightly weekly biweekly monthly yearly"
HOLIDAY_WORDS = (
    "year valentine independence halloween christmas veterans boxing thanksgiving labor memorial "
    "easter friday election"
)
SEASON_WORDS = "spring summer fall autumn winter"
