"""Reading progress reports kept in Word, in the layouts councils use: the seed's own
six-column tables, headings with a table per objective, and one long table."""

import dataclasses

import pytest

from goldenthread.lib.word import as_text, read_word
from goldenthread.plans.importers.report_files import read_report_file
from goldenthread.plans.importers.report_model import ReportError
from goldenthread.plans.importers.report_text import parse_report
from goldenthread.testing.report_documents import WordReport, seed_as_word

from .seed import seed_text

REF_HEADER = ["Ref", "Action", "Lead officer", "By when", "RAG", "Progress update"]


def by_code(report):
    return {action.code: action for action in report.actions}


# (1) The seed's tables as Word -----------------------------------------------------


@pytest.fixture(scope="module")
def seed_docx(tmp_path_factory):
    return seed_as_word(seed_text(), tmp_path_factory.mktemp("word") / "seed.docx")


def test_the_seed_as_word_reads_as_its_text_does(seed_docx):
    from_word, _ = read_report_file(seed_docx)
    from_text = parse_report(seed_text(), source_name="seed.txt")
    assert len(from_word.actions) == 82
    fields = ("code", "text", "measure", "comment", "objective_code")
    assert [[getattr(a, f) for f in fields] for a in from_word.actions] == [
        [getattr(a, f) for f in fields] for a in from_text.actions
    ]
    assert [dataclasses.astuple(o)[:3] for o in from_word.objectives] == [
        dataclasses.astuple(o)[:3] for o in from_text.objectives
    ]
    assert [(a.number, a.title) for a in from_word.aims] == [
        (a.number, a.title) for a in from_text.aims
    ]
    claim = from_word.claim
    assert (claim.actions, claim.completed, claim.carried_forward) == (76, 55, 5)


# (2) Headings for aims, a table per objective --------------------------------------


@pytest.fixture(scope="module")
def headed(tmp_path_factory):
    path = tmp_path_factory.mktemp("word") / "community-safety-2015-16.docx"
    (
        WordReport()
        .title("Community Safety Partnership: progress report 2015/16")
        .paragraph("A total of 7 actions formed the plan for 2015/16. 5 were completed.")
        .heading("Contents")
        .table([["Section", "Page"], ["Introduction", "2"], ["Progress", "3"]])
        .heading("Aim 1: Safer streets and town centres")
        .heading("Objective 1.1 Reduce anti-social behaviour", level=2)
        .table(
            [
                REF_HEADER,
                [
                    "1.1.1",
                    "Run targeted patrols in hotspots",
                    "Jane Smith, ASB Manager",
                    "March 2016",
                    "Green",
                    "Patrols launched in June 2015.",
                ],
                [
                    "1.1.2",
                    "Set up a youth diversion scheme",
                    "Community Safety Team",
                    "Q3",
                    "Amber",
                    "Scheme designed.\nFunding bid submitted in October.",
                ],
            ]
        )
        .heading("Objective 1.2 Cut night-time economy violence", level=2)
        .table(
            [
                REF_HEADER,
                [
                    "1.2.1",
                    "Extend the Best Bar None award",
                    "Licensing Manager",
                    "31/12/2015",
                    "Complete",
                    "Eleven venues accredited.",
                ],
                ["", "", "", "", "", ""],
                [
                    "1.2.2",
                    "Street pastors in the town centre",
                    "Police Inspector",
                    "Ongoing",
                    "Red",
                    "Volunteers not yet recruited.",
                ],
            ]
        )
        .heading("Aim 2 – Protecting vulnerable people")
        .caption("Table 3: Objective 2.1 – Tackle domestic abuse")
        .table(
            [
                REF_HEADER,
                [
                    "2.1.1",
                    "Commission an IDVA service",
                    "Head of Commissioning",
                    "April 2015",
                    "Green",
                    "Service started on 1 April.",
                ],
                [
                    "2.1.2",
                    "Train frontline staff in DASH risk assessment",
                    "Safeguarding Lead",
                    "2015/16",
                    "Green",
                    "240 staff trained.",
                ],
            ]
        )
        .heading("Glossary")
        .table([["Term", "Meaning"], ["IDVA", "Independent domestic violence adviser"]])
        .save(path)
    )
    return read_report_file(path)[0]


