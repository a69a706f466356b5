import datetime as dt

import pytest

from goldenthread.indicators.models import Indicator, Target
from goldenthread.plans.models import Aim, Objective
from goldenthread.strategy.importer import PlanImportError, import_plan
from goldenthread.strategy.models import (
    Commitment,
    DocumentStatus,
    HigherPlan,
    Milestone,
    PlanDocument,
    Priority,
    Relation,
    Section,
    VersionEntry,
)
from goldenthread.testing.corpus import PLAN_DOCUMENT

from .conftest import load_indicators

SEED_TEXT = PLAN_DOCUMENT.read_text(encoding="utf-8")
pytestmark = pytest.mark.django_db


def line_with(words: str) -> int:
    return next(n for n, line in enumerate(SEED_TEXT.splitlines(), 1) if words in line)


def document_of(partnership) -> PlanDocument:
    return PlanDocument.objects.get(plan__partnership=partnership)


def milestone(text: str) -> Milestone:
    return Milestone.objects.select_related("indicator", "target").get(text=text)


def counts() -> dict[str, int]:
    models = [PlanDocument, VersionEntry, Section, Aim, Objective, Commitment, Milestone, Target]
    return {model.__name__: model.objects.count() for model in [*models, HigherPlan, Priority]}


def test_it_reads_the_vision_and_document_control(imported):
    document = document_of(imported)
    assert (
        document.vision
        == "Resourceful and resilient people in resourceful and resilient communities"
    )
    assert document.name == "Thurrock Children and Young People's Plan 2013 – 2016"
    assert document.version == "0.1"
    assert (document.status, document.status_as_written) == (DocumentStatus.DRAFT, "Refresh")
    assert document.author == "Jo Olsson"
    assert document.approving_body == ""
    assert (document.review_label, document.review_on) == ("March 2014", dt.date(2014, 3, 31))
    assert document.equality_impact_assessment == ""


def test_it_keeps_the_version_history_and_an_empty_approval_history(imported):
    document = document_of(imported)
    assert [(v.version, v.reason, v.date) for v in document.versions.all()] == [
        ("V0.1", "Refresh", dt.date(2012, 10, 5)),
        ("V0.2", "Amendments to version 0.1", dt.date(2012, 10, 17)),
    ]
    assert not document.approvals.exists()


def test_it_keeps_sections_with_their_headings_as_written(imported):
    sections = {s.heading: s for s in document_of(imported).sections.all()}
    for heading in [
        "Foreword",
        "Introduction and Overview",
        "Context",
        "Welfare Reform",
        "A new relationship with schools (Carmel, please check/amend and add SEN)",
        "Health Reforms (Ceri please check/amend)",
    ]:
        assert heading in sections
    welfare = sections["Welfare Reform"]
    assert welfare.line == line_with("**Welfare Reform**")
    assert welfare.text.startswith("Alongside the unprecedented reduction in funding")
    # A displayed quotation stays in its section; it is not a section of its own.
    assert "Every child has the best possible start in life" not in sections
    assert "Every child has the best possible start in life" in sections["Foreword"].text
    assert "Page 12 of 31" not in "".join(s.text for s in sections.values())


def test_it_links_the_plans_aims_and_objectives_to_the_annual_reports(with_report):
    aims_before = set(Aim.objects.values_list("pk", flat=True))
    objectives_before = set(Objective.objects.values_list("pk", flat=True))

    result = import_plan(PLAN_DOCUMENT, partnership=with_report)

    assert set(Aim.objects.values_list("pk", flat=True)) == aims_before
    assert set(Objective.objects.values_list("pk", flat=True)) == objectives_before
    assert (result.linked["aims"], result.linked["objectives"]) == (4, 12)
    # The report's titles are kept, and the plan's other wording is reported.
    assert Objective.objects.get(code="5.1").title == "Mitigate the impact of child poverty"
    assert any("Reduce and mitigate the impact of child poverty" in n for n in result.notes)


