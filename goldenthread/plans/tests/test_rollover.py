"""The new year: rolling 2014/15's delivery plan into a 2015/16 draft."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from goldenthread.audit.context import Source
from goldenthread.lib.periods import FinancialYear
from goldenthread.plans.drafts import add_to_draft, drop_from_draft, publish
from goldenthread.plans.models import Action, ActionChange, ActionUpdate, DeliveryPlan, Status
from goldenthread.plans.rollover import (
    DECIDED,
    FINISHED,
    Fate,
    Origin,
    RolloverError,
    origin_of,
    review_note,
    roll_over,
)
from goldenthread.plans.tests.factories import ActionFactory, ObjectiveFactory, PlanFactory

Y2014, Y2015 = FinancialYear(2014), FinancialYear(2015)
STATUSES = [
    Status.COMPLETED,
    Status.WITHDRAWN,
    Status.CARRIED_FORWARD,
    Status.DEFERRED,
    Status.IN_PROGRESS,
    Status.NOT_STARTED,
    "",
]


@pytest.fixture
def year_end(plan):
    """2014/15 under objective 8.1: 8.11 completed … 8.17 with no status known."""
    objective = ObjectiveFactory(aim__plan=plan, aim__number=8, code="8.1")
    return {
        status: ActionFactory(objective=objective, code=f"8.{11 + n}", status=status)
        for n, status in enumerate(STATUSES)
    }


def rows() -> dict[str, int]:
    return {
        model.__name__: model.objects.count()
        for model in (DeliveryPlan, Action, ActionChange, ActionUpdate)
    }


def test_it_carries_an_action_forward_with_its_lineage_both_ways(plan, year_end, manager):
    old = year_end[Status.CARRIED_FORWARD]

    result = roll_over(plan, Y2014, Y2015, by=manager)

    draft = DeliveryPlan.objects.get(plan=plan, year_start=2015)
    assert draft.is_draft and result.draft == draft and result.draft_created
    new = draft.actions.get(code=old.code)
    assert new.carried_from == old
    assert Action.objects.get(pk=old.pk).carried_to == new
    same = ("objective", "text", "measure", "lead", "lead_person", "lead_organisation")
    assert [getattr(new, f) for f in same] == [getattr(old, f) for f in same]
    assert (new.status, new.due_date) == (Status.NOT_STARTED, None)
    update = new.updates.get()
    assert update.commentary == f"Carried forward from 2014/15 (action {old.code})."
    assert (update.author, update.via) == (manager, Source.COMMAND)
    assert new.changes.get(field="carried_from").new_value == f"2014/15 action {old.code}"
    record = old.changes.get(field="carried_to")
    assert (record.new_value, record.changed_by) == (f"2015/16 action {old.code}", manager)


def test_completed_and_withdrawn_actions_stay_behind(plan, year_end):
    result = roll_over(plan, Y2014, Y2015)

    stays = {entry.source.code: entry.reason for entry in result.with_fate(Fate.STAYS)}
    assert stays == {year_end[s].code: s.label.lower() for s in FINISHED}
    assert not Action.objects.filter(carried_from__status__in=FINISHED).exists()


def test_unfinished_actions_move_flagged_for_review_and_decided_ones_do_not(plan, year_end):
    result = roll_over(plan, Y2014, Y2015)

    unfinished = [s for s in STATUSES if s not in FINISHED | DECIDED]
    assert {e.source.status for e in result.with_fate(Fate.REVIEW)} == set(unfinished)
    assert {e.source.status for e in result.with_fate(Fate.CARRY)} == set(DECIDED)
    for action in result.draft.actions.select_related("carried_from__delivery_plan"):
        flagged = action.carried_from.status not in DECIDED
        assert bool(review_note(action)) == flagged
    assert review_note(result.draft.actions.get(code="8.17")) == (
        "Unfinished in 2014/15 (no status known): keep or drop it."
    )
    update = result.draft.actions.get(code="8.15").updates.get()
    assert "It was unfinished (in progress): review whether it belongs in 2015/16." in (
        update.commentary
    )


def test_the_review_note_follows_the_old_actions_status_as_it_is_now(plan, year_end):
    result = roll_over(plan, Y2014, Y2015)
    old = year_end[Status.IN_PROGRESS]

    def carried():
        return result.draft.actions.select_related("carried_from__delivery_plan").get(
            carried_from=old
        )

    assert origin_of(carried()) == Origin.UNFINISHED
    for status, origin in [
        (Status.NOT_STARTED, Origin.UNFINISHED),
        (Status.COMPLETED, Origin.FINISHED_SINCE),
        (Status.WITHDRAWN, Origin.FINISHED_SINCE),
        (Status.CARRIED_FORWARD, Origin.CARRIED_FORWARD),
    ]:
        Action.objects.filter(pk=old.pk).update(status=status)
        assert origin_of(carried()) == origin
    Action.objects.filter(pk=old.pk).update(status=Status.COMPLETED)
    assert review_note(carried()) == (
        "Completed in 2014/15 since it was carried: drop it unless there is more to do."
    )


def test_running_it_twice_duplicates_nothing(plan, year_end):
    first = roll_over(plan, Y2014, Y2015)
    counted = rows()

    second = roll_over(plan, Y2014, Y2015)

    assert rows() == counted
    assert second.moving == [] and not second.draft_created
    already = second.with_fate(Fate.ALREADY)
    assert [e.source for e in already] == [e.source for e in first.moving]
    assert already[0].reason == f"already carried to 2015/16 as {already[0].source.code}"


def test_a_dry_run_reports_the_same_and_writes_nothing(plan, year_end):
    counted = rows()
    with CaptureQueriesContext(connection) as queries:
        dry = roll_over(plan, Y2014, Y2015, dry_run=True)

    assert rows() == counted
    writes = [q["sql"] for q in queries if q["sql"].split()[0] in ("INSERT", "UPDATE", "DELETE")]
    assert writes == []
    assert dry.draft is None and "(dry run: nothing has been written)" in dry.lines()[0]
    real = roll_over(plan, Y2014, Y2015)
    assert [(e.source, e.fate, e.code) for e in dry.entries] == [
        (e.source, e.fate, e.code) for e in real.entries
    ]
    assert dry.lines()[2:] == real.lines()[2:]


def test_a_code_taken_in_the_draft_gives_the_carried_action_the_next_free_one(
    plan, year_end, manager
):
    draft = DeliveryPlan.objects.create(plan=plan, year_start=2015, is_draft=True)
    objective = year_end[Status.DEFERRED].objective
    add_to_draft(draft, by=manager, objective=objective, code="8.14", text="A new action")

    result = roll_over(plan, Y2014, Y2015)

    deferred = next(e for e in result.entries if e.source.status == Status.DEFERRED)
    assert deferred.code == "8.18"  # after 8.17, the highest code in the draft
    assert draft.actions.get(code="8.18").carried_from == year_end[Status.DEFERRED]
    assert "  8.14 as 8.18: deferred" in result.lines()


def test_an_action_dropped_from_the_draft_is_not_carried_again(plan, year_end, manager):
    roll_over(plan, Y2014, Y2015)
    carried = Action.objects.get(carried_from=year_end[Status.IN_PROGRESS])
    drop_from_draft(carried, by=manager, expected_version=carried.version)

    again = roll_over(plan, Y2014, Y2015)

    dropped = again.with_fate(Fate.DROPPED)
    assert [e.source for e in dropped] == [year_end[Status.IN_PROGRESS]]
    assert dropped[0].reason.startswith("dropped from the 2015/16 draft by Person")
    assert not Action.objects.filter(carried_from=year_end[Status.IN_PROGRESS]).exists()


@pytest.mark.parametrize(
    ("from_year", "to_year", "message"),
    [
        (
            Y2014,
            FinancialYear(2016),
            "--to must be the year after --from: 2015/16 follows 2014/15, not 2016/17.",
        ),
        (FinancialYear(2013), Y2014, "Thurrock has no delivery plan for 2013/14 to roll over."),
    ],
)
def test_years_out_of_order_or_without_a_plan_are_refused(
    plan, year_end, from_year, to_year, message
):
    counted = rows()
    with pytest.raises(RolloverError) as error:
        roll_over(plan.partnership, from_year, to_year)
    assert str(error.value) == message
    assert rows() == counted


def test_a_year_beyond_the_plan_is_refused(partnership):
    short = PlanFactory(partnership=partnership, title="Plan 2013–2015", end_year=2015)
    ActionFactory(objective__aim__plan=short, status=Status.IN_PROGRESS)
    counted = rows()
    with pytest.raises(
        RolloverError,
        match="2015/16 is outside Plan 2013–2015, which runs from "
        "2013/14 to 2014/15: set up the next plan first.",
    ):
        roll_over(short, Y2014, Y2015)
    assert rows() == counted


def test_a_published_target_year_is_refused(plan, year_end):
    roll_over(plan, Y2014, Y2015)
    publish(DeliveryPlan.objects.get(year_start=2015))
    counted = rows()
    with pytest.raises(RolloverError, match="The 2015/16 delivery plan of Thurrock is already"):
        roll_over(plan, Y2014, Y2015)
    assert rows() == counted


def test_the_command_prints_a_dry_run_and_explains_errors(plan, year_end):
    out = StringIO()
    call_command("rollover", "--from", "2014/15", "--to", "2015/16", "--dry-run", stdout=out)
    assert "(dry run: nothing has been written)" in out.getvalue()
    assert "5 of 7 actions would move to the 2015/16 draft delivery plan." in out.getvalue()
    assert not DeliveryPlan.objects.filter(year_start=2015).exists()

    with pytest.raises(CommandError, match="--to: '2015' is not a financial year"):
        call_command("rollover", "--from", "2014/15", "--to", "2015")
    with pytest.raises(CommandError, match="--to must be the year after --from"):
        call_command("rollover", "--from", "2014/15", "--to", "2014/15")

    call_command(
        "rollover", "--from", "2014/15", "--to", "2015/16", "--partnership", "thurrock", stdout=out
    )
    assert DeliveryPlan.objects.get(year_start=2015).actions.count() == 5
    assert "Review and publish the draft at /thurrock/2015-16/draft/" in out.getvalue()
