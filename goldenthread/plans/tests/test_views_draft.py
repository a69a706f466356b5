"""The draft delivery plan a rollover makes: the manager adds, drops, renumbers, publishes."""

import re

import pytest
from django.urls import reverse

from goldenthread.lib.periods import FinancialYear
from goldenthread.people.models import Person
from goldenthread.plans.drafts import DraftError, add_to_draft
from goldenthread.plans.models import Action, DeliveryPlan, Status
from goldenthread.plans.rollover import roll_over
from goldenthread.plans.services import add_update
from goldenthread.plans.tests.factories import ActionFactory, ObjectiveFactory

SLUG, YEAR = "thurrock", "2015-16"


@pytest.fixture
def draft(plan, lead, nhs):
    """2014/15 under objective 8.1 (8.11 completed, 8.12 carried forward, 8.13 in progress,
    led by Nina Patel of the CCG) and objective 8.2 (8.21 deferred, led by the CCG), rolled
    into a 2015/16 draft."""
    aim = ObjectiveFactory(aim__plan=plan, aim__number=8, code="8.1").aim
    second = ObjectiveFactory(aim=aim, code="8.2")
    for code, status in (
        ("8.11", Status.COMPLETED),
        ("8.12", Status.CARRIED_FORWARD),
        ("8.13", Status.IN_PROGRESS),
    ):
        ActionFactory(objective=aim.objectives.get(code="8.1"), code=code, status=status)
    ActionFactory(objective=second, code="8.21", status=Status.DEFERRED, lead_organisation=nhs)
    Action.objects.filter(code="8.13").update(lead_person=lead, lead_organisation=nhs)
    return roll_over(plan, FinancialYear(2014), FinancialYear(2015)).draft


def url(name: str, *args) -> str:
    return reverse(f"plans:{name}", args=[SLUG, YEAR, *args])


def action_page(action: Action) -> str:
    return reverse("plans:action", args=[SLUG, action.pk])


def old(code: str) -> Action:
    return Action.objects.get(delivery_plan__year_start=2014, code=code)


def test_the_draft_lists_its_actions_and_where_each_came_from(
    client, draft, manager, django_assert_max_num_queries
):
    client.force_login(manager)
    with django_assert_max_num_queries(12):
        page = client.get(url("draft")).content.decode()

    assert "Draft delivery plan 2015/16" in page
    assert "3 actions: 3 carried from 2014/15, 1 of them unfinished there" in page
    assert f'href="{action_page(old("8.12"))}">2014/15 action 8.12</a> (carried forward)' in page
    assert "Unfinished in 2014/15 (in progress): keep or drop it." in page
    assert "8.11" not in page  # completed: it stays behind


def test_the_draft_keeps_each_actions_lead_person_and_organisation(client, draft, manager):
    client.force_login(manager)
    page = client.get(url("draft")).content.decode()

    carried = draft.actions.get(code="8.13")
    assert (carried.lead_person.name, carried.lead_organisation.name) == ("Nina Patel", "CCG")
    row = page.split('id="action-8.13"', 1)[1].split("</tr>", 1)[0]
    assert '<td class="govuk-table__cell">Nina Patel, CCG</td>' in row
    row = page.split('id="action-8.21"', 1)[1].split("</tr>", 1)[0]
    assert '<td class="govuk-table__cell">CCG</td>' in row


def test_an_action_completed_after_the_rollover_is_no_longer_flagged_unfinished(
    client, draft, manager
):
    add_update(old("8.13"), by=manager, status=Status.COMPLETED, commentary="Done after all.")
    client.force_login(manager)

    page = client.get(url("draft")).content.decode()

    assert "Unfinished in 2014/15 (" not in page  # no action's review note
    assert "Review</strong>" not in page
    assert "3 actions: 3 carried from 2014/15, 0 of them unfinished there" in page
    row = page.split('id="action-8.13"', 1)[1].split("</tr>", 1)[0]
    assert "(completed)" in row
    assert "Completed in 2014/15 since it was carried: drop it unless there is more to do." in row


