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


def test_role_before_name_is_learnt_for_the_surname() -> None:
    out = _read(
        "A regional police official, Sami Haroun, said dozens were held.",
        '"We know where they are," Haroun said.',
        "Army spokesman Colonel Rafik Nader said 20 surrendered.",
        "Nader told reporters that 12 more escaped.",
    )
    assert out[0] == [(("Sami Haroun",), "government")]
    assert out[1] == [(("Sami Haroun",), "government")]
    assert out[2] == [(("Rafik Nader",), "military")]
    assert out[3] == [(("Rafik Nader",), "military")]


def test_source_span_stops_at_the_verb() -> None:
    out = _read("Some 80 left, a UN panel of experts said in a report published on Friday.")
    assert out == [[(("a UN panel of experts",), "monitor")]]
    assert _read("Dozens fled, the ministry said in a statement.")[0][0][1] == "government"


def test_inner_source_phrase_wins() -> None:
    assert _read("According to data from the defence ministry, 50 surrendered.") == [
        [(("defence ministry",), "military")]
    ]


def test_participle_takes_the_clause_subject() -> None:
    out = _read("Colonel Tom Reed of the border guard dismissed the claim, saying 40 were held.")
    assert out == [[(("Tom Reed",), "military")]]
    out = _read("Turkey has not confirmed it, adding that 12 were caught.")
    assert out == [[(("Turkey",), "government")]]


def test_unintroduced_surname_and_named_then_surname() -> None:
    out = _read(
        "Most escaped, said Dana Price of the Meridian Group.",
        "Price said the rest were killed.",
        "Eleven were caught, Okafor told reporters.",
    )
    assert out[1] == [(("Dana Price",), "research")]
    assert out[2] == [(("Okafor",), "research")]


def test_single_word_organisation_and_titles_are_not_organisations() -> None:
    out = _read("Most fled, Omar Aziz, a spokesman for the Peshmerga, told reporters.")
    assert out == [[(("Omar Aziz", "Peshmerga"), "armed_group")]]
    out = _read("Ten returned, Iraqi Deputy Interior Minister Adel Rashid said.")
    assert out == [[(("Adel Rashid",), "government")]]
    assert _read("Many escaped, said a senior Western diplomat.") == [
        [(("a senior Western diplomat",), "unnamed")]
    ]


def test_title_before_a_name_types_the_person_and_their_surname() -> None:
    out = _read(
        "Forty men were held, President Ana Velho said.",
        "Velho said twelve more escaped.",
        "Transport Minister Karim al-Hadi announced that 30 returned.",
        "Al-Hadi added that 10 were jailed.",
        "Most fled, said Col. Piet Vos.",
    )
    assert out[0] == [(("Ana Velho",), "government")]
    assert out[1] == [(("Ana Velho",), "government")]
    assert out[2] == [(("Karim al-Hadi",), "government")]
    assert out[3] == [(("Karim al-Hadi",), "government")]
    assert out[4] == [(("Piet Vos",), "military")]


def test_definite_description_stands_for_the_fuller_mention() -> None:
    out = _read(
        "Twenty were jailed, a provincial police official said.",
        "Eight more escaped, the official added.",
        "A regional news website, Coast Herald, reported that 30 fled.",
        "The local outlet added that 12 were caught.",
    )
    assert out[1] == [(("a provincial police official",), "government")]
    assert out[2] == [(("Coast Herald",), "media")]
    assert out[3] == [(("Coast Herald",), "media")]


def test_a_bare_plural_is_not_the_fuller_mention() -> None:
    out = _read("Officials said 40 were held.", "The official said 12 escaped.")
    assert out[1] == [(("The official",), "government")]


def test_report_named_by_its_author_then_the_report() -> None:
    out = _read(
        "Up to 900 remain, according to a study that the border monitoring mission released.",
        "Most are hiding in the hills, said the study.",
    )
    assert out[0] == [(("border monitoring mission",), "monitor")]
    assert out[1] == [(("border monitoring mission",), "monitor")]


def test_relative_clause_between_source_and_verb() -> None:
    out = _read("An army officer, who oversaw the transfer of the men, said 50 were moved.")
    assert out == [[(("An army officer",), "military")]]


def _sources(text: str) -> list[tuple[str, tuple[str, ...]]]:
    from extractors.claims import extract_claims

    return [(c.sentence[:12], c.source) for c in extract_claims("t", text)]


