"""Reading a status from a progress comment and a status column (plans/status_reading)."""

import pytest

from goldenthread.plans.models import Status
from goldenthread.plans.status_rules import infer_status

C, P, N = Status.COMPLETED, Status.IN_PROGRESS, Status.NOT_STARTED
CF, D, W = Status.CARRIED_FORWARD, Status.DEFERRED, Status.WITHDRAWN


@pytest.mark.parametrize(
    ("comment", "status", "words"),
    [
        # The issue's own phrases, each in a sentence as a report would write it.
        ("The parenting programme was delivered in all six localities.", C, "was delivered"),
        ("Not yet delivered: four of six localities have had sessions.", P, "Not yet delivered"),
        ("The programme will be delivered in the autumn term.", P, "will be delivered"),
        ("Final report drafted; awaiting sign-off by the Director.", P, "drafted"),
        ("Target met.", C, "met"),
        ("Partially achieved; the rest will follow next term.", P, "Partially achieved"),
        ("No longer required following the restructure.", W, "No longer required"),
        ("This has been rolled into next year's plan.", CF, "rolled into"),
        ("Postponed until the autumn.", D, "Postponed"),
        ("The launch has slipped to September.", P, "slipped"),
        # Plain statements of work done.
        ("Report received by the Board in October.", C, "received"),
        ("The annual report was received by the Partnership Board.", C, "was received"),
        ("The target was met in all four quarters.", C, "was met"),
        ("Programme delivered.", C, "delivered"),
        ("The contract started in April 2015.", C, "started"),
        ("The contract was awarded in January.", C, "was awarded"),
        ("The strategy was published in June.", C, "was published"),
        # The seed's wording, still read as before.
        ("This report is still pending", N, "still pending"),
        ("Carry forward to the 15/16 plan", CF, "Carry forward"),
        ("Awaiting completion of 8.15 - c/f to next financial year", CF, "c/f"),
        ("this report is being deferred until next year", D, "being deferred"),
        ("This objective is no longer alive and valid", W, "no longer alive"),
        ("Report presented to H&WBB on 13.11.14", C, "presented"),
        ("MASH implemented. Officially launched Sep 14", C, "implemented"),
    ],
)
def test_it_reads_tense_negation_and_decisions(comment, status, words):
    inference = infer_status(comment)
    assert (inference.status, inference.basis) == (status, words), inference.explanation
    assert inference.certain


@pytest.mark.parametrize(
    ("comment", "status"),
    [
        ("The strategy has not yet been published; it is with legal services.", P),
        ("The local offer will be published in September.", P),
        ("The local offer is due to be published in September.", P),
        ("The policy is being reviewed.", P),
        ("Work on this action has not started.", N),
        ("Yet to start.", N),
        ("No work has taken place on this action.", N),
        ("This report has not been received.", N),
        ("Scoping will begin in quarter 1.", N),
        ("Recruitment has begun.", P),
        ("The tender process has started.", P),
        ("The Board decided not to proceed with this action.", W),
        ("Superseded by the new Early Help Strategy.", W),
        ("Put on hold pending the outcome of the national review.", D),
        ("Carried forward to 2015/16.", CF),
        ("Transferred to next year's action plan.", CF),
        ("3 of 5 sessions delivered.", P),
        ("Two of the four localities have been trained.", P),
        ("All 12 of 12 sessions delivered.", C),
        ("This action has not been progressed due to capacity.", N),
        ("Will be rolled out in April.", P),
        ("Rolled out across all schools.", C),
        ("Timescale extended to March 2017.", P),
        ("There have been no delays and the strategy was published.", C),
        ("Healthy Schools programme relaunched in September.", C),
        ("Schools were represented at the event.", ""),
        ("The needs assessment is nearing completion.", P),
    ],
)
def test_it_tells_done_from_partly_done_to_do_and_not_started(comment, status):
    assert infer_status(comment).status == status


