"""Each rule on a plan built in code: silent on a clean plan, and finding one fault
each when one thing is spoiled."""

import datetime as dt

import pytest

from goldenthread.checks.rules import check_plan
from goldenthread.indicators.models import Indicator, Target
from goldenthread.people.models import Organisation, Person
from goldenthread.plans.models import Action
from goldenthread.plans.tests.factories import ActionFactory, AimFactory, ObjectiveFactory

from .factories import CommitmentFactory, MilestoneFactory, SectionFactory, value

pytestmark = pytest.mark.django_db


def found(clean, rule: str) -> list:
    return [f for f in check_plan(clean.delivery_plan) if f.rule == rule]


def test_it_finds_nothing_on_a_clean_plan(clean):
    assert check_plan(clean.delivery_plan) == []


def test_it_runs_a_fixed_number_of_queries_however_large_the_plan(
    clean, django_assert_max_num_queries
):
    for n in range(20):
        ActionFactory(objective=clean.objective, code=f"1.{12 + n}", measure="", lead="")
        MilestoneFactory(
            commitment=clean.commitment,
            text=f"Improve uptake in ward {chr(65 + n)}",
            due=None,
            value=None,
        )
    with django_assert_max_num_queries(13):
        findings = check_plan(clean.delivery_plan)
    assert len(findings) == 60  # no measure, no lead, and a vague milestone, 20 times each


def test_it_finds_an_action_with_no_measure(clean):
    Action.objects.filter(pk=clean.action.pk).update(measure="  ")
    [finding] = found(clean, "action-without-measure")
    assert finding.where == "Action 1.11 (objective 1.1)"
    assert finding.url == f"/thurrock/actions/{clean.action.pk}/"


def test_it_finds_an_action_with_no_lead_of_any_kind(clean):
    Action.objects.filter(pk=clean.action.pk).update(lead="")
    [finding] = found(clean, "action-without-lead")
    assert finding.words == clean.action.text
    assert "No lead is named" in finding.why


@pytest.mark.parametrize("lead", ["person", "organisation"])
def test_a_lead_person_or_organisation_is_a_lead(clean, lead):
    organisation = Organisation.objects.create(partnership=clean.partnership, name="NHS Thurrock")
    if lead == "person":
        person = Person.objects.create(partnership=clean.partnership, name="Jo Olsson")
        Action.objects.filter(pk=clean.action.pk).update(lead="", lead_person=person)
    else:
        Action.objects.filter(pk=clean.action.pk).update(lead="", lead_organisation=organisation)
    assert found(clean, "action-without-lead") == []


def test_it_finds_an_action_written_twice(clean):
    ActionFactory(
        objective=clean.objective, code="1.14", text="Increase take-up of places for two-year olds."
    )
    [finding] = found(clean, "duplicated-action")
    assert finding.where == "Action 1.14 (objective 1.1)"
    assert finding.why == "The same words as action 1.11."


def test_the_same_action_in_another_year_is_not_a_duplicate(clean):
    from goldenthread.plans.models import DeliveryPlan

    next_year = DeliveryPlan.objects.create(plan=clean.aim.plan, year_start=2015)
    ActionFactory(
        objective=clean.objective, delivery_plan=next_year, code="1.11", text=clean.action.text
    )
    assert found(clean, "duplicated-action") == []


def test_it_finds_an_aim_with_no_actions_this_year(clean):
    aim = AimFactory(plan=clean.aim.plan, number=2, title="Protection when needed")
    objective = ObjectiveFactory(aim=aim, code="2.1")
    clean.indicator.objectives.add(objective)
    MilestoneFactory(commitment=CommitmentFactory(objective=objective))
    [finding] = found(clean, "aim-without-actions")
    assert finding.where == "Aim 2: Protection when needed"
    assert "2014/15" in finding.why


def test_it_finds_an_objective_nothing_measures(clean):
    clean.indicator.objectives.clear()
    [finding] = found(clean, "objective-without-indicator")
    assert finding.where == "Aim 1, objective 1.1"
    assert finding.url == "/thurrock/2014-15/plan/#aim-1"


def test_an_indicator_on_one_of_its_actions_measures_an_objective(clean):
    clean.indicator.objectives.clear()
    clean.indicator.actions.add(clean.action)
    assert found(clean, "objective-without-indicator") == []


def test_it_finds_an_objective_with_no_milestone(clean):
    clean.milestone.delete()
    [finding] = found(clean, "objective-without-milestone")
    assert finding.where == "Aim 1, objective 1.1"


def test_without_a_plan_document_it_says_so_once(clean):
    clean.document.delete()
    findings = check_plan(clean.delivery_plan)
    assert [f.rule for f in findings] == ["no-plan-document"]


def test_it_finds_a_target_with_no_value_before_it_is_due(clean):
    Target.objects.filter(pk=clean.target.pk).update(
        due=dt.date(2012, 9, 30), due_label="September 2012"
    )
    [finding] = found(clean, "target-without-baseline")
    assert finding.where == "Target on “Places for two year olds” for September 2012"
    assert finding.words == "800 places by September 2014"
    assert "before September 2012" in finding.why
    assert finding.url == "/thurrock/indicators/two-year-old-places/"


def test_a_recorded_baseline_is_enough(clean):
    baseline = clean.indicator.data.get().period
    Target.objects.filter(pk=clean.target.pk).update(due=dt.date(2012, 9, 30), baseline=baseline)
    assert found(clean, "target-without-baseline") == []