def test_figures_after_a_named_report_keep_its_source_within_the_paragraph() -> None:
    text = (
        "According to the Harbor Institute, 4,000 Islamic State fighters were captured in 2019. "
        "Another 1,200 fighters were killed in the fighting.\n\n"
        "Some 300 Islamic State fighters were captured last week."
    )
    assert _sources(text) == [
        ("According to", ("Harbor Institute",)),
        ("Another 1,20", ("Harbor Institute",)),
        ("Some 300 Isl", ("author",)),
    ]


def test_a_crowd_opinion_or_a_sentence_without_figures_ends_the_run() -> None:
    text = (
        "Many analysts believe 5,000 Islamic State fighters were captured. "
        "Another 1,200 fighters were killed.\n\n"
        "The Harbor Institute said 4,000 Islamic State fighters were captured. "
        "The war went on for years. "
        "Another 900 fighters were killed."
    )
    assert [s for _, s in _sources(text)] == [
        ("Many analysts",),
        ("author",),
        ("The Harbor Institute",),
        ("author",),
    ]


def test_titled_name_is_learnt_where_it_first_appears() -> None:
    out = _read(
        "The decree from Freedonian President Rufus Tallow arrived on Monday.",
        "Tallow noted that 40 had returned.",
        "Fifty were held, according to Security Adviser Hadi al-Sarraf.",
        "al-Sarraf added that ten escaped.",
    )
    assert out[1] == [(("Rufus Tallow",), "government")]
    assert out[3] == [(("Hadi al-Sarraf",), "government")]


def test_role_in_the_organisation_named_before_and_acronym_before_a_comma() -> None:
    out = _read(
        "The Free Hills Front (FHF) said it holds 300 men.",
        "Ten escaped, said Tom Aldo, another spokesman for the group.",
        "The head of the Border Police Bureau (BPB), Ines Marr, stated that 90 were held.",
    )
    assert out[1] == [(("Tom Aldo",), "armed_group")]
    assert out[2] == [(("Ines Marr", "Border Police Bureau"), "government")]


def test_named_outlet_keeps_its_name() -> None:
    out = _read(
        "The Egyptian Morning Star newspaper reported that 12 were held.",
        "Morning Star said the men were deported.",
        "The state-run Vox news agency said 5 fled.",
    )
    assert out[1] == [(("Morning Star",), "media")]
    assert out[2] == [(("The state-run Vox news agency",), "media")]


def test_quotation_takes_the_speaker_named_at_its_close_across_paragraphs() -> None:
    text = (
        "A border source said 30 Islamic State fighters were captured.\n\n"
        "“Another 40 Islamic State fighters escaped to the hills.\n\n"
        "“We do not know where they went,” he said."
    )
    assert [s for _, s in _sources(text)] == [("A border source",), ("A border source",)]


def test_quotation_paragraph_after_a_quoted_speaker_is_still_theirs() -> None:
    text = (
        "“The hearing lasted all day,” the judge said.\n\n"
        "“Forty Islamic State fighters were jailed.”\n\n"
        "Another 20 Islamic State fighters were jailed in 2019."
    )
    assert [s for _, s in _sources(text)] == [("the judge",), ("author",)]


def test_sentence_starting_inside_a_quotation_keeps_its_speaker_after_the_close() -> None:
    out = _read('they will be caught soon," Col. Ada Stone, an army commander, told reporters.')
    assert out == [[(("Ada Stone",), "military")]]


def _counterparts(sentence: str) -> list[tuple[str, str | None]]:
    from extractors.claims.counterparts import find_counterpart
    from extractors.claims.fates import find_fate_cues

    return [(c.fate, find_counterpart(sentence, c.fate, c.end)) for c in find_fate_cues(sentence)]


def test_counterpart_is_the_subject_of_an_active_fate_verb() -> None:
    assert _counterparts("Jordan has repatriated 40 women from the camps in Syria.") == [
        ("returned", "Jordan")
    ]
    assert _counterparts("The official said its administration was holding 300 fighters.") == [
        ("detained", "its administration")
    ]
    assert _counterparts(
        "The official said the Free Hills Forces (FHF) have handed over 90 men, who will "
        "now face trial in Jordanian courts."
    )[0] == ("detained", "Free Hills Forces")
    assert _counterparts("Egypt was taking back a woman who had joined the group.")[0] == (
        "returned",
        "Egypt",
    )


def test_counterpart_of_a_coordinated_verb_is_the_sentence_subject() -> None:
    sentence = "The YPG is now pushing into the last villages near the river, and has detained 30."
    assert ("detained", "YPG") in _counterparts(sentence)