def test_headings_give_aims_and_objectives(headed):
    assert [(a.number, a.title) for a in headed.aims] == [
        (1, "Safer streets and town centres"),
        (2, "Protecting vulnerable people"),
    ]
    assert [(o.code, o.title, o.aim_number) for o in headed.objectives] == [
        ("1.1", "Reduce anti-social behaviour", 1),
        ("1.2", "Cut night-time economy violence", 1),
        ("2.1", "Tackle domestic abuse", 2),
    ]


def test_each_objectives_table_gives_its_actions_with_lead_due_and_status(headed):
    actions = by_code(headed)
    assert list(actions) == ["1.1.1", "1.1.2", "1.2.1", "1.2.2", "2.1.1", "2.1.2"]
    assert [actions[c].objective_code for c in actions] == [
        "1.1",
        "1.1",
        "1.2",
        "1.2",
        "2.1",
        "2.1",
    ]
    action = actions["1.1.2"]
    assert (action.lead, action.due, action.stated_status) == (
        "Community Safety Team",
        "Q3",
        "Amber",
    )
    assert action.comment == "Scheme designed. Funding bid submitted in October."
    assert actions["1.2.1"].due == "31/12/2015"
    assert actions["2.1.1"].lead == "Head of Commissioning"


def test_contents_and_glossary_tables_are_passed_over(headed):
    assert not any("Introduction" in a.text or a.code == "IDVA" for a in headed.actions)
    assert headed.claim.actions == 7


# (3) One long table, merged down, header repeated, a row split across pages ---------

LONG_HEADER = [
    "Priority", "Objective", "Action No.", "What we will do", "Outputs", "Responsible",
    "Timescale", "Status", "Comments",
]  # fmt: skip
LONG_ROWS = [
    LONG_HEADER,
    ["Priority 1: Best start in life", "1.1 Improve school readiness", "1.1.1",
     "Roll out the two-year-old offer", "600 places", "Early Years Lead", "Sept 2015",
     "Complete", "All 600 places filled."],
    ["", "", "1.1.2", "Align health visiting and children's centre", "Joint plan",
     "Public Health", "March 2016", "In progress", "Joint plan drafted and"],
    ["", "", "", "checks at two", "", "", "", "", "out for consultation."],
    ["", "1.2 Narrow the attainment gap", "1a", "Target pupil premium funding",
     "Gap narrowed", "Head of School Improvement", "Summer 2016", "On track", ""],
    ["", "", "1b", "Summer reading challenge", "Report", "Libraries", "August 2015",
     "Complete", "1,200 children took part."],
    LONG_HEADER,
    ["Priority 2 - Healthy lives", "P2 Healthy weight", "P2.1", "Deliver a tier 2 weight service",
     "Service in place", "Public Health", "Q2 2015/16", "Not started", "Procurement delayed."],
    ["", "", "P2.2", "Daily mile in primary schools", "30 schools", "School Sport Partnership",
     "July 2016", "Green", "28 schools signed up."],
    ["", "", "", "", "", "", "", "", ""],
    ["Priority 3 - Safe from harm", "Outcome A: Fewer children need care", "A3",
     "Edge of care team", "Team in place", "Children's Social Care", "Ongoing", "Amber",
     "Recruitment under way."],
]  # fmt: skip


@pytest.fixture(scope="module")
def long_table(tmp_path_factory):
    path = tmp_path_factory.mktemp("word") / "cypp-tracker.docx"
    WordReport().heading("Delivery plan progress").table(LONG_ROWS, merge_down=(0, 1)).save(path)
    return read_report_file(path)[0]


def test_merged_priority_and_objective_cells_place_every_action(long_table):
    actions = by_code(long_table)
    assert list(actions) == ["1.1.1", "1.1.2", "1a", "1b", "P2.1", "P2.2", "A3"]
    assert {c: a.objective_code for c, a in actions.items()} == {
        "1.1.1": "1.1", "1.1.2": "1.1", "1a": "1.2", "1b": "1.2",
        "P2.1": "P2", "P2.2": "P2", "A3": "A",
    }  # fmt: skip
    assert [(a.number, a.title) for a in long_table.aims] == [
        (1, "Best start in life"),
        (2, "Healthy lives"),
        (3, "Safe from harm"),
    ]
    objectives = {o.code: (o.title, o.aim_number) for o in long_table.objectives}
    assert objectives["P2"] == ("Healthy weight", 2)
    assert objectives["A"] == ("Fewer children need care", 3)


