"""The REST API: reads within what each caller may see, writes with the web's permissions,
tokens kept hashed, lists paged, filtered and in CSV, errors as problem details."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from goldenthread.api.models import ApiToken, digest
from goldenthread.api.serializers import EvaluationSerializer
from goldenthread.indicators.evaluation import as_dict
from goldenthread.indicators.importers.values import import_values
from goldenthread.indicators.models import DataPoint, DataRevision, Target
from goldenthread.indicators.scorecard import scorecard
from goldenthread.indicators.tests.world import build_areas, make_indicator, row, write_values
from goldenthread.partnerships.models import Role, Visibility
from goldenthread.partnerships.tests.factories import PartnershipFactory, member
from goldenthread.plans.models import NO_LEAD_LABEL, Action, Status
from goldenthread.plans.tests.factories import ActionFactory, PlanFactory, make_lead

API = "/api/v1/"


@pytest.fixture
def api():
    return APIClient()


def bearer(api: APIClient, user) -> str:
    _, token = ApiToken.issue(user, "tests")
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
    return token


@pytest.fixture
def hidden(db):
    """A partnership shared only with its partners, with one action."""
    elsewhere = PartnershipFactory(slug="elsewhere", visibility=Visibility.PARTNERS)
    ActionFactory(objective__aim__plan=PlanFactory(partnership=elsewhere), text="Confidential")
    return elsewhere


def test_anonymous_callers_read_only_what_is_public(api, seeded, hidden):
    partnerships = api.get(f"{API}partnerships/").json()["results"]
    assert [p["slug"] for p in partnerships] == ["thurrock"]
    actions = api.get(f"{API}actions/", {"page_size": 1000}).json()
    assert actions["count"] == 82
    assert api.get(f"{API}partnerships/elsewhere/").status_code == 404
    assert "Confidential" not in api.get(f"{API}actions/?partnership=elsewhere").content.decode()


def test_a_partner_reads_their_partnership_with_a_token(api, seeded, hidden):
    reader = member(hidden, Role.VIEWER, username="partner")
    bearer(api, reader)
    actions = api.get(f"{API}actions/", {"partnership": "elsewhere"}).json()["results"]
    assert [a["text"] for a in actions] == ["Confidential"]


def test_actions_come_with_their_updates_and_filter_by_year_status_and_aim(
    api, seeded, django_assert_max_num_queries
):
    with django_assert_max_num_queries(8):
        page = api.get(
            f"{API}actions/", {"year": "2014/15", "status": "completed", "aim": 4}
        ).json()
    expected = Action.objects.filter(status=Status.COMPLETED, objective__aim__number=4).count()
    assert page["count"] == expected > 0
    first = page["results"][0]
    assert first["status"] == "Completed" and first["year"] == "2014/15"
    assert first["updates"][0]["via"] == "import"
    not_known = Action.objects.with_status("not_known").count()
    assert api.get(f"{API}actions/", {"status": "not_known"}).json()["count"] == not_known > 0


def test_each_action_names_its_lead_by_the_one_rule(
    api, seeded, lead, nhs, django_assert_max_num_queries
):
    Action.objects.in_aim(1).update(lead_person=lead, lead_organisation=nhs)
    Action.objects.in_aim(2).update(lead_organisation=nhs)

    with django_assert_max_num_queries(8):
        actions = api.get(f"{API}actions/", {"page_size": 1000}).json()["results"]

    leads = {(a["lead"], a["lead_person"], a["lead_organisation"]) for a in actions}
    assert leads == {
        ("Nina Patel", "Nina Patel", "CCG"),
        ("CCG", None, "CCG"),
        (NO_LEAD_LABEL, None, None),
    }
    assert {a["lead_as_written"] for a in actions} == {""}  # the seed report names no lead


def test_lists_are_paged_and_come_as_csv(api, seeded):
    page = api.get(f"{API}actions/", {"page_size": 10, "page": 2}).json()
    assert len(page["results"]) == 10 and page["previous"] and page["next"]
    response = api.get(
        f"{API}actions/", {"partnership": "thurrock", "page_size": 1000, "format": "csv"}
    )
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert len(rows) == 82 and rows[0]["code"] and "status" in rows[0]


@pytest.mark.parametrize(
    "query",
    [
        {"year": "2014"},
        {"status": "finished"},
        {"aim": "four"},
        {"page": "last-but-one"},
        {"page": "0"},
    ],
)
def test_bad_input_gets_a_problem_not_a_server_error(api, seeded, query):
    response = api.get(f"{API}actions/", query)
    assert response.status_code in (400, 404)
    assert response["Content-Type"] == "application/problem+json"
    problem = response.json()
    assert {"type", "title", "status", "detail"} <= set(problem)


def test_a_lead_adds_an_update_and_a_stale_one_is_refused_with_409(api, seeded, contributor):
    action = make_lead(Action.objects.get(code="8.13"), contributor)
    bearer(api, contributor)
    url = f"{API}actions/{action.pk}/updates/"
    body = {
        "commentary": "Presented to the LSCB",
        "status": "completed",
        "expected_version": action.version,
    }
    response = api.post(url, body, format="json")
    assert response.status_code == 201, response.content
    action.refresh_from_db()
    assert action.status == Status.COMPLETED
    assert action.updates.get(commentary="Presented to the LSCB").via == "api"

    stale = api.post(url, body | {"commentary": "Again"}, format="json")
    assert stale.status_code == 409
    problem = stale.json()
    assert problem["current"]["version"] == action.version
    assert "after you opened it" in problem["detail"]
    assert not action.updates.filter(commentary="Again").exists()


def test_an_action_reads_when_it_falls_due_whether_it_is_overdue_and_its_confidence(
    api, seeded, django_assert_max_num_queries
):
    Action.objects.filter(code="8.11").update(
        status=Status.IN_PROGRESS, due_date=None, confidence="at_risk"
    )
    Action.objects.filter(code="8.12").update(status=Status.COMPLETED, due_date=None)
    with django_assert_max_num_queries(8):
        page = api.get(f"{API}actions/", {"year": "2014/15", "page_size": 1000}).json()
    by_code = {a["code"]: a for a in page["results"]}
    assert {k: by_code["8.11"][k] for k in ("falls_due", "overdue", "due_date")} == {
        "falls_due": "2015-03-31",  # no due date: the end of its delivery year
        "overdue": True,
        "due_date": None,
    }
    assert (by_code["8.11"]["confidence"], by_code["8.11"]["confidence_code"]) == (
        "At risk",
        "at_risk",
    )
    assert (by_code["8.12"]["overdue"], by_code["8.12"]["confidence"]) == (False, "Not given")

    overdue = api.get(f"{API}actions/", {"overdue": "true", "page_size": 1000}).json()
    assert {a["code"] for a in overdue["results"]} == set(
        Action.objects.overdue().values_list("code", flat=True)
    )
    at_risk = api.get(f"{API}actions/", {"confidence": "at_risk"}).json()
    assert [a["code"] for a in at_risk["results"]] == ["8.11"]


def test_a_lead_gives_a_confidence_with_an_update(api, seeded, contributor):
    action = make_lead(Action.objects.get(code="8.13"), contributor)
    bearer(api, contributor)
    url = f"{API}actions/{action.pk}/updates/"
    body = {"commentary": "Slipping", "confidence": "off_track", "expected_version": action.version}
    response = api.post(url, body, format="json")
    assert response.status_code == 201, response.content
    assert (response.json()["confidence"], response.json()["confidence_code"]) == (
        "Off track",
        "off_track",
    )
    action.refresh_from_db()
    assert action.confidence == "off_track"
    read = api.get(f"{API}actions/{action.pk}/").json()
    assert read["confidence"] == "Off track" and read["updates"][0]["confidence"] == "Off track"

    bad = api.post(
        url, body | {"confidence": "amber", "expected_version": action.version}, format="json"
    )
    assert bad.status_code == 400
    assert [e["field"] for e in bad.json()["errors"]] == ["confidence"]


def test_a_contributor_cannot_update_others_actions(api, seeded, contributor):
    action = Action.objects.get(code="8.15")
    bearer(api, contributor)
    response = api.post(
        f"{API}actions/{action.pk}/updates/",
        {"commentary": "Not mine", "expected_version": action.version},
        format="json",
    )
    assert response.status_code == 403
    assert response.json()["title"] == "You may not do this"
    invalid = api.post(f"{API}actions/{action.pk}/updates/", {"commentary": ""}, format="json")
    assert invalid.status_code in (400, 403)


def test_tokens_are_stored_hashed_and_revoked_from_the_account_page(
    client, api, seeded, contributor
):
    client.force_login(contributor)
    page = client.post(reverse("tokens:list"), {"name": "Power BI"}).content.decode()
    token = page.split('<code class="gt-token">')[1].split("</code>")[0]
    stored = ApiToken.objects.get(user=contributor)
    assert stored.digest == digest(token) and token not in str(stored.__dict__)

    api.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
    assert api.get(f"{API}actions/?page_size=1").status_code == 200
    stored.refresh_from_db()
    assert stored.last_used_at is not None

    client.post(reverse("tokens:revoke", args=[stored.pk]))
    response = api.get(f"{API}actions/?page_size=1")
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Bearer"


def test_managers_set_targets_and_a_second_edit_of_the_same_version_is_refused(
    api, seeded, manager
):
    make_indicator()
    bearer(api, manager)
    created = api.post(
        f"{API}targets/?partnership=thurrock",
        {"indicator": "ks2-rwm", "value": 80, "due_label": "2015/16"},
        format="json",
    )
    assert created.status_code == 201, created.content
    target = created.json()
    url = f"{API}targets/{target['id']}/"
    first = api.patch(url, {"value": 82, "expected_version": target["version"]}, format="json")
    assert first.status_code == 200 and first.json()["value"] == 82
    second = api.patch(url, {"value": 85, "expected_version": target["version"]}, format="json")
    assert second.status_code == 409
    assert "value is now 82.0 (you sent 85.0)" in second.json()["detail"]
    assert Target.objects.get(pk=target["id"]).value == 82


def in_thurrock(partnership) -> None:
    """The partnership's area is Thurrock, with England, its region and neighbours."""
    partnership.area = build_areas()["thurrock"]
    partnership.save()


