"""Plans imported from Word: the seed's own layout, and another council's."""

import datetime as dt

import pytest
from docx import Document

from goldenthread.indicators.models import Target
from goldenthread.plans.models import Aim, Objective
from goldenthread.strategy.importer import PlanImportError, import_plan
from goldenthread.strategy.models import Commitment, Milestone, PlanDocument, Priority, Section
from goldenthread.testing.corpus import PLAN_DOCUMENT

from .conftest import load_indicators
from .word_plans import SECOND_PLAN_TITLE, second_plan, text_as_word

# Slow, so make test-fast leaves it out: plans written as Word documents and read back.
pytestmark = [pytest.mark.slow, pytest.mark.django_db]
SEED_TEXT = PLAN_DOCUMENT.read_text(encoding="utf-8")


def what_was_imported(partnership) -> dict:
    """Everything the import wrote, as a reader would compare two imports."""
    plan_aims = Aim.objects.filter(plan__partnership=partnership)
    return {
        "aims": list(plan_aims.values_list("number", "title")),
        "objectives": list(
            Objective.objects.filter(aim__in=plan_aims).values_list("code", "title")
        ),
        "commitments": list(
            Commitment.objects.order_by("objective__sort_key", "order").values_list(
                "objective__code", "order", "text", "where_now", "where_to_be", "milestones_text"
            )
        ),
        "milestones": list(
            Milestone.objects.order_by(
                "objective__sort_key", "commitment__order", "order"
            ).values_list("text", "due", "due_label", "value", "indicator__code", "target__value")
        ),
        "targets": sorted(
            Target.objects.values_list("indicator__code", "value", "due", "due_label", "text")
        ),
        "priorities": list(
            Priority.objects.order_by("higher_plan__title", "number").values_list(
                "higher_plan__title", "number", "title", "relation"
            )
        ),
        "priority_aims": sorted(
            Priority.aims.through.objects.values_list("priority__title", "aim__number")
        ),
        "sections": list(Section.objects.order_by("order").values_list("heading", "text")),
        "document": list(
            PlanDocument.objects.values_list(
                "name", "vision", "version", "status", "author", "review_on"
            )
        ),
    }


def test_the_seed_as_word_imports_the_same_as_its_text(plan, tmp_path, django_db_blocker):
    load_indicators()
    word = text_as_word(SEED_TEXT, tmp_path / "thurrock-cypp-2013-16-plan.docx")

    from_word = import_plan(word, partnership=plan.partnership)
    imported = what_was_imported(plan.partnership)
    assert from_word.created["milestones"] == 51
    Aim.objects.filter(plan=plan).delete()
    PlanDocument.objects.all().delete()
    Target.objects.all().delete()
    Priority.objects.all().delete()
    import_plan(PLAN_DOCUMENT, partnership=plan.partnership)

    assert what_was_imported(plan.partnership) == imported
    assert len(imported["commitments"]) > 40 and len(imported["targets"]) == 11


def test_a_word_file_is_named_by_table_and_row_not_by_line(plan, tmp_path):
    load_indicators()
    word = text_as_word(SEED_TEXT, tmp_path / "plan.docx")

    import_plan(word, partnership=plan.partnership)

    assert Section.objects.filter(line=None).count() == Section.objects.count()
    assert Milestone.objects.filter(line=None).count() == Milestone.objects.count()


@pytest.fixture
def anytown(plan):
    """No plan yet: the partnership's only plan takes the document."""
    load_indicators()
    return plan


def test_another_councils_layout_imports_with_its_milestones_linked(anytown, tmp_path):
    result = import_plan(second_plan(tmp_path / "anytown.docx"), partnership=anytown.partnership)

    assert [(a.number, a.title) for a in anytown.aims.all()] == [
        (1, "Every child ready for school"),
        (2, "Young people in learning and work"),
    ]
    objectives = Objective.objects.filter(aim__plan=anytown).order_by("sort_key")
    assert [o.code for o in objectives] == ["1.1", "1.2", "2.1", "2.2"]
    assert [o.title for o in objectives] == [
        "Increase take-up of early education",
        "Improve the health of young children",
        "Reduce the number of young people who are NEET",
        "Support care leavers into work",
    ]
    promote = Commitment.objects.get(text__startswith="Promote free places")
    assert (promote.lead, promote.due_label, promote.due) == (
        "Head of Early Years",
        "September 2015",
        dt.date(2015, 9, 30),
    )
    linked = {m.text: (m.indicator.code if m.indicator else None) for m in Milestone.objects.all()}
    assert linked == {
        "90% of two year olds taking up places by September 2015": "two-year-old-take-up",
        "800 two year old places": "two-year-old-places",
        "Reviews offered to all families": None,
        "Reduce NEET 16-18 to 4.5% by March 2016": "neet-16-18",
        "Re-engagement offer published by June 2015": None,
        "Care leavers in education, employment or training to 60% by March 2016": (
            "care-leavers-eet"
        ),
    }
    # A number with no date of its own is due when its row says.
    places = Milestone.objects.get(text="800 two year old places")
    assert (places.value, places.due, places.target.value) == (800, dt.date(2016, 3, 31), 800)
    assert PlanDocument.objects.get().name == SECOND_PLAN_TITLE
    document = PlanDocument.objects.get()
    assert document.version == "1.2"
    assert [(v.version, v.reason, v.date) for v in document.versions.all()] == [
        ("1.1", "Draft for consultation", dt.date(2014, 1, 12)),
        ("1.2", "Approved text", dt.date(2014, 3, 3)),
    ]
    assert (document.approving_body, document.approved_on) == ("", dt.date(2014, 3, 20))
    assert document.approvals.get().approving_body == "Anytown Board"
    assert (result.created["aims"], result.created["milestones"]) == (2, 6)
    assert not result.ambiguous