def test_passive_subject_and_loose_markers_are_not_counterparts() -> None:
    assert _counterparts("Forty militants were arrested in Amman.") == [("detained", None)]
    assert _counterparts("Those killed are Sheikh Omar of Tallara and two others.") == [
        ("killed", None)
    ]


def test_holder_of_the_custody_is_the_counterpart() -> None:
    assert _counterparts("One of the men is in police custody in Paris.") == [
        ("detained", "police")
    ]


def test_state_that_reports_its_own_action_and_aircraft_as_actors() -> None:
    sentence = "Greece said 12 foreign militants were arrested and would be deported."
    assert ("detained", "Greece") in _counterparts(sentence)
    sentence = "French warplanes struck a camp in the desert, killing 30 militants."
    assert _counterparts(sentence) == [("killed", "French warplanes")]


def test_outlets_statements_asides_and_the_group_itself() -> None:
    out = _read(
        "Some 200 came home, Harbor Daily reports.",
        "“The families are safe,” the statement from President Lea Kurz read.",
        "He read the list of names.",
        "“Ninety were sent back,” Omar Hadi, who heads the interior ministry’s border unit, said.",
        "IS claimed the attack on the checkpoint.",
        "Ten were killed, a security source said.",
    )
    assert out[0] == [(("Harbor Daily",), "media")]
    assert out[1] == [(("Lea Kurz",), "government")]
    assert out[2] == []
    assert out[3][0][1] == "government"
    assert out[4] == [(("IS",), "armed_group")]
    assert out[5] == [(("a security source",), "military")]


def test_the_experts_are_the_experts_named_before() -> None:
    out = _read("UN experts said 300 remain.", "Most are in the desert, the experts said.")
    assert out[1] == [(("UN experts",), "monitor")]


def test_a_source_of_figures_ending_a_paragraph_runs_into_the_next() -> None:
    text = (
        "The war ended in 2019. According to ministry figures, 900 Islamic State fighters "
        "returned home.\n\n"
        "In all, 300 Islamic State fighters were killed.\n\n"
        "The minister said 50 Islamic State fighters were jailed.\n\n"
        "Another 40 Islamic State fighters were killed."
    )
    assert [s for _, s in _sources(text)] == [
        ("ministry figures",),
        ("ministry figures",),
        ("The minister",),
        ("author",),
    ]


def test_accented_names_and_a_title_abbreviation_inside_the_source() -> None:
    out = _read("Ten men remain in the town, army chief Gen. José Peña said Monday.")
    assert out == [[(("José Peña",), "military")]]


def test_the_group_acronym_in_a_source_phrase_is_not_a_verb() -> None:
    out = _read("Troops fighting IS have reported the arrests of hundreds of jihadists.")
    assert out == [[(("Troops fighting IS",), "military")]]


def test_a_quotation_opened_after_a_source_is_theirs_who_close_it() -> None:
    text = (
        "Some 200 Islamic State fighters returned, Harbor Daily reports. “On my orders, 90 "
        "Islamic State fighters were repatriated. They are safe,” the statement from President "
        "Lea Kurz read."
    )
    assert [s for _, s in _sources(text)] == [("Harbor Daily",), ("Lea Kurz",)]


def test_attacks_claimed_by_the_group_are_not_its_report() -> None:
    out = _read("Officials said the attacks, claimed by Islamic State, killed ten.")
    assert out == [[(("Officials",), "government")]]


def test_an_administration_led_by_a_militia_governs() -> None:
    assert type_of("co-chair of foreign relations for the Kurdish-led region") == "government"
    assert type_of("the Kurdish-led administration") == "government"
    assert type_of("a Kurdish-led militia") == "armed_group"


def test_surname_with_a_role_appositive_is_the_next_he() -> None:
    out = _read(
        "The mayor of the town, Rami Haddad, said the planes struck at dawn.",
        "“We are counting,” said Col. Ann Lee, spokeswoman for the command.",
        "Haddad, the town mayor, said the building was hit.",
        "Ten militants were among the dead, he said.",
    )
    assert out[2] == [(("Rami Haddad",), "government")]
    assert out[3] == [(("Rami Haddad",), "government")]


def test_a_country_that_saw_something_is_not_a_witness() -> None:
    assert _read("Norway saw more of its citizens leave than Sweden.") == [[]]
    assert _read("Reporters saw the bodies of 20 militants.") == [[(("Reporters",), "media")]]