def test_words_used_as_adjectives_or_conditions_decide_nothing():
    # "published" describes the data; "closed" is when, not what happened.
    inference = infer_status(
        "Validated data, published by National Statistical Data, is not available for 18 "
        "months after each quarter has closed."
    )
    assert inference.status == ""
    assert infer_status("The audit will be completed once the sample has been agreed.").status == P


def test_a_decision_about_the_year_overrides_ongoing_work():
    inference = infer_status("This is an ongoing piece of work which will be carry forward")
    assert (inference.status, inference.certain) == (CF, True)


def test_done_beside_open_work_is_in_progress_and_unsure_naming_both():
    inference = infer_status(
        "Integrated Locality management arrangements in place. Links being progressed"
    )
    assert (inference.status, inference.certain) == (P, False)
    assert "“in place” suggests completed" in inference.explanation
    assert "“being progressed” suggests in progress" in inference.explanation


def test_a_next_step_does_not_undo_work_done():
    inference = infer_status("Scoping paper approved - new service will be delivered in 2015/16")
    assert (inference.status, inference.basis, inference.certain) == (C, "approved", True)


def test_recurring_work_reported_done_stays_unsure():
    inference = infer_status("Weekly meetings held and progress updated at each meeting")
    assert (inference.status, inference.certain) == (C, False)
    assert "recurs" in inference.explanation


@pytest.mark.parametrize(
    "comment",
    [
        "",
        "Forecast as a 24% decrease at Level 2",
        "No update received from the lead agency.",
        "Update to follow.",
        "See appendix B for the full update.",
    ],
)
def test_it_says_when_nothing_says_rather_than_guess(comment):
    inference = infer_status(comment)
    assert (inference.status, inference.certain) == ("", False)
    assert "not known" in inference.explanation


@pytest.mark.parametrize(
    ("comment", "stated", "status", "certain"),
    [
        # A colour rates progress; what the comment reports outweighs it.
        ("Launched in September 2014.", "Amber", C, True),
        ("The service was launched on 1 March.", "Red", C, True),
        ("Not started due to lack of capacity.", "Red", N, True),
        ("Postponed to 2016/17.", "Amber", D, True),
        ("", "Green", P, True),
        ("", "A/G", P, True),
        ("On track for completion by March.", "G", P, True),
        ("Completed in December.", "Green", C, True),
        # Blue is complete or closed in RAG+B schemes.
        ("", "Blue", C, True),
        ("Contract awarded in February.", "Blue", C, True),
        ("Training is under way.", "Blue", P, False),
        # A status in words is read like a comment.
        ("", "Not started - carried forward", CF, True),
        ("Capacity has not allowed this to start.", "Not started - carried forward", CF, True),
        ("", "Complete", C, True),
        ("Report presented to the Board in June.", "Completed", C, True),
        ("", "Deferred", D, True),
        ("Superseded by the regional arrangements.", "Withdrawn", W, True),
        # Words that disagree: a reported event wins, otherwise the column; both unsure.
        ("The pathway was launched in May.", "Not started", C, False),
        ("Awaiting sign-off by the Director.", "Completed", C, False),
    ],
)
def test_a_status_column_counts_with_the_comment(comment, stated, status, certain):
    inference = infer_status(comment, stated)
    assert (inference.status, inference.certain) == (status, certain), inference.explanation


def test_the_column_and_the_comment_are_both_named_when_they_disagree():
    inference = infer_status("Launched in September 2014.", "Amber")
    assert inference.basis == "Launched"
    assert "outweighs the status column’s “Amber”" in inference.explanation


@pytest.mark.parametrize(
    "comment",
    [
        "-",
        "...",
        "n/a",
        "13.11.14",
        "“Quoted” — with dashes – and ‘curly’ apostrophes; hasn’t been delivered",
        "Being",
        "not",
        "to be",
        pytest.param("Completed. " * 500, id="a very long comment"),
    ],
)
def test_odd_comments_are_read_without_error(comment):
    inference = infer_status(comment, comment[:20])
    assert inference.status in {"", *Status.values}
    assert inference.explanation


def test_a_curly_apostrophe_negates_like_a_straight_one():
    assert infer_status("The strategy hasn’t been published.").status == P
