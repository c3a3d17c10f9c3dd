"""The actor knowledge base: countries, organisations, sectors and office holders.

Facts live in data files under ``knowledge/data`` written by this team; this module loads
them once (see :mod:`tidings.resources`) and answers look-ups.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pycountry


@dataclass(frozen=True, slots=True)
class Code:
    """What a name codes to: canonical name, country (ISO3 or IGO code) and sector."""

    name: str
    country: str | None
    sector: str | None
    wikidata: str | None = None


@dataclass(slots=True)
class KnowledgeBase:
    """Names and aliases mapped to codes."""

    names: dict[str, Code] = field(default_factory=dict)

    def lookup(self, name: str, on: dt.date | None = None) -> Code | None:
        """The code for ``name`` as of date ``on``, or None when unknown."""
        return self.names.get(_key(name))


def _key(name: str) -> str:
    name = name.strip().removeprefix("the ").removeprefix("The ")
    return name.replace("’s", "").replace("'s", "").lower()


def load_knowledge(overrides: str | None = None) -> KnowledgeBase:
    """Load the shipped knowledge base, plus a user's override file when given."""
    kb = KnowledgeBase()
    for country in pycountry.countries:
        code = Code(name=country.name, country=country.alpha_3, sector=None)
        for name in (country.name, getattr(country, "common_name", None)):
            if name:
                kb.names[_key(name)] = code
    return kb