def test_only_managers_write_targets_and_values(api, seeded, viewer):
    in_thurrock(seeded)
    make_indicator()
    bearer(api, viewer)
    response = api.post(
        f"{API}targets/?partnership=thurrock", {"indicator": "ks2-rwm", "value": 1}, format="json"
    )
    assert response.status_code == 403
    response = api.post(
        f"{API}data-points/",
        {"indicator": "ks2-rwm", "area": "E06000034", "period": "2014/15", "value": 70},
        format="json",
    )
    assert response.status_code == 403


def test_a_manager_adds_then_revises_a_value_and_bad_values_are_named(api, seeded, manager):
    in_thurrock(seeded)
    make_indicator()
    bearer(api, manager)
    value = {"indicator": "ks2-rwm", "area": "E06000034", "period": "2014/15", "value": 77}
    assert api.post(f"{API}data-points/", value, format="json").status_code == 201
    revised = api.post(f"{API}data-points/", value | {"value": 78}, format="json")
    assert revised.status_code == 201 and revised.json()["revision"] == 2
    point = DataPoint.objects.get()
    assert DataRevision.objects.get(data_point=point).value == 77

    too_big = api.post(f"{API}data-points/", value | {"value": 140}, format="json")
    assert too_big.status_code == 400
    assert "100" in str(too_big.json()["errors"])
    unknown = api.post(f"{API}data-points/", value | {"area": "E99999999"}, format="json")
    assert unknown.json()["errors"][0]["field"] == "area"
    assert DataPoint.objects.get().value == 78


