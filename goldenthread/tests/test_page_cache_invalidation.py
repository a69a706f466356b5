"""Every kind of change makes the next read fresh (issue 19): each test reads the pages
anonymously and signed in, twice, so that they are in the cache (whole pages for the
anonymous reader, fragments and evaluations for the signed-in one), makes a change as a
user does, and reads again. Nobody clears the cache: the data version moves on.

The cache is the real kind (files, as by default; goldenthread/testing), emptied before
each test. Runs on SQLite in `make test` and on PostgreSQL in `make test-postgres`.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from goldenthread.indicators.models import Indicator, Target
from goldenthread.indicators.tests.world import row, write_values
from goldenthread.partnerships.models import Membership, Role, Visibility
from goldenthread.people.models import Person
from goldenthread.plans.models import Action, DeliveryPlan, Status
from goldenthread.plans.tests.factories import make_lead

TREE = reverse("plans:tree", args=["thurrock", "2014-15"])
OVERVIEW = reverse("plans:overview", args=["thurrock"])
THREAD = reverse("strategy:golden_thread", args=["thurrock"])
ANNUAL = reverse("reports:report", args=["thurrock", "2014-15", "annual"])
CHECK = reverse("checks:check", args=["thurrock", "2014-15"])
SCORECARD = reverse("indicators:scorecard", args=["thurrock"])


def action_url(action: Action) -> str:
    return reverse("plans:action", args=["thurrock", action.pk])


def indicator_url(indicator: Indicator) -> str:
    return reverse("indicators:indicator", args=["thurrock", indicator.code])


def read(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return response.content.decode()


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def cached(readers: list[Client], *urls: str) -> None:
    """Each page read twice by each reader: the second anonymous read comes whole from
    the cache, so that what follows tests the cache, not a first rendering."""
    for url in urls:
        for reader in readers:
            first = read(reader, url)
            again = reader.get(url)
            if "_auth_user_id" not in reader.session and not url.startswith("/api/"):
                # (a signed-in page's tokens differ; the API keeps its data, not pages)
                assert again["X-Page-Cache"] == "hit", url
                assert again.content.decode() == first


def everyone_reads(readers: list[Client], text: str, *urls: str) -> None:
    for url in urls:
        for reader in readers:
            assert text in read(reader, url), (url, text)


@pytest.fixture
def readers(seeded, manager) -> list[Client]:
    """An anonymous reader and the partnership's manager."""
    return [Client(), signed_in(manager)]


@pytest.fixture
def measured(seeded, areas, ks2, tmp_path):
    """KS2 results for Thurrock, England, and the neighbours, linked to action 8.18."""
    from goldenthread.indicators.importers.values import import_values

    rows = [row(value="77"), row(period="2012/13", value="72"), row(area="E92000001", value="79")]
    import_values(write_values(tmp_path / "ks2.csv", rows))
    ks2.actions.add(Action.objects.get(code="8.18"))
    return ks2


def test_the_second_anonymous_read_is_one_query(seeded, django_assert_max_num_queries):
    read(Client(), TREE)
    with django_assert_max_num_queries(1):
        response = Client().get(TREE)
    assert response["X-Page-Cache"] == "hit"


def test_an_action_edited_by_a_manager(readers, manager):
    action = Action.objects.get(code="8.21")
    cached(readers, TREE, action_url(action), ANNUAL)
    readers[1].post(
        reverse("plans:edit_action", args=["thurrock", action.pk]),
        {"text": "Publish the neglect strategy widely", "measure": "", "lead": action.lead,
         "due_date": "31/03/2015", "version": action.version},
    )  # fmt: skip
    everyone_reads(readers, "Publish the neglect strategy widely", TREE, action_url(action), ANNUAL)


def test_an_update_by_the_actions_lead(readers, contributor):
    action = make_lead(Action.objects.get(code="8.13"), contributor)
    cached(readers, action_url(action), TREE)
    signed_in(contributor).post(
        action_url(action),
        {"status": Status.COMPLETED, "commentary": "Presented to the LSCB in March",
         "evidence_url": "", "version": action.version},
    )  # fmt: skip
    everyone_reads(readers, "Presented to the LSCB in March", action_url(action))
    tree = read(Client(), TREE)
    assert "Completed" in tree.split("8.13", 1)[1][:2000]


