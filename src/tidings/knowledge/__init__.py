"""The actor knowledge base: countries, organisations, sectors and office holders.

Facts live in data files under ``knowledge/data`` written by this team:

- ``countries.yaml``: ISO3 codes, names, aliases, demonyms, capitals and seats of power;
- ``organisations.yaml``: IGOs, NGOs and national bodies with their code and sector;
- ``sectors.yaml``: the PLOVER sector codes and the nouns and titles that signal them;
- ``people.yaml``: office holders with offices, countries and term dates;
- ``places.csv``: cities and regions with the country they lie in.

:func:`load_knowledge` reads them once per process (see :mod:`tidings.resources`), adds a
user's override file, and precompiles every look-up into dictionaries so that resolving an
article costs only dictionary hits.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import os
import pickle
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml  # type: ignore[import-untyped]

DATA = Path(__file__).parent / "data"
CACHE_VERSION = 2
"""Bump when the compiled form of the knowledge base changes shape."""
MAX_NAME_WORDS = 8
PREFIX = 4
"""Length of the name beginnings indexed in ``KnowledgeBase.prefixes``."""
"""The longest name (in words) the knowledge base answers for."""
PLACE, SEAT, CAPITAL, ORG, PERSON, CITY = "place", "seat", "capital", "org", "person", "city"
PLACE_KINDS = frozenset({PLACE, CAPITAL, SEAT, CITY})
"""Kinds of entry a place mention (GPE, LOC, FAC) can be."""


@dataclass(frozen=True, slots=True)
class Code:
    """What a name codes to: canonical name, country (ISO3 or IGO code) and sector."""

    name: str
    country: str | None
    sector: str | None
    wikidata: str | None = None


@dataclass(frozen=True, slots=True)
class Term:
    """A coding that holds between two dates (either end open)."""

    country: str
    sector: str | None
    start: dt.date | None = None
    end: dt.date | None = None
    title: str | None = None

    def holds(self, on: dt.date) -> bool:
        """Whether the term covers ``on`` (the end date itself is the successor's)."""
        return (self.start is None or self.start <= on) and (self.end is None or on < self.end)


@dataclass(frozen=True, slots=True)
class Entry:
    """One thing the knowledge base knows by name: a place, a seat, an organisation or a person.

    ``country``/``sector`` are the default coding; ``terms`` override it between dates.
    For a person, ``terms`` are the offices held; out of office the person keeps the country
    with no sector before the first office and ``ELI`` (former official) after the last.
    """

    kind: str
    name: str
    country: str | None
    sector: str | None
    wikidata: str | None = None
    terms: tuple[Term, ...] = ()
    org: str | None = None

    def term_on(self, on: dt.date | None) -> Term | None:
        """The term in force on ``on``; with no date, the most recent term."""
        if not self.terms:
            return None
        if on is None:
            return self.terms[-1] if self.kind == PERSON else None
        return next((t for t in self.terms if t.holds(on)), None)

    def code(self, on: dt.date | None = None) -> Code:
        """The coding as of ``on`` (None: no date known, so terms are not filtered)."""
        term = self.term_on(on)
        if term is not None:
            return Code(self.name, term.country, term.sector, self.wikidata)
        if self.kind == PERSON and on is not None and self.terms:
            ended = [t for t in self.terms if t.end is not None and t.end <= on]
            sector = "ELI" if ended else None
            country = ended[-1].country if ended else self.country
            return Code(self.name, country, sector, self.wikidata)
        return Code(self.name, self.country, self.sector, self.wikidata)

    def title_on(self, on: dt.date | None) -> str | None:
        """The office a person holds on ``on`` (the latest one when no date is known)."""
        term = self.term_on(on)
        return term.title if term else None


@dataclass(frozen=True, slots=True)
class Country:
    """A country's ISO3 code and names."""

    iso3: str
    name: str
    official: str


@dataclass(slots=True)
class KnowledgeBase:
    """Names, demonyms and sector words, precompiled for constant-time look-ups."""

    countries: dict[str, Country] = field(default_factory=dict)
    names: dict[str, list[Entry]] = field(default_factory=dict)
    """Lower-cased name → entries (several when a name is ambiguous, e.g. two Bushes)."""
    acronyms: dict[str, list[Entry]] = field(default_factory=dict)
    """Case-sensitive short upper-case names ("US", "WHO") that must not match "us", "who"."""
    demonyms: dict[str, str] = field(default_factory=dict)
    """Lower-cased adjective or plural ("north korean", "chinese") → ISO3."""
    nouns: dict[str, str] = field(default_factory=dict)
    """Lower-cased noun or lemma ("troops", "troop") → PLOVER sector."""
    titles: dict[str, str] = field(default_factory=dict)
    """Lower-cased multi-word title ("defense minister") → PLOVER sector."""
    sectors: dict[str, str] = field(default_factory=dict)
    """Valid sector codes → description."""
    written: set[str] = field(default_factory=set)
    """Every name as written (no cities), to match capitalised runs the NER missed."""
    prefixes: set[str] = field(default_factory=set)
    """The first PREFIX characters of every written name: where a scan can start."""
    _fuzzy: dict[str, dict[str, list[tuple[str, Entry]]]] = field(default_factory=dict)

    def entries(self, name: str) -> list[Entry]:
        """Everything known by ``name`` (exact case for acronyms, else case-insensitive)."""
        found = self.acronyms.get(_bare(name))
        if found:
            return found
        return self.names.get(key(name), [])

    def find(
        self, name: str, on: dt.date | None = None, kinds: frozenset[str] | None = None
    ) -> Entry | None:
        """The entry ``name`` most likely means on ``on`` (one in office then wins),
        among entries of ``kinds`` when given."""
        found = self.entries(name)
        if kinds is not None:
            found = [e for e in found if e.kind in kinds]
        if len(found) <= 1 or on is None:
            return found[0] if found else None
        return max(found, key=lambda e: _date_fit(e, on))

    def lookup(self, name: str, on: dt.date | None = None) -> Code | None:
        """The code for ``name`` as of date ``on``, or None when unknown."""
        entry = self.find(name, on)
        return entry.code(on) if entry else None

    def fuzzy(self, name: str, kind: str, edits: int | None = None) -> Entry | None:
        """The entry of ``kind`` (``place`` or ``person``) whose name ``name`` misspells
        ("Ethopia", "Laurent Gbago") by at most ``edits`` letters (default: one for names of
        eight letters or fewer, else two); None unless exactly one is that close.
        Only names of six letters or more are tried, against names of that kind with the
        same initials (so "Ahmad Rahimi" is not "Ahmad Vahidi")."""
        low = key(name)
        if len(low) < 6:
            return None
        bucket = self._fuzzy.get(kind)
        if bucket is None:
            bucket = {}
            for k, entries in self.names.items():
                for e in entries:
                    if e.kind == kind and len(k) >= 5 and (kind != PERSON or " " in k):
                        bucket.setdefault(k[0], []).append((k, e))
            self._fuzzy[kind] = bucket
        initials = [w[0] for w in low.split()]
        close = {
            e.name: e
            for k, e in bucket.get(low[0], [])
            if abs(len(k) - len(low)) <= 2
            and [w[0] for w in k.split()] == initials
            and _within_edits(k, low, edits or (1 if len(low) <= 8 else 2))
        }
        return next(iter(close.values())) if len(close) == 1 else None

    def demonym(self, word: str) -> str | None:
        """The ISO3 code a demonym ("South Korean", "Chinese") names, or None."""
        return self.demonyms.get(key(word))

    def sector_of(self, words: str) -> str | None:
        """The sector a title or noun signals: the longest known title inside ``words``,
        else the last word as a noun ("new national security adviser" → GOV)."""
        tokens = key(words).split()
        return self.title_sector(words) or (self.nouns.get(tokens[-1]) if tokens else None)

    def title_sector(self, words: str) -> str | None:
        """The sector of the longest multi-word title inside ``words``, or None."""
        tokens = key(words).replace(" - ", "-").split()
        for size in range(min(len(tokens), 6), 1, -1):
            for i in range(len(tokens) - size + 1):
                sector = self.titles.get(" ".join(tokens[i : i + size]))
                if sector:
                    return sector
        return None

    def add(self, entry: Entry, names: Iterable[str]) -> None:
        """Index ``entry`` under each of ``names`` (later entries of another kind come after)."""
        for name in names:
            name = _clean(name)
            if entry.kind != CITY:
                self.written.add(_bare(name))
                self.prefixes.add(_bare(name)[:PREFIX])
            if _is_acronym(name):
                bucket = self.acronyms.setdefault(name, [])
            else:
                bucket = self.names.setdefault(key(name), [])
            if entry not in bucket:
                bucket.append(entry)

    def override(self, entry: Entry, names: Iterable[str]) -> None:
        """Index ``entry`` under ``names``, replacing whatever the shipped files said."""
        for name in names:
            name = _clean(name)
            self.written.add(_bare(name))
            self.prefixes.add(_bare(name)[:PREFIX])
            table = self.acronyms if _is_acronym(name) else self.names
            table[name if _is_acronym(name) else key(name)] = [entry]


def key(name: str) -> str:
    """The look-up key of a name: lower case, no leading "the", no possessive "'s"."""
    name = _clean(name).lower()
    name = name.removeprefix("the ")
    return name.removesuffix("'s").removesuffix("'").strip()


def _bare(name: str) -> str:
    """A name as written, minus a leading article and a possessive."""
    name = _clean(name)
    for article in ("the ", "The "):
        name = name.removeprefix(article)
    return name.removesuffix("'s").removesuffix("'")


def _clean(name: str) -> str:
    return " ".join(name.replace("’", "'").replace("‘", "'").split())


def _is_acronym(name: str) -> bool:
    letters = name.replace(".", "").replace("-", "")
    return len(letters) <= 5 and letters.isalnum() and letters.isupper()


def _within_edits(a: str, b: str, limit: int) -> bool:
    """Whether ``a`` and ``b`` differ by at most ``limit`` inserted, deleted or changed
    letters."""
    if a == b:
        return True
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        if min(current) > limit:
            return False
        previous = current
    return previous[-1] <= limit


def _date_fit(entry: Entry, on: dt.date) -> tuple[int, dt.date]:
    """Rank candidates for a date: in office first, then the most recent before it."""
    if entry.term_on(on) is not None:
        return (2, on)
    started = [t.start for t in entry.terms if t.start and t.start <= on]
    return (1, max(started)) if started else (0, dt.date.min)


def load_knowledge(overrides: str | None = None) -> KnowledgeBase:
    """Load the shipped knowledge base, plus a user's override file when given.

    ``overrides`` is a YAML file in the format of ``data/people.yaml`` /
    ``data/organisations.yaml`` (a list of entries, each with ``name`` and either
    ``offices`` or ``country``), or a CSV file with columns
    ``name,country,sector,aliases,start,end,title,wikidata`` (aliases separated by ``;``).
    Override entries replace shipped entries with the same names.

    The compiled shipped files are cached (pickled under ``~/.cache/tidings``, keyed by the
    sizes and times of the data files and of this module), so worker processes start fast.
    """
    kb = _cached_build()
    if overrides:
        for entry, names in read_overrides(Path(overrides)):
            kb.override(entry, names)
    return kb


def _cached_build() -> KnowledgeBase:
    # The data files and this module itself: a change to either compiles afresh.
    sources = [*sorted(DATA.iterdir()), Path(__file__)]
    stamp = "-".join(f"{p.name}:{p.stat().st_size}:{p.stat().st_mtime_ns}" for p in sources)
    digest = hashlib.sha256(f"{CACHE_VERSION}|{stamp}".encode()).hexdigest()[:16]
    cache = Path.home() / ".cache" / "tidings" / f"knowledge-{digest}.pickle"
    try:
        with cache.open("rb") as fh:
            kb = pickle.load(fh)
        if isinstance(kb, KnowledgeBase):
            return kb
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, TypeError):
        pass
    kb = build_knowledge()
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        partial = cache.with_suffix(f".{os.getpid()}.tmp")
        with partial.open("wb") as fh:
            pickle.dump(kb, fh, protocol=pickle.HIGHEST_PROTOCOL)
        partial.replace(cache)  # atomic: parallel workers never read half a file
        for stale in cache.parent.glob("knowledge-*.pickle"):
            if stale != cache:
                stale.unlink(missing_ok=True)
    except OSError:
        pass  # a read-only home: build each time
    return kb


