import datetime as dt

import pytest
from django.urls import reverse

from goldenthread.partnerships.models import Role
from goldenthread.partnerships.tests.factories import member
from goldenthread.plans.models import DeliveryPlan
from goldenthread.strategy.importer import import_plan
from goldenthread.strategy.models import ApprovalEntry, DocumentStatus, PlanDocument, VersionEntry
from goldenthread.testing.corpus import PLAN_DOCUMENT

from .conftest import load_indicators

pytestmark = pytest.mark.django_db


def document_url(partnership) -> str:
    return reverse("strategy:document", args=[partnership.slug])


def thread_url(partnership) -> str:
    return reverse("strategy:golden_thread", args=[partnership.slug])


def test_the_document_page_shows_document_control_history_and_the_plan(client, imported):
    response = client.get(document_url(imported))

    assert response.status_code == 200
    page = response.content.decode()
    for words in [
        "Thurrock Children and Young People&#x27;s Plan 2013 – 2016",
        "Draft (the document says “Refresh”)",
        "Jo Olsson",
        "March 2014",
        "Amendments to version 0.1",
        "17 October 2012",
        "No approvals recorded.",
        "Resourceful and resilient people in resourceful and resilient communities",
        "A new relationship with schools (Carmel, please check/amend and add SEN)",
        "70 places are offered to eligible families",
        "Improve screening uptake – specify",
    ]:
        assert words in page
    assert "Target: 400 places by September 2013 on" in page
    assert reverse("indicators:indicator", args=[imported.slug, "two-year-old-places"]) in page
    assert "Record a new version" not in page  # only managers record versions
    assert reverse("checks:check", args=[imported.slug, "2014-15"]) in page


def test_the_document_page_says_when_there_is_no_document(client, partnership):
    response = client.get(document_url(partnership))
    assert "No plan document has been imported" in response.content.decode()


def test_a_private_partnerships_document_is_not_shown_to_a_stranger(
    client, private_partnership, outsider
):
    from goldenthread.plans.tests.factories import PlanFactory

    PlanFactory(partnership=private_partnership)
    load_indicators()
    import_plan(PLAN_DOCUMENT, partnership=private_partnership)

    assert client.get(document_url(private_partnership)).status_code == 302  # to sign in
    client.force_login(outsider)
    assert client.get(document_url(private_partnership)).status_code == 403
    assert client.get(thread_url(private_partnership)).status_code == 403
    client.force_login(member(private_partnership, Role.VIEWER, username="val"))
    assert client.get(document_url(private_partnership)).status_code == 200


def test_a_manager_records_a_new_version_and_the_history_grows(client, imported):
    document = PlanDocument.objects.get(plan__partnership=imported)
    old = list(document.versions.values_list("version", "reason", "date"))
    manager = member(imported, Role.MANAGER, username="mo")
    client.force_login(manager)

    response = client.post(
        reverse("strategy:new_version", args=[imported.slug]),
        {"version": "0.3", "reason": "Milestones completed after consultation"},
    )

    assert response.status_code == 302
    document.refresh_from_db()
    assert document.version == "0.3"
    entries = list(document.versions.all())
    assert [(e.version, e.reason, e.date) for e in entries[:2]] == old
    assert (entries[2].version, entries[2].reason, entries[2].recorded_by) == (
        "0.3",
        "Milestones completed after consultation",
        manager,
    )
    assert (
        "Milestones completed after consultation"
        in client.get(document_url(imported)).content.decode()
    )


def test_a_version_already_in_the_history_is_refused(client, imported):
    client.force_login(member(imported, Role.MANAGER, username="mo"))

    response = client.post(
        reverse("strategy:new_version", args=[imported.slug]), {"version": "0.2", "reason": "again"}
    )

    assert response.status_code == 400
    assert "already in the history" in response.content.decode()
    assert VersionEntry.objects.count() == 2


def test_a_manager_records_an_approval_which_approves_the_document(client, imported):
    client.force_login(member(imported, Role.MANAGER, username="mo"))

    response = client.post(
        reverse("strategy:new_approval", args=[imported.slug]),
        {"body": "Health and Wellbeing Board", "date": "27/03/2014"},
    )

    assert response.status_code == 302
    document = PlanDocument.objects.get(plan__partnership=imported)
    assert (document.status, document.approved_on) == (
        DocumentStatus.APPROVED,
        dt.date(2014, 3, 27),
    )
    assert document.approving_body == "Health and Wellbeing Board"
    entry = ApprovalEntry.objects.get()
    assert (entry.version, entry.approving_body) == ("0.1", "Health and Wellbeing Board")
    page = client.get(document_url(imported)).content.decode()
    assert "Approved" in page and "27 March 2014" in page


def test_an_approval_in_the_future_is_refused(client, imported):
    client.force_login(member(imported, Role.MANAGER, username="mo"))

    response = client.post(
        reverse("strategy:new_approval", args=[imported.slug]),
        {"body": "Health and Wellbeing Board", "date": "01/01/2099"},
    )

    assert response.status_code == 400
    assert "today or in the past" in response.content.decode()
    assert not ApprovalEntry.objects.exists()


@pytest.mark.parametrize("role", [Role.VIEWER, Role.CONTRIBUTOR])
def test_only_managers_record_versions_and_approvals(client, imported, role):
    client.force_login(member(imported, role, username="someone"))
    version = client.post(
        reverse("strategy:new_version", args=[imported.slug]), {"version": "9", "reason": "x"}
    )
    approval = client.post(
        reverse("strategy:new_approval", args=[imported.slug]), {"body": "X", "date": "01/01/2014"}
    )
    assert (version.status_code, approval.status_code) == (403, 403)
    assert VersionEntry.objects.count() == 2 and not ApprovalEntry.objects.exists()


def test_the_golden_thread_runs_from_priorities_to_actions_and_indicators(client, imported):
    response = client.get(thread_url(imported))

    page = response.content.decode()
    assert response.status_code == 200
    assert "Health and Well-Being Strategy" in page and "Thurrock Community Strategy" in page
    assert "Every child has the best possible start in life" in page
    assert "Build pride and respect to create safer communities" in page
    assert "The plan does not say which aims" in page
    assert "Why: shares “communities” with aim 2" in page
    assert "Why: the plan delivers it as a whole" in page
    action = DeliveryPlan.objects.current(imported).actions.get(code="8.11")
    assert reverse("plans:action", args=[imported.slug, action.pk]) in page
    assert reverse("indicators:indicator", args=[imported.slug, "neet-16-18"]) in page
    assert 'href="#aim-1"' in page and 'id="aim-1"' in page


def test_the_golden_thread_page_takes_a_fixed_number_of_queries(
    client, imported, django_assert_max_num_queries
):
    with django_assert_max_num_queries(20):
        client.get(thread_url(imported))


def test_the_document_page_takes_a_fixed_number_of_queries(
    client, imported, django_assert_max_num_queries
):
    with django_assert_max_num_queries(20):
        client.get(document_url(imported))