def test_widows_are_local_and_a_witness_starts_no_run_of_figures() -> None:
    assert type_of("a group of foreign widows of fighters") == "local"
    text = (
        "Three widows told the court they were fooled into joining Islamic State. "
        "The state has detained 560 Islamic State women."
    )
    assert [s for _, s in _sources(text)][-1] == ("author",)


def test_a_long_relative_clause_after_the_source_noun_is_dropped() -> None:
    out = _read(
        "One of the truck drivers who carried the families out of the besieged old town "
        'revealed: "We took 300 people."'
    )
    assert out == [[(("One of the truck drivers",), "local")]]


def test_counterpart_of_a_relative_clause_is_its_antecedent() -> None:
    sentence = "Locals speak of smuggling networks who have smuggled IS members to the border."
    assert _counterparts(sentence) == [("fled", "smuggling networks")]


def test_a_participle_aside_between_a_report_and_its_verb() -> None:
    out = _read("An army report, released on Monday, reveals that 40 fled.")
    assert out == [[(("An army report",), "military")]]


def test_who_announces_or_receives_a_surrender_is_its_counterpart() -> None:
    sentence = "The Chadian army, however, announced the surrender of 40 militants on Monday."
    assert _counterparts(sentence) == [("surrendered", "Chadian army")]


def test_he_is_the_person_introduced_with_a_role_when_no_one_spoke_yet() -> None:
    out = _read(
        "The figure came from Omar Duale, an adviser to the regional president.",
        "He said that 12 foreign fighters were killed.",
    )
    assert out[1] == [(("Omar Duale",), "government")]


def test_a_minister_revealing_the_details_keeps_the_next_paragraphs_figures() -> None:
    text = (
        "Interior Minister Ana Rios revealed the details of the crackdown on Monday.\n\n"
        "The raids led to the arrest of 40 Islamic State suspects."
    )
    assert [s for _, s in _sources(text)] == [("Ana Rios",)]


def test_defined_organisation_with_an_appositive_and_anaphors_of_its_kind() -> None:
    out = _read(
        "Speaking to reporters, the governor said 20 surrendered.",
        "The ministry said in a statement 10 returned.",
        "The Levant Rights Observatory (LRO), a Paris-based war monitor, said 90 fled.",
        "The watchdog said 4 fled.",
        "A report by the Meridian Center found that 60 returned.",
    )
    assert out[1] == [(("The ministry",), "government")]
    assert out[2] == [(("Levant Rights Observatory",), "monitor")]
    assert out[3] == [(("Levant Rights Observatory",), "monitor")]
    assert out[4] == [(("Meridian Center",), "research")]


def test_a_coordinated_verb_of_saying_has_the_sentence_subject() -> None:
    assert _read("The army killed 20 militants and said 30 more fled.") == [
        [(("The army",), "military")]
    ]
    out = _read("Rami had phoned his mother, Dina Saleh, and claimed to have escaped.")
    assert out == [[(("Rami",), "research")]]


def test_places_and_verbs_are_not_taken_for_actors() -> None:
    assert _counterparts("In 2019, 300 families were moved to the Harran camp in the north.") == [
        ("relocated", None)
    ]
    sentence = "Women who traveled to IS-controlled areas were detained on their return."
    assert ("detained", None) in _counterparts(sentence)
    sentence = "Some 30 women are held in a camp in Syria after rebels drove the group out."
    assert _counterparts(sentence)[0] == ("detained", None)


def test_the_spokesman_is_the_named_spokesman_and_told_takes_no_source_after_it() -> None:
    out = _read(
        "Forty surrendered, the army spokesman, Brig. Gen. Omar Saadi, told state TV.",
        "“We have detained 30,” the spokesman told Reuters.",
        "Saadi added that 12 more were arrested.",
    )
    assert out[0] == [(("Omar Saadi",), "military")]
    assert out[1] == [(("Omar Saadi",), "military")]
    assert out[2] == [(("Omar Saadi",), "military")]


def test_the_groups_own_outlets_are_armed_group_sources() -> None:
    assert type_of("the group's Amaq news agency") == "armed_group"


def test_participle_subject_stops_at_a_verb_of_saying() -> None:
    out = _read("Army officials say the campaign is working, claiming 70 percent were killed.")
    assert out[0][-1] == (("Army officials",), "military")


def test_who_struck_them_is_the_counterpart_of_a_killing() -> None:
    assert _counterparts("Forty militants were killed in French air strikes near Gao.") == [
        ("killed", "French air strikes")
    ]
