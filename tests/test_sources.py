"""Attribution: names, pronouns, organisations and source types."""

from __future__ import annotations

from extractors.claims.sources import SourceBook, find_attributions, type_of


def _read(*sentences: str) -> list[list[tuple[tuple[str, ...], str]]]:
    book = SourceBook()
    return [[(a.names, a.source_type) for a in find_attributions(s, book)] for s in sentences]


def test_inverted_said_with_role_then_pronoun_and_surname() -> None:
    out = _read(
        '"Most of them went south," said Lena Marsh, a senior analyst at the Harbor Institute.',
        '"They are regrouping," she told reporters.',
        "In the north, Marsh said, several hundred remain.",
    )
    assert out[0] == [(("Lena Marsh", "Harbor Institute"), "research")]
    assert out[1] == [(("Lena Marsh", "Harbor Institute"), "research")]
    assert out[2] == [(("Lena Marsh", "Harbor Institute"), "research")]


def test_unnamed_and_local_sources() -> None:
    assert _read("About 200 fighters crossed the river, experts say.") == [
        [(("experts",), "unnamed")]
    ]
    assert _read("Villagers say dozens of militants left at night.") == [
        [(("Villagers",), "local")]
    ]


def test_according_to_and_media() -> None:
    assert _read("According to the interior ministry, 40 returned.") == [
        [(("interior ministry",), "government")]
    ]
    assert _read("Local reports suggest hundreds escaped.")[0][0] == (
        ("Local reports",),
        "media",
    )


def test_acronym_defined_then_used_with_an_anaphor() -> None:
    out = _read(
        "The Northern Valley Monitoring Network (NVMN) tracks the camps.",
        "The group said 30 men were moved.",
    )
    assert out[1] == [(("Northern Valley Monitoring Network",), "monitor")]


def test_quoted_words_are_not_attributions() -> None:
    assert _read('"He said nothing about the men," the official added.') == [
        [(("the official",), "government")]
    ]


def test_type_cues() -> None:
    assert type_of("a spokesman for the Kurdish-led militia") == "armed_group"
    assert type_of("the defence ministry") == "military"
    assert type_of("UN investigators") == "monitor"
    assert type_of("a professor of politics") == "research"
    assert type_of("the newspaper") == "media"
    assert type_of("residents") == "local"
    assert type_of("sources") == "unnamed"
    assert type_of("the weather") is None