def test_an_aim_and_an_objective_renamed(readers, manager):
    objective = Action.objects.get(code="8.21").objective
    aim = objective.aim
    cached(readers, TREE, THREAD)
    readers[1].post(
        reverse("plans:edit_aim", args=["thurrock", aim.pk]),
        {"title": "Children safe from neglect", "version": aim.version},
    )
    readers[1].post(
        reverse("plans:edit_objective", args=["thurrock", objective.pk]),
        {"aim": aim.pk, "code": objective.code, "title": "Neglect found early",
         "version": objective.version},
    )  # fmt: skip
    everyone_reads(readers, "Children safe from neglect", TREE, THREAD)
    everyone_reads(readers, "Neglect found early", TREE, THREAD)


def test_a_report_section_written(readers, manager):
    cached(readers, ANNUAL)
    readers[1].post(
        reverse("reports:add_section", args=["thurrock", "2014-15"]),
        {"title": "A foreword", "where": "start", "body": "A year of **steady** work."},
    )
    everyone_reads(readers, "A year of <strong>steady</strong> work.", ANNUAL)


def test_a_persons_name_changed(readers, manager, lead):
    action = Action.objects.get(code="8.21")
    Action.objects.filter(pk=action.pk).update(lead_person=lead)  # before anything is read
    cached(readers, action_url(action), TREE)
    readers[1].post(
        reverse("people:edit_person", args=["thurrock", lead.pk]),
        {"name": "Nina Patel-Jones", "email": lead.email, "job_title": "",
         "organisations": [o.pk for o in lead.organisations.all()], "version": lead.version},
    )  # fmt: skip
    assert Person.objects.get(pk=lead.pk).name == "Nina Patel-Jones"
    everyone_reads(readers, "Nina Patel-Jones", action_url(action), TREE)


def test_visibility_from_public_to_partners(readers, administrator):
    cached(readers, TREE, OVERVIEW)
    plan = DeliveryPlan.objects.get().plan
    saved = signed_in(administrator).post(
        reverse("plans:visibility", args=["thurrock"]),
        {"partnership": Visibility.PARTNERS, f"plan_{plan.pk}": Visibility.PARTNERS},
    )
    assert saved.status_code == 302
    for url in (TREE, OVERVIEW):
        refused = Client().get(url)
        assert refused.status_code == 302 and "X-Page-Cache" not in refused
        assert read(readers[1], url)  # the manager still reads it


def test_a_member_made_manager_sees_what_managers_see(seeded, viewer, administrator):
    reader = signed_in(viewer)
    cached([reader], TREE)
    assert "Add an action" not in read(reader, TREE)
    membership = Membership.objects.get(user=viewer)
    signed_in(administrator).post(
        reverse("people:member_role", args=["thurrock", membership.pk]),
        {f"m{membership.pk}-role": Role.MANAGER},
    )
    assert "Add an action" in read(reader, TREE)


def test_a_member_removed_reads_no_more_of_a_partners_only_plan(seeded, viewer, administrator):
    DeliveryPlan.objects.get().plan.partnership.__class__.objects.filter(slug="thurrock").update(
        visibility=Visibility.PARTNERS
    )
    reader = signed_in(viewer)
    cached([reader], TREE)
    membership = Membership.objects.get(user=viewer)
    signed_in(administrator).post(
        reverse("people:member_role", args=["thurrock", membership.pk]), {"remove": "1"}
    )
    assert reader.get(TREE).status_code == 403


