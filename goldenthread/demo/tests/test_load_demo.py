import datetime as dt
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from goldenthread.boards.models import Board
from goldenthread.commentary.models import IndicatorCommentary, YearSummary
from goldenthread.commentary.reading import narrative_of
from goldenthread.conftest import built_once
from goldenthread.demo.demo import LOGINS
from goldenthread.lib.periods import FinancialYear
from goldenthread.partnerships.models import Membership, Partnership, Role, Visibility
from goldenthread.plans.models import DeliveryPlan, Status
from goldenthread.rounds.models import UpdateRound

# Slow, so make test-fast leaves it out: the whole demo, loaded.
pytestmark = pytest.mark.slow


def load() -> str:
    out = StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


@pytest.fixture(scope="module")
def demo_world(django_db_setup, django_db_blocker):
    """The demo loaded once for the module's tests (goldenthread/conftest.py tells how)."""
    yield from built_once(django_db_blocker, load)


@pytest.fixture
def loaded(demo_world, db) -> str:
    """What loading the demo printed; the demo is loaded."""
    return demo_world


def test_it_loads_the_seed_reports_partnership_and_prints_the_sign_ins(loaded, client):
    out = loaded

    partnership = Partnership.objects.get(slug="thurrock")
    assert partnership.visibility == Visibility.PUBLIC
    assert partnership.area.code == "E06000034"
    year = DeliveryPlan.objects.for_year(partnership, FinancialYear(2014))
    assert year.actions.count() == 82 and not year.is_draft
    assert "new 4 aims, 12 objectives, 82 actions" in out
    assert "manager       manager       goldenthread-manager" in out
    assert Membership.objects.get(user__username="contributor").role == Role.CONTRIBUTOR
    assert get_user_model().objects.get(username="admin").is_superuser
    response = client.post(
        reverse("login"), {"username": "viewer", "password": "goldenthread-viewer"}
    )
    assert response.status_code == 302 and "_auth_user_id" in client.session


def test_it_loads_the_plans_whole_life(loaded):
    """The plan document, the boards, an open update round and next year's draft."""
    out = loaded

    partnership = Partnership.objects.get(slug="thurrock")
    plan = partnership.plans.get()
    assert plan.document.vision.startswith("Resourceful and resilient people")
    assert plan.aims.count() == 4  # the plan document's aims are the report's
    assert Board.objects.filter(partnership=partnership).count() == 5
    assert UpdateRound.objects.get(delivery_plan__plan=plan).is_open
    draft = plan.delivery_plans.get(year_start=2015)
    assert draft.is_draft
    carried = draft.actions.filter(carried_from__status=Status.CARRIED_FORWARD)
    assert carried.count() == 5  # "5 required further work … included in the 2015/16 plan"
    assert "actions moved to the 2015/16 draft delivery plan" in out


def test_loading_it_again_changes_nothing(loaded):
    out = load()
    assert "no changes to the plan for 2014/15" in out
    assert "already imported; nothing changed" in out
    assert "0 of 82 actions moved" in out
    assert get_user_model().objects.count() == len(LOGINS)  # none made twice
    assert IndicatorCommentary.objects.count() == 2 and YearSummary.objects.count() == 2


def test_it_loads_the_reports_indicator_figures_with_their_sentences(loaded):
    from goldenthread.indicators.models import DataPoint, Target
    from goldenthread.indicators.scorecard import scorecard

    out = loaded

    ks2 = DataPoint.objects.get(
        indicator__code="ks2-rwm-l4", area__code="E06000034", period__label="2013/14", breakdown=""
    )
    assert ks2.value == 77
    assert "Thurrock achieved 77% compared to 79% nationally" in ks2.note
    england = DataPoint.objects.get(
        indicator__code="ks2-rwm-l4", area__code="E92000001", period__label="2013/14", breakdown=""
    )
    assert england.value == 79
    neet = Target.objects.get(indicator__code="neet-16-18", value=5.7)
    assert neet.due.isoformat() == "2014-03-31"
    assert "indicator-values.csv:" in out and "added" in out

    partnership = Partnership.objects.get(slug="thurrock")
    evaluation = next(
        row.evaluation for row in scorecard(partnership) if row.indicator.code == "ks2-rwm-l4"
    )
    assert (evaluation.value, evaluation.previous_value, evaluation.direction) == (
        77,
        72,
        "change not tested",  # the demo's values have no 95% limits
    )
    assert evaluation.england == 79


def test_loading_the_indicators_again_writes_nothing(loaded):
    out = load()
    assert "added 0 values, revised 0," in out


