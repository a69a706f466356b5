"""A manager shapes the plan on the web: aims, objectives and actions, each change in the
audit trail; the next multi-year plan; and nobody else may."""

import html

import pytest
from django.apps import apps
from django.urls import reverse

from goldenthread.audit.models import AuditEntry
from goldenthread.partnerships.models import Role
from goldenthread.partnerships.tests.factories import member
from goldenthread.plans.models import Action, ActionChange, Aim, Objective, Plan, Status
from goldenthread.plans.tests.factories import (
    ActionFactory,
    AimFactory,
    DeliveryPlanFactory,
    ObjectiveFactory,
    make_lead,
)

SLUG = "thurrock"


@pytest.fixture
def aims(plan):
    """Aim 1 "Healthy lives" (objectives 1.1, with action 1.11 in 2014/15, and 1.2) and
    aim 2 "Safe from harm" (objective 2.1) of the 2013–2016 plan."""
    first = AimFactory(plan=plan, number=1, title="Healthy lives")
    second = AimFactory(plan=plan, number=2, title="Safe from harm")
    used = ObjectiveFactory(aim=first, code="1.1", title="Fewer children smoke")
    ObjectiveFactory(aim=first, code="1.2", title="More children swim")
    ObjectiveFactory(aim=second, code="2.1", title="Keep children safe online")
    ActionFactory(objective=used, code="1.11", status=Status.IN_PROGRESS)
    return first, second


def url(name: str, *args) -> str:
    return reverse(f"plans:{name}", args=[SLUG, *args])


def page(response) -> str:
    return html.unescape(response.content.decode())


def latest_entry(record) -> AuditEntry:
    return AuditEntry.objects.get_for_object(record).order_by("-timestamp", "-id").first()


# Aims


def test_a_manager_adds_an_aim_and_the_trail_records_who_and_what(client, plan, aims, manager):
    client.force_login(manager)
    assert 'value="3"' in page(client.get(url("add_aim", plan.pk)))  # the next number offered

    response = client.post(url("add_aim", plan.pk), {"number": "3", "title": "Ready for work"})

    assert response.status_code == 302
    aim = plan.aims.get(number=3)
    assert aim.title == "Ready for work"
    entry = latest_entry(aim)
    assert (entry.action, entry.actor, entry.source) == (AuditEntry.Action.CREATE, manager, "web")
    assert entry.changes["title"] == [None, "Ready for work"]
    assert "Aim 3 has been added" in page(client.get(response["Location"]))


def test_an_aim_number_already_used_is_refused_in_the_error_summary(client, plan, aims, manager):
    client.force_login(manager)

    response = client.post(url("add_aim", plan.pk), {"number": "2", "title": "Another"})

    text = page(response)
    assert response.status_code == 200 and text.startswith("<!DOCTYPE html>")
    assert "<title>Error: " in text
    assert '<a href="#id_number">' in text
    assert f"{plan.title} already has an aim 2: choose another number." in text
    assert plan.aims.count() == 2


def test_editing_an_aims_title_is_recorded_old_and_new(client, aims, manager):
    first, _ = aims
    client.force_login(manager)

    client.post(url("edit_aim", first.pk), {"title": "Healthy, happy lives", "version": "1"})

    first.refresh_from_db()
    assert (first.title, first.version) == ("Healthy, happy lives", 2)
    entry = latest_entry(first)
    assert entry.actor == manager
    assert entry.changes == {"title": ["Healthy lives", "Healthy, happy lives"]}


def test_the_second_of_two_editors_of_an_aim_is_refused_and_told_who(
    client, aims, manager, partnership
):
    first, _ = aims
    other = member(partnership, Role.MANAGER, username="moira", first_name="Moira", last_name="Ng")
    client.force_login(other)
    client.post(url("edit_aim", first.pk), {"title": "Moira's title", "version": "1"})

    client.force_login(manager)
    response = client.post(url("edit_aim", first.pk), {"title": "Mandy's title", "version": "1"})

    assert response.status_code == 200
    assert "Aim 1 was changed by Moira Ng on " in page(response)
    assert "Your changes have not been saved" in page(response)
    first.refresh_from_db()
    assert first.title == "Moira's title"


