import datetime as dt

import pytest

from goldenthread.lib.periods import PeriodKind
from goldenthread.strategy.milestones import (
    INDICATOR_WORDS,
    due_of,
    indicator_code_for,
    indicator_code_named,
    read_milestone,
    split_milestones,
    value_of,
)


def texts(cell: str) -> list[str]:
    return [text for text, _ in split_milestones(cell)]


def test_it_splits_dated_values_that_run_together():
    assert texts("400 places by September 2013 800 places by September 2014") == [
        "400 places by September 2013",
        "800 places by September 2014",
    ]


def test_it_splits_one_milestone_per_year_heading():
    cell = "2013: FS, KS1 above NA KS2 at NA  KS4 above NA  2014: KS2 above NA  2015: all KS"
    assert texts(cell) == [
        "2013: FS, KS1 above NA KS2 at NA KS4 above NA",
        "2014: KS2 above NA",
        "2015: all KS",
    ]


def test_it_keeps_a_sentence_that_goes_on_after_its_date():
    cell = "New offer to be in place by September 2014 including new Service Level Agreements."
    assert texts(cell) == [cell]


def test_it_splits_paragraphs_and_keeps_unfinished_ones_as_written():
    cell = "Walking to school from x to y in 2014/15/16  (TBC)% care leavers are NEET by March 2013/14/15 6.2% 16-18 year olds are NEET by March 2013"
    assert texts(cell) == [
        "Walking to school from x to y in 2014/15/16",
        "(TBC)% care leavers are NEET by March 2013/14/15",
        "6.2% 16-18 year olds are NEET by March 2013",
    ]


def test_a_piece_keeps_its_paragraph_as_context():
    pieces = split_milestones("L2 (adults) 69.1% by October 2013 74.1% by October 2014")
    assert pieces[1] == (
        "74.1% by October 2014",
        "L2 (adults) 69.1% by October 2013 74.1% by October 2014",
    )


@pytest.mark.parametrize(
    ("text", "due", "label"),
    [
        ("400 places by September 2013", dt.date(2013, 9, 30), "September 2013"),
        ("6.2% 16-18 year olds are NEET by March 2013", dt.date(2013, 3, 31), "March 2013"),
        ("2014: KS2 above NA", dt.date(2014, 8, 31), "2013/14 academic year"),
        (
            "piloted by July 2013 for implementation by April 2014.",
            dt.date(2014, 4, 30),
            "April 2014",
        ),
    ],
)
def test_it_reads_when_a_milestone_is_due(text, due, label):
    found = due_of(text)
    assert (found.date, found.label) == (due, label)


def test_a_year_heading_on_a_financial_year_indicator_ends_in_march():
    assert due_of("2014: 5.7%", PeriodKind.FINANCIAL_YEAR).date == dt.date(2014, 3, 31)


@pytest.mark.parametrize(
    "text",
    [
        "(TBC)% care leavers are NEET by March 2013/14/15",
        "Locality governance structures developed from April 2013 onwards",
        "Walking and cycling to school from x to y in 2014/15/16",
        "Improve screening uptake – specify",
    ],
)
def test_a_start_or_a_list_of_years_is_not_a_due_date(text):
    assert due_of(text) is None


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("400 places by September 2013", 400),
        ("6.2% 16-18 year olds are NEET by March 2013", 6.2),
        ("L2 (adults) 69.1% by October 2013", 69.1),
        ("Increase of level 2 and 3 apprenticeships by at least 20% year on year.", 20),
        (
            "New system for children aged 0-25 years incorporating post 16 assessments by April 2014",
            None,
        ),
        ("2013: Gender gap narrowed year on year from 2012 in all key stages", None),
        ("(TBC)% care leavers are NEET", None),
    ],
)
def test_it_reads_a_milestones_number(text, value):
    assert value_of(text) == value


def test_a_number_without_a_date_is_not_kept_as_a_value():
    assert read_milestone("A 0.5% per annum reduction in NEET levels", "").value is None


@pytest.mark.parametrize(
    ("words", "code"),
    [
        (["6.2% 16-18 year olds are NEET by March 2013"], "neet-16-18"),
        (["(TBC)% care leavers are NEET by March 2013/14/15"], "care-leavers-eet"),
        (["L3 (adults) 40.2% by October 2013"], "adults-qualified-l3"),
        (["Access to ESF Families Programme: 100 families by June 2013"], "esf-families"),
        (
            [
                "400 places by September 2013",
                "Increase our capacity to provide early-education to two-year olds",
            ],
            "two-year-old-places",
        ),
        (["Improve vaccination uptake - specify"], None),
    ],
)
def test_key_words_name_an_indicator(words, code):
    assert indicator_code_for(*words) == code


def test_a_milestone_is_named_by_its_own_words_before_its_paragraphs():
    paragraph = "(TBC)% care leavers are NEET by March 2013/14/15 6.2% 16-18 year olds are NEET by March 2013"
    assert (
        indicator_code_named("6.2% 16-18 year olds are NEET by March 2013", paragraph, "")
        == "neet-16-18"
    )
    assert (
        indicator_code_named(
            "74.1% by October 2014", "L2 (adults) 69.1% by October 2013 74.1% by October 2014", ""
        )
        == "adults-qualified-l2"
    )


def test_every_mapped_indicator_is_one_the_demo_defines():
    from goldenthread.testing.corpus import DATA

    codes = {
        line.split(",", 1)[0] for line in (DATA / "indicators.csv").read_text().splitlines()[1:]
    }
    assert {code for code, _ in INDICATOR_WORDS} <= codes
