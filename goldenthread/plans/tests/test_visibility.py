"""Who may read what: a partnership, a plan and each published report are private,
shared with partners, or public."""

import pytest
from django.urls import reverse

from goldenthread.partnerships.models import Partnership, Role, Visibility
from goldenthread.partnerships.tests.factories import member
from goldenthread.plans.models import Action, DeliveryPlan
from goldenthread.plans.tests.factories import ActionFactory, DeliveryPlanFactory

OVERVIEW = reverse("plans:overview", args=["thurrock"])
TREE = reverse("plans:tree", args=["thurrock", "2014-15"])


@pytest.fixture
def year(plan):
    delivery_plan = DeliveryPlanFactory(plan=plan, year_start=2014)
    ActionFactory(delivery_plan=delivery_plan, objective__aim__plan=plan, text="Safeguarding audit")
    return delivery_plan


def set_visibility(item, visibility):
    item.visibility = visibility
    item.save()


def status(client, user, url) -> int:
    client.logout()
    if user is not None:
        client.force_login(user)
    return client.get(url).status_code


def test_a_partnership_shared_with_partners_is_for_anyone_with_a_role(
    client, partnership, year, viewer, outsider
):
    set_visibility(partnership, Visibility.PARTNERS)
    assert status(client, None, TREE) == 302
    assert status(client, outsider, TREE) == 403
    assert status(client, viewer, TREE) == 200
    assert list(Partnership.objects.visible_to(outsider)) == []
    assert list(Partnership.objects.visible_to(viewer)) == [partnership]


def test_a_private_partnership_is_for_its_managers_and_administrators(
    client, partnership, year, viewer, contributor, manager, administrator
):
    set_visibility(partnership, Visibility.PRIVATE)
    for reader in (viewer, contributor):
        assert status(client, reader, OVERVIEW) == 403
    for reader in (manager, administrator):
        assert status(client, reader, TREE) == 200


def test_a_private_plan_in_a_public_partnership_hides_its_actions(
    client, partnership, plan, year, viewer, manager
):
    set_visibility(plan, Visibility.PRIVATE)
    assert status(client, None, TREE) == 404
    assert status(client, viewer, TREE) == 404
    assert "Safeguarding audit" not in client.get(OVERVIEW).content.decode()
    assert not Action.objects.visible_to(viewer).exists()
    assert not DeliveryPlan.objects.visible_to(viewer).exists()
    assert status(client, manager, TREE) == 200
    assert Action.objects.visible_to(manager).count() == 1


def test_administrators_decide_who_may_read(client, partnership, plan, manager, administrator):
    url = reverse("plans:visibility", args=["thurrock"])
    assert status(client, manager, url) == 403
    client.force_login(administrator)
    response = client.post(
        url,
        {"partnership": Visibility.PARTNERS, f"plan_{plan.pk}": Visibility.PRIVATE},
        follow=True,
    )
    assert "Saved: Thurrock: Shared with partners" in response.content.decode()
    partnership.refresh_from_db()
    plan.refresh_from_db()
    assert (partnership.visibility, plan.visibility) == (Visibility.PARTNERS, Visibility.PRIVATE)
    page = client.post(url, {"partnership": "everyone"}).content.decode()
    assert "Select a valid choice" in page and "There is a problem" in page
    partnership.refresh_from_db()
    assert partnership.visibility == Visibility.PARTNERS


def test_a_role_in_one_partnership_reads_nothing_private_of_another(
    client, partnership, private_partnership
):
    reader = member(private_partnership, Role.ADMINISTRATOR, username="other")
    set_visibility(partnership, Visibility.PARTNERS)
    assert status(client, reader, OVERVIEW) == 403
