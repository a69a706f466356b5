"""The rules on what a plan means, not only on its placeholders: targets against their
baselines and each other, milestones before the plan, document control, and sections
with nothing in them. Each on the clean plan, spoiled one thing at a time."""

import datetime as dt

import pytest

from goldenthread.checks.rules import check_plan
from goldenthread.checks.rules.document import version_number
from goldenthread.indicators.models import Target
from goldenthread.strategy.models import ApprovalEntry, DocumentStatus, PlanDocument, VersionEntry

from .factories import MilestoneFactory, SectionFactory, value

pytestmark = pytest.mark.django_db


def found(clean, rule: str, today: dt.date | None = None) -> list:
    return [f for f in check_plan(clean.delivery_plan, today) if f.rule == rule]


def retarget(clean, **fields) -> None:
    Target.objects.filter(pk=clean.target.pk).update(**fields)


# Targets against their baseline (the clean plan: 70 places in 2012/13, 800 by 2014)


def test_a_target_its_baseline_already_meets(clean):
    retarget(clean, value=70, text="")
    [finding] = found(clean, "target-met-at-baseline")
    assert finding.where == "Target on “Places for two year olds” for September 2014"
    assert finding.words == "70 by September 2014"
    assert finding.why == (
        "It asks for 70 by September 2014, the same as the baseline (70 for 2012/13): "
        "it was met before anything was done."
    )
    assert finding.url == "/thurrock/indicators/two-year-old-places/"
    assert found(clean, "target-wrong-way") == []


def test_a_target_that_asks_for_less_than_the_baseline_where_higher_is_better(clean):
    retarget(clean, value=50)
    [finding] = found(clean, "target-wrong-way")
    assert "It asks for 50 by September 2014, worse than the baseline (70 for 2012/13)" in (
        finding.why
    )
    assert "where higher is better" in finding.why
    assert found(clean, "target-met-at-baseline") == []


def test_where_lower_is_better_a_higher_target_points_the_wrong_way(clean):
    clean.indicator.polarity = "low_is_good"
    clean.indicator.save()
    [finding] = found(clean, "target-wrong-way")  # 800 places, up from 70
    assert "where lower is better" in finding.why


def test_a_recorded_baseline_period_comes_before_the_value_the_plan_started_from(clean):
    later = value(clean.indicator, clean.partnership, "2013/14", 900)
    retarget(clean, baseline=later.period)
    [finding] = found(clean, "target-wrong-way")
    assert "(900 for 2013/14)" in finding.why


def test_without_a_value_before_the_plan_the_first_before_the_target_counts(clean):
    clean.indicator.data.all().delete()
    value(clean.indicator, clean.partnership, "2013/14", 800)
    value(clean.indicator, clean.partnership, "2014/15", 100)  # after the target's date
    [finding] = found(clean, "target-met-at-baseline")
    assert "(800 for 2013/14)" in finding.why


@pytest.mark.parametrize(
    ("polarity", "text", "wrong"),
    [
        ("high_is_good", "Reduce the number of two year olds in places", True),
        ("high_is_good", "Improve by half a point a year", False),
        ("high_is_good", "Cut the rate by half a point a year until at England's", True),
        ("high_is_good", "Take up no lower than the England average", False),
        ("low_is_good", "Increase the rate of 16-18 year olds NEET", True),
        ("low_is_good", "A 0.5% reduction a year in NEET levels", False),
        ("high_is_good", "Raise take up of early education", False),
        # Both ways in one sentence: the words do not say which way it points.
        ("high_is_good", "Increase take up by reducing the waiting list", False),
    ],
)
def test_a_rule_whose_words_ask_for_the_wrong_way(clean, polarity, text, wrong):
    clean.indicator.polarity = polarity
    clean.indicator.save()
    rule = {"rule": "reduce_by_points_until_england", "amount": 0.5}
    retarget(clean, value=None, due=None, text=text, **rule)
    findings = found(clean, "target-wrong-way")
    assert bool(findings) == wrong
    if wrong:
        better = "higher" if polarity == "high_is_good" else "lower"
        assert findings[0].why.endswith(f"where {better} is better.")