def test_a_row_split_across_pages_is_joined_to_the_row_above(long_table):
    action = by_code(long_table)["1.1.2"]
    assert action.text == "Align health visiting and children's centre checks at two"
    assert action.comment == "Joint plan drafted and out for consultation."
    assert (action.lead, action.due, action.stated_status) == (
        "Public Health",
        "March 2016",
        "In progress",
    )


def test_outputs_responsible_and_timescale_are_read(long_table):
    action = by_code(long_table)["P2.1"]
    assert (action.measure, action.lead, action.due) == (
        "Service in place",
        "Public Health",
        "Q2 2015/16",
    )
    assert action.stated_status == "Not started"


# Errors -----------------------------------------------------------------------------


def errors(path):
    with pytest.raises(ReportError) as raised:
        read_report_file(path)
    return str(raised.value)


def test_a_bad_code_is_named_by_table_row_and_column(tmp_path):
    rows = [REF_HEADER, ["1.1.1", "Patrols", "", "", "", ""], ["x.y", "Diversion", "", "", "", ""]]
    path = WordReport().heading("Objective 1.1 Safer").table(rows).save(tmp_path / "report.docx")
    assert "report.docx, table 1, row 3, column 'Ref': 'x.y' is not a code" in errors(path)


def test_a_duplicate_code_names_both_places(tmp_path):
    rows = [REF_HEADER, ["1.1.1", "Patrols", "", "", "", ""], ["1.1.1", "Again", "", "", "", ""]]
    path = WordReport().heading("Objective 1.1 Safer").table(rows).save(tmp_path / "report.docx")
    assert (
        "report.docx, table 1, row 3, column 'Ref': action 1.1.1 appears twice "
        "(first at table 1, row 2)"
    ) in errors(path)


def test_an_action_before_any_objective_is_refused(tmp_path):
    rows = [REF_HEADER, ["1", "Patrols", "", "", "", ""]]
    path = WordReport().table(rows).save(tmp_path / "report.docx")
    assert "table 1, row 2: action '1' comes before any objective" in errors(path)


def test_a_document_with_no_action_table_says_so(tmp_path):
    path = WordReport().heading("Minutes").table([["Item", "Owner"], ["Apologies", "Chair"]])
    assert "report.docx: this is not an annual report or delivery-plan tracker" in errors(
        path.save(tmp_path / "report.docx")
    )


@pytest.mark.parametrize("name", ["report.doc", "report.docx"])
def test_an_old_word_file_is_refused_with_how_to_save_it(tmp_path, name):
    path = tmp_path / name
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100))
    message = errors(path)
    assert f"{name}: this is an old Word (.doc) file" in message
    assert "save it as a Word Document (.docx)" in message


def test_a_broken_docx_is_not_called_a_text_file(tmp_path):
    path = tmp_path / "report.docx"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    message = errors(path)
    assert "not a Word (.docx) file" in message
    assert "not a text file" not in message


# Headings without numbers, titles across the table, outcomes under priorities --------


def test_unnumbered_headings_and_titles_across_a_table_are_numbered_in_order(tmp_path):
    rows = [
        ["Ref", "Action", "Owner"],
        ["Reducing burglary", "", ""],
        ["1.1", "Target hardening for repeat victims", "Police"],
        ["1.2", "Neighbourhood watch schemes", "Community Safety"],
    ]
    path = (
        WordReport()
        .heading("Theme: Safer streets")
        .table(rows, merge_across={1: 3})
        .heading("Theme – Healthy lives")
        .table([["Ref", "Action", "Owner"], ["2.1", "Daily mile", "Schools"]])
        .save(tmp_path / "report.docx")
    )
    report = read_report_file(path)[0]
    assert [(a.number, a.title) for a in report.aims] == [
        (1, "Safer streets"),
        (2, "Healthy lives"),
    ]
    assert [(o.code, o.title, o.aim_number) for o in report.objectives] == [
        ("1", "Reducing burglary", 1),
        ("2", "Healthy lives", 2),
    ]
    assert [(a.code, a.objective_code) for a in report.actions] == [
        ("1.1", "1"),
        ("1.2", "1"),
        ("2.1", "2"),
    ]


