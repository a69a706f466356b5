"""My actions: a lead updates all their actions in one sitting, or none if one changed."""

import pytest
from django.urls import reverse

from goldenthread.partnerships.models import Membership, Role
from goldenthread.partnerships.tests.factories import UserFactory
from goldenthread.plans.models import ActionUpdate, Status
from goldenthread.plans.services import add_update
from goldenthread.plans.tests.factories import ActionFactory


@pytest.fixture
def signed_in(client, contributor, world):
    """Connor, whose account is linked to Alice Lee."""
    client.force_login(contributor)
    return client


def my_url(world, update_round=None):
    if update_round is None:
        return reverse("rounds:my_actions", args=[world.partnership.slug])
    return reverse("rounds:round_my_actions", args=[world.partnership.slug, update_round.pk])


def row(action, status="", commentary="", evidence_url="", version=None):
    prefix = f"action-{action.pk}"
    return {
        f"{prefix}-status": status,
        f"{prefix}-commentary": commentary,
        f"{prefix}-evidence_url": evidence_url,
        f"{prefix}-version": action.version if version is None else version,
    }


def form_for(world, **rows):
    """The whole form as opened: every row blank unless given."""
    data = {}
    for action in (world.a1, world.a2, world.team):
        data |= rows.get(action.code.replace(".", "_"), row(action))
    return data


def test_it_lists_my_actions_and_my_organisations(signed_in, world):
    response = signed_in.get(my_url(world))

    assert response.status_code == 200
    # 8.15 is led by Alice's organisation; Bob's and the completed one are not shown.
    assert [r.action.code for r in response.context["rows"]] == ["8.11", "8.12", "8.15"]


def test_in_a_round_it_shows_the_deadline_and_what_is_updated(signed_in, world, update_round):
    page = signed_in.get(my_url(world, update_round)).content.decode()
    assert "Q3 2014/15 updates" in page and "15 January 2015" in page


def test_it_updates_several_actions_at_once_and_skips_blank_rows(signed_in, world, contributor):
    data = form_for(
        world,
        **{
            "8_11": row(world.a1, Status.COMPLETED, "Signed off by the board."),
            "8_12": row(world.a2, "", "Started the consultation.", "https://example.org/paper.pdf"),
        },
    )

    response = signed_in.post(my_url(world), data)

    assert response.status_code == 302
    world.a1.refresh_from_db()
    world.a2.refresh_from_db()
    assert (world.a1.status, world.a1.latest_commentary) == (
        "completed",
        "Signed off by the board.",
    )
    assert world.a2.status == "not_started"  # no status given: kept
    update = world.a2.updates.get()
    assert (update.author, update.evidence_url) == (contributor, "https://example.org/paper.pdf")
    assert not world.team.updates.exists()


def test_a_status_without_commentary_is_an_error_on_that_row(signed_in, world):
    data = form_for(
        world,
        **{
            "8_11": row(world.a1, "", "Fine."),
            "8_12": row(world.a2, Status.IN_PROGRESS, ""),
        },
    )

    response = signed_in.post(my_url(world), data)

    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page
    field_id = f"id_action-{world.a2.pk}-commentary"
    assert f'href="#{field_id}"' in page and f'id="{field_id}"' in page
    assert "Enter what has happened on action 8.12 since the last update" in page
    assert not ActionUpdate.objects.exists()  # the good row waits for the bad one
    assert "Fine." in page  # what was typed is kept


def test_an_all_blank_form_is_an_error(signed_in, world):
    response = signed_in.post(my_url(world), form_for(world))
    assert "Enter an update for at least one of your actions." in response.content.decode()


def test_if_one_action_changed_meanwhile_nothing_is_saved(signed_in, world, manager):
    data = form_for(
        world,
        **{
            "8_11": row(world.a1, "", "My news on 8.11."),
            "8_12": row(world.a2, Status.IN_PROGRESS, "My news on 8.12."),
        },
    )
    add_update(world.a2, by=manager, commentary="The manager got there first.")

    response = signed_in.post(my_url(world), data)

    assert response.status_code == 200
    page = response.content.decode()
    assert "Action 8.12 was changed by Person" in page  # the manager's name
    assert "My news on 8.11." in page and "My news on 8.12." in page
    assert not world.a1.updates.exists()
    assert world.a2.updates.count() == 1
    # Having read the latest, the lead saves again without retyping.
    [conflicted] = [r for r in response.context["rows"] if r.action == world.a2]
    world.a2.refresh_from_db()
    assert conflicted["version"].value() == str(world.a2.version)


