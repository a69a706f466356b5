"""The quality check's page and its JSON download, for the partnership's readers."""

import pytest
from django.urls import reverse

from goldenthread.partnerships.models import Visibility
from goldenthread.plans.models import Action, DeliveryPlan
from goldenthread.plans.tests.factories import ActionFactory

from .factories import MilestoneFactory

pytestmark = pytest.mark.django_db

URL = "/thurrock/2014-15/check/"


def test_its_address(clean):
    assert reverse("checks:check", args=["thurrock", "2014-15"]) == URL


def test_a_clean_plan_has_nothing_to_send_back(client, clean):
    page = client.get(URL).content.decode()
    assert "Nothing to send back" in page
    assert "Actions with no measure" in page  # the summary lists every rule


def test_it_counts_and_lists_findings_by_rule(client, clean):
    Action.objects.filter(pk=clean.action.pk).update(measure="")
    MilestoneFactory(
        commitment=clean.commitment, text="Improve screening uptake – specify", line=229
    )
    response = client.get(URL)
    page = response.content.decode()
    assert response.status_code == 200
    assert "2 things to put right and 0 to consider" in page
    assert f'<a class="govuk-link" href="/thurrock/actions/{clean.action.pk}/">Action 1.11' in page
    assert "“Improve screening uptake – specify”" in page
    assert "line 229" in page
    assert '<h2 class="govuk-heading-l" id="action-without-measure">' in page


def test_its_queries_do_not_grow_with_the_plan(client, clean, django_assert_max_num_queries):
    for n in range(30):
        ActionFactory(objective=clean.objective, code=f"1.{12 + n}", measure="")
    with django_assert_max_num_queries(14):
        response = client.get(URL)
    assert response.content.decode().count("The action has no measure.") == 30


def test_the_json_download_has_the_same_findings(client, clean):
    Action.objects.filter(pk=clean.action.pk).update(lead="")
    response = client.get(URL.replace("/check/", "/check.json"))
    assert response["Content-Disposition"] == (
        'attachment; filename="thurrock-plan-check-2014-15.json"'
    )
    [finding] = response.json()
    assert (finding["rule"], finding["where"]) == (
        "action-without-lead",
        "Action 1.11 (objective 1.1)",
    )


def test_a_private_partnership_is_for_its_readers(client, clean, viewer, outsider):
    clean.partnership.visibility = Visibility.PARTNERS
    clean.partnership.save()
    assert client.get(URL).status_code == 302  # to sign in
    client.force_login(outsider)
    assert client.get(URL).status_code == 403
    assert client.get(URL.replace("/check/", "/check.json")).status_code == 403
    client.force_login(viewer)
    assert client.get(URL).status_code == 200


def test_a_draft_is_checked_for_its_managers_only(client, clean, viewer, manager):
    DeliveryPlan.objects.filter(pk=clean.delivery_plan.pk).update(is_draft=True)
    client.force_login(viewer)
    assert client.get(URL).status_code == 404
    client.force_login(manager)
    assert "(draft)" in client.get(URL).content.decode()


@pytest.mark.parametrize("year", ["2015-16", "2014-16"])
def test_a_year_without_a_plan_is_not_found(client, clean, year):
    assert client.get(f"/thurrock/{year}/check/").status_code == 404
