"""Rounds that collect values from indicator owners: asked, entered, reminded, signed off,
and only then public.

Alice (signs in as "connor") owns KS2 reading, writing and maths, a percentage whose
latest Thurrock value is for 2012/13, so the round asks her for 2013/14, the next
academic year and one over by the round's deadline; Bob (signs in
as "bea") owns looked-after children, a rate per 10,000 measured by financial year.
"""

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse

from goldenthread.commentary.models import IndicatorCommentary
from goldenthread.indicators.models import DataPoint, DataRevision, IndicatorOwner, Period
from goldenthread.indicators.target_edits import record_data_point
from goldenthread.indicators.tests.world import make_indicator
from goldenthread.lib.periods import Period as PeriodValue
from goldenthread.mail.testing import deliver_waiting
from goldenthread.partnerships.models import Role
from goldenthread.partnerships.tests.factories import PartnershipFactory, member
from goldenthread.people.models import Person
from goldenthread.rounds.models import EmailKind, RoundEmail, RoundValue, ValueState
from goldenthread.rounds.services import open_round
from goldenthread.rounds.signoff import SignOffError, sign_off
from goldenthread.rounds.tasks import send_round_emails
from goldenthread.rounds.values import ask_for_values, latest_ended_by, period_to_ask

from .conftest import DEADLINE, OPENED


@pytest.fixture
def owned(world, areas, manager):
    objective = world.a1.objective
    ks2 = make_indicator(title="KS2 reading, writing and maths", decimals=1)
    lac = make_indicator(
        code="lac-rate",
        title="Looked-after children",
        unit="rate",
        per=10_000,
        period_type="financial_year",
        polarity="no_judgement",
    )
    ks2.objectives.add(objective)
    lac.actions.add(world.b1)
    unowned = make_indicator(code="unowned", title="Nobody's indicator")
    unowned.objectives.add(objective)
    record_data_point(indicator=ks2.code, area="E06000034", period="2012/13", value=75)
    IndicatorOwner.objects.create(partnership=world.partnership, indicator=ks2, person=world.alice)
    IndicatorOwner.objects.create(partnership=world.partnership, indicator=lac, person=world.bob)
    world.bob.user = member(world.partnership, Role.CONTRIBUTOR, username="bea")
    world.bob.save()
    world.ks2, world.lac = ks2, lac
    return world


