import pytest

from goldenthread.lib.codes import (
    belongs_to_objective,
    code_parts,
    is_code,
    places_elsewhere,
    sort_key,
)


def test_codes_sort_as_sequences_not_decimals():
    codes = ["8.20", "10.1", "8.2", "8.19", "8.9", "9.11", "8.21"]
    assert sorted(codes, key=sort_key) == ["8.2", "8.9", "8.19", "8.20", "8.21", "9.11", "10.1"]


def test_plain_numeric_codes_keep_the_sort_key_the_database_holds():
    assert sort_key("8.20") == "000008.000020"
    assert sort_key("10.1") == "000010.000001"


@pytest.mark.parametrize(
    "code", ["1.11", "1.1.1", "1a", "P1.2", "A3", "1.2b", "SA 2", "3.", "2A.b"]
)
def test_councils_numbering_schemes_are_codes(code):
    assert is_code(code)


@pytest.mark.parametrize("text", ["x.y", "Objective", "1..2", "", "Action 1", "1-2", "ABCD1"])
def test_it_refuses_text_that_is_not_a_code(text):
    assert not is_code(text)
    with pytest.raises(ValueError, match="not a code"):
        code_parts(text)


def test_parts_are_numbers_and_letters():
    assert code_parts("P1.2") == ("P", 1, 2)
    assert code_parts("1a") == (1, "a")
    assert code_parts("1.1.1") == (1, 1, 1)


def test_letters_sort_after_numbers_and_prefixes_by_prefix():
    codes = ["P1.2", "1b", "A3", "2", "1.1", "1a", "1", "A10", "P1.10", "a4"]
    assert sorted(codes, key=sort_key) == [
        "1", "1.1", "1a", "1b", "2", "A3", "a4", "A10", "P1.2", "P1.10",
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("action", "objective"), [("1.1.1", "1.1"), ("1a", "1"), ("P1.2", "P1"), ("p1.3", "P1")]
)
def test_an_action_under_its_objectives_whole_code_belongs(action, objective):
    assert belongs_to_objective(action, objective, None)


@pytest.mark.parametrize(
    ("action", "objective", "previous"),
    [
        ("8.11", "8.1", None),
        ("8.19", "8.1", "8.18"),
        ("8.20", "8.1", "8.19"),
        ("5.21", "5.2", None),
        ("10.11", "10.1", None),
        ("9.22", "9.1", "9.21"),
    ],
)
def test_an_action_belongs_under_its_objective_and_its_run_on_sequence(action, objective, previous):
    assert belongs_to_objective(action, objective, previous)


@pytest.mark.parametrize(
    ("action", "objective", "previous"),
    [
        ("3.11", "8.1", "8.15"),
        ("5.21", "5.1", "5.15"),
        ("8.20", "8.1", None),
        ("8.1", "8.1", None),
        ("8.11.1", "8.1", None),
    ],
)
def test_an_action_numbered_under_another_objective_does_not_belong(action, objective, previous):
    assert not belongs_to_objective(action, objective, previous)


def test_only_a_number_of_the_same_scheme_places_an_action_elsewhere():
    assert places_elsewhere("3.17", "8.1", "8.15")
    assert places_elsewhere("1.2.1", "1.1", None)
    assert not places_elsewhere("8.20", "8.1", "8.19")
    assert not places_elsewhere("A3", "1.2", None)
    assert not places_elsewhere("4", "1.1", None)
