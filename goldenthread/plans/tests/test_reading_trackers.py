"""Reading delivery-plan trackers kept in Excel or CSV (one row an action), and
importing Word and Excel reports into the plan."""

import datetime as dt

import pytest
from django.core.management import call_command

from goldenthread.lib.periods import FinancialYear
from goldenthread.plans.importers.annual_report import import_report
from goldenthread.plans.importers.report_files import read_report_file
from goldenthread.plans.importers.report_model import ReportError
from goldenthread.plans.models import Action, Aim, Objective
from goldenthread.testing.report_documents import WordReport, csv_file, excel_workbook

TITLE = ["Children and Young People's Partnership: delivery plan tracker 2014/15"]
HEADER = ["Aim", "Objective", "Ref", "Action", "Measure", "Lead", "Due date", "RAG", "Commentary"]
MARCH = dt.datetime(2015, 3, 31)
ROWS = [
    ["1. Best start in life", "1.1 Improve school readiness", "1.1.1",
     "Roll out the two-year-old offer", "600 places", "Early Years Lead", MARCH, "Green",
     "All places filled."],
    [None, None, "1.1.2", "Joint health and development checks", "Joint plan",
     "Public Health", "Q3", "Amber", "Plan drafted."],
    [None, "1.2 Narrow the attainment gap", "1.2.1", "Target pupil premium", "Gap narrowed",
     "School Improvement", "Summer 2015", "Red", "Not yet started."],
    [None, None, None, None, None, None, None, None, None],
    ["2. Healthy lives", "2.1 Healthy weight", "2.1.1", "Tier 2 weight service",
     "Service in place", "Public Health", "2014/15", "Complete", "Service launched in May."],
]  # fmt: skip
NO_CODES = [
    ["Update at end of Q4"],
    ["Objective", "Action", "Owner", "Deadline", "Status", "Update"],
    ["Fewer children need care", "Edge of care team", "Social Care", "Ongoing", "Amber",
     "Recruiting."],
    ["", "Family group conferences", "Social Care", "December 2014", "Complete", "Launched."],
    ["Safer online", "E-safety in every school", "LSCB", "March 2015", "Green", "40 schools."],
]  # fmt: skip


@pytest.fixture(scope="module")
def workbook(tmp_path_factory):
    path = tmp_path_factory.mktemp("sheets") / "tracker.xlsx"
    sheets = {
        "Delivery plan 2014-15": [TITLE, [], HEADER, *ROWS],
        "Priority 3 - Safe from harm": NO_CODES,
        "RAG key": [["RAG", "Meaning"], ["Green", "On track"]],
    }
    return excel_workbook(path, sheets, merges={"Delivery plan 2014-15": ["A4:A7"]})


@pytest.fixture(scope="module")
def tracker(workbook):
    return read_report_file(workbook)[0]


def by_code(report):
    return {action.code: action for action in report.actions}


def test_every_sheet_with_an_action_table_is_read_below_its_title_rows(tracker):
    assert list(by_code(tracker)) == ["1.1.1", "1.1.2", "1.2.1", "2.1.1", "3.1.1", "3.1.2", "3.2.1"]
    assert [(a.number, a.title) for a in tracker.aims] == [
        (1, "Best start in life"),
        (2, "Healthy lives"),
        (3, "Safe from harm"),
    ]


def test_aims_and_objectives_are_carried_down_their_group(tracker):
    actions = by_code(tracker)
    assert {c: a.objective_code for c, a in actions.items()} == {
        "1.1.1": "1.1", "1.1.2": "1.1", "1.2.1": "1.2", "2.1.1": "2.1",
        "3.1.1": "3.1", "3.1.2": "3.1", "3.2.1": "3.2",
    }  # fmt: skip
    objectives = {o.code: (o.title, o.aim_number) for o in tracker.objectives}
    assert objectives["1.2"] == ("Narrow the attainment gap", 1)
    assert objectives["3.2"] == ("Safer online", 3)


