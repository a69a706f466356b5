"""Who gets which page: every page for every role, public and private partnerships."""

import pytest
from django.urls import reverse

from goldenthread.partnerships.models import Role
from goldenthread.partnerships.tests.factories import member
from goldenthread.plans.models import Action

from .factories import ActionFactory, PlanFactory


def page_urls(partnership, action):
    slug, year = partnership.slug, "2014-15"
    return {
        "overview": reverse("plans:overview", args=[slug]),
        "tree": reverse("plans:tree", args=[slug, year]),
        "action": reverse("plans:action", args=[slug, action.pk]),
        "csv": reverse("plans:export", args=[slug, year, "csv"]),
        "xlsx": reverse("plans:export", args=[slug, year, "xlsx"]),
        "edit": reverse("plans:edit_action", args=[slug, action.pk]),
        "review": reverse("plans:review", args=[slug, year]),
    }


READ_PAGES = ["overview", "tree", "action", "csv", "xlsx"]
MANAGER_PAGES = ["edit", "review"]


@pytest.fixture
def private_action(private_partnership):
    plan = PlanFactory(partnership=private_partnership)
    return ActionFactory(objective__aim__plan=plan, code="1.11")


def status_of(client, url):
    response = client.get(url)
    if response.status_code == 302:
        return "sign in" if response["Location"].startswith(reverse("login")) else "redirect"
    return response.status_code


@pytest.mark.parametrize("page", READ_PAGES + MANAGER_PAGES)
def test_anonymous_visitors_read_a_public_partnership_but_manage_nothing(client, action, page):
    expected = 200 if page in READ_PAGES else "sign in"
    assert status_of(client, page_urls(action.delivery_plan.partnership, action)[page]) == expected


@pytest.mark.parametrize("page", READ_PAGES + MANAGER_PAGES)
def test_anonymous_visitors_are_sent_to_sign_in_for_a_private_one(client, private_action, page):
    urls = page_urls(private_action.delivery_plan.partnership, private_action)
    assert status_of(client, urls[page]) == "sign in"


@pytest.mark.parametrize(
    ("role", "page", "expected"),
    [
        *[(Role.VIEWER, page, 200) for page in READ_PAGES],
        *[(Role.VIEWER, page, 403) for page in MANAGER_PAGES],
        *[(Role.CONTRIBUTOR, page, 200) for page in READ_PAGES],
        *[(Role.CONTRIBUTOR, page, 403) for page in MANAGER_PAGES],
        *[(Role.MANAGER, page, 200) for page in READ_PAGES + MANAGER_PAGES],
    ],
)
def test_members_of_a_private_partnership_get_what_their_role_allows(
    client, private_action, role, page, expected
):
    partnership = private_action.delivery_plan.partnership
    client.force_login(member(partnership, role))
    assert status_of(client, page_urls(partnership, private_action)[page]) == expected


@pytest.mark.parametrize("page", READ_PAGES + MANAGER_PAGES)
def test_someone_from_another_partnership_sees_nothing_private(
    client, private_action, outsider, page
):
    client.force_login(outsider)
    urls = page_urls(private_action.delivery_plan.partnership, private_action)
    assert status_of(client, urls[page]) == 403


@pytest.mark.parametrize("page", READ_PAGES + MANAGER_PAGES)
def test_a_superuser_reaches_every_page(client, private_action, superuser, page):
    client.force_login(superuser)
    urls = page_urls(private_action.delivery_plan.partnership, private_action)
    assert status_of(client, urls[page]) == 200


def test_an_action_is_only_found_under_its_own_partnership(client, action, private_action):
    url = reverse("plans:action", args=[action.delivery_plan.partnership.slug, private_action.pk])
    assert client.get(url).status_code == 404


def test_a_year_without_a_delivery_plan_is_not_found(client, action):
    slug = action.delivery_plan.partnership.slug
    assert client.get(reverse("plans:tree", args=[slug, "2019-20"])).status_code == 404


def test_home_lists_only_the_partnerships_a_person_may_see(
    client, action, private_action, outsider
):
    response = client.get("/")
    assert response.status_code == 302  # only one visible: straight to it
    assert response["Location"] == reverse(
        "plans:overview", args=[action.delivery_plan.partnership.slug]
    )
    private = private_action.delivery_plan.partnership
    client.force_login(member(private, Role.VIEWER))
    page = client.get("/").content.decode()
    assert private.name in page
    assert action.delivery_plan.partnership.name in page


@pytest.mark.parametrize("role", [None, Role.VIEWER])
def test_nobody_without_the_role_changes_anything(client, action, role):
    partnership = action.delivery_plan.partnership
    if role:
        client.force_login(member(partnership, role))
    urls = page_urls(partnership, action)
    posts = [
        (urls["action"], {"commentary": "Done", "status": "completed", "version": 1}),
        (urls["edit"], {"text": "Changed", "version": 1}),
        (
            reverse("plans:confirm_status", args=[partnership.slug, action.pk]),
            {"status": "completed", "version": 1},
        ),
    ]
    for url, data in posts:
        response = client.post(url, data)
        assert response.status_code in (302, 403)
        if response.status_code == 302:
            assert response["Location"].startswith(reverse("login"))
    action.refresh_from_db()
    assert (action.text, action.status, action.version) != ("Changed", "completed", 2)
    assert not action.updates.exists()
    assert not action.changes.exists()
    assert Action.objects.get(pk=action.pk).version == 1
