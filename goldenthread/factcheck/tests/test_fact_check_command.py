"""``goldenthread fact_check FILE``: text, Markdown and Word; readable or JSON; exit 1
with findings, 0 without, 2 when it cannot check."""

import io
import json
import re

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from docx import Document

from goldenthread.indicators.models import DataPoint, Period
from goldenthread.lib.periods import Period as PeriodValue
from goldenthread.plans.tests.factories import ActionFactory

pytestmark = pytest.mark.django_db

WRONG = "Pupils at level 4 or above in reading, writing and maths rose by 3% to 80% in 2013/14."
RIGHT = "Pupils at level 4 or above in reading, writing and maths: 77%, against 79% nationally."


@pytest.fixture
def anytown(partnership, plan, areas, ks2):
    """A small world: 2014/15's four actions (three completed), and an indicator at 77%
    in 2013/14 against England's 79% (72% the year before)."""
    for status in ("completed", "completed", "completed", "in_progress"):
        ActionFactory(objective__aim__plan=plan, status=status)
    for area, year, value in (
        ("thurrock", 2013, 77),
        ("england", 2013, 79),
        ("thurrock", 2012, 72),
    ):
        period = Period.stored(PeriodValue.academic_year(year))
        DataPoint.objects.create(indicator=ks2, area=areas[area], period=period, value=value)
    return partnership


def run(*args) -> tuple[int, str]:
    out = io.StringIO()
    try:
        call_command("fact_check", *args, "--partnership", "thurrock", stdout=out)
    except SystemExit as exit:
        return exit.code, out.getvalue()
    return 0, out.getvalue()


def test_a_text_file_with_findings_exits_1_and_prints_them(anytown, tmp_path):
    path = tmp_path / "report.txt"
    path.write_text(f"Attainment\n\n{RIGHT}\n\n{WRONG}\n", encoding="utf-8")
    code, out = run(str(path), "--year", "2014/15")
    assert code == 1
    assert f"Line 5: {WRONG}" in out
    assert "The data:   the data has 77% for 2013/14" in out
    assert "Suggestion: rose by 3 percentage points" in out
    assert "Line 3" not in out


def test_json_has_the_findings_in_the_documented_shape(anytown, tmp_path):
    path = tmp_path / "report.md"
    path.write_text(f"# Attainment\n\n- {WRONG}\n", encoding="utf-8")
    code, out = run(str(path), "--year", "2014/15", "--json")
    assert code == 1
    findings = json.loads(out)["findings"]
    assert {tuple(f) for f in findings} == {("line", "text", "claim", "data", "suggestion")}
    assert {f["line"] for f in findings} == {3}
    assert findings[0]["text"] == WRONG  # the list bullet is not part of the sentence
    claims = " ".join(f["claim"] for f in findings)
    assert "80%" in claims and "3%" in claims


def test_markdown_emphasis_and_headings_are_read_as_words(anytown, tmp_path):
    path = tmp_path / "report.md"
    path.write_text(
        "## Pupils at level 4 or above in reading, writing and maths\n\n"
        "Thurrock **achieved 80%** in 2013/14.\n",
        encoding="utf-8",
    )
    code, out = run(str(path), "--year", "2014/15", "--json")
    [finding] = json.loads(out)["findings"]
    assert (code, finding["line"]) == (1, 3)
    assert finding["text"] == "Thurrock achieved 80% in 2013/14."
    assert finding["suggestion"] == "77%"


def test_a_word_document_is_read_by_paragraph_number(anytown, tmp_path):
    document = Document()
    document.add_heading("Attainment", level=1)
    document.add_paragraph(RIGHT)
    document.add_paragraph("")
    document.add_paragraph(WRONG)
    document.add_paragraph("The year's actions")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "Delivery"
    table.cell(0, 1).text = "Of the 4 actions, 2 were completed."
    path = tmp_path / "report.docx"
    document.save(str(path))
    code, out = run(str(path), "--year", "2014/15", "--json")
    assert code == 1
    findings = json.loads(out)["findings"]
    assert {f["line"] for f in findings} == {4, 5}  # a table's cells: the paragraph before
    [in_table] = [f for f in findings if f["line"] == 5]
    assert in_table["text"] == "Of the 4 actions, 2 were completed."
    assert in_table["suggestion"] == "3 were completed"


def test_nothing_found_exits_0(anytown, tmp_path):
    path = tmp_path / "report.txt"
    path.write_text(f"{RIGHT}\nOf the 4 actions, 3 were completed.\n")
    code, out = run(str(path), "--year", "2014/15")
    assert code == 0
    assert "no claim the data disagrees with" in out


@pytest.mark.parametrize(
    ("make", "args", "message"),
    [
        (None, [], "no such file"),
        ("bad.docx", [], "not a Word (.docx) file"),
        ("latin.txt", [], "not text in UTF-8"),
        ("ok.txt", ["--year", "2030/31"], "no delivery plan for 2030/31"),
        ("ok.txt", ["--year", "2014"], "--year:"),
    ],
    ids=["missing", "not-word", "not-utf8", "no-plan", "bad-year"],
)
def test_what_cannot_be_checked_is_an_error_naming_it(anytown, tmp_path, make, args, message):
    path = tmp_path / (make or "missing.txt")
    if make == "bad.docx":
        path.write_text("not a zip")
    elif make == "latin.txt":
        path.write_bytes("caf\xe9 75%".encode("latin-1"))
    elif make:
        path.write_text(RIGHT)
    with pytest.raises(CommandError, match=re.escape(message)) as raised:
        run(str(path), *args)
    assert raised.value.returncode == 2
    if make != "ok.txt":
        assert str(path) in str(raised.value)


def test_an_unknown_partnership_is_an_error(anytown, tmp_path):
    path = tmp_path / "ok.txt"
    path.write_text(RIGHT)
    with pytest.raises(CommandError, match="No partnership 'nowhere'") as raised:
        call_command("fact_check", str(path), "--partnership", "nowhere")
    assert raised.value.returncode == 2