def test_saving_again_after_a_conflict_saves_all(signed_in, world, manager):
    data = form_for(world, **{"8_12": row(world.a2, "", "Second try.")})
    add_update(world.a2, by=manager, commentary="First.")
    retry = signed_in.post(my_url(world), data)

    again = signed_in.post(
        my_url(world),
        {**data, f"action-{world.a2.pk}-version": retry.context["rows"][1]["version"].value()},
    )

    assert again.status_code == 302
    assert world.a2.updates.first().commentary == "Second try."


def test_posting_an_action_i_do_not_lead_changes_nothing(signed_in, world):
    data = form_for(world) | row(world.b1, Status.COMPLETED, "Not mine to say.")
    signed_in.post(my_url(world), data)
    assert not world.b1.updates.exists()


def test_an_account_not_linked_to_a_person_is_shown_no_actions_and_saves_none(
    client, manager, world
):
    client.force_login(manager)
    page = client.post(my_url(world), row(world.a1, commentary="Done"))
    assert "rows" not in page.context and not ActionUpdate.objects.exists()


def test_anonymous_visitors_are_asked_to_sign_in(client, world):
    response = client.get(my_url(world))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_my_actions_takes_the_same_queries_for_many_actions(
    signed_in, world, update_round, django_assert_max_num_queries
):
    for n in range(20):
        update_round.actions.add(
            ActionFactory(objective=world.a1.objective, code=f"9.{n + 1}", lead_person=world.alice)
        )
    with django_assert_max_num_queries(8):
        response = signed_in.get(my_url(world, update_round))
    assert len(response.context["rows"]) == 23


def test_a_manager_who_leads_nothing_is_told_why_and_where_to_go_not_refused(client, seeded):
    user = UserFactory()
    Membership.objects.create(user=user, partnership=seeded, role=Role.MANAGER)
    client.force_login(user)

    page = client.get(f"/{seeded.slug}/my-actions/")

    html = page.content.decode()
    assert page.status_code == 200
    assert "not linked to anyone who leads actions" in html
    assert f'href="/{seeded.slug}/people/"' in html  # where a manager links people
    assert f'href="/{seeded.slug}/rounds/"' in html  # every lead's progress
    assert "Plan 2014/15" in html  # the partnership's navigation


def test_a_contributor_who_leads_nothing_is_told_whom_to_ask(client, seeded):
    user = UserFactory()
    Membership.objects.create(user=user, partnership=seeded, role=Role.CONTRIBUTOR)
    client.force_login(user)

    html = client.get(f"/{seeded.slug}/my-actions/").content.decode()

    assert "ask one of the partnership's managers" in html
    assert f'href="/{seeded.slug}/people/"' not in html


def test_a_lead_gives_a_confidence_with_each_update_and_sees_it_and_what_is_overdue(
    signed_in, world
):
    """The confidence round-trips through the form; the list says in words what is overdue
    (2014/15 is long over, so every unfinished action is) and each one's confidence."""
    page = signed_in.get(my_url(world)).content.decode()
    assert page.count(">Overdue</strong>") == 3  # 8.11, 8.12 and 8.15, none finished
    assert "How confident are you that 8.11 will be delivered?" in page
    assert "Due 31 March 2015." in page

    a1 = row(world.a1, commentary="The board meets in June.")
    a1[f"action-{world.a1.pk}-confidence"] = "at_risk"
    a2 = row(world.a2)
    a2[f"action-{world.a2.pk}-confidence"] = "off_track"  # a confidence alone needs words
    response = signed_in.post(my_url(world), form_for(world, **{"8_11": a1, "8_12": a2}))
    assert "Enter what has happened on action 8.12 since the last update" in (
        response.content.decode()
    )

    a2[f"action-{world.a2.pk}-commentary"] = "Not begun: no budget."
    response = signed_in.post(my_url(world), form_for(world, **{"8_11": a1, "8_12": a2}))
    assert response.status_code == 302
    world.a1.refresh_from_db()
    world.a2.refresh_from_db()
    assert (world.a1.confidence, world.a2.confidence) == ("at_risk", "off_track")
    assert world.a1.updates.get().confidence_label == "At risk"
    page = signed_in.get(my_url(world)).content.decode()
    assert '<strong class="govuk-tag govuk-tag--yellow">At risk</strong>' in page
    assert '<strong class="govuk-tag govuk-tag--red">Off track</strong>' in page
