"""Managers add, change, retire and link indicators on the web: each change in the audit
trail, stale changes refused, and nobody changes what another partnership relies on."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest
from django.urls import reverse

from goldenthread.audit.models import AuditEntry
from goldenthread.indicators.models import Indicator, Target
from goldenthread.indicators.scorecard import ALL, WITH_DATA, Row, rows_to_show
from goldenthread.indicators.tests.world import make_indicator
from goldenthread.partnerships.tests.factories import member
from goldenthread.plans.tests.factories import ActionFactory, PlanFactory

NEW = {
    "code": "care-leavers-eet",
    "title": "Care leavers in education, employment or training",
    "aliases": "Care leavers EET\nCL in EET",
    "definition": "Care leavers aged 19-21 in education, employment or training.",
    "source": "SSDA903",
    "owner": "Head of Children's Social Care",
    "unit": "percentage",
    "per": "",
    "unit_label": "",
    "polarity": "high_is_good",
    "comparison": "",
    "period_type": "financial_year",
    "decimals": "1",
    "tolerance": "5",
    "update_cycle": "",
    "external_id": "",
}


@pytest.fixture
def own(partnership):
    """An indicator the partnership added, and so defines."""
    return make_indicator("care-leavers-eet", title="Care leavers in EET", partnership=partnership)


def url(name: str, partnership, *args) -> str:
    return reverse(f"indicators:{name}", args=[partnership.slug, *args])


def definition(indicator: Indicator, **changes) -> dict:
    fields = {name: getattr(indicator, name) for name in NEW if name != "code"}
    blank = {name: "" if value is None else value for name, value in fields.items()}
    return {**blank, "version": indicator.version, **changes}


def test_a_manager_adds_an_indicator_kept_by_the_partnership(client, manager, partnership):
    client.force_login(manager)
    scorecard = client.get(url("scorecard", partnership)).content.decode()
    assert url("add_indicator", partnership) in scorecard

    response = client.post(url("add_indicator", partnership), NEW)

    indicator = Indicator.objects.get(code="care-leavers-eet")
    assert response.url == url("link_indicator", partnership, indicator.code)
    assert (indicator.partnership, indicator.aliases, indicator.unit) == (
        partnership,
        "Care leavers EET\nCL in EET",
        "percentage",
    )
    created = AuditEntry.objects.get_for_object(indicator).get()
    assert created.action == AuditEntry.Action.CREATE and created.actor == manager
    assert created.changes["title"][1] == NEW["title"]


def test_bad_definitions_are_named_on_their_fields_and_nothing_is_added(
    client, manager, partnership
):
    make_indicator("taken")
    client.force_login(manager)
    sent = {**NEW, "code": "Taken", "title": "", "unit": "rate"}
    response = client.post(url("add_indicator", partnership), sent)
    errors = response.context["form"].errors
    assert errors["title"] == ["Enter the indicator's title"]
    assert errors["per"] == ["Choose what the rate is per, such as per 10,000"]
    assert errors["code"] == ["Another indicator already has this code"]
    page = response.content.decode()
    assert "There is a problem" in page and 'href="#id_title"' in page
    assert not Indicator.objects.filter(title="").exists()
    reserved = client.post(url("add_indicator", partnership), {**NEW, "code": "upload"})
    assert "names a page of the site" in reserved.context["form"].errors["code"][0]


def test_a_manager_changes_their_indicator_and_the_trail_has_old_and_new(client, manager, own):
    client.force_login(manager)
    page = client.get(url("indicator", own.partnership, own.code)).content.decode()
    assert url("edit_indicator", own.partnership, own.code) in page

    response = client.post(
        url("edit_indicator", own.partnership, own.code),
        definition(own, polarity="low_is_good", aliases="CL EET"),
    )

    assert response.status_code == 302
    own.refresh_from_db()
    assert (own.polarity, own.aliases, own.version) == ("low_is_good", "CL EET", 2)
    entry = AuditEntry.objects.get_for_object(own).latest("timestamp")
    assert entry.actor == manager and entry.changes["polarity"] == ["high_is_good", "low_is_good"]


def test_the_second_of_two_editors_is_refused_and_nothing_of_theirs_saved(
    client, manager, own, partnership
):
    read_by_both = Indicator.objects.get(pk=own.pk)
    client.force_login(member(partnership, "manager", username="another-manager"))
    client.post(url("edit_indicator", partnership, own.code), definition(read_by_both, decimals=0))

    client.force_login(manager)
    response = client.post(
        url("edit_indicator", partnership, own.code), definition(read_by_both, title="Renamed")
    )
    assert "changed by someone else after you read it" in response.content.decode()
    own.refresh_from_db()
    assert (own.title, own.decimals, own.version) == ("Care leavers in EET", 0, 2)


def test_national_indicators_are_kept_by_a_site_administrator(client, manager, superuser, ks2):
    partnership = manager.memberships.get().partnership
    client.force_login(manager)
    page = client.get(url("indicator", partnership, ks2.code)).content.decode()
    assert url("edit_indicator", partnership, ks2.code) not in page
    assert "which a site administrator keeps" in page
    assert client.get(url("edit_indicator", partnership, ks2.code)).status_code == 403
    assert client.post(url("retire_indicator", partnership, ks2.code), {}).status_code == 403

    client.force_login(superuser)
    client.post(url("edit_indicator", partnership, ks2.code), definition(ks2, decimals=1))
    ks2.refresh_from_db()
    assert ks2.decimals == 1


def test_no_manager_changes_another_partnerships_indicator(
    client, own, private_partnership, partnership, manager
):
    theirs = member(private_partnership, "manager", username="elsewhere-manager")
    client.force_login(theirs)
    edit = url("edit_indicator", private_partnership, own.code)
    assert client.post(edit, definition(own, title="Hijacked")).status_code == 403
    # Nor through their own partnership's address for ours.
    assert client.post(url("edit_indicator", partnership, own.code), {}).status_code == 403
    own.refresh_from_db()
    assert own.title == "Care leavers in EET"


def test_nobody_but_a_site_administrator_changes_what_another_partnership_relies_on(
    client, own, manager, private_partnership
):
    Target.objects.create(partnership=private_partnership, indicator=own, value=60)
    client.force_login(manager)
    response = client.post(url("edit_indicator", own.partnership, own.code), definition(own))
    assert response.status_code == 403
    page = client.get(url("indicator", own.partnership, own.code)).content.decode()
    assert "Another partnership relies on" in page
    assert private_partnership.name not in page


@pytest.mark.parametrize("who", ["viewer", "contributor"])
def test_readers_and_contributors_author_nothing(client, request, who, own, partnership):
    client.force_login(request.getfixturevalue(who))
    page = client.get(url("indicator", partnership, own.code)).content.decode()
    assert url("edit_indicator", partnership, own.code) not in page
    assert url("add_target", partnership, own.code) not in page
    for name, args in [
        ("add_indicator", ()),
        ("edit_indicator", (own.code,)),
        ("retire_indicator", (own.code,)),
        ("link_indicator", (own.code,)),
    ]:
        assert client.post(url(name, partnership, *args), NEW).status_code == 403


def test_anonymous_visitors_are_sent_to_sign_in(client, own, partnership):
    response = client.post(url("edit_indicator", partnership, own.code), {})
    assert response.status_code == 302 and "sign-in" in response.url
    assert not AuditEntry.objects.get_for_object(own).exclude(action=0).exists()


def test_a_retired_indicator_keeps_its_history_and_is_marked_retired(
    client, manager, own, partnership, areas
):
    Target.objects.create(partnership=partnership, indicator=own, value=60, text="60% by 2016")
    client.force_login(manager)
    response = client.post(
        url("retire_indicator", partnership, own.code),
        {"retired_on": "01/04/2016", "version": own.version},
    )
    assert response.status_code == 302
    own.refresh_from_db()
    assert own.retired_on == dt.date(2016, 4, 1) and own.targets.count() == 1
    entry = AuditEntry.objects.get_for_object(own).latest("timestamp")
    assert entry.changes["retired_on"] == [None, "2016-04-01"]
    page = client.get(url("indicator", partnership, own.code)).content.decode()
    assert "Retired from 1 April 2016" in page and "Bring it back into use" in page
    every = client.get(url("scorecard", partnership), {"show": ALL}).content.decode()
    assert 'Care leavers in EET</a> <strong class="govuk-tag govuk-tag--grey">Retired' in every

    refused = client.post(url("add_target", partnership, own.code), {"kind": "milestone"})
    assert "is retired: it takes no new targets" in refused.content.decode()


def test_a_retired_indicator_can_be_brought_back(client, manager, own, partnership):
    own.retired_on = dt.date(2016, 4, 1)
    own.save()
    client.force_login(manager)
    client.post(url("retire_indicator", partnership, own.code), {"version": own.version})
    own.refresh_from_db()
    assert own.retired_on is None


def test_the_scorecard_leaves_retired_indicators_off_unless_all_are_asked_for(own):
    own.retired_on = dt.date(2016, 4, 1)
    current = make_indicator("current")
    rows = [
        Row(SimpleNamespace(indicator=i, has_data=True, rag="green"), ()) for i in (own, current)
    ]
    assert [r.indicator for r in rows_to_show(rows, WITH_DATA)] == [current]
    # A scorecard as the data stood before it was retired still shows it.
    assert len(rows_to_show(rows, WITH_DATA, on=dt.date(2015, 3, 31))) == 2
    assert len(rows_to_show(rows, ALL)) == 2


@pytest.fixture
def linkable(partnership, plan, private_partnership, ks2):
    """Two of the partnership's actions, and another partnership's, linked to ks2."""
    ours = [ActionFactory(objective__aim__plan=plan, code=code) for code in ("1.11", "1.12")]
    theirs = ActionFactory(objective__aim__plan=PlanFactory(partnership=private_partnership))
    ks2.actions.add(ours[0], theirs)
    return SimpleNamespace(ours=ours, theirs=theirs, indicator=ks2)


def test_a_manager_links_any_indicator_to_their_plan_and_others_links_stay(
    client, manager, partnership, linkable, django_assert_max_num_queries
):
    client.force_login(manager)
    link = url("link_indicator", partnership, linkable.indicator.code)
    with django_assert_max_num_queries(14):
        page = client.get(link).content.decode()
    assert f'value="{linkable.ours[0].pk}" checked' in page
    assert f'value="{linkable.theirs.pk}"' not in page

    objective = linkable.ours[1].objective
    client.post(link, {"actions": [linkable.ours[1].pk], "objectives": [objective.pk]})

    assert set(linkable.indicator.actions.all()) == {linkable.ours[1], linkable.theirs}
    assert list(linkable.indicator.objectives.all()) == [objective]
    entry = AuditEntry.objects.get_for_object(linkable.indicator).latest("timestamp")
    assert entry.partnership_id == partnership.pk and entry.actor == manager
    assert entry.changes["plan_actions"] == ["Action 1.11 (2014/15)", "Action 1.12 (2014/15)"]
    assert entry in AuditEntry.objects.for_partnership(partnership)
    trail = client.get(reverse("audit:trail", args=[partnership.slug])).content.decode()
    assert "Plan actions" in trail and "Action 1.12 (2014/15)" in trail


def test_another_partnerships_actions_cannot_be_linked_or_unlinked(
    client, manager, partnership, linkable
):
    client.force_login(manager)
    link = url("link_indicator", partnership, linkable.indicator.code)
    response = client.post(link, {"actions": [linkable.theirs.pk]})
    assert "actions" in response.context["form"].errors
    assert linkable.theirs in linkable.indicator.actions.all()