def test_renumbering_aims_swaps_them_and_leaves_the_codes_reports_cite(client, plan, aims, manager):
    first, second = aims
    client.force_login(manager)
    data = {f"number_{first.pk}": "2", f"version_{first.pk}": "1"}
    data |= {f"number_{second.pk}": "1", f"version_{second.pk}": "1"}

    response = client.post(url("renumber_aims", plan.pk), data)

    assert response.status_code == 302
    assert list(plan.aims.values_list("title", flat=True)) == ["Safe from harm", "Healthy lives"]
    assert sorted(Objective.objects.values_list("code", flat=True)) == ["1.1", "1.2", "2.1"]
    assert Action.objects.get().code == "1.11"
    assert latest_entry(first).changes == {"number": [1, 2]}
    assert latest_entry(first).actor == manager


def test_two_aims_given_one_number_are_refused_and_nothing_moves(client, plan, aims, manager):
    first, second = aims
    client.force_login(manager)
    data = {f"number_{first.pk}": "2", f"version_{first.pk}": "1"}
    data |= {f"number_{second.pk}": "2", f"version_{second.pk}": "1"}

    response = client.post(url("renumber_aims", plan.pk), data)

    assert "2 is given to more than one aim: numbers must differ." in page(response)
    assert list(plan.aims.values_list("number", flat=True)) == [1, 2]


def test_a_retired_aim_is_kept_shown_retired_and_takes_nothing_new(client, plan, aims, manager):
    first, _ = aims
    client.force_login(manager)

    response = client.post(url("retire_aim", first.pk), {"version": "1"})

    assert response.status_code == 302
    first.refresh_from_db()
    assert first.is_retired and Action.objects.filter(objective__aim=first).exists()
    assert latest_entry(first).changes["retired_on"][0] is None
    structure = page(client.get(url("structure")))
    assert 'Aim 1: Healthy lives <strong class="govuk-tag govuk-tag--grey">Retired' in structure
    refused = client.post(url("add_objective", first.pk), {"code": "1.3", "title": "New"})
    assert "Aim 1 is retired: it takes no new objectives." in page(refused)
    add = page(client.get(url("add_action", "2014-15")))
    assert "Fewer children smoke" not in add and "Keep children safe online" in add

    client.post(url("retire_aim", first.pk), {"version": "2"})  # brought back
    first.refresh_from_db()
    assert not first.is_retired


def test_only_what_has_no_actions_may_be_deleted_and_the_trail_keeps_it(
    client, plan, aims, manager
):
    first, second = aims
    client.force_login(manager)
    structure = page(client.get(url("structure")))
    assert (
        url("delete_aim", second.pk) in structure and url("delete_aim", first.pk) not in structure
    )
    refused = client.post(url("delete_aim", first.pk), {"version": "1"})
    assert "Aim 1 has actions: retire it instead, and its history stays." in page(refused)
    unused = Objective.objects.get(code="1.2")

    client.post(url("delete_objective", unused.pk), {"version": "1"})
    client.post(url("delete_aim", second.pk), {"version": "1"})

    assert list(Objective.objects.values_list("code", flat=True)) == ["1.1"]
    assert list(plan.aims.values_list("number", flat=True)) == [1]
    gone = AuditEntry.objects.filter(action=AuditEntry.Action.DELETE, actor=manager)
    assert sorted(gone.values_list("object_repr", flat=True)) == [
        "1.2 More children swim",
        "2.1 Keep children safe online",
        "Aim 2: Safe from harm",
    ]


def test_an_objective_the_plan_document_names_is_not_deleted_with_its_milestones(
    client, aims, manager
):
    # By name: the plan document's app sits above this one.
    milestone = apps.get_model("strategy", "Milestone")
    unused = Objective.objects.get(code="1.2")
    milestone.objects.create(objective=unused, text="Every school has a swimming pool")
    client.force_login(manager)

    response = client.post(url("delete_objective", unused.pk), {"version": "1"})

    assert "Objective 1.2 is named by milestones: retire it instead, so they stay." in page(
        response
    )
    assert milestone.objects.filter(objective=unused).exists()


