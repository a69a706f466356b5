"""Every address of the API, for every caller: lists hold only what the caller may read,
another partnership's records are not found, and writes need the web's permissions.

The partnerships, people and records are those of the web's role-by-URL walk
(``goldenthread/tests/test_access_by_url.py``); here the callers come with a token.
A new API address fails ``test_every_api_address_is_classified`` until it is walked.
"""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from goldenthread.api.models import ApiToken
from goldenthread.boards.models import Board, Meeting
from goldenthread.indicators.models import Target
from goldenthread.partnerships.models import Partnership
from goldenthread.plans.models import Action, Aim, Objective, Plan
from goldenthread.plans.tests.factories import make_lead
from goldenthread.tests.test_access_by_url import WHO, url_names, walk_world, world  # noqa: F401

# Each list with the records in it that belong to one partnership (by its slug).
OWNED = {
    "partnership": lambda slug: Partnership.objects.filter(slug=slug),
    "plan": lambda slug: Plan.objects.filter(partnership__slug=slug),
    "aim": lambda slug: Aim.objects.filter(plan__partnership__slug=slug),
    "objective": lambda slug: Objective.objects.filter(aim__plan__partnership__slug=slug),
    # Published delivery plans' actions: a draft's are for its managers (walked below).
    "action": lambda slug: Action.objects.filter(
        delivery_plan__plan__partnership__slug=slug, delivery_plan__is_draft=False
    ),
    "target": lambda slug: Target.objects.filter(partnership__slug=slug),
    "board": lambda slug: Board.objects.filter(partnership__slug=slug),
    "meeting": lambda slug: Meeting.objects.filter(board__partnership__slug=slug),
}
# Published statistics: national, the same for every caller.
PUBLIC = {"indicator", "datapoint"}
# Addresses that describe the API itself, open to anyone.
ABOUT = {"api:api-root", "api:schema", "api:docs"}
WRITES = {"api:action-updates", "api:target-list", "api:target-detail", "api:datapoint-list"}
# Walked in the web's test: a person's own tokens on their account page.
WEB = {"tokens:list", "tokens:revoke"}
NOT_FOUND = {"api:nowhere"}
EVALUATIONS = {"api:partnership-evaluations"}
# Who may write: the action's lead (a contributor), managers and administrators.
MAY_UPDATE_ACTION = {"contributor", "manager", "administrator", "superuser"}
MAY_MANAGE = {"manager", "administrator", "superuser"}


def api_names() -> set[str]:
    return {name for name in url_names() if name.startswith("api:")}


def caller(people: dict, who: str) -> APIClient:
    client = APIClient()
    if who != "anonymous":
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {ApiToken.issue(people[who], 't')[1]}")
    return client


@pytest.fixture
def places(world):  # noqa: F811
    here, there, people = world  # each with a target on its own indicator
    make_lead(OWNED["action"](here.slug).get(), people["contributor"])
    return here, there, people


def test_every_api_address_is_classified():
    lists = {f"api:{kind}-{end}" for kind in [*OWNED, *PUBLIC] for end in ("list", "detail")}
    walked = lists | ABOUT | WRITES | NOT_FOUND | EVALUATIONS
    assert api_names() == walked
    assert {name for name in url_names() if name.startswith("tokens:")} == WEB


@pytest.mark.parametrize("kind", sorted(OWNED))
def test_lists_and_records_hold_only_what_each_caller_may_read(places, kind):
    here, there, people = places
    theirs = set(OWNED[kind](there.slug).values_list("pk", flat=True))
    ours = set(OWNED[kind](here.slug).values_list("pk", flat=True))
    key = "slug" if kind == "partnership" else "id"
    for who in WHO:
        client = caller(people, who)
        response = client.get(f"/api/v1/{plural(kind)}/", {"page_size": 1000})
        assert response.status_code == 200, (who, kind, response.content)
        listed = {row[key] for row in response.json()["results"]}
        if kind == "partnership":
            listed = set(Partnership.objects.filter(slug__in=listed).values_list("pk", flat=True))
        sees_theirs = who in ("other", "superuser")
        assert ours <= listed, (who, kind)
        assert bool(theirs & listed) == sees_theirs, (who, kind)
        record = OWNED[kind](there.slug).first()
        address = f"/api/v1/{plural(kind)}/{record.slug if kind == 'partnership' else record.pk}/"
        assert client.get(address).status_code == (200 if sees_theirs else 404), (who, address)