def test_it_creates_the_aims_and_objectives_when_no_report_came_first(plan):
    load_indicators()

    result = import_plan(PLAN_DOCUMENT, partnership=plan.partnership)

    assert [a.title for a in plan.aims.all()] == [
        "Outstanding universal services and outcomes",
        "Parental, Family and Community Resilience",
        "Everyone Succeeding",
        "Protection When Needed",
    ]
    assert Objective.objects.filter(aim__plan=plan).count() == 12
    assert list(plan.aims.get(number=2).objectives.values_list("title", flat=True)) == [
        "Early offer of Help",
        "Reduce and mitigate the impact of child poverty",
        "Strengthened Communities",
    ]
    assert (result.created["aims"], result.created["objectives"]) == (4, 12)


def test_commitments_carry_their_rows_across_page_breaks(imported):
    places = Commitment.objects.get(
        text__startswith="Increase our capacity to provide early-education"
    )
    assert places.where_now.startswith("70 places are offered to eligible families")
    assert places.milestones_text == "400 places by September 2013 800 places by September 2014"
    assert places.line == line_with("Increase our capacity to provide early-education")
    progression = Commitment.objects.get(text__startswith="Ensure high quality opportunities")
    assert "Data on level 2 and 3 qualifications to be added" in progression.where_now
    assert (
        progression.milestones_text
        == "All courses for 16-19 year olds mapped and publicised by April 13."
    )
    assert (
        Commitment.objects.get(text="Implement our Troubled Families Initiative").objective.code
        == "4.1"
    )


def test_we_will_commitments_are_kept_under_their_objectives(imported):
    objective = Objective.objects.get(code="8.1")
    assert list(objective.commitments.values_list("text", flat=True)) == [
        "Fulfill the ambitions in the Munro review of child protection",
        "Ensure that all agencies deliver high quality child protection services",
        "Combat violence against women and girls",
    ]


def test_dated_numbers_on_an_indicator_link_to_the_targets_already_set(with_report):
    targets_before = Target.objects.count()
    demo_target = Target.objects.get(indicator__code="two-year-old-places", value=400)

    import_plan(PLAN_DOCUMENT, partnership=with_report)

    places = milestone("400 places by September 2013")
    assert (places.value, places.due, places.due_label) == (
        400,
        dt.date(2013, 9, 30),
        "September 2013",
    )
    assert places.indicator.code == "two-year-old-places"
    assert places.target == demo_target
    assert places.line == line_with("400 places by September 2013")
    assert Target.objects.count() == targets_before


def test_dated_numbers_become_targets_on_the_right_indicators(plan):
    load_indicators()

    import_plan(PLAN_DOCUMENT, partnership=plan.partnership)

    made = {
        (t.indicator.code, t.value, t.due)
        for t in Target.objects.filter(partnership=plan.partnership).select_related("indicator")
    }
    assert made == {
        ("two-year-old-places", 400, dt.date(2013, 9, 30)),
        ("two-year-old-places", 800, dt.date(2014, 9, 30)),
        ("neet-16-18", 6.2, dt.date(2013, 3, 31)),
        ("neet-16-18", 5.7, dt.date(2014, 3, 31)),
        ("adults-qualified-l2", 69.1, dt.date(2013, 10, 31)),
        ("adults-qualified-l2", 74.1, dt.date(2014, 10, 31)),
        ("adults-qualified-l3", 40.2, dt.date(2013, 10, 31)),
        ("adults-qualified-l3", 42.2, dt.date(2014, 10, 31)),
        ("adults-qualified-l3", 44.2, dt.date(2015, 10, 31)),
        ("esf-families", 100, dt.date(2013, 6, 30)),
        ("esf-families", 200, dt.date(2014, 9, 30)),
    }
    assert all(m.target.milestone == m for m in Milestone.objects.exclude(target=None))
    neet = Indicator.objects.get(code="neet-16-18")
    assert Objective.objects.get(code="3.1") in neet.objectives.all()