# Objectives


def test_a_manager_adds_an_objective_recorded_in_the_trail(client, aims, manager):
    _, second = aims
    client.force_login(manager)

    client.post(url("add_objective", second.pk), {"code": "2.2", "title": "Fewer exclusions"})

    objective = second.objectives.get(code="2.2")
    entry = latest_entry(objective)
    assert entry.actor == manager and entry.changes["title"] == [None, "Fewer exclusions"]
    again = client.post(url("add_objective", second.pk), {"code": "1.1", "title": "Duplicate"})
    assert "1.1 is already the code of another objective of the plan." in page(again)


def test_an_objective_moves_to_another_aim_keeping_its_code(client, aims, manager):
    first, second = aims
    objective = first.objectives.get(code="1.1")
    client.force_login(manager)
    form = page(client.get(url("edit_objective", objective.pk)))
    assert 'name="code"' in form and "disabled" in form.split('name="code"', 1)[1][:120]

    client.post(
        url("edit_objective", objective.pk),
        {"aim": second.pk, "code": "9.9", "title": "Fewer young people smoke", "version": "1"},
    )

    objective.refresh_from_db()
    assert (objective.aim, objective.code) == (second, "1.1")  # its actions are numbered 1.11
    assert objective.title == "Fewer young people smoke"
    changes = latest_entry(objective).changes
    assert changes["aim"] == [first.pk, second.pk]
    assert changes["title"] == ["Fewer children smoke", "Fewer young people smoke"]


def test_an_objective_without_actions_may_change_its_code(client, aims, manager):
    first, _ = aims
    objective = first.objectives.get(code="1.2")
    client.force_login(manager)

    client.post(
        url("edit_objective", objective.pk),
        {"aim": first.pk, "code": "1.3", "title": objective.title, "version": "1"},
    )

    objective.refresh_from_db()
    assert objective.code == "1.3"
    assert latest_entry(objective).changes["code"] == ["1.2", "1.3"]


def test_a_stale_objective_edit_is_refused(client, aims, manager):
    first, _ = aims
    objective = first.objectives.get(code="1.2")
    Objective.objects.filter(pk=objective.pk).update(version=2)
    client.force_login(manager)

    response = client.post(
        url("edit_objective", objective.pk),
        {"aim": first.pk, "code": "1.2", "title": "Late", "version": "1"},
    )

    assert "Objective 1.2 was changed by someone else" in page(response)
    objective.refresh_from_db()
    assert objective.title == "More children swim"


def test_a_retired_objective_is_left_off_new_actions(client, aims, manager):
    first, _ = aims
    objective = first.objectives.get(code="1.2")
    client.force_login(manager)

    client.post(url("retire_objective", objective.pk), {"version": "1"})

    objective.refresh_from_db()
    assert objective.is_retired
    assert "More children swim" not in page(client.get(url("add_action", "2014-15")))
    tree = page(client.get(url("tree", "2014-15")))
    assert "Add an action" in tree and "Aims and objectives" in tree


# Actions of a published delivery plan


def test_a_manager_adds_an_action_to_a_published_plan_each_field_recorded(
    client, aims, manager, lead
):
    objective = Objective.objects.get(code="2.1")
    client.force_login(manager)

    response = client.post(
        url("add_action", "2014-15"),
        {
            "objective": objective.pk,
            "code": "2.11",
            "text": "Train every school in online safety",
            "measure": "Schools trained",
            "lead_person": lead.pk,
            "due_date": "31/12/2014",
        },
    )

    action = Action.objects.get(code="2.11")
    assert response["Location"] == action.get_absolute_url()
    assert (action.lead_person, str(action.due_date)) == (lead, "2014-12-31")
    recorded = dict(action.changes.values_list("field", "new_value"))
    assert recorded["text"] == "Train every school in online safety"
    assert recorded["due_date"] == "2014-12-31"
    assert action.changes.filter(changed_by=manager).count() == len(recorded)