@pytest.fixture
def value_round(owned, delivery_plan, manager, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks():
        return open_round(
            delivery_plan,
            title="Q3 2014/15 updates",
            quarter="Q3 2014/15",
            deadline=DEADLINE,
            by=manager,
            remind_days_before=3,
            overdue_days_after=2,
            collect_values=True,
            today=OPENED,
        )


def asked(update_round, indicator) -> RoundValue:
    return update_round.values.get(indicator=indicator)


def my_indicators(update_round) -> str:
    return reverse("rounds:my_indicators", args=[update_round.partnership.slug, update_round.pk])


def entry(row: RoundValue, **fields) -> dict:
    data = {f"value-{row.pk}-version": row.version}
    return data | {f"value-{row.pk}-{name}": value for name, value in fields.items()}


def public_page(client, world) -> str:
    client.logout()
    url = reverse("indicators:indicator", args=[world.partnership.slug, world.ks2.code])
    return client.get(url).content.decode()


def test_it_asks_each_owner_for_the_period_after_the_latest_value(owned, value_round):
    ks2, lac = asked(value_round, owned.ks2), asked(value_round, owned.lac)
    assert (ks2.owner, ks2.period.label) == (owned.alice, "2013/14")
    # No value yet: the latest financial year ended by the deadline (15 January 2015).
    assert (lac.owner, lac.period.label) == (owned.bob, "2013/14")
    assert not value_round.values.filter(indicator__code="unowned").exists()


def test_latest_period_ended_by_a_day_for_each_kind():
    day = dt.date(2015, 1, 15)
    assert str(latest_ended_by("financial_year", day)) == "2013/14"
    assert str(latest_ended_by("academic_year", day)) == "2013/14"
    assert str(latest_ended_by("quarter", day)) == "Q3 2014/15"
    assert str(latest_ended_by("month", day)) == "December 2014"
    assert str(latest_ended_by("calendar_year", day)) == "Jan to Dec 2014"
    assert latest_ended_by("snapshot", day).end == day


def test_a_period_not_over_by_the_deadline_is_not_asked_for(owned, value_round):
    record_data_point(indicator=owned.ks2.code, area="E06000034", period="2013/14", value=77)
    # 2014/15 runs to August 2015, after the deadline of 15 January 2015: nothing is due.
    assert period_to_ask(owned.ks2, owned.partnership.area_id, DEADLINE) is None
    value_round.values.all().delete()
    assert [v.indicator.code for v in ask_for_values(value_round)] == [owned.lac.code]


def test_the_period_follows_the_partnerships_own_area(owned):
    record_data_point(indicator=owned.ks2.code, area="E92000001", period="2013/14", value=80)
    assert period_to_ask(owned.ks2, owned.partnership.area_id, DEADLINE) == PeriodValue.parse(
        "2013/14", "academic_year"
    )


def test_values_from_invitation_to_publication(
    client, owned, value_round, manager, contributor, settings
):
    """The issue's end to end: invited, entered with counts and commentary, reminded and
    chased, signed off, and only then seen by the public."""
    settings.SITE_URL = "https://plans.example.org"
    send_round_emails.call(value_round.pk, EmailKind.INVITATION)
    deliver_waiting()
    [alice_mail] = [m for m in mail.outbox if "alice.lee@example.org" in m.to[0]]
    assert "enter your indicators' values" in alice_mail.subject
    assert "KS2 reading, writing and maths: the value for 2013/14" in alice_mail.body
    assert "https://plans.example.org" + my_indicators(value_round) in alice_mail.body
    assert (
        RoundEmail.objects.get(person=owned.alice, kind="invitation").indicator_codes == "ks2-rwm"
    )

    row = asked(value_round, owned.ks2)
    client.force_login(contributor)
    page = client.get(my_indicators(value_round)).content.decode()
    assert "KS2 reading, writing and maths, 2013/14" in page and "Looked-after" not in page
    response = client.post(
        my_indicators(value_round),
        entry(row, value="77.3", numerator="2236", denominator="2893", story="More pupils read."),
        follow=True,
    )
    assert "1 value saved: provisional" in response.content.decode()
    row.refresh_from_db()
    assert (row.state, row.value, row.numerator, row.denominator) == ("entered", 77.3, 2236, 2893)
    assert 75.6 < row.lower < 77.3 < row.upper < 78.9  # Wilson's 95% limits
    commentary = IndicatorCommentary.objects.get(indicator=owned.ks2, period=row.period)
    assert (commentary.story, commentary.written_by) == ("More pupils read.", contributor)

    # Provisional: members see it marked, the public and the API do not.
    client.force_login(contributor)
    members = client.get(reverse("indicators:indicator", args=["thurrock", "ks2-rwm"]))
    assert "Provisional — awaiting sign-off" in members.content.decode()
    assert "77.3" not in public_page(client, owned)
    assert "More pupils read." not in public_page(client, owned)  # it would give it away
    api = client.get("/api/v1/data-points/", {"indicator": "ks2-rwm", "period": "2013/14"})
    assert api.json()["count"] == 0

    # Bob has not entered his: he is reminded, then chased. Alice has entered hers, so
    # hers are about her actions alone.
    mail.outbox.clear()
    send_round_emails.call(value_round.pk, EmailKind.REMINDER)
    send_round_emails.call(value_round.pk, EmailKind.OVERDUE)
    deliver_waiting()
    to_bob = [m for m in mail.outbox if m.to == ["Bob Stone <bob@example.org>"]]
    assert [m.subject.split(" – ")[0] for m in to_bob] == ["Reminder", "Overdue"]
    assert "Looked-after children: the value for 2013/14" in to_bob[1].body
    assert "these values" in to_bob[1].body
    to_alice = RoundEmail.objects.filter(person=owned.alice).exclude(kind="invitation")
    assert {e.indicator_codes for e in to_alice} == {""}

    client.force_login(manager)
    round_page = client.get(value_round.get_absolute_url()).content.decode()
    assert "1 of 2 values entered" in round_page
    sign = reverse("rounds:sign_off", args=["thurrock", value_round.pk, row.pk])
    response = client.post(sign, {"version": row.version}, follow=True)
    assert "is signed off and published" in response.content.decode()

    point = DataPoint.objects.get(indicator=owned.ks2, period__label="2013/14")
    assert (point.value, point.numerator, point.denominator) == (77.3, 2236, 2893)
    assert point.area == owned.partnership.area and point.lower == pytest.approx(row.lower)
    row.refresh_from_db()
    assert (row.state, row.signed_off_by) == (ValueState.SIGNED_OFF, manager)
    assert row.signed_off_at is not None
    assert "77.3" in public_page(client, owned)
    assert "More pupils read." in public_page(client, owned)
    api = client.get("/api/v1/data-points/", {"indicator": "ks2-rwm", "period": "2013/14"})
    assert [r["value"] for r in api.json()["results"]] == [77.3]


def test_a_value_can_be_worked_out_from_its_counts(client, owned, value_round, contributor):
    row = asked(value_round, owned.ks2)
    client.force_login(contributor)
    client.post(my_indicators(value_round), entry(row, numerator="2236", denominator="2893"))
    row.refresh_from_db()
    assert row.value == pytest.approx(2236 / 2893 * 100)


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"value": "130"}, "value", "130 is not a percentage between 0 and 100"),
        ({"value": "77.3", "denominator": "2893"}, "numerator", "enter the count"),
        ({"value": "77.3", "numerator": "2236"}, "denominator", "enter the denominator"),
        (
            {"value": "70", "numerator": "2236", "denominator": "2893"},
            "value",
            "70 is not what the counts make: 2236 ÷ 2893 × 100 is 77.3",
        ),
        ({"value": "50", "numerator": "-5", "denominator": "10"}, "numerator", "must not be"),
        ({"value": "50", "numerator": "20", "denominator": "10"}, "numerator", "more than the"),
        ({"value": "lots"}, "value", "Enter the value as a number"),
    ],
)
def test_bad_values_are_refused_with_the_field_named(
    client, owned, value_round, contributor, fields, field, message
):
    row = asked(value_round, owned.ks2)
    client.force_login(contributor)
    response = client.post(my_indicators(value_round), entry(row, **fields))
    page = response.content.decode()
    assert response.status_code == 200 and "There is a problem" in page
    assert message in page and f'href="#id_value-{row.pk}-{field}"' in page
    row.refresh_from_db()
    assert row.state == ValueState.ASKED