def test_a_value_posted_through_the_api(readers, measured, manager):
    cached(readers, SCORECARD, indicator_url(measured))
    response = readers[1].post(
        "/api/v1/data-points/",
        {"indicator": measured.code, "area": "E06000034", "period": "2014/15", "value": 83},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    everyone_reads(readers, "83%", SCORECARD, indicator_url(measured))


def test_values_imported_by_the_command(readers, measured, tmp_path):
    cached(readers, SCORECARD, indicator_url(measured))
    path = write_values(tmp_path / "more.csv", [row(period="2014/15", value="84")])
    call_command("import_data", str(path))
    everyone_reads(readers, "84%", SCORECARD, indicator_url(measured))


def test_a_target_set(readers, measured, manager):
    cached(readers, SCORECARD, indicator_url(measured))
    readers[1].post(
        reverse("indicators:add_target", args=["thurrock", measured.code]),
        {"kind": "milestone", "value": "81", "due": "", "due_label": "2013/14",
         "text": "81% by 2013/14"},
    )  # fmt: skip
    assert Target.objects.filter(indicator=measured).exists()
    everyone_reads(readers, "81% by 2013/14", indicator_url(measured))


def test_an_indicators_definition_changed(readers, measured, superuser):
    cached(readers, SCORECARD, indicator_url(measured))
    fields = ("title", "aliases", "definition", "source", "owner", "unit", "per", "unit_label",
              "polarity", "comparison", "period_type", "decimals", "tolerance", "update_cycle",
              "external_id")  # fmt: skip
    definition = {name: getattr(measured, name) for name in fields}
    signed_in(superuser).post(
        reverse("indicators:edit_indicator", args=["thurrock", measured.code]),
        {**{k: "" if v is None else v for k, v in definition.items()},
         "title": "Pupils reaching the expected standard", "version": measured.version},
    )  # fmt: skip
    assert Indicator.objects.get(pk=measured.pk).title == "Pupils reaching the expected standard"
    everyone_reads(readers, "Pupils reaching the expected standard", SCORECARD)


def test_area_reference_data_loaded_by_command(readers, measured, tmp_path):
    cached(readers, SCORECARD)
    las = tmp_path / "las.csv"
    las.write_text(
        "new_la_code,la_name,date_of_operation,date_of_termination,parent_geography_code,"
        "entity_code,entity_description,status,old_la_code\n"
        "E06000034,Thurrock Borough,01/04/1998,,E12000006,E06,Unitary Authorities,live,883\n"
    )
    call_command("import_areas", str(las))
    everyone_reads(readers, "Thurrock Borough", SCORECARD)


def test_a_new_day_reads_afresh(readers, monkeypatch):
    """Actions fall overdue as days pass, with no change: the day is part of the key."""
    from goldenthread.caching import keys

    cached(readers, TREE)
    tomorrow = keys.today() + dt.timedelta(days=1)
    monkeypatch.setattr(keys, "today", lambda: tomorrow)
    response = Client().get(TREE)
    assert response.status_code == 200 and "X-Page-Cache" not in response


API_ACTIONS = "/api/v1/actions/?year=2014/15"


def test_the_apis_action_list_after_an_edit_and_a_change_of_visibility(readers, administrator):
    action = Action.objects.get(code="8.21")
    cached(readers, API_ACTIONS)
    readers[1].post(
        reverse("plans:edit_action", args=["thurrock", action.pk]),
        {"text": "Publish the neglect strategy widely", "measure": "", "lead": action.lead,
         "due_date": "31/03/2015", "version": action.version},
    )  # fmt: skip
    everyone_reads(readers, "Publish the neglect strategy widely", API_ACTIONS)
    plan = DeliveryPlan.objects.get().plan
    signed_in(administrator).post(
        reverse("plans:visibility", args=["thurrock"]),
        {"partnership": Visibility.PARTNERS, f"plan_{plan.pk}": Visibility.PARTNERS},
    )
    assert "Publish the neglect strategy widely" not in read(Client(), API_ACTIONS)
    assert "Publish the neglect strategy widely" in read(readers[1], API_ACTIONS)


def test_a_draft_published(readers, viewer, manager):
    from goldenthread.lib.periods import FinancialYear
    from goldenthread.plans.rollover import roll_over

    plan = DeliveryPlan.objects.get().plan
    roll_over(plan, FinancialYear(2014), FinancialYear(2015))
    members = [*readers, signed_in(viewer)]
    cached(members, OVERVIEW)
    assert all("Delivery plan 2015/16" not in read(r, OVERVIEW) for r in members)
    readers[1].post(reverse("plans:draft_publish", args=["thurrock", "2015-16"]))
    everyone_reads(members, "Delivery plan 2015/16", OVERVIEW)
