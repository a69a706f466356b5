from pathlib import Path

import pytest
from django.conf import settings

from goldenthread.plans.models import Status
from goldenthread.plans.status_rules import RULES, infer_status


@pytest.mark.parametrize(
    ("comment", "status", "words"),
    [
        ("This report is still pending", Status.NOT_STARTED, "still pending"),
        ("Weekly meetings are ongoing", Status.IN_PROGRESS, "ongoing"),
        ("Carry forward to the 15/16 plan", Status.CARRIED_FORWARD, "Carry forward"),
        ("Awaiting completion of 8.15 - c/f to next financial year", Status.CARRIED_FORWARD, "c/f"),
        ("this report is being deferred until next year", Status.DEFERRED, "being deferred"),
        ("This objective is no longer alive and valid", Status.WITHDRAWN, "no longer alive"),
        ("Report presented to H&WBB on 13.11.14", Status.COMPLETED, "presented to"),
        ("This report has been completed and finalised", Status.COMPLETED, "completed"),
        ("MASH implemented. Officially launched Sep 14", Status.COMPLETED, "implemented"),
        (
            "Review will be undertaken as part of the 15/16 plan",
            Status.CARRIED_FORWARD,
            "part of the 15/16 plan",
        ),
    ],
)
def test_each_rule_reads_the_seeds_own_words(comment, status, words):
    inference = infer_status(comment)
    assert (inference.status, inference.basis, inference.certain) == (status, words, True)


def test_a_decision_about_the_year_overrides_ongoing_work():
    inference = infer_status("This is an ongoing piece of work which will be carry forward")
    assert inference.status == Status.CARRIED_FORWARD
    assert inference.certain


def test_disagreeing_phrases_make_it_unsure_and_say_which():
    inference = infer_status(
        "Integrated Locality management arrangements in place. Links being progressed"
    )
    assert inference.status == Status.IN_PROGRESS
    assert not inference.certain
    assert "“in place” suggests completed" in inference.explanation


@pytest.mark.parametrize("comment", ["", "Forecast as a 24% decrease at Level 2"])
def test_it_says_when_no_rule_is_sure_rather_than_guess(comment):
    inference = infer_status(comment)
    assert inference.status == ""
    assert not inference.certain
    assert "No rule matched" in inference.explanation


def test_every_rule_is_documented_with_its_example():
    guide = (Path(settings.BASE_DIR).parent / "docs" / "importing.md").read_text()
    for rule in RULES:
        assert f"| {rule.name} | {Status(rule.status).label.lower()} |" in guide
        assert rule.example in guide


def test_every_rules_example_is_read_by_that_rule():
    for rule in RULES:
        assert rule.find(rule.example), rule.name
