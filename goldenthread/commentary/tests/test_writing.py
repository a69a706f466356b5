"""Writing commentary and summaries through the services: who may, the version read,
the audit trail."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from goldenthread.audit.models import AuditEntry
from goldenthread.audit.versions import EditConflict
from goldenthread.commentary.models import IndicatorCommentary, YearSummary
from goldenthread.commentary.reading import history, narrative_of, periods_with_values
from goldenthread.commentary.services import NOTHING_YET, write_commentary, write_summary
from goldenthread.indicators.models import Period


def _write(partnership, ks2, period, by, version=NOTHING_YET, **parts):
    return write_commentary(
        partnership=partnership,
        indicator=ks2,
        period=period,
        parts=parts,
        by=by,
        expected_version=version,
    )


def test_it_offers_the_periods_with_a_value_newest_first(partnership, ks2, periods):
    assert [str(p) for p in periods_with_values(partnership, ks2)] == ["2013/14", "2012/13"]


def test_the_owner_writes_and_the_trail_keeps_old_and_new_words(partnership, ks2, periods, owner):
    latest = periods[1]
    first = _write(partnership, ks2, latest, owner, story="Results rose with phonics.")
    assert (first.version, first.written_by) == (1, owner)
    second = _write(
        partnership, ks2, latest, owner, version=1, story="Results rose by 3 percentage points."
    )
    assert second.version == 2
    entries = AuditEntry.objects.get_for_object(second).order_by("timestamp", "pk")
    assert [e.action for e in entries] == [AuditEntry.Action.CREATE, AuditEntry.Action.UPDATE]
    assert entries[1].changes["story"] == [
        "Results rose with phonics.",
        "Results rose by 3 percentage points.",
    ]
    assert entries[1].partnership_id == partnership.pk
    changed, written = history(second)
    assert changed.action == "Changed"
    assert changed.words == [
        (
            "The story behind the curve",
            "Results rose with phonics.",
            "Results rose by 3 percentage points.",
        )
    ]
    assert written.action == "Written"


def test_a_manager_may_write_it(partnership, ks2, periods, manager):
    assert _write(partnership, ks2, periods[0], manager, next_steps="Tutoring.").next_steps


def test_another_contributor_may_not(partnership, ks2, periods, owner, contributor):
    with pytest.raises(PermissionDenied, match="Only the owner"):
        _write(partnership, ks2, periods[0], contributor, story="Not mine to tell.")
    assert not IndicatorCommentary.objects.exists()


def test_a_second_writer_who_read_an_older_version_is_refused(
    partnership, ks2, periods, owner, manager
):
    _write(partnership, ks2, periods[1], owner, story="First words.")
    # Both read version 1; the manager saves first.
    _write(partnership, ks2, periods[1], manager, version=1, story="The manager's words.")
    with pytest.raises(EditConflict, match="changed by"):
        _write(partnership, ks2, periods[1], owner, version=1, story="The owner's late words.")
    assert IndicatorCommentary.objects.get().story == "The manager's words."


def test_two_first_writers_cannot_both_create_it(partnership, ks2, periods, owner, manager):
    _write(partnership, ks2, periods[1], manager, story="Got there first.")
    with pytest.raises(EditConflict):
        _write(partnership, ks2, periods[1], owner, version=NOTHING_YET, story="Also first.")
    assert IndicatorCommentary.objects.get().story == "Got there first."


def test_only_periods_with_a_value(partnership, ks2, periods, owner):
    other = ks2.parse_period("2010/11")
    with pytest.raises(ValidationError, match="no value for Thurrock in 2010/11"):
        _write(partnership, ks2, Period.stored(other), owner, story="Too early.")


def test_the_lead_and_managers_write_a_summary_others_may_not(
    partnership, delivery_plan, objective, aim, objective_lead, manager, contributor
):
    summary = write_summary(
        delivery_plan=delivery_plan,
        subject=objective,
        text="Most actions were completed.",
        by=objective_lead,
        expected_version=NOTHING_YET,
    )
    assert summary.objective == objective
    write_summary(
        delivery_plan=delivery_plan,
        subject=aim,
        text="A good year.",
        by=manager,
        expected_version=NOTHING_YET,
    )
    with pytest.raises(PermissionDenied, match="Only the lead of objective 4.1"):
        write_summary(
            delivery_plan=delivery_plan,
            subject=objective,
            text="Mine.",
            by=contributor,
            expected_version=1,
        )
    with pytest.raises(EditConflict):
        write_summary(
            delivery_plan=delivery_plan,
            subject=objective,
            text="Late.",
            by=manager,
            expected_version=NOTHING_YET,
        )
    assert YearSummary.objects.get(objective=objective).text == "Most actions were completed."


def test_narrative_of_the_year_names_where_each_part_is(
    partnership, ks2, periods, owner, delivery_plan, aim, manager
):
    # 2013/14 is an academic year that ends in August 2014: in the 2014/15 financial year.
    _write(partnership, ks2, periods[1], owner, story="Rose.", what_works="Phonics.")
    _write(partnership, ks2, periods[0], owner, story="An older year's story.")
    write_summary(
        delivery_plan=delivery_plan, subject=aim, text="Done.", by=manager, expected_version=0
    )
    title = ks2.title
    assert narrative_of(delivery_plan) == [
        (f"Commentary on {title}, 2013/14: The story behind the curve", "Rose."),
        (f"Commentary on {title}, 2013/14: What works", "Phonics."),
        (f"Summary of aim {aim.number}, 2014/15", "Done."),
    ]


def test_saving_the_same_words_again_records_nothing(partnership, ks2, periods, owner, manager):
    first = _write(partnership, ks2, periods[1], owner, story="Rose.")
    again = _write(partnership, ks2, periods[1], manager, version=1, story="Rose.")
    assert (again.version, again.written_by) == (1, owner)
    assert AuditEntry.objects.get_for_object(first).count() == 1
