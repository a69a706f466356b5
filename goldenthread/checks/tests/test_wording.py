"""The words a reviewer sends back, read from the seed plan's own phrases."""

import pytest

from goldenthread.checks.wording import (
    drafting_notes,
    has_figure_or_date,
    normalised,
    placeholders,
    stub_paragraphs,
    unfinished_wording,
)


def words(spotted) -> list[str]:
    return [s.words for s in spotted]


@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        ("Walking and cycling to school from x to y in 2014/15/16", "from x to y"),
        ("Improve screening uptake – specify", "specify"),
        ("Smoking status at intervals in the first year (medium term) - specify", "specify"),
        ("(TBC)% care leavers are NEET by March 2013/14/15", "(TBC)%"),
        ("2016: all results maintain upward trajectory with gaps minimised ???", "???"),
        ("Specific milestones needed", "milestones needed"),
        ("Data on level 2 and 3 qualifications to be added", "to be added"),
        ("Target TBC", "TBC"),
    ],
)
def test_it_finds_placeholders_where_a_figure_should_be(text, quoted):
    [spotted] = placeholders(text)
    assert spotted.words == text
    assert quoted in spotted.words


@pytest.mark.parametrize(
    ("text", "note"),
    [
        (
            "A new relationship with schools (Carmel, please check/amend and add SEN)",
            "(Carmel, please check/amend and add SEN)",
        ),
        ("Health Reforms (Ceri please check/amend)", "(Ceri please check/amend)"),
        (
            (
                "Our people, their assets and needs (Ceri more needed here, ethnicity profile, inward "
                "migration"
            ),
            "(Ceri more needed here, ethnicity profile, inward migration",
        ),
        ("Part One of the Strategy focuses on Adults (hyperlink).", "(hyperlink)"),
        ("the help families need to help themselves (EOH – hyperlink).", "(EOH – hyperlink)"),
        (
            "Sexually transmitted infections (data on rates needed here)",
            "(data on rates needed here)",
        ),
        ("Key areas of health inequalities exist (data)", "(data)"),
        (
            "Data on smoking/alcohol & drug use? Am not prepared to use Tell Us 2009",
            "Data on smoking/alcohol & drug use? Am not prepared to use Tell Us 2009",
        ),
    ],
)
def test_it_finds_notes_to_colleagues(text, note):
    assert words(drafting_notes(text)) == [note]


def test_a_question_is_quoted_from_the_start_of_its_clause():
    text = "Gaps narrowed.  Immunisations rate for children in care CAMHS strategy?"
    assert words(drafting_notes(text)) == [
        "Immunisations rate for children in care CAMHS strategy?"
    ]


def test_it_finds_a_name_appended_only_when_asked():
    text = "Improve housing for families and prevent homelessness— Barbara Brownlee"
    assert words(drafting_notes(text, names=True)) == ["— Barbara Brownlee"]
    assert drafting_notes(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Continue to focus on Foundation Stage (FS), Key Stage 1 (KS1), Key Stage 2 (KS2)",
        "Where are we now?",
        "Where do we want to be?",
        "What does this mean for children in Thurrock?",
        "Child sexual exploitation: it couldn't happen here, could it?",
        "Under 19s are 25.9% of the population (2010 mid-year estimates)",
        "Thurrock Health and Well–Being Strategy",
        "Greatly begin. Not failure, but low aim is a crime (James Russell Lowell)",
        "The strategy will specify how places are commissioned.",
        "Reduce the number of young people aged 16-18 who are NEET to 5.7% (a 0.5% improvement)",
        "See www.shapingthurrock.org.uk/health?page=2 for the needs assessment",
        "Support for Taxis from Tilbury",
    ],
)
def test_finished_words_are_left_alone(text):
    assert unfinished_wording(text, names=True) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Integrated teams in place April 2013", True),
        ("800 places by September 2014", True),
        ("Increase of level 2 and 3 apprenticeships by at least 20% year on year", True),
        ("Improve vaccination uptake", False),
        ("Maintain performance at Key Stage 2 and Year 6", False),
        ("Increase breastfeeding friendly facilities and places in the community", False),
    ],
)
def test_it_tells_a_milestone_with_a_figure_or_date(text, expected):
    assert has_figure_or_date(text) is expected


def test_duplicates_are_compared_without_case_punctuation_or_spacing():
    assert normalised("Commissioned offer  commences April 2013.") == normalised(
        "commissioned offer commences april 2013"
    )


def test_stubs_are_the_paragraphs_that_only_promise_content():
    text = (
        "Our partners delivered well this year.\n\n"
        "Four case studies\n"
        "- Funding breakdown to follow\n\n"
        "A map of the localities below shows where the centres are, ward by ward.\n"
        "Ten schools\n"
        "XXX"
    )
    assert stub_paragraphs(text) == ["Four case studies", "Funding breakdown to follow", "XXX"]


def test_a_long_paragraph_is_prose_whatever_its_words():
    prose = "Details of the new service are to be added to the website once it opens in May."
    assert stub_paragraphs(prose) == []