def test_lead_due_status_and_commentary_are_read_as_written(tracker):
    action = by_code(tracker)["1.1.1"]
    assert (action.lead, action.due, action.stated_status) == (
        "Early Years Lead",
        "2015-03-31",
        "Green",
    )
    assert action.comment == "All places filled."
    assert by_code(tracker)["1.1.2"].due == "Q3"
    assert by_code(tracker)["3.1.2"].stated_status == "Complete"


def test_actions_without_codes_are_numbered_from_their_objective_and_it_says_so(tracker):
    assert by_code(tracker)["3.1.2"].text == "Family group conferences"
    assert any("numbered after its objective" in note for note in tracker.notes)
    assert any("objectives had no code" in note for note in tracker.notes)


def test_the_same_tracker_as_csv_reads_the_same(tmp_path, tracker):
    rows = [TITLE, HEADER, *[["" if v is None else v for v in row] for row in ROWS]]
    rows[2][6] = "2015-03-31"
    csv_report = read_report_file(csv_file(tmp_path / "tracker.csv", rows))[0]
    fields = ("code", "text", "measure", "comment", "objective_code", "lead", "due")
    assert [[getattr(a, f) for f in fields] for a in csv_report.actions] == [
        [getattr(a, f) for f in fields] for a in tracker.actions[:4]
    ]


def test_a_bad_code_is_named_by_sheet_row_and_column(tmp_path):
    rows = [TITLE, HEADER, *ROWS]
    rows[3] = [*rows[3][:2], "1.1/2", *rows[3][3:]]
    path = excel_workbook(tmp_path / "tracker.xlsx", {"Plan": rows})
    with pytest.raises(ReportError) as raised:
        read_report_file(path)
    assert "tracker.xlsx, sheet 'Plan', row 4, column 'Ref': '1.1/2' is not a code" in str(
        raised.value
    )


def test_a_csv_error_names_row_and_column(tmp_path):
    rows = [HEADER, ["1. Aim", "1.1 Objective", "1.1.1", "Act", "", "", "", "", ""]]
    rows.append(["", "", "1.1.1", "Again", "", "", "", "", ""])
    with pytest.raises(ReportError) as raised:
        read_report_file(csv_file(tmp_path / "tracker.csv", rows))
    assert "tracker.csv, row 3, column 'Ref': action 1.1.1 appears twice (first at row 2)" in str(
        raised.value
    )


# Importing -------------------------------------------------------------------------

YEAR = FinancialYear(2014)


@pytest.mark.django_db
def test_a_tracker_imports_into_the_plan_in_order(plan, workbook):
    result = import_report(workbook, partnership=plan.partnership, year=YEAR)
    assert result.created == {"aims": 3, "objectives": 5, "actions": 7}
    assert list(Action.objects.values_list("code", flat=True)) == [
        "1.1.1", "1.1.2", "1.2.1", "2.1.1", "3.1.1", "3.1.2", "3.2.1",
    ]  # fmt: skip
    assert Objective.objects.get(code="3.2").aim.title == "Safe from harm"
    lines = result.lines()
    assert "Read but not saved as written:" in lines
    assert any("actions had no code: each is numbered after its objective" in x for x in lines)


@pytest.mark.django_db
def test_a_word_report_imports_and_a_dry_run_writes_nothing(plan, tmp_path, capsys):
    path = (
        WordReport()
        .heading("Priority 1: Safer streets")
        .caption("Table 1: Objective 1.1 Reduce anti-social behaviour")
        .table(
            [
                ["Ref", "Action", "Lead officer", "By when", "RAG", "Progress update"],
                ["1a", "Patrols", "ASB Manager", "March 2015", "Green", "Launched in June."],
                ["1b", "Diversion", "Youth Service", "Q4", "Amber", "Designed."],
            ]
        )
        .save(tmp_path / "report.docx")
    )
    call_command("import_report", str(path), "--year", "2014/15", "--dry-run")
    assert (
        "Dry run, nothing written: would import report.docx for 2014/15" in capsys.readouterr().out
    )
    assert not Aim.objects.exists()
    import_report(path, partnership=plan.partnership, year=YEAR)
    assert list(Action.objects.values_list("code", "objective__code", "text")) == [
        ("1a", "1.1", "Patrols"),
        ("1b", "1.1", "Diversion"),
    ]