def build_knowledge() -> KnowledgeBase:
    """Compile the shipped data files into look-up tables (no cache, no overrides)."""
    kb = KnowledgeBase()
    sectors = read_yaml(DATA / "sectors.yaml")
    kb.sectors = dict(sectors["codes"])
    for sector, words in sectors["nouns"].items():
        for word in words:
            kb.nouns[key(word)] = sector
    for sector, words in sectors["titles"].items():
        for word in words:
            kb.titles[key(word)] = sector
    for row in read_yaml(DATA / "countries.yaml"):
        _add_country(kb, row)
    for row in read_yaml(DATA / "organisations.yaml"):
        entry, names = org_entry(row)
        kb.add(entry, names)
    for row in read_yaml(DATA / "people.yaml"):
        entry, names = person_entry(row)
        kb.add(entry, names)
    index = kb.names
    for name, country, _kind in read_places(DATA / "places.csv"):
        # Our own file holds clean names: index them directly, this is the bulk of the load.
        index.setdefault(name.lower(), []).append(Entry(CITY, name, country, None))
    return kb


def _add_country(kb: KnowledgeBase, row: dict[str, Any]) -> None:
    iso3 = row["iso3"]
    kb.countries[iso3] = Country(iso3, row["name"], row["official"])
    place = Entry(PLACE, row["name"], iso3, None)
    kb.add(place, [row["name"], row["official"], *row.get("aliases", [])])
    for word in (*row.get("adjectives", []), *row.get("plurals", [])):
        kb.demonyms.setdefault(key(word), iso3)
    if row.get("capital_metonym", True):
        for capital in row.get("capitals", []):
            kb.add(Entry(CAPITAL, capital, iso3, "GOV"), [capital])
    for seat, sector in (row.get("seats") or {}).items():
        kb.add(Entry(SEAT, seat, iso3, sector), [seat])