def test_a_rule_to_increase_where_lower_is_better_points_the_wrong_way(clean):
    clean.indicator.polarity = "low_is_good"
    clean.indicator.save()
    retarget(clean, value=None, due=None, rule="increase_by_percent", amount=20, text="")
    [finding] = found(clean, "target-wrong-way")
    assert finding.why == "Its rule asks for an increase, where lower is better."


def test_an_indicator_with_no_polarity_has_no_wrong_way(clean):
    clean.indicator.polarity = "no_judgement"
    clean.indicator.save()
    retarget(clean, value=10, text="Reduce places")
    assert found(clean, "target-wrong-way") == found(clean, "target-met-at-baseline") == []


# Targets that disagree


def another(clean, **fields) -> Target:
    fields = {
        "value": 800,
        "due": dt.date(2014, 9, 30),
        "due_label": "September 2014",
    } | fields
    return Target.objects.create(partnership=clean.partnership, indicator=clean.indicator, **fields)


def test_two_targets_for_one_date_that_ask_for_different_values(clean):
    another(clean, value=600, text="600 places by September 2014")
    [finding] = found(clean, "targets-disagree")
    assert finding.words == "600 places by September 2014"
    assert finding.why == "Another target for the same date asks for 800."


def test_a_later_target_that_asks_for_less(clean):
    another(clean, value=500, due=dt.date(2015, 9, 30), due_label="September 2015")
    [finding] = found(clean, "targets-disagree")
    assert finding.where.endswith("for September 2015")
    assert finding.why == (
        "It asks for less than the 800 an earlier target asks for by September 2014, "
        "where higher is better."
    )


@pytest.mark.parametrize(
    "fields",
    [
        {"value": 800},  # the same target twice agrees with itself
        {"value": 1200, "due": dt.date(2015, 9, 30)},  # more, later
        {"value": 600, "kind": "floor"},  # a floor below the milestone
        {"value": 600, "breakdown": "fsm:eligible"},  # another group
    ],
)
def test_targets_that_agree(clean, fields):
    another(clean, **fields)
    assert found(clean, "targets-disagree") == []


# Milestones before the plan (the clean plan, 2013–2016, starts on 1 April 2013)


def test_a_milestone_due_before_the_plan_starts(clean):
    MilestoneFactory(
        commitment=clean.commitment,
        text="6.2% NEET by March 2013",
        due=dt.date(2013, 3, 31),
        due_label="March 2013",
        line=242,
    )
    [finding] = found(clean, "milestone-before-plan")
    assert finding.words == "6.2% NEET by March 2013"
    assert finding.why == "It is due by March 2013, before the plan starts on 1 April 2013."
    assert finding.line == 242
    assert finding.url == "/thurrock/plan-document/#objective-1.1"


def test_a_milestone_on_the_plans_first_day_is_fine(clean):
    MilestoneFactory(commitment=clean.commitment, due=dt.date(2013, 4, 1), text="Teams by April")
    assert found(clean, "milestone-before-plan") == []


# Document control


def control(clean, **fields) -> PlanDocument:
    PlanDocument.objects.filter(pk=clean.document.pk).update(**fields)
    return clean.document


def test_a_version_older_than_its_history(clean):
    control(clean, version="0.1")
    VersionEntry.objects.create(document=clean.document, version="V0.1")
    VersionEntry.objects.create(document=clean.document, version="V0.2")
    [finding] = found(clean, "document-control")
    assert finding.where == "Document control"
    assert finding.words == "Version 0.1"
    assert finding.why == (
        "The document says version 0.1, but its version history has a later version, V0.2."
    )
    assert finding.url == "/thurrock/plan-document/#document-control"