def test_a_negative_rate_is_refused(client, owned, value_round):
    row = asked(value_round, owned.lac)
    client.force_login(owned.bob.user)
    response = client.post(
        my_indicators(value_round), entry(row, value="-3", numerator="-3", denominator="1000")
    )
    assert "-3 is negative, but a rate cannot be" in response.content.decode()


def test_a_rate_is_checked_against_its_multiplier(client, owned, value_round):
    row = asked(value_round, owned.lac)
    client.force_login(owned.bob.user)
    response = client.post(
        my_indicators(value_round), entry(row, value="62", numerator="260", denominator="41935")
    )
    assert response.status_code == 302
    row.refresh_from_db()
    assert row.value == 62 and row.lower < 62 < row.upper


def test_nobody_enters_another_owners_value(client, owned, value_round):
    row, his = asked(value_round, owned.ks2), asked(value_round, owned.lac)
    client.force_login(owned.bob.user)  # Bob's page has only his own rows
    alices = entry(row, value="77.3", numerator="2236", denominator="2893")
    response = client.post(my_indicators(value_round), alices | entry(his))
    assert "Enter the value of at least one of your indicators" in response.content.decode()
    row.refresh_from_db()
    assert row.state == ValueState.ASKED


def test_another_partnership_cannot_reach_the_round(client, owned, value_round):
    elsewhere = PartnershipFactory(name="Elsewhere", slug="elsewhere")
    stranger = member(elsewhere, Role.MANAGER, username="stella")
    client.force_login(stranger)
    assert client.get(my_indicators(value_round)).status_code == 403
    row = asked(value_round, owned.ks2)
    own_url = reverse("rounds:sign_off", args=["elsewhere", value_round.pk, row.pk])
    assert client.post(own_url, {"version": row.version}).status_code == 404
    theirs = reverse("rounds:sign_off", args=["thurrock", value_round.pk, row.pk])
    assert client.post(theirs, {"version": row.version}).status_code == 403


