import pytest
from django.core.management import CommandError, call_command

from goldenthread.strategy.models import PlanDocument
from goldenthread.testing.corpus import PLAN_DOCUMENT

pytestmark = pytest.mark.django_db


def test_the_command_imports_then_says_nothing_changed(with_report, capsys):
    call_command("import_plan", str(PLAN_DOCUMENT), "--partnership", with_report.slug)
    assert "Imported thurrock-cypp-2013-16-plan.txt" in capsys.readouterr().out

    call_command("import_plan", str(PLAN_DOCUMENT), "--partnership", with_report.slug)
    assert "already imported; nothing changed" in capsys.readouterr().out


def test_a_dry_run_says_what_it_would_do_and_writes_nothing(with_report, capsys):
    call_command("import_plan", str(PLAN_DOCUMENT), "--dry-run")

    assert "Dry run, nothing written" in capsys.readouterr().out
    assert not PlanDocument.objects.exists()


def test_a_bad_file_stops_the_command_with_its_line(with_report, tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("Some notes\nabout nothing\n", encoding="utf-8")

    with pytest.raises(
        CommandError, match=r"Nothing was imported.\nnotes.txt, line 2: no document control"
    ):
        call_command("import_plan", str(path))


def test_the_command_reads_a_word_plan(plan, tmp_path, capsys):
    from .conftest import load_indicators
    from .word_plans import second_plan

    load_indicators()
    path = second_plan(tmp_path / "anytown.docx")

    call_command("import_plan", str(path))

    out = capsys.readouterr().out
    assert "Imported anytown.docx: new 2 aims, 4 objectives" in out