def test_evaluations_boards_and_meetings_are_read(api, seeded):
    response = api.get(f"{API}partnerships/thurrock/evaluations/")
    assert response.status_code == 200 and "results" in response.json()
    assert api.get(f"{API}boards/", {"partnership": "thurrock"}).status_code == 200
    assert api.get(f"{API}meetings/", {"partnership": "thurrock"}).status_code == 200


def test_the_api_describes_itself(client, db):
    schema = client.get(reverse("api:schema") + "?format=json").json()
    assert schema["info"]["title"] == "goldenthread API"
    assert "/api/v1/actions/{id}/updates/" in schema["paths"]
    assert schema["components"]["securitySchemes"]["token"]["scheme"] == "bearer"
    components = schema["components"]["schemas"]
    assert {"falls_due", "overdue", "confidence", "confidence_code"} <= set(
        components["Action"]["properties"]
    )
    assert "confidence" in components["NewUpdateRequest"]["properties"]
    page = client.get(reverse("api:docs")).content.decode()
    assert "Every operation" in page and "/api/v1/actions/" in page


def test_an_evaluation_reads_the_same_in_the_api_as_in_the_json_reports(api, seeded, tmp_path):
    """One serialisation (indicators.evaluation.as_dict) for both, under the same names,
    and the API's description names every field it holds."""
    in_thurrock(seeded)
    make_indicator()
    values = [
        row(period="2013/14", value="74", numerator="1480", denominator="2000"),
        row(period="2014/15", value="77", numerator="1540", denominator="2000"),
        row(area="E92000001", period="2014/15", value="79"),
    ]
    import_values(write_values(tmp_path / "values.csv", values))
    expected = [as_dict(row.evaluation) for row in scorecard(seeded)]

    results = api.get(f"{API}partnerships/thurrock/evaluations/").json()["results"]

    assert results == json.loads(json.dumps(expected))
    assert set(EvaluationSerializer().fields) == set(expected[0])
    assert (results[0]["value"], results[0]["england"], results[0]["previous_value"]) == (
        77,
        79,
        74,
    )
    assert {"statistical_neighbours", "vs_england", "gap_to_england"} <= set(results[0])