def test_a_contributor_cannot_sign_off(client, owned, value_round, contributor):
    row = asked(value_round, owned.ks2)
    client.force_login(contributor)
    url = reverse("rounds:sign_off", args=["thurrock", value_round.pk, row.pk])
    assert client.post(url, {"version": row.version}).status_code == 403


def enter(value_round, owned, contributor, client, value="77.3"):
    row = asked(value_round, owned.ks2)
    client.force_login(contributor)
    client.post(
        my_indicators(value_round), entry(row, value=value, numerator="2236", denominator="2893")
    )
    row.refresh_from_db()
    return row


def test_two_managers_signing_off_at_once_publish_it_once(
    client, owned, value_round, contributor, manager
):
    row = enter(value_round, owned, contributor, client)
    read_by_both = row.version
    sign_off(row, by=manager, expected_version=read_by_both)
    with pytest.raises(SignOffError, match="mandy signed it off at"):
        sign_off(row, by=manager, expected_version=read_by_both)
    assert DataPoint.objects.filter(indicator=owned.ks2, period__label="2013/14").count() == 1
    assert not DataRevision.objects.exists()


def test_a_value_changed_since_it_was_read_is_not_signed_off(
    client, owned, value_round, contributor, manager
):
    row = enter(value_round, owned, contributor, client)
    stale = row.version
    row = enter(value_round, owned, contributor, client, value="")  # worked out again
    with pytest.raises(SignOffError, match="changed after you opened the page"):
        sign_off(row, by=manager, expected_version=stale)
    assert not DataPoint.objects.filter(period__label="2013/14").exists()


def test_a_value_already_published_is_revised_and_kept(
    client, owned, value_round, contributor, manager
):
    row = enter(value_round, owned, contributor, client)
    record_data_point(indicator="ks2-rwm", area="E06000034", period="2013/14", value=76)
    sign_off(row, by=manager, expected_version=row.version)
    point = DataPoint.objects.get(indicator=owned.ks2, period__label="2013/14")
    [revision] = point.revisions.all()
    assert (point.value, point.revision, revision.value) == (77.3, 2, 76)
    assert revision.replaced_by == manager and "Q3 2014/15 updates" in revision.replaced_from


def test_someone_who_may_not_write_the_areas_values_signs_off_nothing(
    client, owned, value_round, contributor
):
    row = enter(value_round, owned, contributor, client)
    # The page is a manager's; the write path refuses anyone else all the same.
    with pytest.raises(SignOffError, match="cannot be published: area: only a partnership"):
        sign_off(row, by=contributor, expected_version=row.version)
    row.refresh_from_db()
    assert row.state == ValueState.ENTERED and row.signed_off_by is None