def test_a_plain_heading_above_a_table_stands_as_its_aim(tmp_path):
    path = (
        WordReport()
        .heading("Safer streets")
        .table(
            [["No.", "Key actions", "Lead"], ["1", "Patrols", "Police"], ["2", "CCTV", "Council"]]
        )
        .save(tmp_path / "report.docx")
    )
    report = read_report_file(path)[0]
    assert [(a.number, a.title) for a in report.aims] == [(1, "Safer streets")]
    assert [(a.code, a.objective_code, a.lead) for a in report.actions] == [
        ("1.1", "1", "Police"),
        ("1.2", "1", "Council"),
    ]


def test_outcomes_under_priorities_are_objectives(tmp_path):
    path = (
        WordReport()
        .heading("Priority 1: Best start in life")
        .heading("Outcome A: Children are ready for school", level=2)
        .table([["Ref", "Action"], ["A1", "Two-year-old offer"]])
        .heading("Outcome B: Fewer children live in poverty", level=2)
        .table([["Ref", "Action"], ["B1", "Welfare advice in children's centres"]])
        .heading("Priority 2: Healthy lives")
        .heading("Outcome A: Healthy weight", level=2)
        .table([["Ref", "Action"], ["a)", "Daily mile"], ["b)", "Weight service"]])
        .save(tmp_path / "report.docx")
    )
    report = read_report_file(path)[0]
    assert [(a.number, a.title) for a in report.aims] == [
        (1, "Best start in life"),
        (2, "Healthy lives"),
    ]
    assert [(o.code, o.aim_number) for o in report.objectives] == [("A", 1), ("B", 1), ("2A", 2)]
    assert [(a.code, a.objective_code) for a in report.actions] == [
        ("A1", "A"),
        ("B1", "B"),
        ("2A.a", "2A"),
        ("2A.b", "2A"),
    ]


def test_a_heading_in_a_box_of_its_own_is_a_heading(tmp_path):
    path = (
        WordReport()
        .table([["Priority 2: Healthy lives"]])
        .table([["Ref", "Action"], ["2.1", "Daily mile"]])
        .save(tmp_path / "report.docx")
    )
    report = read_report_file(path)[0]
    assert [(a.number, a.title) for a in report.aims] == [(2, "Healthy lives")]
    assert [(a.code, a.objective_code) for a in report.actions] == [("2.1", "2")]


def test_a_rag_column_coloured_not_written_is_read_by_its_colour(tmp_path):
    rows = [REF_HEADER, *[[f"1.1.{n}", f"Action {n}", "", "", "", ""] for n in (1, 2, 3)]]
    shades = {(1, 4): "00B050", (2, 4): "FFC000", (3, 4): "D9D9D9", (3, 1): "FF0000"}
    path = (
        WordReport()
        .heading("Objective 1.1 Safer streets")
        .table(rows, shades=shades)
        .save(tmp_path / "report.docx")
    )
    report = read_report_file(path)[0]
    assert [a.stated_status for a in report.actions] == ["Green", "Amber", ""]
    assert report.actions[2].text == "Action 3"  # only the RAG column reads colours


def test_a_word_report_extracted_as_text_reads_as_the_document(tmp_path):
    path = tmp_path / "report.docx"
    WordReport().heading("Aim 1: Safer streets").heading("Objective 1.1 Patrols", level=2).table(
        [REF_HEADER, ["1.1.1", "Patrols", "ASB Manager", "March 2016", "Green", "Started."]]
    ).save(path)
    from_word = read_report_file(path)[0]
    from_text = parse_report(as_text(read_word(path)), source_name="report.txt")
    assert [dataclasses.replace(a, line=0, table=None) for a in from_text.actions] == [
        dataclasses.replace(a, line=0, table=None) for a in from_word.actions
    ]
    assert [(o.code, o.aim_number) for o in from_text.objectives] == [("1.1", 1)]


