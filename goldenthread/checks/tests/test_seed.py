"""The quality check on the demo's real documents: Thurrock's annual report 2014/15,
its indicators and targets, and its Children and Young People's Plan 2013–2016.

Every problem a reviewer would send back is found, where it is, and nothing that is
fine is flagged ("Key Stage 2 (KS2)", "Where are we now?").
"""

from collections import Counter
from pathlib import Path

import pytest
from django.conf import settings

from goldenthread.checks.rules import check_plan
from goldenthread.conftest import built_once
from goldenthread.indicators.tests.world import load_demo_indicators
from goldenthread.lib.periods import FinancialYear
from goldenthread.partnerships.models import Partnership
from goldenthread.plans.models import Action, DeliveryPlan

PLAN = Path(settings.BASE_DIR) / "demo" / "data" / "thurrock-cypp-2013-16-plan.txt"

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def indicators_world(seed_world, django_db_blocker):
    """The seed report's plan with the demo's indicators, targets and data (goldenthread/
    conftest.py tells how a world is built once per module)."""
    yield from built_once(
        django_db_blocker, lambda: load_demo_indicators(Partnership.objects.get(pk=seed_world))
    )


@pytest.fixture(scope="module")
def plan_world(indicators_world, seed_world, django_db_blocker):
    """…and the plan document, imported into the same plan."""
    from goldenthread.strategy.importer import import_plan

    def build() -> None:
        partnership = Partnership.objects.get(pk=seed_world)
        import_plan(PLAN, partnership=partnership, plan=partnership.plans.get())

    yield from built_once(django_db_blocker, build)


@pytest.fixture
def thurrock(indicators_world, seeded):
    """The seed report's delivery plan, with the demo's indicators, targets and data."""
    return DeliveryPlan.objects.for_year(seeded, FinancialYear(2014))


@pytest.fixture
def with_plan(plan_world, thurrock):
    """…and the plan document, imported into the same plan."""
    return thurrock


def by_rule(delivery_plan) -> dict[str, list]:
    found: dict[str, list] = {}
    for finding in check_plan(delivery_plan):
        found.setdefault(finding.rule, []).append(finding)
    return found


# From the annual report, indicators and targets alone


def test_the_report_names_no_lead_for_any_of_its_actions(thurrock):
    findings = by_rule(thurrock)["action-without-lead"]
    assert len(findings) == Action.objects.filter(delivery_plan=thurrock).count() == 82
    mash = next(f for f in findings if f.where.startswith("Action 8.11 "))
    assert mash.where == "Action 8.11 (objective 8.1)"
    assert mash.words == "Implementation of Multi Agency Safeguarding Hub (MASH)"
    assert mash.url == f"/thurrock/actions/{Action.objects.get(code='8.11').pk}/"


def test_every_action_has_a_measure_and_none_is_written_twice(thurrock):
    found = by_rule(thurrock)
    assert "action-without-measure" not in found
    assert "duplicated-action" not in found


def test_every_aim_has_actions_in_2014_15(thurrock):
    assert "aim-without-actions" not in by_rule(thurrock)


def test_only_promote_and_support_inclusion_has_no_indicator(thurrock):
    [finding] = by_rule(thurrock)["objective-without-indicator"]
    assert finding.where == "Aim 3, objective 7.1"
    assert finding.words == "Promote and support inclusion"