def test_unfinished_milestones_stay_as_written_without_a_target(imported):
    for text in [
        "Improve screening uptake – specify",
        "(TBC)% care leavers are NEET by March 2013/14/15",
        "Specific milestones needed",
        "Walking and cycling to school from x to y in 2014/15/16",
        "2016: all results maintain upward trajectory with gaps minimised ???",
    ]:
        found = milestone(text)
        assert found.target is None
        assert found.value is None
    assert milestone("Specific milestones needed").objective.code == "2.1"
    assert milestone("Improve screening uptake – specify").commitment is not None


def test_the_golden_thread_is_read_from_the_text(imported):
    health = HigherPlan.objects.get(partnership=imported, title="Health and Well-Being Strategy")
    community = HigherPlan.objects.get(partnership=imported, title="Thurrock Community Strategy")
    assert HigherPlan.objects.filter(partnership=imported).count() == 2
    assert [(p.number, p.title, p.relation) for p in health.priorities.all()] == [
        (1, "Every child has the best possible start in life", Relation.DELIVERS),
        (
            2,
            "People make better lifestyle choices and take more responsibility for their health and well being",
            "",
        ),
        (3, "People stay healthy longer, adding years to life and life to years", ""),
        (4, "The health and well being of communities in Thurrock are more equal", ""),
    ]
    assert [(p.number, p.title, p.relation) for p in community.priorities.all()] == [
        (1, "Create a great place for learning and opportunity", Relation.DELIVERS),
        (2, "Encourage and promote job creation and economic prosperity", Relation.CONTRIBUTES),
        (3, "Build pride and respect to create safer communities", Relation.CONTRIBUTES),
        (4, "Improve health and well-being", Relation.CONTRIBUTES),
        (5, "Protect and enjoy our clean and green environments", Relation.CONTRIBUTES),
    ]
    all_aims = set(Aim.objects.filter(plan__partnership=imported))
    assert set(health.priorities.get(number=1).aims.all()) == all_aims
    assert set(community.priorities.get(number=1).aims.all()) == all_aims
    # A priority the plan contributes to is served by the aims sharing its subject, and
    # says why; one sharing none (jobs, the environment) is served by none.
    served = {
        p.number: {a.number: p.basis_for(a) for a in p.aims.all()}
        for p in community.priorities.all()
    }
    assert {n: sorted(aims) for n, aims in served.items()} == {
        1: [1, 2, 3, 4],
        2: [],
        3: [2],
        4: [1, 3],
        5: [],
    }
    assert (
        served[3][2] == "shares “communities” with aim 2 Parental, Family and Community resilience"
    )
    assert served[4][3].startswith("shares “health” with objective 7.2 Narrow health inequalities")
    assert served[1][1].startswith("the plan delivers it as a whole (line 70: “The Plan is also")


def test_importing_the_same_file_again_changes_nothing_and_says_so(imported):
    before = counts()

    result = import_plan(PLAN_DOCUMENT, partnership=imported)

    assert result.unchanged
    assert "nothing changed" in result.headline()
    assert counts() == before


def test_a_changed_file_updates_in_place_and_keeps_links_a_manager_made(imported, tmp_path):
    safer = Priority.objects.get(title="Build pride and respect to create safer communities")
    safer.aims.add(Aim.objects.get(plan__partnership=imported, number=4))  # by a manager
    before = counts()
    edited = tmp_path / "plan-v2.txt"
    edited.write_text(
        SEED_TEXT.replace("Status\tRefresh", "Status\tConsultation"), encoding="utf-8"
    )

    result = import_plan(edited, partnership=imported)

    assert not result.unchanged
    assert counts() == before
    assert document_of(imported).status == DocumentStatus.CONSULTATION
    assert sorted(safer.aims.values_list("number", flat=True)) == [2, 4]
    assert safer.basis_for(Aim.objects.get(plan__partnership=imported, number=4)) == (
        "linked by a manager"
    )


def test_a_dry_run_writes_nothing(with_report):
    before = counts()

    result = import_plan(PLAN_DOCUMENT, partnership=with_report, dry_run=True)

    assert result.dry_run and result.created["milestones"] > 0
    assert counts() == before


