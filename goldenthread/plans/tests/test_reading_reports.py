"""Reading the seed report's tables: structure, continuations, the claim, and errors."""

import pytest

from goldenthread.plans.importers.report_text import ReportError, parse_report

from .seed import line_of, seed_text


@pytest.fixture(scope="module")
def report():
    return parse_report(seed_text(), source_name="seed.txt")


def actions_of(report):
    return {action.code: action for action in report.actions}


def test_it_reads_four_aims_twelve_objectives_and_82_actions(report):
    assert [aim.number for aim in report.aims] == [1, 2, 3, 4]
    assert report.aims[3].title == "Protection when needed"
    assert [o.code for o in report.objectives] == [
        "1.1",
        "2.1",
        "3.1",
        "4.1",
        "5.1",
        "5.2",
        "6.1",
        "7.1",
        "7.2",
        "8.1",
        "9.1",
        "10.1",
    ]
    assert len(report.actions) == 82
    assert len({a.code for a in report.actions}) == 82


def test_objectives_belong_to_the_aim_above_them(report):
    aims = {o.code: o.aim_number for o in report.objectives}
    assert (aims["4.1"], aims["5.2"], aims["7.2"], aims["9.1"], aims["10.1"]) == (2, 2, 3, 4, 4)


def test_an_objective_row_carries_its_first_action(report):
    action = actions_of(report)["8.11"]
    assert action.objective_code == "8.1"
    assert action.text == "Implementation of Multi Agency Safeguarding Hub (MASH)"
    assert action.measure == "Process in place"
    assert action.comment == "MASH implemented. Officially launched Sep 14"


def test_rows_that_cross_a_page_break_are_merged(report):
    actions = actions_of(report)
    assert actions["2.19"].text == (
        "Partnership Locality planning and delivery is in place with integrated "
        "management arrangements and strong links with local CCGs."
    )
    assert actions["2.19"].measure == "Progress report"
    assert actions["5.25"].text == (
        "Community hubs designed to build community resilience - Evaluation of the "
        "Ockendon pathfinder and future roll out of additional community hubs"
    )
    assert actions["7.22"].text.endswith("immunisation routinely and uptake is increased")
    assert actions["7.22"].comment.endswith(
        "children in care are monitored around preventative support in the future"
    )


def test_action_rows_that_start_with_one_tab_keep_their_columns(report):
    action = actions_of(report)["3.14"]
    assert action.objective_code == "3.1"
    assert action.text.startswith("Ensure high quality opportunities for learning")
    assert action.measure.startswith("Implement plan to increase volume of apprenticeships")
    assert action.comment.startswith("Partnership Action plans developed and implemented")


def test_a_sequence_that_runs_past_nine_stays_with_its_objective(report):
    actions = actions_of(report)
    assert [actions[c].objective_code for c in ("8.19", "8.20", "8.21", "8.22")] == ["8.1"] * 4
    assert actions["9.22"].objective_code == "9.1"


def test_an_objective_under_a_numberless_header_is_read(report):
    assert actions_of(report)["9.11"].objective_code == "9.1"


def test_it_keeps_the_reports_own_claim(report):
    claim = report.claim
    assert (claim.actions, claim.completed, claim.carried_forward) == (76, 55, 5)
    assert claim.text.startswith("A total of 76 actions formed the delivery programme")


def test_a_report_without_a_claim_has_none():
    text = seed_text().replace("A total of 76 actions", "The programme's actions")
    assert parse_report(text, source_name="seed.txt").claim is None


def problems(text):
    with pytest.raises(ReportError) as raised:
        parse_report(text, source_name="faulty.txt")
    return raised.value


def test_a_file_that_is_not_a_report_is_refused():
    error = problems("Minutes of the meeting\n\nApologies were received.\n")
    assert "faulty.txt, line 1: this is not an annual report" in str(error)


def test_an_action_numbered_under_another_objective_names_its_line():
    text = seed_text().replace("\t\t8.14\t", "\t\t3.17\t")
    error = problems(text)
    line = line_of(text, "\t\t3.17\t")
    assert f"faulty.txt, line {line}: action 3.17 is listed under objective 8.1" in str(error)


def test_a_duplicate_action_code_names_both_lines():
    text = seed_text().replace("\t\t8.14\t", "\t\t8.13\t")
    error = problems(text)
    first, second = line_of(text, "\t\t8.13\t"), line_of(text, "\t\t8.15\t") - 1
    assert f"line {second}: action 8.13 appears twice (first on line {first})" in str(error)


def test_a_row_the_importer_cannot_place_names_its_line():
    text = seed_text().replace(
        "\t\t8.15\tQuality", "Some stray words\tthat are not a table row\t8.15\tQuality"
    )
    error = problems(text)
    line = line_of(text, "Some stray words")
    assert f"line {line}: cannot place this row in the table" in str(error)


def test_every_problem_is_listed_in_one_pass():
    text = seed_text().replace("\t\t8.14\t", "\t\t3.17\t").replace("\t\t9.14\t", "\t\t9.13\t")
    assert len(problems(text).problems) == 2