def test_targets_with_no_value_before_they_are_due(thurrock):
    findings = by_rule(thurrock)["target-without-baseline"]
    flagged = Counter(f.url.rstrip("/").rsplit("/", 1)[-1] for f in findings)
    # No data at all for these indicators in the demo.
    for code in [
        "cc-registration",
        "early-education-3-4-take-up",
        "new-homes",
        "troubled-families",
        "apprenticeships-l2-l3",
    ]:
        assert flagged[code] == 1, code
    assert flagged["esf-families"] == 2
    # The 2013 milestones: the demo's data starts after them.
    for code in [
        "eyfs-gld",
        "ks2-rwm-l4",
        "ks4-5ac-em",
        "ks2-schools-below-floor",
        "ks4-schools-below-floor",
    ]:
        assert flagged[code] == 1, code
    # A target with earlier data, or a recorded baseline, is fine.
    assert "neet-16-18" not in flagged
    assert "adults-qualified-l2" not in flagged
    assert sum(flagged.values()) == 12
    ks2 = next(f for f in findings if "ks2-rwm-l4" in f.url)
    assert ks2.where.endswith("for August 2013")
    assert "no value for Thurrock before August 2013" in ks2.why


def test_the_report_alone_has_no_drafting_notes_and_asks_for_the_plan(thurrock):
    found = by_rule(thurrock)
    assert "drafting-note" not in found
    assert [f.rule for f in found["no-plan-document"]] == ["no-plan-document"]


# With the plan document (needs goldenthread.strategy.importer.import_plan)


SECTION_NOTES = [
    ("Section “Foreword”", "(hyperlink)"),
    (
        "Section “A new relationship with schools (Carmel, please check/amend…”",
        "(Carmel, please check/amend and add SEN)",
    ),
    ("Section “Health Reforms (Ceri please check/amend)”", "(Ceri please check/amend)"),
    ("Section “Health Reforms (Ceri please check/amend)”", "(hyperlink)"),
    ("Section “Helping families to help themselves”", "(EOH – hyperlink)"),
    (
        "Section “Our people, their assets and needs (Ceri more needed here,…”",
        "(Ceri more needed here, ethnicity profile, inward migration",
    ),
]

TABLE_NOTES = [
    ("2.1", "(data on rates needed here)"),
    ("2.1", "Data on smoking/alcohol & drug use? Am not prepared to use Tell Us 2009"),
    ("3.1", "Data on level 2 and 3 qualifications to be added"),
    (
        "3.1",
        ("A range of apprenticeships are offered in partnership with employers (data to be added)"),
    ),
    ("5.1", "– Barbara Brownlee"),
    ("7.2", "(data)"),
    ("7.2", "Immunisations rate for children in care – specify 2014/15/16 CAMHS strategy?"),
]

PLACEHOLDER_MILESTONES = [
    ("1.1", "gaps minimised ???"),
    ("2.1", "Walking and cycling to school from x to y"),
    ("2.1", "Smoke free workplaces from x to y"),
    ("2.1", "smoke free homes identified 2013, increased from x to y"),
    ("2.1", "under 25 years from x to y"),
    ("2.1", "Improve screening uptake – specify"),
    ("2.1", "Improve vaccination uptake"),
    ("2.1", "(medium term) - specify"),
    ("2.1", "Targeted quality weight management programmes"),
    ("2.1", "Specific milestones needed"),
    ("3.1", "(TBC)% care leavers are NEET"),
    ("7.2", "specify not just year one"),
    ("7.2", "Immunisations rate for children in care – specify"),
]
VAGUE_MILESTONES = [
    ("2.1", "Increase breastfeeding friendly facilities and places in the community"),
    ("2.1", "Maintain performance for women stopping smoking at time of delivery"),
    ("2.1", "Quality lifestyle preventative information disseminated"),
]


def test_drafting_notes_in_the_sections_are_found_with_their_lines(with_plan):
    notes = [f for f in by_rule(with_plan)["drafting-note"] if f.where.startswith("Section")]
    assert [(f.where, f.words) for f in notes] == SECTION_NOTES
    assert [f.line for f in notes] == [35, 91, 99, 99, 103, 121]


def test_drafting_notes_in_the_objective_tables_are_found(with_plan):
    notes = [f for f in by_rule(with_plan)["drafting-note"] if not f.where.startswith("Section")]
    assert sorted((f.where.split(",")[0], f.words) for f in notes) == sorted(
        (f"Objective {code}", words) for code, words in TABLE_NOTES
    )
    assert all(f.line for f in notes)