def test_the_draft_is_explained_beside_the_annual_reports_carried_forward_count(
    client, draft, manager
):
    draft_add = ObjectiveFactory(aim=draft.actions.first().objective.aim, code="8.3")
    ActionFactory(delivery_plan=draft, objective=draft_add, code="8.31")
    client.force_login(manager)

    page = client.get(url("draft")).content.decode()

    section = page.split('id="beside-the-report"', 1)[1].split("</table>", 1)[0]
    assert "The 2014/15 annual report counts 1 action carried forward" in section
    assert "This draft holds 4, because the rollover also copies" in section
    counts = dict(
        re.findall(
            r'header">([^<]+)</th><td class="govuk-table__cell[^"]*">(?:<strong>)?(\d+)', section
        )
    )
    assert counts == {
        "Carried forward in 2014/15 (the annual report's count)": "1",
        "Deferred in 2014/15": "1",
        "Unfinished in 2014/15: 1 in progress": "1",
        "Completed or withdrawn in 2014/15 since the rollover": "0",
        "Added to this draft": "1",
        "In this draft": "4",
    }


def test_the_draft_page_does_not_grow_queries_with_its_actions(
    client, draft, manager, lead, nhs, django_assert_max_num_queries
):
    objective = draft.actions.first().objective
    for n in range(30):
        ActionFactory(
            delivery_plan=draft,
            objective=objective,
            code=f"8.{30 + n}",
            lead_person=lead,
            lead_organisation=nhs,
        )
    client.force_login(manager)
    with django_assert_max_num_queries(12):
        assert client.get(url("draft")).status_code == 200


def test_the_action_pages_show_lineage_both_ways(client, draft, manager):
    client.force_login(manager)
    new = draft.actions.get(code="8.12")

    new_page = client.get(action_page(new)).content.decode()
    old_page = client.get(action_page(old("8.12"))).content.decode()

    assert (
        f'Carried forward from <a class="govuk-link" href="{action_page(old("8.12"))}">' in new_page
    )
    assert "2014/15 action 8.12</a>" in new_page
    assert "Carried forward from 2014/15 (action 8.12)." in new_page  # the update in its history
    assert f'Carried forward to <a class="govuk-link" href="{action_page(new)}">' in old_page
    assert "2015/16 as 8.12</a> (in the draft)" in old_page


def test_a_manager_adds_an_action(client, draft, manager):
    client.force_login(manager)
    objective = draft.plan.aims.get().objectives.get(code="8.1")
    response = client.post(
        url("draft_add"),
        {
            "objective": objective.pk,
            "code": "8.14",
            "text": "Audit of strategy discussions",
            "measure": "Audit report",
            "lead": "LSCB Business Manager",
            "due_date": "31/03/2016",
        },
        follow=True,
    )

    assert "Action 8.14 has been added to the draft." in response.content.decode()
    action = draft.actions.get(code="8.14")
    assert (action.text, action.lead, action.status) == (
        "Audit of strategy discussions",
        "LSCB Business Manager",
        Status.NOT_STARTED,
    )
    assert action.changes.get(field="code").changed_by == manager
    assert action.carried_from is None


def test_a_manager_adds_an_action_with_its_lead_person_and_organisation(
    client, draft, manager, lead, nhs
):
    client.force_login(manager)
    objective = draft.plan.aims.get().objectives.get(code="8.1")
    form = client.get(url("draft_add")).content.decode()
    assert f'<option value="{lead.pk}">Nina Patel</option>' in form

    client.post(
        url("draft_add"),
        {
            "objective": objective.pk,
            "code": "8.14",
            "text": "Audit of strategy discussions",
            "lead_person": lead.pk,
            "lead_organisation": nhs.pk,
        },
    )

    action = draft.actions.get(code="8.14")
    assert (action.lead_person, action.lead_organisation) == (lead, nhs)
    recorded = {c.field: c.new_value for c in action.changes.all()}
    assert (recorded["lead_person"], recorded["lead_organisation"]) == ("Nina Patel", "CCG")
    row = client.get(url("draft")).content.decode().split('id="action-8.14"', 1)[1]
    assert '<td class="govuk-table__cell">Nina Patel, CCG</td>' in row.split("</tr>", 1)[0]


