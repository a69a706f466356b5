"""The golden thread as plans state it, in the several ways they do."""

import pytest

from goldenthread.strategy.higher_plans import aims_sharing_subjects, read_higher_plans


def read(*lines: str, own_name: str = "Anytown Children's Plan 2014 – 2017"):
    plans = read_higher_plans(list(enumerate(lines, start=1)), own_name)
    return {
        plan.title: [
            (
                p.number,
                p.title,
                "delivers" if p.delivered else "contributes" if p.contributed else "",
                p.aims,
            )
            for p in plan.priorities
        ]
        for plan in plans
    }


@pytest.mark.parametrize(
    "sentence",
    [
        "This plan delivers priority 2 of the Anytown Community Strategy.",
        "The plan is the vehicle for the Anytown Community Strategy's second priority.",
        "We are responsible for delivery of the second priority of the Anytown Community Strategy.",
        "The Anytown Community Strategy's priority two is delivered through this plan.",
    ],
)
def test_the_ways_a_plan_says_it_delivers_a_priority(sentence):
    assert read(sentence) == {"Anytown Community Strategy": [(2, "", "delivers", [])]}


@pytest.mark.parametrize(
    "sentence",
    [
        "This plan contributes to priorities 1 and 3 of the Anytown Health and Wellbeing Strategy.",
        "It supports the Anytown Health and Wellbeing Strategy, priorities 1 and 3.",
        "The plan helps deliver the Anytown Health and Wellbeing Strategy priorities one and three.",
    ],
)
def test_the_ways_a_plan_says_it_contributes(sentence):
    assert read(sentence) == {
        "Anytown Health and Wellbeing Strategy": [
            (1, "", "contributes", []),
            (3, "", "contributes", []),
        ]
    }


def test_a_title_in_quotes_or_on_the_next_line_names_the_priority():
    assert read(
        "This plan delivers priority 1 of the Anytown Community Strategy, 'A great start for every child'.",
        "It also supports the Anytown Community Strategy, especially priority two:",
        "Safe and strong communities",
    ) == {
        "Anytown Community Strategy": [
            (1, "A great start for every child", "delivers", []),
            (2, "Safe and strong communities", "contributes", []),
        ]
    }


@pytest.mark.parametrize("marker", ["- ", "- 1. ", "• "])
def test_a_list_of_other_priorities_numbered_or_bulleted(marker):
    assert read(
        "This plan delivers the first priority of the Anytown Community Strategy and "
        "contributes to its other priorities:",
        f"{marker}Safe and strong communities;",
        f"{marker}Better health for everyone; and",
        f"{marker}Good jobs.",
    )["Anytown Community Strategy"] == [
        (1, "", "delivers", []),
        (2, "Safe and strong communities", "contributes", []),
        (3, "Better health for everyone", "contributes", []),
        (4, "Good jobs", "contributes", []),
    ]


def test_a_plan_with_n_priorities_lists_them_and_the_others_are_contributed_to():
    assert read(
        "The Anytown Community Strategy has three priorities:",
        "1. A great start",
        "2. Safe communities",
        "3. Good jobs",
        "This plan delivers the first and contributes to all of its priorities.",
    )["Anytown Community Strategy"] == [
        (1, "A great start", "contributes", []),
        (2, "Safe communities", "contributes", []),
        (3, "Good jobs", "contributes", []),
    ]


def test_a_statement_naming_the_plans_own_aims_says_which_serve():
    assert read(
        "Aim 2 contributes to priority 3 of the Anytown Community Strategy.",
        "Aims 1 and 3 support the Anytown Community Strategy's priority 4.",
    ) == {
        "Anytown Community Strategy": [
            (3, "", "contributes", [2]),
            (4, "", "contributes", [1, 3]),
        ]
    }


def test_plans_named_without_saying_what_this_plan_does_for_them_are_left_out():
    assert (
        read(
            "The Anytown Community Strategy was refreshed in 2012 and has five priorities.",
            "Our last Anytown Children's Plan 2010 – 2013 delivered a great deal.",
            "It delivers priority 1 of the Anytown Children's Plan.",  # its own name
        )
        == {}
    )


def test_aims_are_linked_by_a_shared_subject_not_by_general_or_intent_words():
    aims = {
        1: [
            ("aim 1", "Every child ready for school"),
            ("objective 1.2", "Improve the health of young children"),
        ],
        2: [
            ("aim 2", "Young people in learning and work"),
            ("objective 2.1", "Improve young people's skills"),
        ],
        3: [
            ("aim 3", "Safe families"),
            ("objective 3.1", "Improve support for young people who care"),
        ],
    }
    assert aims_sharing_subjects("Better health for everyone", aims) == {
        1: "shares “health” with objective 1.2 Improve the health of young children"
    }
    assert aims_sharing_subjects("Improve learning for young people", aims) == {
        2: "shares “learning” with aim 2 Young people in learning and work"
    }
    assert aims_sharing_subjects("Improve the environment", aims) == {}