def test_objective_and_action_reference_columns_are_told_apart(tmp_path):
    rows = [
        ["Objective ref", "Objective", "Action ref", "Action", "Owner"],
        ["2.1", "Healthy weight", "2.1.1", "Tier 2 service", "Public Health"],
        ["", "", "2.1.2", "Daily mile", "Schools"],
        ["2.2", "Oral health", "2.2.1", "Supervised brushing", "Dental Public Health"],
    ]
    report = read_report_file(csv_file(tmp_path / "tracker.csv", rows))[0]
    assert [(a.code, a.objective_code, a.lead) for a in report.actions] == [
        ("2.1.1", "2.1", "Public Health"),
        ("2.1.2", "2.1", "Schools"),
        ("2.2.1", "2.2", "Dental Public Health"),
    ]
    assert [(o.code, o.title) for o in report.objectives] == [
        ("2.1", "Healthy weight"),
        ("2.2", "Oral health"),
    ]


def test_an_action_numbered_under_another_objective_is_named(tmp_path):
    rows = [HEADER, ["1. Aim", "1.1 Objective", "1.1.1", "Act", "", "", "", "", ""]]
    rows.append(["", "", "1.2.1", "Misplaced", "", "", "", "", ""])
    with pytest.raises(ReportError) as raised:
        read_report_file(csv_file(tmp_path / "tracker.csv", rows))
    assert "row 3, column 'Ref': action 1.2.1 is listed under objective 1.1" in str(raised.value)


def test_quarterly_columns_give_the_latest_and_others_are_joined(tmp_path):
    rows = [
        ["Ref", "Action", "Q1 RAG", "Q2 RAG", "Q3 RAG", "Q1 update", "Q2 update", "Q3 update"],
        ["1.1", "Patrols", "Amber", "Green", "", "Planned.", "Started in August.", ""],
    ]
    rows_joined = [
        ["Objective", "Ref", "Action", "Progress", "Comments"],
        ["1.1 Safer", "1.1.1", "Patrols", "Started in August.", "Funded to March."],
    ]
    quarterly = read_report_file(csv_file(tmp_path / "quarters.csv", [["Aim 1: Safer"], *rows]))
    action = quarterly[0].actions[0]
    assert (action.stated_status, action.comment) == ("Green", "Started in August.")
    joined = read_report_file(csv_file(tmp_path / "joined.csv", [["Aim 1: Safer"], *rows_joined]))
    assert joined[0].actions[0].comment == "Started in August. Funded to March."


def test_a_rag_cell_coloured_in_excel_is_read_by_its_colour(tmp_path):
    rows = [TITLE, HEADER, *[[*row[:7], None, row[8]] for row in ROWS]]
    path = excel_workbook(
        tmp_path / "tracker.xlsx",
        {"Plan": rows},
        fills={"Plan": {"H3": "FF00B050", "H5": "FFFF0000"}},
    )
    actions = by_code(read_report_file(path)[0])
    assert (actions["1.1.1"].stated_status, actions["1.2.1"].stated_status) == ("Green", "Red")
    assert actions["1.1.2"].stated_status == ""


def test_a_headers_second_row_is_not_an_action(tmp_path):
    rows = [
        ["Ref", "Action", "Lead", "Progress"],
        ["", "", "", "Q4 2014/15"],
        ["1.1", "Patrols", "Police", "Started."],
    ]
    report = read_report_file(csv_file(tmp_path / "t.csv", [["Priority 1: Safer"], *rows]))[0]
    assert [(a.code, a.comment) for a in report.actions] == [("1.1", "Started.")]


def test_a_continuation_row_of_header_like_words_is_not_taken_for_a_header(tmp_path):
    rows = [
        ["Objective 1.1: Safer streets"],
        ["Ref", "Action", "Lead", "Update"],
        ["1.1.1", "Agree the patrol", "Police", "Agreed in May;"],
        ["", "action plan", "", "progress update"],
        ["", "", "", "to the board in June."],
    ]
    report = read_report_file(csv_file(tmp_path / "t.csv", rows))[0]
    action = report.actions[0]
    assert action.text == "Agree the patrol action plan"
    assert action.comment == "Agreed in May; progress update to the board in June."


