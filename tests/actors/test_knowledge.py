"""The knowledge base files: valid codes, unique keys, ordered dates; and the loader."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pycountry
import pytest

from tidings.knowledge import (
    DATA,
    KnowledgeBase,
    org_entry,
    person_entry,
    read_places,
    read_yaml,
)

INTERNATIONAL = {"IGO", "NGO", "IMG"}
NOT_ISO = {"XKX"}  # Kosovo: the user-assigned code ISO 3166 reserves for it


def valid_country(code: str) -> bool:
    return code in INTERNATIONAL or code in NOT_ISO or pycountry.countries.get(alpha_3=code)


@pytest.fixture(scope="module")
def sectors() -> dict:
    return read_yaml(DATA / "sectors.yaml", strict=True)


def test_yaml_files_have_no_duplicate_keys() -> None:
    for name in ("countries.yaml", "organisations.yaml", "people.yaml", "sectors.yaml"):
        assert read_yaml(DATA / name, strict=True)


def test_duplicate_keys_are_refused(tmp_path) -> None:
    path = tmp_path / "dup.yaml"
    path.write_text("- {name: A, country: USA, country: GBR}\n", encoding="utf-8")
    with pytest.raises(ValueError, match="duplicate key"):
        read_yaml(path, strict=True)


def test_every_country_is_iso3_and_listed_once() -> None:
    rows = read_yaml(DATA / "countries.yaml", strict=True)
    codes = [r["iso3"] for r in rows]
    assert len(codes) == len(set(codes))
    assert all(valid_country(c) for c in codes)
    assert {c.alpha_3 for c in pycountry.countries} <= set(codes)
    for row in rows:
        assert row["name"] and row["official"]
        for sector in (row.get("seats") or {}).values():
            assert sector in ("GOV", "MIL", "LEG", "SPY")


def test_countries_carry_aliases_demonyms_and_seats(kb: KnowledgeBase) -> None:
    assert kb.lookup("the U.S.").country == "USA"
    assert kb.lookup("DPRK").country == "PRK"
    assert kb.demonym("North Korean") == "PRK" and kb.demonym("Americans") == "USA"
    for seat, country, sector in [
        ("Pyongyang", "PRK", "GOV"),
        ("Washington", "USA", "GOV"),
        ("the Kremlin", "RUS", "GOV"),
        ("the White House", "USA", "GOV"),
        ("Downing Street", "GBR", "GOV"),
        ("the Pentagon", "USA", "MIL"),
        ("the Blue House", "KOR", "GOV"),
    ]:
        found = kb.lookup(seat)
        assert (found.country, found.sector) == (country, sector), seat


def test_sector_codes_and_words_are_valid(sectors: dict) -> None:
    codes = set(sectors["codes"])
    assert {"GOV", "MIL", "COP", "JUD", "LEG", "PTY", "REB", "OPP", "BUS", "MED"} <= codes
    assert {"JRN", "EDU", "CVL", "REL", "LAB", "REF", "SPY"} <= codes
    for table in ("nouns", "titles"):
        assert set(sectors[table]) <= codes
        words = Counter(w.lower() for ws in sectors[table].values() for w in ws)
        assert not [w for w, n in words.items() if n > 1], f"{table} with two sectors"


def test_organisations_have_valid_codes(sectors: dict) -> None:
    names: Counter[str] = Counter()
    for row in read_yaml(DATA / "organisations.yaml", strict=True):
        entry, aliases = org_entry(row)
        assert valid_country(entry.country), entry.name
        assert entry.sector is None or entry.sector in sectors["codes"], entry.name
        for term in entry.terms:
            assert valid_country(term.country) and term.sector in sectors["codes"]
        names.update({a.lower() for a in aliases})
    assert not [n for n, k in names.items() if k > 1], "a name shared by two organisations"


def test_people_have_valid_dated_offices(sectors: dict) -> None:
    people = [person_entry(row) for row in read_yaml(DATA / "people.yaml", strict=True)]
    full_names = Counter(entry.name for entry, _ in people)
    assert not [n for n, k in full_names.items() if k > 1]
    for entry, _ in people:
        assert entry.terms, entry.name
        for term in entry.terms:
            assert valid_country(term.country), entry.name
            assert term.sector in sectors["codes"], entry.name
            assert isinstance(term.start, dt.date), entry.name
            assert term.end is None or isinstance(term.end, dt.date), entry.name
            assert term.end is None or term.start < term.end, entry.name
            assert dt.date(1940, 1, 1) < term.start <= dt.date(2026, 12, 31), entry.name


def test_people_cover_the_required_countries() -> None:
    people = [person_entry(row)[0] for row in read_yaml(DATA / "people.yaml")]
    g20 = {"ARG", "AUS", "BRA", "CAN", "CHN", "FRA", "DEU", "IND", "IDN", "ITA", "JPN", "KOR"}
    g20 |= {"MEX", "RUS", "SAU", "ZAF", "TUR", "GBR", "USA"}
    required = g20 | {"PRK", "IRN", "ISR", "UKR", "SYR", "AFG"}
    heads = {t.country for p in people for t in p.terms if _is_head(t.title)}
    assert required <= heads
    foreign = {"Foreign Minister", "Foreign Secretary", "Secretary of State"}
    defence = {"Defence Minister", "Defence Secretary", "Secretary of Defense"}
    defence |= {"Armed Forces Minister", "Secretary of National Defense"}
    for country in sorted(required):
        titles = {t.title for p in people for t in p.terms if t.country == country}
        assert foreign & titles, country
        assert defence & titles, country


def _is_head(title: str | None) -> bool:
    heads = ("President", "Prime Minister", "Chancellor", "King", "Supreme Leader", "Leader")
    return title is not None and title.startswith(heads)


def test_places_rows_are_valid() -> None:
    rows = read_places(DATA / "places.csv")
    assert len(rows) > 10_000
    assert len({name for name, _, _ in rows}) == len(rows)
    assert all(valid_country(country) and kind in ("city", "region") for _, country, kind in rows)


def test_offices_follow_the_date(kb: KnowledgeBase) -> None:
    assert kb.lookup("Barack Obama", dt.date(2016, 5, 1)).sector == "GOV"
    assert kb.lookup("Barack Obama", dt.date(2018, 5, 1)).sector == "ELI"
    assert kb.lookup("Donald Trump", dt.date(2015, 5, 1)).sector is None
    assert kb.lookup("Moon Jae-in", dt.date(2018, 5, 24)).sector == "GOV"
    # The Taliban governed 1996-2001 and since August 2021.
    assert kb.lookup("Taliban", dt.date(2010, 1, 1)).sector == "REB"
    assert kb.lookup("Taliban", dt.date(2022, 1, 1)).sector == "GOV"
    # Without a date, terms are not filtered: a person keeps the latest office.
    assert kb.lookup("Barack Obama").sector == "GOV"


def test_ambiguous_names_follow_the_date(kb: KnowledgeBase) -> None:
    assert kb.find("Bush", dt.date(2003, 3, 20)).name == "George W. Bush"
    assert kb.find("Bush", dt.date(1991, 1, 17)).name == "George H. W. Bush"


def test_acronyms_match_case(kb: KnowledgeBase) -> None:
    assert kb.lookup("WHO").country == "IGO"
    assert kb.lookup("who") is None and kb.lookup("us") is None