def read_places(path: Path) -> list[tuple[str, str, str]]:
    """Rows of ``places.csv`` (name, country, kind), skipping its ``#`` comments and header."""
    with path.open(encoding="utf-8", newline="") as fh:
        rows = csv.reader(line for line in fh if not line.startswith("#"))
        next(rows)
        return [(name, country, kind) for name, country, kind in rows]


def org_entry(row: dict[str, Any]) -> tuple[Entry, list[str]]:
    """An organisation row of ``organisations.yaml`` as an entry and the names it goes by."""
    terms = tuple(
        Term(t.get("country", row["country"]), t.get("sector"), t.get("start"), t.get("end"))
        for t in row.get("terms", [])
    )
    entry = Entry(
        ORG,
        row["name"],
        row["country"],
        row.get("sector"),
        row.get("wikidata"),
        terms,
        row.get("org"),
    )
    return entry, [row["name"], *row.get("aliases", [])]


def person_entry(row: dict[str, Any]) -> tuple[Entry, list[str]]:
    """A person row of ``people.yaml`` as an entry and the names they go by.

    Offices are ``[title, country, start, end]`` lists with an optional fifth item, the
    sector (GOV unless given); an open ``end`` means still in office.
    """
    terms = tuple(
        sorted(
            (
                Term(o[1], o[4] if len(o) > 4 else "GOV", o[2], o[3], o[0])
                for o in row.get("offices", [])
            ),
            key=lambda t: t.start or dt.date.min,
        )
    )
    country = row.get("country") or (terms[0].country if terms else None)
    entry = Entry(PERSON, row["name"], country, None, row.get("wikidata"), terms)
    return entry, [row["name"], *row.get("aliases", [])]