@pytest.mark.parametrize(
    ("code", "objective_code", "error"),
    [
        ("8.12", "8.1", "8.12 is already the code of another action in 2015/16."),
        (
            "8.31",
            "8.1",
            "8.31 does not fit objective 8.1: number its actions 8.11, 8.12 and so on.",
        ),
        ("eight", "8.1", "Enter a code such as 8.11, not “eight”."),
    ],
)
def test_adding_an_action_with_a_bad_code_is_refused(
    client, draft, manager, code, objective_code, error
):
    client.force_login(manager)
    objective = draft.plan.aims.get().objectives.get(code=objective_code)
    response = client.post(url("draft_add"), {"objective": objective.pk, "code": code, "text": "X"})

    page = response.content.decode()
    assert "There is a problem" in page
    assert f'<a href="#id_code">{error}</a>' in page
    assert draft.actions.count() == 3


def test_a_manager_drops_an_action_and_its_source_shows_it_was_not_carried(
    client, draft, manager, viewer
):
    client.force_login(manager)
    action = draft.actions.get(code="8.13")
    response = client.post(url("draft_drop", action.pk), {"version": action.version}, follow=True)

    assert "Action 8.13 has been dropped from the draft." in response.content.decode()
    assert not draft.actions.filter(code="8.13").exists()
    client.force_login(viewer)
    page = client.get(action_page(old("8.13"))).content.decode()
    assert "Not carried forward: dropped from the draft (2015/16 action 8.13) by Person" in page


def test_dropping_an_action_that_changed_meanwhile_is_refused(client, draft, manager):
    client.force_login(manager)
    action = draft.actions.get(code="8.13")
    response = client.post(url("draft_drop", action.pk), {"version": action.version - 1})

    assert "after you opened it" in response.content.decode()
    assert draft.actions.filter(code="8.13").exists()


def test_a_manager_renumbers_two_actions_by_swapping_their_codes(client, draft, manager):
    client.force_login(manager)
    twelve, thirteen, twenty_one = draft.actions.order_by("sort_key")
    response = client.post(
        url("draft_renumber"),
        {
            f"code_{twelve.pk}": "8.13",
            f"version_{twelve.pk}": twelve.version,
            f"code_{thirteen.pk}": "8.12",
            f"version_{thirteen.pk}": thirteen.version,
            f"code_{twenty_one.pk}": "8.21",
            f"version_{twenty_one.pk}": twenty_one.version,
        },
        follow=True,
    )

    assert "2 actions renumbered." in response.content.decode()
    twelve.refresh_from_db()
    thirteen.refresh_from_db()
    assert (twelve.code, thirteen.code) == ("8.13", "8.12")
    change = twelve.changes.get(field="code")
    assert (change.old_value, change.new_value, change.changed_by) == ("8.12", "8.13", manager)


@pytest.mark.parametrize(
    ("codes", "error"),
    [
        (("8.13", "8.13", "8.21"), "8.13 is given to more than one action: codes must differ."),
        (
            ("8.12", "8.13", "8.14"),
            "8.14 does not fit objective 8.2: number its actions 8.21, 8.22 and so on.",
        ),
    ],
)
def test_renumbering_refuses_duplicate_codes_and_codes_of_another_objective(
    client, draft, manager, codes, error
):
    client.force_login(manager)
    actions = list(draft.actions.order_by("sort_key"))
    data = {f"code_{a.pk}": code for a, code in zip(actions, codes, strict=True)}
    data |= {f"version_{a.pk}": a.version for a in actions}
    page = client.post(url("draft_renumber"), data).content.decode()

    assert "There is a problem" in page and error in page
    assert sorted(draft.actions.values_list("code", flat=True)) == ["8.12", "8.13", "8.21"]