def test_an_aim_column_numbers_its_aims_as_written(tmp_path):
    rows = [
        ["Aim", "Objective", "Code", "Action"],
        ["1 Children are safe", "1.1 Fewer children in care", "1.11", "Early help panel"],
        ["3 Healthy lives", "2 Healthy weight", "3.21", "Daily mile"],
    ]
    report = read_report_file(csv_file(tmp_path / "t.csv", rows))[0]
    assert [(a.number, a.title) for a in report.aims] == [
        (1, "Children are safe"),
        (3, "Healthy lives"),
    ]
    assert [(o.code, o.title) for o in report.objectives] == [
        ("1.1", "Fewer children in care"),
        ("3.2", "Healthy weight"),
    ]


def test_code_columns_with_titles_beside_them_and_aims_by_number_alone(tmp_path):
    rows = [
        ["Priority", "Objective", "Objective description", "Action ref", "Action", "RAG rating"],
        ["1", "1.1", "Fewer children in care", "1.1.1", "Edge of care team", "Green"],
        ["", "", "", "1.1.2", "Family group conferences", "Amber"],
        ["2", "2.1", "Healthy weight", "2.1.1", "Daily mile", "Red"],
    ]
    report = read_report_file(csv_file(tmp_path / "t.csv", rows))[0]
    assert [(o.code, o.title, o.aim_number) for o in report.objectives] == [
        ("1.1", "Fewer children in care", 1),
        ("2.1", "Healthy weight", 2),
    ]
    assert [a.title for a in report.aims] == ["Priority 1", "Priority 2"]
    assert "Aim 1 has no title in the file: 'Priority 1'." in report.notes
    assert [(a.code, a.objective_code, a.stated_status) for a in report.actions] == [
        ("1.1.1", "1.1", "Green"),
        ("1.1.2", "1.1", "Amber"),
        ("2.1.1", "2.1", "Red"),
    ]


@pytest.mark.django_db
def test_a_faulty_word_report_writes_nothing(plan, tmp_path):
    rows = [["Ref", "Action"], ["1.1", "Patrols"], ["1.1", "Again"]]
    path = WordReport().heading("Aim 1: Safer").table(rows).save(tmp_path / "report.docx")
    with pytest.raises(ReportError, match=r"report\.docx, table 1, row 3, column 'Ref'"):
        import_report(path, partnership=plan.partnership, year=YEAR)
    assert not Aim.objects.exists() and not Action.objects.exists()


def test_a_short_csv_row_keeps_its_cells_where_they_are(tmp_path):
    rows = [["Objective", "Ref", "Action"], ["1.1"], ["", "1.1.1", "Patrols"]]
    report = read_report_file(csv_file(tmp_path / "t.csv", [["Aim 1: Safe"], *rows]))[0]
    assert [(a.code, a.objective_code) for a in report.actions] == [("1.1.1", "1.1")]


def test_a_csv_with_semicolons_reads_as_with_commas(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text(
        "Objective;Ref;Action;Lead\n1.1 Safer, calmer streets;1.1.1;Patrols, day and night;Police\n",
        encoding="utf-8",
    )
    report = read_report_file(path)[0]
    assert [(a.code, a.text, a.lead) for a in report.actions] == [
        ("1.1.1", "Patrols, day and night", "Police")
    ]
    assert report.objectives[0].title == "Safer, calmer streets"


def test_a_hidden_sheet_is_passed_over(tmp_path):
    from openpyxl import load_workbook

    path = excel_workbook(
        tmp_path / "t.xlsx",
        {"Plan": [TITLE, HEADER, *ROWS], "Old copy": [HEADER, *ROWS]},
    )
    workbook = load_workbook(path)
    workbook["Old copy"].sheet_state = "hidden"
    workbook.save(path)
    assert len(read_report_file(path)[0].actions) == 4


def test_an_action_says_where_it_is_for_a_problem_found_later(tracker):
    action = by_code(tracker)["1.1.2"]
    problem = action.problem("a lead too long.", "Lead")
    assert str(problem) == "sheet 'Delivery plan 2014-15', row 5, column 'Lead': a lead too long."