def test_thurrocks_statistical_neighbours_are_the_pre_2021_set(loaded):
    """Typed into the demo from DfE's list (demo/data/SOURCE.md), closest first."""
    from goldenthread.areas.models import Area, NeighbourSet

    thurrock = Area.objects.get(code="E06000034")
    chosen = NeighbourSet.objects.in_force(thurrock, dt.date(2015, 3, 31))
    assert not chosen.before_any
    members = [Area.objects.get(pk=pk) for pk in chosen.neighbour_set.member_ids()]
    assert [area.name for area in members][:3] == ["Medway", "Bexley", "Havering"]
    assert members[0].parent.name == "South East"
    group = Area.objects.get(code="SN-E06000034")
    assert set(group.members.all()) == set(members)


def unfinished_in_2014(partnership) -> list:
    """The 2014/15 actions not completed, carried forward, deferred or withdrawn, worked
    out here from their statuses rather than by the reports' own rule."""
    decided = [Status.COMPLETED, Status.CARRIED_FORWARD, Status.DEFERRED, Status.WITHDRAWN]
    return list(
        DeliveryPlan.objects.for_year(partnership, FinancialYear(2014))
        .actions.exclude(status__in=decided)
        .with_leads()
        .in_plan_order()
    )


def test_the_2014_15_exception_report_lists_exactly_the_unfinished_actions_with_leads(
    loaded, client
):
    from goldenthread.reports.exception import exception_report

    partnership = Partnership.objects.get(slug="thurrock")
    unfinished = unfinished_in_2014(partnership)
    report = exception_report(DeliveryPlan.objects.for_year(partnership, FinancialYear(2014)))

    listed = [
        (a.code, a.lead)
        for a in report.actions
        if any(reason.startswith("unfinished at the end of 2014/15") for reason in a.reasons)
    ]
    assert listed == [
        (a.code, f"{a.lead_person.name}, {a.lead_organisation.name}") for a in unfinished
    ]
    assert "Tom Ellis, Clinical Commissioning Group" in dict(listed).values()
    page = client.get(reverse("reports:report", args=["thurrock", "2014-15", "exception"]))
    html = page.content.decode()
    for action in unfinished:
        row = html.split(f"<strong>{action.code}</strong>", 1)[1].split("</tr>", 1)[0]
        assert action.lead_person.name in row
        assert "unfinished at the end of 2014/15" in row.lower()


def test_the_2015_16_draft_keeps_the_leads_and_is_explained_beside_the_annual_report(
    loaded, client
):
    partnership = Partnership.objects.get(slug="thurrock")
    draft = partnership.plans.get().delivery_plans.get(year_start=2015)
    carried = draft.actions.select_related("carried_from").with_leads()
    assert all(
        (a.lead_person_id, a.lead_organisation_id)
        == (a.carried_from.lead_person_id, a.carried_from.lead_organisation_id)
        for a in carried
    )
    client.post(reverse("login"), {"username": "manager", "password": "goldenthread-manager"})

    page = client.get(reverse("plans:draft", args=["thurrock", "2015-16"])).content.decode()

    marked = DeliveryPlan.objects.for_year(partnership, FinancialYear(2014)).actions.filter(
        status=Status.CARRIED_FORWARD
    )
    assert f"The 2014/15 annual report counts {marked.count()} actions carried forward" in page
    assert f"This draft holds {carried.count()}, because the rollover also copies" in page
    unfinished = unfinished_in_2014(partnership)
    assert f"{len(unfinished)} of them unfinished there" in page
    first = carried.get(carried_from=unfinished[0])
    row = page.split(f'id="action-{first.code}"', 1)[1].split("</tr>", 1)[0]
    assert f"{first.lead_person.name}, {first.lead_organisation.name}" in row


def dates_the_demo_gives(partnership) -> dict[str, list]:
    """Every date on the demo's rounds, meetings, updates, reports and members."""
    from goldenthread.boards.models import AgendaItem, BoardMember, Meeting
    from goldenthread.plans.models import Action, ActionUpdate
    from goldenthread.reports.models import PublishedReport
    from goldenthread.rounds.models import RoundEmail

    def days(model, field, **where):
        values = model.objects.filter(**where).values_list(field, flat=True)
        return [v.date() if hasattr(v, "date") else v for v in values if v is not None]

    plans = {"delivery_plan__plan__partnership": partnership}
    return {
        "round opened": days(UpdateRound, "opened_on", **plans),
        "round deadline": days(UpdateRound, "deadline", **plans),
        "round email sent": days(
            RoundEmail, "sent_at", update_round__delivery_plan__plan__partnership=partnership
        ),
        "meeting": days(Meeting, "date", board__partnership=partnership),
        "item presented": days(AgendaItem, "presented_at", meeting__board__partnership=partnership),
        "member joined": days(BoardMember, "joined_on", board__partnership=partnership),
        "update": days(ActionUpdate, "date", action__delivery_plan__plan__partnership=partnership),
        "latest update": days(Action, "latest_update_on", **plans),
        "action due": days(Action, "due_date", **plans),
        "report published": days(PublishedReport, "published_at", partnership=partnership),
    }