def test_renumbering_an_action_that_changed_meanwhile_changes_nothing(client, draft, manager):
    client.force_login(manager)
    twelve, thirteen, twenty_one = draft.actions.order_by("sort_key")
    page = client.post(
        url("draft_renumber"),
        {
            f"code_{twelve.pk}": "8.13",
            f"version_{twelve.pk}": twelve.version,
            f"code_{thirteen.pk}": "8.12",
            f"version_{thirteen.pk}": thirteen.version - 1,
            f"code_{twenty_one.pk}": "8.21",
            f"version_{twenty_one.pk}": twenty_one.version,
        },
    ).content.decode()

    assert "Action 8.13 was changed by" in page and "after you opened it" in page
    assert sorted(draft.actions.values_list("code", flat=True)) == ["8.12", "8.13", "8.21"]
    assert not twelve.changes.filter(field="code").exists()


def test_drafts_are_hidden_from_viewers_and_contributors(client, draft, viewer, contributor):
    new = draft.actions.get(code="8.12")
    for user in (viewer, contributor):
        client.force_login(user)
        assert client.get(url("draft")).status_code == 403
        assert client.get(url("tree")).status_code == 404
        assert client.get(url("export", "csv")).status_code == 404
        assert client.get(action_page(new)).status_code == 404
        overview = client.get(reverse("plans:overview", args=[SLUG])).content.decode()
        assert "2015/16" not in overview
        old_page = client.get(action_page(old("8.12"))).content.decode()
        assert "Carried forward to" not in old_page
    assert client.get(reverse("reports:report", args=[SLUG, YEAR, "annual"])).status_code == 404


def test_a_manager_sees_the_draft_in_the_plan_pages(client, draft, manager):
    client.force_login(manager)
    tree = client.get(url("tree")).content.decode()
    assert "Delivery plan 2015/16 (draft)" in tree
    assert f'href="{url("draft")}">Review and publish the draft' in tree
    overview = client.get(reverse("plans:overview", args=[SLUG])).content.decode()
    assert ">2015/16 (draft)</option>" in overview
    assert "Delivery plan 2014/15" in overview  # the latest published year comes first


def test_publishing_shows_the_plan_to_everyone(client, draft, manager, viewer):
    client.force_login(manager)
    response = client.post(url("draft_publish"), follow=True)

    assert "The 2015/16 delivery plan is published: everyone can read it." in (
        response.content.decode()
    )
    assert DeliveryPlan.objects.get(pk=draft.pk).is_draft is False
    assert client.get(url("draft")).status_code == 404  # no longer a draft
    client.force_login(viewer)
    assert client.get(url("tree")).status_code == 200
    assert client.get(action_page(draft.actions.get(code="8.12"))).status_code == 200


def test_only_managers_change_a_draft(client, draft, contributor):
    client.force_login(contributor)
    action = draft.actions.get(code="8.13")
    assert client.post(url("draft_publish")).status_code == 403
    assert client.post(url("draft_drop", action.pk), {"version": action.version}).status_code == 403
    assert client.post(url("draft_renumber"), {}).status_code == 403
    assert DeliveryPlan.objects.get(pk=draft.pk).is_draft


def test_a_lead_from_another_partnership_is_refused(draft, manager, private_partnership):
    stranger = Person.objects.create(partnership=private_partnership, name="X", email="x@x.org")
    objective = draft.plan.aims.get().objectives.get(code="8.1")

    with pytest.raises(DraftError, match="is not in"):
        add_to_draft(
            draft, by=manager, objective=objective, code="8.14", text="X", lead_person=stranger
        )
    assert not draft.actions.filter(code="8.14").exists()