def test_a_file_that_is_not_a_plan_names_the_file_and_line_and_writes_nothing(with_report):
    from goldenthread.plans.tests.seed import SEED

    before = counts()
    with pytest.raises(PlanImportError) as error:
        import_plan(SEED, partnership=with_report)
    assert f"{SEED.name}, line " in str(error.value)
    assert "document control" in str(error.value)
    assert counts() == before


def test_a_plan_without_aims_is_refused(with_report, tmp_path):
    path = tmp_path / "no-aims.txt"
    path.write_text(SEED_TEXT.split("## Four aims")[0], encoding="utf-8")

    with pytest.raises(PlanImportError, match=r"no-aims.txt, line \d+: no aims found"):
        import_plan(path, partnership=with_report)
    assert not PlanDocument.objects.exists()


def test_another_plans_aims_are_refused_and_nothing_is_half_written(with_report):
    Aim.objects.filter(number=2).update(title="Something else entirely")
    before = counts()

    with pytest.raises(PlanImportError) as error:
        import_plan(PLAN_DOCUMENT, partnership=with_report)

    assert f"line {line_with('## **Parental, Family')}: aim 2" in str(error.value)
    assert counts() == before


def test_the_seeds_milestones_link_to_the_indicators_they_did_before_aliases(imported):
    """The seed's milestones are linked by the demo indicators' own names, aliases and
    units, exactly as the word list fitted to them used to link them."""
    linked = sorted(
        (m.objective.code, m.text[:40], m.indicator.code)
        for m in Milestone.objects.exclude(indicator=None).select_related("indicator", "objective")
    )
    assert linked == [
        ("1.1", "400 places by September 2013", "two-year-old-places"),
        ("1.1", "800 places by September 2014", "two-year-old-places"),
        ("2.1", "Maintain performance for women stopping ", "smoking-at-delivery"),
        ("3.1", "(TBC)% care leavers are NEET by March 20", "care-leavers-eet"),
        ("3.1", "5.7% 16-18 year olds are NEET by March 2", "neet-16-18"),
        ("3.1", "6.2% 16-18 year olds are NEET by March 2", "neet-16-18"),
        ("3.1", "A 0.5% per annum reduction in NEET level", "neet-16-18"),
        ("3.1", "Increase of level 2 and 3 apprenticeship", "apprenticeships-l2-l3"),
        ("5.1", "200 families by September 2014", "esf-families"),
        ("5.1", "42.2% by October 2014", "adults-qualified-l3"),
        ("5.1", "44.2% by October 2015", "adults-qualified-l3"),
        ("5.1", "74.1% by October 2014", "adults-qualified-l2"),
        ("5.1", "Access to ESF Families Programme: 100 fa", "esf-families"),
        ("5.1", "An increase of 0.5% per annum of familie", "wtc-childcare-element"),
        ("5.1", "L2 (adults) 69.1% by October 2013", "adults-qualified-l2"),
        ("5.1", "L3 (adults) 40.2% by October 2013", "adults-qualified-l3"),
    ]
    assert Milestone.objects.count() == 51


def test_a_milestone_naming_two_indicators_equally_links_neither_and_says_where(plan):
    load_indicators()
    Indicator.objects.create(
        code="neet-16-18-residents",
        title="Resident young people NEET",
        aliases="16-18 year olds not in education, employment or training",
        unit="percentage",
        polarity="low_is_good",
        period_type="financial_year",
    )

    result = import_plan(PLAN_DOCUMENT, partnership=plan.partnership)

    neet = milestone("6.2% 16-18 year olds are NEET by March 2013")
    assert neet.indicator is None and neet.target is None
    line = line_with("6.2% 16-18 year olds are NEET by March 2013")
    assert (
        f"Line {line}: '6.2% 16-18 year olds are NEET by March 2013' names neet-16-18 and "
        "neet-16-18-residents equally; linked to neither."
    ) in result.ambiguous
    assert any(text.startswith("  Ambiguous: Line") for text in result.lines())
