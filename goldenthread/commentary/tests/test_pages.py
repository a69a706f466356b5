"""The commentary and summary forms, their history, and the words on the indicator's
page and the delivery plan's."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from goldenthread.commentary.models import IndicatorCommentary, YearSummary
from goldenthread.commentary.services import NOTHING_YET, write_commentary, write_summary
from goldenthread.indicators.models import Period
from goldenthread.plans.tests.factories import ActionFactory

from .world import PARTNERS, STORY, SUMMARY_OF_AIM, SUMMARY_OF_OBJECTIVE, write_the_year


def write_url(partnership, indicator, period=None) -> str:
    url = reverse("commentary:write", args=[partnership.slug, indicator.code])
    return f"{url}?period={period.pk}" if period else url


def summary_url(partnership, kind, subject, name="commentary:summary") -> str:
    return reverse(name, args=[partnership.slug, "2014-15", kind, subject.pk])


def test_the_owner_writes_the_latest_periods_commentary(client, partnership, ks2, periods, owner):
    client.force_login(owner)
    page = client.get(write_url(partnership, ks2))
    assert page.status_code == 200
    assert page.context["period"] == periods[1]  # the latest by default
    response = client.post(
        write_url(partnership, ks2, periods[1]),
        {"version": NOTHING_YET, "story": STORY, "partners": PARTNERS},
    )
    assert response.status_code == 302
    assert response["Location"].endswith(f"/indicators/{ks2.code}/#commentary")
    commentary = IndicatorCommentary.objects.get()
    assert (commentary.period, commentary.story, commentary.written_by) == (
        periods[1],
        STORY,
        owner,
    )


def test_an_earlier_period_is_chosen_and_its_words_are_shown(
    client, partnership, ks2, periods, owner
):
    write_commentary(
        partnership=partnership,
        indicator=ks2,
        period=periods[0],
        parts={"story": "An earlier story."},
        by=owner,
        expected_version=NOTHING_YET,
    )
    client.force_login(owner)
    page = client.get(write_url(partnership, ks2, periods[0]))
    assert page.context["form"].initial["story"] == "An earlier story."
    assert page.context["form"].initial["version"] == 1
    assert "History of this commentary" in page.content.decode()


@pytest.mark.parametrize("who", ["contributor", "viewer", "outsider"])
def test_others_may_not_open_the_form(client, partnership, ks2, periods, owner, who, request):
    client.force_login(request.getfixturevalue(who))
    assert client.get(write_url(partnership, ks2)).status_code == 403


def test_anonymous_readers_are_sent_to_sign_in(client, partnership, ks2, periods):
    response = client.get(write_url(partnership, ks2))
    assert response.status_code == 302
    assert "/accounts/sign-in/" in response["Location"]
    assert client.post(write_url(partnership, ks2), {"story": "x"}).status_code == 302
    assert not IndicatorCommentary.objects.exists()


def test_a_concurrent_edit_is_refused_and_the_writer_told(
    client, partnership, ks2, periods, owner, manager
):
    url = write_url(partnership, ks2, periods[1])
    client.force_login(owner)
    client.post(url, {"version": NOTHING_YET, "story": "First."})
    # The owner opens the form at version 1; meanwhile the manager saves.
    client.force_login(manager)
    client.post(url, {"version": 1, "story": "The manager's."})
    client.force_login(owner)
    response = client.post(url, {"version": 1, "story": "Mine."})
    assert response.status_code == 200
    (error,) = response.context["form"].non_field_errors()
    assert f"was changed by {manager.get_full_name()}" in error and "have not been saved" in error
    assert "There is a problem" in response.content.decode()
    assert IndicatorCommentary.objects.get().story == "The manager's."


def test_no_period_no_commentary(client, partnership, ks2, manager):
    client.force_login(manager)
    page = client.get(write_url(partnership, ks2))
    assert "has no value for" in page.content.decode()


def test_the_history_shows_old_and_new_words_who_and_when(
    client, partnership, ks2, periods, owner, viewer
):
    client.force_login(owner)
    url = write_url(partnership, ks2, periods[1])
    client.post(url, {"version": NOTHING_YET, "story": "Before the change."})
    client.post(url, {"version": 1, "story": "After the change.", "partners": "Schools."})
    client.logout()
    history = reverse("commentary:history", args=[partnership.slug, ks2.code, periods[1].pk])
    assert client.get(history).status_code == 302  # members only
    client.force_login(viewer)
    page = client.get(history)
    changed, written = page.context["revisions"]
    assert (changed.action, changed.who, written.action, written.who) == (
        "Changed",
        "Olive",
        "Written",
        "Olive",
    )
    assert changed.words == [
        ("Partners with a role to play", "", "Schools."),
        ("The story behind the curve", "Before the change.", "After the change."),
    ]
    assert written.words == [("The story behind the curve", "", "Before the change.")]
    text = page.content.decode()
    assert "Changed by Olive" in text and "Written by Olive" in text
    assert "After the change." in text and "Before the change." in text


def test_the_indicator_page_shows_the_latest_commentary(
    client, partnership, ks2, periods, owner, action_of_the_year, django_assert_max_num_queries
):
    write_the_year(action_of_the_year, ks2, periods[1], by=owner)
    IndicatorCommentary.objects.create(
        partnership=partnership,
        indicator=ks2,
        period=periods[0],
        story="The year before.",
        written_at=timezone.now(),
    )
    url = reverse("indicators:indicator", args=[partnership.slug, ks2.code])
    with django_assert_max_num_queries(40):
        text = client.get(url).content.decode()
    assert escape(STORY) in text and escape(PARTNERS) in text
    assert "Commentary on earlier periods" in text and "The year before." in text
    assert text.index(escape(STORY)) < text.index("The year before.")
    assert "Write commentary" not in text and "Written by" not in text  # anonymous
    client.force_login(owner)
    text = client.get(url).content.decode()
    assert "Write or change commentary" in text and "Written by Olive" in text


def test_the_commentary_adds_a_fixed_number_of_queries(client, partnership, ks2, periods, owner):
    """However many periods have commentary, the part reads them in one query."""
    url = reverse("indicators:indicator", args=[partnership.slug, ks2.code])
    client.force_login(owner)

    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            client.get(url)
        return len(captured)

    write_commentary(
        partnership=partnership,
        indicator=ks2,
        period=periods[1],
        parts={"story": "One."},
        by=owner,
        expected_version=NOTHING_YET,
    )
    one = count()
    write_commentary(
        partnership=partnership,
        indicator=ks2,
        period=periods[0],
        parts={"story": "Two."},
        by=owner,
        expected_version=NOTHING_YET,
    )
    assert count() == one


def test_the_lead_writes_the_objectives_summary(
    client, partnership, delivery_plan, objective, objective_lead
):
    client.force_login(objective_lead)
    url = summary_url(partnership, "objective", objective)
    assert client.get(url).status_code == 200
    response = client.post(url, {"version": NOTHING_YET, "text": SUMMARY_OF_OBJECTIVE})
    assert response.status_code == 302
    assert response["Location"].endswith("/2014-15/plan/#summary-objective-41")
    assert YearSummary.objects.get().text == SUMMARY_OF_OBJECTIVE


@pytest.mark.parametrize("who", ["contributor", "viewer"])
def test_others_may_not_write_a_summary(
    client, partnership, objective, objective_lead, who, request
):
    client.force_login(request.getfixturevalue(who))
    url = summary_url(partnership, "objective", objective)
    assert client.get(url).status_code == 403
    assert client.post(url, {"version": 0, "text": "Not mine."}).status_code == 403
    assert not YearSummary.objects.exists()


def test_an_empty_summary_is_refused(client, partnership, aim, manager):
    client.force_login(manager)
    response = client.post(summary_url(partnership, "aim", aim), {"version": 0, "text": " "})
    assert "Write the summary of the year" in response.content.decode()


def test_the_plan_shows_each_summary_at_its_aim_and_objective(
    client,
    partnership,
    ks2,
    periods,
    action_of_the_year,
    objective_lead,
    django_assert_max_num_queries,
):
    write_the_year(action_of_the_year, ks2, periods[1], by=objective_lead)
    url = reverse("plans:tree", args=[partnership.slug, "2014-15"])
    with django_assert_max_num_queries(25):
        text = client.get(url).content.decode()
    aim_at = text.index(escape(SUMMARY_OF_AIM))
    objective_at = text.index(escape(SUMMARY_OF_OBJECTIVE))
    assert text.index('id="aim-') < aim_at < text.index("4.1 ") < objective_at
    assert "Change the summary" not in text
    client.force_login(objective_lead)
    text = client.get(url).content.decode()
    assert text.count("Change the summary") == 2
    history = summary_url(
        partnership, "objective", action_of_the_year.objective, "commentary:summary_history"
    )
    assert history in text


def test_a_private_plans_summaries_are_not_shown_to_anonymous_readers(
    client, partnership, ks2, periods, action_of_the_year, manager
):
    write_the_year(action_of_the_year, ks2, periods[1], by=manager)
    plan = action_of_the_year.delivery_plan.plan
    plan.visibility = "partners"
    plan.save()
    url = reverse("plans:tree", args=[partnership.slug, "2014-15"])
    response = client.get(url)
    assert escape(SUMMARY_OF_AIM) not in response.content.decode()
    history = summary_url(
        partnership, "aim", action_of_the_year.objective.aim, "commentary:summary_history"
    )
    assert client.get(history).status_code == 302


def test_the_summary_history(client, partnership, delivery_plan, aim, manager):
    summary = write_summary(
        delivery_plan=delivery_plan, subject=aim, text="First.", by=manager, expected_version=0
    )
    write_summary(
        delivery_plan=delivery_plan,
        subject=aim,
        text="Second.",
        by=manager,
        expected_version=summary.version,
    )
    client.force_login(manager)
    page = client.get(summary_url(partnership, "aim", aim, "commentary:summary_history"))
    ((_, old, new),) = page.context["revisions"][0].words
    assert (old, new) == ("First.", "Second.")


def test_the_plan_reads_the_years_summaries_once_however_many_it_shows(
    client, partnership, ks2, periods, action_of_the_year, objective_lead
):
    """A summary at every aim and objective costs no query of its own."""
    write_the_year(action_of_the_year, ks2, periods[1], by=objective_lead)
    url = reverse("plans:tree", args=[partnership.slug, "2014-15"])
    client.force_login(objective_lead)

    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            client.get(url)
        return len(captured)

    one = count()
    plan = action_of_the_year.delivery_plan.plan
    for code in ("5.1", "6.1"):
        more = ActionFactory(objective__aim__plan=plan, objective__code=code, code=f"{code}1")
        for subject in ({"aim": more.objective.aim}, {"objective": more.objective}):
            YearSummary.objects.create(
                delivery_plan=more.delivery_plan, text=code, written_at=timezone.now(), **subject
            )
    assert YearSummary.objects.count() == 6
    assert count() == one


def test_a_period_without_a_value_is_not_found(client, partnership, ks2, periods, manager):
    elsewhere = Period.stored(ks2.parse_period("2009/10"))
    client.force_login(manager)
    response = client.post(write_url(partnership, ks2, elsewhere), {"version": 0, "story": "x"})
    assert response.status_code == 404
    assert not IndicatorCommentary.objects.exists()