def test_actions_of_a_published_plan_are_renumbered_with_the_old_code_kept(client, aims, manager):
    action = Action.objects.get(code="1.11")
    client.force_login(manager)

    response = client.post(
        url("renumber_actions", "2014-15"),
        {f"code_{action.pk}": "1.12", f"version_{action.pk}": str(action.version)},
    )

    assert response.status_code == 302
    change = Action.objects.get(pk=action.pk).changes.get(field="code")
    assert (change.old_value, change.new_value, change.changed_by) == ("1.11", "1.12", manager)


def test_an_action_is_withdrawn_with_its_reason_and_a_stale_withdrawal_refused(
    client, aims, manager
):
    action = Action.objects.get(code="1.11")
    client.force_login(manager)
    stale = client.post(
        url("withdraw_action", action.pk), {"reason": "x", "version": str(action.version - 1)}
    )
    assert "was changed by" in page(stale)

    client.post(
        url("withdraw_action", action.pk),
        {"reason": "The service was recommissioned.", "version": str(action.version)},
    )

    action.refresh_from_db()
    assert action.status == Status.WITHDRAWN
    assert action.updates.get().commentary == "Withdrawn: The service was recommissioned."
    change = action.changes.get(field="status")
    assert (change.old_value, change.new_value, change.changed_by) == (
        Status.IN_PROGRESS,
        Status.WITHDRAWN,
        manager,
    )


def test_withdrawing_from_a_draft_is_dropping_it(client, plan, aims, manager):
    draft = DeliveryPlanFactory(plan=plan, year_start=2015, is_draft=True)
    action = ActionFactory(objective=Objective.objects.get(code="2.1"), delivery_plan=draft)
    client.force_login(manager)

    response = client.get(url("withdraw_action", action.pk))

    assert response["Location"] == url("draft_drop", "2015-16", action.pk)


# The next plan


def test_the_next_plan_is_set_up_with_the_objectives_chosen(client, plan, aims, manager):
    _, second = aims
    Objective.objects.filter(code="1.2").update(retired_on="2015-03-31")
    client.force_login(manager)
    form = page(client.get(url("next_plan")))
    assert 'value="2016/17"' in form and 'value="2018/19"' in form  # after a three-year plan
    kept = Objective.objects.get(code="1.1")

    response = client.post(
        url("next_plan"),
        {
            "title": "Children and Young People's Plan 2016–2019",
            "first_year": "2016/17",
            "last_year": "2018/19",
            "visibility": "public",
            "objectives": [kept.pk],
            "aims": [second.pk],
        },
    )

    assert response.status_code == 302
    new = Plan.objects.get(start_year=2016)
    assert (new.end_year, new.last_year.start) == (2019, 2018)
    assert [(a.number, a.title) for a in new.aims.all()] == [
        (1, "Healthy lives"),
        (2, "Safe from harm"),
    ]
    copied = Objective.objects.get(aim__plan=new)
    assert (copied.code, copied.title, copied.continues) == ("1.1", kept.title, kept)
    entry = latest_entry(new)
    assert entry.actor == manager and entry.action == AuditEntry.Action.CREATE


def test_a_plan_overlapping_another_is_refused(client, plan, aims, manager):
    client.force_login(manager)

    response = client.post(
        url("next_plan"),
        {
            "title": "Overlap",
            "first_year": "2015/16",
            "last_year": "2017/18",
            "visibility": "public",
        },
    )

    assert (
        f"{plan.title} already covers 2013/14 to 2015/16: a plan from 2015/16 to 2017/18 "
        "would overlap it." in page(response)
    )
    assert Plan.objects.count() == 1


def test_a_year_that_is_not_a_financial_year_is_named(client, plan, aims, manager):
    client.force_login(manager)

    response = client.post(
        url("next_plan"),
        {"title": "Next", "first_year": "next year", "last_year": "2015", "visibility": "public"},
    )

    assert "Enter a financial year such as 2016/17, not “next year”" in page(response)