def test_a_draft_delivery_plans_actions_are_for_its_managers(places):
    here, _, people = places
    draft = Action.objects.filter(
        delivery_plan__plan__partnership__slug=here.slug, delivery_plan__is_draft=True
    ).get()
    for who in WHO:
        response = caller(people, who).get(f"/api/v1/actions/{draft.pk}/")
        assert response.status_code == (200 if who in MAY_MANAGE else 404), who


def plural(kind: str) -> str:
    return {"datapoint": "data-points"}.get(kind, f"{kind}s")


@pytest.mark.parametrize("kind", sorted(PUBLIC))
def test_published_statistics_are_open_to_every_caller(places, kind):
    _, _, people = places
    for who in WHO:
        assert caller(people, who).get(f"/api/v1/{plural(kind)}/").status_code == 200, who


def test_the_api_describes_itself_to_anyone_and_unknown_addresses_are_problems(places):
    _, _, people = places
    for who in WHO:
        client = caller(people, who)
        for address in ("/api/v1/", "/api/v1/schema/?format=json", "/api/v1/docs/"):
            assert client.get(address).status_code == 200, (who, address)
        missing = client.get("/api/v1/no-such-thing/")
        assert missing.status_code == 404
        assert missing["Content-Type"] == "application/problem+json"


def test_evaluations_follow_the_partnerships_visibility(places):
    here, there, people = places
    for who in WHO:
        client = caller(people, who)
        assert client.get(f"/api/v1/partnerships/{here.slug}/evaluations/").status_code == 200
        expected = 200 if who in ("other", "superuser") else 404
        assert client.get(f"/api/v1/partnerships/{there.slug}/evaluations/").status_code == (
            expected
        ), who


def refused(response, who: str) -> bool:
    return response.status_code == (401 if who == "anonymous" else 403)


def test_action_updates_need_the_lead_or_a_manager(places):
    here, there, people = places
    action = OWNED["action"](here.slug).get()
    theirs = OWNED["action"](there.slug).get()
    for who in WHO:
        client = caller(people, who)
        action.refresh_from_db()
        update = {"commentary": f"From {who}", "expected_version": action.version}
        response = client.post(f"/api/v1/actions/{action.pk}/updates/", update, format="json")
        if who in MAY_UPDATE_ACTION:
            assert response.status_code == 201, (who, response.content)
        else:
            assert refused(response, who), (who, response.status_code)
        elsewhere = client.post(f"/api/v1/actions/{theirs.pk}/updates/", update, format="json")
        if who not in ("other", "superuser"):
            assert elsewhere.status_code == 404, who


def test_targets_and_values_are_written_by_managers_only(places):
    here, there, people = places
    target = Target.objects.get(partnership__slug=here.slug)
    theirs = Target.objects.get(partnership__slug=there.slug)
    area = Partnership.objects.get(slug=here.slug).area
    for who in WHO:
        client = caller(people, who)
        created = client.post(
            f"/api/v1/targets/?partnership={here.slug}",
            {"indicator": f"{here.slug}-indicator", "value": 60},
            format="json",
        )
        target.refresh_from_db()
        changed = client.patch(
            f"/api/v1/targets/{target.pk}/",
            {"value": 61, "expected_version": target.version},
            format="json",
        )
        value = client.post(
            "/api/v1/data-points/",
            {
                "indicator": f"{here.slug}-indicator",
                "area": area.code,
                "period": "2014/15",
                "value": 55,
            },
            format="json",
        )
        for response in (created, changed, value):
            if who in MAY_MANAGE:
                assert response.status_code in (200, 201), (who, response.content)
            else:
                assert refused(response, who), (who, response.status_code)
        elsewhere = client.patch(f"/api/v1/targets/{theirs.pk}/", {"value": 1}, format="json")
        if who not in ("other", "superuser"):
            assert elsewhere.status_code == 404, who