def read_overrides(path: Path) -> Iterator[tuple[Entry, list[str]]]:
    """Entries from a user's YAML or CSV override file (see :func:`load_knowledge`)."""
    if path.suffix.lower() == ".csv":
        with path.open(encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                yield _csv_entry(row)
        return
    for row in read_yaml(path) or []:
        if "offices" in row:
            yield person_entry(row)
        else:
            yield org_entry({"country": None, **row})


def _csv_entry(row: dict[str, str]) -> tuple[Entry, list[str]]:
    def val(name: str) -> str | None:
        return (row.get(name) or "").strip() or None

    def date(name: str) -> dt.date | None:
        value = val(name)
        return dt.date.fromisoformat(value) if value else None

    aliases = [a.strip() for a in (val("aliases") or "").split(";") if a.strip()]
    name = val("name")
    if name is None:
        raise ValueError(f"override row without a name: {row}")
    country, sector = val("country"), val("sector")
    start, end, title = date("start"), date("end"), val("title")
    if title or start or end:
        term = Term(country or "", sector or "GOV", start, end, title)
        entry = Entry(PERSON, name, country, None, val("wikidata"), (term,))
    else:
        entry = Entry(ORG, name, country, sector, val("wikidata"))
    return entry, [name, *aliases]


class _UniqueKeyLoader(yaml.CSafeLoader):
    """A YAML loader that refuses a mapping with the same key twice."""

    def construct_mapping(self, node: Any, deep: bool = False) -> dict[Any, Any]:
        seen = set()
        for key_node, _ in node.value:
            k = self.construct_object(key_node, deep=deep)
            if k in seen:
                raise ValueError(f"duplicate key {k!r} at line {key_node.start_mark.line + 1}")
            seen.add(k)
        return super().construct_mapping(node, deep=deep)


def read_yaml(path: Path, strict: bool = False) -> Any:
    """Parse a YAML data file; ``strict`` also refuses duplicate keys (the data tests use
    it; loading at run time skips the check, which costs a third of the parse)."""
    with path.open(encoding="utf-8") as fh:
        return yaml.load(fh, Loader=_UniqueKeyLoader if strict else yaml.CSafeLoader)