# Who may


def test_the_structure_page_does_not_grow_queries_with_the_plan(
    client, plan, aims, manager, django_assert_max_num_queries
):
    for number in range(3, 13):
        aim = AimFactory(plan=plan, number=number)
        for n in range(1, 4):
            ObjectiveFactory(aim=aim, code=f"{number}.{n}")
    client.force_login(manager)

    with django_assert_max_num_queries(12):
        response = client.get(url("structure"))

    assert page(response).count("Edit<span") == 12 + 3 + 30
    assert page(response).count("Delete<span") == (12 - 1) + (3 - 1) + 30  # not aim 1, 1.1


GETS = [
    ("structure", ()),
    ("next_plan", ()),
    ("add_action", ("2014-15",)),
    ("renumber_actions", ("2014-15",)),
    ("rollover", ("2014-15",)),
]


@pytest.mark.parametrize("who", ["viewer", "contributor", "outsider"])
def test_only_managers_may_author(client, plan, aims, who, request):
    first, _ = aims
    user = request.getfixturevalue(who)
    objective, action = Objective.objects.get(code="1.1"), Action.objects.get()
    if who == "contributor":
        make_lead(action, user)  # leading an action lets them update it, not shape the plan
    client.force_login(user)
    urls = [url(name, *args) for name, args in GETS] + [
        url("add_aim", plan.pk),
        url("renumber_aims", plan.pk),
        url("edit_aim", first.pk),
        url("retire_aim", first.pk),
        url("add_objective", first.pk),
        url("edit_objective", objective.pk),
        url("retire_objective", objective.pk),
        url("delete_aim", first.pk),
        url("delete_objective", objective.pk),
        url("withdraw_action", action.pk),
    ]
    for address in urls:
        assert client.get(address).status_code == 403, address
    refused = client.post(url("edit_aim", first.pk), {"title": "Hijacked", "version": "1"})
    assert refused.status_code == 403
    assert Aim.objects.get(pk=first.pk).title == "Healthy lives"
    assert not ActionChange.objects.exists()


def test_anonymous_visitors_are_sent_to_sign_in(client, plan, aims):
    for name, args in GETS:
        response = client.get(url(name, *args))
        assert response.status_code == 302 and "/accounts/sign-in/" in response["Location"]
    response = client.post(url("add_aim", plan.pk), {"number": "5", "title": "Anonymous"})
    assert "/accounts/sign-in/" in response["Location"]
    assert not Aim.objects.filter(number=5).exists()


def test_only_managers_see_the_authoring_links(client, aims, viewer, manager):
    client.force_login(viewer)
    tree = page(client.get(url("tree", "2014-15")))
    assert "Add an action" not in tree and url("structure") not in tree
    overview = page(client.get(url("overview")))
    assert url("structure") not in overview and url("rollover", "2014-15") not in overview
    client.force_login(manager)
    tree = page(client.get(url("tree", "2014-15")))
    assert url("structure") in tree and url("rollover", "2014-15") in tree
    overview = page(client.get(url("overview")))
    assert url("structure") in overview and url("rollover", "2014-15") in overview


def test_a_manager_names_the_lead_of_an_aim_and_of_an_objective(client, aims, manager, lead):
    """The lead writes its summary of each year (``commentary``)."""
    first, _ = aims
    objective = first.objectives.get(code="1.1")
    client.force_login(manager)
    assert "Nina Patel" in page(client.get(url("edit_aim", first.pk)))
    client.post(url("edit_aim", first.pk), {"title": first.title, "lead": lead.pk, "version": "1"})
    client.post(
        url("edit_objective", objective.pk),
        {"aim": first.pk, "code": "1.1", "title": objective.title, "lead": lead.pk, "version": "1"},
    )
    first.refresh_from_db()
    objective.refresh_from_db()
    assert (first.lead, objective.lead) == (lead, lead)
    assert latest_entry(objective).changes["lead"] == [None, lead.pk]
    structure = page(client.get(url("structure")))
    assert structure.count("Nina Patel") == 2 and "No lead named" in structure
