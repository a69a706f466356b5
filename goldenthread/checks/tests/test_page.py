"""The quality check's page and its JSON download, for the partnership's readers."""

import pytest
from django.urls import reverse

from goldenthread.partnerships.models import Visibility
from goldenthread.plans.models import Action, DeliveryPlan
from goldenthread.plans.tests.factories import ActionFactory
from goldenthread.strategy.models import PlanDocument

from .factories import MilestoneFactory, SectionFactory

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
    with django_assert_max_num_queries(15):
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


def test_the_page_and_the_json_show_what_the_plan_means(client, clean):
    PlanDocument.objects.filter(pk=clean.document.pk).update(
        review_on="2014-03-31", review_label="March 2014"
    )
    section = SectionFactory(document=clean.document, heading="Resources", text="", line=317)
    page = client.get(URL).content.decode()
    assert '<h2 class="govuk-heading-l" id="empty-section">Sections with no text (1)</h2>' in page
    anchor = f"/thurrock/plan-document/#section-{section.order}"
    assert f'<a class="govuk-link" href="{anchor}">Section “Resources”</a>' in page
    assert "The review date, March 2014, has passed" in page
    findings = client.get(URL.replace("/check/", "/check.json")).json()
    assert {(f["rule"], f["url"]) for f in findings} == {
        ("empty-section", anchor),
        ("document-control", "/thurrock/plan-document/#document-control"),
    }
    # The links land on the parts of the plan document they name.
    document = client.get("/thurrock/plan-document/").content.decode()
    assert 'id="document-control"' in document
    assert f'id="section-{section.order}"' in document
