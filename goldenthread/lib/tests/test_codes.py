import pytest

from goldenthread.lib.codes import belongs_to_objective, code_parts, sort_key


def test_codes_sort_as_sequences_not_decimals():
    codes = ["8.20", "10.1", "8.2", "8.19", "8.9", "9.11", "8.21"]
    assert sorted(codes, key=sort_key) == ["8.2", "8.9", "8.19", "8.20", "8.21", "9.11", "10.1"]


def test_it_refuses_text_that_is_not_a_code():
    with pytest.raises(ValueError, match="not a code"):
        code_parts("8.1a")


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
