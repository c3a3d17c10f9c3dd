"""The seed article (HuffPost, 2018-05-24): every named actor of the issue coded right."""

from __future__ import annotations

TARGETS = {
    "Donald Trump": ("USA", "GOV"),
    "Kim Jong Un": ("PRK", "GOV"),
    "Moon Jae-in": ("KOR", "GOV"),
    "John Bolton": ("USA", "GOV"),
    "Pyongyang": ("PRK", "GOV"),
    "Seoul": ("KOR", "GOV"),
    "Beijing": ("CHN", "GOV"),
    "Washington": ("USA", "GOV"),
}


def test_seed_actors(seed_extraction) -> None:
    coded: dict[str, set[tuple[str | None, str | None]]] = {}
    for e in seed_extraction.entities:
        if e.actor is not None:
            coded.setdefault(e.actor.name, set()).add((e.actor.country, e.actor.sector))
    for name, expected in TARGETS.items():
        assert coded.get(name) == {expected}, name


def test_seed_surnames_resolve_to_full_names(seed_extraction) -> None:
    names = {e.text: e.actor.name for e in seed_extraction.entities if e.label == "PERSON"}
    assert names["Kim"] == "Kim Jong Un"
    assert names["Trump"] == "Donald Trump"
    assert names["Narang"] == "Vipin Narang"


def test_seed_unknown_experts_are_not_guessed(seed_extraction) -> None:
    for e in seed_extraction.entities:
        if e.text in ("Vipin Narang", "Stephen Schwartz", "Van Jackson"):
            assert e.actor is not None and e.actor.country is None