def test_versions_compare_as_numbers(clean):
    assert version_number("V0.10") > version_number("0.9") > version_number("v0.2")
    control(clean, version="0.10")
    VersionEntry.objects.create(document=clean.document, version="0.9")
    assert found(clean, "document-control") == []


def test_an_approval_of_a_later_version(clean):
    ApprovalEntry.objects.create(document=clean.document, version="2.0", approving_body="HWB")
    [finding] = found(clean, "document-control")
    assert "its approval history has a later version, 2.0" in finding.why


def test_a_review_date_passed(clean):
    control(clean, review_on=dt.date(2014, 3, 31), review_label="March 2014")
    [finding] = found(clean, "document-control", today=dt.date(2015, 1, 5))
    assert finding.words == "Review date March 2014"
    assert finding.why == "The review date, March 2014, has passed: today is 5 January 2015."
    assert found(clean, "document-control", today=dt.date(2014, 3, 31)) == []


def test_no_approver(clean):
    control(clean, approving_body="")
    [finding] = found(clean, "document-control")
    assert "No approving body is named" in finding.why
    ApprovalEntry.objects.create(document=clean.document, version="1.0", approving_body="HWB")
    assert found(clean, "document-control") == []


def test_approved_with_no_approval_recorded(clean):
    control(clean, approving_body="", status=DocumentStatus.APPROVED)
    [finding] = found(clean, "document-control")
    assert finding.words == "Status: Approved"


def test_no_equality_impact_assessment(clean):
    control(clean, equality_impact_assessment=" ")
    [finding] = found(clean, "document-control")
    assert finding.why.startswith("The equality impact assessment is blank")


def test_an_equality_impact_assessment_may_be_a_section(clean):
    control(clean, equality_impact_assessment="")
    SectionFactory(document=clean.document, heading="Equality Impact Assessment", text="")
    assert len(found(clean, "document-control")) == 1  # a heading with nothing under it
    SectionFactory(
        document=clean.document,
        heading="Equality impact assessment",
        text="An assessment found no adverse impact on any protected group.",
    )
    assert found(clean, "document-control") == []


# Sections


def test_a_section_with_no_text(clean):
    section = SectionFactory(document=clean.document, heading="Resources", text=" \n", line=317)
    [finding] = found(clean, "empty-section")
    assert (finding.where, finding.words, finding.line) == (
        "Section “Resources”",
        "Resources",
        317,
    )
    assert finding.url == f"/thurrock/plan-document/#section-{section.order}"


@pytest.mark.parametrize(
    "stub",
    [
        "Three case studies",
        "Case studies to follow",
        "Budget figures TBC",
        "Insert the partnership chart here",
        "Some quotes",
        "More detail to be added",
        "- 2 examples",
        "Coming soon",
        "…",
    ],
)
def test_a_section_that_only_promises_content(clean, stub):
    SectionFactory(
        document=clean.document,
        heading="Our achievements",
        text=f"The partnership has done well.\n\n{stub}",
    )
    [finding] = found(clean, "stub-section")
    assert finding.where == "Section “Our achievements”"
    assert finding.words == stub.lstrip("- ")
    # One problem, one finding: a placeholder in a stub is not a drafting note as well.
    assert found(clean, "drafting-note") == []


@pytest.mark.parametrize(
    "text",
    [
        "Examples of outstanding practice have grown in primary schools.",
        "Two schools joined the federation",
        "Key Stage 2 results",
        "Cllr Oliver Gerrish",
        "These are the steps to follow when a child is referred to the service, in order.",
    ],
)
def test_a_short_paragraph_with_content_is_not_a_stub(clean, text):
    SectionFactory(document=clean.document, text=text)
    assert found(clean, "stub-section") == []


def test_a_value_target_is_judged_by_its_numbers_not_its_words(clean):
    retarget(clean, text="Reduce the waiting list: 800 places by September 2014")
    assert found(clean, "target-wrong-way") == []