def test_sign_off_all_and_send_back(client, owned, value_round, contributor, manager):
    row = enter(value_round, owned, contributor, client)
    client.force_login(manager)
    back = reverse("rounds:send_back", args=["thurrock", value_round.pk, row.pk])
    response = client.post(back, {"version": row.version, "reason": ""})
    assert "Enter why the value is being sent back" in response.content.decode()
    client.post(back, {"version": row.version, "reason": "The denominator looks like last year's."})
    row.refresh_from_db()
    assert row.state == ValueState.SENT_BACK
    client.force_login(contributor)
    assert "last year&#x27;s" in client.get(my_indicators(value_round)).content.decode()

    row = enter(value_round, owned, contributor, client)
    client.force_login(manager)
    url = reverse("rounds:sign_off_all", args=["thurrock", value_round.pk])
    response = client.post(url, {f"version-{row.pk}": row.version}, follow=True)
    assert "1 value signed off and published" in response.content.decode()
    assert DataPoint.objects.filter(indicator=owned.ks2, period__label="2013/14").exists()


def test_the_round_page_shows_owners_without_a_query_each(
    client, owned, value_round, manager, django_assert_max_num_queries
):
    for number in range(5):
        person = Person.objects.create(
            partnership=owned.partnership, name=f"Owner {number}", email=f"o{number}@example.org"
        )
        indicator = make_indicator(code=f"extra-{number}", title=f"Extra {number}")
        RoundValue.objects.create(
            update_round=value_round,
            indicator=indicator,
            owner=person,
            period=Period.objects.first(),
        )
    client.force_login(manager)
    with django_assert_max_num_queries(16):
        page = client.get(value_round.get_absolute_url()).content.decode()
    assert "Owner 4" in page and "0 of 7 values entered" in page


def test_a_closed_round_takes_no_values(client, owned, value_round, contributor, manager):
    from goldenthread.rounds.services import close_round

    close_round(value_round, by=manager)
    row = asked(value_round, owned.ks2)
    client.force_login(contributor)
    fields = entry(row, value="77.3", numerator="2236", denominator="2893")
    response = client.post(my_indicators(value_round), fields)
    assert "is closed" in response.content.decode()


def asked_values_url(update_round) -> str:
    return reverse("rounds:asked_values", args=["thurrock", update_round.pk])


def test_a_manager_changes_the_period_asked_for(client, owned, value_round, manager):
    row = asked(value_round, owned.lac)
    client.force_login(manager)
    fields = {f"period-{row.pk}": "2014-15", f"version-{row.pk}": row.version}
    response = client.post(asked_values_url(value_round), fields, follow=True)
    assert "1 period changed" in response.content.decode()
    row.refresh_from_db()
    assert row.period.label == "2014/15"

    fields = {f"period-{row.pk}": "Q3 2014/15", f"version-{row.pk}": row.version}
    page = client.post(asked_values_url(value_round), fields).content.decode()
    assert "Looked-after children: &#x27;Q3 2014/15&#x27; is a quarter" in page
    row.refresh_from_db()
    assert row.period.label == "2014/15"


def test_owners_named_after_opening_are_asked_when_the_manager_says(
    client, owned, value_round, manager
):
    unowned = owned.ks2.__class__.objects.get(code="unowned")
    IndicatorOwner.objects.create(
        partnership=owned.partnership, indicator=unowned, person=owned.bob
    )
    client.force_login(manager)
    response = client.post(asked_values_url(value_round), {"ask": "1"}, follow=True)
    assert "1 more value asked for" in response.content.decode()
    assert asked(value_round, unowned).owner == owned.bob
    response = client.post(asked_values_url(value_round), {"ask": "1"}, follow=True)
    assert "0 more values asked for" in response.content.decode()


def test_my_indicators_reads_in_a_fixed_number_of_queries(
    client, owned, value_round, contributor, django_assert_max_num_queries
):
    for number in range(6):
        RoundValue.objects.create(
            update_round=value_round,
            indicator=make_indicator(code=f"mine-{number}", title=f"Mine {number}"),
            owner=owned.alice,
            period=Period.objects.first(),
        )
    client.force_login(contributor)
    with django_assert_max_num_queries(10):
        page = client.get(my_indicators(value_round)).content.decode()
    assert "Mine 5" in page
