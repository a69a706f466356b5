"""The readers of claims on their own, without indicator data: sentences and their
lines, the role of each number, changes between percentages, counts of actions."""

import csv
from pathlib import Path

import pytest

from goldenthread.factcheck.actions import action_counts, action_findings
from goldenthread.factcheck.claims import Area, Role, quantities
from goldenthread.factcheck.points import points_findings
from goldenthread.factcheck.sentences import Sentence, plain_passages, sentences

CLAIMS = Path(__file__).parent / "data" / "claims.csv"
# The year the labelled set's counts of actions are checked against (bench/fact_check.py).
SUMMARY = {
    "year": "2015/16",
    "actions": 80,
    "by_status": {
        "completed": 60,
        "in_progress": 12,
        "not_started": 3,
        "carried_forward": 5,
        "deferred": 0,
        "withdrawn": 0,
    },
    "not_known": [],
}


def test_sentences_keep_their_line_and_the_headings_above():
    text = (
        "KS2 performance\n\n"
        "Pupils achieving level 4 in reading\n\n"
        "- 87% of pupils achieved level 4 (e.g. in reading). It rose by 3%.\n"
        "Pupils making progress between KS1 and\n\n"
        "KS2 in reading rose to 91%.\n"
    )
    read = [s for s in sentences(plain_passages(text)) if "%" in s.text]
    assert [(s.line, s.text) for s in read] == [
        (5, "87% of pupils achieved level 4 (e.g. in reading)."),
        (5, "It rose by 3%."),
        (6, "Pupils making progress between KS1 and KS2 in reading rose to 91%."),
    ]
    assert read[1].context[0] == read[0].text
    assert read[0].headings == ("Pupils achieving level 4 in reading", "KS2 performance")


def test_a_sibling_heading_takes_the_place_of_the_one_before():
    text = "KS2 performance\n\nPupils achieving level 4 in reading\n\nPupils achieving level 4 in maths\n\nIt rose."
    [sentence] = [s for s in sentences(plain_passages(text)) if s.text == "It rose."]
    assert sentence.headings == ("Pupils achieving level 4 in maths", "KS2 performance")


def test_markdown_tables_and_emphasis():
    text = "# Results\n\n| Measure | Value |\n|---|---|\n| **Attendance** | 95% |\n"
    passages = plain_passages(text, markdown=True)
    assert [(p.line, p.text) for p in passages if not p.is_heading] == [
        (3, "Measure"),
        (3, "Value"),
        (5, "Attendance"),
        (5, "95%"),
    ]


@pytest.mark.parametrize(
    ("text", "roles"),
    [
        ("Thurrock achieved 77% compared to 79% nationally.", ["level", "comparator"]),
        ("An increase of 5% from 72% the previous year.", ["change", "from"]),
        ("It is 2% below the national average of 82%.", ["gap", "comparator"]),
        ("A 0.7% drop in performance to 68.5%.", ["change", "level"]),
        ("The stretch target of 70% for 2015-16.", ["target"]),
        ("In the 10% most deprived areas.", ["other"]),
        ("The rate was 75 per 10,000.", ["level"]),
    ],
)
def test_each_number_has_its_role(text, roles):
    assert [q.role.value for q in quantities(text)] == roles


def test_a_comparator_and_a_gap_say_whose_value():
    found = quantities("Above the national (56.1%) and SNN (54.6%) averages, 2% above the region.")
    assert [(q.role, q.area) for q in found] == [
        (Role.COMPARATOR, Area.ENGLAND),
        (Role.COMPARATOR, Area.NEIGHBOURS),
        (Role.GAP, Area.REGION),
    ]


@pytest.mark.parametrize(
    ("text", "suggestion"),
    [
        ("Attainment rose by 3% to 95%.", "rose by 3 percentage points"),
        ("Non SEN pupils saw a 0.7% drop in performance to 68.5%.", "a 0.7 percentage point drop"),
        ("It fell from 12% to 9%, a decrease of 4%.", "decrease of 3 percentage points"),
        ("At 61% we are 1% below the national average.", "1 percentage point below"),
    ],
)
def test_a_change_between_percentages_in_per_cent_is_a_finding(text, suggestion):
    [finding] = points_findings(Sentence(3, text))
    assert (finding.line, finding.suggestion) == (3, suggestion)


def test_the_size_is_worked_from_the_sentences_own_levels():
    [finding] = points_findings(Sentence(1, "It fell from 12% to 9%, a decrease of 4%."))
    assert finding.data.startswith("from 12% to 9% is 3 points")


@pytest.mark.parametrize(
    "text",
    [
        "The number of apprenticeships is forecast as a 24% decrease at Level 2.",
        "Spending rose by 12% on last year.",
        "The rate of 45 per 10,000 is 10% below the national average.",
        "It rose by 3 percentage points to 95%.",
        "Children in care at 12% are 40% less likely than their peers nationally to do so.",
        "Satisfaction increased this year and the plan was supported by 45% of the 80% asked.",
    ],
)
def test_relative_changes_and_points_are_not_findings(text):
    assert points_findings(Sentence(1, text)) == []


def test_counts_of_actions_are_read_in_a_sentence_about_actions():
    said = action_counts(
        Sentence(1, "Of the 82 actions, 41 have been completed and 12 are in progress.")
    )
    assert [(c.key, c.count) for c in said] == [
        ("actions", 82),
        ("completed", 41),
        ("in_progress", 12),
    ]
    assert action_counts(Sentence(1, "41 schools have completed the training.")) == []


def labelled() -> list[dict[str, str]]:
    with CLAIMS.open(newline="") as f:
        return list(csv.DictReader(f))


@pytest.mark.parametrize("row", labelled(), ids=lambda row: row["text"][:50])
def test_the_labelled_sentences_findings(row):
    """Findings that need no indicator data, on the labelled set (its dev and held-out
    parts alike; bench/fact_check.py measures each kind of claim)."""
    context = (row["context"],) if row["context"] else ()
    sentence = Sentence(1, row["text"], context)
    found = action_findings(sentence, SUMMARY) + points_findings(sentence)
    assert bool(found) == (row["finding"] == "yes"), found