@pytest.mark.django_db
def test_the_seed_as_word_imports_with_the_same_statuses_and_claim(plan, seed_docx):
    from goldenthread.lib.periods import FinancialYear
    from goldenthread.plans.importers.annual_report import import_report

    from .seed import SEED

    year = FinancialYear(2014)
    word = import_report(seed_docx, partnership=plan.partnership, year=year, dry_run=True)
    text = import_report(SEED, partnership=plan.partnership, year=year, dry_run=True)
    assert word.created == text.created == {"aims": 4, "objectives": 12, "actions": 82}
    assert word.summary == text.summary
    assert word.summary["claimed"] == {"actions": 76, "completed": 55, "carried_forward": 5}


def test_objectives_named_by_action_codes_alone_are_made_and_said(tmp_path):
    rows = [["Ref", "Action"], ["1.1.1", "Patrols"], ["1.1.2", "CCTV"], ["1.2.1", "Street lights"]]
    path = WordReport().heading("Aim 1: Safer streets").table(rows).save(tmp_path / "r.docx")
    report = read_report_file(path)[0]
    assert [(o.code, o.title, o.aim_number) for o in report.objectives] == [
        ("1.1", "Objective 1.1", 1),
        ("1.2", "Objective 1.2", 1),
    ]
    assert [a.objective_code for a in report.actions] == ["1.1", "1.1", "1.2"]
    assert "2 objectives are named by their actions' codes alone (1.1, 1.2): give them titles." in (
        report.notes
    )


def test_an_aim_written_twice_alike_is_one_and_two_different_ones_an_error(tmp_path):
    rows = [["Priority", "Ref", "Action"], ["Priority 1 - Starting Well.", "1.1", "Breastfeeding"]]
    alike = WordReport().heading("Priority 1: Starting well").table(rows)
    report = read_report_file(alike.save(tmp_path / "alike.docx"))[0]
    assert [(a.number, a.title) for a in report.aims] == [(1, "Starting well")]
    different = WordReport().heading("Aim 1: Safer").heading("Aim 1: Healthier").table(rows)
    assert (
        "different.docx, paragraph 2: aim 1 appears twice, as 'Safer' and 'Healthier'."
        in errors(different.save(tmp_path / "different.docx"))
    )


def test_a_table_without_a_header_goes_on_from_the_last(tmp_path):
    path = (
        WordReport()
        .heading("Aim 1: Safer streets")
        .heading("Objective 1.1 Less crime", level=2)
        .table([REF_HEADER, ["1.1.1", "Patrols", "Police", "March 2016", "Green", "Started."]])
        .heading("Objective 1.2 Less fear of crime", level=2)
        .table([["1.2.1", "Street lights", "Highways", "Q3", "Amber", "Surveyed."]])
        .heading("Glossary")
        .table([["ASB", "Anti-social behaviour"]])
        .save(tmp_path / "report.docx")
    )
    report = read_report_file(path)[0]
    assert [(a.code, a.objective_code, a.lead, a.stated_status) for a in report.actions] == [
        ("1.1.1", "1.1", "Police", "Green"),
        ("1.2.1", "1.2", "Highways", "Amber"),
    ]


def test_plain_headings_above_tables_are_aims_numbered_in_order(tmp_path):
    path = (
        WordReport()
        .heading("Safer streets")
        .heading("Burglary", level=2)
        .table(
            [
                ["No.", "Key actions", "Lead"],
                ["1", "Target hardening", "Police"],
                ["2", "Watch", ""],
            ]
        )
        .heading("Healthy lives")
        .table([["No.", "Key actions", "Lead"], ["1", "Daily mile", "Schools"]])
        .save(tmp_path / "report.docx")
    )
    report = read_report_file(path)[0]
    assert [(a.number, a.title) for a in report.aims] == [
        (1, "Safer streets"),
        (2, "Healthy lives"),
    ]
    assert [(o.code, o.title) for o in report.objectives] == [
        ("1.1", "Burglary"),
        ("2", "Healthy lives"),
    ]
    assert [(a.code, a.objective_code) for a in report.actions] == [
        ("1.1.1", "1.1"),
        ("1.1.2", "1.1"),
        ("2.1", "2"),
    ]