def test_every_unfinished_milestone_is_found_and_no_other(with_plan):
    findings = by_rule(with_plan)["milestone-without-number-or-date"]
    expected = PLACEHOLDER_MILESTONES + VAGUE_MILESTONES
    assert len(findings) == len(expected)
    for code, words in expected:
        [match] = [f for f in findings if words in f.words]
        assert match.where.startswith(f"Objective {code}, “We will "), words
        assert match.where.endswith("key milestone")
        assert match.line
    vague = [f for f in findings if "neither a figure nor a date" in f.why]
    assert sorted(f.words for f in vague) == sorted(words for _, words in VAGUE_MILESTONES)


def test_milestones_written_twice_are_found(with_plan):
    findings = by_rule(with_plan)["duplicated-milestone"]
    assert sorted(f.words for f in findings) == [
        "Commissioned offer commences April 2013",
        "Integrated teams in place April 2013",
    ]
    assert {f.where.split(",")[0] for f in findings} == {"Objective 4.1"}
    assert {f.line for f in findings} == {257}


def test_objectives_the_plan_gives_no_milestone(with_plan):
    findings = by_rule(with_plan)["objective-without-milestone"]
    assert [f.where for f in findings] == [
        "Aim 2, objective 5.2",
        "Aim 3, objective 6.1",
        "Aim 4, objective 8.1",
        "Aim 4, objective 9.1",
        "Aim 4, objective 10.1",
    ]


def test_with_the_plan_nothing_asks_for_it(with_plan):
    assert "no-plan-document" not in by_rule(with_plan)


# What the plan means (its targets, dates, document control and sections)


def test_the_working_tax_credit_target_asks_for_less_than_where_the_plan_started(with_plan):
    # 15.5% by 2014/15, where higher is better and 16.8% was reached in 2011/12.
    [finding] = by_rule(with_plan)["target-wrong-way"]
    assert finding.url.endswith("/indicators/wtc-childcare-element/")
    assert finding.words.startswith("Increase the take up of Working Tax Credits to 15.5%")
    assert "worse than the baseline (16.8% for 2011/12), where higher is better" in finding.why


def test_no_other_target_is_met_at_baseline_or_disagrees(with_plan):
    found = by_rule(with_plan)
    assert "target-met-at-baseline" not in found
    # 6.2% then 5.7% NEET (lower is better); 69.1% then 74.1% qualified; floor targets
    # of none below floor in 2013 and 2016: each later one asks for as much or more.
    assert "targets-disagree" not in found


def test_the_neet_milestone_for_march_2013_falls_before_the_plan(with_plan):
    [finding] = by_rule(with_plan)["milestone-before-plan"]
    assert finding.words == "6.2% 16-18 year olds are NEET by March 2013"
    assert finding.why == "It is due by March 2013, before the plan starts on 1 April 2013."
    assert finding.where.startswith("Objective 3.1, “We will Reduce the number of young people")


def test_its_document_control_contradicts_itself(with_plan):
    findings = by_rule(with_plan)["document-control"]
    whys = " ".join(f.why for f in findings)
    assert len(findings) == 4
    assert "says version 0.1, but its version history has a later version, V0.2" in whys
    assert "No approving body is named and the approval history is empty" in whys
    assert "The review date, March 2014, has passed" in whys
    assert "The equality impact assessment is blank" in whys


def test_resources_is_empty_and_lean_and_fit_only_promises_two_examples(with_plan):
    found = by_rule(with_plan)
    [empty] = found["empty-section"]
    assert (empty.where, empty.line) == ("Section “Resources”", 317)
    [stub] = found["stub-section"]
    assert (stub.where, stub.words, stub.line) == (
        "Section “Lean and Fit for the future”",
        "Two examples",
        185,
    )
