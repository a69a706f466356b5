import datetime as dt

import pytest

from goldenthread.lib.periods import PeriodKind
from goldenthread.strategy.milestones import (
    IndicatorNames,
    ValueKind,
    due_of,
    indicator_named,
    read_milestone,
    split_milestones,
    value_kind,
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


def demo_indicators() -> list[IndicatorNames]:
    """The demo's indicators as the importer sees them: titles, aliases, codes, units."""
    import csv

    from goldenthread.testing.corpus import DATA

    with (DATA / "indicators.csv").open(encoding="utf-8") as rows:
        return [
            IndicatorNames.named(
                row["code"],
                [row["title"], *(row.get("aliases") or "").split(";")],
                row["unit"],
                row["unit_label"],
            )
            for row in csv.DictReader(rows)
        ]


DEMO = demo_indicators()


def named(milestone: str, paragraph: str = "", commitment: str = "", indicators=DEMO):
    return indicator_named(milestone, paragraph or milestone, commitment, indicators)


@pytest.mark.parametrize(
    ("words", "code", "name"),
    [
        # The title spells NEET out, which is read as its initials: the title names it most fully.
        (
            ["6.2% 16-18 year olds are NEET by March 2013"],
            "neet-16-18",
            "16-18 year olds not in education, employment or training (NEET)",
        ),
        (["(TBC)% care leavers are NEET by March 2013/14/15"], "care-leavers-eet", "care leavers"),
        (["L3 (adults) 40.2% by October 2013"], "adults-qualified-l3", "L3 (adults)"),
        (
            ["Access to ESF Families Programme: 100 families by June 2013"],
            "esf-families",
            "Families accessing the ESF Families programme",
        ),
        (
            [
                "400 places by September 2013",
                "",
                "Increase our capacity to provide early-education to two-year olds",
            ],
            "two-year-old-places",
            "Early education places for two-year-olds",
        ),
        (["Improve vaccination uptake - specify"], None, ""),
    ],
)
def test_an_indicators_own_names_name_it(words, code, name):
    found = named(*words)
    assert (found.code, found.name) == (code, name)


def test_a_percentage_level_names_only_a_percentage_indicator_and_a_count_only_a_count():
    take_up = "90% of two year olds taking up places by September 2015"
    assert value_kind(take_up) == ValueKind.PERCENTAGE
    assert named(take_up).code == "two-year-old-take-up"
    assert named("800 two year old places by September 2014").code == "two-year-old-places"


def test_a_percentage_change_can_be_a_change_in_a_count():
    text = "Increase of level 2 and 3 apprenticeships by at least 20% year on year."
    assert value_kind(text) == ValueKind.CHANGE
    assert named(text).code == "apprenticeships-l2-l3"


def test_an_alias_names_an_indicator_whose_title_and_code_do_not():
    indicators = [
        IndicatorNames.named(
            "yp-eet", ["Young people in employment, education or training"], "percentage"
        ),
        IndicatorNames.named(
            "sen-eet", ["Young people with SEND in learning", "SEND EET"], "percentage"
        ),
    ]
    assert named("SEND EET to rise to 60% by March 2016", indicators=indicators).code == "sen-eet"
    assert named("Reduce EET gap by 2016", indicators=indicators).code is None


def test_two_indicators_named_equally_link_neither_and_say_so():
    indicators = [
        IndicatorNames.named("neet-16-18", ["NEET 16-18"], "percentage"),
        IndicatorNames.named("neet-16-18-sen", ["SEN NEET 16-18"], "percentage"),
        IndicatorNames.named("neet-16-18-old", ["16-18 NEET"], "percentage"),
    ]
    found = named("Reduce NEET 16-18 to 4.5% by March 2016", indicators=indicators)
    assert found.code is None
    assert found.ambiguous == ("neet-16-18", "neet-16-18-old")
    # A longer name that fits settles it: the narrower indicator is named.
    sen = named("SEN NEET 16-18 to 9% by March 2016", indicators=indicators)
    assert sen.code == "neet-16-18-sen"


def test_the_units_word_settles_a_tie():
    indicators = [
        IndicatorNames.named("early-places", ["early years"], "count", "places"),
        IndicatorNames.named("early-settings", ["early years"], "count", "settings"),
    ]
    assert named("300 early years places by 2015", indicators=indicators).code == "early-places"


def test_a_milestone_is_named_by_its_own_words_before_its_paragraphs():
    paragraph = "(TBC)% care leavers are NEET by March 2013/14/15 6.2% 16-18 year olds are NEET by March 2013"
    assert named("6.2% 16-18 year olds are NEET by March 2013", paragraph).code == "neet-16-18"
    assert (
        named(
            "74.1% by October 2014", "L2 (adults) 69.1% by October 2013 74.1% by October 2014"
        ).code
        == "adults-qualified-l2"
    )


def test_words_without_a_number_do_not_borrow_their_commitments_subject():
    commitment = (
        "Continue to focus on Key Stage 2 outcomes with no schools below the floor standard at KS2"
    )
    assert named("2015: all KS results move into next quartile", "", commitment).code is None
    assert named("0% by March 2015", "", commitment).code == ("ks2-schools-below-floor")
