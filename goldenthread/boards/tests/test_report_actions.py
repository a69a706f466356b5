import pytest

from goldenthread.boards.report_actions import is_report_action, report_rule
from goldenthread.plans.importers.report_text import parse_report
from goldenthread.plans.tests.seed import seed_text


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        (
            "Receive a report on progress and outcome benefits of the Troubled Families Programme",
            "receive a report",
        ),
        ("Receive report on progress of Early Help services", "receive a report"),
        ("Receive Annual Public Health report", "receive a report"),
        ("Receive reports on activities to support families", "receive a report"),
        ("Receive Communications Plan from Public Health", "receive a report"),
        ("Annual update on the CSE strategy to be reported to the LSCB", "report to"),
        ("Report to H&WBB on the pharmaceutical needs assessment", "report to"),
        ("Findings to be presented to O&S", "presented to"),
        ("Prepare report on progress of the revised CAHMS service provision", "prepare a report"),
        ("Report from LAC Manager setting out progress of service provision", "report on"),
        ("Update the healthy weight strategy. (HWBB Report)", "board report"),
    ],
)
def test_it_recognises_actions_a_report_to_a_board_completes(text, rule):
    assert report_rule(text) == rule


@pytest.mark.parametrize(
    "text",
    [
        "Implementation of Multi Agency Safeguarding Hub (MASH)",
        "Review and implement relevant recommendations from the children's commissioner report on CSE",
        "Revised Threshold document produced by the LSCB",
        "Improve reporting of missing children",
        "",
    ],
)
def test_it_leaves_other_actions_alone(text):
    assert not is_report_action(text)


def test_every_receive_a_report_action_of_the_seed_is_recognised():
    actions = parse_report(seed_text(), source_name="seed").actions
    receive = [a for a in actions if a.text.lower().startswith("receive")]

    assert len(receive) >= 15
    assert all(is_report_action(a.text) for a in receive)
