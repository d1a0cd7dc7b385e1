"""Dates: the one module that reads them, from running text, a typed field or a TOML value."""

from __future__ import annotations

import datetime as dt

import pytest

from assistant.core.model.dates import date_value, find_period, format_date_sv, iso_date, parse_date

D = dt.date


@pytest.mark.parametrize(
    "text,expected",
    [
        ("2027-03-01", D(2027, 3, 1)),
        ("Start **2027-03-01**", D(2027, 3, 1)),
        ("1 mars 2027", D(2027, 3, 1)),
        ("31 dec 2016", D(2016, 12, 31)),
        ("den 1 april. 2020", D(2020, 4, 1)),
        ("1 aprill 2020", None),  # not a month
        ("2020-02-30", None),  # not a day
        ("30 februari 2020", None),
        ("mars 2027", None),  # a month only when the caller asks for one
        ("ingen dag här", None),
    ],
)
def test_a_whole_date_in_running_text(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    "text,first,last",
    [
        ("mars 2027", D(2027, 3, 1), D(2027, 3, 31)),
        ("feb. 2028", D(2028, 2, 1), D(2028, 2, 29)),
        ("2027-03", D(2027, 3, 1), D(2027, 3, 31)),
        ("under februari 2023 och senare", D(2023, 2, 1), D(2023, 2, 28)),
        ("1 mars 2027", D(2027, 3, 1), D(2027, 3, 1)),  # a whole date wins
        ("2027-13", None, None),
        ("2014-2017", None, None),
    ],
)
def test_a_month_is_its_first_or_last_day_as_asked(text, first, last):
    assert parse_date(text, month="first") == first
    assert parse_date(text, month="last") == last


def test_the_period_of_a_tidsplan():
    assert find_period("Startdatum: 1 april 2020\nSlutdatum: 2022-03-31") == (D(2020, 4, 1), D(2022, 3, 31))
    assert find_period("Startdatum: mars 2021\nSlutdatum: februari 2023") == (None, None)
    assert find_period("Startdatum: mars 2021\nSlutdatum: februari 2023", months=True) == (
        D(2021, 3, 1),
        D(2023, 2, 28),
    )
    assert find_period("Projektet pågår mars 2021 – februari 2023.", months=True) == (D(2021, 3, 1), D(2023, 2, 28))
    assert find_period("från 1 april 2020 till 31 mars 2022", months=True) == (D(2020, 4, 1), D(2022, 3, 31))
    assert find_period("Projektet pågår mars 2021 – februari 2023.") == (None, None)


def test_a_typed_iso_date_and_a_toml_value():
    assert iso_date(" 2026-01-31 ") == D(2026, 1, 31) and iso_date("31/1 2026") is None and iso_date("") is None
    assert date_value(D(2026, 1, 31)) == D(2026, 1, 31)
    assert date_value(dt.datetime(2026, 1, 31, 12, 0)) == D(2026, 1, 31)
    assert date_value("2026-01-31") == D(2026, 1, 31)
    assert date_value(None) is None and date_value("") is None
    for bad in ("2026-02-30", "  ", 2026, ["2026-01-01"]):
        with pytest.raises(ValueError):
            date_value(bad)


def test_swedish_date_text():
    assert format_date_sv(D(2027, 3, 1)) == "1 mars 2027"
    assert parse_date(format_date_sv(D(2016, 12, 31))) == D(2016, 12, 31)