def test_a_rule_target_needs_some_value(clean):
    other = Indicator.objects.create(
        code="neet",
        title="NEET 16-18",
        unit="percentage",
        polarity="low_is_good",
        period_type="academic_year",
    )
    Target.objects.create(
        partnership=clean.partnership, indicator=other, rule="increase_by_percent", amount=20
    )
    [finding] = found(clean, "target-without-baseline")
    assert finding.words == "Increase by a percentage year on year"
    value(other, clean.partnership, "2013/14", 6.8)
    assert found(clean, "target-without-baseline") == []


def test_a_target_for_a_group_needs_a_value_for_that_group(clean):
    Target.objects.filter(pk=clean.target.pk).update(breakdown="fsm:eligible")
    [finding] = found(clean, "target-without-baseline")
    assert "(fsm:eligible)" in finding.where


@pytest.mark.parametrize(
    "text",
    [
        "Walking and cycling to school from x to y in 2014/15/16",
        "Improve screening uptake – specify",
        "(TBC)% care leavers are NEET by March 2013/14/15",
        "2016: all results maintain upward trajectory with gaps minimised ???",
        "Specific milestones needed",
    ],
)
def test_it_finds_a_milestone_with_a_placeholder(clean, text):
    MilestoneFactory(commitment=clean.commitment, text=text, line=228)
    [finding] = found(clean, "milestone-without-number-or-date")
    assert finding.words == text
    assert finding.line == 228
    assert finding.where.startswith("Objective 1.1, “We will Increase our capacity")


def test_it_finds_a_milestone_with_neither_figure_nor_date(clean):
    MilestoneFactory(
        commitment=clean.commitment, text="Improve vaccination uptake", due=None, value=None
    )
    [finding] = found(clean, "milestone-without-number-or-date")
    assert "neither a figure nor a date" in finding.why


@pytest.mark.parametrize(
    "text",
    ["Integrated teams in place April 2013", "Increase of level 2 and 3 apprenticeships by 20%"],
)
def test_a_milestone_with_a_date_or_a_figure_in_its_words_is_fine(clean, text):
    MilestoneFactory(commitment=clean.commitment, text=text, due=None, value=None)
    assert found(clean, "milestone-without-number-or-date") == []


def test_it_finds_a_milestone_written_twice_under_one_commitment(clean):
    for _ in range(2):
        MilestoneFactory(
            commitment=clean.commitment, text="Commissioned offer commences April 2013"
        )
    [finding] = found(clean, "duplicated-milestone")
    assert finding.words == "Commissioned offer commences April 2013"


def test_the_same_milestone_under_two_commitments_is_not_a_duplicate(clean):
    other = CommitmentFactory(objective=clean.objective, text="Another commitment")
    MilestoneFactory(commitment=other, text=clean.milestone.text)
    assert found(clean, "duplicated-milestone") == []


def test_it_finds_drafting_notes_in_a_section(clean):
    SectionFactory(
        document=clean.document,
        heading="Health Reforms (Ceri please check/amend)",
        text="More detailed information can be found at (hyperlink).",
        line=99,
    )
    findings = found(clean, "drafting-note")
    assert [(f.where, f.words, f.line) for f in findings] == [
        ("Section “Health Reforms (Ceri please check/amend)”", "(Ceri please check/amend)", 99),
        ("Section “Health Reforms (Ceri please check/amend)”", "(hyperlink)", 99),
    ]


def test_it_finds_drafting_notes_in_a_commitment_and_its_table(clean):
    commitment = CommitmentFactory(
        objective=clean.objective,
        text="Improve housing for families and prevent homelessness– Barbara Brownlee",
        where_now="Sexually transmitted infections (data on rates needed here)",
        where_to_be="Chlamydia rate reduced",
        milestones_text="",
    )
    MilestoneFactory(commitment=commitment)
    words = [f.words for f in found(clean, "drafting-note")]
    assert words == ["– Barbara Brownlee", "(data on rates needed here)"]


def test_it_reads_the_milestones_cell_when_it_was_not_split(clean):
    CommitmentFactory(objective=clean.objective, milestones_text="Specific milestones needed")
    [finding] = found(clean, "drafting-note")
    assert finding.words == "Specific milestones needed"
    assert "“Key milestones”" in finding.why


def test_a_question_in_a_milestone_is_a_drafting_note_not_a_placeholder(clean):
    text = "Immunisations rate for children in care 80% by March 2015 CAMHS strategy?"
    MilestoneFactory(commitment=clean.commitment, text=text)
    assert found(clean, "milestone-without-number-or-date") == []
    [finding] = found(clean, "drafting-note")
    assert finding.words == text
    assert finding.why.startswith("A question left in")


def test_it_finds_drafting_notes_in_an_action(clean):
    ActionFactory(objective=clean.objective, code="1.12", measure="Report (data to be added)")
    [finding] = found(clean, "drafting-note")
    assert finding.where == "Action 1.12 (objective 1.1)"
    assert finding.words == "Report (data to be added)"


def test_brackets_and_headers_that_are_fine_are_not_notes(clean):
    SectionFactory(
        document=clean.document,
        heading="Where are we now?",
        text="At Key Stage 2 (KS2) results rose (2010 mid-year estimates).",
    )
    CommitmentFactory(
        objective=clean.objective,
        text="Continue to focus on Foundation Stage (FS) and Key Stage 1 (KS1)",
    )
    assert check_plan(clean.delivery_plan) == []
