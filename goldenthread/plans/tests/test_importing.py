"""Importing the seed report into the database, again, in a newer version, and dry."""

import pytest
from django.core.management import CommandError, call_command

from goldenthread.audit.context import Source
from goldenthread.lib.periods import FinancialYear
from goldenthread.plans.importers.annual_report import ReportError, import_report
from goldenthread.plans.models import (
    Action,
    ActionChange,
    ActionUpdate,
    Aim,
    AnnualReport,
    Objective,
    Status,
    StatusSource,
)
from goldenthread.plans.services import add_update
from goldenthread.plans.summary import delivery_summary

from .seed import SEED, seed_text, write

YEAR = FinancialYear(2014)
MODELS = [Aim, Objective, Action, ActionUpdate, ActionChange, AnnualReport]


def counts():
    return {model.__name__: model.objects.count() for model in MODELS}


@pytest.fixture
def imported(plan):
    import_report(SEED, partnership=plan.partnership, year=YEAR)
    return plan


def test_it_builds_the_plan_tree_from_the_seed(imported):
    assert Aim.objects.count() == 4
    assert Objective.objects.count() == 12
    assert Action.objects.count() == 82
    action = Action.objects.get(code="2.19")
    assert action.objective.code == "2.1"
    assert action.objective.aim.number == 1
    assert action.text.endswith(
        "integrated management arrangements and strong links with local CCGs."
    )
    assert list(Action.objects.filter(objective__code="8.1").values_list("code", flat=True)) == [
        f"8.{n}" for n in range(11, 23)
    ]


def test_each_action_starts_with_the_reports_comment_as_an_update(imported):
    update = Action.objects.get(code="2.12").updates.get()
    assert update.commentary == "Report presented to H&WBB on 13.11.14"
    assert update.via == Source.IMPORT
    assert update.author_name == "Annual report 2014/15"
    assert str(update.date) == "2015-03-31"


def test_statuses_are_inferred_and_keep_their_words(imported):
    action = Action.objects.get(code="8.18")
    assert action.status == Status.DEFERRED
    assert action.status_source == StatusSource.INFERRED
    assert action.status_basis == "being deferred"
    unknown = Action.objects.get(code="3.16")
    assert (unknown.status, unknown.status_certain) == ("", False)
    assert Action.objects.awaiting_review().count() == 82


def test_the_claim_is_kept_and_each_disagreement_named(imported):
    summary = delivery_summary(imported.delivery_plans.get())
    assert summary["claimed"] == {"actions": 76, "completed": 55, "carried_forward": 5}
    assert summary["actions"] == 82
    completed = summary["by_status"]["completed"]
    assert summary["discrepancies"][0] == (
        "The report says 76 actions formed the delivery programme; its tables list 82."
    )
    assert summary["discrepancies"][1].startswith(
        f"The report says 55 actions were completed; the statuses of its actions show {completed}"
    )
    assert len(summary["discrepancies"]) == 2  # 5 carried forward: the tables agree


def test_importing_the_same_file_again_changes_nothing(imported):
    before = counts()
    result = import_report(SEED, partnership=imported.partnership, year=YEAR)
    assert not result.changed
    assert "no changes" in result.headline()
    assert counts() == before


def newer_version(tmp_path):
    text = (
        seed_text()
        .replace("This report is still pending$", "")
        .replace(
            "\t8.13\tReport from the Munro Principal Social Worker on progress of improving "
            "services for children\tAnnual Report\tThis report is still pending",
            "\t8.13\tReport from the Munro Principal Social Worker on progress of improving "
            "services for children\tAnnual Report to the LSCB\tReport presented to LSCB on 4.3.15",
        )
        .replace("Weekly meetings held and progress updated", "Ongoing: weekly meetings held")
    )
    return write(tmp_path, text, "report-v2.txt")


def test_a_newer_version_is_recorded_as_updates_and_changes(imported, tmp_path):
    result = import_report(newer_version(tmp_path), partnership=imported.partnership, year=YEAR)

    action = Action.objects.get(code="8.13")
    assert action.measure == "Annual Report to the LSCB"
    assert action.changes.get(field="measure").old_value == "Annual Report"
    assert [u.commentary for u in action.updates.all()] == [
        "Report presented to LSCB on 4.3.15",
        "This report is still pending",
    ]
    assert action.status == Status.COMPLETED
    assert action.changes.filter(field="status", old_value="not_started").exists()
    assert "8.13 measure: 'Annual Report' → 'Annual Report to the LSCB'" in result.changes
    assert Action.objects.get(code="8.16").status == Status.IN_PROGRESS