def test_every_date_the_demo_gives_is_in_its_calendar(loaded):
    from goldenthread.demo.calendar import AS_AT, SPAN, in_span

    partnership = Partnership.objects.get(slug="thurrock")
    dates = dates_the_demo_gives(partnership)

    assert (dt.date(2014, 4, 1), dt.date(2016, 3, 31)) == SPAN  # 2014/15 and 2015/16
    assert dt.date(2015, 4, 14) == AS_AT
    for what, days in dates.items():
        outside = [day for day in days if not in_span(day)]
        assert not outside, f"{what}: {outside}"
    assert dates["meeting"] and dates["update"] and dates["round email sent"]
    # Nothing has been said or presented after the demo's day.
    for what in ("update", "latest update", "item presented", "round email sent"):
        assert max(dates[what]) <= AS_AT, what


def test_the_demo_is_as_at_its_day(loaded):
    from goldenthread.boards.models import Meeting, MeetingStatus
    from goldenthread.demo.calendar import AS_AT

    partnership = Partnership.objects.get(slug="thurrock")
    update_round = UpdateRound.objects.get(delivery_plan__plan__partnership=partnership)
    assert update_round.opened_on <= AS_AT <= update_round.deadline and update_round.is_open
    # The year-end updates of 31 March are before the round: nobody has updated in it.
    assert not any(lead.updated for lead in update_round.leads_progress(AS_AT))
    meetings = Meeting.objects.filter(board__partnership=partnership)
    assert all(m.date <= AS_AT for m in meetings.filter(status=MeetingStatus.HELD))
    assert all(m.date > AS_AT for m in meetings.filter(status=MeetingStatus.SCHEDULED))
    assert meetings.coming(AS_AT).exists()
    draft = partnership.plans.get().delivery_plans.get(year_start=2015)
    assert draft.is_draft  # 2015/16 is still being drawn up


def test_the_demos_pages_say_it_is_demonstration_data_and_its_day(loaded, client):
    for url in ("/thurrock/", "/thurrock/scorecard/", "/thurrock/forward-plan/"):
        html = client.get(url).content.decode()
        assert 'id="phase-banner"' in html, url
        assert "Demonstration data: shown as at 14 April 2015" in html, url


def test_no_other_partnership_is_called_a_demonstration(loaded, client):
    from goldenthread.partnerships.tests.factories import PartnershipFactory

    other = PartnershipFactory(name="Elsewhere", slug="elsewhere", visibility=Visibility.PUBLIC)

    html = client.get(f"/{other.slug}/").content.decode()

    assert "phase-banner" not in html


def test_a_partnership_named_as_the_demo_but_not_loaded_as_it_is_not_called_one(loaded, client):
    from goldenthread.demo.models import DemoPartnership

    DemoPartnership.objects.all().delete()

    assert "phase-banner" not in client.get("/thurrock/").content.decode()


def test_it_has_commentary_and_summaries_to_show(loaded, client):
    partnership = Partnership.objects.get(slug="thurrock")
    year = DeliveryPlan.objects.for_year(partnership, FinancialYear(2014))
    assert IndicatorCommentary.objects.count() == 2 and YearSummary.objects.count() == 2
    written = [*IndicatorCommentary.objects.all(), *YearSummary.objects.all()]
    assert {timezone.localdate(w.written_at) for w in written} == {dt.date(2015, 4, 14)}
    page = client.get(reverse("indicators:indicator", args=["thurrock", "ks2-rwm-l4"]))
    assert "from 72% to 77%" in page.content.decode()
    tree = client.get(reverse("plans:tree", args=["thurrock", "2014-15"])).content.decode()
    assert "closing much of the gap" in tree
    where = [where for where, _ in narrative_of(year)]
    assert "Summary of objective 1.1, 2014/15" in where
    assert any(w.startswith("Commentary on KS2 pupils") for w in where)


def test_the_annual_report_opens_with_the_foreword_its_managers_wrote(loaded, client):
    page = client.get(reverse("reports:report", args=["thurrock", "2014-15", "annual"]))
    html = page.content.decode()
    assert html.index(">Foreword</h2>") < html.index(">Introduction</h2>")
    assert '<blockquote class="govuk-inset-text gt-quote">' in html
