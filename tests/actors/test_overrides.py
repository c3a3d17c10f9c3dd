"""User overrides add or correct actors without a code change (Settings.actor_overrides)."""

from __future__ import annotations

import datetime as dt

from tidings.extract.actors import resolve_actors
from tidings.knowledge import load_knowledge
from tidings.nlp import parse
from tidings.records import Article

TEXT = "Mayor Anna Kowalczyk met the Riverside Tenants Union and Barack Obama."


def _codes(kb, published: str) -> dict[str, tuple[str | None, str | None]]:
    doc = parse(TEXT)
    actors = resolve_actors(doc, Article("o", TEXT, published=dt.date.fromisoformat(published)), kb)
    return {e.text: (e.actor.country, e.actor.sector) for e in actors.entities if e.actor}


def test_yaml_overrides_add_people_and_organisations(tmp_path) -> None:
    path = tmp_path / "actors.yaml"
    path.write_text(
        "- name: Anna Kowalczyk\n"
        "  aliases: [Kowalczyk]\n"
        "  offices:\n"
        "  - [Mayor of Gdynia, POL, 2019-01-01, null]\n"
        "- {name: Riverside Tenants Union, country: POL, sector: LAB}\n"
        "- name: Barack Obama\n"
        "  offices:\n"
        "  - [Special Envoy, USA, 2018-01-01, null]\n",
        encoding="utf-8",
    )
    before = _codes(load_knowledge(), "2020-05-01")
    after = _codes(load_knowledge(str(path)), "2020-05-01")
    assert before["Anna Kowalczyk"] == (None, "GOV")
    assert after["Anna Kowalczyk"] == ("POL", "GOV")
    assert after["Riverside Tenants Union"] == ("POL", "LAB")
    assert before["Barack Obama"] == ("USA", "ELI")
    assert after["Barack Obama"] == ("USA", "GOV")  # corrected, not added beside


def test_csv_overrides(tmp_path) -> None:
    path = tmp_path / "actors.csv"
    path.write_text(
        "name,country,sector,aliases,start,end,title,wikidata\n"
        "Anna Kowalczyk,POL,GOV,Kowalczyk,2019-01-01,,Mayor of Gdynia,\n"
        "Riverside Tenants Union,POL,LAB,RTU,,,,\n",
        encoding="utf-8",
    )
    after = _codes(load_knowledge(str(path)), "2020-05-01")
    assert after["Anna Kowalczyk"] == ("POL", "GOV")
    assert after["Riverside Tenants Union"] == ("POL", "LAB")
    assert _codes(load_knowledge(str(path)), "2018-05-01")["Anna Kowalczyk"] == ("POL", "GOV")


def test_settings_carry_the_override_file(tmp_path, monkeypatch) -> None:
    from tidings.config import load_settings
    from tidings.resources import load_resources

    path = tmp_path / "actors.yaml"
    path.write_text("- {name: Riverside Tenants Union, country: POL, sector: LAB}\n")
    monkeypatch.setenv("TIDINGS_ACTOR_OVERRIDES", str(path))
    kb = load_resources(load_settings()).kb
    assert kb.lookup("Riverside Tenants Union").country == "POL"