def test_the_second_layouts_golden_thread_links_aims_by_what_it_says(anytown, tmp_path):
    intro = [
        (
            "This plan is the vehicle for the Anytown Community Strategy's first priority, "
            "'A great start for every child'."
        ),
        "Aim 2 contributes to priority 4 of the Anytown Community Strategy.",
        "It also supports the Anytown Community Strategy's other priorities:",
        "- Safe and strong communities",
        "- Better health for everyone",
    ]
    import_plan(
        second_plan(tmp_path / "anytown.docx", intro=intro), partnership=anytown.partnership
    )

    served = {
        p.number if not p.title else p.title: (
            p.title,
            p.relation,
            {a.number: p.basis_for(a) for a in p.aims.all()},
        )
        for p in Priority.objects.filter(higher_plan__title="Anytown Community Strategy")
    }
    said = "paragraph 3: “This plan is the vehicle for the Anytown Community Strategy's"
    start = served["A great start for every child"]
    assert start[1] == "delivers"
    assert sorted(start[2]) == [1, 2] and said in start[2][1]
    assert served[4][1:] == (
        "contributes",
        {
            2: "the plan says so (paragraph 4: “Aim 2 contributes to priority 4 of the "
            "Anytown Community Strategy.”)"
        },
    )
    assert served["Safe and strong communities"] == (
        "Safe and strong communities",
        "contributes",
        {},
    )
    assert served["Better health for everyone"] == (
        "Better health for everyone",
        "contributes",
        {1: "shares “health” with objective 1.2 Improve the health of young children"},
    )


def test_the_second_layout_imports_again_unchanged(anytown, tmp_path):
    path = second_plan(tmp_path / "anytown.docx")
    import_plan(path, partnership=anytown.partnership)

    assert import_plan(path, partnership=anytown.partnership).unchanged


def errors_of(path, partnership) -> str:
    before = Commitment.objects.count(), Aim.objects.count(), PlanDocument.objects.count()
    with pytest.raises(PlanImportError) as error:
        import_plan(path, partnership=partnership)
    assert (Commitment.objects.count(), Aim.objects.count(), PlanDocument.objects.count()) == before
    return str(error.value)


def test_a_row_with_no_action_and_nothing_above_names_table_row_and_column(anytown, tmp_path):
    rows = {1: [["Increase take-up", "", "Head of Early Years", "March 2016", "90% by 2016"]]}
    path = second_plan(tmp_path / "bad.docx", rows=rows)

    message = errors_of(path, anytown.partnership)

    assert "bad.docx, table 4, row 2, column 'What we will do': no action" in message


def test_a_table_with_no_objective_is_refused_by_its_row(anytown, tmp_path):
    rows = {2: [["2.1a", "Run a programme", "Manager", "March 2016", "A milestone"]]}
    path = second_plan(tmp_path / "no-objective.docx", rows=rows)

    message = errors_of(path, anytown.partnership)

    assert "no-objective.docx, table 5, row 2: no objective" in message


def test_a_word_file_with_no_table_of_actions_is_refused(anytown, tmp_path):
    document = Document()
    document.add_heading("Anytown Plan 2014 – 2017", 0)
    document.add_paragraph("Just words.")
    document.save(str(tmp_path / "words.docx"))

    assert "words.docx: no table of actions" in errors_of(
        tmp_path / "words.docx", anytown.partnership
    )


def test_a_file_that_is_not_word_is_refused(anytown, tmp_path):
    path = tmp_path / "broken.docx"
    path.write_bytes(b"PK\x03\x04 not really a zip")

    assert "broken.docx: not a Word (.docx) file" in errors_of(path, anytown.partnership)


def one_table_plan(path, header: list[str], rows: list[list[str]], caption: str = ""):
    document = Document()
    document.add_heading("Anytown Early Help Plan 2015 – 2018", 0)
    document.add_heading("Delivery plan", 1)
    if caption:
        document.add_paragraph(caption, style="Caption")
    table = document.add_table(rows=len(rows) + 1, cols=len(header))
    for cells, row in zip(table.rows, [header, *rows], strict=True):
        for cell, text in zip(cells.cells, row, strict=True):
            cell.text = text
    document.save(str(path))
    return path


