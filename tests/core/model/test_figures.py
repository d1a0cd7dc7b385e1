"""The figures a text states: amounts, percentages, counts and years, found once each."""

from __future__ import annotations

from assistant.core.model.figures import figures_in


def found(text: str, **kwargs) -> list[tuple[str, str]]:
    return [(f.text, f.kind) for f in figures_in(text, **kwargs)]


def test_counts_percentages_amounts_and_years_in_running_text():
    text = (
        "Projektet ska nå 120 deltagare, varav 40 % kvinnor. 2,5 tjänster finansieras med "
        "1 200 000 kr under 2027. 30 nya unga vuxna deltar och 60 procent går vidare."
    )
    assert found(text) == [
        ("120 deltagare", "count"),
        ("40 %", "percent"),
        ("2,5 tjänster", "count"),
        ("1 200 000 kr", "amount"),
        ("2027", "year"),
        ("30 nya unga vuxna", "count"),
        ("60 procent", "percent"),
    ]


def test_the_longest_reading_of_a_spot_wins_and_positions_point_into_the_text():
    text = "Kostnaden är 2 000 000 kr, alltså 1,4 mkr per år för 1 100 personer."
    figures = figures_in(text)
    assert [(f.text, f.kind) for f in figures] == [
        ("2 000 000 kr", "amount"),
        ("1,4 mkr", "amount"),
        ("1 100 personer", "count"),
    ]
    assert all(text[f.start : f.end] == f.text for f in figures)


def test_numbers_that_are_not_figures_of_the_project_are_left_alone():
    text = "Se avsnitt 3.2 och fas 1. Telefon 046-35 50 00. Version 2,1 av planen, bilaga 4."
    assert found(text, years=False) == []


def test_years_can_be_left_out_and_dates_are_not_years():
    assert found("Under 2027 får 12 deltagare stöd.", years=False) == [("12 deltagare", "count")]
    assert ("2027", "year") not in found("Start 2027-01-01.")