def test_a_newer_version_never_overwrites_a_status_a_person_reported(imported, tmp_path, manager):
    action = Action.objects.get(code="8.13")
    add_update(action, by=manager, status=Status.IN_PROGRESS, commentary="Draft with the PSW")

    result = import_report(newer_version(tmp_path), partnership=imported.partnership, year=YEAR)

    action.refresh_from_db()
    assert (action.status, action.status_source) == (Status.IN_PROGRESS, StatusSource.REPORTED)
    assert any(
        "8.13 comment updated; the report now suggests completed" in c for c in result.changes
    )


def test_actions_missing_from_a_newer_version_are_kept(imported, tmp_path):
    text = "\n".join(line for line in seed_text().splitlines() if "\t10.17\t" not in line)
    result = import_report(write(tmp_path, text), partnership=imported.partnership, year=YEAR)
    assert result.missing == ["10.17"]
    assert Action.objects.filter(code="10.17").exists()
    assert "  10.17: not in this file; kept." in result.lines()


def test_a_dry_run_shows_the_changes_and_writes_nothing(imported, tmp_path):
    before = counts()
    result = import_report(
        newer_version(tmp_path), partnership=imported.partnership, year=YEAR, dry_run=True
    )
    assert "8.13 measure: 'Annual Report' → 'Annual Report to the LSCB'" in result.changes
    assert result.headline().startswith("Dry run, nothing written")
    assert counts() == before
    assert Action.objects.get(code="8.13").measure == "Annual Report"


def test_a_faulty_file_writes_nothing_and_leaves_the_year_intact(imported, tmp_path):
    before = counts()
    faulty = write(tmp_path, seed_text().replace("\t\t8.14\t", "\t\t3.17\t"))
    with pytest.raises(ReportError, match="action 3.17 is listed under objective 8.1"):
        import_report(faulty, partnership=imported.partnership, year=YEAR)
    assert counts() == before


def test_a_year_the_plan_does_not_cover_is_refused(plan):
    with pytest.raises(ReportError, match="has no plan covering 2016/17"):
        import_report(SEED, partnership=plan.partnership, year=FinancialYear(2016))
    assert counts() == dict.fromkeys(counts(), 0)


def test_the_command_imports_and_prints_the_result(plan, capsys):
    call_command("import_report", str(SEED), "--year", "2014/15")
    out = capsys.readouterr().out
    assert "new 4 aims, 12 objectives, 82 actions" in out
    assert "Disagreement: The report says 76 actions formed the delivery programme" in out
    assert Action.objects.count() == 82


def test_the_command_dry_run_writes_nothing(plan, capsys):
    call_command("import_report", str(SEED), "--year", "2014/15", "--dry-run")
    assert "Dry run, nothing written: would import" in capsys.readouterr().out
    assert counts() == dict.fromkeys(counts(), 0)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00", "not a text file"),
        (b"Minutes of the meeting\n", "line 1: this is not an annual report"),
    ],
)
def test_the_command_explains_a_bad_file_and_exits_non_zero(plan, tmp_path, text, message):
    path = tmp_path / "upload.txt"
    path.write_bytes(text)
    with pytest.raises(CommandError, match=message):
        call_command("import_report", str(path), "--year", "2014/15")
    assert counts() == dict.fromkeys(counts(), 0)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--year", "2014"], "not a financial year"),
        (["--year", "2014/15", "--partnership", "nowhere"], "No partnership 'nowhere'"),
    ],
)
def test_the_command_explains_bad_options(plan, args, message):
    with pytest.raises(CommandError, match=message):
        call_command("import_report", str(SEED), *args)


def test_the_command_says_when_the_file_is_missing(plan, tmp_path):
    with pytest.raises(CommandError, match="no such file"):
        call_command("import_report", str(tmp_path / "absent.txt"), "--year", "2014/15")