def test_one_table_with_aim_and_objective_columns_imports(anytown, tmp_path):
    path = one_table_plan(
        tmp_path / "tracker.docx",
        ["Priority", "Outcome", "Key actions", "Owner", "Timescale", "KPI"],
        [
            [
                "1. Early help",
                "More families helped early",
                "Open family hubs",
                "Hub lead",
                "Q2 2015/16",
                "",
            ],
            [
                "1. Early help",
                "More families helped early",
                "Train lead professionals",
                "Workforce lead",
                "March 2016",
                "",
            ],
            [
                "2. Young people",
                "Fewer NEET",
                "Careers advice for all",
                "Careers lead",
                "June 2016",
                "NEET 16-18 at 5% by June 2016",
            ],
        ],
    )

    import_plan(path, partnership=anytown.partnership)

    assert [(a.number, a.title) for a in anytown.aims.all()] == [
        (1, "Early help"),
        (2, "Young people"),
    ]
    hubs = Commitment.objects.get(text="Open family hubs")
    assert (hubs.objective.title, hubs.lead, hubs.due) == (
        "More families helped early",
        "Hub lead",
        dt.date(2015, 9, 30),
    )
    assert Milestone.objects.get().indicator.code == "neet-16-18"


def test_a_caption_names_the_aim_of_the_table_under_it(anytown, tmp_path):
    path = one_table_plan(
        tmp_path / "captioned.docx",
        ["Objective", "Action", "Lead", "Deadline"],
        [["Safer homes", "Visit every family on the register", "Safeguarding lead", "March 2016"]],
        caption="Table 1: Priority 3 – Safe families",
    )

    import_plan(path, partnership=anytown.partnership)

    assert [(a.number, a.title) for a in anytown.aims.all()] == [(3, "Safe families")]


def test_a_seed_layout_word_plan_with_an_error_names_its_paragraph(anytown, tmp_path):
    broken = SEED_TEXT.replace("We will:\tWe will:\tWe will:\n", "", 2)
    path = text_as_word(broken, tmp_path / "broken-seed.docx")

    message = errors_of(path, anytown.partnership)

    assert "broken-seed.docx, paragraph " in message and "has no 'We will:' table" in message


def test_a_word_file_saved_as_txt_is_read_as_word(anytown, tmp_path):
    path = second_plan(tmp_path / "anytown.docx").rename(tmp_path / "anytown.txt")

    result = import_plan(path, partnership=anytown.partnership)

    assert result.created["aims"] == 2


def test_what_an_import_links_is_in_the_audit_trail(anytown, tmp_path):
    from goldenthread.audit.models import AuditEntry

    import_plan(second_plan(tmp_path / "anytown.docx"), partnership=anytown.partnership)

    health = Priority.objects.get(title="Better health for everyone")
    entry = AuditEntry.objects.get_for_object(health).latest("timestamp")
    assert "shares “health”" in str(entry.changes)
    milestone = Milestone.objects.get(text="800 two year old places")
    assert AuditEntry.objects.get_for_object(milestone).exists()


def test_objectives_as_headings_under_their_outcome(anytown, tmp_path):
    document = Document()
    document.add_heading("Anytown Young People's Plan 2015 – 2018", 0)
    for outcome, objectives in [
        ("Outcome 1 – Children are safe", ["1.1 Fewer children need a protection plan"]),
        ("Outcome 2 – Young people achieve", ["2.1 Raise attainment", "2.2 Fewer NEET"]),
    ]:
        document.add_heading(outcome, 1)
        for objective in objectives:
            document.add_heading(objective, 2)
            table = document.add_table(rows=2, cols=4)
            for cells, row in zip(
                table.rows,
                [
                    ["Action", "Responsible officer", "Timescale", "Success measures"],
                    [f"Deliver {objective[4:].lower()}", "Service manager", "Spring 2016", ""],
                ],
                strict=True,
            ):
                for cell, text in zip(cells.cells, row, strict=True):
                    cell.text = text
    document.save(str(tmp_path / "outcomes.docx"))

    import_plan(tmp_path / "outcomes.docx", partnership=anytown.partnership)

    objectives = Objective.objects.filter(aim__plan=anytown).order_by("sort_key")
    assert [(o.aim.number, o.code, o.title) for o in objectives] == [
        (1, "1.1", "Fewer children need a protection plan"),
        (2, "2.1", "Raise attainment"),
        (2, "2.2", "Fewer NEET"),
    ]
    assert [a.title for a in anytown.aims.all()] == ["Children are safe", "Young people achieve"]
    assert Commitment.objects.get(text="Deliver raise attainment").due == dt.date(2016, 5, 31)
