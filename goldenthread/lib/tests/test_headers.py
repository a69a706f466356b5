import pytest

from goldenthread.lib.headers import Column, is_header_row, meaning_of, meanings_of


@pytest.mark.parametrize(
    ("header", "meaning"),
    [
        ("Ref", Column.CODE),
        ("Ref.", Column.CODE),
        ("Action ref", Column.CODE),
        ("Action No.", Column.CODE),
        ("Code", Column.CODE),
        ("Action", Column.ACTION),
        ("Key actions", Column.ACTION),
        ("What we will do", Column.ACTION),
        ("Measure", Column.MEASURE),
        ("Outputs", Column.MEASURE),
        ("Measure of success", Column.MEASURE),
        ("How will we know we have succeeded?", Column.MEASURE),
        ("Target", Column.MEASURE),
        ("Lead", Column.LEAD),
        ("Lead officer", Column.LEAD),
        ("Owner", Column.LEAD),
        ("Action owner", Column.LEAD),
        ("Responsible", Column.LEAD),
        ("Who is responsible", Column.LEAD),
        ("Due date", Column.DUE),
        ("Deadline", Column.DUE),
        ("By when", Column.DUE),
        ("Timescale", Column.DUE),
        ("Target date", Column.DUE),
        ("Comments", Column.COMMENT),
        ("Progress", Column.COMMENT),
        ("Progress update", Column.COMMENT),
        ("Update", Column.COMMENT),
        ("Current position", Column.COMMENT),
        ("RAG", Column.STATUS),
        ("Status", Column.STATUS),
        ("RAG rating", Column.STATUS),
        ("Progress rating", Column.STATUS),
        ("BRAG", Column.STATUS),
        ("Objective", Column.OBJECTIVE),
        ("Objective 1", Column.OBJECTIVE),
        ("Strategic aim", Column.AIM),
        ("Priority", Column.AIM),
        ("Theme", Column.AIM),
        ("Progress to date", Column.COMMENT),
        ("Next steps", Column.COMMENT),
        ("Expected outcome", Column.MEASURE),
        ("End date", Column.DUE),
        ("Lead agency", Column.LEAD),
        ("Key tasks", Column.ACTION),
        ("RAG Rating Q4", Column.STATUS),
    ],
)
def test_a_column_is_known_by_what_its_header_means(header, meaning):
    assert meaning_of(header) == meaning


def test_a_header_row_needs_an_action_column_and_another_of_known_meaning():
    assert is_header_row(["Ref", "Action", "Lead", "By when", "RAG", "Update"])
    assert meanings_of(["Objective 1", "", "Action", "", "Measure", "Comments"]) == {
        0: Column.OBJECTIVE,
        2: Column.ACTION,
        4: Column.MEASURE,
        5: Column.COMMENT,
    }
    assert not is_header_row(["1.1", "Reduce child poverty", "Lead", "March 2016"])
    assert not is_header_row(["Name", "Value"])


def test_a_start_date_is_not_when_an_action_is_due():
    assert meaning_of("Start date") is None
    assert meanings_of(["Action", "Start date", "End date"])[2] == Column.DUE


def test_a_header_may_carry_its_instructions():
    header = "Progress update (please include evidence of impact and any risks to delivery)"
    assert meaning_of(header) == Column.COMMENT
    assert is_header_row(["Ref", "Action", header])
    assert not is_header_row(["Ref", "Action", "Progress " + "x" * 120])
